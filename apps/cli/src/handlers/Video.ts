/**
 * What `zai video` does.
 * @internal
 */
import { Videos } from "@zai-kit/videos"
import { Effect, Option } from "effect"
import * as Backend from "../Backend.js"
import type { VideoArgs } from "../commands/Media.js"
import { CommandFailed } from "../Errors.js"
import * as Input from "../internal/Input.js"
import * as Wait from "../internal/Wait.js"
import * as Output from "../Output.js"
import * as Progress from "../Progress.js"

/** Runs the command. */
export const run = Effect.fnUntraced(function*(args: VideoArgs) {
  const prompt = Option.isSome(args.image) && Option.isNone(args.prompt) ? undefined : yield* Input.textOrStdin(args.prompt, "PROMPT")
  const image = Option.isSome(args.image) ? yield* Input.imageUrl(args.image.value, "--image") : undefined
  const output = Option.isSome(args.output) ? Option.some(yield* Input.resolvePath(args.output.value)) : Option.none<string>()
  const wait = yield* Wait.options(args.pollInterval, args.waitTimeout)
  yield* Backend.provide(
    Effect.gen(function*() {
      const videos = yield* Videos.Videos
      const task = yield* videos.generate({
        model: args.model,
        ...(prompt !== undefined ? { prompt } : {}),
        ...(image !== undefined ? { image_url: image } : {}),
        ...(Option.isSome(args.size) ? { size: args.size.value } : {})
      })
      if (!args.wait && Option.isNone(output)) {
        return yield* Output.result({ id: task.id, task: task.task }, (r) => r.id)
      }
      const result = yield* Progress.track(`video ${task.id}`, () => task.waitFor(wait))
      const first = Videos.videos(result)[0]
      if (first === undefined) return yield* new CommandFailed({ message: `task ${task.id} finished without a video` })
      if (Option.isSome(output)) {
        yield* videos.downloadToFile(first.url, output.value).pipe(
          Effect.catchTag("PlatformError", (e) => Effect.fail(new CommandFailed({ message: `cannot write ${output.value}: ${e.message}` })))
        )
      }
      yield* Output.result(
        { id: task.id, url: first.url, coverImageUrl: first.coverImageUrl, ...(Option.isSome(output) ? { file: output.value } : {}), result },
        (r) => r.file ?? r.url
      )
    })
  )
})
