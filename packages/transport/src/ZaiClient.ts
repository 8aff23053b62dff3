/**
 * `ZaiClient`: the one service every domain package calls. It builds requests (base URL, auth, default and
 * per-request headers, JSON or multipart bodies), retries what is worth retrying, applies timeouts, maps every
 * failure to a typed `ZaiError`, decodes answers through the caller's schema, and runs each call in a span.
 *
 * The main entry is platform-agnostic: `layer` needs any `HttpClient`, `layerFetch` brings the fetch one.
 * `@zai-kit/transport/node` adds a keep-alive undici layer.
 *
 * @since 0.1.0
 */
import {
  Array as Arr,
  Cause,
  Clock,
  Context,
  Duration,
  Effect,
  Exit,
  FileSystem,
  Layer,
  Option,
  Pull,
  Result,
  Schema,
  type Scope,
  Stream
} from "effect"
import type * as Config from "effect/Config"
import { constTrue } from "effect/Function"
import {
  FetchHttpClient,
  Headers,
  HttpBody,
  HttpClient,
  type HttpClientError,
  HttpClientRequest,
  type HttpClientResponse
} from "effect/http"
import * as Tracer from "effect/Tracer"
import type { Span } from "effect/Tracer"
import * as SchemaAST from "effect/SchemaAST"
import * as Auth from "./internal/auth.js"
import * as Errors from "./internal/errors.js"
import { isRecord, parseJson, stringifyJson } from "./internal/json.js"
import * as Retry from "./internal/retry.js"
import { version } from "./internal/version.js"
import * as Multipart from "./Multipart.js"
import type { RequestOptions } from "./RequestOptions.js"
import * as Sse from "./Sse.js"
import * as ZaiConfig from "./ZaiConfig.js"
import {
  formatMessage,
  InternalServerError,
  InvalidRequestError,
  ResponseDecodeError,
  StreamParseError,
  TimeoutError,
  type ZaiError
} from "./ZaiError.js"

/**
 * One API call, described independently of the transport.
 *
 * @since 0.1.0
 */
export interface ZaiRequest {
  readonly method: "GET" | "POST" | "PUT" | "DELETE"
  /** Relative to the base URL (`"/chat/completions"`), or an absolute URL. */
  readonly path: string
  /** Span name, e.g. `"chat.completions.create"`. */
  readonly operation: string
  /** Query parameters; `undefined` values are left out. */
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>> | undefined
  /** A JSON body (already validated by the caller) or multipart fields. */
  readonly body?:
    | { readonly _tag: "Json"; readonly value: unknown }
    | { readonly _tag: "Multipart"; readonly fields: Multipart.Fields }
    | undefined
  /** Per-call overrides. */
  readonly options?: RequestOptions | undefined
  /** Which base URL: the paas API (default) or the agents root. */
  readonly root?: "paas" | "agents" | undefined
}

/**
 * A binary answer (audio, file content, a downloaded image or video): the status and headers, and the body as a
 * stream read from the connection as it is consumed. The body can be read once (`body` or `bytes`); the connection
 * is released when the body ends, when its consumer is interrupted, or at the latest when the scope of the
 * `binary` call closes.
 *
 * @since 0.1.0
 */
export interface BinaryResponse {
  readonly status: number
  /** Response headers (lower-case names). */
  readonly headers: Readonly<Record<string, string>>
  readonly contentType: string | undefined
  readonly requestId: string | undefined
  /** The body, streamed from the HTTP response; a failure while reading is a `ConnectionError`. */
  readonly body: Stream.Stream<Uint8Array, ZaiError>
  /** The whole body collected into one array (convenience over `body`). */
  readonly bytes: Effect.Effect<Uint8Array, ZaiError>
}

/**
 * The client.
 *
 * @since 0.1.0
 */
