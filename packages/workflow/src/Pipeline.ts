/**
 * Typed pipelines: steps composed with `then`, `parallel`, `branch`, `forEach`, `loop` and `map`,
 * run on `effect/workflow` (a run is a `Workflow`, every step and every forEach item an `Activity`).
 *
 * ```ts
 * const research = Pipeline.make(search).pipe(
 *   Pipeline.map((found) => found.urls),
 *   Pipeline.forEach(read, { concurrency: 4 }),
 *   Pipeline.andThen(summarize)
 * )
 * const handle = yield* Pipeline.run(research, { topic: "GLM-4.6" })
 * const summary = yield* handle.result
 * ```
 *
 * Each step's input type comes from the previous step's output; a mismatch is a compile error.
 * Runs use the `WorkflowEngine` in the context, or a fresh `WorkflowEngine.layerMemory`.
 *
 * @since 0.1.0
 */
import {
  Cause,
  Clock,
  Context,
  Effect,
  Exit,
  Fiber,
  Layer,
  Option,
  type Pipeable,
  PubSub,
  Schema,
  type Scope,
  Stream
} from "effect"
import { dual } from "effect/Function"
import { Workflow, WorkflowEngine } from "effect/workflow"
import * as Graph from "./internal/graph.js"
import * as InputCheck from "./internal/inputCheck.js"
import * as Registrations from "./internal/registrations.js"
import { describeError, interpret, noopSink, rootEnv, rootRuntime, type Sink } from "./internal/interpret.js"
import * as Live from "./internal/live.js"
import { workflowNamed } from "./internal/workflowNamed.js"
import { type LoopLimitError, type PipelineError, PipelineInputError, RunCancelledError } from "./PipelineError.js"
import type { RunEvent } from "./RunEvent.js"
import * as RunStore from "./RunStore.js"
import type * as Step from "./Step.js"
import { emptyUsage, type Usage } from "./StepContext.js"

/** @internal */
export const TypeId: unique symbol = Symbol.for("@zai-kit/workflow/Pipeline")

/** A typed pipeline from `In` to `Out`, failing with `E`, needing `R`. */
export interface Pipeline<in In, out Out, out E = never, out R = never> extends Pipeable.Pipeable {
  readonly [TypeId]: {
    readonly _In: (_: In) => void
    readonly _Out: () => Out
    readonly _E: () => E
    readonly _R: () => R
  }
  readonly _tag: "Pipeline"
  /** The name: the label in runs, events and graphs, and the workflow's tag (`zai-kit/pipeline/<name>`) unless `workflowName` is set. */
  readonly name: string
  /** The name in the workflow's tag (`zai-kit/pipeline/<workflowName>`) when it differs from `name` (`withWorkflowName`). */
  readonly workflowName?: string | undefined
  /** Schema of the run input (from the first step, or `Pipeline.input`); `undefined` accepts anything. */
  readonly input: Schema.Top | undefined
  /** @internal the erased graph */
  readonly node: Graph.Node
}

/** A pipeline of any type (for constraints). */
export type Any = Pipeline<never, unknown, unknown, unknown>

/** Something that runs from `In` to `Out`: a step or a pipeline. */
export type Runnable<In, Out, E, R> = Step.Step<In, Out, E, R> | Pipeline<In, Out, E, R>

/** Any step or pipeline (for constraints). */
export type AnyRunnable = Step.Any | Any

/** The input type of a step or pipeline. */
export type Input<X> = X extends Step.Step<infer I, infer _O, infer _E, infer _R>
  ? I
  : X extends Pipeline<infer I, infer _O, infer _E, infer _R>
    ? I
    : never
/** The output type of a step or pipeline. */
export type Output<X> = X extends Step.Step<infer _I, infer O, infer _E, infer _R>
  ? O
  : X extends Pipeline<infer _I, infer O, infer _E, infer _R>
    ? O
    : never
/** The error type of a step or pipeline. */
export type Error<X> = X extends Step.Step<infer _I, infer _O, infer E, infer _R>
  ? E
  : X extends Pipeline<infer _I, infer _O, infer E, infer _R>
    ? E
    : never
/** The services a step or pipeline needs. */
export type Services<X> = X extends Step.Step<infer _I, infer _O, infer _E, infer R>
  ? R
  : X extends Pipeline<infer _I, infer _O, infer _E, infer R>
    ? R
    : never

