import { Cause, Clock, Context, Duration, Effect, Exit, Option, Schedule, Schema } from "effect"
import { Activity } from "effect/workflow"
import { LoopLimitError, StepInputError, StepTimeoutError } from "../PipelineError.js"
import type { RunEvent } from "../RunEvent.js"
import * as Step from "../Step.js"
import { StepCache } from "../StepCache.js"
import { addUsage, emptyUsage, StepContext, type Usage } from "../StepContext.js"
import type { Env, Node } from "./graph.js"
import { hash64, stableJson } from "./stableJson.js"

/** Where a run's events go, and its running usage total. */
export interface Sink {
  readonly runId: string
  readonly emit: (event: RunEvent) => Effect.Effect<void>
  /** Where step outputs (encoded by the step's output schema) go, when someone records them. */
  readonly output?: ((step: string, output: unknown) => Effect.Effect<void>) | undefined
  usage: Usage
}

/** A sink that drops everything (runs resumed by a durable engine in a process nobody watches). */
export const noopSink = (runId: string): Sink => ({ runId, emit: () => Effect.void, usage: emptyUsage })

/** How the interpreter executes a step: as a workflow activity, or inline (dry benchmarks). */
export type Mode = "activity" | "inline"

interface Runtime {
  readonly sink: Sink
  readonly mode: Mode
  /** The path of a node with this id in the current scope. */
  readonly pathOf: (id: string) => string
}

type Erased = Effect.Effect<unknown, unknown, unknown>

/** A readable one-line description of a failure. */
export const describeError = (error: unknown): string => {
  if (error instanceof Error) {
    const tag = (error as { readonly _tag?: unknown })._tag
    return `${typeof tag === "string" ? tag : error.name}: ${error.message}`
  }
  if (typeof error === "string") return error
  return stableJson(error)
}

const now = Clock.currentTimeMillis

/** What a cached activity needs from the call that runs it (provided as a service around the activity). */
interface Call {
  readonly input: unknown
  readonly sink: Sink
}

const CurrentCall = Context.Service<Call>("@zai-kit/workflow/internal/CurrentCall")

/** Activities kept per step and path (bounded): building one costs several Schema constructions. */
const MAX_ACTIVITIES_PER_STEP = 4096

/** What is computed once per step (not per call): its codecs, error schema and activities by path. */
interface Compiled {
  readonly errorSchema: Schema.Top
  outputCodec: Schema.Codec<unknown, unknown> | undefined
  readonly activities: Map<string, Effect.Effect<unknown, unknown, unknown>>
}

const compiled = new WeakMap<Step.Any, Compiled>()

const compiledOf = (step: Step.Any): Compiled => {
  let c = compiled.get(step)
  if (c === undefined) {
    c = {
      errorSchema: step.error === undefined ? Schema.Any : Schema.Union([step.error, StepTimeoutError]),
      outputCodec: undefined,
      activities: new Map()
    }
    compiled.set(step, c)
  }
  return c
}

const outputCodecOf = (step: Step.Any): Schema.Codec<unknown, unknown> => {
  const c = compiledOf(step)
  if (c.outputCodec === undefined) {
    c.outputCodec = Schema.toCodecJson(step.output) as unknown as Schema.Codec<unknown, unknown>
  }
  return c.outputCodec
}

/** Look the step's output up in the cache (emitting `StepCached` on a hit). */
const fromCache = (step: Step.Any, path: string, key: string, sink: Sink): Effect.Effect<Option.Option<unknown>> =>
  StepCache.use((cache) =>
    Effect.flatMap(cache.get(key), (hit): Effect.Effect<Option.Option<unknown>> =>
      Option.isNone(hit)
        ? Effect.succeedNone
        : Effect.flatMap(Effect.option(Schema.decodeUnknownEffect(outputCodecOf(step))(hit.value)), (decoded): Effect.Effect<Option.Option<unknown>> =>
            Option.isNone(decoded)
              ? Effect.succeedNone
              : Effect.as(
                  Effect.flatMap(now, (at) =>
                    sink.emit({ _tag: "StepCached", runId: sink.runId, step: path, kind: step.name, key, at })
                  ).pipe(Effect.andThen(sink.output === undefined ? Effect.void : sink.output(path, hit.value))),
                  decoded
                )
          )
    )
  )

const runStep = (step: Step.Any, path: string, input: unknown, sink: Sink): Erased => {
  const policies = step.policies
  const cachePolicy = policies.cache
  if (cachePolicy === undefined) return attemptStep(step, path, input, sink, undefined)
  return Effect.suspend(() => {
    const key = `${step.name}:${cachePolicy.key === undefined ? hash64(stableJson(input)) : cachePolicy.key(input)}`
    return Effect.flatMap(fromCache(step, path, key, sink), (hit) =>
      Option.isSome(hit) ? Effect.succeed(hit.value) : attemptStep(step, path, input, sink, key)
    )
  })
}

