/**
 * Fine-tuning routes (legacy bigmodel surface): jobs, their events, cancellation, deletion, and fine-tuned models.
 *
 * - `POST /fine_tuning/jobs` validates the body with the `@zai-kit/schema` request schema (unknown keys ignored, as
 *   the real API does) and answers 400 with code 1213/1214 naming the bad field; an unknown base model gets 1211.
 * - A job starts in `validating_files`; each `GET /fine_tuning/jobs/{id}` moves it one step:
 *   `queued`, then `running` for `asyncPolls` polls (one training epoch each, emitting a metrics event whose loss
 *   goes down), then `succeeded` with `fine_tuned_model` = `ft:<model>:<suffix>:<hash>`. The fault `task-failed` on
 *   the creating request makes the job end in `failed` (with `error`) instead; on a poll, it fails at once.
 * - Lists (`GET /fine_tuning/jobs`, `GET /fine_tuning/jobs/{id}/events`) are newest first, cursor-paged by
 *   `after` (the last id seen) and `limit` (1–100, default 20), with `has_more`.
 * - `POST /fine_tuning/jobs/{id}/cancel` cancels an unfinished job (400 once it is finished);
 *   `DELETE /fine_tuning/jobs/{id}` forgets a job; `DELETE /fine_tuning/fine_tuned_models/{model}` answers
 *   `delete_status: "deleting"`, then `"deleted"`, then 404.
 * @internal
 */
import { FineTuning } from "@zai-kit/schema"
import { Result, Schema } from "effect"
import { digest, stableStringify } from "../hash.js"
import * as Reply from "../reply.js"
import { jsonBody, schemaProblem } from "../requestCheck.js"
import type { Route, RouteContext } from "../router.js"
import type { StoreKey } from "../state.js"

/** A job event as stored (chronological). */
interface JobEvent {
  readonly id: string
  readonly type: "message" | "metrics"
  readonly level: "info" | "warn" | "error"
  readonly message: string
  readonly created_at: number
  readonly data: Readonly<Record<string, number | string>> | null
}

/** A job in the simulator. */
interface Job {
  readonly id: string
  readonly requestId: string
  readonly createdAt: number
  readonly model: string
  readonly suffix: string | undefined
  readonly trainingFile: string
  readonly validationFile: string | undefined
  readonly hyperparameters: Readonly<Record<string, number | string>>
  /** Ends in `failed` instead of `succeeded`. */
  readonly fail: { readonly code: string; readonly message: string } | undefined
  status: string
  polls: number
  finishedAt: number | undefined
  fineTunedModel: string | undefined
  trainedTokens: number | undefined
  resultFiles: Array<string>
  error: { readonly code: string; readonly message: string; readonly param: string | null } | undefined
  readonly events: Array<JobEvent>
}

/** The fine-tuning store: jobs in creation order, and fine-tuned models with their deletion state. */
interface Store {
  readonly jobs: Map<string, Job>
  readonly models: Map<string, "active" | "deleting">
}

const storeKey: StoreKey<Store> = { name: "fine-tuning", make: () => ({ jobs: new Map(), models: new Map() }) }

const knownModel = /^(glm|chatglm|charglm|codegeex)/i

const decodeCreate = Schema.decodeUnknownResult(FineTuning.CreateFineTuningJobRequest, {
  onExcessProperty: "ignore",
  errors: "first"
})


/** Reads `limit` (1–100, default 20) and `after` from the query. */
const cursorQuery = (
  query: URLSearchParams
): Result.Result<{ readonly after: string | undefined; readonly limit: number }, Reply.ErrorReply> => {
  const text = query.get("limit")
  let limit = 20
  if (text !== null) {
    const n = Number(text)
    if (text.trim() === "" || !Number.isInteger(n) || n < 1 || n > 100) {
      return Result.fail(Reply.fieldInvalid("limit", `expected an integer from 1 to 100, got ${JSON.stringify(text)}`))
    }
    limit = n
  }
  const after = query.get("after")
  return Result.succeed({ after: after === null || after === "" ? undefined : after, limit })
}

/** One cursor page of `items` (already in answer order). */
const cursorPage = <A extends { readonly id: string }>(
  items: ReadonlyArray<A>,
  after: string | undefined,
  limit: number
): { readonly page: ReadonlyArray<A>; readonly hasMore: boolean } => {
  const start = after === undefined ? 0 : items.findIndex((item) => item.id === after) + 1
  // an unknown cursor gives an empty last page
  if (after !== undefined && start === 0) return { page: [], hasMore: false }
  const page = items.slice(start, start + limit)
  return { page, hasMore: start + limit < items.length }
}

const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits

const jobJson = (job: Job): Record<string, unknown> => ({
  object: "fine_tuning.job",
  id: job.id,
  request_id: job.requestId,
  created_at: job.createdAt,
  finished_at: job.finishedAt ?? null,
  model: job.model,
  fine_tuned_model: job.fineTunedModel ?? null,
  status: job.status,
  trained_tokens: job.trainedTokens ?? null,
  training_file: job.trainingFile,
  validation_file: job.validationFile ?? null,
  result_files: job.resultFiles,
  hyperparameters: job.hyperparameters,
  error: job.error ?? null
})

