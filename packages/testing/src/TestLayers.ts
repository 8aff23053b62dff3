/**
 * Ready-made layers for tests: the simulator plus a real `ZaiClient` from `@zai-kit/transport` aimed at it.
 *
 * @since 0.1.0
 */
import { ZaiClient, type ZaiConfig } from "@zai-kit/transport"
import * as TransportNode from "@zai-kit/transport/node"
import { type Duration, Effect, type Exit, Fiber, Layer } from "effect"
import { TestClock } from "effect/testing"
import type * as Faults from "./Faults.js"
import * as Simulator from "./Simulator.js"

/**
 * Options of {@link layerZaiClient}.
 *
 * @since 0.1.0
 */
export interface Options {
  /** Options of the simulator (key, queued faults, seed, async polls, ...). */
  readonly simulator?: Simulator.Options
  /**
   * Client options on top of `{ apiKey: simulator.apiKey, baseUrl: simulator.url }` (retries, timeouts, `auth: "jwt"`,
   * headers, `transformClient`, ...).
   */
  readonly client?: Partial<ZaiConfig.Options>
  /** The HTTP client under `ZaiClient`: `fetch` (default, `ZaiClient.layerFetch`) or `undici` (`layerUndici`). */
  readonly http?: "fetch" | "undici"
}

/**
 * The simulator and a `ZaiClient` pointed at it, both in one layer. The simulator starts on a random port and stops
 * with the layer's scope; use `Simulator.Simulator` in the test to inject faults and read the recorded requests.
 *
 * @since 0.1.0
 */
export const layerZaiClient = (
  options: Options = {}
): Layer.Layer<Simulator.Simulator | ZaiClient.ZaiClient, Simulator.SimulatorError | Faults.InvalidFault> => {
  const client = Layer.unwrap(
    Effect.map(Simulator.Simulator, (sim: Simulator.Service) => {
      const config: ZaiConfig.Options = { apiKey: sim.apiKey, baseUrl: sim.url, ...options.client }
      return options.http === "undici" ? TransportNode.layerUndici(config) : ZaiClient.layerFetch(config)
    })
  )
  return Layer.provideMerge(client, Simulator.layer(options.simulator))
}

/**
 * A service layer on {@link layerZaiClient}: the simulator, a `ZaiClient` aimed at it and the service(s) of
 * `service`, all in the output. Retries are off (`maxRetries: 0`, so a fault surfaces at once) unless
 * `options.client` sets them.
 *
 * @example
 * ```ts
 * const layer = (options: Simulator.Options = {}) => TestLayers.layerService(Images.layer, { simulator: options })
 * ```
 *
 * @since 0.1.0
 */
export const layerService = <ROut, E, RIn>(
  service: Layer.Layer<ROut, E, RIn>,
  options: Options = {}
): Layer.Layer<
  ROut | Simulator.Simulator | ZaiClient.ZaiClient,
  E | Simulator.SimulatorError | Faults.InvalidFault,
  Exclude<RIn, Simulator.Simulator | ZaiClient.ZaiClient>
> => Layer.provideMerge(service, layerZaiClient({ ...options, client: { maxRetries: 0, ...options.client } }))

/**
 * Options of {@link drive}.
 *
 * @since 0.1.0
 */
export interface DriveOptions {
  /** Virtual time added per round (default 25 ms): the resolution of measured waits. */
  readonly step?: Duration.Input
  /** Real time between rounds, for the sockets to make progress (default 2 ms). */
  readonly pauseMs?: number
  /** Rounds before giving up and interrupting the fiber (default 20 000). */
  readonly maxRounds?: number
}

/**
 * Runs a forked call against the simulator to completion under the `TestClock`: the sockets work in real time,
 * and between short real pauses the virtual clock moves on by `step`, so the client's retry delays and timeouts
 * (Effect sleeps) elapse without real waiting. Returns the fiber's exit.
 *
 * @since 0.1.0
 */
export const drive = <A, E>(fiber: Fiber.Fiber<A, E>, options: DriveOptions = {}): Effect.Effect<Exit.Exit<A, E>> =>
  Effect.gen(function* () {
    const step = options.step ?? "25 millis"
    const pauseMs = options.pauseMs ?? 2
    const maxRounds = options.maxRounds ?? 20_000
    const pause = Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, pauseMs)))
    for (let round = 0; round < maxRounds && fiber.pollUnsafe() === undefined; round++) {
      yield* pause
      yield* TestClock.adjust(step)
    }
    if (fiber.pollUnsafe() === undefined) yield* Fiber.interrupt(fiber)
    return yield* Fiber.await(fiber)
  })
