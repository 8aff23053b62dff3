/**
 * What `/readyz` checks: each part of the server that must work before it takes requests (storage, engine), as named
 * checks that fail with a message.
 *
 * @since 0.1.0
 */
import { Context, Effect, Layer } from "effect"

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** The kind of storage (`sqlite:<path>`, `postgres`, `memory`). */
  readonly storage: string
  /** Runs every check: the names of the passing checks, or the first failure's message. */
  readonly check: Effect.Effect<Record<string, "ok">, string>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Readiness extends Context.Service<Readiness, Service>()("@zai-kit/server/Readiness") {}

/**
 * Readiness from named checks.
 *
 * @since 0.1.0
 */
export const make = (storage: string, checks: Record<string, Effect.Effect<void, string>>): Service => ({
  storage,
  check: Effect.gen(function*() {
    const passed: Record<string, "ok"> = {}
    for (const [name, check] of Object.entries(checks)) {
      yield* Effect.mapError(check, (message) => `${name}: ${message}`)
      passed[name] = "ok"
    }
    return passed
  })
})

/**
 * Readiness from named checks, as a layer.
 *
 * @since 0.1.0
 */
export const layer = (storage: string, checks: Record<string, Effect.Effect<void, string>>): Layer.Layer<Readiness> =>
  Layer.succeed(Readiness, make(storage, checks))
