import { assert, it } from "@effect/vitest"
import { Effect } from "effect"
import { program as quickstart } from "../examples/quickstart.js"
import { program as withClient } from "../examples/zai-client.js"

it.effect("the README quickstart runs as written", () =>
  Effect.gen(function* () {
    assert.deepStrictEqual(yield* quickstart, [429, 200])
  }))

it.effect("the README ZaiClient example runs as written", () =>
  Effect.gen(function* () {
    const result = yield* withClient
    assert.deepStrictEqual(result.attempts, [429, 200])
    assert.match(result.text ?? "", /^Summary of: Hello GLM tell me about tea/)
  }))
