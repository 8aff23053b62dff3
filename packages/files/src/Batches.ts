/**
 * The `Batches` service: `POST /batches` (run a JSONL file of requests at half price, within a completion window),
 * retrieval, listing as a self-paging `Stream`, cancellation, and `waitFor`, which polls until the batch is done.
 *
 * Every input is validated first (strictly, with errors naming the field: `InvalidRequestInput`), so a bad request
 * fails before anything is sent. Build the input file with `BatchJsonl`, or run everything with `BatchJsonl.runBatch`.
 *
 * @since 0.1.0
 */
import { Batches as BatchSchemas, type InputValidation } from "@zai-kit/schema"
import { AsyncResult, Polling, type RequestOptions, ZaiClient, type ZaiError } from "@zai-kit/transport"
import { Context, Duration, Effect, Layer, Schedule, Schema, type Stream } from "effect"
import { cursorList } from "./internal/cursorList.js"

/**
 * Everything a batches call can fail with: a rejected input (before the wire) or a `ZaiError` (a batch that ends
 * `failed`, `expired` or `cancelled` while waiting: `TaskFailedError`).
 *
 * @since 0.1.0
 */
export type BatchesError = InputValidation.InvalidRequestInput | ZaiError.ZaiError

/**
 * The default delay between polls of `waitFor`: exponential from 2 s, capped at 60 s.
 *
 * @since 0.1.0
 */
export const defaultSchedule: Schedule.Schedule<Duration.Duration> = Schedule.min([
  Schedule.exponential("2 seconds"),
  Schedule.spaced("60 seconds")
])

/**
 * The default overall limit of `waitFor`: 24 hours (the usual completion window).
 *
 * @since 0.1.0
 */
export const defaultTimeout: Duration.Duration = Duration.hours(24)

/**
 * Options of `waitFor`.
 *
 * @since 0.1.0
 */
