/**
 * The errors a pipeline adds to those of its steps, and the retryability convention.
 *
 * @since 0.1.0
 */
import { Predicate, Schema } from "effect"

/** A step attempt ran longer than the step's `timeout`. Retryable: a retry policy may try again. */
export class StepTimeoutError extends Schema.TaggedError<StepTimeoutError>()("StepTimeoutError", {
  step: Schema.String,
  timeoutMillis: Schema.Number
}) {
  /** Timeouts are worth retrying (a slow upstream often answers on the next attempt). */
  readonly isRetryable = true
  override get message(): string {
    return `step "${this.step}" timed out after ${this.timeoutMillis} ms`
  }
}

/** A `loop` did not meet its condition within `maxIterations`. */
export class LoopLimitError extends Schema.TaggedError<LoopLimitError>()("LoopLimitError", {
  loop: Schema.String,
  maxIterations: Schema.Number
}) {
  /** Running the same loop again gives the same answer. */
  readonly isRetryable = false
  override get message(): string {
    return `loop "${this.loop}" did not finish within ${this.maxIterations} iterations`
  }
}

/** The run was cancelled (`RunHandle.cancel`) before it finished. */
export class RunCancelledError extends Schema.TaggedError<RunCancelledError>()("RunCancelledError", {
  runId: Schema.String
}) {
  override get message(): string {
    return `run ${this.runId} was cancelled`
  }
}

/** A step's input did not match its input schema (spec pipelines, whose inputs are built at run time). */
export class StepInputError extends Schema.TaggedError<StepInputError>()("StepInputError", {
  step: Schema.String,
  issue: Schema.String
}) {
  override get message(): string {
    return `step "${this.step}" got an invalid input: ${this.issue}`
  }
}

/**
 * A code pipeline was run with an input its input schema rejects (TypeScript prevents this; JavaScript callers and
 * casts do not). The run does not start; `RunHandle.result` dies with this error.
 */
export class PipelineInputError extends Schema.TaggedError<PipelineInputError>()("PipelineInputError", {
  pipeline: Schema.String,
  issue: Schema.String
}) {
  override get message(): string {
    return `pipeline "${this.pipeline}" got an invalid input: ${this.issue}`
  }
}

/** What `RunHandle.result` can fail with: the pipeline's own errors, or cancellation. */
export type PipelineError<E> = E | RunCancelledError

/**
 * The retryability convention: an error is retryable when it carries `isRetryable: true`
 * (the SDK's `ZaiError`s do, as does `StepTimeoutError`). Retry policies apply to these by default.
 */
export const isRetryable = (error: unknown): boolean =>
  Predicate.hasProperty(error, "isRetryable") && error.isRetryable === true
