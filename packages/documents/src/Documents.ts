/**
 * The `Documents` service: GLM-OCR layout parsing (`layoutParsing`, alias `ocr`; `POST /layout_parsing`),
 * handwriting OCR (`handwriting`; `POST /files/ocr`), the asynchronous file parser (`parse`, returning a `ParseTask`
 * handle with `waitFor` and `downloadLink`; `POST /files/parser/create` and
 * `GET /files/parser/result/{task_id}/{format_type}`) and the synchronous one (`parseSync`; `POST /files/parser/sync`).
 *
 * Files are given as a path (read through `FileSystem`), a `Uint8Array`, a `Blob`/`File`, a byte `Stream` or a
 * transport `Multipart.FileInput`; names and content types are inferred (unnamed bytes are sniffed: PDF, PNG, JPEG,
 * ...). Layout parsing also takes a URL, which is sent as is; files are sent base64-encoded as `data:` URLs.
 * Every input is validated first (`InvalidRequestInput` naming the field), so a bad request fails before anything
 * is sent.
 *
 * @since 0.1.0
 */
import { Documents as Schemas, InputValidation, type Models } from "@zai-kit/schema"
import { Multipart, Polling, type RequestOptions, ZaiClient, ZaiError } from "@zai-kit/transport"
import { Context, type Duration, Effect, FileSystem, Layer, Option, Result, type Schedule, Schema } from "effect"
import * as Files from "./internal/files.js"

/**
 * Everything a document call can fail with: a rejected input (before the wire) or a `ZaiError` (including
 * `InvalidRequestError` when a file cannot be read, and `TaskFailedError` / `TimeoutError` while waiting).
 *
 * @since 0.1.0
 */
export type DocumentsError = InputValidation.InvalidRequestInput | ZaiError.ZaiError

/**
 * A file to upload: a path, a `Uint8Array`, a `Blob`/`File`, a byte `Stream` or a `Multipart.FileInput`
 * (to set the name or content type yourself).
 *
 * @since 0.1.0
 */
export type FileLike = Files.FileLike

/**
 * The document of a layout parsing: a URL (`https://...`, sent as is), `{ url }`, base64 (`{ base64 }`, or a
 * `data:` URL string), or any `FileLike` (a string that is neither a URL nor a `data:` URL is a path).
 *
 * @since 0.1.0
 */
export type LayoutFile =
  | FileLike
  | { readonly url: string }
  | { readonly base64: string; readonly contentType?: string | undefined }

/**
 * The input of `layoutParsing`: the `LayoutParsingRequest` fields, with `model` defaulting to `glm-ocr` and `file`
 * any `LayoutFile`.
 *
 * @since 0.1.0
 */
export type LayoutParsingInput = Omit<Schemas.LayoutParsingRequest, "model" | "file"> & {
  /** The OCR model (default `glm-ocr`). */
  readonly model?: Models.OcrModel | undefined
  /** The image or PDF. */
  readonly file: LayoutFile
}

/**
 * The input of `handwriting`: the file plus the text fields (`language_type`, `probability`; `tool_type` is
 * `hand_write` when absent).
 *
 * @since 0.1.0
 */
export type HandwritingInput = Schemas.HandwritingOcrFields & {
  /** The image of handwriting. */
  readonly file: FileLike
}

/**
 * The input of `parse`: the file, `tool_type` (`lite` when absent; `expert` and `prime` also read layout, tables and
 * images) and `file_type` (inferred from the file name when absent).
 *
 * @since 0.1.0
 */
export type ParseInput = Omit<Schemas.FileParserCreateFields, "tool_type"> & {
  /** The parser tool (default `lite`). */
  readonly tool_type?: Schemas.ParserToolType | undefined
  /** The document. */
  readonly file: FileLike
}

/**
 * The input of `parseSync`: the file and `file_type` (inferred when absent); `tool_type` is `prime-sync`.
 *
 * @since 0.1.0
 */
