import { assert, describe, it } from "@effect/vitest"
import type { ChatCompletions } from "@zai-kit/schema"
import { Effect, Exit, Stream } from "effect"
import { base64 } from "../src/internal/prompt.js"
import { finishReason, fromChunks, fromCompletion, usage } from "../src/internal/response.js"

const options = { customName: (name: string) => name, json: false }

describe("response conversion", () => {
  it("maps GLM finish reasons", () => {
    assert.strictEqual(finishReason("stop", false), "stop")
    assert.strictEqual(finishReason("stop", true), "tool-calls")
    assert.strictEqual(finishReason("tool_calls", false), "tool-calls")
    assert.strictEqual(finishReason("length", false), "length")
    assert.strictEqual(finishReason("model_context_window_exceeded", false), "length")
    assert.strictEqual(finishReason("sensitive", false), "content-filter")
    assert.strictEqual(finishReason("network_error", false), "error")
    assert.strictEqual(finishReason("something_new", false), "other")
    assert.strictEqual(finishReason(null, false), "unknown")
  })

  it("maps usage with cached and reasoning tokens", () => {
    assert.deepStrictEqual(
      usage({
        prompt_tokens: 100,
        completion_tokens: 40,
        total_tokens: 140,
        prompt_tokens_details: { cached_tokens: 30 },
        completion_tokens_details: { reasoning_tokens: 25 }
      }),
      {
        inputTokens: { total: 100, cacheRead: 30, uncached: 70 },
        outputTokens: { total: 40, reasoning: 25, text: 15 }
      }
    )
    assert.deepStrictEqual(usage(null), { inputTokens: {}, outputTokens: {} })
  })

  it.effect("reduces a fenced JSON answer to its JSON when an object was asked for", () =>
    Effect.gen(function*() {
      const completion: ChatCompletions.ChatCompletion = {
        id: "c1",
        choices: [{ index: 0, finish_reason: "stop", message: { content: "```json\n{\"a\":1}\n```" } }]
      }
      const asJson = yield* fromCompletion(completion, { ...options, json: true })
      assert.deepStrictEqual(asJson.find((p) => p.type === "text"), { type: "text", text: "{\"a\":1}" })
      const asText = yield* fromCompletion(completion, options)
      assert.deepStrictEqual(asText.find((p) => p.type === "text"), { type: "text", text: "```json\n{\"a\":1}\n```" })
    }))

  it.effect("accepts tool arguments sent as an object, and fails on arguments that are not JSON", () =>
    Effect.gen(function*() {
      const parts = yield* fromCompletion({
        choices: [{
          finish_reason: "tool_calls",
          message: { tool_calls: [{ id: "t1", type: "function", function: { name: "f", arguments: { x: 1 } } }] }
        }]
      }, options)
      assert.deepStrictEqual(parts.find((p) => p.type === "tool-call"), { type: "tool-call", id: "t1", name: "f", params: { x: 1 } })
      const exit = yield* Effect.exit(fromCompletion({
        choices: [{ message: { tool_calls: [{ id: "t2", function: { name: "f", arguments: "{oops" } }] } }]
      }, options))
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isFailure(exit)) assert.include(String(exit.cause), "ToolParameterValidationError")
    }))

  it.effect("joins whole (non-streamed) tool calls from chunks and ends with tool-calls", () =>
    Effect.gen(function*() {
      const chunks: Array<ChatCompletions.ChatCompletionChunk> = [
        { id: "s1", choices: [{ delta: { tool_calls: [{ index: 0, id: "t1", function: { name: "f", arguments: { y: 2 } } }] } }] },
        { id: "s1", choices: [{ finish_reason: "tool_calls", delta: {} }], usage: { prompt_tokens: 5, completion_tokens: 2 } }
      ]
      const parts = Array.from(yield* Stream.runCollect(fromChunks(Stream.fromIterable(chunks), options)))
      assert.deepStrictEqual(parts.map((p) => p.type), [
        "response-metadata",
        "tool-params-start",
        "tool-params-delta",
        "tool-params-end",
        "tool-call",
        "finish"
      ])
      assert.deepStrictEqual(parts.find((p) => p.type === "tool-call"), { type: "tool-call", id: "t1", name: "f", params: { y: 2 } })
      const finish = parts[parts.length - 1]
      assert.strictEqual(finish?.type === "finish" ? finish.reason : undefined, "tool-calls")
    }))

  it.effect("buffers streamed JSON text and sends it once, without its fence, when an object was asked for", () =>
    Effect.gen(function*() {
      const chunks: Array<ChatCompletions.ChatCompletionChunk> = ["```json\n{\"a\"", ":1}\n```"].map((content) => ({
        id: "s2",
        choices: [{ delta: { content } }]
      }))
      const parts = Array.from(
        yield* Stream.runCollect(fromChunks(Stream.fromIterable(chunks), { ...options, json: true }))
      )
      assert.deepStrictEqual(parts.map((p) => p.type), ["response-metadata", "text-start", "text-delta", "text-end", "finish"])
      assert.deepStrictEqual(parts.find((p) => p.type === "text-delta"), { type: "text-delta", id: "s2_text", delta: "{\"a\":1}" })
    }))

  it("encodes bytes as base64 across chunk boundaries", () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 256)
    assert.strictEqual(base64(bytes), Buffer.from(bytes).toString("base64"))
  })
})
