/**
 * Batch files as typed data: build the JSONL input from typed requests (each validated like the endpoint itself
 * would be), read the output and error files back as typed results (chat bodies decoded as `ChatCompletion`,
 * embedding bodies as `EmbeddingResponse`), and `runBatch`, which does the whole round trip in one call:
 * upload (purpose `batch`) → `POST /batches` → wait → read the results.
 *
 * ```ts
 * const run = yield* BatchJsonl.runBatch([
 *   BatchJsonl.chat("q1", { model: "glm-4.6", messages: [{ role: "user", content: "Hi" }] })
 * ])
 * ```
 *
 * @since 0.1.0
 */
import {
  Batches as BatchSchemas,
  ChatCompletions,
  Embeddings,
  type Files as FileSchemas,
  InputValidation
} from "@zai-kit/schema"
import type { RequestOptions } from "@zai-kit/transport"
import { Effect, Result, Schema } from "effect"
import { Batches, type BatchesError, type WaitOptions } from "./Batches.js"
import { Files, type FilesError } from "./Files.js"

// -----------------------------------------------------------------------------
// requests
// -----------------------------------------------------------------------------

/**
 * One chat completion request of a batch (runs on `/v4/chat/completions`).
 *
 * @since 0.1.0
 */
export interface ChatBatchRequest {
  readonly kind: "chat"
  /** Your id for the request, unique within the batch; its result carries it. */
  readonly custom_id: string
  /** The request, as for `POST /chat/completions` (without streaming). */
  readonly body: ChatCompletions.ChatCompletionRequest
}

/**
 * One embeddings request of a batch (runs on `/v4/embeddings`).
 *
 * @since 0.1.0
 */
export interface EmbeddingBatchRequest {
  readonly kind: "embeddings"
  /** Your id for the request, unique within the batch; its result carries it. */
  readonly custom_id: string
  /** The request, as for `POST /embeddings`. */
  readonly body: Embeddings.EmbeddingRequest
}

/**
 * A request of a batch. Every request of one batch has the same kind (a batch runs one endpoint).
 *
 * @since 0.1.0
 */
export type BatchRequest = ChatBatchRequest | EmbeddingBatchRequest

/**
 * A chat completion request for a batch.
 *
 * @since 0.1.0
 */
export const chat = (customId: string, body: ChatCompletions.ChatCompletionRequest): ChatBatchRequest => ({
  kind: "chat",
  custom_id: customId,
  body
})

/**
 * An embeddings request for a batch.
 *
 * @since 0.1.0
 */
export const embedding = (customId: string, body: Embeddings.EmbeddingRequest): EmbeddingBatchRequest => ({
  kind: "embeddings",
  custom_id: customId,
  body
})

/**
 * Options of `encode`.
 *
 * @since 0.1.0
 */
export interface EncodeOptions {
  /**
   * The prefix of the endpoint written in each line and sent as the batch's `endpoint`: `v4` (default, as the
   * platform documents it: `/v4/chat/completions`) or `v1` (as the official SDKs send it).
   */
  readonly apiVersion?: "v4" | "v1" | undefined
}

/**
 * A built input file: its endpoint, its lines, and the JSONL text (one line per request, `\n`-terminated).
 *
 * @since 0.1.0
 */
export interface Encoded {
  readonly endpoint: BatchSchemas.BatchEndpoint
  readonly lines: ReadonlyArray<BatchSchemas.BatchInputLine>
  readonly jsonl: string
}

const subject = "BatchRequests"
const requestKeys = new Set(["kind", "custom_id", "body"])

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value)
  return text.length <= 60 ? text : `${text.slice(0, 59)}…`
}

const prefixed = (prefix: string, issues: ReadonlyArray<InputValidation.InputIssue>): Array<InputValidation.InputIssue> =>
  issues.map((issue) => ({
    path: issue.path === "" ? prefix : issue.path.startsWith("[") ? `${prefix}${issue.path}` : `${prefix}.${issue.path}`,
    message: issue.message
  }))

