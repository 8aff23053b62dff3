/**
 * Typed errors of the Z.ai client: one `Schema.TaggedError` class per failure category.
 *
 * Every error carries the HTTP `status` and business `code` when there was a response, a readable
 * `message` (`[1113] Insufficient balance… (HTTP 429, request_id abc, after 1 attempt)`), the request id,
 * a server-requested `retryAfter`, whether retrying can help (`isRetryable`) and how many HTTP attempts
 * were made (`attempts`). No error ever holds request headers, the API key or a JWT.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * Fields shared by every error of this module.
 *
 * @since 0.1.0
 */
export const CommonFields = {
  /** Readable message, including the business code, HTTP status, request id and attempt count when known. */
  message: Schema.String,
  /** HTTP status of the failed response, when a response arrived. */
  status: Schema.optionalKey(Schema.Number),
  /** Business code (`error.code`, e.g. `"1113"`), when the body carried one. */
  code: Schema.optionalKey(Schema.String),
  /** The request id from the `x-request-id` header or the error body. */
  requestId: Schema.optionalKey(Schema.String),
  /** Delay the server asked for (`retry-after-ms` / `Retry-After`). */
  retryAfter: Schema.optionalKey(Schema.Duration),
  /** Whether the same request may succeed when retried. */
  isRetryable: Schema.Boolean,
  /** Number of HTTP attempts made before this error was returned (0 when nothing was sent). */
  attempts: Schema.Number
}

/**
 * Extra fields of errors built from an API error response.
 *
 * @since 0.1.0
 */
export const ApiFields = {
  ...CommonFields,
  /** The message the server sent, without the decorations of `message`. */
  serverMessage: Schema.optionalKey(Schema.String),
  /** The business-code category (e.g. `account` for codes 1100–1121, which map to `PermissionError`). */
  category: Schema.optionalKey(Schema.String),
  /** The `contentFilter` array of a content-filter error body. */
  contentFilter: Schema.optionalKey(
    Schema.Array(Schema.Struct({ level: Schema.optionalKey(Schema.Number), role: Schema.optionalKey(Schema.String) }))
  )
}

/**
 * The key is missing, invalid or expired (HTTP 401, codes 1000–1005).
 *
 * @since 0.1.0
 */
export class AuthenticationError extends Schema.TaggedError<AuthenticationError>()("AuthenticationError", ApiFields) {}

/**
 * The key may not use this API, model or account (HTTP 403, codes 1100–1121, 1220–1222, 1311).
 *
 * @since 0.1.0
 */
export class PermissionError extends Schema.TaggedError<PermissionError>()("PermissionError", ApiFields) {}

/**
 * The account is in arrears or has no resource package (code 1113, sent as HTTP 429 but never retried).
 *
 * @since 0.1.0
 */
export class InsufficientBalanceError extends Schema.TaggedError<InsufficientBalanceError>()(
  "InsufficientBalanceError",
  ApiFields
) {}

/**
 * A daily, weekly, monthly or plan quota is used up (codes 1304, 1308–1310).
 *
 * @since 0.1.0
 */
export class QuotaExceededError extends Schema.TaggedError<QuotaExceededError>()("QuotaExceededError", ApiFields) {}

/**
 * Too many requests or too much concurrency (HTTP 429, codes 1302, 1303, 1305, 1313).
 *
 * @since 0.1.0
 */
export class RateLimitError extends Schema.TaggedError<RateLimitError>()("RateLimitError", ApiFields) {}

/**
 * The input or output was blocked by content policy (codes 1300, 1301).
 *
 * @since 0.1.0
 */
export class ContentFilterError extends Schema.TaggedError<ContentFilterError>()("ContentFilterError", ApiFields) {}

/**
 * The prompt is longer than the model accepts (code 1261).
 *
 * @since 0.1.0
 */
export class ContextLengthError extends Schema.TaggedError<ContextLengthError>()("ContextLengthError", ApiFields) {}

/**
 * The request was rejected as malformed (HTTP 400/413/422, codes 1210–1215); also a body that could not be encoded.
 *
 * @since 0.1.0
 */
export class InvalidRequestError extends Schema.TaggedError<InvalidRequestError>()("InvalidRequestError", ApiFields) {}

/**
 * The resource or model does not exist (HTTP 404, code 1211).
 *
 * @since 0.1.0
 */
export class NotFoundError extends Schema.TaggedError<NotFoundError>()("NotFoundError", ApiFields) {}

/**
 * The request conflicts with an earlier one, e.g. a reused `request_id` (HTTP 409, code 1231).
 *
 * @since 0.1.0
 */
export class ConflictError extends Schema.TaggedError<ConflictError>()("ConflictError", ApiFields) {}

/**
 * The service or model is overloaded (HTTP 503/529, code 1312).
 *
 * @since 0.1.0
 */
export class ServerOverloadedError extends Schema.TaggedError<ServerOverloadedError>()(
  "ServerOverloadedError",
  ApiFields
) {}

/**
 * The server failed (HTTP 5xx, codes 500, 1200, 1230, 1234), including a stream that ended with
 * `finish_reason: "network_error"`.
 *
 * @since 0.1.0
 */
export class InternalServerError extends Schema.TaggedError<InternalServerError>()("InternalServerError", ApiFields) {}