type UnionToIntersection<U> = (U extends unknown ? (_: U) => void : never) extends (_: infer I) => void ? I : never

const Proto = {
  pipe(this: unknown, ...fns: ReadonlyArray<(a: unknown) => unknown>) {
    return fns.reduce((acc, f) => f(acc), this)
  }
}

/** @internal */
export const unsafeMake = <In, Out, E, R>(
  name: string,
  input: Schema.Top | undefined,
  node: Graph.Node
): Pipeline<In, Out, E, R> => {
  const self = Object.create(Proto)
  Object.assign(self, { _tag: "Pipeline", [TypeId]: TypeId, name, input, node })
  return self
}

/**
 * The pipeline under another workflow name (the tag `zai-kit/pipeline/<workflowName>`, and so its execution ids),
 * keeping its `name` in runs and events. The engine keys a workflow's executions and its registered body by the tag:
 * pipelines named by users (inline specs) can share one workflow whose `register`ed body rebuilds each execution's own
 * pipeline (`resolve`), or get a name of their own each. Apply it last: combinators build a pipeline without it.
 */
export const withWorkflowName: {
  (workflowName: string): <In, Out, E, R>(self: Pipeline<In, Out, E, R>) => Pipeline<In, Out, E, R>
  <In, Out, E, R>(self: Pipeline<In, Out, E, R>, workflowName: string): Pipeline<In, Out, E, R>
} = dual(2, <In, Out, E, R>(self: Pipeline<In, Out, E, R>, workflowName: string): Pipeline<In, Out, E, R> => {
  const renamed = Object.create(Proto)
  Object.assign(renamed, self, { workflowName })
  return renamed
})

/** The name in a pipeline's workflow tag. */
const workflowNameOf = (pipeline: Any): string => pipeline.workflowName ?? pipeline.name

/** Whether a value is a pipeline. */
export const isPipeline = (u: unknown): u is Any => typeof u === "object" && u !== null && TypeId in u

/** @internal the graph of a step or pipeline */
export const toNode = (runnable: AnyRunnable): Graph.Node =>
  isPipeline(runnable) ? runnable.node : { _tag: "Step", id: runnable.name, step: runnable, prepare: undefined }

/** A pipeline that starts with a step (or wraps a pipeline under a new name). */
export const make = <In, Out, E, R>(
  first: Runnable<In, Out, E, R>,
  options?: { readonly name?: string | undefined }
): Pipeline<In, Out, E, R> =>
  isPipeline(first)
    ? unsafeMake(options?.name ?? first.name, first.input, first.node)
    : unsafeMake(options?.name ?? first.name, first.input, toNode(first))

/** A pipeline that starts from an input schema (identity), to continue with `map`, `forEach`, ... */
export const input = <S extends Schema.Top>(
  schema: S,
  options: { readonly name: string }
): Pipeline<S["Type"], S["Type"]> =>
  unsafeMake(options.name, schema, { _tag: "Sequence", id: "pipeline", nodes: [] })

/** Rename a pipeline (the name is the workflow tag: keep it stable for durable engines). */
export const named: {
  /** Rename a pipeline. */
  (name: string): <In, Out, E, R>(self: Pipeline<In, Out, E, R>) => Pipeline<In, Out, E, R>
  /** Rename a pipeline. */
  <In, Out, E, R>(self: Pipeline<In, Out, E, R>, name: string): Pipeline<In, Out, E, R>
} = dual(2, (self: Any, name: string) => unsafeMake(name, self.input, self.node))

/**
 * Run `next` on the output of `self`. The output of `self` must fit the input of `next` (checked at compile time).
 * (Not named `then`: a module exporting `then` is a thenable, which breaks `await import(...)`.)
 */
export const andThen: {
  /** Run `next` on the output of `self`. */
  <A, B, E2, R2>(
    next: Runnable<A, B, E2, R2>
  ): <In, E, R>(self: Pipeline<In, A, E, R>) => Pipeline<In, B, E | E2, R | R2>
  /** Run `next` on the output of `self`. */
  <In, A, E, R, B, E2, R2>(self: Pipeline<In, A, E, R>, next: Runnable<A, B, E2, R2>): Pipeline<In, B, E | E2, R | R2>
} = dual(2, (self: Any, next: AnyRunnable) =>
  unsafeMake(self.name, self.input, Graph.sequence(self.node, toNode(next)))
)

