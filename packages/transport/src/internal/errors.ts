import { BusinessCodes, ErrorEnvelope } from "@zai-kit/schema"
import { Duration, Predicate } from "effect"
import type { Headers } from "effect/http"
import * as HttpClientError from "effect/http/HttpClientError"
import {
  type ApiError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  ContentFilterError,
  ContextLengthError,
  formatMessage,
  InsufficientBalanceError,
  InternalServerError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  QuotaExceededError,
  RateLimitError,
  ServerOverloadedError,
  TimeoutError
} from "../ZaiError.js"

/** Removes every secret (API key, JWT) from a text that may echo request data. */
export type Scrub = (text: string) => string

const MAX_MESSAGE = 2000

const cap = (text: string): string => (text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1)}…`)

type ApiErrorProps = Omit<ConstructorParameters<typeof RateLimitError>[0], "_tag">

const classes: Record<BusinessCodes.ErrorCategory, new (props: ApiErrorProps) => ApiError> = {
  authentication: AuthenticationError,
  permission: PermissionError,
  account: PermissionError,
  insufficient_balance: InsufficientBalanceError,
  quota_exceeded: QuotaExceededError,
  rate_limit: RateLimitError,
  content_filter: ContentFilterError,
  context_length: ContextLengthError,
  invalid_request: InvalidRequestError,
  not_found: NotFoundError,
  conflict: ConflictError,
  server_overloaded: ServerOverloadedError,
  internal: InternalServerError
}

/** The category of a response: business code first, HTTP status second. */
export const categoryOf = (status: number, code: string | undefined): BusinessCodes.ErrorCategory =>
  BusinessCodes.lookup(code)?.category ?? BusinessCodes.categoryForStatus(status) ?? "internal"

/**
 * Whether an error response may be retried: `x-should-retry` wins; then a known business code decides;
 * then the status (408, 409, 429, 5xx).
 */
export const isRetryableResponse = (status: number, code: string | undefined, shouldRetry: string | undefined) => {
  if (shouldRetry === "true") return true
  if (shouldRetry === "false") return false
  const known = BusinessCodes.lookup(code)
  if (known !== undefined) return known.retryable
  return status === 408 || status === 409 || status === 429 || status >= 500
}

/**
 * The delay asked by the server: `retry-after-ms` (milliseconds), then `retry-after` (seconds or an HTTP date,
 * relative to `nowMs`). `undefined` when absent, unparsable or negative.
 */
export const retryAfterOf = (headers: Headers.Headers, nowMs: number): Duration.Duration | undefined => {
  const ms = headers["retry-after-ms"]
  if (ms !== undefined) {
    const value = Number.parseFloat(ms)
    if (Number.isFinite(value) && value >= 0) return Duration.millis(value)
  }
  const header = headers["retry-after"]
  if (header === undefined) return undefined
  const trimmed = header.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Duration.millis(Number.parseFloat(trimmed) * 1000)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  const delta = date - nowMs
  return delta >= 0 ? Duration.millis(delta) : Duration.zero
}

/** Builds the typed error of a non-2xx response. */
export const fromResponse = (input: {
  readonly status: number
  readonly headers: Headers.Headers
  readonly bodyText: string
  readonly attempts: number
  readonly nowMs: number
  readonly scrub: Scrub
}): ApiError => {
  const parsed = ErrorEnvelope.decodeErrorBody(input.status, input.bodyText)
  const rawRequestId = input.headers["x-request-id"] ?? parsed.requestId
  const requestId = rawRequestId === undefined ? undefined : input.scrub(rawRequestId)
  const category = categoryOf(input.status, parsed.code)
  const retryAfter = retryAfterOf(input.headers, input.nowMs)
  const serverMessage = cap(input.scrub(parsed.message))
  const ErrorClass = classes[category]
  return new ErrorClass({
    message: formatMessage({
      text: serverMessage,
      code: parsed.code,
      status: input.status,
      requestId,
      attempts: input.attempts
    }),
    serverMessage,
    status: input.status,
    category,
    isRetryable: isRetryableResponse(input.status, parsed.code, input.headers["x-should-retry"]),
    attempts: input.attempts,
    ...(parsed.code !== undefined ? { code: parsed.code } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
    ...(parsed.contentFilter !== undefined ? { contentFilter: parsed.contentFilter } : {})
  })
}

/** Keys an error envelope may carry besides its error: a 2xx body with any other key is an answer, not an error. */
const envelopeKeys = new Set([
  "error",
  "code",
  "msg",
  "message",
  "success",
  "request_id",
  "requestId",
  "id",
  "created",
  "timestamp",
  "contentFilter",
  "content_filter",
  "data"
])

const okCodes = new Set(["0", "200"])

const isErrorObject = (value: unknown): boolean =>
  Predicate.isObject(value) && !Array.isArray(value) && ("code" in value || "message" in value)

/**
 * Whether a 2xx JSON body is an error envelope rather than an answer: `{"error":{code,message}}`, or `{code, msg}`
 * with a code other than 0/200, and no field of a successful answer (a `data` field only when `null`).
 */
export const isOkErrorEnvelope = (json: unknown): boolean => {
  if (!Predicate.isObject(json) || Array.isArray(json)) return false
  const record = json as Readonly<Record<string, unknown>>
  for (const key of Object.keys(record)) {
    if (!envelopeKeys.has(key)) return false
  }
  if ((record.data !== undefined && record.data !== null) || record.success === true) return false
  if (isErrorObject(record.error)) return true
  const code = record.code
  const hasCode = (typeof code === "number" && Number.isFinite(code)) || (typeof code === "string" && code.trim() !== "")
  return hasCode && typeof record.msg === "string" && !okCodes.has(String(code).trim())
}

/** Builds the typed error of a 2xx JSON body that is an error envelope (see `isOkErrorEnvelope`). */
export const fromOkBody = (input: {
  readonly text: string
  readonly status: number
  readonly requestId: string | undefined
  readonly attempts: number
  readonly scrub: Scrub
}): ApiError => fromErrorPayload({ ...input, data: input.text, prefix: "" })

/** Builds the typed error of an error frame inside a 2xx stream (`{"error":…}` or `event: error`). */
export const fromStreamFrame = (input: {
  readonly data: string
  readonly status: number
  readonly requestId: string | undefined
  readonly attempts: number
  readonly scrub: Scrub
}): ApiError => fromErrorPayload({ ...input, prefix: "Stream error: " })

// an error reported inside a 2xx answer: the class and retryability follow the business code (unknown: internal,
// retryable, as the status says nothing)
const fromErrorPayload = (input: {
  readonly data: string
  readonly status: number
  readonly requestId: string | undefined
  readonly attempts: number
  readonly scrub: Scrub
  readonly prefix: string
}): ApiError => {
  const parsed = ErrorEnvelope.decodeErrorBody(input.status, input.data)
  const requestId = parsed.requestId !== undefined ? input.scrub(parsed.requestId) : input.requestId
  const known = BusinessCodes.lookup(parsed.code)
  const category = known?.category ?? "internal"
  const serverMessage = cap(input.scrub(parsed.message))
  const ErrorClass = classes[category]
  return new ErrorClass({
    message: formatMessage({
      text: `${input.prefix}${serverMessage}`,
      code: parsed.code,
      status: input.status,
      requestId,
      attempts: input.attempts
    }),
    serverMessage,
    status: input.status,
    category,
    isRetryable: known?.retryable ?? true,
    attempts: input.attempts,
    ...(parsed.code !== undefined ? { code: parsed.code } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(parsed.contentFilter !== undefined ? { contentFilter: parsed.contentFilter } : {})
  })
}

const causeCode = (cause: unknown): string | undefined => {
  let current: unknown = cause
  for (let depth = 0; depth < 5 && Predicate.isObject(current); depth++) {
    if ("code" in current && typeof current.code === "string") return current.code
    if ("name" in current && current.name === "ConnectTimeoutError") return "UND_ERR_CONNECT_TIMEOUT"
    current = "cause" in current ? current.cause : undefined
  }
  return undefined
}

const causeMessage = (cause: unknown): string | undefined => {
  const parts: Array<string> = []
  let current: unknown = cause
  for (let depth = 0; depth < 5 && Predicate.isObject(current); depth++) {
    if ("message" in current && typeof current.message === "string" && current.message.length > 0) {
      parts.push(current.message)
    }
    current = "cause" in current ? current.cause : undefined
  }
  return parts.length > 0 ? parts.join(": ") : undefined
}

/** Maps a failure of the HTTP client (no response) to `ConnectionError`, or `TimeoutError` kind `connect`. */
export const fromTransport = (
  error: HttpClientError.HttpClientError,
  attempts: number,
  connectTimeout: Duration.Duration,
  scrub: Scrub
): ConnectionError | TimeoutError | InvalidRequestError => {
  const reason = error.reason
  const detail = scrub(cap(causeMessage(reason.cause) ?? reason.description ?? reason._tag))
  if (reason._tag === "InvalidUrlError" || reason._tag === "EncodeError") {
    const text = `Invalid request (${reason._tag}): ${detail}`
    return new InvalidRequestError({
      message: formatMessage({ text, attempts }),
      serverMessage: text,
      isRetryable: false,
      attempts
    })
  }
  const code = causeCode(reason.cause)
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT") {
    return new TimeoutError({
      message: formatMessage({ text: `Connect timed out after ${Duration.format(connectTimeout)}`, attempts }),
      kind: "connect",
      timeout: connectTimeout,
      isRetryable: true,
      attempts
    })
  }
  return new ConnectionError({
    message: formatMessage({ text: `Connection error: ${detail}`, attempts }),
    detail,
    isRetryable: true,
    attempts
  })
}

/** A failure while reading a response body after its headers arrived. */
export const fromBodyRead = (
  error: HttpClientError.HttpClientError,
  status: number,
  requestId: string | undefined,
  attempts: number,
  scrub: Scrub
): ConnectionError => {
  const detail = scrub(cap(causeMessage(error.reason.cause) ?? error.reason.description ?? error.reason._tag))
  return new ConnectionError({
    message: formatMessage({ text: `Connection error while reading the body: ${detail}`, status, requestId, attempts }),
    detail,
    status,
    isRetryable: true,
    attempts,
    ...(requestId !== undefined ? { requestId } : {})
  })
}

/** Whether an unknown value is an `HttpClientError`. */
export const isHttpClientError = HttpClientError.isHttpClientError
