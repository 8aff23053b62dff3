/**
 * The errors of the server's own API (`/v1/runs`, `/v1/pipelines`), each a `Schema.TaggedError` with its HTTP
 * status. Bodies are `{ "_tag": "...", "message": "...", ... }`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * One problem of a rejected request: where (`path`, e.g. `payload.inputs.topic`, or `file:line:column`) and what was
 * expected.
 *
 * @since 0.1.0
 */
export const Issue = Schema.Struct({ path: Schema.String, message: Schema.String })

/**
 * 400: the request does not match the schema, or an inline spec does not compile; `issues` names each field.
 *
 * @since 0.1.0
 */
export class BadRequest extends Schema.TaggedError<BadRequest>()(
  "BadRequest",
  { message: Schema.String, issues: Schema.Array(Issue) },
  { httpApiStatus: 400 }
) {}

/**
 * 401: missing or wrong server key.
 *
 * @since 0.1.0
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()(
  "Unauthorized",
  { message: Schema.String },
  { httpApiStatus: 401 }
) {}

/**
 * 404: no such run, pipeline or file.
 *
 * @since 0.1.0
 */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", { message: Schema.String }, {
  httpApiStatus: 404
}) {}

/**
 * 409: the run cannot do that in its current state (e.g. cancelling a finished run).
 *
 * @since 0.1.0
 */
export class Conflict extends Schema.TaggedError<Conflict>()("Conflict", { message: Schema.String }, {
  httpApiStatus: 409
}) {}

/**
 * 413: the request body is larger than the configured limit.
 *
 * @since 0.1.0
 */
export class PayloadTooLarge extends Schema.TaggedError<PayloadTooLarge>()(
  "PayloadTooLarge",
  { message: Schema.String, limitBytes: Schema.Number },
  { httpApiStatus: 413 }
) {}

/**
 * 429: too many requests for this key, or too many runs at once; `retryAfterSeconds` (also the `Retry-After`
 * header) says when to try again.
 *
 * @since 0.1.0
 */
export class TooManyRequests extends Schema.TaggedError<TooManyRequests>()(
  "TooManyRequests",
  { message: Schema.String, retryAfterSeconds: Schema.Number },
  { httpApiStatus: 429 }
) {}

/**
 * 503: storage or engine not ready.
 *
 * @since 0.1.0
 */
export class Unavailable extends Schema.TaggedError<Unavailable>()("Unavailable", { message: Schema.String }, {
  httpApiStatus: 503
}) {}
