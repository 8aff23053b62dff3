/**
 * `documents.ocr` and `documents.parse`: document recognition with `@zai-kit/documents`.
 *
 * `documents.ocr` runs GLM-OCR layout parsing on an image or PDF (a local path or an http(s) URL) and gives the
 * Markdown; `documents.parse` runs the file parser on a local document (PDF, DOCX, ...), waits for it, and gives
 * the text.
 *
 * @since 0.1.0
 */
import { Documents } from "@zai-kit/documents"
import { type PipelineError, Step, StepContext } from "@zai-kit/workflow"
import { Effect, type FileSystem, type Path, Schema } from "effect"
import * as Env from "./internal/env.js"
import { fileInput } from "./internal/files.js"
import { apiRetry, longRetry } from "./internal/policies.js"
import * as Usage from "./internal/usage.js"
import type { LocalFileError } from "./StepErrors.js"

/** Input of `documents.ocr`. */
export const OcrInput = Schema.Struct({
  /** An image or PDF: a local path or an http(s) URL. */
  file: Schema.String.check(Schema.isMinLength(1)),
  /** The OCR model (default `glm-ocr`). */
  model: Schema.optional(Schema.String.check(Schema.isMinLength(1)))
})

/** Output of `documents.ocr`: the recognized Markdown and the number of pages. */
export const OcrOutput = Schema.Struct({ markdown: Schema.String, pages: Schema.Number })

/** Input of `documents.parse`. */
export const ParseInput = Schema.Struct({
  /** The document, a local path. */
  file: Schema.String.check(Schema.isMinLength(1)),
  /** `lite` (default), `expert` or `prime`. */
  tool: Schema.optional(Schema.Literals(["lite", "expert", "prime"]))
})

/** Output of `documents.parse`. */
export const ParseOutput = Schema.Struct({ text: Schema.String, file: Schema.String })

/** The `documents.*` steps, typed. */
export interface Steps {
  readonly "documents.ocr": Step.Step<typeof OcrInput.Type, typeof OcrOutput.Type, Documents.DocumentsError | LocalFileError | PipelineError.StepTimeoutError>
  readonly "documents.parse": Step.Step<typeof ParseInput.Type, typeof ParseOutput.Type, Documents.DocumentsError | LocalFileError | PipelineError.StepTimeoutError>
}

/** The `documents.*` steps. */
export const make = (
  options: Env.Options = {}
): Effect.Effect<Steps, never, Documents.Documents | FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const documents = yield* Documents.Documents
    const env = yield* Env.make(options)
    return {
      "documents.ocr": Step.make({
        name: "documents.ocr",
        description: "Recognize the text and layout of an image or PDF (Markdown)",
        input: OcrInput,
        output: OcrOutput,
        run: (input) =>
          Effect.gen(function* () {
            const file = /^https?:\/\//i.test(input.file)
              ? { url: input.file }
              : yield* fileInput(env, "documents.ocr", input.file)
            const result = yield* documents.ocr({
              file,
              ...(input.model === undefined ? {} : { model: input.model as Documents.LayoutParsingInput["model"] })
            })
            yield* Usage.report(result.usage)
            const markdown = result.md_results ?? ""
            const pages = result.layout_details?.length ?? 0
            yield* StepContext.progress(`${pages} page(s) recognized`)
            return { markdown, pages }
          }),
        retry: apiRetry,
        timeout: "5 minutes"
      }),
      "documents.parse": Step.make({
        name: "documents.parse",
        description: "Parse a document (PDF, DOCX, ...) into text",
        input: ParseInput,
        output: ParseOutput,
        run: (input) =>
          Effect.gen(function* () {
            const file = yield* fileInput(env, "documents.parse", input.file)
            const task = yield* documents.parse({ file, tool_type: input.tool ?? "lite" })
            yield* StepContext.progress({ message: `parse task ${task.taskId} started`, fraction: 0.1 })
            const text = yield* task.waitFor({
              ...(env.poll.schedule === undefined ? {} : { schedule: env.poll.schedule }),
              ...(env.poll.timeout === undefined ? {} : { timeout: env.poll.timeout })
            })
            yield* StepContext.progress({ message: `${text.length} characters parsed`, fraction: 1 })
            return { text, file: Env.inputPath(env, input.file) }
          }),
        retry: longRetry,
        timeout: "15 minutes"
      })
    }
  })
