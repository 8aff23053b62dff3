import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { AsyncChatResult, AsyncResult, AsyncTask, isTerminal, type TaskStatus } from "../src/AsyncTasks.js"

const decodeJson = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S) =>
  Schema.decodeUnknownEffect(Schema.fromJsonString(schema))

describe("AsyncTasks", () => {
  it.effect("decodes a submission answer", () =>
    Effect.gen(function*() {
      const task = yield* decodeJson(AsyncTask)(
        "{\"id\":\"task-1\",\"request_id\":\"r-1\",\"model\":\"glm-4.6\",\"task_status\":\"PROCESSING\",\"extra\":1}"
      )
      assert.deepStrictEqual<unknown>(task, { id: "task-1", request_id: "r-1", model: "glm-4.6", task_status: "PROCESSING", extra: 1 })
      const status: TaskStatus | null | undefined = task.task_status
      assert.isFalse(isTerminal(status))
    }))

  it.effect("requires the task id (it is what gets polled)", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(decodeJson(AsyncTask)("{\"task_status\":\"PROCESSING\"}"))
      assert.strictEqual(error._tag, "SchemaError")
    }))

  it("knows the terminal statuses and accepts new ones", () => {
    assert.isTrue(isTerminal("SUCCESS"))
    assert.isTrue(isTerminal("FAIL"))
    assert.isFalse(isTerminal("PROCESSING"))
    assert.isFalse(isTerminal("QUEUED"))
    assert.isFalse(isTerminal(null))
    assert.isFalse(isTerminal(undefined))
  })

  it.effect("decodes a finished async chat result", () =>
    Effect.gen(function*() {
      const result = yield* decodeJson(AsyncChatResult)(JSON.stringify({
        id: "task-1",
        request_id: "r-1",
        model: "glm-4.6",
        task_status: "SUCCESS",
        choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Hello", reasoning_content: null } }],
        usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
        created: 1735700000
      }))
      assert.strictEqual(result.task_status, "SUCCESS")
      assert.strictEqual(result.choices?.[0]?.message?.content, "Hello")
      assert.strictEqual(result.usage?.total_tokens, 4)
    }))

  it.effect("decodes a chat result still processing, or failed", () =>
    Effect.gen(function*() {
      const pending = yield* decodeJson(AsyncChatResult)("{\"id\":\"t\",\"task_status\":\"PROCESSING\",\"choices\":null,\"usage\":null}")
      assert.isNull(pending.choices)
      const failed = yield* decodeJson(AsyncChatResult)(
        "{\"task_status\":\"FAIL\",\"error\":{\"code\":\"1301\",\"message\":\"unsafe\"}}"
      )
      assert.deepStrictEqual(failed.error, { code: "1301", message: "unsafe" })
    }))

  it.effect("generic result keeps image and video results and unknown fields", () =>
    Effect.gen(function*() {
      const decode = decodeJson(AsyncResult)
      const image = yield* decode(JSON.stringify({
        model: "glm-image",
        task_status: "SUCCESS",
        request_id: "r",
        image_result: [{ url: "https://example.com/a.png", width: 1024 }]
      }))
      assert.strictEqual(image.image_result?.[0]?.url, "https://example.com/a.png")
      assert.strictEqual(image.image_result?.[0]?.width, 1024)
      const video = yield* decode(JSON.stringify({
        model: "cogvideox-3",
        task_status: "SUCCESS",
        video_result: [{ url: "https://example.com/v.mp4", cover_image_url: "https://example.com/c.png" }],
        future_field: { a: [1, 2] }
      }))
      assert.strictEqual(video.video_result?.[0]?.cover_image_url, "https://example.com/c.png")
      assert.deepStrictEqual(video.future_field, { a: [1, 2] })
      const custom = yield* decode("{\"task_status\":\"QUEUED\",\"video_result\":null}")
      assert.strictEqual(custom.task_status, "QUEUED")
      assert.isNull(custom.video_result)
    }))
})
