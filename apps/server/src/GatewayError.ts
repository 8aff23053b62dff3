/**
 * The errors of the OpenAI-compatible gateway, in the OpenAI error shape
 * `{ "error": { "message", "type", "param", "code" } }` that OpenAI clients read (the body also carries `_tag`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * The OpenAI error object.
 *
 * @since 0.1.0
 */
export const ErrorObject = Schema.Struct({
  message: Schema.String,
  type: Schema.String,
  param: Schema.NullOr(Schema.String),
  code: Schema.NullOr(Schema.String)
})

/**
 * The fields of every gateway error.
 *
 * @since 0.1.0
 */
export type ErrorObject = typeof ErrorObject.Type

const fields = { error: ErrorObject }

/**
 * 400 `invalid_request_error`: the request is malformed; `param` names the first bad field.
 *
 * @since 0.1.0
 */
export class GatewayBadRequest extends Schema.TaggedError<GatewayBadRequest>()("GatewayBadRequest", fields, {
  httpApiStatus: 400
}) {}

/**
 * 401 `authentication_error`: missing or wrong server key.
 *
 * @since 0.1.0
 */
export class GatewayUnauthorized extends Schema.TaggedError<GatewayUnauthorized>()("GatewayUnauthorized", fields, {
  httpApiStatus: 401
}) {}

/**
 * 403 `permission_error`: Z.ai refused the request (content filter, permission).
 *
 * @since 0.1.0
 */
export class GatewayForbidden extends Schema.TaggedError<GatewayForbidden>()("GatewayForbidden", fields, {
  httpApiStatus: 403
}) {}

/**
 * 404 `not_found_error`.
 *
 * @since 0.1.0
 */
export class GatewayNotFound extends Schema.TaggedError<GatewayNotFound>()("GatewayNotFound", fields, {
  httpApiStatus: 404
}) {}

/**
 * 429 `rate_limit_error`: this key's rate, or Z.ai's limits after the SDK's retries.
 *
 * @since 0.1.0
 */
export class GatewayRateLimited extends Schema.TaggedError<GatewayRateLimited>()("GatewayRateLimited", fields, {
  httpApiStatus: 429
}) {}

/**
 * 502 `api_error`: Z.ai failed (after the SDK's retries) or answered something that could not be decoded.
 *
 * @since 0.1.0
 */
export class GatewayUpstreamError extends Schema.TaggedError<GatewayUpstreamError>()("GatewayUpstreamError", fields, {
  httpApiStatus: 502
}) {}

/**
 * 504 `timeout_error`: Z.ai did not answer in time.
 *
 * @since 0.1.0
 */
export class GatewayTimeout extends Schema.TaggedError<GatewayTimeout>()("GatewayTimeout", fields, {
  httpApiStatus: 504
}) {}

/**
 * Any gateway error.
 *
 * @since 0.1.0
 */
export type GatewayError =
  | GatewayBadRequest
  | GatewayUnauthorized
  | GatewayForbidden
  | GatewayNotFound
  | GatewayRateLimited
  | GatewayUpstreamError
  | GatewayTimeout

/**
 * Every gateway error class, for endpoint declarations.
 *
 * @since 0.1.0
 */
export const all = [
  GatewayBadRequest,
  GatewayUnauthorized,
  GatewayForbidden,
  GatewayNotFound,
  GatewayRateLimited,
  GatewayUpstreamError,
  GatewayTimeout
] as const
