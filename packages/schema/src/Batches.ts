/**
 * Batches (`/batches`): the strict request of `POST /batches` and of the list query, the lenient `Batch` (status,
 * request counts, timestamps, errors) and its list page, and the lines of the JSONL input (strict) and output
 * (lenient) files.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"
import { openLiterals } from "./Models.js"

const nonEmpty = (identifier: string, max: number) =>
  Schema.String.check(Schema.isBetweenLength(1, max)).annotate({
    identifier,
    expected: `a string of 1 to ${max} characters`
  })

// -----------------------------------------------------------------------------
// requests
// -----------------------------------------------------------------------------

/**
 * The endpoints a batch can target. The platform documents `/v4/...` (the path below `/api/paas`); the official
 * SDKs send `/v1/...`. Every line of the input file must use the batch's endpoint as its `url`.
 *
 * @since 0.1.0
 */
export const BatchEndpoint = Schema.Literals([
  "/v4/chat/completions",
  "/v4/embeddings",
  "/v1/chat/completions",
  "/v1/embeddings"
]).annotate({ identifier: "BatchEndpoint" })

/**
 * A batch endpoint.
 *
 * @since 0.1.0
 */
export type BatchEndpoint = typeof BatchEndpoint.Type

/**
 * Whether an endpoint runs chat completions (else embeddings).
 *
 * @since 0.1.0
 */
export const isChatEndpoint = (endpoint: BatchEndpoint): boolean => endpoint.endsWith("/chat/completions")

/**
 * Up to 16 `key: value` pairs kept on the batch (values up to 512 characters).
 *
 * @since 0.1.0
 */
export const BatchMetadata = Schema.Record(
  Schema.String,
  Schema.String.check(Schema.isMaxLength(512)).annotate({ expected: "a string of at most 512 characters" })
)
  .check(Schema.isMaxProperties(16))
  .annotate({ identifier: "BatchMetadata", expected: "at most 16 key/value pairs" })

/**
 * Batch metadata.
 *
 * @since 0.1.0
 */
export type BatchMetadata = typeof BatchMetadata.Type

/**
 * The body of `POST /batches`: `{ input_file_id, endpoint, completion_window?, metadata?, auto_delete_input_file? }`.
 *
 * @since 0.1.0
 */
export const BatchCreateRequest = Schema.Struct({
  /** Id of a JSONL file uploaded with purpose `batch`. */
  input_file_id: nonEmpty("FileId", 256),
  /** The endpoint every line targets. */
  endpoint: BatchEndpoint,
  /** How long the batch may run, e.g. `24h`. */
  completion_window: Schema.optionalKey(nonEmpty("CompletionWindow", 32)),
  /** Key/value pairs kept on the batch. */
  metadata: Schema.optionalKey(BatchMetadata),
  /** Delete the input file once the batch is done (the platform's default is `true`). */
  auto_delete_input_file: Schema.optionalKey(Schema.Boolean)
}).annotate({ identifier: "BatchCreateRequest" })

/**
 * A batch creation request.
 *
 * @since 0.1.0
 */
export type BatchCreateRequest = typeof BatchCreateRequest.Type

/**
 * The query of `GET /batches`: `after` (the last id seen) and `limit` (1–100).
 *
 * @since 0.1.0
 */
export const BatchListQuery = Schema.Struct({
  /** Start after this batch id. */
  after: Schema.optionalKey(nonEmpty("BatchId", 256)),
  /** Items per page, 1–100. */
  limit: Schema.optionalKey(
    Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100 })).annotate({ expected: "an integer from 1 to 100" })
  )
}).annotate({ identifier: "BatchListQuery" })

/**
 * A batch list query.
 *
 * @since 0.1.0
 */
export type BatchListQuery = typeof BatchListQuery.Type

/**
 * A batch id given as `{ batch_id }` (path parameter): 1 to 256 characters.
 *
 * @since 0.1.0
 */
export const BatchIdInput = Schema.Struct({ batch_id: nonEmpty("BatchId", 256) }).annotate({ identifier: "BatchId" })

