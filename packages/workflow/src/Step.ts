/**
 * A `Step` is one unit of work in a pipeline: a name, input and output Schemas, an Effect, and
 * policies (retry, timeout, cache, concurrency).
 *
 * ```ts
 * const search = Step.make({
 *   name: "search",
 *   input: Schema.Struct({ topic: Schema.String }),
 *   output: Schema.Struct({ urls: Schema.Array(Schema.String) }),
 *   run: ({ topic }) => web.search(topic),
 *   retry: Schedule.exponential("200 millis").pipe(Schedule.upTo({ times: 3 })),
 *   timeout: "30 seconds",
 *   cache: { ttl: "1 hour" }
 * })
 * ```
 *
 * Retries apply by default only to errors that say they are retryable (`isRetryable: true`,
 * see `PipelineError.isRetryable`); the schedule runs inside the step's activity, so backoff
 * works on every engine. A `timeout` bounds each attempt and fails with `StepTimeoutError`.
 *
 * @since 0.1.0
 */
import { Duration, type Effect, type Pipeable, type Schedule, Schema, Semaphore } from "effect"
import { dual } from "effect/Function"
import { isRetryable, type StepTimeoutError } from "./PipelineError.js"

/** @internal */
export const TypeId: unique symbol = Symbol.for("@zai-kit/workflow/Step")

/** Retry policy of a step: a schedule, and which errors it applies to. */
export interface RetryPolicy {
  /** The schedule (its input is the step's error; erased here). */
  readonly schedule: Schedule.Schedule<unknown, never>
  readonly while: (error: unknown) => boolean
}

/** Cache policy of a step: time to live, and an optional key function (default: stable JSON hash of the input). */
export interface CachePolicy {
  readonly ttl: Duration.Duration
  readonly key: ((input: unknown) => string) | undefined
}

/** The policies of a step, as stored. */
export interface Policies {
  readonly retry: RetryPolicy | undefined
  readonly timeout: Duration.Duration | undefined
  readonly cache: CachePolicy | undefined
  readonly concurrency: number | undefined
  /** One semaphore per step kind, shared by every run in the process. */
  readonly semaphore: Semaphore.Semaphore | undefined
}

/**
 * A typed step: consumes `In`, produces `Out`, may fail with `E`, needs `R`.
 * `In` is contravariant and `Out` covariant, so a step accepting `{ a: string }` fits after one
 * producing `{ a: string; b: number }`.
 */
export interface Step<in In, out Out, out E = never, out R = never> extends Pipeable.Pipeable {
  readonly [TypeId]: {
    readonly _In: (_: In) => void
    readonly _Out: () => Out
    readonly _E: () => E
    readonly _R: () => R
  }
  readonly _tag: "Step"
  /** The step kind: names the activity, the semaphore, the cache namespace and the events. */
  readonly name: string
  readonly description: string | undefined
  /** Schema of the input (its `Type` is `In`). */
  readonly input: Schema.Top
  /** Schema of the output (its `Type` is `Out`); encodes the output for the engine's journal and the cache. */
  readonly output: Schema.Top
  /** Schema of the errors, for durable engines that persist failures (default: `Schema.Any`, which keeps errors as they are on the in-memory engine). */
  readonly error: Schema.Top | undefined
  /** The implementation. */
  readonly run: (input: In) => Effect.Effect<Out, E, R>
  readonly policies: Policies
}

/** A step of any type (for constraints). */
export type Any = Step<never, unknown, unknown, unknown>

/** The input type of a step. */
export type Input<S> = S extends Step<infer I, infer _O, infer _E, infer _R> ? I : never
/** The output type of a step. */
export type Output<S> = S extends Step<infer _I, infer O, infer _E, infer _R> ? O : never

/** A retry policy as written by the caller: a schedule (retryable errors only), or a schedule and a predicate. */
export type RetryInput<E> =
  | Schedule.Schedule<unknown, E>
  | { readonly schedule: Schedule.Schedule<unknown, E>; readonly while?: ((error: E) => boolean) | undefined }

/** A cache policy as written by the caller. */
export interface CacheInput<In> {
  readonly ttl: Duration.Input
  readonly key?: ((input: In) => string) | undefined
}

/** Options of `Step.make`. */
export interface MakeOptions<IS extends Schema.Top, OS extends Schema.Top, E, R, T> {
  readonly name: string
  readonly description?: string | undefined
  readonly input: IS
  readonly output: OS
  readonly error?: Schema.Top | undefined
  readonly run: (input: IS["Type"]) => Effect.Effect<OS["Type"], E, R>
  readonly retry?: RetryInput<E | StepTimeoutError> | undefined
  readonly timeout?: T
  readonly cache?: CacheInput<IS["Type"]> | undefined
  /** At most this many attempts of this step kind run at once, across all runs in the process. */
  readonly concurrency?: number | undefined
}

const isSchedule = (u: RetryInput<never>): u is Schedule.Schedule<unknown, never> => !("schedule" in u)

