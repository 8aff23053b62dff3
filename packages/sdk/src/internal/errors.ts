/** Turns the failures of the Effect services into the `Error` classes of the Promise client. */
import type { InputValidation } from "@zai-kit/schema"
import type { ZaiError as Transport } from "@zai-kit/transport"
import { Cause, Duration } from "effect"
import * as Errors from "../Errors.js"

type EffectError = InputValidation.InvalidRequestInput | Transport.ZaiError

const apiClasses = {
  AuthenticationError: Errors.AuthenticationError,
  PermissionError: Errors.PermissionError,
  InsufficientBalanceError: Errors.InsufficientBalanceError,
  QuotaExceededError: Errors.QuotaExceededError,
  RateLimitError: Errors.RateLimitError,
  ContextLengthError: Errors.ContextLengthError,
  InvalidRequestError: Errors.InvalidRequestError,
  NotFoundError: Errors.NotFoundError,
  ConflictError: Errors.ConflictError,
  ServerOverloadedError: Errors.ServerOverloadedError,
  InternalServerError: Errors.InternalServerError,
  ConnectionError: Errors.ConnectionError,
  ResponseDecodeError: Errors.ResponseDecodeError
} as const

const isEffectError = (u: unknown): u is EffectError =>
  typeof u === "object" && u !== null && "_tag" in u && typeof u._tag === "string" && "message" in u

const common = (error: Transport.ZaiError): Errors.ErrorFields => ({
  status: error.status,
  code: error.code,
  requestId: error.requestId,
  isRetryable: error.isRetryable,
  retryAfterMs: error.retryAfter === undefined ? undefined : Duration.toMillis(error.retryAfter),
  attempts: error.attempts,
  tag: error._tag,
  serverMessage: "serverMessage" in error ? error.serverMessage : undefined,
  cause: error
})

/** The client error for one failure value of a service. */
export const fromEffectError = (error: EffectError): Errors.ZaiError => {
  switch (error._tag) {
    case "InvalidRequestInput":
      return new Errors.InvalidInputError(error.message, {
        subject: error.subject,
        issues: error.issues,
        tag: error._tag,
        attempts: 0,
        cause: error
      })
    case "ContentFilterError":
      return new Errors.ContentFilterError(error.message, {
        ...common(error),
        ...(error.contentFilter === undefined ? {} : { contentFilter: error.contentFilter })
      })
    case "TimeoutError":
      return new Errors.TimeoutError(error.message, { ...common(error), kind: error.kind })
    case "StreamParseError":
      return new Errors.StreamParseError(error.message, { ...common(error), raw: error.raw })
    case "TaskFailedError":
      return new Errors.TaskFailedError(error.message, {
        ...common(error),
        taskId: error.taskId,
        taskStatus: error.taskStatus,
        result: error.result
      })
    default:
      return new apiClasses[error._tag](error.message, common(error))
  }
}

/** The client error for any thrown or squashed value: a service failure is mapped, anything else kept. */
export const fromUnknown = (u: unknown): unknown => (isEffectError(u) && u._tag in knownTags ? fromEffectError(u) : u)

const knownTags: Record<string, true> = {
  InvalidRequestInput: true,
  ContentFilterError: true,
  TimeoutError: true,
  StreamParseError: true,
  TaskFailedError: true,
  ...Object.fromEntries(Object.keys(apiClasses).map((tag) => [tag, true]))
}

/** The rejection of a call that ended with `cause`; an interruption after `signal` fired is an `AbortError`. */
export const fromCause = (cause: Cause.Cause<unknown>, signal: AbortSignal | undefined): unknown => {
  if (Cause.hasInterruptsOnly(cause)) {
    return new Errors.AbortError(signal?.aborted === true ? "Request was aborted." : "Request was interrupted.", {
      tag: "Interrupt"
    })
  }
  return fromUnknown(Cause.squash(cause))
}

/** The error of an aborted call. */
export const aborted = (): Errors.AbortError => new Errors.AbortError("Request was aborted.", { tag: "Interrupt" })