/**
 * One line of a batch input file: `{ custom_id, method: "POST", url, body }`.
 *
 * @since 0.1.0
 */
export const BatchInputLine = Schema.Struct({
  /** Your id for the request, unique within the file; it comes back on the result line. */
  custom_id: nonEmpty("CustomId", 512),
  /** Always `POST`. */
  method: Schema.Literal("POST"),
  /** The batch's endpoint. */
  url: BatchEndpoint,
  /** The request body, as for the endpoint itself. */
  body: Schema.Record(Schema.String, Schema.Unknown)
}).annotate({ identifier: "BatchInputLine" })

/**
 * A batch input line.
 *
 * @since 0.1.0
 */
export type BatchInputLine = typeof BatchInputLine.Type

/**
 * Validates the body of `POST /batches`.
 *
 * @since 0.1.0
 */
export const validateCreateRequest = makeValidator(BatchCreateRequest, "BatchCreateRequest")

/**
 * Validates a batch list query.
 *
 * @since 0.1.0
 */
export const validateListQuery = makeValidator(BatchListQuery, "BatchListQuery")

/**
 * Validates a batch id given as `{ batch_id }`.
 *
 * @since 0.1.0
 */
export const validateBatchId = makeValidator(BatchIdInput, "BatchId")

/**
 * Validates one input line (the body itself is checked by the endpoint's own validator).
 *
 * @since 0.1.0
 */
export const validateInputLine = makeValidator(BatchInputLine, "BatchInputLine")

// -----------------------------------------------------------------------------
// responses
// -----------------------------------------------------------------------------

/**
 * Every status a batch goes through: `validating`, `failed`, `in_progress`, `finalizing`, `completed`, `expired`,
 * `cancelling`, `cancelled` (any other string is accepted and should be treated as still running).
 *
 * @since 0.1.0
 */
export const KnownBatchStatuses = [
  "validating",
  "failed",
  "in_progress",
  "finalizing",
  "completed",
  "expired",
  "cancelling",
  "cancelled"
] as const

/**
 * A batch status (open: unknown statuses decode).
 *
 * @since 0.1.0
 */
export const BatchStatus = openLiterals(KnownBatchStatuses, {
  identifier: "BatchStatus",
  description: "The status of a batch"
})

/**
 * A batch status.
 *
 * @since 0.1.0
 */
export type BatchStatus = typeof BatchStatus.Type

/**
 * The final statuses that are failures: `failed`, `expired`, `cancelled`.
 *
 * @since 0.1.0
 */
export const isFailedStatus = (status: BatchStatus | null | undefined): boolean =>
  status === "failed" || status === "expired" || status === "cancelled"

/**
 * Whether a status is final (`completed`, `failed`, `expired` or `cancelled`).
 *
 * @since 0.1.0
 */
export const isTerminal = (status: BatchStatus | null | undefined): boolean =>
  status === "completed" || isFailedStatus(status)

/**
 * `{ total, completed, failed }`: how many lines the batch has, and how many succeeded or failed so far.
 *
 * @since 0.1.0
 */
export const BatchRequestCounts = lenient({
  total: maybe(Schema.Number),
  completed: maybe(Schema.Number),
  failed: maybe(Schema.Number)
}).annotate({ identifier: "BatchRequestCounts" })

/**
 * Request counts.
 *
 * @since 0.1.0
 */
export type BatchRequestCounts = typeof BatchRequestCounts.Type

/**
 * One problem of a batch (typically found while validating the input file): `{ code, line, message, param }`.
 *
 * @since 0.1.0
 */
export const BatchError = lenient({
  code: maybe(Schema.Union([Schema.String, Schema.Number])),
  line: maybe(Schema.Number),
  message: maybe(Schema.String),
  param: maybe(Schema.String)
}).annotate({ identifier: "BatchError" })

/**
 * A batch problem.
 *
 * @since 0.1.0
 */
export type BatchError = typeof BatchError.Type

/**
 * `{ object: "list", data: [BatchError] }`.
 *
 * @since 0.1.0
 */
