/**
 * The simulator's `node:http` server: recording, fault selection, authentication, routing and the socket-level
 * writing of answers (including broken ones).
 * @internal
 */
import { createHmac, timingSafeEqual } from "node:crypto"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { Option, Result } from "effect"
import * as Faults from "../Faults.js"
import type { RecordedRequest } from "../Simulator.js"
import * as Json from "./json.js"
import * as Reply from "./reply.js"
import * as Router from "./router.js"
import { all as routes } from "./routes/index.js"
import * as State from "./state.js"

/** The path prefixes served (the coding-plan base mirrors the standard one). */
export const basePaths = ["/api/paas/v4", "/api/coding/paas/v4"] as const

/** The agents root of the OpenAPI document (`/api/v1/agents...`), served next to the paas base (see zai-api-surface §1). */
export const agentsRoot = "/api"

/** One request as the simulator saw it. */
export type Recorded = RecordedRequest

/** Options of one server. */
export interface Config {
  readonly host: string
  readonly port: number
  readonly options: State.ResolvedOptions
  readonly faults: ReadonlyArray<Faults.Fault>
}

/** A running server. */
export interface Running {
  readonly port: number
  readonly host: string
  readonly state: State.State
  readonly recorded: Array<Recorded>
  readonly queue: Array<Faults.Fault>
  /** Forgets recorded requests, queued faults and tasks, and restarts numbering. */
  readonly reset: () => void
  readonly close: (done: () => void) => void
}

type Step =
  | { readonly _tag: "Head"; readonly status: number; readonly headers: Readonly<Record<string, string>> }
  | { readonly _tag: "Write"; readonly data: string; readonly frame: boolean }
  | { readonly _tag: "Stall"; readonly ms: number | undefined }
  | { readonly _tag: "End" }
  | { readonly _tag: "Destroy"; readonly reset: boolean }

const head = (status: number, headers: Readonly<Record<string, string>>): Step => ({ _tag: "Head", status, headers })
const write = (data: string, frame = false): Step => ({ _tag: "Write", data, frame })
const stall = (ms: number | undefined): Step => ({ _tag: "Stall", ms })
const end: Step = { _tag: "End" }
/** Cuts the connection once the bytes written so far are flushed: with a TCP RST (`reset`) or a plain close. */
const destroy = (reset: boolean): Step => ({ _tag: "Destroy", reset })

const htmlPage = (status: number) =>
  `<html>\r\n<head><title>${status} Bad Gateway</title></head>\r\n<body>\r\n<center><h1>${status} Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`

/** The error reply of a status fault. */
const statusFault = (fault: Faults.Fault): Reply.Reply | undefined => {
  const retryAfter = (seconds: number | undefined): Readonly<Record<string, string>> | undefined =>
    seconds === undefined ? undefined : { "retry-after": String(seconds) }
  const make = (status: number, code: string, message: string, extra?: Record<string, unknown>, seconds?: number) => {
    const headers = retryAfter(seconds)
    return Reply.error(fault.status ?? status, fault.code ?? code, fault.message ?? message, {
      ...(extra === undefined ? {} : { extra }),
      ...(headers === undefined ? {} : { headers })
    })
  }
  switch (fault.kind) {
    case "rate-limit":
      return make(429, "1302", "High concurrency usage of this API, please reduce concurrency or contact customer service to increase limits.", undefined, fault.seconds ?? 1)
    case "insufficient-balance":
      return make(429, "1113", "Insufficient balance or no resource package. Please recharge.", undefined, fault.seconds)
    case "quota-exceeded":
      return make(429, "1304", "The daily call limit for this API has been reached.", undefined, fault.seconds)
    case "server-error": {
      const status = fault.status ?? 500
      return make(status, status === 500 ? "500" : "1234", status === 500 ? "Internal Error" : "Network error, please try again later.")
    }
    case "overloaded":
      return make(503, "1312", "The model is currently overloaded, please try again later or switch to another model.", undefined, fault.seconds)
    case "content-filter":
      return make(400, "1301", "System detected potentially unsafe or sensitive content in input or generation. Please avoid using prompts that may generate sensitive content.", {
        contentFilter: [{ level: 1, role: "user" }]
      })
    case "auth":
      return make(401, "1002", "Authorization Token is invalid.")
    case "html-error": {
      const status = fault.status ?? 502
      return Reply.raw(status, "text/html", htmlPage(status))
    }
    default:
      return undefined
  }
}