export interface Service {
  /** Resolved, secret-free view of the configuration (base URL, region, retries, timeouts). */
  readonly config: ZaiConfig.Resolved
  /** JSON (or multipart) request whose 2xx JSON answer is decoded through `response`. */
  readonly json: <S extends Schema.Top>(
    request: ZaiRequest,
    response: S
  ) => Effect.Effect<S["Type"], ZaiError, S["DecodingServices"]>
  /** SSE request: decoded `data:` payloads (JSON, through `chunk`), ending at `[DONE]`; a mid-stream error frame fails typed. */
  readonly stream: <S extends Schema.Top>(
    request: ZaiRequest,
    chunk: S
  ) => Stream.Stream<S["Type"], ZaiError, S["DecodingServices"]>
  /**
   * Binary answer (audio, file content, downloads): headers plus the body as a stream. Retries cover the attempt up
   * to the response headers, never a body already being delivered. The connection lives in the given scope.
   */
  readonly binary: (request: ZaiRequest) => Effect.Effect<BinaryResponse, ZaiError, Scope.Scope>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class ZaiClient extends Context.Service<ZaiClient, Service>()("@zai-kit/transport/ZaiClient") {}

// -----------------------------------------------------------------------------
// request preparation
// -----------------------------------------------------------------------------

interface Prepared {
  readonly request: HttpClientRequest.HttpClientRequest
  readonly url: string
  /** Whether the URL is on the API's own origin (the base URL's or the agents root's): only then is auth sent. */
  readonly authenticated: boolean
  readonly model: string | undefined
  readonly maxRetries: number
  readonly timeout: Duration.Duration
  readonly streamIdleTimeout: Duration.Duration
}

const ABSOLUTE = /^https?:\/\//i
const noStackTrace = { captureStackTrace: false } as const
const encoder = new TextEncoder()

const invalidRequest = (text: string) =>
  new InvalidRequestError({ message: formatMessage({ text, attempts: 0 }), serverMessage: text, isRetryable: false, attempts: 0 })

const durationOr = (input: Duration.Input | undefined, fallback: Duration.Duration): Duration.Duration =>
  input === undefined ? fallback : Option.getOrElse(Duration.fromInput(input), () => fallback)

/** The origin of an absolute URL (`undefined` when it does not parse). */
const originOf = (url: string): string | undefined => (URL.canParse(url) ? new URL(url).origin : undefined)

const pathOf = (url: string): string => {
  const match = /^https?:\/\/[^/]+(\/[^?#]*)?/i.exec(url)
  return match?.[1] ?? url
}

const usageAttributes = (span: Span, json: unknown): void => {
  if (!isRecord(json)) return
  const usage = json.usage
  if (!isRecord(usage)) return
  if (typeof usage.prompt_tokens === "number") span.attribute("gen_ai.usage.input_tokens", usage.prompt_tokens)
  if (typeof usage.completion_tokens === "number") span.attribute("gen_ai.usage.output_tokens", usage.completion_tokens)
}

const requestAttributes = (span: Span, request: ZaiRequest, prepared: Prepared): void => {
  span.attribute("gen_ai.system", "zai")
  span.attribute("gen_ai.operation.name", request.operation)
  if (prepared.model !== undefined) span.attribute("gen_ai.request.model", prepared.model)
  span.attribute("http.request.method", request.method)
  span.attribute("url.path", pathOf(prepared.url))
  span.attribute("server.address", /^https?:\/\/([^/:]+)/i.exec(prepared.url)?.[1] ?? "")
}

const responseAttributes = (span: Span, json: unknown): void => {
  if (!isRecord(json)) return
  if (typeof json.model === "string") span.attribute("gen_ai.response.model", json.model)
  if (typeof json.id === "string") span.attribute("gen_ai.response.id", json.id)
}

const errorAttributes = (span: Span, error: ZaiError): void => {
  span.attribute("error.type", error._tag)
  span.attribute("zai.attempts", error.attempts)
  if (error.status !== undefined) span.attribute("http.response.status_code", error.status)
  if (error.requestId !== undefined) span.attribute("zai.request_id", error.requestId)
  if (error.code !== undefined) span.attribute("zai.error.code", error.code)
}

/** The failure marker of `parseJsonOr` (one per stream, reused: no allocation per frame). */
class InvalidJson {
  reason = ""
}

/** `JSON.parse`, or `failed` (with its `reason` set) when the text is not JSON. */
const parseJsonOr = (text: string, failed: InvalidJson): unknown => {
  try {
    return JSON.parse(text)
  } catch (cause) {
    failed.reason = cause instanceof Error ? cause.message : "invalid JSON"
    return failed
  }
}

const hasNetworkError = (choices: unknown): boolean => {
  if (!Array.isArray(choices)) return false
  for (let i = 0; i < choices.length; i++) {
    const choice: unknown = choices[i]
    if (isRecord(choice) && choice.finish_reason === "network_error") return true
  }
  return false
}

/** A choice ended with `finish_reason: "network_error"` (the model side lost its connection): retryable. */
const networkErrorFinish = (status: number, requestId: string | undefined, attempts: number): InternalServerError => {
  const text = 'The model answer ended with finish_reason "network_error"'
  return new InternalServerError({
    message: formatMessage({ text, status, requestId, attempts }),
    serverMessage: text,
    status,
    isRetryable: true,
    attempts,
    ...(requestId !== undefined ? { requestId } : {})
  })
}

/** Decodes one value: synchronously when it can (an `Exit`), else `undefined` (use `effect`). */
interface Decoder<A, R> {
  /** `Schema.Unknown`: values pass through unchanged. */
  readonly identity: boolean
  readonly sync: (input: unknown) => Exit.Exit<A, Schema.SchemaError> | undefined
  /** Decodes a batch in one synchronous run (one fiber per batch, not per value); `undefined` as for `sync`. */
  readonly syncAll: (inputs: ReadonlyArray<unknown>) => Exit.Exit<Array<A>, Schema.SchemaError> | undefined
  readonly effect: (input: unknown) => Effect.Effect<A, Schema.SchemaError, R>
}

const decoders = new WeakMap<Schema.Top, Decoder<unknown, unknown>>()

// One decoder per schema, built on first use. `Schema.Unknown` is the identity. Other schemas decode
// synchronously (no scheduler yield); a schema that needs services or asynchronous work makes the sync decoder
// die, and the input then goes to the effectful decoder, which runs with the caller's services.
const decoderFor = <S extends Schema.Top>(schema: S): Decoder<S["Type"], S["DecodingServices"]> => {
  const cached = decoders.get(schema)
  if (cached !== undefined) return cached as Decoder<S["Type"], S["DecodingServices"]>
  const effect = Schema.decodeUnknownEffect(schema)
  let decoder: Decoder<S["Type"], S["DecodingServices"]>
  if (SchemaAST.isUnknown(schema.ast)) {
    decoder = {
      identity: true,
      sync: (input) => Exit.succeed(input),
      syncAll: (inputs) => Exit.succeed(Array.from(inputs)),
      effect
    }
  } else {
    // typed for service-free schemas only; see above for the others
    const exit = Schema.decodeUnknownExit(schema as unknown as Schema.ConstraintDecoder<S["Type"]>)
    const usable = <X>(result: Exit.Exit<X, Schema.SchemaError>) =>
      Exit.isSuccess(result) || (!Cause.hasDies(result.cause) && !Cause.hasInterrupts(result.cause)) ? result : undefined
    decoder = {
      identity: false,
      sync: (input) => usable(exit(input)),
      syncAll: (inputs) =>
        usable(
          Effect.runSyncExit(
            Effect.forEach(inputs, (input) => effect(input)) as unknown as Effect.Effect<Array<S["Type"]>, Schema.SchemaError>
          )
        ),
      effect
    }
  }
  decoders.set(schema, decoder)
  return decoder
}

/** Decodes one value with a decoder. */
const decodeWith = <A, R>(decoder: Decoder<A, R>, input: unknown): Effect.Effect<A, Schema.SchemaError, R> => {
  const exit = decoder.sync(input)
  return exit === undefined ? decoder.effect(input) : exit
}

const timeoutError = (kind: "total" | "stream-idle", timeout: Duration.Duration, attempts: number) =>
  new TimeoutError({
    message: formatMessage({
      text:
        kind === "total"
          ? `Request timed out after ${Duration.format(timeout)}`
          : `Stream idle for ${Duration.format(timeout)} without data`,
      attempts
    }),
    kind,
    timeout,
    isRetryable: kind === "total",
    attempts
  })

const abortEffect = (signal: AbortSignal): Effect.Effect<never> =>
  Effect.callback<never>((resume) => {
    const onAbort = () => resume(Effect.interrupt)
    if (signal.aborted) {
      onAbort()
      return
    }
    signal.addEventListener("abort", onAbort, { once: true })
    return Effect.sync(() => signal.removeEventListener("abort", onAbort))
  })

const headerRecord = (headers: Headers.Headers): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const name of Object.keys(headers)) out[name] = headers[name]
  return out
}

// -----------------------------------------------------------------------------
// constructor
// -----------------------------------------------------------------------------

/**
 * Builds the client from options, on the `HttpClient` in the context.
 *
 * @since 0.1.0
 */
export const make = (options: ZaiConfig.Options): Effect.Effect<Service, never, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const resolved = ZaiConfig.resolve(options)
    const auth = Auth.make(resolved, ZaiConfig.apiKey(options))
    const base = yield* HttpClient.HttpClient
    // the call's own client span replaces HttpClient's per-request span (which would duplicate it, and record
    // response headers verbatim when header tracing is switched on)
    const untraced = HttpClient.transform(base, (effect) => Effect.provideService(effect, HttpClient.TracerDisabledWhen, constTrue))
    const client = options.transformClient === undefined ? untraced : options.transformClient(untraced)
    const scopedClient = HttpClient.withScope(client)
    const fileSystem = yield* Effect.serviceOption(FileSystem.FileSystem)
    const defaultSchedule = Retry.schedule(resolved.maxRetries, "request")