export type ParseSyncInput = Schemas.FileParserSyncFields & {
  /** The document. */
  readonly file: FileLike
}

/**
 * Options of `waitFor` and `downloadLink`.
 *
 * @since 0.1.0
 */
export interface WaitOptions {
  /** Delay between polls (default `Polling.defaultSchedule`: exponential from 1 s, capped at 10 s). */
  readonly schedule?: Schedule.Schedule<unknown, unknown> | undefined
  /** Overall limit (default `Polling.defaultTimeout`, 10 minutes); then `TimeoutError` with `kind: "poll"`. */
  readonly timeout?: Duration.Input | undefined
  /** Per-call overrides applied to every poll. */
  readonly requestOptions?: RequestOptions.RequestOptions | undefined
}

/**
 * A file-parser task: its id, and ways to read its result.
 *
 * @since 0.1.0
 */
export interface ParseTask {
  /** The task id (keep it to resume with `Documents.parseTask(taskId)`). */
  readonly taskId: string
  /** One read of the result in a format, without waiting (`status` may still be `processing`). */
  readonly result: (
    format: Schemas.ParseFormat,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.FileParserResult, DocumentsError>
  /** Polls the `text` result until the parse has succeeded and returns the text; `failed` fails with `TaskFailedError`. */
  readonly waitFor: (options?: WaitOptions) => Effect.Effect<string, DocumentsError>
  /** Polls the `download_link` result until the parse has succeeded and returns the link to the result archive. */
  readonly downloadLink: (options?: WaitOptions) => Effect.Effect<string, DocumentsError>
}

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** `POST /layout_parsing`: recognises the layout and text of an image or PDF (markdown in `md_results`). */
  readonly layoutParsing: (
    input: LayoutParsingInput,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.LayoutParsingResponse, DocumentsError>
  /** Alias of `layoutParsing`. */
  readonly ocr: (
    input: LayoutParsingInput,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.LayoutParsingResponse, DocumentsError>
  /** `POST /files/ocr` (multipart): recognises handwriting, line by line with locations (and confidences). */
  readonly handwriting: (
    input: HandwritingInput,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.HandwritingOcrResponse, DocumentsError>
  /** `POST /files/parser/create` (multipart): starts parsing a document; returns the task handle. */
  readonly parse: (input: ParseInput, options?: RequestOptions.RequestOptions) => Effect.Effect<ParseTask, DocumentsError>
  /** The handle of an existing parse task (validates the id; sends nothing). */
  readonly parseTask: (taskId: string) => Effect.Effect<ParseTask, InputValidation.InvalidRequestInput>
  /** `GET /files/parser/result/{task_id}/{format_type}`: one read of a parse result, without waiting. */
  readonly parseResult: (
    taskId: string,
    format: Schemas.ParseFormat,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.FileParserResult, DocumentsError>
  /** `POST /files/parser/sync` (multipart): parses a document and answers with the content at once. */
  readonly parseSync: (
    input: ParseSyncInput,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.FileParserResult, DocumentsError>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Documents extends Context.Service<Documents, Service>()("@zai-kit/documents/Documents") {
  /**
   * The service on the `ZaiClient` of the context. Paths are read through the `FileSystem` present when the layer is
   * built (e.g. `NodeFileSystem.layer`); without one, `layoutParsing` cannot take a path and multipart uploads by
   * path are left to the client's own `FileSystem` (`@zai-kit/transport/node` layers have one).
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<Documents, never, ZaiClient.ZaiClient> = Layer.effect(
    Documents,
    Effect.gen(function*() {
      const client = yield* ZaiClient.ZaiClient
      const fileSystem = yield* Effect.serviceOption(FileSystem.FileSystem)
      return make(client, fileSystem)
    })
  )
}

// -----------------------------------------------------------------------------
// validation helpers
// -----------------------------------------------------------------------------

const invalidInput = (subject: string, issues: ReadonlyArray<InputValidation.InputIssue>): InputValidation.InvalidRequestInput =>
  new InputValidation.InvalidRequestInput({ subject, issues, message: InputValidation.formatIssues(subject, issues) })

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * Validates `fields` with `validate` and the `file` with `checkFile`, reporting every problem of both at once
 * (the file first).
 */
const validateWithFile = <A, F>(
  subject: string,
  input: unknown,
  validate: (fields: unknown) => Effect.Effect<A, InputValidation.InvalidRequestInput>,
  checkFile: (file: unknown) => Result.Result<F, InputValidation.InputIssue>,
  defaults: Readonly<Record<string, unknown>>
): Effect.Effect<{ readonly fields: A; readonly file: F }, InputValidation.InvalidRequestInput> => {
  if (!isRecord(input)) return Effect.fail(invalidInput(subject, [{ path: "", message: "expected an object" }]))
  const { file, ...rest } = input
  const checkedFile = checkFile(file)
  const withDefaults: Record<string, unknown> = { ...rest }
  for (const [key, value] of Object.entries(defaults)) if (withDefaults[key] === undefined) withDefaults[key] = value
  return Effect.flatMap(Effect.result(validate(withDefaults)), (fields) => {
    if (Result.isSuccess(fields) && Result.isSuccess(checkedFile)) {
      return Effect.succeed({ fields: fields.success, file: checkedFile.success })
    }
    const issues = [
      ...(Result.isFailure(checkedFile) ? [checkedFile.failure] : []),
      ...(Result.isFailure(fields) ? fields.failure.issues : [])
    ]
    return Effect.fail(invalidInput(subject, issues))
  })
}

const taskIdPattern = /^[A-Za-z0-9._:-]{1,256}$/

const checkTaskId = (taskId: string): Effect.Effect<string, InputValidation.InvalidRequestInput> =>
  taskIdPattern.test(taskId)
    ? Effect.succeed(taskId)
    : Effect.fail(
        invalidInput("task id", [
          { path: "task_id", message: `expected a task id (1–256 characters of A-Z a-z 0-9 . _ : -), got ${JSON.stringify(taskId)}` }
        ])
      )

const checkFormat = (format: unknown): Effect.Effect<Schemas.ParseFormat, InputValidation.InvalidRequestInput> =>
  format === "text" || format === "download_link"
    ? Effect.succeed(format)
    : Effect.fail(invalidInput("format", [{ path: "format_type", message: `expected "text" | "download_link", got ${JSON.stringify(format)}` }]))

const layoutFileExpected = "a URL, { url }, { base64 }, a path, Uint8Array, Blob, byte Stream or Multipart.FileInput"

const checkLayoutFile = (file: unknown): Result.Result<LayoutFile, InputValidation.InputIssue> => {
  if (isRecord(file) && !Multipart.isFileInput(file) && !(file instanceof Uint8Array) && !Files.isFileLike(file)) {
    if ("url" in file) {
      const url = file.url
      return typeof url === "string" && /^https?:\/\/\S+$/i.test(url)
        ? Result.succeed({ url })
        : Result.fail({ path: "file.url", message: `expected an http(s) URL, got ${JSON.stringify(url)}` })
    }
    if ("base64" in file) {
      const base64 = file.base64
      const contentType = file.contentType
      if (typeof base64 !== "string" || base64.length === 0) {
        return Result.fail({ path: "file.base64", message: "expected a non-empty base64 string" })
      }
      if (contentType !== undefined && typeof contentType !== "string") {
        return Result.fail({ path: "file.contentType", message: `expected a content type such as application/pdf, got ${JSON.stringify(contentType)}` })
      }
      return Result.succeed(contentType === undefined ? { base64 } : { base64, contentType })
    }
  }
  return Files.checkFile(file, layoutFileExpected)
}

/** Largest PDF accepted by layout parsing (50 MB); images are limited to 10 MB by the API. */
const maxLayoutBytes = 50 * 1024 * 1024

// -----------------------------------------------------------------------------
// result reading
// -----------------------------------------------------------------------------

const decodeResult = Schema.decodeUnknownEffect(Schemas.FileParserResult)
const parseJson = Schema.decodeUnknownOption(Schema.fromJsonString(Schema.Unknown))
const utf8 = new TextDecoder()

/** Reads a result body: the documented JSON object, or (tolerated) the bare text or link. */
const readResult = (
  body: Omit<ZaiClient.BinaryResponse, "body" | "bytes"> & { readonly bytes: Uint8Array },
  format: Schemas.ParseFormat,
  taskId: string
): Effect.Effect<Schemas.FileParserResult, ZaiError.ResponseDecodeError> => {
  const text = utf8.decode(body.bytes)
  const json = parseJson(text)
  if (Option.isSome(json) && isRecord(json.value)) {
    return Effect.mapError(
      decodeResult(json.value),
      (error) =>
        new ZaiError.ResponseDecodeError({
          message: ZaiError.formatMessage({
            text: `Response does not match the expected schema: ${error.message}`,
            status: body.status,
            requestId: body.requestId,
            attempts: 1
          }),
          status: body.status,
          isRetryable: false,
          attempts: 1,
          raw: text.slice(0, 4096),
          ...(body.requestId !== undefined ? { requestId: body.requestId } : {})
        })
    )
  }
  return Effect.succeed(
    format === "text"
      ? { task_id: taskId, status: "succeeded", content: text }
      : { task_id: taskId, status: "succeeded", parsing_result_url: text.trim() }
  )
}

const isSucceeded = (result: Schemas.FileParserResult) => result.status === "succeeded" || result.status === true
const isFailed = (result: Schemas.FileParserResult) => result.status === "failed" || result.status === false

// A failed task's own message (`{ status: "failed", message }` on the last poll) added to the `TaskFailedError`.
const withTaskMessage = (error: ZaiError.TaskFailedError): ZaiError.TaskFailedError => {
  const result = error.result
  const reported = isRecord(result) && typeof result.message === "string" ? result.message : undefined
  return reported === undefined ? error : new ZaiError.TaskFailedError({ ...error, message: `${error.message}: ${reported}` })
}

// -----------------------------------------------------------------------------
// constructor
// -----------------------------------------------------------------------------

/**
 * Builds the service on a client; `fileSystem` reads the paths given to `layoutParsing`.
 *
 * @since 0.1.0
 */
export const make = (
  client: ZaiClient.Service,
  fileSystem: Option.Option<FileSystem.FileSystem> = Option.none()
): Service => {
  // the `file` string of a layout parsing: URLs and data URLs as they are, everything else read and base64-encoded
  const layoutFileString = (file: LayoutFile): Effect.Effect<string, ZaiError.InvalidRequestError> => {
    if (typeof file === "string" && (/^https?:\/\//i.test(file) || /^data:/i.test(file))) return Effect.succeed(file)
    if (!Files.isFileLike(file)) {
      if ("url" in file) return Effect.succeed(file.url)
      const type = file.contentType
      return Effect.succeed(type === undefined || /^data:/i.test(file.base64) ? file.base64 : `data:${type};base64,${file.base64}`)
    }
    return Effect.flatMap(Files.load(Files.toFileInput(file), fileSystem), (loaded) =>
      loaded.bytes.length > maxLayoutBytes
        ? Effect.fail(
            new ZaiError.InvalidRequestError({
              message: `The file ${loaded.filename} has ${loaded.bytes.length} bytes; layout parsing accepts at most 50 MB`,
              isRetryable: false,
              attempts: 0
            })
          )
        : Effect.succeed(`data:${loaded.contentType};base64,${Files.base64(loaded.bytes)}`)
    )
  }

  const layoutParsing = Effect.fn("Documents.layoutParsing")(function*(
    input: LayoutParsingInput,
    options?: RequestOptions.RequestOptions
  ) {
    const { fields, file } = yield* validateWithFile(
      "LayoutParsingRequest",
      input,
      // the real file string is built below; a placeholder lets the other fields be checked first
      (fields) => Schemas.validateLayoutParsingRequest(isRecord(fields) ? { ...fields, file: "-" } : fields),
      checkLayoutFile,
      { model: "glm-ocr" }
    )
    const { file: _placeholder, ...rest } = fields
    const fileString = yield* layoutFileString(file)
    return yield* client.json(
      {
        method: "POST",
        path: "/layout_parsing",
        operation: "documents.layout_parsing",
        body: { _tag: "Json", value: { ...rest, file: fileString } },
        options
      },
      Schemas.LayoutParsingResponse
    )
  })

  const upload = (file: FileLike) => Files.prepareUpload(Files.toFileInput(file), fileSystem)

  const handwriting = Effect.fn("Documents.handwriting")(function*(
    input: HandwritingInput,
    options?: RequestOptions.RequestOptions
  ) {
    const { fields, file } = yield* validateWithFile(
      "HandwritingOcrRequest",
      input,
      Schemas.validateHandwritingOcrFields,
      (f) => Files.checkFile(f),
      { tool_type: "hand_write" }
    )
    const prepared = yield* upload(file)
    return yield* client.json(
      {
        method: "POST",
        path: "/files/ocr",
        operation: "documents.handwriting_ocr",
        body: { _tag: "Multipart", fields: { file: prepared.file, ...fields } },
        options
      },
      Schemas.HandwritingOcrResponse
    )
  })

  const inferFileType = (fileType: string | undefined, filename: string | undefined): string | undefined => {
    if (fileType !== undefined) return fileType
    const extension = Files.extensionOf(filename)
    return extension !== undefined && (Schemas.KnownParserFileTypes as ReadonlyArray<string>).includes(extension)
      ? extension
      : undefined
  }

  const parseResult = Effect.fn("Documents.parseResult")(function*(
    taskId: string,
    format: Schemas.ParseFormat,
    options?: RequestOptions.RequestOptions
  ) {
    const id = yield* checkTaskId(taskId)
    const valid = yield* checkFormat(format)
    // a small answer (JSON or text), read whole
    const body = yield* Effect.scoped(
      Effect.flatMap(
        client.binary({
          method: "GET",
          path: `/files/parser/result/${encodeURIComponent(id)}/${valid}`,
          operation: "documents.parser.result",
          options
        }),
        (response) => Effect.map(response.bytes, (bytes) => ({ ...response, bytes }))
      )
    )
    return yield* readResult(body, valid, id)
  })

  const waitUntilDone = (taskId: string, format: Schemas.ParseFormat, options?: WaitOptions) =>
    Polling.pollUntilDone({
      poll: parseResult(taskId, format, options?.requestOptions),
      isDone: isSucceeded,
      isFailed,
      schedule: options?.schedule,
      timeout: options?.timeout,
      taskId,
      status: (result) => (result.status === undefined || result.status === null ? undefined : String(result.status))
    }).pipe(Effect.catchTag("TaskFailedError", (error) => Effect.fail(withTaskMessage(error))))

  const handle = (taskId: string): ParseTask => ({
    taskId,
    result: (format, options) => parseResult(taskId, format, options),
    waitFor: (options) => Effect.map(waitUntilDone(taskId, "text", options), (result) => result.content ?? ""),
    downloadLink: (options) =>
      Effect.flatMap(waitUntilDone(taskId, "download_link", options), (result) =>
        typeof result.parsing_result_url === "string" && result.parsing_result_url !== ""
          ? Effect.succeed(result.parsing_result_url)
          : Effect.fail(
              new ZaiError.ResponseDecodeError({
                message: `Parse task ${taskId} succeeded without a parsing_result_url`,
                isRetryable: false,
                attempts: 1
              })
            )
      )
  })

  const parse = Effect.fn("Documents.parse")(function*(input: ParseInput, options?: RequestOptions.RequestOptions) {
    const { fields, file } = yield* validateWithFile(
      "FileParserCreateRequest",
      input,
      Schemas.validateFileParserCreateFields,
      (f) => Files.checkFile(f),
      { tool_type: "lite" }
    )
    const prepared = yield* upload(file)
    const fileType = inferFileType(fields.file_type, prepared.filename)
    const task = yield* client.json(
      {
        method: "POST",
        path: "/files/parser/create",
        operation: "documents.parser.create",
        body: { _tag: "Multipart", fields: { file: prepared.file, tool_type: fields.tool_type, file_type: fileType } },
        options
      },
      Schemas.FileParserTask
    )
    return handle(task.task_id)
  })

  const parseTask = (taskId: string) => Effect.map(checkTaskId(taskId), handle)

  const parseSync = Effect.fn("Documents.parseSync")(function*(
    input: ParseSyncInput,
    options?: RequestOptions.RequestOptions
  ) {
    const { fields, file } = yield* validateWithFile(
      "FileParserSyncRequest",
      input,
      Schemas.validateFileParserSyncFields,
      (f) => Files.checkFile(f),
      { tool_type: "prime-sync" }
    )
    const prepared = yield* upload(file)
    const fileType = inferFileType(fields.file_type, prepared.filename)
    return yield* client.json(
      {
        method: "POST",
        path: "/files/parser/sync",
        operation: "documents.parser.sync",
        body: { _tag: "Multipart", fields: { file: prepared.file, tool_type: fields.tool_type, file_type: fileType } },
        options
      },
      Schemas.FileParserResult
    )
  })

  return Documents.of({
    layoutParsing,
    ocr: layoutParsing,
    handwriting,
    parse,
    parseTask,
    parseResult,
    parseSync
  })
}

/**
 * `layoutParsing` on the `Documents` service of the context.
 *
 * @since 0.1.0
 */
export const layoutParsing = (
  input: LayoutParsingInput,
  options?: RequestOptions.RequestOptions
): Effect.Effect<Schemas.LayoutParsingResponse, DocumentsError, Documents> =>
  Documents.use((documents) => documents.layoutParsing(input, options))

/**
 * `ocr` (layout parsing) on the `Documents` service of the context.
 *
 * @since 0.1.0
 */
export const ocr = layoutParsing

/**
 * `handwriting` on the `Documents` service of the context.
 *
 * @since 0.1.0
 */
export const handwriting = (
  input: HandwritingInput,
  options?: RequestOptions.RequestOptions
): Effect.Effect<Schemas.HandwritingOcrResponse, DocumentsError, Documents> =>
  Documents.use((documents) => documents.handwriting(input, options))

/**
 * `parse` on the `Documents` service of the context.
 *
 * @since 0.1.0
 */
export const parse = (
  input: ParseInput,
  options?: RequestOptions.RequestOptions
): Effect.Effect<ParseTask, DocumentsError, Documents> => Documents.use((documents) => documents.parse(input, options))

/**
 * `parseTask` on the `Documents` service of the context.
 *
 * @since 0.1.0
 */
export const parseTask = (taskId: string): Effect.Effect<ParseTask, InputValidation.InvalidRequestInput, Documents> =>
  Documents.use((documents) => documents.parseTask(taskId))

/**
 * `parseResult` on the `Documents` service of the context.
 *
 * @since 0.1.0
 */
export const parseResult = (
  taskId: string,
  format: Schemas.ParseFormat,
  options?: RequestOptions.RequestOptions
): Effect.Effect<Schemas.FileParserResult, DocumentsError, Documents> =>
  Documents.use((documents) => documents.parseResult(taskId, format, options))

/**
 * `parseSync` on the `Documents` service of the context.
 *
 * @since 0.1.0
 */
export const parseSync = (
  input: ParseSyncInput,
  options?: RequestOptions.RequestOptions
): Effect.Effect<Schemas.FileParserResult, DocumentsError, Documents> =>
  Documents.use((documents) => documents.parseSync(input, options))
