/**
 * The server-key guard of every API route (`ApiAuth`, errors in the API's shape) and of the OpenAI-compatible gateway
 * (`GatewayAuth`, errors in the OpenAI shape): `Authorization: Bearer <server key>`, checked in constant time, then the
 * per-key rate limit (429 with `Retry-After`). `ApiValidation` / `GatewayValidation` turn a request that does not
 * match its schema into a 400 naming each field, in the matching shape.
 *
 * @since 0.1.0
 */
import { Effect, Layer, Option, Redacted } from "effect"
import { HttpServerResponse } from "effect/http"
import { HttpApiMiddleware, HttpApiSecurity } from "effect/http-api"
import { BadRequest, TooManyRequests, Unauthorized } from "./ApiError.js"
import { GatewayBadRequest, GatewayRateLimited, GatewayUnauthorized } from "./GatewayError.js"
import * as Issues from "./internal/issues.js"
import { RateLimiter } from "./RateLimiter.js"
import { ServerKeys } from "./ServerKeys.js"

/**
 * The guard of the pipelines and runs API.
 *
 * @since 0.1.0
 */
export class ApiAuth extends HttpApiMiddleware.Service<ApiAuth>()("@zai-kit/server/ApiAuth", {
  security: { bearer: HttpApiSecurity.bearer },
  error: [Unauthorized, TooManyRequests]
}) {}

/**
 * The 400 of the pipelines and runs API for a request that does not match its schema.
 *
 * @since 0.1.0
 */
export class ApiValidation extends HttpApiMiddleware.Service<ApiValidation>()("@zai-kit/server/ApiValidation", {
  error: BadRequest
}) {}

/**
 * The OpenAI-shaped 400 of the gateway for a request that does not match its schema.
 *
 * @since 0.1.0
 */
export class GatewayValidation extends HttpApiMiddleware.Service<GatewayValidation>()(
  "@zai-kit/server/GatewayValidation",
  { error: GatewayBadRequest }
) {}

/**
 * The guard of the OpenAI-compatible gateway.
 *
 * @since 0.1.0
 */
export class GatewayAuth extends HttpApiMiddleware.Service<GatewayAuth>()("@zai-kit/server/GatewayAuth", {
  security: { bearer: HttpApiSecurity.bearer },
  error: [GatewayUnauthorized, GatewayRateLimited]
}) {}

const missingKey = "Missing or invalid server key: send `Authorization: Bearer <server key>`"

const tooMany = (body: unknown, retryAfterSeconds: number) =>
  HttpServerResponse.jsonUnsafe(body, { status: 429, headers: { "retry-after": String(retryAfterSeconds) } })

/**
 * `ApiAuth` on the server keys and the rate limiter.
 *
 * @since 0.1.0
 */
export const layerApi: Layer.Layer<ApiAuth, never, ServerKeys | RateLimiter> = Layer.effect(
  ApiAuth,
  Effect.gen(function*() {
    const keys = yield* ServerKeys
    const limiter = yield* RateLimiter
    return ApiAuth.of({
      bearer: (httpEffect, { credential }) =>
        Effect.gen(function*() {
          const key = keys.verify(Redacted.value(credential))
          if (Option.isNone(key)) return yield* new Unauthorized({ message: missingKey })
          const verdict = yield* limiter.take(key.value)
          if (!verdict.allowed) {
            const message = `Too many requests for this server key: retry in ${verdict.retryAfterSeconds} s`
            return tooMany(
              { _tag: "TooManyRequests", message, retryAfterSeconds: verdict.retryAfterSeconds },
              verdict.retryAfterSeconds
            )
          }
          return yield* httpEffect.pipe(
            Effect.annotateLogs({ serverKey: key.value })
          )
        })
    })
  })
)

/**
 * `GatewayAuth` on the server keys and the rate limiter.
 *
 * @since 0.1.0
 */
export const layerGateway: Layer.Layer<GatewayAuth, never, ServerKeys | RateLimiter> = Layer.effect(
  GatewayAuth,
  Effect.gen(function*() {
    const keys = yield* ServerKeys
    const limiter = yield* RateLimiter
    return GatewayAuth.of({
      bearer: (httpEffect, { credential }) =>
        Effect.gen(function*() {
          const key = keys.verify(Redacted.value(credential))
          if (Option.isNone(key)) {
            return yield* new GatewayUnauthorized({
              error: { message: missingKey, type: "authentication_error", param: null, code: "invalid_api_key" }
            })
          }
          const verdict = yield* limiter.take(key.value)
          if (!verdict.allowed) {
            const message = `Too many requests for this server key: retry in ${verdict.retryAfterSeconds} s`
            return tooMany(
              {
                _tag: "GatewayRateLimited",
                error: { message, type: "rate_limit_error", param: null, code: "rate_limit_exceeded" }
              },
              verdict.retryAfterSeconds
            )
          }
          return yield* httpEffect.pipe(
            Effect.annotateLogs({ serverKey: key.value })
          )
        })
    })
  })
)

/**
 * `ApiValidation`: schema failures of params, query, headers and payload as `BadRequest` with one issue per field.
 *
 * @since 0.1.0
 */
export const layerApiValidation: Layer.Layer<ApiValidation> = HttpApiMiddleware.layerSchemaErrorTransform(
  ApiValidation,
  (error) => {
    if (error.kind === "Body" || error.kind === "ResponseHeaders") return Effect.fail(error)
    const issues = Issues.fromSchemaError(error)
    return Effect.fail(new BadRequest({ message: `Invalid request: ${Issues.summary(issues)}`, issues }))
  }
)

/**
 * `GatewayValidation`: schema failures as an OpenAI `invalid_request_error` whose `param` names the first bad field.
 *
 * @since 0.1.0
 */
export const layerGatewayValidation: Layer.Layer<GatewayValidation> = HttpApiMiddleware.layerSchemaErrorTransform(
  GatewayValidation,
  (error) => {
    if (error.kind === "Body" || error.kind === "ResponseHeaders") return Effect.fail(error)
    const issues = Issues.fromSchemaError(error)
    return Effect.fail(
      new GatewayBadRequest({
        error: {
          message: `Invalid request: ${Issues.summary(issues)}`,
          type: "invalid_request_error",
          param: issues[0]?.path ?? null,
          code: null
        }
      })
    )
  }
)
