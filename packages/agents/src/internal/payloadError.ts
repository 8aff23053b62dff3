/**
 * Errors reported inside a 200 body (`error: { code, message }` of an agent answer, `last_error` of an assistant
 * answer, `{ code, msg }` envelopes of the assistant lists), turned into the transport's typed errors: the class
 * follows the business code's category, as for HTTP error responses.
 * @internal
 */
import { BusinessCodes } from "@zai-kit/schema"
import { ZaiError } from "@zai-kit/transport"

/** An error as the body reports it. */
export interface Payload {
  readonly code?: string | undefined
  readonly message?: string | undefined
}

type ApiErrorProps = Omit<ConstructorParameters<typeof ZaiError.InternalServerError>[0], "_tag">

const classes: Record<BusinessCodes.ErrorCategory, new (props: ApiErrorProps) => ZaiError.ApiError> = {
  authentication: ZaiError.AuthenticationError,
  permission: ZaiError.PermissionError,
  account: ZaiError.PermissionError,
  insufficient_balance: ZaiError.InsufficientBalanceError,
  quota_exceeded: ZaiError.QuotaExceededError,
  rate_limit: ZaiError.RateLimitError,
  content_filter: ZaiError.ContentFilterError,
  context_length: ZaiError.ContextLengthError,
  invalid_request: ZaiError.InvalidRequestError,
  not_found: ZaiError.NotFoundError,
  conflict: ZaiError.ConflictError,
  server_overloaded: ZaiError.ServerOverloadedError,
  internal: ZaiError.InternalServerError
}

/** The error a body reports (`{ code, message }` or a string), or `undefined` when there is none (absent or `null`). */
export const payloadOf = (error: unknown): Payload | undefined => {
  if (error === undefined || error === null) return undefined
  if (typeof error === "string") return error === "" ? undefined : { message: error }
  if (typeof error !== "object") return { message: String(error) }
  const code = "code" in error && (typeof error.code === "string" || typeof error.code === "number") ? String(error.code) : undefined
  const message = "message" in error && typeof error.message === "string" ? error.message : undefined
  if (code === undefined && message === undefined) return undefined
  return { code, message }
}

/**
 * The typed error of an error reported in a 200 body. The class comes from the business code's category (an unknown
 * code is an `InternalServerError`); `status` is 200, `isRetryable` follows the code table (false when unknown).
 */
export const toError = (payload: Payload, context: { readonly what: string; readonly requestId?: string | undefined }): ZaiError.ApiError => {
  const known = BusinessCodes.lookup(payload.code)
  const category = known?.category ?? "internal"
  const serverMessage = payload.message ?? "no message"
  const ErrorClass = classes[category]
  return new ErrorClass({
    message: ZaiError.formatMessage({
      text: `${context.what} failed: ${serverMessage}`,
      code: payload.code,
      status: 200,
      requestId: context.requestId,
      attempts: 1
    }),
    serverMessage,
    status: 200,
    category,
    isRetryable: known?.retryable ?? false,
    attempts: 1,
    ...(payload.code !== undefined ? { code: payload.code } : {}),
    ...(context.requestId !== undefined ? { requestId: context.requestId } : {})
  })
}