    const defaultHeaders = Headers.fromInput({
      accept: "application/json",
      "x-source-channel": resolved.sourceChannel,
      "zai-sdk-ver": version,
      ...(resolved.acceptLanguage !== undefined ? { "accept-language": resolved.acceptLanguage } : {}),
      ...resolved.headers
    })

    const defaultHeadersWithAuth =
      auth.static === undefined ? defaultHeaders : Headers.set(defaultHeaders, "authorization", auth.static)

    // a URL on another origin (a CDN link for an image, a video, a slide deck) gets neither the key nor the SDK's
    // own headers (configured default headers may carry secrets too); only the per-call headers go along
    const ownOrigins = new Set([originOf(resolved.baseUrl), originOf(resolved.agentsBaseUrl)])
    ownOrigins.delete(undefined)
    const foreignHeaders = Headers.fromInput({ accept: "application/json" })

    const requestIdOf = (response: HttpClientResponse.HttpClientResponse): string | undefined => {
      const id = response.headers["x-request-id"]
      return id === undefined ? undefined : auth.scrub(id)
    }

    const multipart = (fields: Multipart.Fields) => {
      const effect = Multipart.encode(fields)
      return Option.isSome(fileSystem) ? Effect.provideService(effect, FileSystem.FileSystem, fileSystem.value) : effect
    }

