/**
 * What `zai embed` does.
 * @internal
 */
import { Embeddings } from "@zai-kit/embeddings"
import { Effect, Option } from "effect"
import * as Backend from "../Backend.js"
import type { EmbedArgs } from "../commands/Text.js"
import { UsageError } from "../Errors.js"
import * as Input from "../internal/Input.js"
import * as Io from "../Io.js"
import * as Output from "../Output.js"

/** Runs the command. */
export const run = Effect.fnUntraced(function*(args: EmbedArgs) {
  const texts =
    args.texts.length > 0
      ? args.texts
      : (yield* Input.textOrStdin(Option.none(), "TEXT")).split("\n").map((line) => line.trim()).filter((line) => line !== "")
  if (texts.some((text) => text.trim() === "")) return yield* new UsageError({ message: "TEXT: every text must be non-empty" })
  const response = yield* Backend.provide(
    Embeddings.Embeddings.use((embeddings) =>
      embeddings.create({
        model: args.model,
        input: texts,
        ...(Option.isSome(args.dimensions) ? { dimensions: args.dimensions.value } : {})
      })
    )
  )
  const settings = yield* Output.settings
  if (settings.json) return yield* Output.json(response)
  for (const vector of yield* Embeddings.vectors(response, texts.length)) yield* Io.outLine(JSON.stringify(vector))
})
