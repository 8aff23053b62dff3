/**
 * The `Files` service: uploads (`POST /files`, multipart) of every purpose, knowledge-base uploads, listing as a
 * self-paging `Stream`, retrieval, deletion and the content of a file as bytes, text or a file on disk.
 *
 * Every input is validated first (strictly, with errors naming the field: `InvalidRequestInput`), so a bad request
 * fails before anything is sent.
 *
 * ```ts
 * const file = yield* Files.use((files) => files.upload({ file: "./train.jsonl", purpose: "fine-tune" }))
 * ```
 *
 * @since 0.1.0
 */
import { Files as FileSchemas, InputValidation } from "@zai-kit/schema"
import { Multipart, type RequestOptions, ZaiClient, type ZaiError } from "@zai-kit/transport"
import { Context, Effect, FileSystem, Layer, type PlatformError, Result, Stream } from "effect"
import { cursorList } from "./internal/cursorList.js"

/**
 * Everything a files call can fail with: a rejected input (before the wire) or a `ZaiError`.
 *
 * @since 0.1.0
 */
export type FilesError = InputValidation.InvalidRequestInput | ZaiError.ZaiError

/**
 * A file to upload: a path on disk (read through `FileSystem`, which `@zai-kit/transport/node` provides), bytes, a
 * `Blob`/`File`, a byte `Stream`, or a `Multipart.FileInput`. The name and content type are inferred (from the
 * path, the `File`, or the name) unless given.
 *
 * @since 0.1.0
 */
export type FileSource = string | Uint8Array | Blob | Stream.Stream<Uint8Array, unknown> | Multipart.FileInput

/**
 * How the uploaded part is named and typed.
 *
 * @since 0.1.0
 */
export interface FileNaming {
  /** File name sent with the part (inferred from a path or a `File`, else `file`). */
  readonly filename?: string | undefined
  /** Content type of the part (inferred from the file name, else `application/octet-stream`). */
  readonly contentType?: string | undefined
}

/**
 * A plain upload: the file and its purpose (anything but `retrieval`, see `uploadKnowledge`).
 *
 * @since 0.1.0
 */
export interface UploadRequest extends FileNaming {
  /** The file. */
  readonly file: FileSource
  /** `fine-tune`, `batch`, `voice-clone-input`, `agent`, `file-extract` or `code-interpreter`. */
  readonly purpose: FileSchemas.UploadPurpose
}

/**
 * A knowledge-base upload (purpose `retrieval`): a file, documents by URL (`upload_detail`), or both.
 *
 * @since 0.1.0
 */
export interface KnowledgeUploadRequest extends FileSchemas.KnowledgeUploadRequest, FileNaming {
  /** The file, when one is uploaded. */
  readonly file?: FileSource | undefined
}

/**
 * The list query of `list` (paging by `after` is done for you; `limit` is the page size).
 *
 * @since 0.1.0
 */
