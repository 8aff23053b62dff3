/**
 * The `--poll-interval` and `--wait-timeout` flags of commands that wait for an asynchronous task.
 * @internal
 */
import { Duration, Effect, Schedule } from "effect"
import { Flag } from "effect/cli"
import { UsageError } from "../Errors.js"

/** Seconds between two polls of a task. */
export const pollInterval = Flag.Finite("poll-interval").pipe(
  Flag.withDescription("Seconds between two checks of the task"),
  Flag.withMetavar("SECONDS"),
  Flag.withDefault(2)
)

/** Seconds before waiting gives up. */
export const waitTimeout = Flag.Finite("wait-timeout").pipe(
  Flag.withDescription("Seconds before waiting gives up"),
  Flag.withMetavar("SECONDS"),
  Flag.withDefault(1800)
)

/** The schedule and timeout of a wait, checked. */
export const options = (
  interval: number,
  timeout: number
): Effect.Effect<{ readonly schedule: Schedule.Schedule<unknown, unknown>; readonly timeout: Duration.Duration }, UsageError> => {
  if (!(interval > 0)) return Effect.fail(new UsageError({ message: `--poll-interval must be a positive number of seconds, got ${interval}` }))
  if (!(timeout > 0)) return Effect.fail(new UsageError({ message: `--wait-timeout must be a positive number of seconds, got ${timeout}` }))
  return Effect.succeed({ schedule: Schedule.spaced(Duration.millis(interval * 1000)), timeout: Duration.millis(timeout * 1000) })
}