const eventJson = (event: JobEvent): Record<string, unknown> => ({ object: "fine_tuning.job.event", ...event })

const addEvent = (job: Job, type: JobEvent["type"], message: string, data: JobEvent["data"] = null, level: JobEvent["level"] = "info") => {
  const n = job.events.length + 1
  job.events.push({
    id: `ftevent-${job.id.slice(6, 14)}-${String(n).padStart(3, "0")}`,
    type,
    level,
    message,
    created_at: job.createdAt + n,
    data
  })
}

/** Epochs the job trains for: `n_epochs` when numeric, else the `asyncPolls` option (at least 1). */
const epochsOf = (job: Job, asyncPolls: number): number => {
  const n = job.hyperparameters.n_epochs
  return typeof n === "number" ? Math.max(1, Math.min(n, 10)) : Math.max(1, asyncPolls)
}

const stepsPerEpoch = 50

const hashOf = (job: Job): number => Number.parseInt(job.id.slice(6, 10), 16)

/** The metrics of one finished epoch: the loss goes down with every epoch. */
const metrics = (job: Job, epoch: number, epochs: number): Readonly<Record<string, number | string>> => {
  const start = 2 + (hashOf(job) % 1000) / 1000
  const loss = round(start * 0.6 ** epoch)
  return {
    epoch,
    current_steps: epoch * stepsPerEpoch,
    total_steps: epochs * stepsPerEpoch,
    loss,
    eval_loss: round(loss * 1.08),
    acc: round(Math.min(0.99, 1 - loss / 3)),
    learning_rate: round(1e-4 * (1 - (epoch - 1) / epochs), 8),
    elapsed_time: `00:0${Math.min(epoch, 9)}:00`,
    remaining_time: `00:0${Math.min(epochs - epoch, 9)}:00`
  }
}

const fineTunedName = (job: Job) => `ft:${job.model}:${job.suffix ?? "zai-sim"}:${job.id.slice(6, 14)}`

const finishFailed = (job: Job, error: { readonly code: string; readonly message: string }) => {
  job.status = "failed"
  job.finishedAt = job.createdAt + job.events.length + 1
  job.error = { code: error.code, message: error.message, param: "training_file" }
  addEvent(job, "message", `Fine-tuning job failed: ${error.message}`, null, "error")
}

/** Moves a job one step along its timeline (each retrieve is one poll). */
const advance = (job: Job, store: Store, asyncPolls: number) => {
  if (FineTuning.isTerminal(job.status)) return
  job.polls++
  const epochs = epochsOf(job, asyncPolls)
  if (job.polls === 1) {
    job.status = "queued"
    addEvent(job, "message", "Files validated; fine-tuning job queued")
    return
  }
  const epoch = job.polls - 1
  if (epoch <= epochs) {
    if (job.fail !== undefined) return finishFailed(job, job.fail)
    if (epoch === 1) addEvent(job, "message", "Fine-tuning job started")
    job.status = "running"
    addEvent(job, "metrics", `Epoch ${epoch}/${epochs} done`, metrics(job, epoch, epochs))
    return
  }
  const name = fineTunedName(job)
  job.status = "succeeded"
  job.finishedAt = job.createdAt + job.events.length + 1
  job.fineTunedModel = name
  job.trainedTokens = epochs * stepsPerEpoch * 512
  job.resultFiles = [`file-result-${job.id.slice(6, 14)}`]
  store.models.set(name, "active")
  addEvent(job, "message", `New fine-tuned model created: ${name}`)
  addEvent(job, "message", "The job has successfully completed")
}

const notFound = (id: string) => Reply.error(404, "404", `No fine-tuning job with id ${id}.`)

const createJob = (ctx: RouteContext): Reply.Reply => {
  const body = jsonBody(ctx)
  if (Result.isFailure(body)) return body.failure
  const decoded = decodeCreate(body.success)
  if (Result.isFailure(decoded)) return schemaProblem(decoded.failure)
  const request = decoded.success
  if (!knownModel.test(request.model)) return Reply.error(400, "1211", `The model ${request.model} does not exist.`)
  const store = ctx.state.store(storeKey)
  const seq = ctx.state.nextSequence()
  const id = `ftjob-${digest(`${ctx.state.options.seed}:fine-tuning:${seq}:${stableStringify(body.success)}`)}`
  const requestId = request.request_id ?? id
  const hp = request.hyperparameters
  const job: Job = {
    id,
    requestId,
    createdAt: Math.floor(Date.now() / 1000),
    model: request.model,
    suffix: request.suffix,
    trainingFile: request.training_file,
    validationFile: request.validation_file,
    hyperparameters: {
      n_epochs: hp?.n_epochs ?? "auto",
      batch_size: hp?.batch_size ?? "auto",
      learning_rate_multiplier: hp?.learning_rate_multiplier ?? "auto"
    },
    fail:
      ctx.fault?.kind === "task-failed"
        ? { code: ctx.fault.code ?? "1214", message: ctx.fault.message ?? "The training file has no valid examples." }
        : undefined,
    status: "validating_files",
    polls: 0,
    finishedAt: undefined,
    fineTunedModel: undefined,
    trainedTokens: undefined,
    resultFiles: [],
    error: undefined,
    events: []
  }
  addEvent(job, "message", "Created fine-tuning job")
  addEvent(job, "message", `Validating training file: ${job.trainingFile}`)
  store.jobs.set(id, job)
  return Reply.json(jobJson(job), 200, { "x-request-id": requestId })
}