export type ListQuery = Omit<FileSchemas.FileListQuery, "page">

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** `POST /files` (multipart `file`, `purpose`): uploads a file, returns its `FileObject`. */
  readonly upload: (
    request: UploadRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<FileSchemas.FileObject, FilesError>
  /**
   * `POST /files` with purpose `retrieval`: uploads documents into a knowledge base (`knowledge_id`, a file and/or
   * `upload_detail` URLs, `sentence_size`, `custom_separator`), returns `{ successInfos, failedInfos }`.
   */
  readonly uploadKnowledge: (
    request: KnowledgeUploadRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<FileSchemas.KnowledgeUploadResult, FilesError>
  /** `GET /files`, every page: a `Stream` of files that fetches the next page (`after` = last id) as it is read. */
  readonly list: (query?: ListQuery, options?: RequestOptions.RequestOptions) => Stream.Stream<FileSchemas.FileObject, FilesError>
  /** `GET /files`: one page (`{ object, data, has_more }`), for every query parameter including `knowledge_id`/`page`. */
  readonly listPage: (
    query?: FileSchemas.FileListQuery,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<FileSchemas.FileList, FilesError>
  /** `GET /files/{file_id}`: one file. */
  readonly retrieve: (
    fileId: string,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<FileSchemas.FileObject, FilesError>
  /** `DELETE /files/{file_id}`: `{ id, deleted, object }`. */
  readonly delete: (
    fileId: string,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<FileSchemas.FileDeleted, FilesError>
  /** `GET /files/{file_id}/content`: the content as bytes. */
  readonly content: (fileId: string, options?: RequestOptions.RequestOptions) => Stream.Stream<Uint8Array, FilesError>
  /** `GET /files/{file_id}/content`, decoded as UTF-8 text (JSONL batch output, ...). */
  readonly contentText: (fileId: string, options?: RequestOptions.RequestOptions) => Effect.Effect<string, FilesError>
  /** `GET /files/{file_id}/content`, written to `path` (created or truncated) through `FileSystem`. */
  readonly contentToFile: (
    fileId: string,
    path: string,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<void, FilesError | PlatformError.PlatformError, FileSystem.FileSystem>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Files extends Context.Service<Files, Service>()("@zai-kit/files/Files") {
  /**
   * The service on the `ZaiClient` of the context.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<Files, never, ZaiClient.ZaiClient> = Layer.effect(
    Files,
    Effect.gen(function*() {
      const client = yield* ZaiClient.ZaiClient
      return make(client)
    })
  )
}

// -----------------------------------------------------------------------------
// input checks
// -----------------------------------------------------------------------------

const invalid = (subject: string, issues: ReadonlyArray<InputValidation.InputIssue>) =>
  new InputValidation.InvalidRequestInput({ subject, issues, message: InputValidation.formatIssues(subject, issues) })

const show = (value: unknown): string => {
  if (typeof value === "string") return JSON.stringify(value)
  if (value === null) return "null"
  if (Array.isArray(value)) return "an array"
  return typeof value === "object" ? "an object" : String(value)
}

const fileExpectation = "a path, Uint8Array, Blob, byte Stream or Multipart.FileInput"

const isBlob = (value: unknown): value is Blob => typeof Blob !== "undefined" && value instanceof Blob

const isFileSource = (value: unknown): value is FileSource =>
  (typeof value === "string" && value.length > 0) ||
  value instanceof Uint8Array ||
  isBlob(value) ||
  Stream.isStream(value) ||
  Multipart.isFileInput(value)

const namingIssues = (input: Readonly<Record<string, unknown>>): Array<InputValidation.InputIssue> => {
  const issues: Array<InputValidation.InputIssue> = []
  for (const key of ["filename", "contentType"] as const) {
    const value = input[key]
    if (value !== undefined && (typeof value !== "string" || value.length === 0)) {
      issues.push({ path: key, message: `expected a non-empty string, got ${show(value)}` })
    }
  }
  return issues
}

const fileIssue = (value: unknown, required: boolean): Array<InputValidation.InputIssue> => {
  if (value === undefined) return required ? [{ path: "file", message: `missing (required); expected ${fileExpectation}` }] : []
  return isFileSource(value) ? [] : [{ path: "file", message: `expected ${fileExpectation}, got ${show(value)}` }]
}

/** Splits the transport fields (`file`, `filename`, `contentType`) from the form fields validated by the schema. */
const splitTransport = (input: unknown) => {
  const isRecord = typeof input === "object" && input !== null && !Array.isArray(input)
  const record: Readonly<Record<string, unknown>> = isRecord ? { ...input } : {}
  const { file, filename: _filename, contentType: _contentType, ...fields } = record
  return { record, file, fields, isRecord }
}

/** The multipart value of a file source, with its name and type overridden when given. */
const toFileInput = (file: FileSource, naming: FileNaming): Multipart.FileInput => {
  const options: Multipart.FileOptions = {
    ...(naming.filename !== undefined ? { filename: naming.filename } : {}),
    ...(naming.contentType !== undefined ? { contentType: naming.contentType } : {})
  }
  if (typeof file === "string") return Multipart.fromPath(file, options)
  if (file instanceof Uint8Array) return Multipart.fromBytes(file, options)
  if (isBlob(file)) return Multipart.fromBlob(file, options)
  if (Multipart.isFileInput(file)) return { ...file, ...options }
  return Multipart.fromStream(file, options)
}

const validateUpload = (request: UploadRequest): Effect.Effect<Multipart.Fields, InputValidation.InvalidRequestInput> =>
  Effect.gen(function*() {
    const { file, fields, isRecord, record } = splitTransport(request)
    if (!isRecord) return yield* invalid("FileUploadRequest", [{ path: "", message: `expected an object, got ${show(request)}` }])
    const checked = yield* Effect.result(FileSchemas.validateUploadRequest(fields))
    const issues = [
      ...fileIssue(file, true),
      ...(Result.isFailure(checked) ? checked.failure.issues : []),
      ...namingIssues(record)
    ]
    if (issues.length > 0 || Result.isFailure(checked)) return yield* invalid("FileUploadRequest", issues)
    return { purpose: checked.success.purpose, file: toFileInput(request.file, request) }
  })

const validateKnowledgeUpload = (
  request: KnowledgeUploadRequest
): Effect.Effect<Multipart.Fields, InputValidation.InvalidRequestInput> =>
  Effect.gen(function*() {
    const { file, fields, isRecord, record } = splitTransport(request)
    if (!isRecord) {
      return yield* invalid("KnowledgeUploadRequest", [{ path: "", message: `expected an object, got ${show(request)}` }])
    }
    const checked = yield* Effect.result(FileSchemas.validateKnowledgeUploadRequest(fields))
    const issues = [
      ...fileIssue(file, false),
      ...(Result.isFailure(checked) ? checked.failure.issues : []),
      ...namingIssues(record)
    ]
    if (Result.isSuccess(checked) && file === undefined && checked.success.upload_detail === undefined) {
      issues.unshift({ path: "file", message: "missing; give a `file`, `upload_detail` documents, or both" })
    }
    if (issues.length > 0 || Result.isFailure(checked)) return yield* invalid("KnowledgeUploadRequest", issues)
    const valid = checked.success
    const out: Record<string, Multipart.FieldValue> = { purpose: "retrieval", knowledge_id: valid.knowledge_id }
    if (valid.sentence_size !== undefined) out.sentence_size = valid.sentence_size
    if (valid.custom_separator !== undefined) out.custom_separator = valid.custom_separator
    // indexed, so that the fields of each document stay together: upload_detail[0][url], upload_detail[0][file_name]
    valid.upload_detail?.forEach((detail, index) => {
      out[`upload_detail[${index}]`] = detail
    })
    if (request.file !== undefined) out.file = toFileInput(request.file, request)
    return out
  })

const fileIdPath = (fileId: string, suffix = ""): Effect.Effect<string, InputValidation.InvalidRequestInput> =>
  Effect.map(FileSchemas.validateFileId({ file_id: fileId }), ({ file_id }) => `/files/${encodeURIComponent(file_id)}${suffix}`)

const withAccept = (options: RequestOptions.RequestOptions | undefined): RequestOptions.RequestOptions => ({
  ...options,
  // the official SDK asks for the content this way
  headers: { accept: "application/binary", ...options?.headers }
})

const decoder = new TextDecoder()

// -----------------------------------------------------------------------------
// service
// -----------------------------------------------------------------------------

/**
 * Builds the service on a client.
 *
 * @since 0.1.0
 */
export const make = (client: ZaiClient.Service): Service => {
  const upload = Effect.fn("Files.upload")(function*(request: UploadRequest, options?: RequestOptions.RequestOptions) {
    const fields = yield* validateUpload(request)
    return yield* client.json(
      { method: "POST", path: "/files", operation: "files.upload", body: { _tag: "Multipart", fields }, options },
      FileSchemas.FileObject
    )
  })

  const uploadKnowledge = Effect.fn("Files.uploadKnowledge")(function*(
    request: KnowledgeUploadRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const fields = yield* validateKnowledgeUpload(request)
    return yield* client.json(
      { method: "POST", path: "/files", operation: "files.upload_knowledge", body: { _tag: "Multipart", fields }, options },
      FileSchemas.KnowledgeUploadResult
    )
  })

  const fetchPage = (query: ZaiClient.ZaiRequest["query"], options: RequestOptions.RequestOptions | undefined) =>
    client.json({ method: "GET", path: "/files", operation: "files.list", query, options }, FileSchemas.FileList)

  const listPage = Effect.fn("Files.listPage")(function*(
    query?: FileSchemas.FileListQuery,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* FileSchemas.validateListQuery(query ?? {})
    return yield* fetchPage(valid, options)
  })

  const list = (query?: ListQuery, options?: RequestOptions.RequestOptions): Stream.Stream<FileSchemas.FileObject, FilesError> =>
    cursorList(FileSchemas.validateListQuery(query ?? {}), (page) => fetchPage(page, options))

  const retrieve = Effect.fn("Files.retrieve")(function*(fileId: string, options?: RequestOptions.RequestOptions) {
    const path = yield* fileIdPath(fileId)
    return yield* client.json({ method: "GET", path, operation: "files.retrieve", options }, FileSchemas.FileObject)
  })

  const remove = Effect.fn("Files.delete")(function*(fileId: string, options?: RequestOptions.RequestOptions) {
    const path = yield* fileIdPath(fileId)
    return yield* client.json({ method: "DELETE", path, operation: "files.delete", options }, FileSchemas.FileDeleted)
  })

  // the file's answer; its body streams from the connection within the scope
  const contentResponse = (fileId: string, options: RequestOptions.RequestOptions | undefined) =>
    Effect.flatMap(fileIdPath(fileId, "/content"), (path) =>
      client.binary({ method: "GET", path, operation: "files.content", options: withAccept(options) }))

  const content = (fileId: string, options?: RequestOptions.RequestOptions): Stream.Stream<Uint8Array, FilesError> =>
    Stream.unwrap(Effect.map(contentResponse(fileId, options), (response) => response.body)).pipe(
      Stream.filter((bytes) => bytes.length > 0)
    )

  const contentText = Effect.fn("Files.contentText")(function*(fileId: string, options?: RequestOptions.RequestOptions) {
    return decoder.decode(yield* Effect.scoped(Effect.flatMap(contentResponse(fileId, options), (response) => response.bytes)))
  })

  const contentToFile = Effect.fn("Files.contentToFile")(function*(
    fileId: string,
    path: string,
    options?: RequestOptions.RequestOptions
  ) {
    const fs = yield* FileSystem.FileSystem
    yield* Stream.run(content(fileId, options), fs.sink(path))
  })

  return Files.of({ upload, uploadKnowledge, list, listPage, retrieve, delete: remove, content, contentText, contentToFile })
}
