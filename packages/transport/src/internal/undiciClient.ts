/**
 * A lean `HttpClient` on undici's `Dispatcher.dispatch` (no `Readable` body, no promise per call, no
 * `FinalizationRegistry`, no context merge): the response head resumes the fiber, body bytes are collected in an
 * array and handed over whole (`text`, `json`, `arrayBuffer`) or in batches (`stream`, with back-pressure through
 * the dispatch controller). Used by `@zai-kit/transport/node`.
 *
 * - undici's own `headersTimeout` / `bodyTimeout` are switched off on every request (the caller's Effect timeouts
 *   apply); the Agent's connect timeout surfaces as a `TransportError` whose cause is undici's
 *   `ConnectTimeoutError` (`UND_ERR_CONNECT_TIMEOUT`).
 * - interrupting the fiber aborts the request (before the head, and while a body is being read); a `stream`
 *   that ends early aborts the rest of the body; when the request runs with a `Scope` (`HttpClient.withScope`),
 *   closing it aborts an unfinished body.
 * - with tracing enabled for the request (`HttpClient.TracerDisabledWhen` false), the request goes through
 *   `HttpClient.make` (span, `traceparent`), on the same dispatch.
 *
 * @internal
 */
import * as NodeStream from "@effect/platform-node/NodeStream"
import { Cause, Context, Effect, Exit, Option, Scope, Stream } from "effect"
import type { Schema } from "effect"
import * as Cookies from "effect/http/Cookies"
import * as Headers from "effect/http/Headers"
import type * as HttpBody from "effect/http/HttpBody"
import * as HttpClient from "effect/http/HttpClient"
import * as HttpClientError from "effect/http/HttpClientError"
import type * as HttpClientRequest from "effect/http/HttpClientRequest"
import * as HttpClientResponse from "effect/http/HttpClientResponse"
import * as HttpIncomingMessage from "effect/http/HttpIncomingMessage"
import * as Url from "effect/http/Url"
import * as UrlParams from "effect/http/UrlParams"
import * as Inspectable from "effect/Inspectable"
import { pipeArguments } from "effect/Pipeable"
import type * as Socket from "effect/socket/Socket"
import * as Tracer from "effect/Tracer"
import type { Dispatcher } from "undici"

type Undici = typeof import("undici")
type RequestBody = Exclude<Dispatcher.DispatchOptions["body"], undefined>
type IncomingHeaders = Record<string, string | Array<string> | undefined>

/** Bytes buffered for a body nobody reads yet before the socket is paused (whole-body reads never pause). */
const HIGH_WATER_MARK = 256 * 1024

const transportError = (request: HttpClientRequest.HttpClientRequest, cause: unknown) =>
  new HttpClientError.HttpClientError({ reason: new HttpClientError.TransportError({ request, cause }) })

const decodeError = (response: UndiciResponse, cause: unknown, description?: string) =>
  new HttpClientError.HttpClientError({
    reason: new HttpClientError.DecodeError({
      request: response.request,
      response,
      cause,
      ...(description !== undefined ? { description } : {})
    })
  })

const interrupted = () => new Error("The request was interrupted")

type Resume = (effect: Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>) => void

/**
 * One exchange: the dispatch handler, and the body state shared with the response. Everything that resumes a
 * fiber from an undici callback does so in a microtask, so no caller code runs inside undici's parser (and a
 * response whose body came in the same read as its head is handed over complete).
 */
class Exchange implements Dispatcher.DispatchHandler {
  readonly request: HttpClientRequest.HttpClientRequest
  resume: Resume | undefined
  controller: Dispatcher.DispatchController | undefined = undefined
  response: UndiciResponse | undefined = undefined
  chunks: Array<Buffer> = []
  size = 0
  ended = false
  failure: Error | undefined = undefined
  abortReason: Error | undefined = undefined
  /** a body read waiting for data (`stream`) or for the end (whole-body reads) */
  waiter: (() => void) | undefined = undefined
  waitForData = false
  wakeScheduled = false
  /** a whole-body read is in progress: never pause */
  collecting = false
  /** the bytes of a completed whole-body read (reads are repeatable) */
  full: Buffer | undefined = undefined
  /** child of the request's scope (if any), closed without running its finalizer once the body is settled */
  scope: Scope.Closeable | undefined = undefined

