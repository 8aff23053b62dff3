/**
 * What `zai moderate` does.
 * @internal
 */
import { Chat } from "@zai-kit/chat"
import { Effect } from "effect"
import * as Backend from "../Backend.js"
import type { ModerateArgs } from "../commands/Text.js"
import * as Input from "../internal/Input.js"
import * as Output from "../Output.js"

/** Runs the command. */
export const run = Effect.fnUntraced(function*(args: ModerateArgs) {
  const text = yield* Input.textOrStdin(args.text, "TEXT")
  const response = yield* Backend.provide(Chat.Chat.use((chat) => chat.moderate({ model: "moderation", input: text })))
  yield* Output.result(response, (r) =>
    (r.result_list ?? [])
      .map((item) => `${item.risk_level ?? "unknown"}${item.risk_type && item.risk_type.length > 0 ? ` (${item.risk_type.join(", ")})` : ""}`)
      .join("\n")
  )
})
