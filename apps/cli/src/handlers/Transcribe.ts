/**
 * What `zai transcribe` does.
 * @internal
 */
import { Audio } from "@zai-kit/audio"
import { Effect, Option } from "effect"
import * as Backend from "../Backend.js"
import type { TranscribeArgs } from "../commands/Audio.js"
import * as Input from "../internal/Input.js"
import * as Output from "../Output.js"

/** Runs the command. */
export const run = Effect.fnUntraced(function*(args: TranscribeArgs) {
  const bytes = yield* Input.readBytes(args.file, "FILE")
  const response = yield* Backend.provide(
    Audio.Audio.use((audio) =>
      audio.transcribe({
        model: args.model,
        file: bytes,
        ...(Option.isSome(args.prompt) ? { prompt: args.prompt.value } : {}),
        ...(args.hotword.length > 0 ? { hotwords: args.hotword } : {})
      })
    )
  )
  yield* Output.result(response, (r) => r.text ?? "")
})
