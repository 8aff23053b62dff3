/**
 * Handles of asynchronous work in the Promise client: a submitted task (`zai.videos.generate(...)`,
 * `zai.images.generateAsync(...)`, `zai.chat.asyncCompletions.create(...)`, ...) carries its id, the submission's
 * answer, `retrieve()` for one look at its state and `wait()` to poll until it is done.
 *
 * ```ts
 * const task = await zai.videos.generate({ model: "cogvideox-3", prompt: "A cat" })
 * const result = await task.wait({ timeout: 5 * 60_000 })
 * console.log(result.video_result?.[0]?.url)
 * ```
 *
 * @since 0.1.0
 */
import type { RequestOptions } from "./RequestOptions.js"

/**
 * How `wait()` polls. Times in milliseconds.
 *
 * @since 0.1.0
 */
export interface WaitOptions {
  /** Fixed delay between polls (default: the service's backoff, from 1 s up to 10 s). */
  readonly pollInterval?: number | undefined
  /** Overall limit (default 10 minutes; batches 24 hours); then `TimeoutError` with `kind: "poll"`. */
  readonly timeout?: number | undefined
  /** Aborting it stops waiting; the promise rejects with `AbortError`. */
  readonly signal?: AbortSignal | undefined
  /** Options applied to every poll. */
  readonly requestOptions?: Omit<RequestOptions, "signal"> | undefined
}

/**
 * A submitted task.
 *
 * @since 0.1.0
 */
export interface Task<Submitted, Result> {
  /** The task id. */
  readonly id: string
  /** The answer to the submission. */
  readonly task: Submitted
  /** One look at the task's current state. */
  readonly retrieve: (options?: RequestOptions) => Promise<Result>
  /** Polls until the task succeeds (its final state), fails (`TaskFailedError`) or `timeout` runs out (`TimeoutError`). */
  readonly wait: (options?: WaitOptions) => Promise<Result>
}
