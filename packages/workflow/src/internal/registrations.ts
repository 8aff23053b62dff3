import { Effect, Scope } from "effect"
import type { WorkflowEngine } from "effect/workflow"

type Engine = WorkflowEngine.WorkflowEngine["Service"]
/** The body of a run: interprets the pipeline for one execution. */
export type Execute = (payload: { readonly key: string; readonly input: unknown }, executionId: string) => Effect.Effect<unknown, unknown>

interface Registration {
  /** The body of each execution this process started, by execution id. */
  readonly runs: Map<string, Execute>
  /** The body of the latest run: for executions the engine resumes that no run here started. */
  latest: Execute | undefined
  /** The body registered ahead of any run (`Pipeline.register`): preferred over `latest` for those executions. */
  ahead: Execute | undefined
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

/** The registration of `tag` on a shared engine, registering its dispatching workflow the first time. */
const registrationOf = (
  engine: Engine,
  tag: string,
  registerOn: (execute: Execute) => Effect.Effect<void, never, Scope.Scope>,
  init: (registration: Registration) => void
): Effect.Effect<Registration> =>
  Effect.suspend(() => {
    let registrations = byEngine.get(engine)
    if (registrations === undefined) {
      registrations = new Map()
      byEngine.set(engine, registrations)
    }
    const existing = registrations.get(tag)
    if (existing !== undefined) {
      init(existing)
      return Effect.succeed(existing)
    }
    const own: Registration = { runs: new Map(), latest: undefined, ahead: undefined }
    init(own)
    registrations.set(tag, own)
    const dispatch: Execute = (payload, id) =>
      Effect.suspend(() => {
        const body = own.runs.get(id) ?? own.ahead ?? own.latest
        // Unreachable: a registration is made by a run or by `registerAhead`, each leaving a body.
        return body === undefined ? Effect.die(`no body registered for ${tag}`) : body(payload, id)
      })
    // The registration lives as long as the engine: its scope is never closed here.
    return Effect.as(Scope.provide(Scope.makeUnsafe())(registerOn(dispatch)), own)
  })

/**
 * Register a run's body for its execution. On a shared engine the workflow is registered once, for the
 * engine's life, and dispatches each execution to its own run's body (or, for an execution that no run of
 * this process started, e.g. one the engine resumes or routes here, the body registered ahead by
 * `registerAhead`, else the latest run's body); the run's entry is removed when the current scope closes.
 * On other engines the registration belongs to the run's scope.
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
    return Effect.flatMap(
      registrationOf(engine, tag, registerOn, (own) => {
        own.runs.set(executionId, execute)
        own.latest = execute
      }),
      (own) =>
        Effect.addFinalizer(() =>
          Effect.sync(() => {
            if (own.runs.get(executionId) === execute) own.runs.delete(executionId)
          })
        )
    )
  })

/**
 * Register a workflow's body ahead of any run, for the executions no run of this process started. On a
 * shared engine the workflow is registered (once, for the engine's life) and `execute` replaces an earlier
 * body registered ahead; on other engines nothing is registered (their executions all start in this process,
 * each run registering itself). Answers whether the engine is shared.
 */
export const registerAhead = (
  engine: Engine,
  tag: string,
  registerOn: (execute: Execute) => Effect.Effect<void, never, Scope.Scope>,
  execute: Execute
): Effect.Effect<boolean> =>
  Effect.suspend(() =>
    shared.has(engine)
      ? Effect.as(
          registrationOf(engine, tag, registerOn, (own) => {
            own.ahead = execute
          }),
          true
        )
      : Effect.succeed(false)
  )

/** Whether a body for `tag` was registered ahead on this engine (`registerAhead`). */
export const isRegisteredAhead = (engine: Engine, tag: string): boolean =>
  byEngine.get(engine)?.get(tag)?.ahead !== undefined