/** A pure transform of the output. */
export const map: {
  /** A pure transform of the output. */
  <A, B>(f: (a: A) => B, options?: { readonly name?: string | undefined }): <In, E, R>(
    self: Pipeline<In, A, E, R>
  ) => Pipeline<In, B, E, R>
  /** A pure transform of the output. */
  <In, A, E, R, B>(
    self: Pipeline<In, A, E, R>,
    f: (a: A) => B,
    options?: { readonly name?: string | undefined }
  ): Pipeline<In, B, E, R>
} = dual(
  (args) => isPipeline(args[0]),
  (self: Any, f: (a: unknown) => unknown, options?: { readonly name?: string | undefined }) =>
    unsafeMake(
      self.name,
      self.input,
      Graph.sequence(self.node, { _tag: "Map", id: options?.name ?? "map", label: options?.name ?? "map", f: (v) => f(v) })
    )
)

/** Branches of `parallel`: named steps or pipelines that all take the same input. */
export type Branches = Readonly<Record<string, AnyRunnable>>

/** The input every branch accepts. */
export type BranchesInput<B extends Branches> = UnionToIntersection<{ [K in keyof B]: Input<B[K]> }[keyof B]>

/** Run named branches concurrently on the same input; the output is a record of their outputs. */
export const parallel: {
  /** Run named branches concurrently on the same input. */
  <const B extends Branches>(
    branches: B,
    options?: { readonly name?: string | undefined }
  ): <In, A extends BranchesInput<B>, E, R>(
    self: Pipeline<In, A, E, R>
  ) => Pipeline<In, { readonly [K in keyof B]: Output<B[K]> }, E | Error<B[keyof B]>, R | Services<B[keyof B]>>
  /** Run named branches concurrently on the same input. */
  <In, A extends BranchesInput<B>, E, R, const B extends Branches>(
    self: Pipeline<In, A, E, R>,
    branches: B,
    options?: { readonly name?: string | undefined }
  ): Pipeline<In, { readonly [K in keyof B]: Output<B[K]> }, E | Error<B[keyof B]>, R | Services<B[keyof B]>>
} = dual(
  (args) => isPipeline(args[0]),
  (self: Any, branches: Branches, options?: { readonly name?: string | undefined }) => {
    const taken = Graph.ids(self.node)
    const id = Graph.freshId(options?.name ?? "parallel", taken)
    const node: Graph.Node = {
      _tag: "Parallel",
      id,
      branches: Object.entries(branches).map(([key, branch]) => [key, Graph.uniquify(toNode(branch), taken)] as const)
    }
    return unsafeMake(self.name, self.input, Graph.sequence(self.node, node))
  }
)

/** Options of `branch`. */
export interface BranchOptions<A, B, C, E1, E2, R1, R2> {
  /** The condition on the previous output. */
  readonly if: (a: A) => boolean
  readonly onTrue: Runnable<A, B, E1, R1>
  readonly onFalse: Runnable<A, C, E2, R2>
  readonly name?: string | undefined
}

/** Run `onTrue` or `onFalse` depending on a condition; the output is the union of both outputs. */
export const branch: {
  /** Run `onTrue` or `onFalse` depending on a condition. */
  <A, B, C, E1 = never, E2 = never, R1 = never, R2 = never>(
    options: BranchOptions<A, B, C, E1, E2, R1, R2>
  ): <In, E, R>(self: Pipeline<In, A, E, R>) => Pipeline<In, B | C, E | E1 | E2, R | R1 | R2>
  /** Run `onTrue` or `onFalse` depending on a condition. */
  <In, A, E, R, B, C, E1 = never, E2 = never, R1 = never, R2 = never>(
    self: Pipeline<In, A, E, R>,
    options: BranchOptions<A, B, C, E1, E2, R1, R2>
  ): Pipeline<In, B | C, E | E1 | E2, R | R1 | R2>
} = dual(2, (self: Any, options: BranchOptions<unknown, unknown, unknown, unknown, unknown, unknown, unknown>) => {
  const taken = Graph.ids(self.node)
  const id = Graph.freshId(options.name ?? "branch", taken)
  const condition = options.if
  const node: Graph.Node = {
    _tag: "Branch",
    id,
    label: options.name ?? "if",
    condition: (v) => condition(v),
    onTrue: Graph.uniquify(toNode(options.onTrue as AnyRunnable), taken),
    onFalse: Graph.uniquify(toNode(options.onFalse as AnyRunnable), taken)
  }
  return unsafeMake(self.name, self.input, Graph.sequence(self.node, node))
})

