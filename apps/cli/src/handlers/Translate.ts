/**
 * What `zai translate` does.
 * @internal
 */
import { Agents } from "@zai-kit/agents"
import { Effect, Option } from "effect"
import * as Backend from "../Backend.js"
import type { TranslateArgs } from "../commands/Agents.js"
import * as Input from "../internal/Input.js"
import * as Output from "../Output.js"

/** Runs the command. */
export const run = Effect.fnUntraced(function*(args: TranslateArgs) {
  const text = yield* Input.textOrStdin(args.text, "TEXT")
  const translation = yield* Backend.provide(
    Agents.translate({
      text,
      to: args.to,
      ...(Option.isSome(args.from) ? { from: args.from.value } : {}),
      ...(Option.isSome(args.strategy) ? { strategy: args.strategy.value } : {})
    })
  )
  yield* Output.result(translation, (t) => t.text)
})
