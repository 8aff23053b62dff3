/**
 * The errors of the Promise client, as plain `Error` subclasses for `instanceof` checks (like openai-node's
 * `APIError` family). `ZaiError` is the base; there is one class per category of the API's business codes, plus
 * the client-side failures (bad input, timeouts, broken connections, undecodable answers, failed tasks, aborts).
 *
 * Every error carries `status` (HTTP), `code` (the business code, e.g. `"1113"`), `requestId`, `isRetryable`,
 * `retryAfterMs` and `attempts` when known, and `tag`: the `_tag` of the Effect error it came from. None ever holds
 * the API key, a JWT or an `Authorization` header.
 *
 * ```ts
 * try {
 *   await zai.chat.completions.create({ model: "glm-4.6", messages })
 * } catch (error) {
 *   if (error instanceof RateLimitError) console.log("retry after", error.retryAfterMs)
 * }
 * ```
 *
 * @since 0.1.0
 */

/**
 * What every `ZaiError` may carry.
 *
 * @since 0.1.0
 */
export interface ErrorFields {
  /** HTTP status of the failed response, when one arrived. */
  readonly status?: number | undefined
  /** Business code of the API (`error.code`, e.g. `"1302"`), when the body carried one. */
  readonly code?: string | undefined
  /** The request id (`x-request-id` or the error body's). */
  readonly requestId?: string | undefined
  /** Whether the same request may succeed when sent again. */
  readonly isRetryable?: boolean | undefined
  /** Delay the server asked for before retrying, in milliseconds. */
  readonly retryAfterMs?: number | undefined
  /** How many HTTP attempts were made (0 when nothing was sent). */
  readonly attempts?: number | undefined
  /** The `_tag` of the underlying Effect error (`RateLimitError`, `InvalidRequestInput`, ...). */
  readonly tag?: string | undefined
  /** The server's own message, without the decorations of `message`. */
  readonly serverMessage?: string | undefined
  /** The underlying error. */
  readonly cause?: unknown
}

/**
 * Base class of every error the Promise client rejects with.
 *
 * @since 0.1.0
 */
export class ZaiError extends Error {
  /** HTTP status of the failed response, when one arrived. */
  readonly status: number | undefined
  /** Business code of the API (e.g. `"1113"`). */
  readonly code: string | undefined
  /** The request id. */
  readonly requestId: string | undefined
  /** Whether the same request may succeed when sent again. */
  readonly isRetryable: boolean
  /** Delay the server asked for before retrying, in milliseconds. */
  readonly retryAfterMs: number | undefined
  /** How many HTTP attempts were made. */
  readonly attempts: number | undefined
  /** The `_tag` of the underlying Effect error. */
  readonly tag: string | undefined
  /** The server's own message. */
  readonly serverMessage: string | undefined

  constructor(message: string, fields: ErrorFields = {}) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause })
    this.name = new.target.name
    this.status = fields.status
    this.code = fields.code
    this.requestId = fields.requestId
    this.isRetryable = fields.isRetryable ?? false
    this.retryAfterMs = fields.retryAfterMs
    this.attempts = fields.attempts
    this.tag = fields.tag
    this.serverMessage = fields.serverMessage
  }
}

/**
 * The API key is missing, invalid or expired (HTTP 401, codes 1000–1005), or none was given to the client.
 *
 * @since 0.1.0
 */
export class AuthenticationError extends ZaiError {}

/**
 * The key may not use this API, model or account (HTTP 403, account codes 1100–1121, ...).
 *
 * @since 0.1.0
 */
export class PermissionError extends ZaiError {}

/**
 * The account has no balance left (code 1113).
 *
 * @since 0.1.0
 */
export class InsufficientBalanceError extends ZaiError {}

/**
 * A usage quota is used up (code 1304, ...).
 *
 * @since 0.1.0
 */
export class QuotaExceededError extends ZaiError {}

/**
 * Too many requests (HTTP 429, code 1302, ...); `retryAfterMs` says when to come back when the server said it.
 *
 * @since 0.1.0
 */
export class RateLimitError extends ZaiError {}

/**
 * The input or output was blocked by content moderation (code 1301); `contentFilter` lists the verdicts.
 *
 * @since 0.1.0
 */