const frame = (event: unknown): string => `data: ${JSON.stringify(event)}\n\n`
const doneFrame = "data: [DONE]\n\n"

const clamp = (n: number | undefined, fallback: number, max: number) => Math.max(0, Math.min(n ?? fallback, max))

/** The steps that write an SSE reply, broken as the fault says. */
const sseSteps = (reply: Reply.SseReply, fault: Faults.Fault | undefined): ReadonlyArray<Step> => {
  const events = reply.events
  const frames = events.map(frame)
  const all = (from: number) => frames.slice(from).map((f) => write(f, true))
  if (fault === undefined) return [...all(0), write(doneFrame, true), end]
  switch (fault.kind) {
    case "stall-inside": {
      const k = clamp(fault.after, 2, frames.length)
      return [...frames.slice(0, k).map((f) => write(f, true)), stall(fault.ms), ...all(k), write(doneFrame, true), end]
    }
    case "truncated-sse": {
      const k = clamp(fault.after, 2, Math.max(0, frames.length - 1))
      const cut = frames[k] ?? frame({})
      return [...frames.slice(0, k).map((f) => write(f, true)), write(cut.slice(0, Math.max(8, Math.floor(cut.length / 2))), true), end]
    }
    case "concatenated-sse": {
      const k = clamp(fault.after, 1, Math.max(0, events.length - 2))
      const merged = `data: ${JSON.stringify(events[k])}${JSON.stringify(events[k + 1] ?? {})}\n\n`
      return [...frames.slice(0, k).map((f) => write(f, true)), write(merged, true), ...all(k + 2), write(doneFrame, true), end]
    }
    case "corrupt-sse": {
      const k = clamp(fault.after, 1, frames.length)
      return [
        ...frames.slice(0, k).map((f) => write(f, true)),
        write('data: {"id":"corrupt","choices":[{"index":0,"delta":{"content":"oops"}}]!!<not json>\n\n', true),
        ...all(k),
        write(doneFrame, true),
        end
      ]
    }
    case "error-frame": {
      const k = clamp(fault.after, 1, frames.length)
      const error = { error: { code: fault.code ?? "1234", message: fault.message ?? "Network error, please try again later." } }
      return [...frames.slice(0, k).map((f) => write(f, true)), write(frame(error), true), end]
    }
    case "network-error-finish": {
      const k = clamp(fault.after, Math.max(0, events.length - 1), Math.max(0, events.length - 1))
      const last = events[events.length - 1]
      return [...frames.slice(0, k).map((f) => write(f, true)), write(frame(withFinishReason(last, "network_error")), true), write(doneFrame, true), end]
    }
    case "reset": {
      const k = clamp(fault.after, 0, frames.length)
      return [...frames.slice(0, k).map((f) => write(f, true)), destroy(true)]
    }
    default:
      return [...all(0), write(doneFrame, true), end]
  }
}

/** A copy of a completion or chunk whose first choice has the given finish reason. */
const withFinishReason = (event: unknown, reason: string): unknown => {
  if (typeof event !== "object" || event === null || !("choices" in event) || !Array.isArray(event.choices)) return event
  const [first, ...rest] = event.choices
  return { ...event, choices: [{ ...(typeof first === "object" && first !== null ? first : {}), finish_reason: reason }, ...rest] }
}

