import { assert, it } from "@effect/vitest"
import { Effect } from "effect"
import { program } from "../examples/quickstart.js"

it.effect("the README quickstart runs as written", () =>
  Effect.gen(function* () {
    assert.deepStrictEqual(yield* program, [429, 200])
  }))
