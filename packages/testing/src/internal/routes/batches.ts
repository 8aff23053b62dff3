/**
 * Batch routes, on the file store of `files.ts`.
 *
 * - `POST /batches` validates the body with the `@zai-kit/schema` request schema (unknown keys ignored, as the real API
 *   does; 400 with 1213/1214 naming the field); `input_file_id` must be a stored file uploaded with purpose `batch`.
 *   The input file is read at once: a line that is not JSON, lacks a unique `custom_id`, is not `POST`, has no object
 *   `body` or targets another `url` than the batch's `endpoint` is a validation error, and the batch then ends
 *   `failed` with `errors.data[{ code, line, message, param }]`.
 * - Each `GET /batches/{id}` is one poll: `validating` (at creation), then `in_progress` and `finalizing` over
 *   `asyncPolls` polls (default 2), then `completed`. On completion every line is executed against the simulator's own
 *   routes (`/v4/chat/completions` → `POST /chat/completions`, `/v4/embeddings` → `POST /embeddings`, `/v1/...` alike):
 *   2xx answers go to an output file (`output_file_id`), other answers to an error file (`error_file_id`), one
 *   `{ id, custom_id, response: { status_code, request_id, body }, error }` line each; `request_counts` add up. The
 *   input file is deleted afterwards unless `auto_delete_input_file: false`.
 * - The fault `task-failed` on the creating request (or on a poll) makes the batch end `failed`.
 * - `POST /batches/{id}/cancel` moves an unfinished batch to `cancelling` (then `cancelled` on the next poll);
 *   a finished one is a 400. `GET /batches?after=&limit=` pages newest first (`limit` 1–100, default 20).
 * @internal
 */
import { Batches as BatchSchemas, InputValidation } from "@zai-kit/schema"
import { Option, Result, Schema } from "effect"
import { digest, stableStringify } from "../hash.js"
import * as Json from "../json.js"
import * as Reply from "../reply.js"
import { make as makeRouter, type Route, type RouteContext } from "../router.js"
import type { StoreKey } from "../state.js"
import { isObject, type JsonObject } from "../validate.js"
import * as Files from "./files.js"
import * as Routes from "./index.js"

/** A validation problem of the input file. */
interface LineError {
  readonly code: string
  readonly line: number
  readonly message: string
  readonly param: string | null
}

/** One request of the input file. */
interface InputRequest {
  readonly customId: string
  readonly body: JsonObject
}

/** A batch in the simulator. */
interface StoredBatch {
  readonly id: string
  readonly order: number
  readonly endpoint: string
  readonly inputFileId: string
  readonly completionWindow: string
  readonly metadata: JsonObject | null
  readonly autoDelete: boolean
  readonly requests: ReadonlyArray<InputRequest>
  readonly lineErrors: ReadonlyArray<LineError>
  /** Ends `failed` instead of running (fault `task-failed`). */
  fail: boolean
  status: string
  polls: number
  outputFileId: string | null
  errorFileId: string | null
  counts: { total: number; completed: number; failed: number }
  readonly times: Record<string, number>
}

interface Store {
  readonly batches: Map<string, StoredBatch>
  created: number
}

const storeKey: StoreKey<Store> = { name: "batches", make: () => ({ batches: new Map(), created: 0 }) }

const now = () => Math.floor(Date.now() / 1000)
const windowSeconds = 24 * 60 * 60

const batchJson = (batch: StoredBatch): Record<string, unknown> => ({
  id: batch.id,
  object: "batch",
  endpoint: batch.endpoint,
  input_file_id: batch.inputFileId,
  completion_window: batch.completionWindow,
  status: batch.status,
  output_file_id: batch.outputFileId,
  error_file_id: batch.errorFileId,
  created_at: batch.times.created_at ?? null,
  in_progress_at: batch.times.in_progress_at ?? null,
  expires_at: batch.times.expires_at ?? null,
  finalizing_at: batch.times.finalizing_at ?? null,
  completed_at: batch.times.completed_at ?? null,
  failed_at: batch.times.failed_at ?? null,
  expired_at: batch.times.expired_at ?? null,
  cancelling_at: batch.times.cancelling_at ?? null,
  cancelled_at: batch.times.cancelled_at ?? null,
  request_counts: { ...batch.counts },
  errors: batch.lineErrors.length === 0 && batch.status !== "failed" ? null : { object: "list", data: failureErrors(batch) },
  metadata: batch.metadata
})

