/**
 * `@zai-kit/workflow`: typed pipelines over Effect — steps, combinators, spec files and runs on
 * `effect/workflow`.
 *
 * @since 0.1.0
 */

/** Engines for runs: in memory, durable on SQLite, or shared by several runners on PostgreSQL. */
export * as DurableEngine from "./DurableEngine.js"
/** Typed pipelines and their runs. */
export * as Pipeline from "./Pipeline.js"
/** Errors a pipeline adds to its steps' errors, and the retryability convention. */
export * as PipelineError from "./PipelineError.js"
/** Typed run events. */
export * as RunEvent from "./RunEvent.js"
/** List, inspect, watch, cancel and resume the runs of a `RunStore`. */
export * as Runs from "./Runs.js"
/** The durable record of runs: status, step states, outputs, usage and the event log (memory or SQL). */
export * as RunStore from "./RunStore.js"
/** Spec files (YAML/JSON) compiled into pipelines; dry-run validation and Mermaid graphs. */
export * as Spec from "./Spec.js"
/** Steps: typed units of work with policies. */
export * as Step from "./Step.js"
/** The cache of step outputs. */
export * as StepCache from "./StepCache.js"
/** What a running step reports: progress and usage. */
export * as StepContext from "./StepContext.js"