export interface WaitOptions {
  /** Delay between polls (default `defaultSchedule`: exponential from 2 s, capped at 60 s). */
  readonly schedule?: Schedule.Schedule<unknown, unknown> | undefined
  /** Overall limit (default `defaultTimeout`, 24 hours); then `TimeoutError` with `kind: "poll"`. */
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
  /** `POST /batches`: starts a batch over an uploaded JSONL file (purpose `batch`). */
  readonly create: (
    request: BatchSchemas.BatchCreateRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<BatchSchemas.Batch, BatchesError>
  /** `GET /batches/{batch_id}`: the batch's current state. */
  readonly retrieve: (
    batchId: string,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<BatchSchemas.Batch, BatchesError>
  /** `GET /batches`, every page: a `Stream` of batches that fetches the next page (`after` = last id) as it is read. */
  readonly list: (
    query?: BatchSchemas.BatchListQuery,
    options?: RequestOptions.RequestOptions
  ) => Stream.Stream<BatchSchemas.Batch, BatchesError>
  /** `GET /batches`: one page (`{ object, data, first_id, last_id, has_more }`). */
  readonly listPage: (
    query?: BatchSchemas.BatchListQuery,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<BatchSchemas.BatchList, BatchesError>
  /** `POST /batches/{batch_id}/cancel`: asks to cancel (the batch goes `cancelling`, then `cancelled`). */
  readonly cancel: (
    batchId: string,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<BatchSchemas.Batch, BatchesError>
  /**
   * Polls `GET /batches/{batch_id}` until `completed` (returning the batch); `failed`, `expired` or `cancelled` fail
   * with `TaskFailedError` (`taskStatus`, the batch as `result`, its first error's code and message), running out of
   * time with `TimeoutError` (`kind: "poll"`).
   */
  readonly waitFor: (batchId: string, options?: WaitOptions) => Effect.Effect<BatchSchemas.Batch, BatchesError>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Batches extends Context.Service<Batches, Service>()("@zai-kit/files/Batches") {
  /**
   * The service on the `ZaiClient` of the context.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<Batches, never, ZaiClient.ZaiClient> = Layer.effect(
    Batches,
    Effect.gen(function*() {
      const client = yield* ZaiClient.ZaiClient
      return make(client)
    })
  )
}

const batchPath = (batchId: string, suffix = ""): Effect.Effect<string, InputValidation.InvalidRequestInput> =>
  Effect.map(
    BatchSchemas.validateBatchId({ batch_id: batchId }),
    ({ batch_id }) => `/batches/${encodeURIComponent(batch_id)}${suffix}`
  )

const describeErrors = (batch: BatchSchemas.Batch): { readonly code?: string; readonly text?: string } => {
  const first = batch.errors?.data?.find((error) => error.message !== undefined && error.message !== null)
  if (first === undefined) return {}
  const code = first.code === undefined || first.code === null ? undefined : String(first.code)
  const line = typeof first.line === "number" ? ` (line ${first.line})` : ""
  const count = batch.errors?.data?.length ?? 0
  const more = count > 1 ? ` and ${count - 1} more error${count > 2 ? "s" : ""}` : ""
  return { ...(code === undefined ? {} : { code }), text: `${first.message ?? ""}${line}${more}` }
}

const isBatch = Schema.is(BatchSchemas.Batch)

// A failed batch's own errors (`errors.data`) added to the `TaskFailedError`.
const withBatchErrors = (error: ZaiError.TaskFailedError): ZaiError.TaskFailedError => {
  if (!isBatch(error.result)) return error
  const { code, text } = describeErrors(error.result)
  return AsyncResult.withReportedError(error, { code, message: text })
}

/**
 * Builds the service on a client.
 *
 * @since 0.1.0
 */
export const make = (client: ZaiClient.Service): Service => {
  const create = Effect.fn("Batches.create")(function*(
    request: BatchSchemas.BatchCreateRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* BatchSchemas.validateCreateRequest(request)
    return yield* client.json(
      { method: "POST", path: "/batches", operation: "batches.create", body: { _tag: "Json", value: valid }, options },
      BatchSchemas.Batch
    )
  })

  const retrieve = Effect.fn("Batches.retrieve")(function*(batchId: string, options?: RequestOptions.RequestOptions) {
    const path = yield* batchPath(batchId)
    return yield* client.json({ method: "GET", path, operation: "batches.retrieve", options }, BatchSchemas.Batch)
  })

  const fetchPage = (query: ZaiClient.ZaiRequest["query"], options: RequestOptions.RequestOptions | undefined) =>
    client.json({ method: "GET", path: "/batches", operation: "batches.list", query, options }, BatchSchemas.BatchList)

  const listPage = Effect.fn("Batches.listPage")(function*(
    query?: BatchSchemas.BatchListQuery,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* BatchSchemas.validateListQuery(query ?? {})
    return yield* fetchPage(valid, options)
  })

  const list = (
    query?: BatchSchemas.BatchListQuery,
    options?: RequestOptions.RequestOptions
  ): Stream.Stream<BatchSchemas.Batch, BatchesError> =>
    cursorList(BatchSchemas.validateListQuery(query ?? {}), (page) => fetchPage(page, options))

  const cancel = Effect.fn("Batches.cancel")(function*(batchId: string, options?: RequestOptions.RequestOptions) {
    const path = yield* batchPath(batchId, "/cancel")
    return yield* client.json({ method: "POST", path, operation: "batches.cancel", options }, BatchSchemas.Batch)
  })

  const waitFor = Effect.fn("Batches.waitFor")(function*(batchId: string, options?: WaitOptions) {
    yield* batchPath(batchId)
    return yield* Polling.pollUntilDone({
      poll: retrieve(batchId, options?.requestOptions),
      isDone: (batch) => batch.status === "completed",
      isFailed: (batch) => BatchSchemas.isFailedStatus(batch.status),
      schedule: options?.schedule ?? defaultSchedule,
      timeout: options?.timeout ?? defaultTimeout,
      taskId: batchId,
      status: (batch) => batch.status ?? undefined
    }).pipe(Effect.catchTag("TaskFailedError", (error) => Effect.fail(withBatchErrors(error))))
  })

  return Batches.of({ create, retrieve, list, listPage, cancel, waitFor })
}