    const prepare = (request: ZaiRequest, accept: string | undefined): Effect.Effect<Prepared, InvalidRequestError> => {
      const options = request.options
      const root = request.root === "agents" ? resolved.agentsBaseUrl : resolved.baseUrl
      const url = ABSOLUTE.test(request.path)
        ? request.path
        : `${root}${request.path.startsWith("/") ? request.path : `/${request.path}`}`
      const authenticated = !ABSOLUTE.test(request.path) || ownOrigins.has(originOf(url))
      let headers = !authenticated ? foreignHeaders : auth.static === undefined ? defaultHeaders : defaultHeadersWithAuth
      if (accept !== undefined) headers = Headers.set(headers, "accept", accept)
      if (options?.acceptLanguage !== undefined) headers = Headers.set(headers, "accept-language", options.acceptLanguage)
      const body = request.body
      // without a body (GET, DELETE) the request id travels as the `Request-Id` header
      if (body === undefined && options?.requestId !== undefined) headers = Headers.set(headers, "request-id", options.requestId)
      if (options?.headers !== undefined) {
        const extra = Headers.remove(Headers.fromInput(options.headers), "authorization")
        headers = Headers.merge(headers, extra)
      }
      const urlParams: Array<[string, string]> = []
      if (request.query !== undefined) {
        for (const [key, value] of Object.entries(request.query)) {
          if (value !== undefined) urlParams.push([key, String(value)])
        }
      }
      let model: string | undefined
      const finish = (body: HttpBody.HttpBody): Prepared => ({
        request: HttpClientRequest.make(request.method)(url, { headers, urlParams, body }),
        url,
        authenticated,
        model,
        maxRetries:
          options?.maxRetries !== undefined && options.maxRetries >= 0 ? Math.floor(options.maxRetries) : resolved.maxRetries,
        timeout: durationOr(options?.timeout, resolved.timeout),
        streamIdleTimeout: durationOr(options?.streamIdleTimeout, resolved.streamIdleTimeout)
      })
      if (body === undefined) {
        if (options?.extraBody !== undefined) {
          return Effect.fail(invalidRequest("extraBody needs a JSON or multipart body"))
        }
        return Effect.succeed(finish(HttpBody.empty))
      }
      if (body._tag === "Json") {
        let value = body.value
        if (options?.extraBody !== undefined || options?.requestId !== undefined) {
          if (!isRecord(value)) return Effect.fail(invalidRequest("extraBody and requestId need a JSON object body"))
          // a `request_id` already in the body (or in extraBody) wins over `requestId`
          value = {
            ...(options.requestId !== undefined ? { request_id: options.requestId } : {}),
            ...value,
            ...options.extraBody
          }
        }
        if (isRecord(value) && typeof value.model === "string") model = value.model
        const text = stringifyJson(value)
        if (Result.isFailure(text)) return Effect.fail(invalidRequest(`The request body cannot be encoded as JSON: ${text.failure}`))
        return Effect.succeed(finish(HttpBody.uint8Array(encoder.encode(text.success), "application/json")))
      }
      const fields: Multipart.Fields = {
        ...(options?.requestId !== undefined ? { request_id: options.requestId } : {}),
        ...body.fields,
        ...(options?.extraBody as Multipart.Fields | undefined)
      }
      if (typeof fields.model === "string") model = fields.model
      return Effect.map(multipart(fields), (encoded) => finish(HttpBody.uint8Array(encoded.body, encoded.contentType)))
    }

