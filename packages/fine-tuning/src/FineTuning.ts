/**
 * The `FineTuning` service: fine-tuning jobs (`create`, `list`, `retrieve`, `cancel`, `delete`, `events`, `waitFor`)
 * and fine-tuned models (`deleteModel`) over `ZaiClient`.
 *
 * These endpoints come from the legacy bigmodel surface (`open.bigmodel.cn`, the `zhipuai` v4 SDKs); they may not
 * exist on `api.z.ai`.
 *
 * Every input is validated first (strictly, with errors that name the field: `InvalidRequestInput`), so a bad
 * request fails before anything is sent. Lists are `Stream`s that fetch their pages (cursor: `after` + `limit`)
 * lazily, as they are consumed.
 *
 * ```ts
 * const job = yield* FineTuning.use((ft) => ft.create({ model: "glm-4-flash", training_file: "file-abc" }))
 * ```
 *
 * @since 0.1.0
 */
import { FineTuning as Schemas, type InputValidation } from "@zai-kit/schema"
import { AsyncResult, Paging, Polling, type RequestOptions, ZaiClient, type ZaiError } from "@zai-kit/transport"
import { Context, type Duration, Effect, Layer, type Schedule, Stream } from "effect"

/**
 * Everything a fine-tuning call can fail with: a rejected input (before the wire) or a `ZaiError`.
 *
 * @since 0.1.0
 */
export type FineTuningError = InputValidation.InvalidRequestInput | ZaiError.ZaiError

/**
 * Options of `waitFor`.
 *
 * @since 0.1.0
 */
