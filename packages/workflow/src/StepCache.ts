/**
 * Where cached step outputs live.
 *
 * A step with a `cache` policy looks its key up here before running, and stores its (encoded)
 * output after a success. The default is a process-wide in-memory store that honours the time to
 * live on the Effect `Clock` (so `TestClock` drives expiry in tests); provide another `StepCache`
 * (a database, Redis, ...) with `Effect.provideService(StepCache.StepCache, ...)` or `layer`.
 *
 * @since 0.1.0
 */
import { Clock, Context, Duration, Effect, Layer, Option } from "effect"

/** A cache of encoded step outputs keyed by string. */
export interface Service {
  /** The cached value for `key`, if present and not expired. */
  readonly get: (key: string) => Effect.Effect<Option.Option<unknown>>
  /** Store `value` under `key` for `ttl`. */
  readonly set: (key: string, value: unknown, ttl: Duration.Duration) => Effect.Effect<void>
}

/** A fresh in-memory cache (entries expire on the Effect clock). */
export const makeMemory = (): Service => {
  const entries = new Map<string, { readonly value: unknown; readonly expiresAt: number }>()
  return {
    get: (key) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        const entry = entries.get(key)
        if (entry === undefined) return Option.none()
        if (entry.expiresAt <= now) {
          entries.delete(key)
          return Option.none()
        }
        return Option.some(entry.value)
      }),
    set: (key, value, ttl) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        entries.set(key, { value, expiresAt: now + Duration.toMillis(ttl) })
      })
  }
}

/** The step cache in use; defaults to one process-wide in-memory cache. */
export const StepCache = Context.Reference<Service>("@zai-kit/workflow/StepCache", {
  defaultValue: makeMemory
})

/** A layer providing a fresh in-memory cache (isolates tests from the process-wide default). */
export const layerMemory: Layer.Layer<never> = Layer.effectContext(
  Effect.sync(() => Context.make(StepCache, makeMemory()))
)
