import { Effect, Scope } from "effect"
import type { WorkflowEngine } from "effect/workflow"

type Engine = WorkflowEngine.WorkflowEngine["Service"]
/** The body of a run: interprets the pipeline for one execution. */
export type Execute = (payload: { readonly key: string; readonly input: unknown }, executionId: string) => Effect.Effect<unknown, unknown>

interface Registration {
  /** The body of each execution this process started, by execution id. */
  readonly runs: Map<string, Execute>
  /** The body of the latest run: for executions the engine resumes that no run here started. */
  latest: Execute
}

/** Per engine, the pipelines' workflows registered on it, by workflow tag. */
const byEngine = new WeakMap<Engine, Map<string, Registration>>()

/**
 * Engines whose workflow registrations must outlive the runs: effect's cluster engine unregisters a workflow
 * when the scope of its registration closes, which interrupts every other run of it in the process, and a
 * workflow registered again afterwards does not run. (The in-memory engine runs each execution in the scope
 * of its registration, so there a registration stays with its run: closing the run's scope stops the run.)
 */
const shared = new WeakSet<Engine>()

/** Mark an engine whose workflow registrations must outlive the runs (the cluster engines of `DurableEngine`). */
export const markShared = (engine: Engine): void => {
  shared.add(engine)
}

/**
 * Register a run's body for its execution. On a shared engine the workflow is registered once, for the
 * engine's life, and dispatches each execution to its own run's body (or the latest run's body for an
 * execution that no run of this process started, e.g. one the engine resumes); the run's entry is removed
 * when the current scope closes. On other engines the registration belongs to the run's scope.
 */
export const register = (
  engine: Engine,
  tag: string,
  /** Registers the workflow on the engine with a body. */
  registerOn: (execute: Execute) => Effect.Effect<void, never, Scope.Scope>,
  executionId: string,
  execute: Execute
): Effect.Effect<void, never, Scope.Scope> =>
  Effect.suspend(() => {
    if (!shared.has(engine)) return registerOn(execute)
    let registrations = byEngine.get(engine)
    if (registrations === undefined) {
      registrations = new Map()
      byEngine.set(engine, registrations)
    }
    let registration = registrations.get(tag)
    const first = registration === undefined
    if (registration === undefined) {
      registration = { runs: new Map(), latest: execute }
      registrations.set(tag, registration)
    }
    const own = registration
    own.runs.set(executionId, execute)
    own.latest = execute
    const dispatch: Execute = (payload, id) => Effect.suspend(() => (own.runs.get(id) ?? own.latest)(payload, id))
    const registered = first
      ? // The registration lives as long as the engine: its scope is never closed here.
        Scope.provide(Scope.makeUnsafe())(registerOn(dispatch))
      : Effect.void
    return Effect.andThen(
      registered,
      Effect.addFinalizer(() =>
        Effect.sync(() => {
          if (own.runs.get(executionId) === execute) own.runs.delete(executionId)
        })
      )
    )
  })
