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

/** State shared across requests. */
export interface State {
  readonly options: ResolvedOptions
  readonly tasks: Map<string, AsyncTask>
  /** A counter that makes ids unique per simulator run while staying reproducible. */
  readonly nextSequence: () => number
  /** Forgets tasks and restarts the counter. */
  readonly reset: () => void
}

/** Fresh state. */
export const make = (options: ResolvedOptions): State => {
  let sequence = 0
  const tasks = new Map<string, AsyncTask>()
  return {
    options,
    tasks,
    nextSequence: () => ++sequence,
    reset: () => {
      tasks.clear()
      sequence = 0
    }
  }
}
