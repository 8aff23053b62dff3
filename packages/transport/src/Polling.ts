/**
 * Polling of asynchronous tasks (async chat, images, videos, agents, batches) until they finish.
 *
 * @since 0.1.0
 */
import { Duration, Effect, Schedule } from "effect"
import { formatMessage, TaskFailedError, TimeoutError } from "./ZaiError.js"

/**
 * The default delay between polls: exponential from 1 s, capped at 10 s.
 *
 * @since 0.1.0
 */
export const defaultSchedule: Schedule.Schedule<Duration.Duration> = Schedule.min([
  Schedule.exponential("1 second"),
  Schedule.spaced("10 seconds")
])

/**
 * The default overall limit: 10 minutes.
 *
 * @since 0.1.0
 */
export const defaultTimeout: Duration.Duration = Duration.minutes(10)

/**
 * What to poll and how to read its answer.
 *
 * @since 0.1.0
 */
export interface PollOptions<A, E, R> {
  /** One poll (e.g. `GET /async-result/{id}`). */
  readonly poll: Effect.Effect<A, E, R>
  /** Whether the task has finished successfully. */
  readonly isDone: (value: A) => boolean
  /** Whether the task has failed (e.g. `task_status === "FAIL"`); it then fails with `TaskFailedError`. */
  readonly isFailed?: ((value: A) => boolean) | undefined
  /** Delay between polls (`defaultSchedule`); when it ends before the task does, the call times out. */
  readonly schedule?: Schedule.Schedule<unknown, unknown, never, never> | undefined
  /** Overall limit (`defaultTimeout`), failing with `TimeoutError` kind `poll`. */
  readonly timeout?: Duration.Input | undefined
  /** Task id, reported on errors. */
  readonly taskId?: string | undefined
  /** Reads the status reported on a `TaskFailedError` (e.g. `value.task_status`). */
  readonly status?: ((value: A) => string | undefined) | undefined
}

/**
 * Polls until `isDone` or `isFailed` holds, waiting by `schedule` between polls, within `timeout`.
 *
 * @since 0.1.0
 */
export const pollUntilDone = <A, E, R>(
  options: PollOptions<A, E, R>
): Effect.Effect<A, E | TaskFailedError | TimeoutError, R> => {
  const isFailed = options.isFailed ?? (() => false)
  const timeout = Duration.fromInputUnsafe(options.timeout ?? defaultTimeout)
  const idText = options.taskId !== undefined ? ` ${options.taskId}` : ""
  const timedOut = () =>
    new TimeoutError({
      message: formatMessage({ text: `Task${idText} did not finish within ${Duration.format(timeout)}`, attempts: 0 }),
      kind: "poll",
      timeout,
      isRetryable: false,
      attempts: 0
    })
  return options.poll.pipe(
    Effect.repeat({
      schedule: options.schedule ?? defaultSchedule,
      until: (value: A) => options.isDone(value) || isFailed(value)
    }),
    Effect.timeoutOrElse({ duration: timeout, orElse: () => Effect.fail(timedOut()) }),
    Effect.flatMap((value): Effect.Effect<A, TaskFailedError | TimeoutError> => {
      if (isFailed(value)) {
        const status = options.status?.(value)
        return Effect.fail(
          new TaskFailedError({
            message: formatMessage({
              text: `Task${idText} failed${status !== undefined ? ` with status ${status}` : ""}`,
              attempts: 0
            }),
            isRetryable: false,
            attempts: 0,
            ...(options.taskId !== undefined ? { taskId: options.taskId } : {}),
            ...(status !== undefined ? { taskStatus: status } : {}),
            result: value
          })
        )
      }
      return options.isDone(value) ? Effect.succeed(value) : Effect.fail(timedOut())
    })
  )
}
