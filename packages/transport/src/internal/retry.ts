import { Cause, Duration, Effect, Random, Schedule } from "effect"
import type { ZaiError } from "../ZaiError.js"

/** Longest server-requested delay that is honoured; above it the normal backoff applies. */
export const maxRetryAfter = Duration.seconds(60)

/** `min(0.5 s · 2^n, 8 s) × (1 − 0.25 · random)` for the n-th retry (n from 0), as openai-node and anthropic do. */
export const backoffMillis = (retry: number, random: number): number =>
  Math.min(500 * 2 ** retry, 8000) * (1 - 0.25 * random)

/** The delay before the next attempt: the server's `retryAfter` when 0–60 s, else the jittered backoff. */
export const delayFor = (error: ZaiError, retry: number): Effect.Effect<Duration.Duration> => {
  const retryAfter = error.retryAfter
  if (retryAfter !== undefined && Duration.isLessThanOrEqualTo(retryAfter, maxRetryAfter)) {
    return Effect.succeed(retryAfter)
  }
  return Effect.map(Random.next, (random) => Duration.millis(backoffMillis(retry, random)))
}

/**
 * The retry policy: stops after `maxRetries` retries or at the first error that is not retryable;
 * waits `delayFor` in between and logs every retry at debug level (never any header).
 */
export const schedule = (maxRetries: number, operation: string): Schedule.Schedule<Duration.Duration, ZaiError> =>
  Schedule.fromStepWithMetadata(
    Effect.succeed((meta: Schedule.InputMetadata<ZaiError>) => {
      const error = meta.input
      if (meta.attempt > maxRetries || !error.isRetryable) return Cause.done(Duration.zero)
      return Effect.flatMap(delayFor(error, meta.attempt - 1), (delay) =>
        Effect.as(
          Effect.logDebug("zai-kit: retrying").pipe(
            Effect.annotateLogs({
              operation,
              error: error._tag,
              status: "status" in error && error.status !== undefined ? error.status : "none",
              code: "code" in error && error.code !== undefined ? error.code : "none",
              attempt: meta.attempt,
              delayMillis: Duration.toMillis(delay)
            })
          ),
          [delay, delay] as [Duration.Duration, Duration.Duration]
        )
      )
    })
  )
