/**
 * Async-task plumbing shared by the operations of this package: task-id checks, `GET /async-result/{id}`, and polling
 * until done with the task's own error added to a `TaskFailedError`.
 * @internal
 */
import { InputValidation } from "@zai-kit/schema"
import { Polling, type RequestOptions, type ZaiClient, ZaiError } from "@zai-kit/transport"
import { type Duration, Effect, type Schedule, type Schema } from "effect"

/** Options of a wait. */
export interface WaitOptions {
  /** Delay between polls (default `Polling.defaultSchedule`: exponential from 1 s, capped at 10 s). */
  readonly schedule?: Schedule.Schedule<unknown, unknown> | undefined
  /** Overall limit (default `Polling.defaultTimeout`, 10 minutes); then `TimeoutError` with `kind: "poll"`. */
  readonly timeout?: Duration.Input | undefined
  /** Per-call overrides applied to every poll. */
  readonly requestOptions?: RequestOptions.RequestOptions | undefined
}

// A task id goes into the path: non-empty, no whitespace, no `/ ? # %`, not `.` or `..`.
const isTaskId = (id: string): boolean => /^[^\s/?#%]{1,256}$/.test(id) && id !== "." && id !== ".."

/** Fails with `InvalidRequestInput` when `id` cannot be a task id. */
export const checkId = (id: string): Effect.Effect<void, InputValidation.InvalidRequestInput> => {
  if (isTaskId(id)) return Effect.void
  const issues = [{ path: "id", message: `expected a task id (1–256 characters, no whitespace, /, ?, # or %), got ${JSON.stringify(id)}` }]
  return Effect.fail(new InputValidation.InvalidRequestInput({ subject: "task id", issues, message: InputValidation.formatIssues("task id", issues) }))
}

const payloadErrorOf = (result: unknown): { readonly code?: string; readonly message?: string } => {
  if (typeof result !== "object" || result === null || !("error" in result)) return {}
  const error = result.error
  if (typeof error === "string") return { message: error }
  if (typeof error !== "object" || error === null) return {}
  const code = "code" in error && (typeof error.code === "string" || typeof error.code === "number") ? String(error.code) : undefined
  const message = "message" in error && typeof error.message === "string" ? error.message : undefined
  return { ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) }
}

/** A failed task's own error (`{ error: { code, message } }` on the last poll) added to the `TaskFailedError`. */
const withTaskError = (error: ZaiError.TaskFailedError): ZaiError.TaskFailedError => {
  const reported = payloadErrorOf(error.result)
  if (reported.code === undefined && reported.message === undefined) return error
  const text = `${error.message}${reported.message === undefined ? "" : `: ${reported.message}`}`
  return new ZaiError.TaskFailedError({
    ...error,
    message: reported.code === undefined || error.code !== undefined ? text : `[${reported.code}] ${text}`,
    ...(error.code === undefined && reported.code !== undefined ? { code: reported.code } : {})
  })
}

/** `GET /async-result/{id}` decoded through `schema`. */
export const retrieve = <S extends Schema.Decoder<unknown>>(
  client: ZaiClient.Service,
  schema: S,
  operation: string,
  id: string,
  options: RequestOptions.RequestOptions | undefined
): Effect.Effect<S["Type"], InputValidation.InvalidRequestInput | ZaiError.ZaiError> =>
  Effect.andThen(
    checkId(id),
    client.json({ method: "GET", path: `/async-result/${encodeURIComponent(id)}`, operation, options }, schema)
  )

/** Polls until `SUCCESS`; `FAIL` fails with `TaskFailedError` (with the task's code and message). */
export const waitFor = <A extends { readonly task_status?: string | null | undefined }>(
  id: string,
  poll: Effect.Effect<A, InputValidation.InvalidRequestInput | ZaiError.ZaiError>,
  options: WaitOptions | undefined
): Effect.Effect<A, InputValidation.InvalidRequestInput | ZaiError.ZaiError> =>
  Effect.andThen(
    checkId(id),
    Polling.pollUntilDone({
      poll,
      isDone: (result) => result.task_status === "SUCCESS",
      isFailed: (result) => result.task_status === "FAIL",
      schedule: options?.schedule,
      timeout: options?.timeout,
      taskId: id,
      status: (result) => result.task_status ?? undefined
    }).pipe(Effect.catchTag("TaskFailedError", (error) => Effect.fail(withTaskError(error))))
  )