const endpointOf = (kind: BatchRequest["kind"], version: "v4" | "v1"): BatchSchemas.BatchEndpoint =>
  kind === "chat"
    ? version === "v4" ? "/v4/chat/completions" : "/v1/chat/completions"
    : version === "v4" ? "/v4/embeddings" : "/v1/embeddings"

const validateBody = (
  kind: BatchRequest["kind"],
  body: unknown
): Effect.Effect<Result.Result<Readonly<Record<string, unknown>>, ReadonlyArray<InputValidation.InputIssue>>> => {
  if (kind === "chat") {
    if (isRecord(body) && body.stream === true) {
      return Effect.succeed(Result.fail([{ path: "stream", message: "not allowed in a batch (results are written to a file)" }]))
    }
    return Effect.map(Effect.result(ChatCompletions.validateChatRequest(body)), (checked) =>
      Result.isFailure(checked)
        ? Result.fail(checked.failure.issues)
        : Result.succeed(Object.fromEntries(Object.entries(checked.success).filter(([key]) => key !== "stream"))))
  }
  return Effect.map(Effect.result(Embeddings.validateEmbeddingRequest(body)), (checked) =>
    Result.isFailure(checked) ? Result.fail(checked.failure.issues) : Result.succeed({ ...checked.success }))
}

/**
 * Builds the JSONL input of a batch: every request is checked (its kind, a unique non-empty `custom_id`, and its body
 * through the endpoint's strict validator: `ChatCompletions.validateChatRequest`, `Embeddings.validateEmbeddingRequest`).
 * Problems are collected over all requests and fail with one `InvalidRequestInput` whose paths point into the array,
 * e.g. `[2].body.messages[0].role: expected "system" | "user" | "assistant" | "tool", got "bot"`.
 *
 * @since 0.1.0
 */
export const encode = (
  requests: ReadonlyArray<BatchRequest>,
  options?: EncodeOptions
): Effect.Effect<Encoded, InputValidation.InvalidRequestInput> =>
  Effect.gen(function*() {
    const fail = (issues: ReadonlyArray<InputValidation.InputIssue>) =>
      Effect.fail(new InputValidation.InvalidRequestInput({ subject, issues, message: InputValidation.formatIssues(subject, issues) }))
    if (!Array.isArray(requests)) return yield* fail([{ path: "", message: `expected an array of requests, got ${show(requests)}` }])
    if (requests.length === 0) return yield* fail([{ path: "", message: "expected at least one request" }])
    const issues: Array<InputValidation.InputIssue> = []
    const seen = new Map<string, number>()
    const lines: Array<BatchSchemas.BatchInputLine> = []
    let kind: BatchRequest["kind"] | undefined
    const version = options?.apiVersion ?? "v4"
    for (let i = 0; i < requests.length; i++) {
      const request: unknown = requests[i]
      const at = `[${i}]`
      if (!isRecord(request)) {
        issues.push({ path: at, message: `expected a request ({ kind, custom_id, body }), got ${show(request)}` })
        continue
      }
      for (const key of Object.keys(request)) {
        if (!requestKeys.has(key)) issues.push({ path: `${at}.${key}`, message: `unknown key ${JSON.stringify(key)}; allowed keys: kind, custom_id, body` })
      }
      const requestKind = request.kind
      if (requestKind !== "chat" && requestKind !== "embeddings") {
        issues.push({ path: `${at}.kind`, message: `expected "chat" | "embeddings", got ${show(requestKind)}` })
        continue
      }
      if (kind === undefined) kind = requestKind
      else if (requestKind !== kind) {
        issues.push({ path: `${at}.kind`, message: `expected ${JSON.stringify(kind)} like [0] (a batch runs one endpoint), got ${JSON.stringify(requestKind)}` })
      }
      const customId = request.custom_id
      if (typeof customId !== "string" || customId.length === 0 || customId.length > 512) {
        issues.push({
          path: `${at}.custom_id`,
          message: customId === undefined ? "missing (required)" : `expected a string of 1 to 512 characters, got ${show(customId)}`
        })
      } else {
        const previous = seen.get(customId)
        if (previous !== undefined) issues.push({ path: `${at}.custom_id`, message: `duplicate of [${previous}].custom_id (${show(customId)})` })
        else seen.set(customId, i)
      }
      if (request.body === undefined) {
        issues.push({ path: `${at}.body`, message: "missing (required)" })
        continue
      }
      const body = yield* validateBody(requestKind, request.body)
      if (Result.isFailure(body)) {
        issues.push(...prefixed(`${at}.body`, body.failure))
        continue
      }
      if (typeof customId === "string") {
        lines.push({ custom_id: customId, method: "POST", url: endpointOf(kind, version), body: body.success })
      }
    }
    if (issues.length > 0 || kind === undefined) return yield* fail(issues)
    return {
      endpoint: endpointOf(kind, version),
      lines,
      jsonl: lines.map((line) => `${JSON.stringify(line)}\n`).join("")
    }
  })

