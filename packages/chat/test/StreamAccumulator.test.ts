import { assert, describe, it } from "@effect/vitest"
import { ChatCompletions } from "@zai-kit/schema"
import { Effect, Schema, Stream } from "effect"
import * as Completion from "../src/Completion.js"
import * as StreamAccumulator from "../src/StreamAccumulator.js"

// Chunks as they come off the wire, decoded through the real (lenient) chunk schema.
const decode = Schema.decodeUnknownSync(ChatCompletions.ChatCompletionChunk)
const chunk = (fields: Record<string, unknown>): ChatCompletions.ChatCompletionChunk =>
  decode({ id: "c1", created: 1700000000, model: "glm-4.6", object: "chat.completion.chunk", ...fields })
const delta = (d: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  chunk({ choices: [{ index: 0, delta: d, ...extra }] })

const fold = (chunks: ReadonlyArray<ChatCompletions.ChatCompletionChunk>) =>
  StreamAccumulator.finish(StreamAccumulator.addAll(StreamAccumulator.initial, chunks))

describe("StreamAccumulator", () => {
  it("joins content and reasoning, keeps the first ids and the last usage and finish reason", () => {
    const usage = { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 }
    const completion = fold([
      delta({ role: "assistant", reasoning_content: "Let me " }),
      delta({ reasoning_content: "think.", content: null }),
      delta({ content: "Hello" }),
      chunk({ id: "other", choices: [{ index: 0, delta: { content: ", world" } }] }),
      delta({ content: "" }, { finish_reason: "stop" }),
      chunk({ choices: [], usage })
    ])
    assert.strictEqual(completion.id, "c1")
    assert.strictEqual(completion.model, "glm-4.6")
    assert.strictEqual(completion.created, 1700000000)
    assert.strictEqual(Completion.text(completion), "Hello, world")
    assert.strictEqual(Completion.reasoning(completion), "Let me think.")
    assert.strictEqual(Completion.finishReason(completion), "stop")
    assert.deepStrictEqual(completion.usage, usage)
    assert.strictEqual(completion.choices?.[0]?.message?.role, "assistant")
    assert.isUndefined(completion.choices?.[0]?.message?.tool_calls)
  })

  it("joins tool_stream argument fragments by index, with interleaved indexes", () => {
    const completion = fold([
      delta({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "get_weather", arguments: "" } }] }),
      delta({ tool_calls: [{ index: 1, id: "call_b", type: "function", function: { name: "get_time", arguments: '{"tz"' } }] }),
      delta({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      delta({ tool_calls: [{ index: 1, function: { arguments: ':"UTC"}' } }] }),
      delta({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      delta({ tool_calls: null }, { finish_reason: "tool_calls" })
    ])
    assert.deepStrictEqual(Completion.toolCalls(completion), [
      { id: "call_a", name: "get_weather", arguments: '{"city":"Paris"}' },
      { id: "call_b", name: "get_time", arguments: '{"tz":"UTC"}' }
    ])
    assert.strictEqual(Completion.finishReason(completion), "tool_calls")
    assert.deepStrictEqual(completion.choices?.[0]?.message?.tool_calls?.map((c) => c.index), [0, 1])
  })

  it("accepts tool calls arriving whole, with or without index, and object arguments", () => {
    const completion = fold([
      delta({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "a", arguments: '{"x":1}' } }] }),
      // a second whole call sent with index 0 again (some servers do): a new call, not a continuation
      delta({ tool_calls: [{ index: 0, id: "call_b", type: "function", function: { name: "b", arguments: '{"y":2}' } }] }),
      // no index at all
      delta({ tool_calls: [{ id: "call_c", type: "function", function: { name: "c", arguments: { z: 3 } } }] })
    ])
    assert.deepStrictEqual(Completion.toolCalls(completion), [
      { id: "call_a", name: "a", arguments: '{"x":1}' },
      { id: "call_b", name: "b", arguments: '{"y":2}' },
      { id: "call_c", name: "c", arguments: '{"z":3}' }
    ])
  })

  it("ignores null fields, choices: null and chunks without choices; keeps web_search from any chunk", () => {
    const results = [{ refer: "ref_1", title: "T", link: "https://example.com" }]
    const before = fold([
      chunk({ choices: null, web_search: results }),
      delta({ content: null, reasoning_content: null, tool_calls: null, role: null }),
      delta({ content: "Answer" }),
      chunk({ choices: [{ index: 0, delta: null, finish_reason: "stop" }], web_search: [] }),
      chunk({})
    ])
    assert.strictEqual(Completion.text(before), "Answer")
    assert.deepStrictEqual(before.web_search, decode({ web_search: results }).web_search)
    assert.strictEqual(Completion.finishReason(before), "stop")
    const after = fold([delta({ content: "Answer" }), chunk({ choices: [], web_search: results })])
    assert.strictEqual(after.web_search?.[0]?.refer, "ref_1")
  })

  it("keeps several choices apart, ordered by index", () => {
    const completion = fold([
      chunk({ choices: [{ index: 1, delta: { content: "B" } }, { index: 0, delta: { content: "A" } }] }),
      chunk({ choices: [{ index: 1, delta: { content: "b" }, finish_reason: "length" }] }),
      chunk({ choices: [{ delta: { content: "a" }, finish_reason: "stop" }] })
    ])
    assert.deepStrictEqual(
      completion.choices?.map((c) => [c.index, c.message?.content, c.finish_reason]),
      [[0, "Aa", "stop"], [1, "Bb", "length"]]
    )
  })

  it("is pure: add leaves its input state untouched", () => {
    const one = StreamAccumulator.add(StreamAccumulator.initial, delta({ content: "x" }))
    const two = StreamAccumulator.add(one, delta({ content: "y", tool_calls: [{ index: 0, id: "c", function: { name: "f", arguments: "{" } }] }))
    StreamAccumulator.add(two, delta({ tool_calls: [{ index: 0, function: { arguments: "}" } }] }))
    assert.strictEqual(StreamAccumulator.initial.chunks, 0)
    assert.deepStrictEqual(StreamAccumulator.initial.choices, [])
    assert.strictEqual(one.choices[0]?.content, "x")
    assert.strictEqual(two.choices[0]?.content, "xy")
    assert.strictEqual(two.choices[0]?.toolCalls[0]?.arguments, "{")
    // finish works on a partial state too
    assert.strictEqual(Completion.text(StreamAccumulator.finish(one)), "x")
    assert.deepStrictEqual(StreamAccumulator.finish(StreamAccumulator.initial).choices, [])
  })

  it.effect("accumulate and scan run over a Stream", () =>
    Effect.gen(function*() {
      const chunks = [delta({ content: "a" }), delta({ content: "b" }), chunk({ choices: [], usage: { total_tokens: 3 } })]
      const completion = yield* StreamAccumulator.accumulate(Stream.fromIterable(chunks))
      assert.strictEqual(Completion.text(completion), "ab")
      assert.strictEqual(completion.usage?.total_tokens, 3)
      const states = yield* Stream.runCollect(StreamAccumulator.scan(Stream.fromIterable(chunks)))
      assert.deepStrictEqual(states.map((s) => s.choices[0]?.content), ["a", "ab", "ab"])
    }))
})
