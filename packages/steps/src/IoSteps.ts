/**
 * `io.read` and `io.write`: local text files, with paths relative to the output directory. A path that resolves
 * outside it (`../x`, an absolute path) fails with `PathOutsideOutputDirError` before anything is touched.
 *
 * @since 0.1.0
 */
import { type PipelineError, Step, StepContext } from "@zai-kit/workflow"
import type { LocalFileError, PathOutsideOutputDirError } from "./StepErrors.js"
import { Effect, type FileSystem, type Path, Schema } from "effect"
import * as Env from "./internal/env.js"

/** A path relative to the output directory. */
export const RelativePath = Schema.String.check(Schema.isMinLength(1)).annotate({
  description: "a path relative to the output directory"
})

/** Input of `io.read`. */
export const ReadInput = Schema.Struct({ path: RelativePath })

/** Output of `io.read`: the absolute path, the text and its size in bytes. */
export const ReadOutput = Schema.Struct({ path: Schema.String, content: Schema.String, bytes: Schema.Number })

/** Input of `io.write`: the path and the text (UTF-8); parent directories are created. */
export const WriteInput = Schema.Struct({ path: RelativePath, content: Schema.String })

/** Output of `io.write`: the absolute path written and its size in bytes. */
export const WriteOutput = Schema.Struct({ path: Schema.String, bytes: Schema.Number })

/** The `io.*` steps, typed. */
export interface Steps {
  readonly "io.read": Step.Step<typeof ReadInput.Type, typeof ReadOutput.Type, LocalFileError | PathOutsideOutputDirError | PipelineError.StepTimeoutError>
  readonly "io.write": Step.Step<typeof WriteInput.Type, typeof WriteOutput.Type, LocalFileError | PathOutsideOutputDirError | PipelineError.StepTimeoutError>
}

/** The `io.*` steps on an output directory. */
export const make = (options: Env.Options = {}): Effect.Effect<Steps, never, FileSystem.FileSystem | Path.Path> =>
  Effect.map(Env.make(options), (env) => ({
    "io.read": Step.make({
      name: "io.read",
      description: "Read a UTF-8 text file below the output directory",
      input: ReadInput,
      output: ReadOutput,
      run: ({ path }) =>
        Effect.gen(function* () {
          const file = yield* Env.inside(env, "io.read", "path", path)
          const bytes = yield* Env.readBytes(env, "io.read", file)
          return { path: file, content: new TextDecoder().decode(bytes), bytes: bytes.length }
        }),
      timeout: "1 minute"
    }),
    "io.write": Step.make({
      name: "io.write",
      description: "Write a UTF-8 text file below the output directory",
      input: WriteInput,
      output: WriteOutput,
      run: ({ path, content }) =>
        Effect.gen(function* () {
          const file = yield* Env.inside(env, "io.write", "path", path)
          const bytes = yield* Env.writeText(env, "io.write", file, content)
          yield* StepContext.progress(`wrote ${file}`)
          return { path: file, bytes }
        }),
      timeout: "1 minute"
    })
  }))

/** The services the `io.*` steps need. */
export type Services = FileSystem.FileSystem | Path.Path