const failureErrors = (batch: StoredBatch): ReadonlyArray<LineError> =>
  batch.lineErrors.length > 0
    ? batch.lineErrors
    : [{ code: "1234", line: 0, message: "The batch failed: network error.", param: null }]

const batchNotFound = (id: string): Reply.ErrorReply => Reply.error(404, "404", `No batch with id ${id}.`)

const decodeCreate = Schema.decodeUnknownResult(BatchSchemas.BatchCreateRequest, {
  onExcessProperty: "ignore",
  errors: "first"
})

/** The first schema problem as a 1213 (missing) or 1214 (invalid) reply naming the field. */
const createProblem = (body: unknown): Reply.ErrorReply | undefined => {
  const decoded = decodeCreate(body)
  if (Result.isSuccess(decoded)) return undefined
  const [issue] = InputValidation.issuesOf(decoded.failure.issue)
  const field = issue === undefined || issue.path === "" ? "body" : issue.path
  const message = issue?.message ?? "invalid value"
  return /^missing/i.test(message) ? Reply.fieldMissing(field) : Reply.fieldInvalid(field, message)
}

const decoder = new TextDecoder()

/** Reads the input file: the requests, and the problems that make the batch fail validation. */
const readInput = (
  bytes: Uint8Array,
  endpoint: string
): { readonly requests: ReadonlyArray<InputRequest>; readonly errors: ReadonlyArray<LineError> } => {
  const requests: Array<InputRequest> = []
  const errors: Array<LineError> = []
  const seen = new Set<string>()
  const rows = decoder.decode(bytes).split(/\r?\n/)
  rows.forEach((row, index) => {
    const line = index + 1
    if (row.trim() === "") return
    const parsed = Json.parse(row)
    const value = Option.isSome(parsed) ? parsed.value : undefined
    if (!isObject(value)) {
      errors.push({ code: "1210", line, message: `Line ${line} is not a JSON object.`, param: null })
      return
    }
    const customId = value.custom_id
    if (typeof customId !== "string" || customId === "") {
      errors.push({ code: "1213", line, message: `Line ${line} has no custom_id.`, param: "custom_id" })
      return
    }
    if (seen.has(customId)) {
      errors.push({ code: "1214", line, message: `Line ${line}: duplicate custom_id ${JSON.stringify(customId)}.`, param: "custom_id" })
      return
    }
    seen.add(customId)
    if (value.method !== "POST") {
      errors.push({ code: "1214", line, message: `Line ${line}: method must be POST.`, param: "method" })
      return
    }
    if (value.url !== endpoint) {
      errors.push({
        code: "1214",
        line,
        message: `Line ${line}: url ${JSON.stringify(value.url)} does not match the batch endpoint ${endpoint}.`,
        param: "url"
      })
      return
    }
    if (!isObject(value.body)) {
      errors.push({ code: "1213", line, message: `Line ${line} has no body object.`, param: "body" })
      return
    }
    requests.push({ customId, body: value.body })
  })
  if (requests.length === 0 && errors.length === 0) {
    errors.push({ code: "1214", line: 0, message: "The input file has no requests.", param: null })
  }
  return { requests, errors }
}