/** The steps that write a JSON reply, broken as the fault says. */
const jsonSteps = (reply: Reply.JsonReply, fault: Faults.Fault | undefined, headers: Record<string, string>): ReadonlyArray<Step> => {
  const text = JSON.stringify(reply.body)
  const whole = (body: string) => [head(reply.status, { ...headers, "content-length": String(Buffer.byteLength(body)) }), write(body), end]
  if (fault === undefined) return whole(text)
  const half = text.slice(0, Math.floor(text.length / 2))
  const declared = { ...headers, "content-length": String(Buffer.byteLength(text)) }
  switch (fault.kind) {
    case "stall-inside":
      return [head(reply.status, declared), write(half), stall(fault.ms), write(text.slice(half.length)), end]
    case "truncated-sse":
      return [head(reply.status, declared), write(half), destroy(false)]
    case "reset":
      return fault.after === undefined ? [destroy(true)] : [head(reply.status, declared), write(half), destroy(true)]
    case "concatenated-sse":
      return whole(text + text)
    case "corrupt-sse":
      return whole(`${half}!!<not json>`)
    case "error-frame":
      return whole(JSON.stringify({ error: { code: fault.code ?? "1234", message: fault.message ?? "Network error, please try again later." } }))
    case "network-error-finish":
      return whole(JSON.stringify(withFinishReason(reply.body, "network_error")))
    default:
      return whole(text)
  }
}

const flatHeaders = (req: IncomingMessage): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    out[key] = Array.isArray(value) ? value.join(", ") : value
  }
  return out
}

const base64url = (text: string) => Buffer.from(text, "base64url").toString("utf8")

type AuthResult = { readonly _tag: "Ok"; readonly kind: "api-key" | "jwt" } | { readonly _tag: "Denied"; readonly reply: Reply.ErrorReply }

/** Checks `Authorization: Bearer <key or JWT>`. Without a configured key any non-empty token passes. */
const authenticate = (authorization: string | undefined, apiKey: string | undefined): AuthResult => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")
  const token = match?.[1]
  if (token === undefined) {
    return { _tag: "Denied", reply: Reply.error(401, "1001", "The Authorization header is missing from the request.") }
  }
  const parts = token.split(".")
  const looksJwt = parts.length === 3 && Option.isSome(Json.parse(base64url(parts[0] ?? "")))
  if (apiKey === undefined) return { _tag: "Ok", kind: looksJwt ? "jwt" : "api-key" }
  if (token === apiKey) return { _tag: "Ok", kind: "api-key" }
  const [id, secret] = apiKey.split(".")
  if (!looksJwt || id === undefined || secret === undefined) {
    return { _tag: "Denied", reply: Reply.error(401, "1002", "Authorization Token is invalid.") }
  }
  const [h = "", p = "", s = ""] = parts
  const expected = createHmac("sha256", secret).update(`${h}.${p}`).digest()
  const given = Buffer.from(s, "base64url")
  const payload = Json.parse(base64url(p))
  const claims = Option.isSome(payload) && typeof payload.value === "object" && payload.value !== null ? payload.value : {}
  const valid = given.length === expected.length && timingSafeEqual(given, expected) && "api_key" in claims && claims.api_key === id
  if (!valid) return { _tag: "Denied", reply: Reply.error(401, "1004", "Authorization token verification failed.") }
  const exp = "exp" in claims && typeof claims.exp === "number" ? claims.exp : 0
  const expMs = exp < 1e12 ? exp * 1000 : exp
  if (expMs <= Date.now()) return { _tag: "Denied", reply: Reply.error(401, "1003", "Authorization token has expired.") }
  return { _tag: "Ok", kind: "jwt" }
}

