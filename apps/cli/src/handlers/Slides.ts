/**
 * What `zai slides` does.
 * @internal
 */
import { Agents } from "@zai-kit/agents"
import { Effect, Option } from "effect"
import * as Backend from "../Backend.js"
import type { SlidesArgs } from "../commands/Agents.js"
import { CommandFailed } from "../Errors.js"
import * as Input from "../internal/Input.js"
import * as Wait from "../internal/Wait.js"
import * as Output from "../Output.js"
import * as Progress from "../Progress.js"

/** Runs the command. */
export const run = Effect.fnUntraced(function*(args: SlidesArgs) {
  const prompt = yield* Input.textOrStdin(args.prompt, "PROMPT")
  const dir = Option.isSome(args.output) ? Option.some(yield* Input.resolvePath(args.output.value)) : Option.none<string>()
  const wait = yield* Wait.options(args.pollInterval, args.waitTimeout)
  yield* Backend.provide(
    Effect.gen(function*() {
      const deck = yield* Progress.track("slides: writing the deck", () => Agents.slides({ prompt }))
      const summary = { conversationId: deck.conversationId, pages: deck.pages.length, text: deck.text }
      if (!args.wait && Option.isNone(dir)) {
        return yield* Output.result(summary, (s) => `${s.pages} slides (conversation ${s.conversationId})\n${s.text}`)
      }
      const files = yield* Progress.track("slides: rendering", () => deck.waitFor({ ...wait, includePdf: args.pdf }))
      if (Option.isNone(dir)) {
        return yield* Output.result({ ...summary, pdfUrl: files.pdfUrl, imageUrls: files.imageUrls }, (s) =>
          [s.pdfUrl, ...s.imageUrls].filter((u): u is string => u !== undefined).join("\n")
        )
      }
      const downloaded = yield* files.downloadFiles(dir.value).pipe(
        Effect.mapError((e) => (e._tag === "PlatformError" || e._tag === "DownloadError" ? new CommandFailed({ message: `cannot download the deck: ${e.message}` }) : e))
      )
      yield* Output.result({ ...summary, files: downloaded }, (s) => s.files.map((f) => f.path).join("\n"))
    })
  )
})
