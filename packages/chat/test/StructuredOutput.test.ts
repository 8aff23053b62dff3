import { assert, describe, it, layer } from "@effect/vitest"
import type { ChatCompletions } from "@zai-kit/schema"
import { Simulator } from "@zai-kit/testing"
import { Effect, Exit, Schema } from "effect"
import * as StructuredOutput from "../src/StructuredOutput.js"
import { layer as chatLayer } from "./utils.js"

const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (reason === undefined || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

const Review = Schema.Struct({
  title: Schema.String,
  sentiment: Schema.Literals(["positive", "neutral", "negative"]),
  score: Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1 })),
  keywords: Schema.Array(Schema.String)
})

const request: ChatCompletions.ChatCompletionRequest = {
  model: "glm-4.6",
  messages: [
    { role: "system", content: "You review products." },
    { role: "user", content: "Review the new Acme rocket skates: fast, loud, fun." }
  ]
}

describe("StructuredOutput.decodeText", () => {
  it.effect("tolerates whitespace and ```json fences, with or without prose around", () =>
    Effect.gen(function*() {
      const schema = Schema.Struct({ a: Schema.Number })
      for (const text of ['{"a":1}', '  \n{"a":1}\n ', '```json\n{"a":1}\n```', "```\n{\"a\":1}\n```", 'Here you go:\n```json\n{"a":1}\n```\nEnjoy', 'The answer is {"a":1}.']) {
        assert.deepStrictEqual(yield* StructuredOutput.decodeText(schema, text), { a: 1 }, text)
      }
    }))

  it.effect("decodes through the schema's JSON codec", () =>
    Effect.gen(function*() {
      const schema = Schema.Struct({ when: Schema.DateTimeUtcFromString, note: Schema.optional(Schema.String) })
      const value = yield* StructuredOutput.decodeText(schema, '{"when":"2025-01-15T00:00:00Z","note":null}')
      assert.strictEqual(value.when.epochMilliseconds, Date.UTC(2025, 0, 15))
      assert.isUndefined(value.note)
    }))

  it.effect("fails typed on empty, non-JSON and mismatching answers, showing the raw text", () =>
    Effect.gen(function*() {
      const schema = Schema.Struct({ a: Schema.Number })
      const empty = failureOf(yield* Effect.exit(StructuredOutput.decodeText(schema, "  ")))
      assert.strictEqual(empty.reason, "empty")
      const prose = failureOf(yield* Effect.exit(StructuredOutput.decodeText(schema, "Sorry, I cannot do that.")))
      assert.strictEqual(prose.reason, "invalid-json")
      assert.strictEqual(prose.raw, "Sorry, I cannot do that.")
      assert.include(prose.message, "Sorry, I cannot do that.")
      const cut = failureOf(yield* Effect.exit(StructuredOutput.decodeText(schema, '{"a": 1', "length")))
      assert.strictEqual(cut.finishReason, "length")
      assert.include(cut.message, "cut off")
      const wrong = failureOf(yield* Effect.exit(StructuredOutput.decodeText(schema, '{"a":"one"}')))
      assert.strictEqual(wrong.reason, "schema-mismatch")
      assert.deepStrictEqual(wrong.issues, [{ path: "a", message: 'expected number, got "one"' }])
      assert.include(wrong.message, '{"a":"one"}')
    }))
})

layer(chatLayer())("StructuredOutput.generateObject", (it) => {
  it.effect("asks for json_object with the JSON Schema and decodes the answer", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const result = yield* StructuredOutput.generateObject(request, Review)
      assert.strictEqual(result.value.sentiment, "positive")
      assert.isString(result.value.title)
      assert.isArray(result.value.keywords)
      assert.isAtLeast(result.value.score, 0)
      assert.deepStrictEqual(JSON.parse(result.text), { ...result.value, keywords: [...result.value.keywords] })
      const [sent] = yield* Simulator.requests
      const body = sent?.body as ChatCompletions.ChatCompletionRequest
      assert.deepStrictEqual(body.response_format, { type: "json_object" })
      assert.strictEqual(body.messages.length, 2)
      const system = body.messages[0]
      assert.strictEqual(system?.role, "system")
      assert.isTrue(system?.role === "system" && system.content.startsWith("You review products.\n\nAnswer with a single JSON object"))
      assert.include(system?.role === "system" ? system.content : "", '"sentiment":{"type":"string","enum":["positive","neutral","negative"]}')
    }))

  it.effect("adds a system message when there is none, or the caller's own instruction", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const userOnly: ChatCompletions.ChatCompletionRequest = { model: "glm-4.6", messages: [request.messages[1] ?? { role: "user", content: "" }] }
      yield* StructuredOutput.generateObject(userOnly, Review)
      yield* StructuredOutput.generateObject(userOnly, Schema.Struct({ answer: Schema.String }), { instructions: "Reply as JSON." })
      const [first, second] = (yield* Simulator.requests).map((r) => r.body as ChatCompletions.ChatCompletionRequest)
      assert.deepStrictEqual(first?.messages.map((m) => m.role), ["system", "user"])
      assert.deepStrictEqual(second?.messages[0], { role: "system", content: "Reply as JSON." })
    }))

  it.effect("a mismatch fails with StructuredOutputError carrying the raw text and the issue", () =>
    Effect.gen(function*() {
      // Without instructions the simulator answers {"answer": "<text>"}: a string where the schema wants a number.
      const schema = Schema.Struct({ answer: Schema.Number })
      const error = failureOf(yield* Effect.exit(StructuredOutput.generateObject(request, schema, { instructions: false })))
      assert.strictEqual(error._tag, "StructuredOutputError")
      if (error._tag !== "StructuredOutputError") return
      assert.strictEqual(error.reason, "schema-mismatch")
      assert.isTrue(error.raw.startsWith('{"answer":"'))
      assert.strictEqual(error.issues[0]?.path, "answer")
      assert.include(error.issues[0]?.message ?? "", "expected number")
      assert.include(error.message, error.raw.slice(0, 40))
    }))

  it.effect("bad input is rejected before the wire", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const error = failureOf(yield* Effect.exit(StructuredOutput.generateObject({ ...request, top_p: 0 }, Review)))
      assert.strictEqual(error._tag, "InvalidRequestInput")
      assert.include(error.message, "top_p")
      assert.deepStrictEqual(yield* Simulator.requests, [])
    }))
})