    // one HTTP attempt up to a response with a 2xx status; non-2xx answers become typed errors
    const send = <R>(
      http: HttpClient.HttpClient.With<HttpClientError.HttpClientError, R>,
      prepared: Prepared,
      counter: { attempts: number }
    ): Effect.Effect<HttpClientResponse.HttpClientResponse, ZaiError, R> =>
      auth.static !== undefined || !prepared.authenticated
        ? Effect.suspend(() => exchange(http, prepared.request, ++counter.attempts))
        : Effect.flatMap(auth.header, (authorization) =>
            exchange(http, HttpClientRequest.setHeader(prepared.request, "authorization", authorization), ++counter.attempts)
          )

    const exchange = <R>(
      http: HttpClient.HttpClient.With<HttpClientError.HttpClientError, R>,
      request: HttpClientRequest.HttpClientRequest,
      attempt: number
    ): Effect.Effect<HttpClientResponse.HttpClientResponse, ZaiError, R> =>
        http.execute(request).pipe(
          Effect.mapError((error) => Errors.fromTransport(error, attempt, resolved.connectTimeout, auth.scrub)),
          Effect.flatMap((response): Effect.Effect<HttpClientResponse.HttpClientResponse, ZaiError, R> => {
            if (response.status >= 200 && response.status < 300) return Effect.succeed(response)
            return Effect.flatMap(Clock.currentTimeMillis, (nowMs) =>
              response.text.pipe(
                Effect.orElseSucceed(() => ""),
                Effect.flatMap((bodyText) =>
                  Effect.fail(
                    Errors.fromResponse({
                      status: response.status,
                      headers: response.headers,
                      bodyText,
                      attempts: attempt,
                      nowMs,
                      scrub: auth.scrub
                    })
                  )
                )
              )
            )
          })
        )

    // retries (with a single token refresh in JWT mode), in the span
    const withRetries = <A, R>(prepared: Prepared, attempt: Effect.Effect<A, ZaiError, R>): Effect.Effect<A, ZaiError, R> => {
      const refreshed = auth.isJwt
        ? Effect.catchIf(attempt, Auth.isTokenExpired, () => Effect.andThen(auth.invalidate, attempt))
        : attempt
      if (prepared.maxRetries === 0) return refreshed
      const schedule = prepared.maxRetries === resolved.maxRetries ? defaultSchedule : Retry.schedule(prepared.maxRetries, "request")
      // the retry machinery is only set up once an attempt failed, so a successful call pays nothing for it;
      // the first failure is replayed into Effect.retry, which then drives the schedule (and the TestClock)
      return Effect.catch(refreshed, (first) => {
        let replay: ZaiError | undefined = first
        const again = Effect.suspend(() => {
          if (replay === undefined) return refreshed
          const error = replay
          replay = undefined
          return Effect.fail(error)
        })
        return Effect.retry(again, schedule)
      })
    }

    const withSignal = <A, E, R>(effect: Effect.Effect<A, E, R>, request: ZaiRequest): Effect.Effect<A, E, R> => {
      const signal = request.options?.signal
      return signal === undefined ? effect : Effect.raceFirst(effect, abortEffect(signal))
    }

    const call = <A, R>(
      request: ZaiRequest,
      accept: string | undefined,
      read: (
        response: HttpClientResponse.HttpClientResponse,
        requestId: string | undefined,
        attempt: number,
        span: Span | undefined
      ) => Effect.Effect<A, ZaiError, R>
    ): Effect.Effect<A, ZaiError, R> => {
      const run = (span: Span | undefined) =>
        Effect.flatMap(prepare(request, accept), (prepared) => {
          if (span !== undefined) requestAttributes(span, request, prepared)
          const counter = { attempts: 0 }
          const attempt = Effect.flatMap(send(client, prepared, counter), (response) => {
            const requestId = requestIdOf(response)
            if (span !== undefined) {
              span.attribute("http.response.status_code", response.status)
              if (requestId !== undefined) span.attribute("zai.request_id", requestId)
            }
            return read(response, requestId, counter.attempts, span)
          }).pipe(
            Effect.timeoutOrElse({
              duration: prepared.timeout,
              orElse: () => Effect.fail(timeoutError("total", prepared.timeout, counter.attempts))
            })
          )
          const retried = withRetries(prepared, attempt)
          if (span === undefined) return retried
          return retried.pipe(
            Effect.tap(() => Effect.sync(() => span.attribute("zai.attempts", counter.attempts))),
            Effect.tapError((error) => Effect.sync(() => errorAttributes(span, error))),
            Effect.withParentSpan(span, noStackTrace)
          )
        })
      // without a tracing backend (the native tracer) nobody can observe a span: skip its cost
      const traced = Effect.withFiber((fiber) =>
        fiber.getRef(Tracer.Tracer) === Tracer.nativeTracer
          ? run(undefined)
          : Effect.useSpan(request.operation, { kind: "client" }, run)
      )
      return withSignal(traced, request)
    }

