import { readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
// README example: start
import { BusinessCodes, ChatCompletions, ErrorEnvelope } from "@zai-kit/schema"
import { Effect, Schema } from "effect"

const program = Effect.gen(function*() {
  // Strict input: unknown keys and wrong types fail with a message naming the path.
  const request = yield* ChatCompletions.validateChatRequest({
    model: "glm-4.6",
    messages: [{ role: "user", content: "Hello" }],
    thinking: { type: "enabled" }
  })
  // Lenient output: unknown fields are kept, nulls accepted.
  const body = "{\"id\":\"1\",\"choices\":[{\"index\":0,\"message\":{\"content\":\"Hi\"}}],\"new\":1}"
  const completion = yield* Schema.decodeUnknownEffect(Schema.fromJsonString(ChatCompletions.ChatCompletion))(body)
  // Error bodies of any shape, and what their business code means.
  const error = ErrorEnvelope.decodeErrorBody(429, "{\"error\":{\"code\":\"1113\",\"message\":\"Insufficient balance\"}}")
  const category = BusinessCodes.lookup(error.code)?.category // "insufficient_balance"
  return { request, completion, error, category }
})
// README example: end

describe("README example", () => {
  it.effect("runs", () =>
    Effect.gen(function*() {
      const { request, completion, error, category } = yield* program
      assert.strictEqual(request.model, "glm-4.6")
      assert.strictEqual(completion.choices?.[0]?.message?.content, "Hi")
      assert.strictEqual(completion.new, 1)
      assert.strictEqual(error.message, "Insufficient balance")
      assert.strictEqual(category, "insufficient_balance")
    }))

  it("is the code shown in README.md", () => {
    const source = readFileSync(new URL("./readme-example.test.ts", import.meta.url), "utf8")
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
    const shown = /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    const start = source.indexOf("// README example: start\n") + "// README example: start\n".length
    const end = source.indexOf("// README example: end")
    assert.strictEqual(shown, source.slice(start, end))
  })
})