/** A forEach item that failed under the `collect` policy. */
export interface ItemFailure<E> {
  readonly index: number
  readonly error: E
}

/** Output of `forEach` under the `collect` policy: outputs of the items that succeeded, failures of the others. */
export interface Collected<O, E> {
  readonly outputs: ReadonlyArray<O>
  readonly failures: ReadonlyArray<ItemFailure<E>>
}

/** Options of `forEach`. */
export interface ForEachOptions<F extends "failFast" | "collect"> {
  /** Items run at once (default 1). */
  readonly concurrency?: number | undefined
  /** `failFast` (default): the first failure fails the forEach and interrupts the others. `collect`: every item runs. */
  readonly failures?: F | undefined
  readonly name?: string | undefined
}

/** Run `body` on every item of the (array) output, each item an activity, with bounded concurrency. */
export const forEach: {
  /** Run `body` on every item of the output. */
  <Item, B, E2, R2, const F extends "failFast" | "collect" = "failFast">(
    body: Runnable<Item, B, E2, R2>,
    options?: ForEachOptions<F>
  ): <In, E, R>(
    self: Pipeline<In, ReadonlyArray<Item>, E, R>
  ) => Pipeline<In, F extends "collect" ? Collected<B, E2> : ReadonlyArray<B>, F extends "collect" ? E : E | E2, R | R2>
  /** Run `body` on every item of the output. */
  <In, Item, E, R, B, E2, R2, const F extends "failFast" | "collect" = "failFast">(
    self: Pipeline<In, ReadonlyArray<Item>, E, R>,
    body: Runnable<Item, B, E2, R2>,
    options?: ForEachOptions<F>
  ): Pipeline<In, F extends "collect" ? Collected<B, E2> : ReadonlyArray<B>, F extends "collect" ? E : E | E2, R | R2>
} = dual(
  (args) => isPipeline(args[0]),
  (self: Any, body: AnyRunnable, options?: ForEachOptions<"failFast" | "collect">) => {
    const taken = Graph.ids(self.node)
    const id = Graph.freshId(options?.name ?? "forEach", taken)
    const node: Graph.Node = {
      _tag: "ForEach",
      id,
      items: undefined,
      body: Graph.uniquify(toNode(body), taken),
      concurrency: options?.concurrency ?? 1,
      failures: options?.failures ?? "failFast"
    }
    return unsafeMake(self.name, self.input, Graph.sequence(self.node, node))
  }
)

/** Options of `loop`. */
export interface LoopOptions<A> {
  /** Stop when this holds for the body's output (checked after each iteration, from 1). */
  readonly until: (a: A, iteration: number) => boolean
  /** Fail with `LoopLimitError` when the condition still fails after this many iterations. */
  readonly maxIterations: number
  readonly name?: string | undefined
}

/** Run `body` repeatedly (its output feeds its next input) until a condition holds, at most `maxIterations` times. */
export const loop: {
  /** Run `body` repeatedly until a condition holds. */
  <A, E2, R2>(
    body: Runnable<A, A, E2, R2>,
    options: LoopOptions<A>
  ): <In, E, R>(self: Pipeline<In, A, E, R>) => Pipeline<In, A, E | E2 | LoopLimitError, R | R2>
  /** Run `body` repeatedly until a condition holds. */
  <In, A, E, R, E2, R2>(
    self: Pipeline<In, A, E, R>,
    body: Runnable<A, A, E2, R2>,
    options: LoopOptions<A>
  ): Pipeline<In, A, E | E2 | LoopLimitError, R | R2>
} = dual(3, (self: Any, body: AnyRunnable, options: LoopOptions<unknown>) => {
  const taken = Graph.ids(self.node)
  const id = Graph.freshId(options.name ?? "loop", taken)
  const node: Graph.Node = {
    _tag: "Loop",
    id,
    body: Graph.uniquify(toNode(body), taken),
    until: options.until,
    maxIterations: options.maxIterations
  }
  return unsafeMake(self.name, self.input, Graph.sequence(self.node, node))
})

// -----------------------------------------------------------------------------------------------------------------
// runs
// -----------------------------------------------------------------------------------------------------------------

