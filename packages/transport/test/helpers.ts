import { type Duration, Effect, Fiber, Layer, Stream } from "effect"
import { TestClock } from "effect/testing"
import { HttpClient, HttpClientError, type HttpClientRequest, HttpClientResponse } from "effect/http"
import { ZaiClient } from "../src/index.js"
import type * as ZaiConfig from "../src/ZaiConfig.js"

/** A request as the test client saw it. */
export interface Recorded {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly text: string | undefined
  /** The body bytes and their content type (JSON and multipart bodies). */
  readonly bytes: Uint8Array | undefined
  readonly contentType: string | undefined
  /** A multipart body, parsed back. */
  readonly form: FormData | undefined
}

/** What the test client answers. */
export type Reply =
  | {
      readonly _tag: "Response"
      readonly status?: number
      readonly headers?: Readonly<Record<string, string>>
      readonly body?: string
      /** A body stream (bytes); replaces `body`. */
      readonly stream?: Stream.Stream<Uint8Array, HttpClientError.HttpClientError>
    }
  | { readonly _tag: "ConnectionError"; readonly cause?: unknown }

/** JSON reply. */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Reply => ({
  _tag: "Response",
  status,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body)
})

/** SSE reply from already encoded chunks. */
export const sse = (
  chunks: Stream.Stream<Uint8Array, HttpClientError.HttpClientError>,
  headers: Record<string, string> = {}
): Reply => ({ _tag: "Response", status: 200, headers: { "content-type": "text/event-stream", ...headers }, stream: chunks })

const encoder = new TextEncoder()

/** Encodes strings as byte chunks. */
export const bytes = (...parts: ReadonlyArray<string>): Stream.Stream<Uint8Array, HttpClientError.HttpClientError> =>
  Stream.fromIterable(parts.map((part) => encoder.encode(part)))

/** `data: <json>\n\n` frames followed by `data: [DONE]`. */
export const frames = (...values: ReadonlyArray<unknown>): string =>
  `${values.map((value) => `data: ${typeof value === "string" ? value : JSON.stringify(value)}\n\n`).join("")}data: [DONE]\n\n`

const record = (request: HttpClientRequest.HttpClientRequest, url: URL): Recorded => {
  const body = request.body
  return {
    method: request.method,
    url: url.toString(),
    headers: { ...request.headers },
    text: body._tag === "Uint8Array" ? new TextDecoder().decode(body.body) : undefined,
    bytes: body._tag === "Uint8Array" ? body.body : undefined,
    contentType: body._tag === "Uint8Array" ? body.contentType : undefined,
    form: body._tag === "FormData" ? body.formData : undefined
  }
}

// a multipart body (bytes built by the transport) parsed back with the platform's own parser
const parseForm = (recorded: Recorded): Effect.Effect<Recorded> => {
  const { bytes, contentType } = recorded
  if (bytes === undefined || contentType === undefined || !contentType.startsWith("multipart/form-data")) {
    return Effect.succeed(recorded)
  }
  return Effect.map(
    Effect.promise(() => new Response(bytes.slice(), { headers: { "content-type": contentType } }).formData()),
    (form) => ({ ...recorded, form })
  )
}

/** An in-memory `HttpClient`: `handler` answers each request (it may sleep on the TestClock). */
export const makeTestClient = (
  handler: (request: Recorded, index: number) => Effect.Effect<Reply>
): { readonly client: HttpClient.HttpClient; readonly requests: Array<Recorded> } => {
  const requests: Array<Recorded> = []
  const client = HttpClient.make((request, url) =>
    Effect.flatMap(parseForm(record(request, url)), (recorded) => {
    requests.push(recorded)
    return Effect.flatMap(handler(recorded, requests.length - 1), (reply) => {
      if (reply._tag === "ConnectionError") {
        return Effect.fail(
          new HttpClientError.HttpClientError({
            reason: new HttpClientError.TransportError({ request, cause: reply.cause ?? new Error("socket hang up") })
          })
        )
      }
      const web = HttpClientResponse.fromWeb(
        request,
        new Response(reply.stream === undefined ? (reply.body ?? "") : null, {
          status: reply.status ?? 200,
          headers: reply.headers ?? {}
        })
      )
      if (reply.stream === undefined) return Effect.succeed(web)
      const stream = reply.stream
      return Effect.succeed(Object.create(web, { stream: { get: () => stream } }) as HttpClientResponse.HttpClientResponse)
    })
  }))
  return { client, requests }
}

/** A `ZaiClient` layer on a test client. */
export const clientLayer = (
  client: HttpClient.HttpClient,
  options: Partial<ZaiConfig.Options> = {}
): Layer.Layer<ZaiClient.ZaiClient> =>
  ZaiClient.layer({ apiKey: "sk-test-secret-key-123456", baseUrl: "http://zai.test/api/paas/v4", ...options }).pipe(
    Layer.provide(Layer.succeed(HttpClient.HttpClient, client))
  )

/**
 * Advances the TestClock step by step until the fiber ends, letting real promises (WebCrypto) settle in between.
 */
export const advanceUntilDone = <A, E>(fiber: Fiber.Fiber<A, E>, step: Duration.Input = "1 second", maxSteps = 2000) =>
  Effect.gen(function* () {
    for (let i = 0; i < maxSteps && fiber.pollUnsafe() === undefined; i++) {
      yield* Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
      yield* TestClock.adjust(step)
    }
    return yield* Fiber.await(fiber)
  })