    const json = <S extends Schema.Top>(
      request: ZaiRequest,
      schema: S
    ): Effect.Effect<S["Type"], ZaiError, S["DecodingServices"]> => {
      const decode = decoderFor(schema)
      return call(request, undefined, (response, requestId, attempt, span) => {
        const decodeError = (text: string, raw: string | undefined) =>
          new ResponseDecodeError({
            message: formatMessage({ text, status: response.status, requestId, attempts: attempt }),
            status: response.status,
            isRetryable: false,
            attempts: attempt,
            ...(requestId !== undefined ? { requestId } : {}),
            ...(raw !== undefined ? { raw: raw.slice(0, 4096) } : {})
          })
        return response.text.pipe(
          Effect.mapError((error) => Errors.fromBodyRead(error, response.status, requestId, attempt, auth.scrub)),
          Effect.flatMap((text): Effect.Effect<S["Type"], ZaiError, S["DecodingServices"]> => {
            const parsed = text.length === 0 ? Result.succeed(undefined) : parseJson(text)
            if (Result.isFailure(parsed)) return Effect.fail(decodeError(`Response is not JSON: ${parsed.failure}`, text))
            if (span !== undefined) {
              usageAttributes(span, parsed.success)
              responseAttributes(span, parsed.success)
              if (requestId === undefined && isRecord(parsed.success) && typeof parsed.success.request_id === "string") {
                span.attribute("zai.request_id", auth.scrub(parsed.success.request_id))
              }
            }
            const body = parsed.success
            // a 2xx answer can still report a failure: an error envelope, or a choice cut by a network error
            if (Errors.isOkErrorEnvelope(body)) {
              return Effect.fail(
                Errors.fromOkBody({ text, status: response.status, requestId, attempts: attempt, scrub: auth.scrub })
              )
            }
            if (isRecord(body) && hasNetworkError(body.choices)) {
              return Effect.fail(networkErrorFinish(response.status, requestId, attempt))
            }
            return Effect.mapError(decodeWith(decode, body), (error) =>
              decodeError(`Response does not match the expected schema: ${error.message}`, text)
            )
          })
        )
      })
    }

    const binary = (request: ZaiRequest): Effect.Effect<BinaryResponse, ZaiError, Scope.Scope> => {
      const opened = Effect.gen(function* () {
        const prepared = yield* prepare(request, "*/*")
        const span = yield* Effect.makeSpanScoped(request.operation, { kind: "client" })
        requestAttributes(span, request, prepared)
        const counter = { attempts: 0 }
        // only the connection/headers phase is retried: no byte of the body has reached the caller yet
        const response = yield* withRetries(
          prepared,
          send(scopedClient, prepared, counter).pipe(
            Effect.timeoutOrElse({
              duration: prepared.timeout,
              orElse: () => Effect.fail(timeoutError("total", prepared.timeout, counter.attempts))
            })
          )
        ).pipe(
          Effect.tapError((error) => Effect.sync(() => errorAttributes(span, error))),
          Effect.withParentSpan(span, noStackTrace)
        )
        const attempts = counter.attempts
        span.attribute("http.response.status_code", response.status)
        span.attribute("zai.attempts", attempts)
        const requestId = requestIdOf(response)
        if (requestId !== undefined) span.attribute("zai.request_id", requestId)
        const idle = prepared.streamIdleTimeout
        // a body that stops sending bytes fails like an idle SSE stream instead of hanging until the total timeout
        const read = Stream.mapError(response.stream, (error) =>
          Errors.fromBodyRead(error, response.status, requestId, attempts, auth.scrub)
        ).pipe(
          Stream.timeoutOrElse({
            duration: idle,
            orElse: () => Stream.fail(timeoutError("stream-idle", idle, attempts))
          })
        )
        const signal = request.options?.signal
        const body = signal === undefined ? read : Stream.interruptWhen(read, abortEffect(signal))
        return {
          status: response.status,
          headers: headerRecord(response.headers),
          contentType: response.headers["content-type"],
          requestId,
          body,
          bytes: Stream.mkUint8Array(body)
        } satisfies BinaryResponse
      })
      return withSignal(opened, request)
    }