/** A run in progress. */
export interface RunHandle<Out, E> {
  /** The execution id (derived from the pipeline name and the run key by the engine). */
  readonly id: string
  /** Every event of the run, from `RunStarted` to `RunFinished` (late subscribers get the whole history). */
  readonly events: Stream.Stream<RunEvent>
  /** The output, or the pipeline's error, or `RunCancelledError`. */
  readonly result: Effect.Effect<Out, PipelineError<E>>
  /** Cancel the run: in-flight steps are interrupted; `result` fails with `RunCancelledError`. */
  readonly cancel: Effect.Effect<void>
}

/** Options of `run`. */
export interface RunOptions {
  /** The run key (default: a random UUID). The same key on a durable engine joins the same execution. */
  readonly key?: string | undefined
  /** The source text of the spec the pipeline was compiled from, kept in the `RunStore` for `Runs.resume`. */
  readonly spec?: string | undefined
}

const workflows = new WeakMap<Any, ReturnType<typeof makeWorkflow>>()

/** One workflow per pipeline: engines key registrations by the workflow, and a duplicate definition is ignored. */
const workflowOf = (pipeline: Any) => {
  let workflow = workflows.get(pipeline)
  if (workflow === undefined) {
    workflow = makeWorkflow(pipeline)
    workflows.set(pipeline, workflow)
  }
  return workflow
}

const makeWorkflow = (pipeline: Any) =>
  Workflow.make(`zai-kit/pipeline/${workflowNameOf(pipeline)}`, {
    // `Schema.Any` passes values through untouched on the in-memory engine (where `Unknown` insists on JSON)
    payload: { key: Schema.String, input: pipeline.input ?? Schema.Any },
    success: Schema.Any,
    error: Schema.Any,
    idempotencyKey: (payload) => payload.key
  })

const engineContext: Effect.Effect<Context.Context<WorkflowEngine.WorkflowEngine>, never, Scope.Scope> = Effect.flatMap(
  Effect.serviceOption(WorkflowEngine.WorkflowEngine),
  (engine) =>
    Option.isSome(engine)
      ? Effect.succeed(Context.make(WorkflowEngine.WorkflowEngine, engine.value))
      : Layer.build(WorkflowEngine.layerMemory)
)

/** The execution id a run of `pipeline` with run key `key` gets (the same on every engine and process). */
export const executionId = (pipeline: Any, key: string): Effect.Effect<string> =>
  workflowNamed(workflowNameOf(pipeline)).executionId({ key, input: undefined })

/** The sinks of the runs watched in this process, per engine, by execution id (two engines never share one). */
const sinksByEngine = new WeakMap<WorkflowEngine.WorkflowEngine["Service"], Map<string, Sink>>()

const sinksOf = (engine: WorkflowEngine.WorkflowEngine["Service"]): Map<string, Sink> => {
  let sinks = sinksByEngine.get(engine)
  if (sinks === undefined) {
    sinks = new Map()
    sinksByEngine.set(engine, sinks)
  }
  return sinks
}

/** A run's input as JSON, by its pipeline's input schema (as given when there is none). */
export const encodeInput = (pipeline: Any, input: unknown): Effect.Effect<unknown, RunStore.RunStoreError> =>
  pipeline.input === undefined
    ? Effect.succeed(input)
    : Schema.encodeUnknownEffect(Schema.toCodecJson(pipeline.input) as unknown as Schema.Codec<unknown, unknown>)(input).pipe(
        Effect.mapError(
          (issue) => new RunStore.RunStoreError({ operation: "create", message: `input cannot be stored: ${issue.message}` })
        )
      )

/** A stored run's input, decoded by its pipeline's input schema. */
export const decodeInput = (pipeline: Any, input: unknown): Effect.Effect<unknown, Schema.SchemaError> =>
  pipeline.input === undefined
    ? Effect.succeed(input)
    : Schema.decodeUnknownEffect(Schema.toCodecJson(pipeline.input) as unknown as Schema.Codec<unknown, unknown>)(input)

/** The error of a failed run, in one line: its typed error, else its defect. */
const failureOf = (cause: Cause.Cause<unknown>): string => {
  const error = Cause.findErrorOption(cause)
  return Option.isSome(error) ? describeError(error.value) : `defect: ${describeError(Cause.squash(cause))}`
}