const attemptStep = (step: Step.Any, path: string, input: unknown, sink: Sink, cacheKey: string | undefined): Erased =>
  Effect.gen(function* () {
    const policies = step.policies
    const kind = step.name
    const runId = sink.runId
    const started = yield* now
    yield* sink.emit({ _tag: "StepStarted", runId, step: path, kind, at: started })
    let usage = emptyUsage
    let attempts = 0
    const context = (attempt: number) =>
      StepContext.of({
        step: path,
        attempt,
        progress: (p) =>
          Effect.flatMap(now, (at) =>
            sink.emit({
              _tag: "StepProgress",
              runId,
              step: path,
              kind,
              ...(p.message === undefined ? {} : { message: p.message }),
              ...(p.fraction === undefined ? {} : { fraction: p.fraction }),
              at
            })
          ),
        usage: (u) =>
          Effect.sync(() => {
            usage = addUsage(usage, u)
            sink.usage = addUsage(sink.usage, u)
          })
      })
    const timeout = policies.timeout
    const semaphore = policies.semaphore
    const once: Erased = Effect.suspend(() => {
      attempts++
      let effect: Erased = Effect.provideService(step.run(input as never), StepContext, context(attempts))
      if (timeout !== undefined) {
        effect = Effect.timeoutOrElse(effect, {
          duration: timeout,
          orElse: () => Effect.fail(new StepTimeoutError({ step: path, timeoutMillis: Duration.toMillis(timeout) }))
        })
      }
      return semaphore === undefined ? effect : semaphore.withPermits(1)(effect)
    })
    const retry = policies.retry
    const attempted: Erased =
      retry === undefined
        ? once
        : Effect.retry(once, {
            schedule: (retry.schedule as Schedule.Schedule<unknown, unknown>).pipe(
              Schedule.modifyDelay(({ input: error, duration }) =>
                Effect.as(
                  Effect.flatMap(now, (at) =>
                    sink.emit({
                      _tag: "StepRetried",
                      runId,
                      step: path,
                      kind,
                      attempt: attempts,
                      delayMillis: Duration.toMillis(duration),
                      error: describeError(error),
                      at
                    })
                  ),
                  duration
                )
              )
            ),
            while: retry.while
          })
    const exit = yield* Effect.exit(attempted)
    const finished = yield* now
    if (Exit.isSuccess(exit)) {
      if (sink.output !== undefined) {
        const encoded = yield* Effect.option(Schema.encodeUnknownEffect(outputCodecOf(step))(exit.value))
        if (Option.isSome(encoded)) yield* sink.output(path, encoded.value)
      }
      yield* sink.emit({
        _tag: "StepSucceeded",
        runId,
        step: path,
        kind,
        attempts,
        durationMillis: finished - started,
        usage,
        at: finished
      })
      const cachePolicy = policies.cache
      if (cacheKey !== undefined && cachePolicy !== undefined) {
        const encoded = yield* Effect.option(Schema.encodeUnknownEffect(outputCodecOf(step))(exit.value))
        if (Option.isSome(encoded)) {
          const cache = yield* StepCache
          yield* cache.set(cacheKey, encoded.value, cachePolicy.ttl)
        }
      }
    } else if (!Cause.hasInterruptsOnly(exit.cause)) {
      const failure = Cause.findErrorOption(exit.cause)
      yield* sink.emit({
        _tag: "StepFailed",
        runId,
        step: path,
        kind,
        attempts,
        durationMillis: finished - started,
        usage,
        error: Option.isSome(failure) ? describeError(failure.value) : Cause.pretty(exit.cause),
        at: finished
      })
    }
    return yield* exit
  })

/**
 * The activity of `step` at `path`, built once and reused: its body reads the input and the sink
 * of the current call from `CurrentCall`.
 */
const activityOf = (step: Step.Any, path: string): Erased => {
  const c = compiledOf(step)
  let activity = c.activities.get(path)
  if (activity === undefined) {
    if (c.activities.size >= MAX_ACTIVITIES_PER_STEP) c.activities.clear()
    activity = Activity.make({
      name: path,
      success: step.output,
      error: c.errorSchema,
      execute: CurrentCall.use((call) => runStep(step, path, call.input, call.sink))
    })
    c.activities.set(path, activity)
  }
  return activity
}

