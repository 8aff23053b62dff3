/**
 * Maps the errors of `@zai-kit/chat` (a rejected input, or a `ZaiError` from `@zai-kit/transport`) into effect's
 * `AiError`, keeping what the platform said: the business code, the request id, the HTTP status, the number of
 * attempts and the original error tag travel in the reason's `metadata.zai`.
 *
 * | `@zai-kit` error | `AiError` reason |
 * |---|---|
 * | `InvalidRequestInput` (nothing was sent) | `InvalidRequestError` (`parameter` = the first field at fault) |
 * | `AuthenticationError` | `AuthenticationError` (`MissingKey` for code 1001, `ExpiredKey` for 1003, else `InvalidKey`) |
 * | `PermissionError` | `AuthenticationError` (`InsufficientPermissions`) |
 * | `InsufficientBalanceError`, `QuotaExceededError` | `QuotaExhaustedError` |
 * | `RateLimitError` | `RateLimitError` (with `retryAfter`) |
 * | `ContentFilterError` | `ContentPolicyError` |
 * | `ContextLengthError` | `InvalidRequestError` (`parameter: "messages"`) |
 * | `InvalidRequestError`, `NotFoundError`, `ConflictError` | `InvalidRequestError` |
 * | `ServerOverloadedError`, `InternalServerError`, `TaskFailedError` | `InternalProviderError` |
 * | `TimeoutError`, `ConnectionError` | `NetworkError` (`TransportError`) |
 * | `StreamParseError`, `ResponseDecodeError` | `InvalidResponseError` |
 *
 * @since 0.1.0
 */
import type { Chat } from "@zai-kit/chat"
import type { InputValidation } from "@zai-kit/schema"
import { AiError } from "effect/ai"

/**
 * What `metadata.zai` of a mapped reason holds (only the fields the platform gave).
 * A type alias, not an interface, so that it fits the `MutableJson` index signature of effect's metadata interfaces
 * in the published `.d.ts` (an interface there fails consumers that type-check libraries: `skipLibCheck: false`).
 *
 * @since 0.1.0
 */
export type ZaiErrorMetadata = {
  /** The `_tag` of the `@zai-kit` error (`RateLimitError`, `InvalidRequestInput`, ...). */
  readonly tag: string
  /** The platform's business code (`1302`, `1113`, ...). */
  readonly code?: string
  /** The request id of the failed call. */
  readonly requestId?: string
  /** The HTTP status. */
  readonly status?: number
  /** How many attempts the transport made. */
  readonly attempts?: number
  /** The message of the `@zai-kit` error. */
  readonly message: string
}

declare module "effect/ai/AiError" {
  /** Z.ai details of a rate limit. */
  export interface RateLimitErrorMetadata {
    readonly zai?: ZaiErrorMetadata | null
  }
  /** Z.ai details of an exhausted balance or quota. */
  export interface QuotaExhaustedErrorMetadata {
    readonly zai?: ZaiErrorMetadata | null
  }
  /** Z.ai details of an authentication failure. */
  export interface AuthenticationErrorMetadata {
    readonly zai?: ZaiErrorMetadata | null
  }
  /** Z.ai details of a content-filter rejection. */
  export interface ContentPolicyErrorMetadata {
    readonly zai?: ZaiErrorMetadata | null
  }
  /** Z.ai details of a rejected request. */
  export interface InvalidRequestErrorMetadata {
    readonly zai?: ZaiErrorMetadata | null
  }
  /** Z.ai details of a server-side failure. */
  export interface InternalProviderErrorMetadata {
    readonly zai?: ZaiErrorMetadata | null
  }
  /** Z.ai details of an unreadable answer. */
  export interface InvalidResponseErrorMetadata {
    readonly zai?: ZaiErrorMetadata | null
  }
}

const metadataOf = (error: Chat.ChatError): ZaiErrorMetadata => {
  if (error._tag === "InvalidRequestInput") return { tag: error._tag, message: error.message }
  return {
    tag: error._tag,
    message: error.message,
    ...(error.code === undefined ? {} : { code: error.code }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    ...(error.status === undefined ? {} : { status: error.status }),
    attempts: error.attempts
  }
}

const authenticationKind = (code: string | undefined): AiError.AuthenticationError["kind"] =>
  code === "1001" ? "MissingKey" : code === "1003" ? "ExpiredKey" : "InvalidKey"

const inputReason = (error: InputValidation.InvalidRequestInput, zai: ZaiErrorMetadata): AiError.AiErrorReason => {
  const first = error.issues[0]
  return new AiError.InvalidRequestError({
    ...(first === undefined || first.path === "" ? {} : { parameter: first.path }),
    description: error.message,
    metadata: { zai: { ...zai } }
  })
}

/**
 * The `AiError` reason for a chat error (see the table in the module description).
 *
 * @since 0.1.0
 */
export const reasonOf = (error: Chat.ChatError): AiError.AiErrorReason => {
  const zai = metadataOf(error)
  const metadata = { zai: { ...zai } }
  switch (error._tag) {
    case "InvalidRequestInput":
      return inputReason(error, zai)
    case "AuthenticationError":
      return new AiError.AuthenticationError({ kind: authenticationKind(error.code), description: error.message, metadata })
    case "PermissionError":
      return new AiError.AuthenticationError({ kind: "InsufficientPermissions", description: error.message, metadata })
    case "InsufficientBalanceError":
    case "QuotaExceededError":
      return new AiError.QuotaExhaustedError({ metadata })
    case "RateLimitError":
      return new AiError.RateLimitError({
        ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
        metadata
      })
    case "ContentFilterError":
      return new AiError.ContentPolicyError({ description: error.message, metadata })
    case "ContextLengthError":
      return new AiError.InvalidRequestError({
        parameter: "messages",
        constraint: "exceeds the model's context length",
        description: error.message,
        metadata
      })
    case "InvalidRequestError":
    case "NotFoundError":
    case "ConflictError":
      return new AiError.InvalidRequestError({ description: error.message, metadata })
    case "ServerOverloadedError":
    case "InternalServerError":
    case "TaskFailedError":
      return new AiError.InternalProviderError({ description: error.message, metadata })
    case "TimeoutError":
    case "ConnectionError":
      return new AiError.NetworkError({
        reason: "TransportError",
        method: "POST",
        url: "/chat/completions",
        description: error.message
      })
    case "StreamParseError":
    case "ResponseDecodeError":
      return new AiError.InvalidResponseError({ description: error.message, metadata })
  }
}

/**
 * Wraps a chat error into an `AiError` raised by `ZaiLanguageModel.<method>`.
 *
 * @since 0.1.0
 */
export const fromChatError = (error: Chat.ChatError, method: string): AiError.AiError =>
  AiError.make({ module: "ZaiLanguageModel", method, reason: reasonOf(error) })

/**
 * The Z.ai details (`code`, `requestId`, `status`, ...) of an `AiError` made by this package, if any.
 *
 * @since 0.1.0
 */
export const zaiMetadata = (error: AiError.AiError): ZaiErrorMetadata | undefined => {
  const reason = error.reason
  if (!("metadata" in reason)) return undefined
  const value: unknown = reason.metadata.zai
  return typeof value === "object" && value !== null && "tag" in value ? (value as ZaiErrorMetadata) : undefined
}
