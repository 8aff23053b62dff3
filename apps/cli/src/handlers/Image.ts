/**
 * What `zai image` does.
 * @internal
 */
import { Images } from "@zai-kit/images"
import { Effect, Option } from "effect"
import * as Backend from "../Backend.js"
import type { ImageArgs } from "../commands/Media.js"
import { CommandFailed } from "../Errors.js"
import * as Input from "../internal/Input.js"
import * as Output from "../Output.js"

/** Runs the command. */
export const run = Effect.fnUntraced(function*(args: ImageArgs) {
  const prompt = yield* Input.textOrStdin(args.prompt, "PROMPT")
  const output = Option.isSome(args.output) ? Option.some(yield* Input.resolvePath(args.output.value)) : Option.none<string>()
  yield* Backend.provide(
    Effect.gen(function*() {
      const images = yield* Images.Images
      const response = yield* images.generate({
        model: args.model,
        prompt,
        ...(Option.isSome(args.size) ? { size: args.size.value } : {}),
        ...(Option.isSome(args.quality) ? { quality: args.quality.value } : {})
      })
      const url = Images.urls(response)[0]
      if (url === undefined) return yield* new CommandFailed({ message: "the answer holds no image" })
      if (Option.isSome(output)) {
        yield* images.downloadToFile(url, output.value).pipe(
          Effect.catchTag("PlatformError", (e) => Effect.fail(new CommandFailed({ message: `cannot write ${output.value}: ${e.message}` })))
        )
      }
      yield* Output.result({ url, ...(Option.isSome(output) ? { file: output.value } : {}), response }, (r) => r.file ?? r.url)
    })
  )
})
