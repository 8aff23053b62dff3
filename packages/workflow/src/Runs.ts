/**
 * The runs a `RunStore` holds: list them, inspect one, watch its events (stored ones, then live ones),
 * cancel it, and, at the start of a process on a durable engine, resume the runs a crash left `running`.
 *
 * ```ts
 * const page = yield* Runs.list({ status: "running", limit: 20 })
 * const run = yield* Runs.inspect(page.runs[0].id) // status, step states and outputs, errors, usage
 * yield* Stream.runForEach(Runs.watch(run.id, { afterSeq: 3 }), ({ seq, event }) => Effect.log(seq, event._tag))
 * ```
 *
 * Every function uses the `RunStore` in the context.
 *
 * @since 0.1.0
 */
import { Clock, Duration, Effect, Option, PubSub, Schema, type Scope, Stream } from "effect"
import { WorkflowEngine } from "effect/workflow"
import * as Live from "./internal/live.js"
import { workflowNamed } from "./internal/workflowNamed.js"
import { describeError } from "./internal/interpret.js"
import * as Pipeline from "./Pipeline.js"
import type { RunEvent } from "./RunEvent.js"
import { RunQueryError, RunStore, RunStoreError, type ListOptions, type RunPage, type RunRecord, type RunSummary, type StoredEvent } from "./RunStore.js"

/** No run with this id in the store. */
export class RunNotFoundError extends Schema.TaggedError<RunNotFoundError>()("RunNotFoundError", {
  runId: Schema.String
}) {
  override get message(): string {
    return `no run with id ${this.runId}`
  }
}

/** A page of runs, newest first, optionally only those with a status or of a pipeline. */
export const list = (options?: ListOptions): Effect.Effect<RunPage, RunStoreError | RunQueryError> =>
  RunStore.use((store) => store.list(options))

/** A run with the state, output and error of each step, its output or error, and its usage. */
export const inspect = (runId: string): Effect.Effect<RunRecord, RunNotFoundError | RunStoreError> =>
  RunStore.use((store) =>
    Effect.flatMap(store.get(runId), (found) =>
      Option.isSome(found) ? Effect.succeed(found.value) : Effect.fail(new RunNotFoundError({ runId }))
    )
  )

/** Options of `watch`. */
export interface WatchOptions {
  /** Start after this sequence number (default 0: from the first event), e.g. an SSE `Last-Event-ID`. */
  readonly afterSeq?: number | undefined
  /**
   * How often to look at the store for events recorded by another process (default 500 ms). Events recorded
   * through the same store in this process arrive at once.
   */
  readonly pollInterval?: Duration.Input | undefined
}

/**
 * A run's events after `afterSeq` with their sequence numbers: the stored ones, then live ones as they are
 * recorded, ending after `RunFinished` (or when the run is final with nothing more to read).
 */
export const watch = (
  runId: string,
  options?: WatchOptions
): Stream.Stream<StoredEvent, RunNotFoundError | RunStoreError | RunQueryError> =>
  Stream.unwrap(
    Effect.gen(function* () {
      const store = yield* RunStore
      const afterSeq = options?.afterSeq ?? 0
      if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) {
        return yield* new RunQueryError({
          field: "afterSeq",
          message: `afterSeq must be a whole number from 0, got ${afterSeq}`
        })
      }
      const interval = Duration.fromInput(options?.pollInterval ?? "500 millis")
      if (Option.isNone(interval) || Duration.toMillis(interval.value) <= 0) {
        return yield* new RunQueryError({
          field: "pollInterval",
          message: `pollInterval must be a positive duration, got ${String(options?.pollInterval)}`
        })
      }
      const poll = interval.value
      // Subscribe before the first read, so no change between the read and the wait is missed.
      const changes = yield* PubSub.subscribe(store.changes)
      const found = yield* store.get(runId)
      if (Option.isNone(found)) return yield* new RunNotFoundError({ runId })
      const changed: Effect.Effect<void> = Effect.flatMap(PubSub.take(changes), (id) =>
        id === runId ? Effect.void : changed
      )
      const wake = Effect.raceFirst(changed, Effect.sleep(poll))
      interface State {
        readonly after: number
        readonly wait: boolean
      }
      const next = (
        state: State
      ): Effect.Effect<readonly [ReadonlyArray<StoredEvent>, Option.Option<State>], RunStoreError> =>
        Effect.gen(function* () {
          if (state.wait) yield* wake
          const batch = yield* store.events(runId, { afterSeq: state.after })
          const end = batch.findIndex((e) => e.event._tag === "RunFinished")
          if (end >= 0) return [batch.slice(0, end + 1), Option.none()] as const
          if (batch.length === 0) {
            const record = yield* store.get(runId)
            if (Option.isNone(record) || record.value.status !== "running") {
              // Final without a RunFinished of its own (none is appended after the final status): read what is left.
              return [yield* store.events(runId, { afterSeq: state.after }), Option.none()] as const
            }
          }
          const last = batch[batch.length - 1]
          return [batch, Option.some({ after: last === undefined ? state.after : last.seq, wait: true })] as const
        })
      return Stream.paginate<State, StoredEvent, RunStoreError>({ after: afterSeq, wait: false }, next)
    })
  )

/** Options of `cancel`. */
export interface CancelOptions {
  /** The workflow name of a run's pipeline (default: its `pipeline` name), for pipelines under `withWorkflowName`. */
  readonly workflowName?: ((run: RunRecord) => string) | undefined
}

/**
 * Cancel a run. A run living in this process is interrupted (in-flight steps too) and ends `cancelled`.
 * Any other `running` run is marked `cancelled` in the store, with its `RunFinished`; when a `WorkflowEngine`
 * is in the context it is also asked to interrupt the execution (a durable engine delivers that to the
 * process running it). A run already final is left as it is. Returns the run as it stands afterwards.
 * The execution is addressed by the run's pipeline name, or by `options.workflowName` for runs of pipelines
 * under another workflow name (`Pipeline.withWorkflowName`).
 */
