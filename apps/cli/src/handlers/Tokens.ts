/**
 * What `zai tokens` does.
 * @internal
 */
import { Chat } from "@zai-kit/chat"
import { Effect } from "effect"
import * as Backend from "../Backend.js"
import type { TokensArgs } from "../commands/Text.js"
import * as Input from "../internal/Input.js"
import * as Output from "../Output.js"

/** Runs the command. */
export const run = Effect.fnUntraced(function*(args: TokensArgs) {
  const text = yield* Input.textOrStdin(args.text, "TEXT")
  const response = yield* Backend.provide(
    Chat.Chat.use((chat) => chat.tokenize({ model: args.model, messages: [{ role: "user", content: text }] }))
  )
  yield* Output.result(response, (r) => String(r.usage?.total_tokens ?? r.usage?.prompt_tokens ?? 0))
})
