import type { Effect } from "effect"
import type * as RunStore from "../RunStore.js"

/** The recorded runs living in this process, per store, by run id: how `Runs.cancel` reaches them. */
const byStore = new WeakMap<RunStore.Service, Map<string, Effect.Effect<void>>>()

/** Register a live run's cancel effect. */
export const add = (store: RunStore.Service, runId: string, cancel: Effect.Effect<void>): void => {
  let runs = byStore.get(store)
  if (runs === undefined) {
    runs = new Map()
    byStore.set(store, runs)
  }
  runs.set(runId, cancel)
}

/** Forget a run (it ended). */
export const remove = (store: RunStore.Service, runId: string): void => {
  byStore.get(store)?.delete(runId)
}

/** The cancel effect of a run living in this process, if any. */
export const get = (store: RunStore.Service, runId: string): Effect.Effect<void> | undefined =>
  byStore.get(store)?.get(runId)
