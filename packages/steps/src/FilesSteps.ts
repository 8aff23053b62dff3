/**
 * `files.upload`: uploads a local file with `@zai-kit/files` (for batches, fine-tuning, agents, file extraction).
 *
 * @since 0.1.0
 */
import { Files } from "@zai-kit/files"
import { Files as FileSchemas } from "@zai-kit/schema"
import { type PipelineError, Step, StepContext } from "@zai-kit/workflow"
import { Effect, type FileSystem, type Path, Schema } from "effect"
import * as Env from "./internal/env.js"
import { fileInput } from "./internal/files.js"
import { apiRetry } from "./internal/policies.js"
import type { LocalFileError } from "./StepErrors.js"

/** Input of `files.upload`. */
export const UploadInput = Schema.Struct({
  /** The file, a local path. */
  file: Schema.String.check(Schema.isMinLength(1)),
  /** `fine-tune`, `batch`, `voice-clone-input`, `agent`, `file-extract` or `code-interpreter`. */
  purpose: FileSchemas.UploadPurpose
})

/** Output of `files.upload`: the id of the uploaded file and what the API says about it. */
export const UploadOutput = Schema.Struct({
  id: Schema.String,
  filename: Schema.String,
  bytes: Schema.Number,
  purpose: Schema.String
})

/** The `files.*` steps, typed. */
export interface Steps {
  readonly "files.upload": Step.Step<typeof UploadInput.Type, typeof UploadOutput.Type, Files.FilesError | LocalFileError | PipelineError.StepTimeoutError>
}

/** The `files.*` steps. */
export const make = (options: Env.Options = {}): Effect.Effect<Steps, never, Files.Files | FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const files = yield* Files.Files
    const env = yield* Env.make(options)
    return {
      "files.upload": Step.make({
        name: "files.upload",
        description: "Upload a local file",
        input: UploadInput,
        output: UploadOutput,
        run: (input) =>
          Effect.gen(function* () {
            const file = yield* fileInput(env, "files.upload", input.file)
            const uploaded = yield* files.upload({ file, purpose: input.purpose })
            yield* StepContext.progress(`uploaded ${uploaded.id}`)
            return {
              id: uploaded.id,
              filename: uploaded.filename ?? Env.baseName(env, input.file),
              bytes: uploaded.bytes ?? 0,
              purpose: typeof uploaded.purpose === "string" ? uploaded.purpose : input.purpose
            }
          }),
        retry: apiRetry,
        timeout: "10 minutes"
      })
    }
  })
