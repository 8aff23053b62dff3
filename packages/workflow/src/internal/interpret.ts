import { Cause, Clock, Duration, Effect, Exit, Option, Schedule, Schema } from "effect"
import { Activity } from "effect/workflow"
import { LoopLimitError, StepInputError, StepTimeoutError } from "../PipelineError.js"
import type { RunEvent } from "../RunEvent.js"
import type * as Step from "../Step.js"
import { StepCache } from "../StepCache.js"
import { addUsage, emptyUsage, StepContext, type Usage } from "../StepContext.js"
import type { Env, Node } from "./graph.js"
import { hash64, stableJson } from "./stableJson.js"

/** Where a run's events go, and its running usage total. */
export interface Sink {
  readonly runId: string
  readonly emit: (event: RunEvent) => Effect.Effect<void>
  usage: Usage
}

/** A sink that drops everything (runs resumed by a durable engine in a process nobody watches). */
export const noopSink = (runId: string): Sink => ({ runId, emit: () => Effect.void, usage: emptyUsage })

/** Sinks of the runs this process watches, by execution id. */
export const sinks = new Map<string, Sink>()

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

const runStep = (step: Step.Any, path: string, input: unknown, rt: Runtime): Erased =>
  Effect.gen(function* () {
    const policies = step.policies
    const kind = step.name
    const sink = rt.sink
    const runId = sink.runId
    const outputCodec = Schema.toCodecJson(step.output) as unknown as Schema.Codec<unknown, unknown>
    let cacheKey: string | undefined
    const cache = yield* StepCache
    if (policies.cache !== undefined) {
      cacheKey = `${kind}:${policies.cache.key === undefined ? hash64(stableJson(input)) : policies.cache.key(input)}`
      const hit = yield* cache.get(cacheKey)
      if (Option.isSome(hit)) {
        const decoded = yield* Effect.option(Schema.decodeUnknownEffect(outputCodec)(hit.value))
        if (Option.isSome(decoded)) {
          yield* sink.emit({ _tag: "StepCached", runId, step: path, kind, key: cacheKey, at: yield* now })
          return decoded.value
        }
      }
    }
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
      if (cacheKey !== undefined && policies.cache !== undefined) {
        const encoded = yield* Effect.option(Schema.encodeUnknownEffect(outputCodec)(exit.value))
        if (Option.isSome(encoded)) yield* cache.set(cacheKey, encoded.value, policies.cache.ttl)
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

const errorSchema = (step: Step.Any): Schema.Top =>
  step.error === undefined ? Schema.Any : Schema.Union([step.error, StepTimeoutError])

const stepEffect = (node: Extract<Node, { _tag: "Step" }>, value: unknown, env: Env, rt: Runtime): Erased =>
  Effect.gen(function* () {
    const step = node.step
    const path = rt.pathOf(node.id)
    let input = value
    if (node.prepare !== undefined) {
      const prepared = node.prepare(value, env)
      input = yield* Schema.decodeUnknownEffect(step.input as Schema.Codec<unknown, unknown>)(prepared).pipe(
        Effect.mapError((issue) => new StepInputError({ step: path, issue: issue.message }))
      )
    }
    const body = runStep(step, path, input, rt)
    if (rt.mode === "inline") return yield* body
    return yield* Activity.make({
      name: path,
      success: step.output,
      error: errorSchema(step),
      execute: body
    })
  })

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
              { input: env.input, steps: new Map(env.steps), item, index },
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
      const iterate = (current: unknown, iteration: number): Erased =>
        iteration > node.maxIterations
          ? Effect.fail(new LoopLimitError({ loop: rt.pathOf(node.id), maxIterations: node.maxIterations }))
          : Effect.flatMap(interpret(node.body, current, env, scoped(rt, node.id, single, `@${iteration}`)), (next) =>
              node.until(next, iteration) ? Effect.succeed(next) : iterate(next, iteration + 1)
            )
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
export const rootEnv = (input: unknown): Env => ({ input, steps: new Map(), item: undefined, index: undefined })