const create = (ctx: RouteContext): Reply.Reply => {
  if (ctx.bodyError !== undefined) return Reply.error(400, "1210", `The request body is not valid JSON: ${ctx.bodyError}`)
  const body = ctx.body
  if (!isObject(body)) return Reply.error(400, "1210", "The request body must be a JSON object.")
  const problem = createProblem(body)
  if (problem !== undefined) return problem
  const inputFileId = String(body.input_file_id)
  const endpoint = String(body.endpoint)
  const file = Files.getFile(ctx.state, inputFileId)
  if (file === undefined) return Reply.fieldInvalid("input_file_id", `no file with id ${JSON.stringify(inputFileId)}`)
  if (file.purpose !== "batch") {
    return Reply.fieldInvalid("input_file_id", `file ${inputFileId} was uploaded with purpose ${file.purpose}; a batch needs purpose batch`)
  }
  const input = readInput(file.bytes, endpoint)
  const store = ctx.state.store(storeKey)
  const createdAt = now()
  const id = `batch_${digest(`${ctx.state.options.seed}:batch:${ctx.state.nextSequence()}:${stableStringify(body)}`)}`
  const batch: StoredBatch = {
    id,
    order: ++store.created,
    endpoint,
    inputFileId,
    completionWindow: typeof body.completion_window === "string" ? body.completion_window : "24h",
    metadata: isObject(body.metadata) ? body.metadata : null,
    autoDelete: body.auto_delete_input_file !== false,
    requests: input.requests,
    lineErrors: input.errors,
    fail: ctx.fault?.kind === "task-failed",
    status: "validating",
    polls: 0,
    outputFileId: null,
    errorFileId: null,
    counts: { total: input.requests.length + input.errors.length, completed: 0, failed: 0 },
    times: { created_at: createdAt, expires_at: createdAt + windowSeconds }
  }
  store.batches.set(id, batch)
  return Reply.json(batchJson(batch))
}

// the router over every simulator route, built on first use (the route list includes this module)
let dispatcher: ReturnType<typeof makeRouter> | undefined
const dispatch = (method: string, path: string) => {
  dispatcher ??= makeRouter(Routes.all)
  return dispatcher(method, path)
}

const encoder = new TextEncoder()

/** Runs one request of the batch against the simulator's own route for the endpoint. */
const execute = (ctx: RouteContext, batch: StoredBatch, request: InputRequest, index: number): { readonly ok: boolean; readonly line: JsonObject } => {
  const path = batch.endpoint.replace(/^\/v\d+/, "")
  const lineId = `batch_req_${digest(`${batch.id}:${index}:${request.customId}`)}`
  const failed = (status: number, code: string, message: string, requestId: string | null) => ({
    ok: false,
    line: {
      id: lineId,
      custom_id: request.customId,
      response: { status_code: status, request_id: requestId, body: { error: { code, message } } },
      error: { code, message }
    }
  })
  const found = dispatch("POST", path)
  if (found._tag !== "Found") return failed(404, "1222", `The API ${batch.endpoint} does not exist.`, null)
  const rawBody = JSON.stringify(request.body)
  const reply = found.route.handle({
    method: "POST",
    path,
    params: found.params,
    query: new URLSearchParams(),
    headers: { "content-type": "application/json" },
    rawBody,
    bodyBytes: encoder.encode(rawBody),
    body: request.body,
    bodyError: undefined,
    state: ctx.state,
    fault: undefined
  })
  const requestId = reply.headers?.["x-request-id"] ?? lineId
  switch (reply._tag) {
    case "Json":
      if (reply.status >= 200 && reply.status < 300) {
        return {
          ok: true,
          line: {
            id: lineId,
            custom_id: request.customId,
            response: { status_code: reply.status, request_id: requestId, body: reply.body },
            error: null
          }
        }
      }
      return failed(reply.status, "1234", `HTTP ${reply.status}`, requestId)
    case "Error":
      return failed(reply.status, reply.code, reply.message, requestId)
    case "Sse":
      return failed(400, "1214", "The parameter stream is invalid: streaming is not supported in a batch.", requestId)
    case "Raw":
      return failed(reply.status, "1234", "The endpoint answered a non-JSON body.", requestId)
  }
}

const jsonl = (lines: ReadonlyArray<JsonObject>): Uint8Array => encoder.encode(lines.map((l) => `${JSON.stringify(l)}\n`).join(""))