export const cancel = (
  runId: string,
  options?: CancelOptions
): Effect.Effect<RunRecord, RunNotFoundError | RunStoreError> =>
  Effect.gen(function* () {
    const store = yield* RunStore
    const record = yield* inspect(runId)
    if (record.status !== "running") return record
    const live = Live.get(store, runId)
    if (live !== undefined) {
      yield* live
    } else {
      const at = yield* Clock.currentTimeMillis
      const finished: RunEvent = {
        _tag: "RunFinished",
        runId,
        pipeline: record.pipeline,
        status: "cancelled",
        durationMillis: Math.max(0, at - record.createdAt),
        usage: record.usage,
        error: "cancelled",
        at
      }
      yield* store.setStatus(runId, "cancelled", { error: "cancelled", event: finished })
      yield* interruptInEngine(options?.workflowName?.(record) ?? record.pipeline, runId)
    }
    return yield* inspect(runId)
  })

/** What `resume` did: the handles of the runs it resumed, and the runs it marked failed, with the cause. */
export interface ResumeReport {
  readonly resumed: ReadonlyArray<Pipeline.RunHandle<unknown, unknown>>
  readonly failed: ReadonlyArray<{ readonly id: string; readonly error: string }>
}

/**
 * Finds the pipeline of a stored run (by `run.pipeline`, or by compiling `run.spec` again): `None` when it
 * no longer exists; a failure (e.g. a `SpecError`) says why it cannot be had.
 */
export type Lookup<E, R> = (
  run: RunSummary
) => Effect.Effect<Option.Option<Pipeline.Pipeline<never, unknown, unknown, R>>, E, R>

/**
 * At the start of a process: every run the store holds as `running` (left so by a crash or a stop) is
 * started again with its key, input and spec, so that a durable engine continues its execution where it
 * stopped (finished steps are not run again). A run whose pipeline `lookup` cannot give, or whose stored
 * input no longer fits it, is marked `failed` with the cause (and its execution interrupted in the
 * `WorkflowEngine` in the context, so that it does not come back). The resumed runs live in the current scope.
 */
export const resume = <E, R>(
  lookup: Lookup<E, R>
): Effect.Effect<ResumeReport, RunStoreError, R | Scope.Scope> =>
  Effect.gen(function* () {
    const store = yield* RunStore
    const left: Array<RunSummary> = []
    let cursor: string | undefined
    do {
      const page: RunPage = yield* store.list({ status: "running", limit: 1000, cursor }).pipe(
        Effect.catchTag("RunQueryError", (e) => Effect.fail(new RunStoreError({ operation: "resume", message: e.message })))
      )
      left.push(...page.runs)
      cursor = page.nextCursor
    } while (cursor !== undefined)
    const resumed: Array<Pipeline.RunHandle<unknown, unknown>> = []
    const failed: Array<{ readonly id: string; readonly error: string }> = []
    for (const run of left.reverse()) {
      if (Live.get(store, run.id) !== undefined) continue
      const pipeline = yield* Effect.result(lookup(run))
      const problem =
        pipeline._tag === "Failure"
          ? `pipeline "${run.pipeline}" cannot be resumed: ${describeError(pipeline.failure)}`
          : Option.isNone(pipeline.success)
            ? `pipeline "${run.pipeline}" no longer exists`
            : undefined
      if (problem === undefined && pipeline._tag === "Success" && Option.isSome(pipeline.success)) {
        const found = pipeline.success.value
        if ((yield* Pipeline.executionId(found, run.key)) !== run.id) {
          const error = `pipeline "${run.pipeline}" gives run key "${run.key}" another execution id than the stored run's`
          yield* markFailed(run, error)
          failed.push({ id: run.id, error })
          continue
        }
        const input = yield* Effect.result(Pipeline.decodeInput(found, run.input))
        if (input._tag === "Success") {
          const handle = yield* Pipeline.run(found, input.success as never, { key: run.key, spec: run.spec })
          resumed.push(handle)
          continue
        }
        const error = `the stored input no longer fits pipeline "${run.pipeline}": ${input.failure.message}`
        yield* markFailed(run, error)
        failed.push({ id: run.id, error })
        continue
      }
      const error = problem ?? `pipeline "${run.pipeline}" no longer exists`
      yield* markFailed(run, error)
      failed.push({ id: run.id, error })
    }
    return { resumed, failed }
  })

/**
 * Ask the `WorkflowEngine` in the context, if any, to interrupt an execution: a durable engine keeps the
 * interruption, so that the execution does not come back when its pipeline's workflow is registered again.
 */
const interruptInEngine = (pipeline: string, runId: string): Effect.Effect<void> =>
  Effect.flatMap(Effect.serviceOption(WorkflowEngine.WorkflowEngine), (engine) =>
    Option.isNone(engine)
      ? Effect.void
      : engine.value.interrupt(workflowNamed(pipeline), runId).pipe(Effect.timeoutOption("5 seconds"), Effect.asVoid)
  )

const markFailed = (run: RunSummary, error: string) =>
  Effect.gen(function* () {
    const store = yield* RunStore
    const at = yield* Clock.currentTimeMillis
    const finished: RunEvent = {
      _tag: "RunFinished",
      runId: run.id,
      pipeline: run.pipeline,
      status: "failed",
      durationMillis: Math.max(0, at - run.createdAt),
      usage: run.usage,
      error,
      at
    }
    yield* store.setStatus(run.id, "failed", { error, event: finished })
    yield* interruptInEngine(run.pipeline, run.id)
  })