const logStoreError = (error: RunStore.RunStoreError) =>
  Effect.logWarning(`run store: ${error.operation} failed: ${error.message}`)

/**
 * A sink that records into the store. A step's output (given just before its `StepSucceeded`) is written
 * with that event, in one write; a cached step's output (given just after its `StepCached`) on its own.
 */
const storeSink = (store: RunStore.Service, runId: string): Sink => {
  const pending = new Map<string, unknown>()
  const cached = new Set<string>()
  const append = (event: RunEvent, options?: { readonly output?: unknown }) =>
    Effect.catch(Effect.asVoid(store.appendEvent(runId, event, options)), logStoreError)
  return {
    runId,
    emit: (event) =>
      Effect.suspend(() => {
        if (event._tag === "StepSucceeded" && pending.has(event.step)) {
          const output = pending.get(event.step)
          pending.delete(event.step)
          return append(event, { output })
        }
        if (event._tag === "StepCached") cached.add(event.step)
        return append(event)
      }),
    output: (step, output) =>
      Effect.suspend(() => {
        if (!cached.delete(step)) {
          pending.set(step, output)
          return Effect.void
        }
        return Effect.catch(store.setStepOutput(runId, step, output), logStoreError)
      }),
    usage: emptyUsage
  }
}

/** Registers a pipeline's workflow on an engine with a body. */
const registerOn =
  (engine: WorkflowEngine.WorkflowEngine["Service"], workflow: ReturnType<typeof makeWorkflow>) =>
  (body: Registrations.Execute) =>
    engine.register(workflow, body) as Effect.Effect<void, never, Scope.Scope>

/**
 * The body of a pipeline's executions on an engine, for the graph `rootOf` gives per execution. A run started
 * in this process runs with its own sink (events to its handle and its record); an execution no run here
 * started (one the engine resumes, or routes here from another runner process) records into the store when
 * the store knows its run, and otherwise runs unrecorded.
 */
const bodyOf =
  (
    engine: WorkflowEngine.WorkflowEngine["Service"],
    store: RunStore.Service,
    rootOf: (payload: { readonly key: string; readonly input: unknown }, executionId: string) => Effect.Effect<Graph.Node, unknown>
  ): Registrations.Execute =>
  (p, executionId) =>
    Effect.flatMap(rootOf(p, executionId), (root) => {
      const own = sinksOf(engine).get(executionId)
      const start = (s: Sink) => interpret(root, p.input, rootEnv(p.input), rootRuntime(s, "activity"))
      if (own !== undefined) return start(own)
      if (!store.recording) return start(noopSink(executionId))
      return Effect.flatMap(
        Effect.orElseSucceed(store.get(executionId), () => Option.none()),
        (found) => start(Option.isSome(found) ? storeSink(store, executionId) : noopSink(executionId))
      )
    }) as Effect.Effect<unknown, unknown>

/** Options of `register`. */
export interface RegisterOptions<E2, R2> {
  /**
   * The pipeline an execution runs, from its run key and execution id (default: the registered pipeline),
   * for pipelines built per run (e.g. a spec compiled with steps that write into the run's own folder, or
   * read back from the run's record). Its workflow name is not checked; its error fails the execution.
   */
  readonly resolve?:
    | ((execution: { readonly key: string; readonly executionId: string }) => Effect.Effect<Any, E2, R2>)
    | undefined
}

/**
 * Register a pipeline's workflow on the `WorkflowEngine` in context ahead of any run, so that this process
 * can execute executions of it that it did not start: one the durable engine resumes after a crash, or, with
 * several runner processes on PostgreSQL, one another process started and the engine routes here. Such an
 * execution runs the pipeline (or what `resolve` gives for it) and records into the `RunStore` in context
 * when the store knows its run. Runs this process starts still run their own bodies.
 *
 * On the durable (cluster) engines of `DurableEngine` the registration lasts as long as the engine;
 * registering the same name again replaces the body for executions started elsewhere. On other engines
 * (the in-memory one, or none in context) it is a no-op: their executions all start in this process. Answers
 * whether the pipeline was registered.
 */
