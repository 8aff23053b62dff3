/**
 * The typed events of a pipeline run, as a Schema (so a server can send them as JSON).
 *
 * Every event carries the run id and `at` (epoch milliseconds on the Effect clock). Step events
 * carry the step path (`read#2`, `refine@3/critique`) and the step kind (the `Step`'s name).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Token usage, summed per step and per run. */
export const Usage = Schema.Struct({ inputTokens: Schema.Number, outputTokens: Schema.Number })

/** The run was submitted to the engine. */
export const RunStarted = Schema.TaggedStruct("RunStarted", {
  runId: Schema.String,
  pipeline: Schema.String,
  at: Schema.Number
})

/** A step began its first attempt. */
export const StepStarted = Schema.TaggedStruct("StepStarted", {
  runId: Schema.String,
  step: Schema.String,
  kind: Schema.String,
  at: Schema.Number
})

/** A step reported progress through `StepContext`. */
export const StepProgress = Schema.TaggedStruct("StepProgress", {
  runId: Schema.String,
  step: Schema.String,
  kind: Schema.String,
  message: Schema.optional(Schema.String),
  fraction: Schema.optional(Schema.Number),
  at: Schema.Number
})

/** A step attempt failed with a retryable error; the next attempt starts after `delayMillis`. */
export const StepRetried = Schema.TaggedStruct("StepRetried", {
  runId: Schema.String,
  step: Schema.String,
  kind: Schema.String,
  attempt: Schema.Number,
  delayMillis: Schema.Number,
  error: Schema.String,
  at: Schema.Number
})

/** A step succeeded. */
export const StepSucceeded = Schema.TaggedStruct("StepSucceeded", {
  runId: Schema.String,
  step: Schema.String,
  kind: Schema.String,
  attempts: Schema.Number,
  durationMillis: Schema.Number,
  usage: Usage,
  at: Schema.Number
})

/** A step failed for good (after its retries). */
export const StepFailed = Schema.TaggedStruct("StepFailed", {
  runId: Schema.String,
  step: Schema.String,
  kind: Schema.String,
  attempts: Schema.Number,
  durationMillis: Schema.Number,
  usage: Usage,
  error: Schema.String,
  at: Schema.Number
})

/** A step's output came from the `StepCache`; the step did not run. */
export const StepCached = Schema.TaggedStruct("StepCached", {
  runId: Schema.String,
  step: Schema.String,
  kind: Schema.String,
  key: Schema.String,
  at: Schema.Number
})

/** The run ended: succeeded, failed or cancelled, with its duration and total usage. */
export const RunFinished = Schema.TaggedStruct("RunFinished", {
  runId: Schema.String,
  pipeline: Schema.String,
  status: Schema.Literals(["succeeded", "failed", "cancelled"]),
  durationMillis: Schema.Number,
  usage: Usage,
  error: Schema.optional(Schema.String),
  at: Schema.Number
})

/** Any run event. */
export const RunEvent = Schema.Union([
  RunStarted,
  StepStarted,
  StepProgress,
  StepRetried,
  StepSucceeded,
  StepFailed,
  StepCached,
  RunFinished
])

/** Any run event (type). */
export type RunEvent = typeof RunEvent.Type
