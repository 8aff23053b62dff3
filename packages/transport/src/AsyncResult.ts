/**
 * `GET /async-result/{id}`, the API-wide result endpoint of async tasks (async chat, images, videos): task-id checks,
 * one retrieve decoded through the caller's schema, and polling until `task_status` is `SUCCESS`, a `FAIL` failing
 * with a `TaskFailedError` that carries the task's own error code and message.
 *
 * @since 0.1.0
 */
import { InputValidation } from "@zai-kit/schema"
import { type Duration, Effect, type Schedule, type Schema } from "effect"
import * as Polling from "./Polling.js"
import type * as RequestOptions from "./RequestOptions.js"
import type * as ZaiClient from "./ZaiClient.js"
import { TaskFailedError, type ZaiError } from "./ZaiError.js"

/**
 * Options of a wait.
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
 * Whether `id` can go into the path as a task id: 1–256 characters, no whitespace, no `/ ? # %`, not `.` or `..`.
 *
 * @since 0.1.0
 */
export const isTaskId = (id: string): boolean => /^[^\s/?#%]{1,256}$/.test(id) && id !== "." && id !== ".."

/**
 * Fails with `InvalidRequestInput` (subject `task id`, path `id`) when `id` cannot be a task id.
 *
 * @since 0.1.0
 */
export const checkTaskId = (id: string): Effect.Effect<void, InputValidation.InvalidRequestInput> => {
  if (isTaskId(id)) return Effect.void
  const issues = [{ path: "id", message: `expected a task id (1–256 characters, no whitespace, /, ?, # or %), got ${JSON.stringify(id)}` }]
  return Effect.fail(
    new InputValidation.InvalidRequestInput({ subject: "task id", issues, message: InputValidation.formatIssues("task id", issues) })
  )
}

/**
 * An error a task reports about itself.
 *
 * @since 0.1.0
 */
export interface ReportedError {
  readonly code?: string | undefined
  readonly message?: string | undefined
}

/**
 * The `error` field of a polled result (`{ code, message }` or a string), if it has one.
 *
 * @since 0.1.0
 */
export const reportedErrorOf = (result: unknown): ReportedError | undefined => {
  if (typeof result !== "object" || result === null || !("error" in result)) return undefined
  const error = result.error
  if (typeof error === "string") return { message: error }
  if (typeof error !== "object" || error === null) return undefined
  const code = "code" in error && (typeof error.code === "string" || typeof error.code === "number") ? String(error.code) : undefined
  const message = "message" in error && typeof error.message === "string" ? error.message : undefined
  return code === undefined && message === undefined ? undefined : { code, message }
}

/**
 * A `TaskFailedError` with the task's own error added: its message appended, its code as `code` (and as a `[code]`
 * prefix) when the error had none.
 *
 * @since 0.1.0
 */
export const withReportedError = (error: TaskFailedError, reported: ReportedError | undefined): TaskFailedError => {
  if (reported === undefined || (reported.code === undefined && reported.message === undefined)) return error
  const text = `${error.message}${reported.message === undefined ? "" : `: ${reported.message}`}`
  return new TaskFailedError({
    ...error,
    message: reported.code === undefined || error.code !== undefined ? text : `[${reported.code}] ${text}`,
    ...(error.code === undefined && reported.code !== undefined ? { code: reported.code } : {})
  })
}

/**
 * `GET /async-result/{id}` decoded through `schema` (the task id checked first, nothing sent when it is bad).
 *
 * @since 0.1.0
 */
export const retrieve = <S extends Schema.Decoder<unknown>>(
  client: ZaiClient.Service,
  schema: S,
  operation: string,
  id: string,
  options?: RequestOptions.RequestOptions | undefined
): Effect.Effect<S["Type"], InputValidation.InvalidRequestInput | ZaiError> =>
  Effect.andThen(
    checkTaskId(id),
    client.json({ method: "GET", path: `/async-result/${encodeURIComponent(id)}`, operation, options }, schema)
  )

/**
 * Runs `poll` (usually {@link retrieve}) until `task_status` is `SUCCESS` and returns that result. `FAIL` fails with
 * `TaskFailedError` (`taskId`, `taskStatus`, the last result, and the task's own error code and message); the
 * schedule and timeout are those of `Polling.pollUntilDone`.
 *
 * @since 0.1.0
 */
export const waitFor = <A extends { readonly task_status?: string | null | undefined }>(
  id: string,
  poll: Effect.Effect<A, InputValidation.InvalidRequestInput | ZaiError>,
  options?: WaitOptions | undefined
): Effect.Effect<A, InputValidation.InvalidRequestInput | ZaiError> =>
  Effect.andThen(
    checkTaskId(id),
    Polling.pollUntilDone({
      poll,
      isDone: (result) => result.task_status === "SUCCESS",
      isFailed: (result) => result.task_status === "FAIL",
      schedule: options?.schedule,
      timeout: options?.timeout,
      taskId: id,
      status: (result) => result.task_status ?? undefined
    }).pipe(Effect.catchTag("TaskFailedError", (error) => Effect.fail(withReportedError(error, reportedErrorOf(error.result)))))
  )
