/**
 * Request validation for routes, on the SDK's own request schemas: unknown keys are ignored (as the real API does),
 * known keys with wrong values are rejected with a 400 in the real envelope that names the field — business code
 * 1213 for a missing field, 1214 for an invalid one.
 * @internal
 */
import { InputValidation } from "@zai-kit/schema"
import { Result, Schema } from "effect"
import * as Reply from "./reply.js"
import type { RouteContext } from "./router.js"
import { isObject, type JsonObject } from "./validate.js"

/** The first problem of a schema error as a 1213 (missing) or 1214 (invalid) reply naming the field. */
export const schemaProblem = (error: Schema.SchemaError): Reply.ErrorReply => {
  const [issue] = InputValidation.issuesOf(error.issue)
  const field = issue === undefined || issue.path === "" ? "body" : issue.path
  const message = issue?.message ?? "invalid value"
  return /^missing/i.test(message) ? Reply.fieldMissing(field) : Reply.fieldInvalid(field, message)
}

/** The first problem of `body` against `schema` as a 1213 / 1214 reply, or `undefined` when it is valid. */
export const problemOf = <S extends Schema.Top & { readonly DecodingServices: never }>(
  schema: S,
  body: unknown
): Reply.ErrorReply | undefined => {
  const decoded = Schema.decodeUnknownResult(schema, { onExcessProperty: "ignore", errors: "first" })(body)
  return Result.isSuccess(decoded) ? undefined : schemaProblem(decoded.failure)
}

/** The JSON object body of a request, or the 400 (code 1210) the API gives for a missing or malformed one. */
export const jsonBody = (ctx: RouteContext): Result.Result<JsonObject, Reply.ErrorReply> => {
  if (ctx.bodyError !== undefined) return Result.fail(Reply.error(400, "1210", `The request body is not valid JSON: ${ctx.bodyError}`))
  if (ctx.body === undefined) return Result.fail(Reply.error(400, "1210", "The request body is missing."))
  if (!isObject(ctx.body)) return Result.fail(Reply.error(400, "1210", "The request body must be a JSON object."))
  return Result.succeed(ctx.body)
}

/** A JSON body valid against `schema` (unknown keys ignored), or the 400 naming the first bad field. */
export const validJson = <S extends Schema.Top & { readonly DecodingServices: never }>(
  ctx: RouteContext,
  schema: S
): Result.Result<JsonObject, Reply.ErrorReply> => {
  const body = jsonBody(ctx)
  if (Result.isFailure(body)) return body
  const problem = problemOf(schema, body.success)
  return problem === undefined ? body : Result.fail(problem)
}

/** A string field of a validated body. */
export const str = (body: JsonObject, key: string): string | undefined => {
  const value = body[key]
  return typeof value === "string" ? value : undefined
}

/** A number field of a validated body. */
export const num = (body: JsonObject, key: string): number | undefined => {
  const value = body[key]
  return typeof value === "number" ? value : undefined
}

/** A boolean field of a validated body (`undefined` when absent). */
export const bool = (body: JsonObject, key: string): boolean | undefined => {
  const value = body[key]
  return typeof value === "boolean" ? value : undefined
}