const Proto = {
  pipe(this: unknown, ...fns: ReadonlyArray<(a: unknown) => unknown>) {
    return fns.reduce((acc, f) => f(acc), this)
  }
}

/** @internal builds a step from erased parts (used by `make`, `withPolicies` and spec compilation). */
export const unsafeMake = <In, Out, E, R>(fields: {
  readonly name: string
  readonly description: string | undefined
  readonly input: Schema.Top
  readonly output: Schema.Top
  readonly error: Schema.Top | undefined
  readonly run: (input: In) => Effect.Effect<Out, E, R>
  readonly policies: Policies
}): Step<In, Out, E, R> => {
  const self = Object.create(Proto)
  Object.assign(self, fields, { _tag: "Step", [TypeId]: TypeId })
  return self
}

const toRetry = (retry: RetryInput<never> | undefined): RetryPolicy | undefined => {
  if (retry === undefined) return undefined
  if (isSchedule(retry)) return { schedule: retry, while: isRetryable }
  const predicate = retry.while
  return {
    schedule: retry.schedule,
    while: predicate === undefined ? isRetryable : (error) => predicate(error as never)
  }
}

const toPolicies = (options: {
  readonly retry?: RetryInput<never> | undefined
  readonly timeout?: Duration.Input | undefined
  readonly cache?: CacheInput<never> | undefined
  readonly concurrency?: number | undefined
}): Policies => {
  const cache = options.cache
  const key = cache?.key
  return {
    retry: toRetry(options.retry),
    timeout: options.timeout === undefined ? undefined : Duration.fromInputUnsafe(options.timeout),
    cache:
      cache === undefined
        ? undefined
        : { ttl: Duration.fromInputUnsafe(cache.ttl), key: key === undefined ? undefined : (i) => key(i as never) },
    concurrency: options.concurrency,
    semaphore: options.concurrency === undefined ? undefined : Semaphore.makeUnsafe(options.concurrency)
  }
}

/**
 * Define a step. The output type is the `output` schema's `Type`; a `timeout` adds
 * `StepTimeoutError` to the error type.
 */
export const make = <
  IS extends Schema.Top,
  OS extends Schema.Top,
  E = never,
  R = never,
  const T extends Duration.Input | undefined = undefined
>(
  options: MakeOptions<IS, OS, E, R, T>
): Step<IS["Type"], OS["Type"], E | ([T] extends [undefined] ? never : StepTimeoutError), R> =>
  unsafeMake({
    name: options.name,
    description: options.description,
    input: options.input,
    output: options.output,
    error: options.error,
    run: options.run,
    policies: toPolicies({
      retry: options.retry as RetryInput<never> | undefined,
      timeout: options.timeout,
      cache: options.cache as CacheInput<never> | undefined,
      concurrency: options.concurrency
    })
  })

/** New policies for an existing step (spec files use this for per-step `retry`, `timeout`, `cache`). */
export interface PolicyOverrides<In, E> {
  readonly retry?: RetryInput<E | StepTimeoutError> | undefined
  readonly timeout?: Duration.Input | undefined
  readonly cache?: CacheInput<In> | undefined
  readonly concurrency?: number | undefined
}

/** Override some policies of a step (others are kept). A new `timeout` adds `StepTimeoutError` to the errors. */
export const withPolicies: {
  /** Override some policies of a step (others are kept). */
  <In, E>(
    overrides: PolicyOverrides<In, E>
  ): <Out, R>(self: Step<In, Out, E, R>) => Step<In, Out, E | StepTimeoutError, R>
  /** Override some policies of a step (others are kept). */
  <In, Out, E, R>(self: Step<In, Out, E, R>, overrides: PolicyOverrides<In, E>): Step<In, Out, E | StepTimeoutError, R>
} = dual(2, (self: Any, overrides: PolicyOverrides<never, never>) => applyPolicies(self, overrides))

const applyPolicies = (self: Any, overrides: PolicyOverrides<never, never>): Any => {
  const next = toPolicies(overrides)
  return unsafeMake({
    name: self.name,
    description: self.description,
    input: self.input,
    output: self.output,
    error: self.error,
    run: self.run,
    policies: {
      retry: overrides.retry === undefined ? self.policies.retry : next.retry,
      timeout: overrides.timeout === undefined ? self.policies.timeout : next.timeout,
      cache: overrides.cache === undefined ? self.policies.cache : next.cache,
      concurrency: overrides.concurrency === undefined ? self.policies.concurrency : next.concurrency,
      semaphore: overrides.concurrency === undefined ? self.policies.semaphore : next.semaphore
    }
  })
}

/** Whether a value is a step. */
export const isStep = (u: unknown): u is Any => typeof u === "object" && u !== null && TypeId in u

/** Decode an unknown value with the step's input schema (used for inputs built at run time). */
export const decodeInput = (step: Any): ((input: unknown) => Effect.Effect<unknown, Schema.SchemaError>) =>
  Schema.decodeUnknownEffect(step.input as Schema.Codec<unknown, unknown>)
