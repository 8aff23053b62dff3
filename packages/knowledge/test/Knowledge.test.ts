import { assert, describe, it, layer } from "@effect/vitest"
import type { Knowledge as Schemas } from "@zai-kit/schema"
import { Simulator } from "@zai-kit/testing"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Exit, Fiber, Schema, Stream } from "effect"
import { embeddingState, hasFailInfo, Knowledge } from "../src/Knowledge.js"
import { driveClock, failureOf, layer as knowledgeLayer, seedDocument, withBody } from "./utils.js"

const manuals: Schemas.CreateKnowledgeRequest = {
  embedding_id: 3,
  name: "Manuals",
  description: "Product manuals",
  background: "blue",
  icon: "book"
}

layer(knowledgeLayer({ asyncPolls: 2 }))("Knowledge", (it) => {
  describe("knowledge bases", () => {
    it.effect("create sends the validated body as JSON and decodes the knowledge base (nulls included)", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const knowledge = yield* Knowledge
        const kb = yield* knowledge.create(manuals)
        assert.match(kb.id, /^kb-[0-9a-f]{16}$/)
        assert.strictEqual(kb.name, "Manuals")
        assert.strictEqual(kb.embedding_id, 3)
        assert.strictEqual(kb.icon, "book")
        assert.isNull(kb.customer_identifier)
        assert.isNull(kb.bucket_id)
        assert.strictEqual(kb.document_size, 0)
        const [sent] = yield* Simulator.requests
        assert.strictEqual(sent?.method, "POST")
        assert.strictEqual(sent?.path, "/knowledge")
        assert.strictEqual(sent?.auth, "api-key")
        assert.match(sent?.headers["content-type"] ?? "", /^application\/json/)
        assert.strictEqual(sent?.headers.accept, "application/json")
        assert.deepStrictEqual(JSON.parse(sent?.rawBody ?? ""), manuals)
      }))

    it.effect("create rejects bad input naming each field, before anything is sent", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const knowledge = yield* Knowledge
        const error = failureOf(
          yield* Effect.exit(
            knowledge.create({
              // @ts-expect-error: a string id on purpose (a JavaScript caller, or data from outside)
              embedding_id: "3",
              name: "",
              // @ts-expect-error: an unknown icon on purpose
              icon: "cat"
            })
          )
        )
        assert.strictEqual(error._tag, "InvalidRequestInput")
        assert.include(error.message, 'embedding_id: expected number, got "3"')
        assert.include(error.message, "name: expected a string of 1 to 256 characters")
        assert.include(error.message, 'icon: expected "question" | "book"')
        assert.lengthOf(yield* Simulator.requests, 0)
      }))

    it.effect("the simulator answers 400 naming the bad field when validation is bypassed", () =>
      Effect.gen(function*() {
        const client = yield* ZaiClient.ZaiClient
        const send = (method: "POST" | "PUT", path: string, value: unknown) =>
          Effect.flip(client.json({ method, path, operation: "test", body: { _tag: "Json", value } }, Schema.Unknown))
        const missing = yield* send("POST", "/knowledge", { name: "x" })
        assert.strictEqual(missing._tag, "InvalidRequestError")
        assert.strictEqual(missing.code, "1213")
        assert.include(missing.message, "embedding_id")
        const invalid = yield* send("POST", "/knowledge", { embedding_id: 3, name: "x", background: "green" })
        assert.strictEqual(invalid.code, "1214")
        assert.include(invalid.message, "background")
        const kb = yield* (yield* Knowledge).create(manuals)
        const seeded = yield* seedDocument(kb.id, { name: "a.txt", text: "hello" })
        const badType = yield* send("PUT", `/document/${seeded.id}`, { knowledge_type: 9 })
        assert.strictEqual(badType.code, "1214")
        assert.include(badType.message, "knowledge_type")
      }))

    it.effect("update sends a PUT and answers nothing (an empty 200 body); the change shows in the list", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const knowledge = yield* Knowledge
        const kb = yield* knowledge.create(manuals)
        const result = yield* knowledge.update(kb.id, { name: "Handbooks", icon: "house" })
        assert.isUndefined(result)
        const [, sent] = yield* Simulator.requests
        assert.strictEqual(sent?.method, "PUT")
        assert.strictEqual(sent?.path, `/knowledge/${kb.id}`)
        assert.deepStrictEqual(sent?.body, { name: "Handbooks", icon: "house" })
        assert.strictEqual(sent?.status, 200)
        const [listed] = yield* Stream.runCollect(knowledge.list())
        assert.strictEqual(listed?.name, "Handbooks")
        assert.strictEqual(listed?.icon, "house")
        const bad = failureOf(yield* Effect.exit(knowledge.update(kb.id, { embedding_id: 0 })))
        assert.strictEqual(bad._tag, "InvalidRequestInput")
        assert.include(bad.message, "embedding_id: expected an integer ≥ 1, got 0")
      }))

    it.effect("list pages by page/size lazily; listPage answers one page", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const knowledge = yield* Knowledge
        const created = yield* Effect.forEach([1, 2, 3, 4, 5], (n) => knowledge.create({ ...manuals, name: `KB ${n}` }))
        const all = yield* Stream.runCollect(knowledge.list({ size: 2 }))
        assert.deepStrictEqual(
          all.map((kb) => kb.id),
          created.map((kb) => kb.id)
        )
        const lists = (yield* Simulator.requests).filter((r) => r.method === "GET")
        assert.deepStrictEqual(
          lists.map((r) => r.query),
          [
            { page: "1", size: "2" },
            { page: "2", size: "2" },
            { page: "3", size: "2" }
          ]
        )
        const before = (yield* Simulator.requests).length
        const two = yield* Stream.runCollect(knowledge.list({ size: 2, page: 2 }).pipe(Stream.take(2)))
        assert.deepStrictEqual(
          two.map((kb) => kb.name),
          ["KB 3", "KB 4"]
        )
        assert.lengthOf((yield* Simulator.requests).slice(before), 1)
        const page = yield* knowledge.listPage({ page: 3, size: 2 })
        assert.strictEqual(page.object, "list")
        assert.strictEqual(page.total, 5)
        assert.lengthOf(page.list ?? [], 1)
        const bad = failureOf(yield* Effect.exit(Stream.runCollect(knowledge.list({ size: 0 }))))
        assert.strictEqual(bad._tag, "InvalidRequestInput")
        assert.include(bad.message, "size: expected an integer from 1 to 100, got 0")
      }))

    it.effect("delete removes a knowledge base and its documents; then NotFoundError", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const knowledge = yield* Knowledge
        const kb = yield* knowledge.create(manuals)
        const document = yield* seedDocument(kb.id, { name: "a.txt", text: "one two three" })
        yield* knowledge.delete(kb.id)
        const sent = (yield* Simulator.requests).find((r) => r.method === "DELETE")
        assert.strictEqual(sent?.path, `/knowledge/${kb.id}`)
        assert.isUndefined(sent?.body)
        const again = failureOf(yield* Effect.exit(knowledge.delete(kb.id)))
        assert.strictEqual(again._tag, "NotFoundError")
        const gone = failureOf(yield* Effect.exit(knowledge.retrieveDocument(document.id)))
        assert.strictEqual(gone._tag, "NotFoundError")
        const badId = failureOf(yield* Effect.exit(knowledge.delete("")))
        assert.strictEqual(badId._tag, "InvalidRequestInput")
        assert.include(badId.message, "id: expected a string of 1 to 256 characters")
      }))

    it.effect("capacity sums the stored documents", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const knowledge = yield* Knowledge
        const empty = yield* knowledge.capacity()
        assert.deepStrictEqual(empty.used, { word_num: 0, length: 0 })
        assert.isAbove(empty.total?.word_num ?? 0, 0)
        const kb = yield* knowledge.create(manuals)
        yield* seedDocument(kb.id, { name: "a.txt", text: "alpha beta gamma" })
        yield* seedDocument(kb.id, { name: "b.txt", text: "delta epsilon" })
        const used = yield* knowledge.capacity()
        assert.deepStrictEqual(used.used, { word_num: 5, length: 29 })
        const request = (yield* Simulator.requests).find((r) => r.path === "/knowledge/capacity")
        assert.strictEqual(request?.method, "GET")
        const [listed] = yield* Stream.runCollect(knowledge.list())
        assert.strictEqual(listed?.document_size, 2)
        assert.strictEqual(listed?.word_num, 5)
      }))
  })

  describe("documents", () => {
    it.effect("waitForEmbedding polls until embedding_stat is 1 (done) under the test clock", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const knowledge = yield* Knowledge
        const kb = yield* knowledge.create(manuals)
        const seeded = yield* seedDocument(kb.id, { name: "guide.md", text: "how to reset the router" })
        const fiber = yield* Effect.forkChild(knowledge.waitForEmbedding(seeded.id))
        assert.isTrue(Exit.isSuccess(yield* driveClock(fiber)))
        const document = yield* Fiber.join(fiber)
        assert.strictEqual(document.embedding_stat, 1)
        assert.strictEqual(embeddingState(document), "done")
        assert.strictEqual(document.name, "guide.md")
        assert.strictEqual(document.word_num, 5)
        assert.isNull(document.failInfo)
        const polls = (yield* Simulator.requests).filter((r) => r.path === `/document/${seeded.id}`)
        assert.lengthOf(polls, 3)
        assert.isTrue(polls.every((r) => r.method === "GET"))
      }))

    it.effect("retrieveDocument shows embedding_stat advancing across polls", () =>
      Effect.gen(function*() {
        const knowledge = yield* Knowledge
        const kb = yield* knowledge.create(manuals)
        const seeded = yield* seedDocument(kb.id, { name: "faq.txt" })
        const states = yield* Effect.forEach([1, 2, 3, 4], () =>
          Effect.map(knowledge.retrieveDocument(seeded.id), (d) => [d.embedding_stat, embeddingState(d)] as const))
        assert.deepStrictEqual(states, [
          [0, "embedding"],
          [0, "embedding"],
          [1, "done"],
          [1, "done"]
        ])
      }))

    it.effect("a failed embedding fails waitForEmbedding with TaskFailedError carrying failInfo", () =>
      Effect.gen(function*() {
        const knowledge = yield* Knowledge
        const kb = yield* knowledge.create(manuals)
        const seeded = yield* seedDocument(kb.id, { name: "huge.pdf" }, { fail: true })
        const fiber = yield* Effect.forkChild(knowledge.waitForEmbedding(seeded.id))
        const error = failureOf(yield* driveClock(fiber))
        assert.strictEqual(error._tag, "TaskFailedError")
        if (error._tag !== "TaskFailedError") return
        assert.strictEqual(error.taskId, seeded.id)
        assert.strictEqual(error.code, "10001")
        assert.include(error.message, "the knowledge base is full")
        assert.strictEqual(error.taskStatus, "embedding_stat 2")
      }))

    it.effect("waitForEmbedding gives up with a poll TimeoutError; custom isDone is honoured", () =>
      Effect.gen(function*() {
        const knowledge = yield* Knowledge
        const kb = yield* knowledge.create(manuals)
        const seeded = yield* seedDocument(kb.id, { name: "slow.txt" })
        const fiber = yield* Effect.forkChild(knowledge.waitForEmbedding(seeded.id, { timeout: "500 millis" }))
        const error = failureOf(yield* driveClock(fiber, "1 second"))
        assert.strictEqual(error._tag, "TimeoutError")
        if (error._tag === "TimeoutError") assert.strictEqual(error.kind, "poll")
        // a custom reading wins: here 0 counts as done, so the first poll ends the wait
        const other = yield* seedDocument(kb.id, { name: "custom.txt" })
        const custom = yield* Effect.forkChild(
          knowledge.waitForEmbedding(other.id, { isDone: (d) => d.embedding_stat === 0 })
        )
        yield* driveClock(custom)
        assert.strictEqual((yield* Fiber.join(custom)).embedding_stat, 0)
        // and a custom isFailed too: 0 read as a failure
        const third = yield* seedDocument(kb.id, { name: "strict.txt" })
        const strict = yield* Effect.forkChild(
          knowledge.waitForEmbedding(third.id, { isFailed: (d) => d.embedding_stat === 0 })
        )
        const failed = failureOf(yield* driveClock(strict))
        assert.strictEqual(failed._tag, "TaskFailedError")
      }))

    it.effect("updateDocument sends the slicing options and starts embedding over", () =>
      Effect.gen(function*() {
        const knowledge = yield* Knowledge
        const kb = yield* knowledge.create(manuals)
        const seeded = yield* seedDocument(kb.id, { name: "notes.txt" })
        yield* knowledge.retrieveDocument(seeded.id)
        yield* knowledge.retrieveDocument(seeded.id)
        const before = (yield* Simulator.requests).length
        const update: Schemas.UpdateDocumentRequest = {
          knowledge_type: 2,
          custom_separator: ["\n\n"],
          sentence_size: 500,
          callback_url: "https://example.com/hook",
          callback_header: { "x-token": "abc" }
        }
        const result = yield* knowledge.updateDocument(seeded.id, update)
        assert.isUndefined(result)
        const [sent] = (yield* Simulator.requests).slice(before)
        assert.strictEqual(sent?.method, "PUT")
        assert.strictEqual(sent?.path, `/document/${seeded.id}`)
        assert.deepStrictEqual(sent?.body, update)
        const after = yield* knowledge.retrieveDocument(seeded.id)
        assert.strictEqual(after.embedding_stat, 0)
        assert.strictEqual(after.knowledge_type, 2)
        assert.deepStrictEqual(after.custom_separator, ["\n\n"])
        assert.strictEqual(after.sentence_size, 500)
        const bad = failureOf(
          yield* Effect.exit(
            knowledge.updateDocument(seeded.id, {
              // @ts-expect-error: out of range on purpose
              knowledge_type: 9,
              // @ts-expect-error: header values must be strings
              callback_header: { n: 1 }
            })
          )
        )
        assert.strictEqual(bad._tag, "InvalidRequestInput")
        assert.include(bad.message, "knowledge_type: expected 1 | 2 | 3 | 4 | 5, got 9")
        assert.include(bad.message, "callback_header.n: expected string, got 1")
      }))

    it.effect("deleteDocument sends a DELETE and answers nothing; then NotFoundError", () =>
      Effect.gen(function*() {
        const knowledge = yield* Knowledge
        const kb = yield* knowledge.create(manuals)
        const seeded = yield* seedDocument(kb.id, { name: "old.txt" })
        const before = (yield* Simulator.requests).length
        assert.isUndefined(yield* knowledge.deleteDocument(seeded.id))
        const [sent] = (yield* Simulator.requests).slice(before)
        assert.strictEqual(sent?.method, "DELETE")
        assert.strictEqual(sent?.path, `/document/${seeded.id}`)
        const gone = failureOf(yield* Effect.exit(knowledge.deleteDocument(seeded.id)))
        assert.strictEqual(gone._tag, "NotFoundError")
      }))
  })

  describe("faults", () => {
    it.effect("status faults map to typed errors, a truncated body to ResponseDecodeError", () =>
      Effect.gen(function*() {
        const knowledge = yield* Knowledge
        const limited = failureOf(yield* Effect.exit(knowledge.capacity({ headers: { "x-zai-sim-fault": "rate-limit" } })))
        assert.strictEqual(limited._tag, "RateLimitError")
        yield* Simulator.injectFaults(["insufficient-balance"])
        const balance = failureOf(yield* Effect.exit(knowledge.create(manuals)))
        assert.strictEqual(balance._tag, "InsufficientBalanceError")
        const truncated = failureOf(yield* Effect.exit(knowledge.listPage({}, { headers: { "x-zai-sim-fault": "corrupt-sse" } })))
        assert.strictEqual(truncated._tag, "ResponseDecodeError")
      }))
  })
})

