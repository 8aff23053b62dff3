/**
 * What `zai speak` does.
 * @internal
 */
import { Audio } from "@zai-kit/audio"
import { Effect, Option } from "effect"
import * as Backend from "../Backend.js"
import type { SpeakArgs } from "../commands/Audio.js"
import { CommandFailed } from "../Errors.js"
import * as Input from "../internal/Input.js"
import * as Output from "../Output.js"

/** Runs the command. */
export const run = Effect.fnUntraced(function*(args: SpeakArgs) {
  const text = yield* Input.textOrStdin(args.text, "TEXT")
  const path = yield* Input.resolvePath(args.output)
  yield* Backend.provide(
    Audio.Audio.use((audio) =>
      audio.speechToFile(
        {
          model: args.model,
          input: text,
          voice: args.voice,
          response_format: args.format,
          ...(Option.isSome(args.speed) ? { speed: args.speed.value } : {})
        },
        path
      )
    ).pipe(Effect.catchTag("PlatformError", (e) => Effect.fail(new CommandFailed({ message: `cannot write ${path}: ${e.message}` }))))
  )
  yield* Output.result({ file: path, format: args.format, voice: args.voice }, (r) => r.file)
})