    const stream = <S extends Schema.Top>(
      request: ZaiRequest,
      schema: S
    ): Stream.Stream<S["Type"], ZaiError, S["DecodingServices"]> => {
      const decode = decoderFor(schema)
      const opened = Effect.gen(function* () {
        const prepared = yield* prepare(request, "text/event-stream")
        const span = yield* Effect.makeSpanScoped(request.operation, { kind: "client" })
        requestAttributes(span, request, prepared)
        const counter = { attempts: 0 }
        // only the connection/headers phase is retried: nothing has reached the caller yet
        const response = yield* withRetries(
          prepared,
          send(scopedClient, prepared, counter).pipe(
            Effect.timeoutOrElse({
              duration: prepared.timeout,
              orElse: () => Effect.fail(timeoutError("total", prepared.timeout, counter.attempts))
            })
          )
        ).pipe(
          Effect.tapError((error) => Effect.sync(() => errorAttributes(span, error))),
          Effect.withParentSpan(span, noStackTrace)
        )
        span.attribute("http.response.status_code", response.status)
        span.attribute("zai.attempts", counter.attempts)
        const requestId = requestIdOf(response)
        if (requestId !== undefined) span.attribute("zai.request_id", requestId)
        return events(response, prepared, counter.attempts, requestId, span, decode)
      })
      const result = Stream.unwrap(opened)
      const signal = request.options?.signal
      return signal === undefined ? result : Stream.interruptWhen(result, abortEffect(signal))
    }

    const events = <A, R>(
      response: HttpClientResponse.HttpClientResponse,
      prepared: Prepared,
      attempts: number,
      requestId: string | undefined,
      span: Span,
      decode: Decoder<A, R>
    ): Stream.Stream<A, ZaiError, R> =>
      Stream.transformPull(response.stream, (pull) =>
        Effect.sync(() => {
          type Out = Pull.Pull<Arr.NonEmptyReadonlyArray<A>, ZaiError, void, R>
          const status = response.status
          const decoder = Sse.makeDecoder({ maxEventSize: resolved.maxEventSize })
          const idle = prepared.streamIdleTimeout
          const drainIdle = Duration.min(idle, Duration.seconds(1))
          let done = false
          let ended = false
          let failure: ZaiError | undefined
          let chunks = 0

          const readError = (error: unknown): ZaiError =>
            Errors.isHttpClientError(error)
              ? Errors.fromBodyRead(error, status, requestId, attempts, auth.scrub)
              : (error as ZaiError)

          const parseError = (error: StreamParseError): StreamParseError =>
            new StreamParseError({
              ...error,
              message: formatMessage({ text: error.message, status, requestId, attempts }),
              status,
              attempts,
              ...(requestId !== undefined ? { requestId } : {})
            })

          // turns decoded events into JSON values; sets `done` at [DONE], `failure` on an error frame
          const invalidJson = new InvalidJson()
          const values = (events: Array<Sse.SseEvent>): Array<unknown> => {
            const out: Array<unknown> = []
            for (let i = 0; i < events.length && !done && failure === undefined; i++) {
              const event = events[i]
              const data = event.data
              if (data === Sse.DONE) {
                done = true
                break
              }
              if (event.event === "error") {
                failure = Errors.fromStreamFrame({ data, status, requestId, attempts, scrub: auth.scrub })
                break
              }
              const json = parseJsonOr(data, invalidJson)
              if (json === invalidJson) {
                failure = new StreamParseError({
                  message: formatMessage({
                    text: `Stream frame is not valid JSON (${invalidJson.reason})`,
                    status,
                    requestId,
                    attempts
                  }),
                  status,
                  isRetryable: false,
                  attempts,
                  reason: "invalid-json",
                  raw: auth.scrub(data.slice(0, 64 * 1024)),
                  ...(requestId !== undefined ? { requestId } : {})
                })
                break
              }
              if (isRecord(json)) {
                if (json.error !== undefined && json.error !== null) {
                  failure = Errors.fromStreamFrame({ data, status, requestId, attempts, scrub: auth.scrub })
                  break
                }
                if (json.usage !== undefined) usageAttributes(span, json)
                out.push(json)
                if (hasNetworkError(json.choices)) {
                  failure = networkErrorFinish(status, requestId, attempts)
                  break
                }
              } else {
                out.push(json)
              }
            }
            return out
          }

          const chunkError = (json: unknown, error: Schema.SchemaError) =>
            new ResponseDecodeError({
              message: formatMessage({
                text: `Stream chunk does not match the expected schema: ${error.message}`,
                status,
                requestId,
                attempts
              }),
              status,
              isRetryable: false,
              attempts,
              raw: auth.scrub(JSON.stringify(json).slice(0, 4096)),
              ...(requestId !== undefined ? { requestId } : {})
            })

          // decodes synchronously in a plain loop; only a schema that needs services takes the effectful path
          const emit = (jsons: Array<unknown>): Out => {
            if (jsons.length === 0) return loop
            chunks += jsons.length
            if (decode.identity) return Effect.succeed(jsons as unknown as Arr.NonEmptyReadonlyArray<A>)
            const batch = decode.syncAll(jsons)
            if (batch === undefined) {
              return Effect.flatMap(
                Effect.forEach(jsons, (json) => Effect.mapError(decode.effect(json), (error) => chunkError(json, error))),
                (decoded): Out => (Arr.isArrayNonEmpty(decoded) ? Effect.succeed(decoded) : loop)
              )
            }
            if (Exit.isFailure(batch)) {
              // find the frame that failed, for the error's raw text
              for (const json of jsons) {
                const one = decode.sync(json)
                if (one !== undefined && Exit.isFailure(one)) {
                  const error = Cause.findErrorOption(one.cause)
                  if (Option.isSome(error)) return Effect.fail(chunkError(json, error.value))
                }
              }
              return Effect.die(batch.cause)
            }
            const decoded = batch.value
            return Arr.isArrayNonEmpty(decoded) ? Effect.succeed(decoded) : loop
          }

          const onEnd: Out = Effect.suspend((): Out => {
            ended = true
            span.attribute("zai.stream.chunks", chunks)
            if (done) return Cause.done()
            const pending: Array<Sse.SseEvent> = []
            const error = decoder.end(pending)
            if (error !== undefined) return Effect.fail(parseError(error))
            return emit(values(pending))
          })

          const loop: Out = Effect.suspend((): Out => {
            if (failure !== undefined) {
              const error = failure
              failure = undefined
              ended = true
              return Effect.fail(error)
            }
            if (ended) return Cause.done()
            const timeout = done ? drainIdle : idle
            const next = pull.pipe(
              Effect.mapError(readError),
              Effect.timeoutOrElse({
                duration: timeout,
                orElse: (): Effect.Effect<never, TimeoutError | Cause.Done> =>
                  done ? Cause.done() : Effect.fail(timeoutError("stream-idle", idle, attempts))
              })
            )
            return Pull.catchDone(
              Effect.flatMap(next, (bytes): Out => {
                if (done) return loop
                const events: Array<Sse.SseEvent> = []
                for (let i = 0; i < bytes.length; i++) {
                  const error = decoder.feed(bytes[i], events)
                  if (error !== undefined) return Effect.fail(parseError(error))
                }
                return emit(values(events))
              }),
              () => onEnd
            )
          })
          return loop
        })
      )

