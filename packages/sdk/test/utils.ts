/** A simulator for Promise-based tests: started on 127.0.0.1 in `beforeAll`, stopped in `afterAll`. */
import { Zai } from "@zai-kit/sdk"
import type { ClientOptions } from "@zai-kit/sdk"
import { Simulator } from "@zai-kit/testing"
import { Effect, Exit, Scope } from "effect"
import { afterAll, beforeAll } from "vitest"

/** A running simulator and clients on it. */
export interface Harness {
  readonly sim: () => Simulator.Service
  /** A client on the simulator (no retries unless `options` say so). */
  readonly client: (options?: ClientOptions) => Zai
  /** Requests recorded since the harness started (or since `mark`). */
  readonly requests: () => Promise<ReadonlyArray<Simulator.RecordedRequest>>
  /** Queues faults for the next requests. */
  readonly faults: (faults: ReadonlyArray<string>) => Promise<void>
}

/** Starts a simulator for the file's tests; every client made through it is closed at the end. */
export const useSimulator = (options: Simulator.Options = {}): Harness => {
  let scope: Scope.Closeable | undefined
  let sim: Simulator.Service | undefined
  const clients: Array<Zai> = []
  beforeAll(async () => {
    scope = Scope.makeUnsafe()
    sim = await Effect.runPromise(Simulator.start({ asyncPolls: 1, ...options }).pipe(Scope.provide(scope)))
  })
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()))
    if (scope !== undefined) await Effect.runPromise(Scope.close(scope, Exit.void))
  })
  const current = (): Simulator.Service => {
    if (sim === undefined) throw new Error("simulator not started")
    return sim
  }
  return {
    sim: current,
    client: (clientOptions = {}) => {
      const client = new Zai({ apiKey: current().apiKey, baseURL: current().url, maxRetries: 0, ...clientOptions })
      clients.push(client)
      return client
    },
    requests: () => Effect.runPromise(current().requests),
    faults: (faults) => Effect.runPromise(current().injectFaults(faults))
  }
}

/** The rejection of a promise (fails the test when it resolves). */
export const rejection = async (promise: PromiseLike<unknown>): Promise<unknown> => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("expected the promise to reject, but it resolved")
}