// -----------------------------------------------------------------------------
// results
// -----------------------------------------------------------------------------

/**
 * A result file could not be read: a line that is not JSON or not a result line (`line` is 1-based, `raw` its text,
 * at most 4 KiB).
 *
 * @since 0.1.0
 */
export class BatchOutputError extends Schema.TaggedError<BatchOutputError>()("BatchOutputError", {
  message: Schema.String,
  /** 1-based line number in the file. */
  line: Schema.Number,
  /** The offending line (at most 4 KiB). */
  raw: Schema.String
}) {}

/**
 * A request of the batch that succeeded: its `custom_id`, HTTP status, request id and decoded body.
 *
 * @since 0.1.0
 */
export interface BatchSucceeded<A> {
  readonly _tag: "Succeeded"
  readonly custom_id: string
  readonly status_code: number | undefined
  readonly request_id: string | undefined
  /** The endpoint's answer, decoded (`ChatCompletion` or `EmbeddingResponse`). */
  readonly body: A
  /** The result line as read. */
  readonly line: BatchSchemas.BatchOutputLine
}

/**
 * A request of the batch that failed: its `custom_id`, HTTP status and business code when known, and a message.
 * `line` is absent when the batch produced no result for the request at all.
 *
 * @since 0.1.0
 */
export interface BatchFailed {
  readonly _tag: "Failed"
  readonly custom_id: string
  readonly status_code: number | undefined
  readonly code: string | undefined
  readonly message: string
  readonly line: BatchSchemas.BatchOutputLine | undefined
}

/**
 * The result of one request of a batch.
 *
 * @since 0.1.0
 */
export type BatchResult<A> = BatchSucceeded<A> | BatchFailed

const decodeOutputLine = Schema.decodeUnknownResult(Schema.fromJsonString(BatchSchemas.BatchOutputLine))

/**
 * Reads a result file (output or error file): one `BatchOutputLine` per non-blank line. Fails with
 * `BatchOutputError` on a line that is not JSON or not an object.
 *
 * @since 0.1.0
 */
export const parseOutput = (text: string): Effect.Effect<ReadonlyArray<BatchSchemas.BatchOutputLine>, BatchOutputError> =>
  Effect.suspend(() => {
    const out: Array<BatchSchemas.BatchOutputLine> = []
    const rows = text.split(/\r?\n/)
    for (let i = 0; i < rows.length; i++) {
      const raw = rows[i] ?? ""
      if (raw.trim() === "") continue
      const decoded = decodeOutputLine(raw)
      if (Result.isFailure(decoded)) {
        return Effect.fail(
          new BatchOutputError({
            message: `Line ${i + 1} of the batch result file is not a result line: ${decoded.failure.message}`,
            line: i + 1,
            raw: raw.slice(0, 4096)
          })
        )
      }
      out.push(decoded.success)
    }
    return Effect.succeed(out)
  })

const isRecordValue = (value: unknown): value is Readonly<Record<string, unknown>> => isRecord(value)

const errorOf = (line: BatchSchemas.BatchOutputLine): { readonly code?: string; readonly message?: string } | undefined => {
  const pick = (error: unknown): { readonly code?: string; readonly message?: string } | undefined => {
    if (typeof error === "string") return { message: error }
    if (!isRecordValue(error)) return undefined
    const code = typeof error.code === "string" || typeof error.code === "number" ? String(error.code) : undefined
    const message = typeof error.message === "string" ? error.message : undefined
    return code === undefined && message === undefined ? undefined : { ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) }
  }
  const body = line.response?.body
  return pick(line.error) ?? (isRecordValue(body) ? pick(body.error) : undefined)
}

