/**
 * Options of the Promise client (`new Zai(options)`) and of each call (the last argument of every method).
 *
 * @since 0.1.0
 */
import type { ZaiConfig } from "@zai-kit/transport"

/**
 * Options of `new Zai(...)`. Times are in milliseconds, as in openai-node.
 *
 * @since 0.1.0
 */
export interface ClientOptions {
  /** The API key (`id.secret`). Default: the `ZAI_API_KEY` environment variable. */
  readonly apiKey?: string | undefined
  /** Base URL of the API (`https://api.z.ai/api/paas/v4`). Default: `ZAI_BASE_URL`, else the region's. */
  readonly baseURL?: string | undefined
  /** A region preset (`intl`, `cn`, `coding-intl`, `coding-cn`). Default: `ZAI_REGION`, else `intl`. */
  readonly region?: ZaiConfig.Region | undefined
  /** Time limit of one attempt in ms (default 10 minutes). */
  readonly timeout?: number | undefined
  /** Retries after the first attempt for retryable failures (default 2). */
  readonly maxRetries?: number | undefined
  /** Headers sent with every request. */
  readonly defaultHeaders?: Readonly<Record<string, string>> | undefined
  /** `bearer` (default) sends the key as is; `jwt` signs a short-lived token with it. */
  readonly auth?: "bearer" | "jwt" | undefined
  /** Time limit to open a connection, in ms. */
  readonly connectTimeout?: number | undefined
  /** Longest silence inside a stream, in ms (default 2 minutes). */
  readonly streamIdleTimeout?: number | undefined
  /** `Accept-Language` of every request. */
  readonly acceptLanguage?: string | undefined
  /** Root of the agents API (`/v1/agents`), when it is not next to `baseURL`. */
  readonly agentsBaseURL?: string | undefined
}

/**
 * Options of one call.
 *
 * @since 0.1.0
 */
export interface RequestOptions {
  /** Aborting it cancels the call (and closes its connection); the promise rejects with `AbortError`. */
  readonly signal?: AbortSignal | undefined
  /** Time limit of one attempt in ms (for a stream: until the answer starts). */
  readonly timeout?: number | undefined
  /** Extra headers for this call. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** Retries for this call. */
  readonly maxRetries?: number | undefined
  /** The request id to send (`request_id`, or the `Request-Id` header for a call without body). */
  readonly requestId?: string | undefined
  /** Fields merged into the JSON body (API parameters the types do not know yet). */
  readonly extraBody?: Readonly<Record<string, unknown>> | undefined
  /** `Accept-Language` for this call. */
  readonly acceptLanguage?: string | undefined
}