  constructor(request: HttpClientRequest.HttpClientRequest, resume: Resume | undefined) {
    this.request = request
    this.resume = resume
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller
    if (this.abortReason !== undefined) controller.abort(this.abortReason)
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHeaders): void {
    if (statusCode < 200) return
    this.response = new UndiciResponse(this, statusCode, headers)
    queueMicrotask(this.deliver)
  }

  readonly deliver = (): void => {
    const resume = this.resume
    this.resume = undefined
    if (resume !== undefined && this.response !== undefined) resume(Effect.succeed(this.response))
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk)
    this.size += chunk.length
    if (this.waiter !== undefined && this.waitForData) this.wake()
    else if (!this.collecting && this.size >= HIGH_WATER_MARK && !controller.paused) controller.pause()
  }

  onResponseEnd(): void {
    this.ended = true
    this.settle()
  }

  onResponseError(_controller: Dispatcher.DispatchController | null, error: Error): void {
    if (this.ended || this.failure !== undefined) return
    this.failure = error
    const resume = this.resume
    if (resume !== undefined && this.response === undefined) {
      this.resume = undefined
      const request = this.request
      queueMicrotask(() => resume(Effect.fail(transportError(request, error))))
    }
    this.settle()
  }

  get settled(): boolean {
    return this.ended || this.failure !== undefined
  }

  settle(): void {
    const scope = this.scope
    if (scope !== undefined) {
      this.scope = undefined
      // removes the child from its parent; the returned finalizer (the abort) is deliberately not run
      Scope.closeUnsafe(scope, Exit.void)
    }
    if (this.waiter !== undefined) this.wake()
  }

  wake(): void {
    if (this.wakeScheduled) return
    this.wakeScheduled = true
    queueMicrotask(this.runWaiter)
  }

  readonly runWaiter = (): void => {
    this.wakeScheduled = false
    const waiter = this.waiter
    this.waiter = undefined
    waiter?.()
  }

  abort(reason: Error = interrupted()): void {
    this.waiter = undefined
    if (this.settled) return
    this.abortReason ??= reason
    if (this.controller !== undefined && !this.controller.aborted) this.controller.abort(reason)
  }

  /** Takes every buffered chunk (and resumes a paused socket). */
  take(): Array<Buffer> {
    const chunks = this.chunks
    this.chunks = []
    this.size = 0
    if (this.controller?.paused && !this.settled) this.controller.resume()
    return chunks
  }
}

const utf8 = new TextDecoder()

class UndiciResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpIncomingMessage.TypeId]: typeof HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: typeof HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly exchange: Exchange
  readonly status: number
  readonly rawHeaders: IncomingHeaders
  private cachedHeaders: Headers.Headers | undefined = undefined
  private cachedCookies: Cookies.Cookies | undefined = undefined

  constructor(exchange: Exchange, status: number, rawHeaders: IncomingHeaders) {
    super()
    this.exchange = exchange
    this.status = status
    this.rawHeaders = rawHeaders
  }

  get request(): HttpClientRequest.HttpClientRequest {
    return this.exchange.request
  }

  get url(): string {
    return this.exchange.request.url
  }

  get headers(): Headers.Headers {
    if (this.cachedHeaders === undefined) this.cachedHeaders = Headers.fromInput(this.rawHeaders)
    return this.cachedHeaders
  }

  get cookies(): Cookies.Cookies {
    if (this.cachedCookies === undefined) {
      const header = this.rawHeaders["set-cookie"]
      this.cachedCookies = header === undefined ? Cookies.empty : Cookies.fromSetCookie(header)
    }
    return this.cachedCookies
  }

  get remoteAddress(): Option.Option<string> {
    return Option.none()
  }

  /** The whole body; completes synchronously when it has already arrived. */
  get bytes(): Effect.Effect<Buffer, HttpClientError.HttpClientError> {
    return Effect.callback<Buffer, HttpClientError.HttpClientError>((resume) => {
      const exchange = this.exchange
      const finish = () => {
        if (exchange.full !== undefined) return resume(Effect.succeed(exchange.full))
        if (exchange.failure !== undefined) return resume(Effect.fail(decodeError(this, exchange.failure)))
        const chunks = exchange.take()
        exchange.full = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)
        resume(Effect.succeed(exchange.full))
      }
      if (exchange.full !== undefined || exchange.settled) return finish()
      if (exchange.waiter !== undefined) {
        return resume(Effect.fail(decodeError(this, new Error("The body is already being read"))))
      }
      exchange.collecting = true
      exchange.waitForData = false
      exchange.waiter = finish
      if (exchange.controller?.paused) exchange.controller.resume()
      return Effect.sync(() => exchange.abort())
    })
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.HttpClientError> {
    return Effect.map(this.bytes, (bytes): ArrayBuffer => {
      const copy = new ArrayBuffer(bytes.byteLength)
      new Uint8Array(copy).set(bytes)
      return copy
    })
  }

  get text(): Effect.Effect<string, HttpClientError.HttpClientError> {
    return Effect.map(this.bytes, (bytes) => utf8.decode(bytes))
  }

  get json(): Effect.Effect<Schema.Json, HttpClientError.HttpClientError> {
    return Effect.flatMap(this.text, (text) => {
      if (text === "") return Effect.succeed(null)
      try {
        const value: Schema.Json = JSON.parse(text)
        return Effect.succeed(value)
      } catch (cause) {
        return Effect.fail(decodeError(this, cause))
      }
    })
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.HttpClientError> {
    return Effect.flatMap(this.text, (text) => {
      try {
        // a leading "?" is form data; URLSearchParams would drop it as a query prefix
        return Effect.succeed(UrlParams.fromInput(new URLSearchParams(text.replace(/^\?/, "%3F"))))
      } catch (cause) {
        return Effect.fail(decodeError(this, cause))
      }
    })
  }

  get formData(): Effect.Effect<FormData, HttpClientError.HttpClientError> {
    return Effect.flatMap(this.arrayBuffer, (body) =>
      Effect.tryPromise({
        try: () => new Response(body, { headers: { "content-type": this.headers["content-type"] ?? "" } }).formData(),
        catch: (cause) => decodeError(this, cause)
      })
    )
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.HttpClientError> {
    const exchange = this.exchange
    const pull = Effect.callback<ReadonlyArray<Uint8Array>, HttpClientError.HttpClientError | Cause.Done>((resume) => {
      const next = () => {
        if (exchange.chunks.length > 0) return resume(Effect.succeed(exchange.take()))
        if (exchange.failure !== undefined) return resume(Effect.fail(decodeError(this, exchange.failure)))
        if (exchange.ended) return resume(Cause.done())
        exchange.waitForData = true
        exchange.waiter = next
      }
      next()
    })
    return Stream.suspend(() => {
      if (exchange.full !== undefined) return Stream.succeed(exchange.full)
      if (exchange.waiter !== undefined) return Stream.fail(decodeError(this, new Error("The body is already being read")))
      return Stream.ensuring(
        Stream.fromPull(
          Effect.succeed(
            Effect.flatMap(pull, (chunks) =>
              chunks.length > 0 ? Effect.succeed(chunks as unknown as readonly [Uint8Array, ...Array<Uint8Array>]) : Cause.done()
            )
          )
        ),
        Effect.sync(() => exchange.abort())
      )
    })
  }

  get upgrade(): Effect.Effect<Socket.Socket, HttpClientError.HttpClientError> {
    return Effect.fail(decodeError(this, new Error("upgrade is not supported by this client"), "upgrade not supported"))
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "effect/http/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }

  pipe() {
    // biome-ignore lint/complexity/noArguments: Pipeable's calling convention
    return pipeArguments(this, arguments)
  }
}

// -----------------------------------------------------------------------------------------------------------------
// sending
// -----------------------------------------------------------------------------------------------------------------

// origin and path of an absolute http(s) URL made of printable ASCII (anything else goes through `new URL`)
const SIMPLE_URL = /^(https?:\/\/[^/?#\s]+)([!-~]*)$/i

interface Target {
  readonly origin: string
  readonly path: string
}

const targetOf = (request: HttpClientRequest.HttpClientRequest): Target | HttpClientError.HttpClientError => {
  const params = request.urlParams.params
  const match = Option.isNone(request.hash) ? SIMPLE_URL.exec(request.url) : null
  if (match !== null) {
    let path = match[2]
    const hash = path.indexOf("#")
    if (hash !== -1) path = path.slice(0, hash)
    if (path === "" || path[0] === "?") path = `/${path}`
    if (params.length > 0) path = `${path}${path.includes("?") ? "&" : "?"}${UrlParams.toString(request.urlParams)}`
    return { origin: match[1], path }
  }
  const url = Url.make(request.url, request.urlParams, undefined)
  if (url._tag === "Failure") {
    return new HttpClientError.HttpClientError({ reason: new HttpClientError.InvalidUrlError({ request, cause: url.failure }) })
  }
  return { origin: url.success.origin, path: `${url.success.pathname}${url.success.search}` }
}

interface Converted {
  readonly body: RequestBody
  readonly headers: Headers.Headers
}

// a stream body is converted by `send` (it needs an effect); every other body here, synchronously
const bodyOf = (undici: Undici, request: HttpClientRequest.HttpClientRequest, body: Exclude<HttpBody.HttpBody, HttpBody.Stream>): Converted => {
  switch (body._tag) {
    case "Empty":
      return { body: null, headers: request.headers }
    case "Uint8Array":
      return { body: body.body, headers: request.headers }
    case "Raw":
      return { body: body.body as RequestBody, headers: request.headers }
    case "FormData": {
      const form = new undici.FormData()
      for (const [key, value] of body.formData) form.append(key, value)
      // undici writes the multipart content type with its boundary
      return { body: form, headers: Headers.remove(request.headers, "content-type") }
    }
  }
}

const dispatch = (
  dispatcher: Dispatcher,
  request: HttpClientRequest.HttpClientRequest,
  target: Target,
  body: RequestBody,
  headers: Headers.Headers,
  scope: Scope.Scope | undefined,
  signal: AbortSignal | undefined
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> =>
  Effect.callback<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((resume) => {
    const exchange = new Exchange(request, resume)
    if (scope !== undefined) {
      const child = Scope.forkUnsafe(scope)
      exchange.scope = child
      Effect.runSync(Scope.addFinalizer(child, Effect.sync(() => exchange.abort())))
    }
    if (signal !== undefined) {
      if (signal.aborted) exchange.abort()
      else signal.addEventListener("abort", () => exchange.abort(), { once: true })
    }
    try {
      dispatcher.dispatch(
        {
          origin: target.origin,
          path: target.path,
          method: request.method,
          headers,
          body,
          // leave timeouts to the caller's Effect timeouts (undici's 300 s defaults would cut slow answers)
          headersTimeout: 0,
          bodyTimeout: 0
        },
        exchange
      )
    } catch (cause) {
      exchange.resume = undefined
      exchange.failure = cause instanceof Error ? cause : new Error(String(cause))
      exchange.settle()
      return resume(Effect.fail(transportError(request, cause)))
    }
    return Effect.sync(() => {
      exchange.resume = undefined
      exchange.abort()
    })
  })

/**
 * The client on a dispatcher (`undici` is the loaded module, used for multipart bodies).
 *
 * @internal
 */
export const make = (dispatcher: Dispatcher, undici: Undici): HttpClient.HttpClient => {
  const send = (
    request: HttpClientRequest.HttpClientRequest,
    target: Target,
    context: Context.Context<never>,
    signal: AbortSignal | undefined
  ): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> => {
    const scope = Context.getOrUndefined(context, Scope.Scope)
    const body = request.body
    if (body._tag === "Stream") {
      return Effect.flatMap(NodeStream.toReadable(body.stream), (readable) =>
        dispatch(dispatcher, request, target, readable, request.headers, scope, signal)
      )
    }
    const converted = bodyOf(undici, request, body)
    return dispatch(dispatcher, request, target, converted.body, converted.headers, scope, signal)
  }
  // with tracing: Effect's constructor (span, propagation, abort on interruption through the signal)
  const traced = HttpClient.make((request, url, signal, fiber) =>
    send(request, { origin: url.origin, path: `${url.pathname}${url.search}` }, fiber.context, signal)
  )
  return HttpClient.makeWith<HttpClientError.HttpClientError, never, HttpClientError.HttpClientError, never>(
    (effect) =>
      Effect.flatMap(effect, (request) =>
        Effect.withFiber((fiber) => {
          if (!fiber.getRef(Tracer.DisablePropagation) && !fiber.getRef(HttpClient.TracerDisabledWhen)(request)) {
            return traced.execute(request)
          }
          const target = targetOf(request)
          if (target instanceof HttpClientError.HttpClientError) return Effect.fail(target)
          return send(request, target, fiber.context, undefined)
        })
      ),
    Effect.succeed
  )
}