/** Reads a result line into a `BatchResult`, decoding a successful body through `schema`. */
const toResult = <S extends Schema.Top>(
  line: BatchSchemas.BatchOutputLine,
  index: number,
  schema: S,
  decode: (input: unknown) => Result.Result<S["Type"], Schema.SchemaError>
): Result.Result<BatchResult<S["Type"]>, BatchOutputError> => {
  const customId = line.custom_id ?? ""
  const status = line.response?.status_code ?? undefined
  const error = errorOf(line)
  const ok = error === undefined && (status === undefined || (status >= 200 && status < 300)) && line.response !== undefined && line.response !== null
  if (!ok) {
    return Result.succeed({
      _tag: "Failed",
      custom_id: customId,
      status_code: status,
      code: error?.code,
      message: error?.message ?? (status !== undefined ? `HTTP ${status}` : "the request failed"),
      line
    })
  }
  const decoded = decode(line.response?.body)
  if (Result.isFailure(decoded)) {
    return Result.fail(
      new BatchOutputError({
        message: `The body of result ${JSON.stringify(customId)} does not match ${String(schema.ast.annotations?.identifier ?? "the expected schema")}: ${decoded.failure.message}`,
        line: index + 1,
        raw: JSON.stringify(line).slice(0, 4096)
      })
    )
  }
  return Result.succeed({
    _tag: "Succeeded",
    custom_id: customId,
    status_code: status,
    request_id: line.response?.request_id ?? undefined,
    body: decoded.success,
    line
  })
}

/**
 * Options of the result readers.
 *
 * @since 0.1.0
 */
export interface ResultsOptions {
  /** The error file's text, when the batch has one (`error_file_id`). */
  readonly errors?: string | undefined
  /**
   * The `custom_id`s in the order wanted (the input order): results follow it, and a request without any result
   * line gets a `Failed` result (`line` absent). Without it, results come in file order (output, then errors).
   */
  readonly order?: ReadonlyArray<string> | undefined
}

const results = <S extends Schema.Top & { readonly DecodingServices: never }>(
  schema: S,
  output: string,
  options: ResultsOptions | undefined
): Effect.Effect<ReadonlyArray<BatchResult<S["Type"]>>, BatchOutputError> => {
  const decode = Schema.decodeUnknownResult(schema)
  return Effect.gen(function*() {
    const lines = [...(yield* parseOutput(output)), ...(yield* parseOutput(options?.errors ?? ""))]
    const read: Array<BatchResult<S["Type"]>> = []
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]
      if (line === undefined) continue
      const result = toResult(line, i, schema, decode)
      if (Result.isFailure(result)) return yield* result.failure
      read.push(result.success)
    }
    const order = options?.order
    if (order === undefined) return read
    const byId = new Map<string, BatchResult<S["Type"]>>()
    // a success wins over a failure reported for the same request
    for (const result of read) {
      const known = byId.get(result.custom_id)
      if (known === undefined || (known._tag === "Failed" && result._tag === "Succeeded")) byId.set(result.custom_id, result)
    }
    return order.map((customId): BatchResult<S["Type"]> =>
      byId.get(customId) ?? {
        _tag: "Failed",
        custom_id: customId,
        status_code: undefined,
        code: undefined,
        message: "the batch produced no result for this request",
        line: undefined
      })
  })
}

/**
 * Reads the results of a chat batch: bodies decoded as `ChatCompletion` (lenient: unknown fields kept, `null`s
 * accepted).
 *
 * @since 0.1.0
 */
export const chatResults = (
  output: string,
  options?: ResultsOptions
): Effect.Effect<ReadonlyArray<BatchResult<ChatCompletions.ChatCompletion>>, BatchOutputError> =>
  results(ChatCompletions.ChatCompletion, output, options)

/**
 * Reads the results of an embeddings batch: bodies decoded as `EmbeddingResponse`.
 *
 * @since 0.1.0
 */
