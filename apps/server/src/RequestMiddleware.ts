/**
 * The middleware in front of every route: a request id (the caller's `x-request-id` when it is a plain token, else a
 * fresh one) on the logs and the response, one structured log line per request (method, path, status, duration; never
 * headers), and the body-size limit (413, in the OpenAI shape on gateway routes, the API's shape elsewhere).
 *
 * @since 0.1.0
 */
import { randomUUID } from "node:crypto"
import { ByteSize, type Cause, Clock, Effect, Exit, type Layer } from "effect"
import { HttpIncomingMessage, HttpRouter, HttpServerError, HttpServerRequest, HttpServerResponse } from "effect/http"
import { ServerConfig } from "./ServerConfig.js"

const requestIdPattern = /^[A-Za-z0-9._-]{1,128}$/

/**
 * Whether `path` belongs to the OpenAI-compatible gateway (errors in the OpenAI shape).
 *
 * @since 0.1.0
 */
export const isGatewayPath = (path: string): boolean =>
  path === "/v1/chat/completions" || path === "/v1/embeddings" || path === "/v1/models"

/**
 * The 413 answer for `path`.
 *
 * @since 0.1.0
 */
export const payloadTooLarge = (path: string, limitBytes: number): HttpServerResponse.HttpServerResponse => {
  const message = `Request body larger than the limit of ${limitBytes} bytes`
  return HttpServerResponse.jsonUnsafe(
    isGatewayPath(path)
      ? {
        _tag: "GatewayPayloadTooLarge",
        error: { message, type: "invalid_request_error", param: null, code: "payload_too_large" }
      }
      : { _tag: "PayloadTooLarge", message, limitBytes },
    { status: 413, headers: { connection: "close" } }
  )
}

const statusOfCause = (cause: Cause.Cause<unknown>): number => {
  const [response] = HttpServerError.causeResponseStripped(cause)
  return response.status
}

const isBodyTooLarge = (cause: Cause.Cause<unknown>): boolean =>
  cause.reasons.some((reason) => {
    const value: unknown = reason._tag === "Fail" ? reason.error : reason._tag === "Die" ? reason.defect : undefined
    return hasReason(value)
  })

const hasReason = (value: unknown): boolean => {
  let current: unknown = value
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    if ("reason" in current) {
      const reason: unknown = current.reason
      if (reason === "BodyTooLarge") return true
      current = reason
    } else if ("cause" in current) {
      current = current.cause
    } else return false
  }
  return false
}

/**
 * The global middleware, as a layer for the router.
 *
 * @since 0.1.0
 */
export const layer: Layer.Layer<never, never, HttpRouter.HttpRouter | ServerConfig> = HttpRouter.middleware(
  Effect.gen(function*() {
    const settings = yield* ServerConfig
    const limit = ByteSize.bytes(settings.maxBodyBytes)
    return (httpEffect) =>
      Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
        const given = request.headers["x-request-id"]
        const requestId = given !== undefined && requestIdPattern.test(given) ? given : `req_${randomUUID()}`
        return Effect.gen(function*() {
        const path = request.url.split("?")[0] ?? "/"
        const start = yield* Clock.currentTimeMillis
        const length = Number(request.headers["content-length"] ?? "0")
        const exit = length > settings.maxBodyBytes
          ? Exit.succeed(payloadTooLarge(path, settings.maxBodyBytes))
          : yield* httpEffect.pipe(
            Effect.provideService(HttpIncomingMessage.MaxBodySize, limit),
            Effect.catchCause((cause) =>
              isBodyTooLarge(cause) ? Effect.succeed(payloadTooLarge(path, settings.maxBodyBytes)) : Effect.failCause(cause)
            ),
            Effect.exit
          )
        const ms = (yield* Clock.currentTimeMillis) - start
        const status = Exit.isSuccess(exit) ? exit.value.status : statusOfCause(exit.cause)
        yield* Effect.logInfo("request").pipe(Effect.annotateLogs({ method: request.method, path, status, ms }))
        if (Exit.isFailure(exit)) return yield* exit
        return HttpServerResponse.setHeader(exit.value, "x-request-id", requestId)
        }).pipe(Effect.annotateLogs({ requestId }))
      })
  }),
  { global: true }
)
