/**
 * Chat routes: `POST /chat/completions` (JSON or SSE) and `POST /async/chat/completions`.
 * @internal
 */
import { ChatCompletions, InputValidation } from "@zai-kit/schema"
import { Result, Schema } from "effect"
import * as Chat from "../chat.js"
import * as Reply from "../reply.js"
import type { Route, RouteContext } from "../router.js"
import * as Validate from "../validate.js"
import { createTask } from "./async.js"

/** Model ids the simulator answers for; others get 400 with business code 1211, like the real API. */
const knownModel = /^(glm|chatglm|charglm|codegeex|emohaa|autoglm|cogview|cogvideox|embedding)/i

/**
 * The SDK's request schema, decoded leniently about unknown keys: the real API ignores keys it does not know
 * (OpenAI clients send `stream_options`, `n`, ...), but rejects wrong values of the keys it knows.
 */
const decodeRequest = Schema.decodeUnknownResult(ChatCompletions.ChatCompletionRequest, {
  onExcessProperty: "ignore",
  errors: "first"
})

/** The first schema problem as a 1213 (missing) or 1214 (invalid) reply naming the field. */
const schemaProblem = (body: unknown): Reply.ErrorReply | undefined => {
  const decoded = decodeRequest(body)
  if (Result.isSuccess(decoded)) return undefined
  const [issue] = InputValidation.issuesOf(decoded.failure.issue)
  const field = issue === undefined || issue.path === "" ? "body" : issue.path
  const message = issue?.message ?? "invalid value"
  return /missing/i.test(message) ? Reply.fieldMissing(field) : Reply.fieldInvalid(field, message)
}

/** Validates the body of a chat request: JSON, structure, the `@zai-kit/schema` request schema, then the model id. */
export const chatRequest = (ctx: RouteContext): Result.Result<Validate.ChatRequest, Reply.ErrorReply> => {
  if (ctx.bodyError !== undefined) return Result.fail(Reply.error(400, "1210", `The request body is not valid JSON: ${ctx.bodyError}`))
  if (ctx.body === undefined) return Result.fail(Reply.error(400, "1210", "The request body is missing."))
  if (!Validate.isObject(ctx.body)) return Result.fail(Reply.error(400, "1210", "The request body must be a JSON object."))
  // the structural pass first: it names the exact field of a bad union member (`messages[0].role`)
  const request = Validate.chatRequest(ctx.body)
  if (Result.isFailure(request)) return Result.fail(request.failure)
  const problem = schemaProblem(ctx.body)
  if (problem !== undefined) return Result.fail(problem)
  if (!knownModel.test(request.success.model)) {
    return Result.fail(Reply.error(400, "1211", `The model ${request.success.model} does not exist.`))
  }
  return request
}

const createCompletion = (ctx: RouteContext): Reply.Reply => {
  const request = chatRequest(ctx)
  if (Result.isFailure(request)) return request.failure
  const answer = Chat.answer(request.success, ctx.state.options.seed, ctx.state.nextSequence())
  const headers = { "x-request-id": answer.requestId }
  if (request.success.stream) {
    const events = Chat.chunks(answer, { chunkWords: ctx.state.options.chunkWords, toolStream: request.success.toolStream })
    return { ...Reply.sse(events), headers }
  }
  return Reply.json(Chat.completion(answer), 200, headers)
}

const createAsyncCompletion = (ctx: RouteContext): Reply.Reply => {
  const request = chatRequest(ctx)
  if (Result.isFailure(request)) return request.failure
  const answer = Chat.answer(request.success, ctx.state.options.seed, ctx.state.nextSequence())
  const task = createTask(ctx, {
    id: answer.id,
    requestId: answer.requestId,
    model: answer.model,
    result: { created: answer.created, object: "chat.completion", ...Chat.resultFields(answer) }
  })
  return Reply.json(
    { id: task.id, request_id: task.requestId, model: task.model, task_status: "PROCESSING" },
    200,
    { "x-request-id": task.requestId }
  )
}

/** Chat routes. */
export const routes: ReadonlyArray<Route> = [
  { method: "POST", path: "/chat/completions", handle: createCompletion },
  { method: "POST", path: "/async/chat/completions", handle: createAsyncCompletion }
]
