/**
 * Default retry policies of the steps. The client already retries each HTTP call (rate limits, 5xx, resets); a
 * step retry covers what is left over after those (a timeout of the whole step, a retryable error that outlasted
 * the client's retries). Only errors with `isRetryable: true` are retried.
 * @internal
 */
import { Schedule } from "effect"

/** Two more attempts, 2 s then 4 s later. */
export const apiRetry = Schedule.exponential("2 seconds").pipe(Schedule.upTo({ times: 2 }))

/** One more attempt after 5 s (long-running jobs: slides, videos, document parsing). */
export const longRetry = Schedule.spaced("5 seconds").pipe(Schedule.upTo({ times: 1 }))
