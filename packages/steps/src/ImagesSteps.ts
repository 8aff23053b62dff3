/**
 * `images.generate`: generates images with `@zai-kit/images` and downloads them into the output directory.
 *
 * @since 0.1.0
 */
import { Images } from "@zai-kit/images"
import type { Images as Wire } from "@zai-kit/schema"
import { type PipelineError, Step, StepContext } from "@zai-kit/workflow"
import { Effect, FileSystem, type Path, Schema } from "effect"
import * as Env from "./internal/env.js"
import { nameFromUrl } from "./internal/files.js"
import { apiRetry } from "./internal/policies.js"
import { EmptyResultError, LocalFileError, type PathOutsideOutputDirError } from "./StepErrors.js"

/** Input of `images.generate`. */
export const GenerateInput = Schema.Struct({
  /** What to draw. */
  prompt: Schema.String.check(Schema.isMinLength(1)),
  /** The model (default `cogview-4`). */
  model: Schema.optional(Schema.String.check(Schema.isMinLength(1))),
  /** `WIDTHxHEIGHT`, e.g. `1024x1024`. */
  size: Schema.optional(Schema.String.check(Schema.isPattern(/^\d+x\d+$/, { expected: "a size such as 1024x1024" }))),
  /** `standard` or `hd`. */
  quality: Schema.optional(Schema.Literals(["standard", "hd"])),
  /** Folder for the files, relative to the output directory (default: the output directory). */
  dir: Schema.optional(Schema.String.check(Schema.isMinLength(1)))
})

/** Output of `images.generate`: the image URLs and the files written (absolute paths). */
export const GenerateOutput = Schema.Struct({ urls: Schema.Array(Schema.String), files: Schema.Array(Schema.String) })

/** The `images.*` steps, typed. */
export interface Steps {
  readonly "images.generate": Step.Step<
    typeof GenerateInput.Type,
    typeof GenerateOutput.Type,
    Images.ImagesError | LocalFileError | PathOutsideOutputDirError | EmptyResultError | PipelineError.StepTimeoutError
  >
}

/** The `images.*` steps. */
export const make = (options: Env.Options = {}): Effect.Effect<Steps, never, Images.Images | FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const images = yield* Images.Images
    const env = yield* Env.make(options)
    return {
      "images.generate": Step.make({
        name: "images.generate",
        description: "Generate an image and save it",
        input: GenerateInput,
        output: GenerateOutput,
        run: (input) =>
          Effect.gen(function* () {
            const dir = yield* Env.inside(env, "images.generate", "dir", input.dir ?? ".")
            const request = {
              model: input.model ?? "cogview-4",
              prompt: input.prompt,
              ...(input.size === undefined ? {} : { size: input.size }),
              ...(input.quality === undefined ? {} : { quality: input.quality })
            } as Wire.ImageGenerationRequest
            const result = yield* images.generate(request)
            const urls = Images.urls(result)
            if (urls.length === 0) return yield* new EmptyResultError({ step: "images.generate", reason: "the answer has no image URL" })
            yield* Env.ensureDir(env, "images.generate", dir)
            const files: Array<string> = []
            for (const [i, url] of urls.entries()) {
              const file = env.path.join(dir, nameFromUrl(url, `image-${i + 1}.png`))
              yield* images.downloadToFile(url, file).pipe(
                Effect.provideService(FileSystem.FileSystem, env.fs),
                Effect.mapError((error) =>
                  error._tag === "PlatformError"
                    ? new LocalFileError({ step: "images.generate", operation: "write", path: file, reason: error.message })
                    : error
                )
              )
              files.push(file)
            }
            yield* StepContext.progress(`saved ${files.length} image(s)`)
            return { urls, files }
          }),
        retry: apiRetry,
        timeout: "5 minutes"
      })
    }
  })
