/**
 * Ready-made layers for tests: the simulator plus a real `ZaiClient` from `@zai-kit/transport` aimed at it.
 *
 * @since 0.1.0
 */
import { ZaiClient, type ZaiConfig } from "@zai-kit/transport"
import * as TransportNode from "@zai-kit/transport/node"
import { Effect, Layer } from "effect"
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
