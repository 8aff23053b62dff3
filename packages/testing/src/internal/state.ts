/**
 * Mutable simulator state shared by the server and the routes.
 * @internal
 */

/** Options after defaults. */
export interface ResolvedOptions {
  readonly apiKey: string | undefined
  readonly seed: string
  readonly asyncPolls: number
  readonly chunkWords: number
  readonly chunkDelayMs: number
}

/** An async task created by `POST /async/...`. */
export interface AsyncTask {
  readonly id: string
  readonly requestId: string
  readonly model: string
  /** Polls answered so far. */
  polls: number
  /** Ends in `FAIL` instead of `SUCCESS`. */
  readonly fail: boolean
  /** Fields of the final `SUCCESS` body (`choices`, `usage`, ...). */
  readonly result: Readonly<Record<string, unknown>>
}

/** The key of a domain's own store in the state (fine-tuning jobs, knowledge bases, ...): `make` builds it empty. */
export interface StoreKey<A> {
  readonly name: string
  readonly make: () => A
}

/** State shared across requests. */
export interface State {
  readonly options: ResolvedOptions
  readonly tasks: Map<string, AsyncTask>
  /** A domain's store, made on first use (one per key object); `reset` drops every store. */
  readonly store: <A>(key: StoreKey<A>) => A
  /** A counter that makes ids unique per simulator run while staying reproducible. */
  readonly nextSequence: () => number
  /** Forgets tasks and restarts the counter. */
  readonly reset: () => void
}

/** Fresh state. */
export const make = (options: ResolvedOptions): State => {
  let sequence = 0
  const tasks = new Map<string, AsyncTask>()
  const stores = new Map<StoreKey<unknown>, unknown>()
  const store = <A>(key: StoreKey<A>): A => {
    if (!stores.has(key)) stores.set(key, key.make())
    // the value under a key is always the one its own `make` built
    return stores.get(key) as A
  }
  return {
    options,
    tasks,
    store,
    nextSequence: () => ++sequence,
    reset: () => {
      tasks.clear()
      stores.clear()
      sequence = 0
    }
  }
}