/** Jobs newest first. */
const newestFirst = (store: Store): ReadonlyArray<Job> => [...store.jobs.values()].reverse()

const listJobs = (ctx: RouteContext): Reply.Reply => {
  const query = cursorQuery(ctx.query)
  if (Result.isFailure(query)) return query.failure
  const { page, hasMore } = cursorPage(newestFirst(ctx.state.store(storeKey)), query.success.after, query.success.limit)
  return Reply.json({ object: "list", data: page.map(jobJson), has_more: hasMore })
}

const retrieveJob = (ctx: RouteContext): Reply.Reply => {
  const id = ctx.params.id ?? ""
  const store = ctx.state.store(storeKey)
  const job = store.jobs.get(id)
  if (job === undefined) return notFound(id)
  if (ctx.fault?.kind === "task-failed" && !FineTuning.isTerminal(job.status)) {
    finishFailed(job, { code: ctx.fault.code ?? "1234", message: ctx.fault.message ?? "Training failed: network error." })
  } else {
    advance(job, store, ctx.state.options.asyncPolls)
  }
  return Reply.json(jobJson(job), 200, { "x-request-id": job.requestId })
}

const cancelJob = (ctx: RouteContext): Reply.Reply => {
  const id = ctx.params.id ?? ""
  const job = ctx.state.store(storeKey).jobs.get(id)
  if (job === undefined) return notFound(id)
  if (FineTuning.isTerminal(job.status)) {
    return Reply.error(400, "1210", `The fine-tuning job ${id} is already ${job.status} and cannot be cancelled.`)
  }
  job.status = "cancelled"
  job.finishedAt = job.createdAt + job.events.length + 1
  addEvent(job, "message", "Fine-tuning job cancelled")
  return Reply.json(jobJson(job), 200, { "x-request-id": job.requestId })
}

const deleteJob = (ctx: RouteContext): Reply.Reply => {
  const id = ctx.params.id ?? ""
  const store = ctx.state.store(storeKey)
  const job = store.jobs.get(id)
  if (job === undefined) return notFound(id)
  store.jobs.delete(id)
  return Reply.json(jobJson(job), 200, { "x-request-id": job.requestId })
}

const listEvents = (ctx: RouteContext): Reply.Reply => {
  const id = ctx.params.id ?? ""
  const job = ctx.state.store(storeKey).jobs.get(id)
  if (job === undefined) return notFound(id)
  const query = cursorQuery(ctx.query)
  if (Result.isFailure(query)) return query.failure
  const { page, hasMore } = cursorPage([...job.events].reverse(), query.success.after, query.success.limit)
  return Reply.json({ object: "list", data: page.map(eventJson), has_more: hasMore })
}

const deleteModel = (ctx: RouteContext): Reply.Reply => {
  const model = ctx.params.model ?? ""
  const store = ctx.state.store(storeKey)
  const state = store.models.get(model)
  if (state === undefined) return Reply.error(404, "404", `No fine-tuned model named ${model}.`)
  const requestId = `ftdel-${digest(`${ctx.state.options.seed}:${model}:${ctx.state.nextSequence()}`)}`
  if (state === "active") store.models.set(model, "deleting")
  else store.models.delete(model)
  return Reply.json(
    { request_id: requestId, model_name: model, delete_status: state === "active" ? "deleting" : "deleted" },
    200,
    { "x-request-id": requestId }
  )
}

/** Fine-tuning routes. */
export const routes: ReadonlyArray<Route> = [
  { method: "POST", path: "/fine_tuning/jobs", handle: createJob },
  { method: "GET", path: "/fine_tuning/jobs", handle: listJobs },
  { method: "GET", path: "/fine_tuning/jobs/:id", handle: retrieveJob },
  { method: "DELETE", path: "/fine_tuning/jobs/:id", handle: deleteJob },
  { method: "POST", path: "/fine_tuning/jobs/:id/cancel", handle: cancelJob },
  { method: "GET", path: "/fine_tuning/jobs/:id/events", handle: listEvents },
  { method: "DELETE", path: "/fine_tuning/fine_tuned_models/:model", handle: deleteModel }
]
