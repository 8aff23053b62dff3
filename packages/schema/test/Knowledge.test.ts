import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import {
  type CreateKnowledgeRequest,
  EmptyResponse,
  KnowledgeCapacity,
  KnowledgeDocument,
  KnowledgeList,
  type UpdateDocumentRequest,
  validateCreateRequest,
  validateDocumentId,
  validateListParams,
  validateUpdateDocumentRequest,
  validateUpdateRequest
} from "../src/Knowledge.js"

describe("requests", () => {
  it.effect("accept every documented field", () =>
    Effect.gen(function*() {
      const create: CreateKnowledgeRequest = {
        embedding_id: 3,
        name: "Manuals",
        description: "d",
        customer_identifier: "c-1",
        background: "sky",
        icon: "wrench",
        bucket_id: "b-1"
      }
      assert.deepStrictEqual(yield* validateCreateRequest(create), create)
      assert.deepStrictEqual(yield* validateUpdateRequest({ name: "New" }), { name: "New" })
      const document: UpdateDocumentRequest = {
        knowledge_type: 5,
        custom_separator: ["##"],
        sentence_size: 300,
        callback_url: "https://example.com",
        callback_header: { a: "b" }
      }
      assert.deepStrictEqual(yield* validateUpdateDocumentRequest(document), document)
      assert.deepStrictEqual(yield* validateListParams({ page: 2, size: 20 }), { page: 2, size: 20 })
    }))

  it.effect("name each bad field", () =>
    Effect.gen(function*() {
      const create = yield* Effect.flip(validateCreateRequest({ embedding_id: 0, background: "green", colour: "x" }))
      assert.includeMembers(
        create.issues.map((i) => i.path),
        ["embedding_id", "name", "background", "colour"]
      )
      assert.include(create.message, "embedding_id: expected an integer ≥ 1, got 0")
      const document = yield* Effect.flip(validateUpdateDocumentRequest({ sentence_size: 1.5 }))
      assert.include(document.message, "knowledge_type: missing (required)")
      assert.include(document.message, "sentence_size")
      const list = yield* Effect.flip(validateListParams({ size: 101 }))
      assert.include(list.message, "size: expected an integer from 1 to 100, got 101")
      assert.include((yield* Effect.flip(validateDocumentId({ id: "" }))).message, "id: expected a string of 1 to 256")
    }))
})

describe("responses", () => {
  it("keep unknown fields and accept nulls", () => {
    const document = Schema.decodeUnknownSync(KnowledgeDocument)({
      id: "doc-1",
      embedding_stat: 2,
      failInfo: { embedding_code: 10002, embedding_msg: "too many words" },
      sentence_size: "300",
      name: null,
      bytes: 12
    })
    assert.strictEqual(document.failInfo?.embedding_code, 10002)
    assert.strictEqual(document.bytes, 12)
    const list = Schema.decodeUnknownSync(KnowledgeList)({ list: [{ id: "kb", icon: null, document_size: 2 }], total: 1 })
    assert.strictEqual(list.list?.[0]?.document_size, 2)
    const capacity = Schema.decodeUnknownSync(KnowledgeCapacity)({ used: { word_num: 1, length: 2 }, total: null })
    assert.isNull(capacity.total)
    assert.isUndefined(Schema.decodeUnknownSync(EmptyResponse)(undefined))
  })
})
