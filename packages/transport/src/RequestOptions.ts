/**
 * Per-call overrides accepted by every operation.
 *
 * @since 0.1.0
 */
import type { Duration } from "effect"

/**
 * Per-call overrides. Headers given here win over the client's; `extraBody` is merged into the JSON body
 * (or added as form fields); `requestId` becomes the body's `request_id` (or, without a body, the `Request-Id`
 * header); `signal` interrupts the call.
 *
 * @since 0.1.0
 */
export interface RequestOptions {
  /** Extra headers for this call (an `authorization` header here is ignored). */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** Time limit of one attempt (non-streaming) or of the connection/headers phase (stream). */
  readonly timeout?: Duration.Input | undefined
  /** Longest silence inside a stream for this call. */
  readonly streamIdleTimeout?: Duration.Input | undefined
  /** Fields merged into the JSON body (new API parameters the schemas do not know yet). */
  readonly extraBody?: Readonly<Record<string, unknown>> | undefined
  /**
   * Sent as the body's `request_id` unless the body has one already; a call without a body (GET, DELETE) sends it
   * as the `Request-Id` header. The platform generates one when absent.
   */
  readonly requestId?: string | undefined
  /** `Accept-Language` for this call. */
  readonly acceptLanguage?: string | undefined
  /** Retries for this call (after the first attempt). */
  readonly maxRetries?: number | undefined
  /** Aborting the signal interrupts the call and closes its connection. */
  readonly signal?: AbortSignal | undefined
}