export const register = <In, Out, E, R, E2 = never, R2 = never>(
  pipeline: Pipeline<In, Out, E, R>,
  options?: RegisterOptions<E2, R2>
): Effect.Effect<boolean, never, R | R2> =>
  Effect.gen(function* () {
    const engine = yield* Effect.serviceOption(WorkflowEngine.WorkflowEngine)
    if (Option.isNone(engine)) return false
    const store = yield* RunStore.RunStore
    const workflow = workflowOf(pipeline as unknown as Any)
    const resolve = options?.resolve
    const context = yield* Effect.context<R2>()
    const body = bodyOf(engine.value, store, (p, executionId) =>
      resolve === undefined
        ? Effect.succeed(pipeline.node)
        : Effect.map(Effect.provideContext(resolve({ key: p.key, executionId }), context), (resolved) => resolved.node)
    )
    return yield* Registrations.registerAhead(engine.value, workflow._tag, registerOn(engine.value, workflow), body)
  }) as Effect.Effect<boolean, never, R | R2>

/** Whether a pipeline of this workflow name (its `name` unless `withWorkflowName`) was registered ahead (`register`) on the `WorkflowEngine` in context. */
export const isRegistered = (name: string): Effect.Effect<boolean> =>
  Effect.map(Effect.serviceOption(WorkflowEngine.WorkflowEngine), (engine) =>
    Option.isSome(engine) && Registrations.isRegisteredAhead(engine.value, workflowNamed(name)._tag)
  )

/**
 * Start a run. The run lives in the current scope (closing it interrupts the run); the handle
 * gives its id, its events, its result and a way to cancel it.
 *
 * With a `RunStore` in the context the run is recorded: its record is created (or, when a record with
 * this id is still `running`, joined: a resumed run), every event is appended, step outputs are kept,
 * and the final status is set. A run whose scope closes without `cancel` stays `running` in the store,
 * so that `Runs.resume` picks it up; only `cancel` marks it `cancelled`.
 */
