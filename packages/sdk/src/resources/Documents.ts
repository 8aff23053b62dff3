/**
 * `zai.documents`: layout parsing / OCR (`POST /layout_parsing`), handwriting (`POST /files/ocr`) and file parsing
 * (`POST /files/parser/create`, `GET /files/parser/result/{task_id}/{format}`, `POST /files/parser/sync`).
 *
 * @since 0.1.0
 */
import { Documents } from "@zai-kit/documents"
import type { Documents as Wire } from "@zai-kit/schema"
import { Effect } from "effect"
import type { Runner } from "../internal/runner.js"
import * as Wait from "../internal/wait.js"
import type { RequestOptions } from "../RequestOptions.js"
import type { WaitOptions } from "../Tasks.js"

/**
 * A submitted parse.
 *
 * @since 0.1.0
 */
export interface ParseTask {
  /** The task id. */
  readonly id: string
  /** One read of the result in a format, without waiting (`status` may still be `processing`). */
  readonly result: (format: Wire.ParseFormat, options?: RequestOptions) => Promise<Wire.FileParserResult>
  /** Polls until the parse has succeeded and gives the text. */
  readonly wait: (options?: WaitOptions) => Promise<string>
}

/**
 * `zai.documents`.
 *
 * @since 0.1.0
 */
export class DocumentsResource {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** Layout parsing of an image or PDF (`glm-ocr`): markdown, layout details, pages. */
  layoutParsing(input: Documents.LayoutParsingInput, options?: RequestOptions): Promise<Wire.LayoutParsingResponse> {
    return this.#runner.run((o) => Documents.Documents.use((documents) => documents.layoutParsing(input, o)), options)
  }

  /** Handwriting recognition of an image. */
  handwriting(input: Documents.HandwritingInput, options?: RequestOptions): Promise<Wire.HandwritingOcrResponse> {
    return this.#runner.run((o) => Documents.Documents.use((documents) => documents.handwriting(input, o)), options)
  }

  /** Submits a file to parse in the background; the task's `wait()` gives the text. */
  async parse(input: Documents.ParseInput, options?: RequestOptions): Promise<ParseTask> {
    const handle = await this.#runner.run((o) => Documents.Documents.use((documents) => documents.parse(input, o)), options)
    const id = handle.taskId
    return {
      id,
      result: (format, resultOptions) => this.parseResult(id, format, resultOptions),
      wait: (waitOptions) => this.wait(id, waitOptions)
    }
  }

  /** One read of a parse's result in a format (`text`, `download_link`). */
  parseResult(taskId: string, format: Wire.ParseFormat, options?: RequestOptions): Promise<Wire.FileParserResult> {
    return this.#runner.run(
      (o) => Documents.Documents.use((documents) => documents.parseResult(taskId, format, o)),
      options
    )
  }

  /** Polls a parse until it has succeeded and gives the text. */
  wait(taskId: string, options?: WaitOptions): Promise<string> {
    const wait = Wait.waitOptions(options)
    return this.#runner.run(
      () =>
        Documents.Documents.use((documents) =>
          documents.parseTask(taskId).pipe(Effect.flatMap((task) => task.waitFor(wait)))
        ),
      Wait.callOptions(options)
    )
  }

  /** Parses a file and waits for the answer in one call. */
  parseSync(input: Documents.ParseSyncInput, options?: RequestOptions): Promise<Wire.FileParserResult> {
    return this.#runner.run((o) => Documents.Documents.use((documents) => documents.parseSync(input, o)), options)
  }
}