export interface WaitOptions {
  /** Delay between polls (default `Polling.defaultSchedule`: exponential from 1 s, capped at 10 s). */
  readonly schedule?: Schedule.Schedule<unknown, unknown> | undefined
  /** Overall limit (default `Polling.defaultTimeout`, 10 minutes); then `TimeoutError` with `kind: "poll"`. */
  readonly timeout?: Duration.Input | undefined
  /** Per-call overrides applied to every poll. */
  readonly requestOptions?: RequestOptions.RequestOptions | undefined
}

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** `POST /fine_tuning/jobs`: validates, sends, decodes the new `FineTuningJob`. */
  readonly create: (
    request: Schemas.CreateFineTuningJobRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.FineTuningJob, FineTuningError>
  /** `GET /fine_tuning/jobs`: every job (newest first), fetching pages of `limit` as the stream is read. */
  readonly list: (
    params?: Schemas.ListParams,
    options?: RequestOptions.RequestOptions
  ) => Stream.Stream<Schemas.FineTuningJob, FineTuningError>
  /** `GET /fine_tuning/jobs`: one page (`{ data, has_more }`). */
  readonly listPage: (
    params?: Schemas.ListParams,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.FineTuningJobList, FineTuningError>
  /** `GET /fine_tuning/jobs/{id}`: the job's current state. */
  readonly retrieve: (
    id: string,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.FineTuningJob, FineTuningError>
  /** `POST /fine_tuning/jobs/{id}/cancel`: cancels an unfinished job, returning it. */
  readonly cancel: (
    id: string,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.FineTuningJob, FineTuningError>
  /** `DELETE /fine_tuning/jobs/{id}`: deletes a job, returning it. */
  readonly delete: (
    id: string,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.FineTuningJob, FineTuningError>
  /** `GET /fine_tuning/jobs/{id}/events`: every event of a job (newest first), paged by cursor as the stream is read. */
  readonly events: (
    id: string,
    params?: Schemas.ListParams,
    options?: RequestOptions.RequestOptions
  ) => Stream.Stream<Schemas.FineTuningJobEvent, FineTuningError>
  /** `GET /fine_tuning/jobs/{id}/events`: one page (`{ data, has_more }`). */
  readonly eventsPage: (
    id: string,
    params?: Schemas.ListParams,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.FineTuningJobEventList, FineTuningError>
  /** `DELETE /fine_tuning/fine_tuned_models/{model}`: deletes a fine-tuned model (`delete_status`: `deleting` / `deleted`). */
  readonly deleteModel: (
    model: string,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.FineTunedModelDeleted, FineTuningError>
  /**
   * Polls `GET /fine_tuning/jobs/{id}` until the job is `succeeded` or `cancelled` (returning it); `failed` fails
   * with `TaskFailedError` (carrying the job's error code and message, and the job as `result`), running out of
   * time with `TimeoutError` (`kind: "poll"`).
   */
  readonly waitFor: (id: string, options?: WaitOptions) => Effect.Effect<Schemas.FineTuningJob, FineTuningError>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class FineTuning extends Context.Service<FineTuning, Service>()("@zai-kit/fine-tuning/FineTuning") {
  /**
   * The service on the `ZaiClient` of the context.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<FineTuning, never, ZaiClient.ZaiClient> = Layer.effect(
    FineTuning,
    Effect.gen(function*() {
      const client = yield* ZaiClient.ZaiClient
      return make(client)
    })
  )
}

/**
 * Whether a job is finished successfully for `waitFor`: `succeeded` or `cancelled`.
 *
 * @since 0.1.0
 */
export const isSettled = (job: Schemas.FineTuningJob): boolean => job.status === "succeeded" || job.status === "cancelled"

/**
 * Whether a job has failed.
 *
 * @since 0.1.0
 */
export const isFailed = (job: Schemas.FineTuningJob): boolean => job.status === "failed"

// A failed job's own error (`error: { code, message }`) added to the `TaskFailedError`.
const withJobError = (error: ZaiError.TaskFailedError): ZaiError.TaskFailedError => {
  const result = error.result
  const hasJobError =
    typeof result === "object" && result !== null && "error" in result && typeof result.error === "object" && result.error !== null
  return hasJobError ? AsyncResult.withReportedError(error, AsyncResult.reportedErrorOf(result)) : error
}

// a transport cursor as list parameters (absent keys left out)
const cursorParams = (cursor: Paging.Cursor): Schemas.ListParams => ({
  ...(cursor.after === undefined ? {} : { after: cursor.after }),
  ...(cursor.limit === undefined ? {} : { limit: cursor.limit })
})

const jobPath = (id: string) => `/fine_tuning/jobs/${encodeURIComponent(id)}`

/**
 * Builds the service on a client.
 *
 * @since 0.1.0
 */
export const make = (client: ZaiClient.Service): Service => {
  const create = Effect.fn("FineTuning.create")(function*(
    request: Schemas.CreateFineTuningJobRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* Schemas.validateCreateJobRequest(request)
    return yield* client.json(
      { method: "POST", path: "/fine_tuning/jobs", operation: "fine_tuning.jobs.create", body: { _tag: "Json", value: valid }, options },
      Schemas.FineTuningJob
    )
  })

  const listPage = Effect.fn("FineTuning.listPage")(function*(
    params?: Schemas.ListParams,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* Schemas.validateListParams(params ?? {})
    return yield* client.json(
      { method: "GET", path: "/fine_tuning/jobs", operation: "fine_tuning.jobs.list", query: { ...valid }, options },
      Schemas.FineTuningJobList
    )
  })

  const list = (
    params?: Schemas.ListParams,
    options?: RequestOptions.RequestOptions
  ): Stream.Stream<Schemas.FineTuningJob, FineTuningError> =>
    Stream.unwrap(
      Effect.map(Schemas.validateListParams(params ?? {}), (valid) =>
        Paging.cursorPages({
          fetch: (cursor) => Effect.map(listPage(cursorParams(cursor), options), (page) => ({ data: page.data ?? [], has_more: page.has_more })),
          limit: valid.limit,
          after: valid.after
        })
      )
    )

  const byId = (name: string, method: "GET" | "POST" | "DELETE", suffix: string, operation: string) =>
    Effect.fn(name)(function*(id: string, options?: RequestOptions.RequestOptions) {
      const valid = yield* Schemas.validateJobId({ id })
      return yield* client.json({ method, path: `${jobPath(valid.id)}${suffix}`, operation, options }, Schemas.FineTuningJob)
    })

  const retrieve = byId("FineTuning.retrieve", "GET", "", "fine_tuning.jobs.retrieve")
  const cancel = byId("FineTuning.cancel", "POST", "/cancel", "fine_tuning.jobs.cancel")
  const remove = byId("FineTuning.delete", "DELETE", "", "fine_tuning.jobs.delete")

  const eventsPage = Effect.fn("FineTuning.eventsPage")(function*(
    id: string,
    params?: Schemas.ListParams,
    options?: RequestOptions.RequestOptions
  ) {
    const validId = yield* Schemas.validateJobId({ id })
    const valid = yield* Schemas.validateListParams(params ?? {})
    return yield* client.json(
      {
        method: "GET",
        path: `${jobPath(validId.id)}/events`,
        operation: "fine_tuning.jobs.events",
        query: { ...valid },
        options
      },
      Schemas.FineTuningJobEventList
    )
  })

  const events = (
    id: string,
    params?: Schemas.ListParams,
    options?: RequestOptions.RequestOptions
  ): Stream.Stream<Schemas.FineTuningJobEvent, FineTuningError> =>
    Stream.unwrap(
      Effect.gen(function*() {
        yield* Schemas.validateJobId({ id })
        const valid = yield* Schemas.validateListParams(params ?? {})
        return Paging.cursorPages({
          fetch: (cursor) =>
            Effect.map(eventsPage(id, cursorParams(cursor), options), (page) => ({ data: page.data ?? [], has_more: page.has_more })),
          limit: valid.limit,
          after: valid.after,
          idOf: (event) => event.id ?? undefined
        })
      })
    )

  const deleteModel = Effect.fn("FineTuning.deleteModel")(function*(model: string, options?: RequestOptions.RequestOptions) {
    const valid = yield* Schemas.validateFineTunedModel({ model })
    return yield* client.json(
      {
        method: "DELETE",
        path: `/fine_tuning/fine_tuned_models/${encodeURIComponent(valid.model)}`,
        operation: "fine_tuning.models.delete",
        options
      },
      Schemas.FineTunedModelDeleted
    )
  })

  const waitFor = Effect.fn("FineTuning.waitFor")(function*(id: string, options?: WaitOptions) {
    yield* Schemas.validateJobId({ id })
    return yield* Polling.pollUntilDone({
      poll: retrieve(id, options?.requestOptions),
      isDone: isSettled,
      isFailed,
      schedule: options?.schedule,
      timeout: options?.timeout,
      taskId: id,
      status: (job) => job.status ?? undefined
    }).pipe(Effect.catchTag("TaskFailedError", (error) => Effect.fail(withJobError(error))))
  })

  return FineTuning.of({
    create,
    list,
    listPage,
    retrieve,
    cancel,
    delete: remove,
    events,
    eventsPage,
    deleteModel,
    waitFor
  })
}