/** Executes every request, writes the output and error files, and completes the batch. */
const complete = (ctx: RouteContext, batch: StoredBatch) => {
  const output: Array<JsonObject> = []
  const errors: Array<JsonObject> = []
  batch.requests.forEach((request, index) => {
    const result = execute(ctx, batch, request, index)
    if (result.ok) output.push(result.line)
    else errors.push(result.line)
  })
  if (output.length > 0) {
    batch.outputFileId = Files.putFile(ctx.state, {
      filename: `${batch.id}_output.jsonl`,
      purpose: "batch_output",
      contentType: "application/jsonl",
      bytes: jsonl(output)
    }).id
  }
  if (errors.length > 0) {
    batch.errorFileId = Files.putFile(ctx.state, {
      filename: `${batch.id}_error.jsonl`,
      purpose: "batch_output",
      contentType: "application/jsonl",
      bytes: jsonl(errors)
    }).id
  }
  batch.counts = { total: batch.requests.length, completed: output.length, failed: errors.length }
  batch.status = "completed"
  batch.times.completed_at = now()
  if (batch.autoDelete) Files.deleteFile(ctx.state, batch.inputFileId)
}

const fail = (batch: StoredBatch) => {
  batch.status = "failed"
  batch.times.failed_at = now()
}

const terminal = new Set(["completed", "failed", "expired", "cancelled"])

/** One poll: moves the batch one step. */
const advance = (ctx: RouteContext, batch: StoredBatch) => {
  batch.polls++
  if (terminal.has(batch.status)) return
  if (batch.status === "cancelling") {
    batch.status = "cancelled"
    batch.times.cancelled_at = now()
    return
  }
  if (ctx.fault?.kind === "task-failed" || batch.fail || batch.lineErrors.length > 0) return fail(batch)
  const polls = ctx.state.options.asyncPolls
  if (batch.polls > polls) return complete(ctx, batch)
  if (batch.polls === polls) {
    batch.status = "finalizing"
    batch.times.in_progress_at ??= now()
    batch.times.finalizing_at = now()
    return
  }
  batch.status = "in_progress"
  batch.times.in_progress_at ??= now()
}

const retrieve = (ctx: RouteContext): Reply.Reply => {
  const id = ctx.params.id ?? ""
  const batch = ctx.state.store(storeKey).batches.get(id)
  if (batch === undefined) return batchNotFound(id)
  advance(ctx, batch)
  return Reply.json(batchJson(batch))
}

const cancel = (ctx: RouteContext): Reply.Reply => {
  const id = ctx.params.id ?? ""
  const batch = ctx.state.store(storeKey).batches.get(id)
  if (batch === undefined) return batchNotFound(id)
  if (terminal.has(batch.status)) return Reply.error(400, "1214", `The batch ${id} cannot be cancelled: it is ${batch.status}.`)
  if (batch.status !== "cancelling") {
    batch.status = "cancelling"
    batch.times.cancelling_at = now()
  }
  return Reply.json(batchJson(batch))
}

const list = (ctx: RouteContext): Reply.Reply => {
  const limitText = ctx.query.get("limit")
  const limit = limitText === null || limitText === "" ? 20 : Number(limitText)
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return Reply.fieldInvalid("limit", `must be an integer from 1 to 100, got ${JSON.stringify(limitText)}`)
  }
  const batches = [...ctx.state.store(storeKey).batches.values()].sort((a, b) => b.order - a.order)
  let start = 0
  const after = ctx.query.get("after")
  if (after !== null && after !== "") {
    const index = batches.findIndex((b) => b.id === after)
    if (index === -1) return Reply.fieldInvalid("after", `no batch with id ${JSON.stringify(after)}`)
    start = index + 1
  }
  const data = batches.slice(start, start + limit)
  return Reply.json({
    object: "list",
    data: data.map(batchJson),
    first_id: data[0]?.id ?? null,
    last_id: data[data.length - 1]?.id ?? null,
    has_more: start + data.length < batches.length
  })
}

/** Batch routes. */
export const routes: ReadonlyArray<Route> = [
  { method: "POST", path: "/batches", handle: create },
  { method: "GET", path: "/batches", handle: list },
  { method: "GET", path: "/batches/:id", handle: retrieve },
  { method: "POST", path: "/batches/:id/cancel", handle: cancel }
]