describe("lenient decoding of hand-written answers", () => {
  it.effect("a document keeps unknown fields and accepts nulls and text sizes", () => {
    const body = {
      id: "doc-1",
      name: null,
      url: "https://example.com/a.pdf",
      length: null,
      word_num: 12,
      embedding_stat: 0,
      failInfo: null,
      sentence_size: "300",
      custom_separator: null,
      knowledge_id: "kb-1",
      slices: [{ index: 0 }]
    }
    const { layer, seen } = withBody(JSON.stringify(body))
    return Effect.gen(function*() {
      const knowledge = yield* Knowledge
      const document = yield* knowledge.retrieveDocument("doc-1")
      assert.isNull(document.name)
      assert.strictEqual(document.sentence_size, "300")
      assert.strictEqual(document.knowledge_id, "kb-1")
      assert.deepStrictEqual(document.slices, [{ index: 0 }])
      assert.strictEqual(embeddingState(document), "embedding")
      assert.strictEqual(seen[0]?.method, "GET")
      assert.strictEqual(seen[0]?.url, "http://zai.test/api/paas/v4/document/doc-1")
      assert.strictEqual(seen[0]?.headers.authorization, "Bearer sk-test")
    }).pipe(Effect.provide(layer))
  })

  it.effect("an empty 200 body and a JSON acknowledgement both count as success for the void operations", () =>
    Effect.gen(function*() {
      for (const body of ["", JSON.stringify({ code: 200, msg: "ok" })]) {
        const { layer, seen } = withBody(body)
        yield* Effect.gen(function*() {
          const knowledge = yield* Knowledge
          yield* knowledge.update("kb-1", { name: "x" })
          yield* knowledge.delete("kb-1")
          yield* knowledge.updateDocument("doc-1", { knowledge_type: 1 })
          yield* knowledge.deleteDocument("doc-1")
        }).pipe(Effect.provide(layer))
        assert.deepStrictEqual(
          seen.map((s) => `${s.method} ${s.url.replace("http://zai.test/api/paas/v4", "")}`),
          ["PUT /knowledge/kb-1", "DELETE /knowledge/kb-1", "PUT /document/doc-1", "DELETE /document/doc-1"]
        )
        assert.strictEqual(seen[0]?.body, JSON.stringify({ name: "x" }))
      }
    }))

  it.effect("capacity and list tolerate nulls and unknown fields", () => {
    const { layer } = withBody(
      JSON.stringify({ used: { word_num: 10, length: null }, total: null, list: null, object: "list", quota: "gold" })
    )
    return Effect.gen(function*() {
      const knowledge = yield* Knowledge
      const capacity = yield* knowledge.capacity()
      assert.strictEqual(capacity.used?.word_num, 10)
      assert.isNull(capacity.total)
      assert.strictEqual(capacity.quota, "gold")
      assert.lengthOf(yield* Stream.runCollect(knowledge.list()), 0)
    }).pipe(Effect.provide(layer))
  })
})

