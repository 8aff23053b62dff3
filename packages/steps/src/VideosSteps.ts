/**
 * `videos.generate`: submits a video task with `@zai-kit/videos`, waits for it, and downloads the videos (and their
 * covers) into the output directory.
 *
 * @since 0.1.0
 */
import type { Videos as Wire } from "@zai-kit/schema"
import { Videos } from "@zai-kit/videos"
import { type PipelineError, Step, StepContext } from "@zai-kit/workflow"
import { Effect, FileSystem, type Path, Schema } from "effect"
import * as Env from "./internal/env.js"
import { nameFromUrl } from "./internal/files.js"
import { longRetry } from "./internal/policies.js"
import { EmptyResultError, LocalFileError, type PathOutsideOutputDirError } from "./StepErrors.js"

/** Input of `videos.generate`: a prompt, an image URL, or both. */
export const GenerateInput = Schema.Struct({
  /** What the video shows. */
  prompt: Schema.optional(Schema.String.check(Schema.isMinLength(1))),
  /** A start image (http(s) URL or `data:image/...` URL). */
  imageUrl: Schema.optional(Schema.String.check(Schema.isMinLength(1))),
  /** The model (default `cogvideox-3`); the request shape follows its family. */
  model: Schema.optional(Schema.String.check(Schema.isMinLength(1))),
  /** Folder for the files, relative to the output directory (default: the output directory). */
  dir: Schema.optional(Schema.String.check(Schema.isMinLength(1)))
}).check(
  Schema.makeFilter((input: { readonly prompt?: string | undefined; readonly imageUrl?: string | undefined }) =>
    input.prompt === undefined && input.imageUrl === undefined
      ? { path: ["prompt"], issue: "give prompt, imageUrl, or both" }
      : undefined
  )
)

/** Output of `videos.generate`. */
export const GenerateOutput = Schema.Struct({
  taskId: Schema.String,
  urls: Schema.Array(Schema.String),
  /** Every file written (absolute paths): videos, then covers. */
  files: Schema.Array(Schema.String),
  videos: Schema.Array(Schema.String),
  covers: Schema.Array(Schema.String)
})

/** The `videos.*` steps, typed. */
export interface Steps {
  readonly "videos.generate": Step.Step<
    typeof GenerateInput.Type,
    typeof GenerateOutput.Type,
    Videos.VideosError | LocalFileError | PathOutsideOutputDirError | EmptyResultError | PipelineError.StepTimeoutError
  >
}

/** The `videos.*` steps. */
export const make = (options: Env.Options = {}): Effect.Effect<Steps, never, Videos.Videos | FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const service = yield* Videos.Videos
    const env = yield* Env.make(options)
    return {
      "videos.generate": Step.make({
        name: "videos.generate",
        description: "Generate a video, wait for it and save it",
        input: GenerateInput,
        output: GenerateOutput,
        run: (input) =>
          Effect.gen(function* () {
            const dir = yield* Env.inside(env, "videos.generate", "dir", input.dir ?? ".")
            const request = {
              model: input.model ?? "cogvideox-3",
              ...(input.prompt === undefined ? {} : { prompt: input.prompt }),
              ...(input.imageUrl === undefined ? {} : { image_url: input.imageUrl })
            } as Wire.VideoGenerationRequest
            const task = yield* service.generate(request)
            yield* StepContext.progress({ message: `task ${task.id} submitted; waiting for the video`, fraction: 0.1 })
            const result = yield* task.waitFor({
              ...(env.poll.schedule === undefined ? {} : { schedule: env.poll.schedule }),
              ...(env.poll.timeout === undefined ? {} : { timeout: env.poll.timeout })
            })
            const found = Videos.videos(result)
            if (found.length === 0) return yield* new EmptyResultError({ step: "videos.generate", reason: `task ${task.id} has no video URL` })
            yield* Env.ensureDir(env, "videos.generate", dir)
            const save = (url: string, fallback: string) =>
              Effect.gen(function* () {
                const file = env.path.join(dir, nameFromUrl(url, fallback))
                yield* service.downloadToFile(url, file).pipe(
                  Effect.provideService(FileSystem.FileSystem, env.fs),
                  Effect.mapError((error) =>
                    error._tag === "PlatformError"
                      ? new LocalFileError({ step: "videos.generate", operation: "write", path: file, reason: error.message })
                      : error
                  )
                )
                return file
              })
            const videos: Array<string> = []
            const covers: Array<string> = []
            for (const [i, video] of found.entries()) {
              videos.push(yield* save(video.url, `video-${i + 1}.mp4`))
              if (video.coverImageUrl !== undefined) covers.push(yield* save(video.coverImageUrl, `cover-${i + 1}.png`))
            }
            yield* StepContext.progress({ message: `saved ${videos.length} video(s)`, fraction: 1 })
            return { taskId: task.id, urls: found.map((v) => v.url), files: [...videos, ...covers], videos, covers }
          }),
        retry: longRetry,
        timeout: "20 minutes"
      })
    }
  })
