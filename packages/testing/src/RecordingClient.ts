/**
 * A `ZaiClient` on an in-memory `HttpClient` that records every request and answers it with a hand-written reply:
 * for tests of what the simulator does not produce (unknown fields, nulls, odd statuses, other content types) and
 * of the exact request a service builds.
 *
 * @since 0.1.0
 */
import { ZaiClient, type ZaiConfig } from "@zai-kit/transport"
import { Effect, Layer } from "effect"
import { HttpClient, type HttpClientRequest, HttpClientResponse } from "effect/http"

/**
 * A request as the in-memory client received it.
 *
 * @since 0.1.0
 */
export interface Recorded {
  readonly method: string
  /** The full URL, query string included. */
  readonly url: string
  /** The request headers (lower-cased names, as the `ZaiClient` set them). */
  readonly headers: Readonly<Record<string, string>>
  /** A byte body (JSON, text) decoded as UTF-8; `undefined` for no body, form data or a stream. */
  readonly body: string | undefined
  /** The request itself, for what the fields above leave out (`body` as an `HttpBody`, `urlParams`, ...). */
  readonly request: HttpClientRequest.HttpClientRequest
}

/**
 * A hand-written reply.
 *
 * @since 0.1.0
 */
export interface Reply {
  /** The status (default 200). */
  readonly status?: number
  /** Headers on top of `content-type: application/json`. */
  readonly headers?: Readonly<Record<string, string>>
  /** A string or bytes as they are; any other value is sent as its JSON text. */
  readonly body: unknown
}

/**
 * What answers one request: a string (status 200, JSON), a {@link Reply}, or a `Response` used as it is (make a new
 * one per request: a body can be read only once).
 *
 * @since 0.1.0
 */
export type Answer = string | Reply | Response

/**
 * Options of {@link layer}.
 *
 * @since 0.1.0
 */
export interface Options {
  /** Every request is pushed here, in order, as it is sent. */
  readonly seen?: Array<Recorded>
  /**
   * Client options on top of `{ apiKey: "test-key", baseUrl: "http://zai.test/api/paas/v4", maxRetries: 0 }`.
   */
  readonly client?: Partial<ZaiConfig.Options>
}

/**
 * The client options {@link layer} starts from.
 *
 * @since 0.1.0
 */
export const defaultClientOptions: ZaiConfig.Options = {
  apiKey: "test-key",
  baseUrl: "http://zai.test/api/paas/v4",
  maxRetries: 0
}

const toResponse = (answer: Answer): Response => {
  if (answer instanceof Response) return answer
  const reply: Reply = typeof answer === "string" ? { body: answer } : answer
  const body =
    typeof reply.body === "string" ? reply.body : reply.body instanceof Uint8Array ? reply.body.slice() : JSON.stringify(reply.body)
  return new Response(body, {
    status: reply.status ?? 200,
    headers: { "content-type": "application/json", ...reply.headers }
  })
}

/**
 * A `ZaiClient` whose HTTP client answers every request with `answer`, or with `answer(request, index)` (`index`
 * counts from 0 over the requests of this layer). Nothing leaves the process; retries are off unless
 * `options.client` turns them on.
 *
 * @example
 * ```ts
 * const seen: Array<RecordingClient.Recorded> = []
 * const layer = Images.layer.pipe(Layer.provide(RecordingClient.layer(JSON.stringify({ data: [] }), { seen })))
 * // after the call: seen[0].method, seen[0].url, JSON.parse(seen[0].body ?? "")
 * ```
 *
 * @since 0.1.0
 */
export const layer = (
  answer: Answer | ((request: Recorded, index: number) => Answer),
  options: Options = {}
): Layer.Layer<ZaiClient.ZaiClient> => {
  const seen = options.seen ?? []
  let count = 0
  const http = HttpClient.make((request, url) =>
    Effect.sync(() => {
      const recorded: Recorded = {
        method: request.method,
        url: url.toString(),
        headers: { ...request.headers },
        body: request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : undefined,
        request
      }
      seen.push(recorded)
      const index = count++
      return HttpClientResponse.fromWeb(request, toResponse(typeof answer === "function" ? answer(recorded, index) : answer))
    })
  )
  return ZaiClient.layer({ ...defaultClientOptions, ...options.client }).pipe(
    Layer.provide(Layer.succeed(HttpClient.HttpClient, http))
  )
}