describe("embeddingState", () => {
  const doc = (fields: Partial<Schemas.KnowledgeDocument>): Schemas.KnowledgeDocument => ({ id: "d", ...fields })

  it("reads embedding_stat, with failInfo taking precedence", () => {
    // the legacy zhipuai SDK's meaning: 0 = embedding, 1 = done, 2 = failed
    assert.strictEqual(embeddingState(doc({})), "pending")
    assert.strictEqual(embeddingState(doc({ embedding_stat: null })), "pending")
    assert.strictEqual(embeddingState(doc({ embedding_stat: 0 })), "embedding")
    assert.strictEqual(embeddingState(doc({ embedding_stat: 1 })), "done")
    assert.strictEqual(embeddingState(doc({ embedding_stat: 2 })), "failed")
    assert.strictEqual(embeddingState(doc({ embedding_stat: 7 })), "pending")
    assert.strictEqual(embeddingState(doc({ embedding_stat: 1, failInfo: { embedding_code: 10002 } })), "failed")
    assert.strictEqual(embeddingState(doc({ embedding_stat: 1, failInfo: { embedding_code: 0, embedding_msg: "" } })), "done")
    assert.isFalse(hasFailInfo(doc({ failInfo: null })))
    assert.isTrue(hasFailInfo(doc({ failInfo: { embedding_msg: "too long" } })))
  })
})