export const BatchErrors = lenient({
  object: maybe(Schema.String),
  data: maybe(Schema.Array(BatchError))
}).annotate({ identifier: "BatchErrors" })

/**
 * Batch problems.
 *
 * @since 0.1.0
 */
export type BatchErrors = typeof BatchErrors.Type

/**
 * A batch: `{ id, object: "batch", endpoint, input_file_id, completion_window, status, output_file_id, error_file_id,
 * request_counts, errors, metadata, created_at, in_progress_at, expires_at, finalizing_at, completed_at, failed_at,
 * expired_at, cancelling_at, cancelled_at }` (timestamps in Unix seconds). `id` is required; every other field may be
 * absent or `null`, and unknown fields are kept.
 *
 * @since 0.1.0
 */
export const Batch = lenient({
  id: Schema.String,
  object: maybe(Schema.String),
  endpoint: maybe(Schema.String),
  input_file_id: maybe(Schema.String),
  completion_window: maybe(Schema.String),
  status: maybe(BatchStatus),
  output_file_id: maybe(Schema.String),
  error_file_id: maybe(Schema.String),
  request_counts: maybe(BatchRequestCounts),
  errors: maybe(BatchErrors),
  metadata: maybe(Schema.Record(Schema.String, Schema.Unknown)),
  created_at: maybe(Schema.Number),
  in_progress_at: maybe(Schema.Number),
  expires_at: maybe(Schema.Number),
  finalizing_at: maybe(Schema.Number),
  completed_at: maybe(Schema.Number),
  failed_at: maybe(Schema.Number),
  expired_at: maybe(Schema.Number),
  cancelling_at: maybe(Schema.Number),
  cancelled_at: maybe(Schema.Number)
}).annotate({ identifier: "Batch" })

/**
 * A batch.
 *
 * @since 0.1.0
 */
export type Batch = typeof Batch.Type

/**
 * One page of `GET /batches`: `{ object, data, first_id, last_id, has_more }`.
 *
 * @since 0.1.0
 */
export const BatchList = lenient({
  object: maybe(Schema.String),
  data: maybe(Schema.Array(Batch)),
  first_id: maybe(Schema.String),
  last_id: maybe(Schema.String),
  has_more: maybe(Schema.Boolean)
}).annotate({ identifier: "BatchList" })

/**
 * A page of batches.
 *
 * @since 0.1.0
 */
export type BatchList = typeof BatchList.Type

/**
 * The error of a result line: `{ code, message }` (or a bare message).
 *
 * @since 0.1.0
 */
export const BatchLineError = lenient({
  code: maybe(Schema.Union([Schema.String, Schema.Number])),
  message: maybe(Schema.String)
}).annotate({ identifier: "BatchLineError" })

/**
 * The error of a result line.
 *
 * @since 0.1.0
 */
export type BatchLineError = typeof BatchLineError.Type

/**
 * The response of a result line: `{ status_code, request_id, body }` (`body` as the endpoint answers it, or an error
 * envelope).
 *
 * @since 0.1.0
 */
export const BatchLineResponse = lenient({
  status_code: maybe(Schema.Number),
  request_id: maybe(Schema.String),
  body: maybe(Schema.Unknown)
}).annotate({ identifier: "BatchLineResponse" })

/**
 * The response of a result line.
 *
 * @since 0.1.0
 */
export type BatchLineResponse = typeof BatchLineResponse.Type

/**
 * One line of a batch output or error file: `{ id, custom_id, response: { status_code, request_id, body }, error }`.
 *
 * @since 0.1.0
 */
export const BatchOutputLine = lenient({
  id: maybe(Schema.String),
  custom_id: maybe(Schema.String),
  response: maybe(BatchLineResponse),
  error: maybe(Schema.Union([BatchLineError, Schema.String]))
}).annotate({ identifier: "BatchOutputLine" })

/**
 * A result line.
 *
 * @since 0.1.0
 */
export type BatchOutputLine = typeof BatchOutputLine.Type