    return { config: resolved, json, stream, binary } satisfies Service
  })

// -----------------------------------------------------------------------------
// layers
// -----------------------------------------------------------------------------

/**
 * The client on the `HttpClient` of the context.
 *
 * @since 0.1.0
 */
export const layer = (options: ZaiConfig.Options): Layer.Layer<ZaiClient, never, HttpClient.HttpClient> =>
  Layer.effect(ZaiClient, make(options))

/**
 * Options given on top of the environment configuration (`ZAI_API_KEY`, `ZAI_BASE_URL`, `ZAI_REGION`).
 *
 * @since 0.1.0
 */
export type Overrides = Partial<ZaiConfig.Options>

/**
 * Merges environment configuration with overrides; an override wins, and an explicit `region` override
 * replaces a `ZAI_BASE_URL`.
 *
 * @since 0.1.0
 */
export const mergeOverrides = (fromConfig: ZaiConfig.Options, overrides?: Overrides): ZaiConfig.Options => {
  if (overrides === undefined) return fromConfig
  const merged: ZaiConfig.Options = { ...fromConfig, ...overrides }
  if (overrides.region !== undefined && overrides.baseUrl === undefined) {
    const { baseUrl: _ignored, ...rest } = merged
    return rest
  }
  return merged
}

/**
 * The client configured from `ZAI_API_KEY`, `ZAI_BASE_URL` and `ZAI_REGION` (read through the current
 * `ConfigProvider`), plus overrides.
 *
 * @since 0.1.0
 */
export const layerConfig = (
  overrides?: Overrides
): Layer.Layer<ZaiClient, Config.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(
    ZaiClient,
    Effect.gen(function* () {
      const fromConfig = yield* ZaiConfig.config
      return yield* make(mergeOverrides(fromConfig, overrides))
    })
  )

/**
 * A self-contained client on `fetch` (browsers, Deno, Bun, workers, Node).
 *
 * @since 0.1.0
 */
export const layerFetch = (options: ZaiConfig.Options): Layer.Layer<ZaiClient> =>
  layer(options).pipe(Layer.provide(FetchHttpClient.layer))

/**
 * `layerConfig` on `fetch`.
 *
 * @since 0.1.0
 */
export const layerConfigFetch = (overrides?: Overrides): Layer.Layer<ZaiClient, Config.ConfigError> =>
  layerConfig(overrides).pipe(Layer.provide(FetchHttpClient.layer))