export const run = <In, Out, E, R>(
  pipeline: Pipeline<In, Out, E, R>,
  input: In,
  options?: RunOptions
): Effect.Effect<RunHandle<Out, E>, RunStore.RunStoreError, R | Scope.Scope> =>
  Effect.gen(function* () {
    // Pipelines with an input check (spec files: required inputs, declared types, defaults) check the input
    // before anything starts; a failed check gives a handle whose result is the check's error, and no events.
    const check = InputCheck.of(pipeline.input)
    if (check !== undefined) {
      const checked = yield* Effect.result(check(input))
      if (checked._tag === "Failure") {
        const id = yield* workflowOf(pipeline).executionId({ key: options?.key ?? crypto.randomUUID(), input })
        const notStarted: RunHandle<Out, E> = {
          id,
          events: Stream.empty,
          result: Effect.fail(checked.failure as E),
          cancel: Effect.void
        }
        return notStarted
      }
      input = checked.success as In
    } else if (pipeline.input !== undefined) {
      // code pipelines: the compiler checked the input's type; a cast or a JavaScript caller did not
      const decoded = yield* Effect.result(
        Schema.decodeUnknownEffect(Schema.toType(pipeline.input) as unknown as Schema.Codec<unknown, unknown>)(input)
      )
      if (decoded._tag === "Failure") {
        const id = yield* executionId(pipeline, options?.key ?? crypto.randomUUID())
        const rejected: RunHandle<Out, E> = {
          id,
          events: Stream.empty,
          result: Effect.die(new PipelineInputError({ pipeline: pipeline.name, issue: decoded.failure.message })),
          cancel: Effect.void
        }
        return rejected
      }
    }
    const engines = yield* engineContext
    const engine = Context.get(engines, WorkflowEngine.WorkflowEngine)
    const store = yield* RunStore.RunStore
    const workflow = workflowOf(pipeline)
    const key = options?.key ?? crypto.randomUUID()
    const payload = { key, input: input as unknown }
    const id = yield* workflow.executionId(payload)
    // Whether this run is recorded; a rejoined run that already ended is a replay and is not recorded again.
    let recording = store.recording
    let resumed = false
    let initialUsage = emptyUsage
    if (recording) {
      const created = yield* store.create({
        id,
        key,
        pipeline: pipeline.name,
        input: yield* encodeInput(pipeline, input),
        spec: options?.spec
      })
      if (!created) {
        const existing = yield* store.get(id)
        resumed = Option.isSome(existing) && existing.value.status === "running"
        recording = resumed
        if (Option.isSome(existing)) initialUsage = existing.value.usage
      }
    }
    const pubsub = yield* PubSub.unbounded<RunEvent>({ replay: Number.MAX_SAFE_INTEGER })
    const publish = (event: RunEvent) => Effect.asVoid(PubSub.publish(pubsub, event))
    const recorded = recording ? storeSink(store, id) : undefined
    const sink: Sink =
      recorded === undefined
        ? { runId: id, emit: publish, usage: initialUsage }
        : {
            runId: id,
            emit: (event) => Effect.andThen(publish(event), recorded.emit(event)),
            output: recorded.output,
            usage: initialUsage
          }
    const sinks = sinksOf(engine)
    sinks.set(id, sink)
    const root = pipeline.node
    // Registered once per engine (a run's end must not unregister it); each execution runs its own body.
    yield* Registrations.register(engine, workflow._tag, registerOn(engine, workflow), id, bodyOf(engine, store, () => Effect.succeed(root)))
    const started = yield* Clock.currentTimeMillis
    // A resumed run already has its `RunStarted` in the store.
    yield* (resumed ? publish : sink.emit)({ _tag: "RunStarted", runId: id, pipeline: pipeline.name, at: started })
    let cancelRequested = false
    const finish = (exit: Exit.Exit<unknown, unknown>) =>
      Effect.gen(function* () {
        sinks.delete(id)
        if (recording) Live.remove(store, id)
        const at = yield* Clock.currentTimeMillis
        // A defect fails the run like an error does; only an interruption cancels it.
        const status = Exit.isSuccess(exit) ? "succeeded" : Cause.hasInterruptsOnly(exit.cause) ? "cancelled" : "failed"
        const error = Exit.isSuccess(exit) || status === "cancelled" ? undefined : failureOf(exit.cause)
        const event = (usage: Usage): RunEvent => ({
          _tag: "RunFinished",
          runId: id,
          pipeline: pipeline.name,
          status,
          durationMillis: at - started,
          usage,
          ...(error === undefined ? {} : { error }),
          at
        })
        // Interrupted without `cancel` (its scope closed, the process stops): the run stays resumable.
        if (!recording || (status === "cancelled" && !cancelRequested)) return yield* publish(event(sink.usage))
        // The store sums usage over every attempt, also those of a process that died.
        const record = yield* Effect.orElseSucceed(store.get(id), () => Option.none())
        const finished = event(Option.isSome(record) ? record.value.usage : sink.usage)
        const patch: RunStore.StatusPatch = Exit.isSuccess(exit)
          ? { output: exit.value, event: finished }
          : { error: error ?? "cancelled", event: finished }
        yield* store.setStatus(id, status, patch).pipe(
          // An output JSON cannot hold: keep the status, say why the output is missing.
          Effect.catch((e) =>
            Effect.andThen(logStoreError(e), store.setStatus(id, status, { error: `output not stored: ${e.message}`, event: finished }))
          ),
          Effect.catch(logStoreError)
        )
        yield* publish(finished)
      })
    let running: Fiber.Fiber<unknown, unknown> | undefined
    const cancel = Effect.suspend(() => {
      cancelRequested = true
      return Effect.andThen(
        engine.interruptUnsafe(workflow, id),
        running === undefined ? Effect.void : Effect.asVoid(Fiber.interrupt(running))
      )
    })
    if (recording) Live.add(store, id, cancel)
    const fiber = yield* workflow.execute(payload).pipe(
      Effect.provideContext(engines),
      Effect.onExit(finish),
      Effect.forkScoped
    )
    running = fiber
    const result = Effect.catchCause(Fiber.join(fiber), (cause) =>
      Cause.hasInterruptsOnly(cause) ? Effect.fail(new RunCancelledError({ runId: id })) : Effect.failCause(cause)
    ) as Effect.Effect<Out, PipelineError<E>>
    return {
      id,
      events: Stream.fromPubSub(pubsub).pipe(Stream.takeUntil((event) => event._tag === "RunFinished")),
      result,
      cancel
    }
  }) as Effect.Effect<RunHandle<Out, E>, RunStore.RunStoreError, R | Scope.Scope>

/** Run a pipeline to its end and return its output. */
export const execute = <In, Out, E, R>(
  pipeline: Pipeline<In, Out, E, R>,
  input: In,
  options?: RunOptions
): Effect.Effect<Out, PipelineError<E> | RunStore.RunStoreError, R> =>
  Effect.scoped(Effect.flatMap(run(pipeline, input, options), (handle) => handle.result))
