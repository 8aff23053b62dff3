/**
 * Request-body checks shared by the media routes (embeddings, images, videos): JSON object first, then the SDK's own
 * request schema, decoded leniently about unknown keys (the real API ignores keys it does not know) but strictly
 * about the values of the keys it knows. The first problem becomes a 400 naming the field (1213 missing, 1214 invalid).
 * @internal
 */
import { InputValidation } from "@zai-kit/schema"
import { Result, Schema } from "effect"
import * as Reply from "../reply.js"
import type { RouteContext } from "../router.js"
import * as Validate from "../validate.js"

/** The body as a JSON object, or the 400 the API answers (1210). */
export const object = (ctx: RouteContext): Result.Result<Validate.JsonObject, Reply.ErrorReply> => {
  if (ctx.bodyError !== undefined) return Result.fail(Reply.error(400, "1210", `The request body is not valid JSON: ${ctx.bodyError}`))
  if (ctx.body === undefined) return Result.fail(Reply.error(400, "1210", "The request body is missing."))
  if (!Validate.isObject(ctx.body)) return Result.fail(Reply.error(400, "1210", "The request body must be a JSON object."))
  return Result.succeed(ctx.body)
}

/** Decodes a body through a request schema; the first problem as a 1213/1214 reply naming the field. */
export const decode = <S extends Schema.ConstraintDecoder<unknown>>(
  schema: S,
  body: Validate.JsonObject
): Result.Result<S["Type"], Reply.ErrorReply> => {
  const decoded = Schema.decodeUnknownResult(schema)(body, { onExcessProperty: "ignore", errors: "first" })
  if (Result.isSuccess(decoded)) return Result.succeed(decoded.success)
  const [issue] = InputValidation.issuesOf(decoded.failure.issue)
  const field = issue === undefined || issue.path === "" ? "body" : issue.path
  const message = issue?.message ?? "invalid value"
  return Result.fail(/^missing/i.test(message) ? Reply.fieldMissing(field) : Reply.fieldInvalid(field, message))
}

/** The request id to answer with: the client's `request_id`, else one derived from the answer's hash. */
export const requestId = (body: Validate.JsonObject, fallback: string): string =>
  typeof body.request_id === "string" && body.request_id !== "" ? body.request_id : fallback