const stepEffect = (node: Extract<Node, { _tag: "Step" }>, value: unknown, env: Env, rt: Runtime): Erased => {
  const step = node.step
  const path = rt.pathOf(node.id)
  const call = (input: unknown): Erased =>
    rt.mode === "inline"
      ? runStep(step, path, input, rt.sink)
      : Effect.provideService(activityOf(step, path), CurrentCall, { input, sink: rt.sink })
  if (node.prepare === undefined) return call(value)
  const prepare = node.prepare
  return Effect.flatMap(
    Effect.mapError(
      Effect.suspend(() => Step.decodeInput(step)(prepare(value, env))),
      (issue) => new StepInputError({ step: path, issue: issue.message })
    ),
    call
  )
}

const record = (env: Env, id: string) => (output: unknown) => Effect.sync(() => void env.steps.set(id, output))

const scoped = (rt: Runtime, prefix: string, single: boolean, suffix: string): Runtime => ({
  ...rt,
  pathOf: single ? (id) => rt.pathOf(`${id}${suffix}`) : (id) => rt.pathOf(`${prefix}${suffix}/${id}`)
})

/** Interpret a node: `value` flows from the previous node, `env` holds what spec expressions see. */
export const interpret = (node: Node, value: unknown, env: Env, rt: Runtime): Erased => {
  switch (node._tag) {
    case "Step":
      return Effect.tap(stepEffect(node, value, env, rt), record(env, node.id))
    case "Map":
      return Effect.tap(
        Effect.sync(() => node.f(value, env)),
        record(env, node.id)
      )
    case "Sequence":
      return Effect.suspend(() => {
        let effect: Erased = Effect.succeed(value)
        for (const child of node.nodes) {
          effect = Effect.flatMap(effect, (v) => interpret(child, v, env, rt))
        }
        return effect
      })
    case "Parallel":
      return Effect.tap(
        Effect.map(
          Effect.all(
            node.branches.map(([, branch]) => interpret(branch, value, env, rt)),
            { concurrency: "unbounded" }
          ),
          (outputs) => Object.fromEntries(node.branches.map(([key], i) => [key, outputs[i]]))
        ),
        record(env, node.id)
      )
    case "Branch":
      return Effect.tap(
        Effect.suspend(() =>
          interpret(node.condition(value, env) ? node.onTrue : node.onFalse, value, env, rt)
        ),
        record(env, node.id)
      )
    case "ForEach":
      return Effect.tap(
        Effect.suspend((): Erased => {
          const items = node.items === undefined ? (value as ReadonlyArray<unknown>) : node.items(value, env)
          const single = node.body._tag === "Step"
          const one = (item: unknown, index: number): Erased =>
            interpret(
              node.body,
              item,
              { input: env.input, steps: new Map(env.steps), item, index, iteration: env.iteration },
              scoped(rt, node.id, single, `#${index}`)
            )
          if (node.failures === "failFast") {
            return Effect.forEach(items, one, { concurrency: node.concurrency })
          }
          return Effect.map(
            Effect.forEach(items, (item, index) => Effect.result(one(item, index)), { concurrency: node.concurrency }),
            (results) => {
              const outputs: Array<unknown> = []
              const failures: Array<{ readonly index: number; readonly error: unknown }> = []
              results.forEach((r, index) => {
                if (r._tag === "Success") outputs.push(r.success)
                else failures.push({ index, error: r.failure })
              })
              return { outputs, failures }
            }
          )
        }),
        record(env, node.id)
      )
    case "Loop": {
      const single = node.body._tag === "Step"
      const iterate = (current: unknown, iteration: number): Erased => {
        if (iteration > node.maxIterations) {
          return Effect.fail(new LoopLimitError({ loop: rt.pathOf(node.id), maxIterations: node.maxIterations }))
        }
        const inner: Env = { input: env.input, steps: env.steps, item: env.item, index: env.index, iteration }
        return Effect.flatMap(interpret(node.body, current, inner, scoped(rt, node.id, single, `@${iteration}`)), (next) =>
          node.until(next, iteration, inner) ? Effect.succeed(next) : iterate(next, iteration + 1)
        )
      }
      return Effect.tap(
        Effect.suspend(() => iterate(value, 1)),
        record(env, node.id)
      )
    }
  }
}

/** A runtime at the top of a run. */
export const rootRuntime = (sink: Sink, mode: Mode): Runtime => ({ sink, mode, pathOf: (id) => id })

/** A fresh environment for a run with this input. */
export const rootEnv = (input: unknown): Env => ({
  input,
  steps: new Map(),
  item: undefined,
  index: undefined,
  iteration: undefined
})
