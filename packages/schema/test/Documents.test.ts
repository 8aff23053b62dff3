import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import * as Documents from "../src/Documents.js"

const decodeJson = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S) =>
  Schema.decodeUnknownEffect(Schema.fromJsonString(schema))

describe("Documents", () => {
  it.effect("layout parsing: strict fields, page range checked against start_page_id", () =>
    Effect.gen(function*() {
      const ok = yield* Documents.validateLayoutParsingRequest({ model: "glm-ocr", file: "https://x/y.png", start_page_id: 1, end_page_id: 1 })
      assert.strictEqual(ok.end_page_id, 1)
      const range = yield* Effect.flip(Documents.validateLayoutParsingRequest({ model: "glm-ocr", file: "b64", start_page_id: 4, end_page_id: 2 }))
      assert.deepStrictEqual(range.issues, [{ path: "end_page_id", message: "expected a page number ≥ start_page_id (4), got 2" }])
      const bad = yield* Effect.flip(Documents.validateLayoutParsingRequest({ file: "", user_id: "abc", need_layout_visualization: "yes" }))
      assert.deepStrictEqual(bad.issues.map((i) => i.path), ["model", "file", "need_layout_visualization", "user_id"])
    }))

  it.effect("multipart text fields are strict", () =>
    Effect.gen(function*() {
      const ocr = yield* Effect.flip(Documents.validateHandwritingOcrFields({ tool_type: "ocr", probability: 1, file: "x" }))
      assert.deepStrictEqual(ocr.issues.map((i) => i.path), ["file", "tool_type", "probability"])
      const create = yield* Effect.flip(Documents.validateFileParserCreateFields({ file_type: "PDF" }))
      assert.deepStrictEqual(create.issues.map((i) => i.path), ["tool_type"])
      const sync = yield* Documents.validateFileParserSyncFields({ tool_type: "prime-sync", file_type: "DOCX" })
      assert.strictEqual(sync.file_type, "DOCX")
    }))

  it.effect("decodes answers leniently", () =>
    Effect.gen(function*() {
      const layout = yield* decodeJson(Documents.LayoutParsingResponse)(JSON.stringify({
        id: "1",
        layout_details: [[{ index: 0, label: "formula", bbox_2d: [0.1, 0.2, 0.3, 0.4], content: "$$x$$", angle: 0 }], null],
        data_info: { num_pages: 1, pages: [{ width: 10, height: null }] },
        usage: { prompt_tokens: 1, completion_tokens: null, total_tokens: 1 }
      }))
      assert.strictEqual(layout.layout_details?.[0]?.[0]?.angle, 0)
      const ocr = yield* decodeJson(Documents.HandwritingOcrResponse)(JSON.stringify({
        task_id: "t",
        words_result_num: 1,
        words_result: [{ words: "hi", location: { left: 1, top: 2, width: 3, height: 4 }, probability: null }]
      }))
      assert.isNull(ocr.words_result?.[0]?.probability)
      const result = yield* decodeJson(Documents.FileParserResult)(JSON.stringify({ status: "processing", content: null, parsing_result_url: null, progress: 0.5 }))
      assert.strictEqual(result.progress, 0.5)
      const task = yield* Effect.flip(decodeJson(Documents.FileParserTask)(JSON.stringify({ message: "no id" })))
      assert.strictEqual(task._tag, "SchemaError")
    }))
})
