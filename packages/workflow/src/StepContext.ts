/**
 * What a running step can tell the run it belongs to: progress and token usage.
 *
 * A step reads `StepContext` (a reference with a no-op default, so steps also run outside a
 * pipeline) and reports through it; the run turns the reports into `StepProgress` events and sums
 * the usage per step and per run.
 *
 * @since 0.1.0
 */
import { Context, Effect } from "effect"

/** Token usage reported by a step (summed per step and per run). */
export interface Usage {
  readonly inputTokens: number
  readonly outputTokens: number
}

/** A progress report: a message, a fraction in [0, 1], or both. */
export interface Progress {
  readonly message?: string | undefined
  readonly fraction?: number | undefined
}

/** The service a step sees while it runs. */
export interface Service {
  /** Path of the step in the run (`search`, `read#3`, `loop@2/summarize`). */
  readonly step: string
  /** The attempt number, from 1. */
  readonly attempt: number
  /** Report progress (emits a `StepProgress` event). */
  readonly progress: (progress: Progress) => Effect.Effect<void>
  /** Report token usage (added to the step's and the run's totals). */
  readonly usage: (usage: Usage) => Effect.Effect<void>
}

/** The current step's context; outside a pipeline run, reports go nowhere. */
export const StepContext = Context.Reference<Service>("@zai-kit/workflow/StepContext", {
  defaultValue: () => ({
    step: "",
    attempt: 1,
    progress: () => Effect.void,
    usage: () => Effect.void
  })
})

/** Report progress from inside a step. */
export const progress = (report: Progress | string): Effect.Effect<void> =>
  StepContext.use((ctx) => ctx.progress(typeof report === "string" ? { message: report } : report))

/** Report token usage from inside a step. */
export const reportUsage = (usage: Usage): Effect.Effect<void> =>
  StepContext.use((ctx) => ctx.usage(usage))

/** A zero usage. */
export const emptyUsage: Usage = { inputTokens: 0, outputTokens: 0 }

/** Add two usages. */
export const addUsage = (a: Usage, b: Usage): Usage => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens
})