export class ContentFilterError extends ZaiError {
  /** The `contentFilter` entries of the error body. */
  readonly contentFilter: ReadonlyArray<{ readonly level?: number; readonly role?: string }>

  constructor(
    message: string,
    fields: ErrorFields & { readonly contentFilter?: ReadonlyArray<{ readonly level?: number; readonly role?: string }> }
  ) {
    super(message, fields)
    this.contentFilter = fields.contentFilter ?? []
  }
}

/**
 * The prompt does not fit the model's context window.
 *
 * @since 0.1.0
 */
export class ContextLengthError extends ZaiError {}

/**
 * The API rejected the request as invalid (HTTP 400, codes 1210–1214, ...).
 *
 * @since 0.1.0
 */
export class InvalidRequestError extends ZaiError {}

/**
 * The resource (model, file, task, ...) does not exist (HTTP 404).
 *
 * @since 0.1.0
 */
export class NotFoundError extends ZaiError {}

/**
 * The request conflicts with the state of the resource (HTTP 409).
 *
 * @since 0.1.0
 */
export class ConflictError extends ZaiError {}

/**
 * The service is overloaded (HTTP 503, code 1312, ...).
 *
 * @since 0.1.0
 */
export class ServerOverloadedError extends ZaiError {}

/**
 * The server failed (HTTP 5xx, or an error frame in the middle of a stream).
 *
 * @since 0.1.0
 */
export class InternalServerError extends ZaiError {}

/**
 * The request was rejected before it was sent: a field is missing or has the wrong type or value. `issues` names
 * every bad field.
 *
 * @since 0.1.0
 */
export class InvalidInputError extends ZaiError {
  /** What was validated (`ChatCompletionRequest`, ...). */
  readonly subject: string
  /** One entry per problem: the field's path and what was expected. */
  readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }>

  constructor(
    message: string,
    fields: ErrorFields & {
      readonly subject: string
      readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }>
    }
  ) {
    super(message, fields)
    this.subject = fields.subject
    this.issues = fields.issues
  }
}

/**
 * A client-side time limit ran out: `kind` says which (`connect`, `total` for one attempt, `stream-idle`, or `poll`
 * when waiting for a task).
 *
 * @since 0.1.0
 */
export class TimeoutError extends ZaiError {
  /** Which limit ran out. */
  readonly kind: "connect" | "total" | "stream-idle" | "poll"

  constructor(message: string, fields: ErrorFields & { readonly kind: "connect" | "total" | "stream-idle" | "poll" }) {
    super(message, fields)
    this.kind = fields.kind
  }
}

/**
 * The request could not be sent, or the connection broke before the answer was complete.
 *
 * @since 0.1.0
 */
export class ConnectionError extends ZaiError {}

/**
 * A server-sent event stream could not be parsed; `raw` holds the offending text.
 *
 * @since 0.1.0
 */
export class StreamParseError extends ZaiError {
  /** The text of the bad frame (at most 64 KiB). */
  readonly raw: string

  constructor(message: string, fields: ErrorFields & { readonly raw: string }) {
    super(message, fields)
    this.raw = fields.raw
  }
}

/**
 * A successful answer did not have the expected shape (or was not JSON).
 *
 * @since 0.1.0
 */
export class ResponseDecodeError extends ZaiError {}

/**
 * An asynchronous task (video, image, batch, fine-tuning job, parse, agent) ended in a failed state.
 *
 * @since 0.1.0
 */
export class TaskFailedError extends ZaiError {
  /** The task id, when known. */
  readonly taskId: string | undefined
  /** The final status the task reported (`FAIL`, `failed`, ...). */
  readonly taskStatus: string | undefined
  /** The last state read. */
  readonly result: unknown

  constructor(
    message: string,
    fields: ErrorFields & { readonly taskId?: string | undefined; readonly taskStatus?: string | undefined; readonly result?: unknown }
  ) {
    super(message, fields)
    this.taskId = fields.taskId
    this.taskStatus = fields.taskStatus
    this.result = fields.result
  }
}

/**
 * The caller aborted the request (its `signal` fired, or the stream was aborted).
 *
 * @since 0.1.0
 */
export class AbortError extends ZaiError {}
