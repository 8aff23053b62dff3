import type { Effect, Schema } from "effect"

/** Checks (and completes) a run's input before the run starts; the value it succeeds with is the run's input. */
export type Check = (input: unknown) => Effect.Effect<unknown, unknown>

/**
 * Input checks of pipelines, keyed by their input schema: the combinators keep a pipeline's input schema,
 * so a check registered for it follows every pipeline built on it.
 */
const checks = new WeakMap<Schema.Top, Check>()

/** Register the check of pipelines whose input schema is `schema` (returned for chaining). */
export const register = <S extends Schema.Top>(schema: S, check: Check): S => {
  checks.set(schema, check)
  return schema
}

/** The check registered for an input schema, if any. */
export const of = (schema: Schema.Top | undefined): Check | undefined =>
  schema === undefined ? undefined : checks.get(schema)