/**
 * Which timeout fired: `connect` (TCP/TLS connect, enforced by the HTTP transport), `total` (one attempt of a
 * non-streaming call, or the connection/headers phase of a stream), `stream-idle` (no bytes for too long inside a
 * stream), `poll` (`Polling.pollUntilDone` gave up).
 *
 * @since 0.1.0
 */
export const TimeoutKind = Schema.Literals(["connect", "total", "stream-idle", "poll"])

/**
 * `"connect" | "total" | "stream-idle" | "poll"`.
 *
 * @since 0.1.0
 */
export type TimeoutKind = typeof TimeoutKind.Type

/**
 * A client-side timeout fired; `kind` says which one and `timeout` how long it was.
 *
 * @since 0.1.0
 */
export class TimeoutError extends Schema.TaggedError<TimeoutError>()("TimeoutError", {
  ...CommonFields,
  /** Which timeout fired. */
  kind: TimeoutKind,
  /** The configured duration that elapsed. */
  timeout: Schema.optionalKey(Schema.Duration)
}) {}

/**
 * The request could not be sent or the connection broke before a response arrived.
 *
 * @since 0.1.0
 */
export class ConnectionError extends Schema.TaggedError<ConnectionError>()("ConnectionError", {
  ...CommonFields,
  /** The underlying error's message (never the request headers). */
  detail: Schema.optionalKey(Schema.String)
}) {}

/**
 * An SSE stream could not be parsed: a frame that is not valid JSON, an event above the size limit,
 * or bytes that are not a valid stream. `raw` holds the offending text (truncated to 64 KiB).
 *
 * @since 0.1.0
 */
export class StreamParseError extends Schema.TaggedError<StreamParseError>()("StreamParseError", {
  ...CommonFields,
  /** What went wrong: `invalid-json`, `event-too-large` or `invalid-stream`. */
  reason: Schema.Literals(["invalid-json", "event-too-large", "invalid-stream"]),
  /** The raw text of the frame (truncated to 64 KiB). */
  raw: Schema.String
}) {}

/**
 * A 2xx response body did not match the expected schema (or was not JSON).
 *
 * @since 0.1.0
 */
export class ResponseDecodeError extends Schema.TaggedError<ResponseDecodeError>()("ResponseDecodeError", {
  ...CommonFields,
  /** The start of the body that failed to decode (at most 4 KiB). */
  raw: Schema.optionalKey(Schema.String)
}) {}

/**
 * An async task (`/async-result`, agents, batches) ended in a failed state.
 *
 * @since 0.1.0
 */
export class TaskFailedError extends Schema.TaggedError<TaskFailedError>()("TaskFailedError", {
  ...CommonFields,
  /** The task id, when known. */
  taskId: Schema.optionalKey(Schema.String),
  /** The final status the task reported (e.g. `FAIL`). */
  taskStatus: Schema.optionalKey(Schema.String),
  /** The last polled value. */
  result: Schema.optionalKey(Schema.Unknown)
}) {}

/**
 * Every error an API error response can map to.
 *
 * @since 0.1.0
 */
export type ApiError =
  | AuthenticationError
  | PermissionError
  | InsufficientBalanceError
  | QuotaExceededError
  | RateLimitError
  | ContentFilterError
  | ContextLengthError
  | InvalidRequestError
  | NotFoundError
  | ConflictError
  | ServerOverloadedError
  | InternalServerError

/**
 * Union of every error the Z.ai client produces.
 *
 * @since 0.1.0
 */
export type ZaiError =
  | ApiError
  | TimeoutError
  | ConnectionError
  | StreamParseError
  | ResponseDecodeError
  | TaskFailedError

/**
 * The `_tag` of every `ZaiError`.
 *
 * @since 0.1.0
 */
export const tags: ReadonlyArray<ZaiError["_tag"]> = [
  "AuthenticationError",
  "PermissionError",
  "InsufficientBalanceError",
  "QuotaExceededError",
  "RateLimitError",
  "ContentFilterError",
  "ContextLengthError",
  "InvalidRequestError",
  "NotFoundError",
  "ConflictError",
  "ServerOverloadedError",
  "InternalServerError",
  "TimeoutError",
  "ConnectionError",
  "StreamParseError",
  "ResponseDecodeError",
  "TaskFailedError"
]

const tagSet: ReadonlySet<string> = new Set(tags)

/**
 * Whether a value is one of the errors of this module.
 *
 * @since 0.1.0
 */
export const isZaiError = (u: unknown): u is ZaiError =>
  typeof u === "object" && u !== null && "_tag" in u && typeof u._tag === "string" && tagSet.has(u._tag)

/**
 * Formats the readable message used by every error: `[code] text (HTTP status, request_id id, after n attempts)`.
 *
 * @since 0.1.0
 */
export const formatMessage = (parts: {
  readonly text: string
  readonly code?: string | undefined
  readonly status?: number | undefined
  readonly requestId?: string | undefined
  readonly attempts: number
}): string => {
  const details: Array<string> = []
  if (parts.status !== undefined) details.push(`HTTP ${parts.status}`)
  if (parts.requestId !== undefined) details.push(`request_id ${parts.requestId}`)
  if (parts.attempts > 0) details.push(`after ${parts.attempts} attempt${parts.attempts === 1 ? "" : "s"}`)
  const prefix = parts.code !== undefined ? `[${parts.code}] ` : ""
  return `${prefix}${parts.text}${details.length > 0 ? ` (${details.join(", ")})` : ""}`
}