/** Starts the server; `done` gets the running server or the listen error. */
export const start = (config: Config, done: (result: Result.Result<Running, Error>) => void): void => {
  const state = State.make(config.options)
  const recorded: Array<Recorded> = []
  const queue: Array<Faults.Fault> = [...config.faults]
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const match = Router.make(routes)
  let requestCounter = 0

  const schedule = (ms: number, res: ServerResponse, f: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      f()
    }, ms)
    timers.add(timer)
    res.once("close", () => {
      clearTimeout(timer)
      timers.delete(timer)
    })
  }

  const run = (res: ServerResponse, steps: ReadonlyArray<Step>) => {
    let i = 0
    const next = (): void => {
      while (i < steps.length) {
        if (res.destroyed || res.writableEnded) return
        const step = steps[i++]
        if (step === undefined) return
        switch (step._tag) {
          case "Head":
            res.writeHead(step.status, step.headers)
            res.flushHeaders()
            break
          case "Write":
            res.write(step.data)
            if (step.frame && config.options.chunkDelayMs > 0) {
              schedule(config.options.chunkDelayMs, res, next)
              return
            }
            break
          case "Stall":
            if (step.ms !== undefined) schedule(step.ms, res, next)
            return
          case "End":
            res.end()
            return
          case "Destroy": {
            const cut = () => {
              const socket = res.socket
              if (socket !== null && step.reset) socket.resetAndDestroy()
              else socket?.destroy()
              res.destroy()
            }
            // let the frames already written reach the client before the connection is cut
            if (res.headersSent) res.write("", () => schedule(20, res, cut))
            else cut()
            return
          }
        }
      }
    }
    next()
  }

  const respond = (res: ServerResponse, reply: Reply.Reply, fault: Faults.Fault | undefined, requestId: string) => {
    const headers: Record<string, string> = { "x-request-id": requestId, ...reply.headers }
    switch (reply._tag) {
      case "Json":
        return run(res, jsonSteps(reply, fault, { ...headers, "content-type": "application/json; charset=utf-8" }))
      case "Error": {
        const body = JSON.stringify(Reply.errorBody(reply))
        return run(res, [
          head(reply.status, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(body)) }),
          write(body),
          end
        ])
      }
      case "Raw": {
        const body = typeof reply.body === "string" ? Buffer.from(reply.body) : Buffer.from(reply.body)
        res.writeHead(reply.status, { ...headers, "content-type": reply.contentType, "content-length": String(body.length) })
        res.end(body)
        return
      }
      case "Sse":
        return run(res, [
          head(200, { ...headers, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" }),
          ...sseSteps(reply, fault)
        ])
    }
  }

  const handle = (req: IncomingMessage, res: ServerResponse, bodyBytes: Uint8Array) => {
    const rawBody = Buffer.from(bodyBytes.buffer, bodyBytes.byteOffset, bodyBytes.byteLength).toString("utf8")
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    const base =
      basePaths.find((b) => url.pathname === b || url.pathname.startsWith(`${b}/`)) ??
      (url.pathname === `${agentsRoot}/v1/agents` || url.pathname.startsWith(`${agentsRoot}/v1/agents/`) ? agentsRoot : undefined)
    const path = base === undefined ? url.pathname : url.pathname.slice(base.length) || "/"
    const method = (req.method ?? "GET").toUpperCase()
    const headers = flatHeaders(req)
    const seq = ++requestCounter
    const fallbackRequestId = `sim-req-${String(seq).padStart(6, "0")}`

    const queued = queue.shift()
    const headerText = headers[Faults.header]
    const parsedHeader = headerText === undefined ? undefined : Faults.parse(headerText)
    const chosen =
      parsedHeader === undefined ? queued : Result.isSuccess(parsedHeader) ? parsedHeader.success : undefined
    const fault = chosen?.kind === "none" ? undefined : chosen

    const contentType = headers["content-type"] ?? ""
    const parsedBody = rawBody === "" ? Option.none() : Json.parse(rawBody)
    const body: unknown = rawBody === "" ? undefined : Option.isSome(parsedBody) ? parsedBody.value : undefined
    const bodyError =
      rawBody !== "" && Option.isNone(parsedBody) && (contentType.includes("json") || contentType === "")
        ? "unexpected token"
        : undefined

    const authResult = authenticate(headers.authorization, state.options.apiKey)
    const entry: { -readonly [K in keyof Recorded]: Recorded[K] } = {
      seq,
      method,
      path,
      url: `${url.pathname}${url.search}`,
      query: Object.fromEntries(url.searchParams.entries()),
      headers: headers.authorization === undefined ? headers : { ...headers, authorization: "Bearer <redacted>" },
      auth: authResult._tag === "Ok" ? authResult.kind : headers.authorization === undefined ? "none" : "api-key",
      body: rawBody === "" ? undefined : Option.isSome(parsedBody) ? parsedBody.value : rawBody,
      rawBody,
      fault: fault === undefined ? undefined : Faults.format(fault),
      status: undefined,
      receivedAt: Date.now()
    }
    recorded.push(entry)
    const record = (status: number | undefined) => {
      entry.status = status
    }

    if (parsedHeader !== undefined && Result.isFailure(parsedHeader)) {
      const reply = Reply.fieldInvalid(`header ${Faults.header}`, parsedHeader.failure.message)
      record(reply.status)
      return respond(res, reply, undefined, fallbackRequestId)
    }

    const faultReply = fault === undefined ? undefined : statusFault(fault)
    if (faultReply !== undefined) {
      record(faultReply._tag === "Raw" || faultReply._tag === "Error" ? faultReply.status : undefined)
      return respond(res, faultReply, undefined, fallbackRequestId)
    }
    if (fault?.kind === "reset" && fault.after === undefined) return run(res, [destroy(true)])

    const proceed = () => {
      const reply = route(method, path, base !== undefined, url, headers, rawBody, bodyBytes, body, bodyError, fault, authResult)
      const status = reply._tag === "Sse" ? 200 : reply.status
      record(status)
      const requestId = reply.headers?.["x-request-id"] ?? fallbackRequestId
      respond(res, reply, reply._tag === "Json" || reply._tag === "Sse" ? fault : undefined, requestId)
    }
    if (fault?.kind === "stall-before") {
      if (fault.ms === undefined) return
      return schedule(fault.ms, res, proceed)
    }
    return proceed()
  }

  const route = (
    method: string,
    path: string,
    inBase: boolean,
    url: URL,
    headers: Record<string, string>,
    rawBody: string,
    bodyBytes: Uint8Array,
    body: unknown,
    bodyError: string | undefined,
    fault: Faults.Fault | undefined,
    authResult: AuthResult
  ): Reply.Reply => {
    if (!inBase) return Reply.error(404, "1222", `The API ${url.pathname} does not exist.`)
    const found = match(method, path)
    // public routes (media files) answer without a key, as a CDN does; everything else checks auth first
    if (authResult._tag === "Denied" && !(found._tag === "Found" && found.route.public === true)) return authResult.reply
    if (found._tag === "NotFound") return Reply.error(404, "1222", `The API ${url.pathname} does not exist.`)
    if (found._tag === "MethodNotAllowed") {
      return Reply.error(405, "1222", `Method ${method} is not allowed on ${url.pathname}; use ${found.allowed.join(", ")}.`, {
        headers: { allow: found.allowed.join(", ") }
      })
    }
    return found.route.handle({
      method: found.route.method,
      path,
      params: found.params,
      query: url.searchParams,
      headers,
      rawBody,
      bodyBytes,
      body,
      bodyError,
      state,
      fault
    })
  }

  const server = createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => handle(req, res, Buffer.concat(chunks)))
    req.on("error", () => res.destroy())
  })
  server.requestTimeout = 0
  server.headersTimeout = 0
  server.keepAliveTimeout = 5_000

  const onError = (error: Error) => done(Result.fail(error))
  server.once("error", onError)
  server.listen(config.port, config.host, () => {
    server.off("error", onError)
    const address = server.address() as AddressInfo
    done(
      Result.succeed({
        port: address.port,
        host: config.host,
        state,
        recorded,
        queue,
        reset: () => {
          recorded.length = 0
          queue.length = 0
          requestCounter = 0
          state.reset()
        },
        close: (closed) => {
          for (const timer of timers) clearTimeout(timer)
          timers.clear()
          server.close(() => closed())
          server.closeAllConnections()
        }
      })
    )
  })
}