export const embeddingResults = (
  output: string,
  options?: ResultsOptions
): Effect.Effect<ReadonlyArray<BatchResult<Embeddings.EmbeddingResponse>>, BatchOutputError> =>
  results(Embeddings.EmbeddingResponse, output, options)

// -----------------------------------------------------------------------------
// one call
// -----------------------------------------------------------------------------

/**
 * The body type of a request kind's results.
 *
 * @since 0.1.0
 */
export type ResultBody<R extends BatchRequest> = R extends ChatBatchRequest ? ChatCompletions.ChatCompletion
  : Embeddings.EmbeddingResponse

/**
 * Options of `runBatch`.
 *
 * @since 0.1.0
 */
export interface RunOptions extends EncodeOptions {
  /** Name of the uploaded input file (default `batch-input.jsonl`). */
  readonly filename?: string | undefined
  /** `completion_window` of the batch (the platform's default when absent). */
  readonly completionWindow?: string | undefined
  /** `metadata` of the batch. */
  readonly metadata?: BatchSchemas.BatchMetadata | undefined
  /** `auto_delete_input_file` of the batch (the platform's default, `true`, when absent). */
  readonly autoDeleteInputFile?: boolean | undefined
  /** How `waitFor` polls (default: exponential from 2 s, capped at 60 s, 24 h limit). */
  readonly wait?: WaitOptions | undefined
  /** Per-call overrides for every request made. */
  readonly requestOptions?: RequestOptions.RequestOptions | undefined
}

/**
 * What `runBatch` returns: the input file, the finished batch, and one result per request, in input order.
 *
 * @since 0.1.0
 */
export interface BatchRun<A> {
  readonly inputFile: FileSchemas.FileObject
  readonly batch: BatchSchemas.Batch
  readonly results: ReadonlyArray<BatchResult<A>>
}

/**
 * Runs requests as one batch: builds and checks the JSONL (`encode`), uploads it (purpose `batch`), creates the
 * batch, waits until it is `completed` (`failed`, `expired` or `cancelled` fail with `TaskFailedError`), then reads
 * the output and error files into one result per request, in input order.
 *
 * @since 0.1.0
 */
export const runBatch = <const R extends BatchRequest>(
  requests: ReadonlyArray<R>,
  options?: RunOptions
): Effect.Effect<BatchRun<ResultBody<R>>, FilesError | BatchesError | BatchOutputError, Files | Batches> =>
  Effect.gen(function*() {
    const encoded = yield* encode(requests, options)
    const files = yield* Files
    const batches = yield* Batches
    const requestOptions = options?.requestOptions
    const inputFile = yield* files.upload(
      {
        file: new TextEncoder().encode(encoded.jsonl),
        filename: options?.filename ?? "batch-input.jsonl",
        contentType: "application/jsonl",
        purpose: "batch"
      },
      requestOptions
    )
    const created = yield* batches.create(
      {
        input_file_id: inputFile.id,
        endpoint: encoded.endpoint,
        ...(options?.completionWindow !== undefined ? { completion_window: options.completionWindow } : {}),
        ...(options?.metadata !== undefined ? { metadata: options.metadata } : {}),
        ...(options?.autoDeleteInputFile !== undefined ? { auto_delete_input_file: options.autoDeleteInputFile } : {})
      },
      requestOptions
    )
    const batch = yield* batches.waitFor(created.id, {
      ...options?.wait,
      ...(options?.wait?.requestOptions === undefined && requestOptions !== undefined ? { requestOptions } : {})
    })
    const read = (id: string | null | undefined) =>
      id === undefined || id === null || id === "" ? Effect.succeed("") : files.contentText(id, requestOptions)
    const output = yield* read(batch.output_file_id)
    const errors = yield* read(batch.error_file_id)
    const order = encoded.lines.map((line) => line.custom_id)
    const isChat = BatchSchemas.isChatEndpoint(encoded.endpoint)
    const decoded = isChat
      ? yield* chatResults(output, { errors, order })
      : yield* embeddingResults(output, { errors, order })
    // the kind of `R` decided the endpoint, hence the decoder: the bodies are `ResultBody<R>`
    return { inputFile, batch, results: decoded as ReadonlyArray<BatchResult<ResultBody<R>>> }
  })
