/**
 * Handlers loaded on first use: a command's definition (flags, help) is light, its implementation (domain services,
 * the simulator, the HTTP client) is a separate chunk of the bundle, so `zai --help` does not load it.
 * @internal
 */
import { Effect } from "effect"

/** A command handler that imports its module when the command runs and calls its `run`. */
export const handler =
  <A, X, E, R>(load: () => Promise<{ readonly run: (args: A) => Effect.Effect<X, E, R> }>) =>
  (args: A): Effect.Effect<X, E, R> =>
    Effect.flatMap(
      Effect.promise(load),
      (module) => module.run(args)
    )
