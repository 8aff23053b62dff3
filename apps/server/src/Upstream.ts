/**
 * Where the server's calls to Z.ai go: the real API when `ZAI_API_KEY` is set (with `ZAI_BASE_URL` / `ZAI_REGION`),
 * otherwise the embedded simulator from `@zai-kit/testing`, started on 127.0.0.1 (said in the start-up log and in
 * `/readyz`). Provides the `ZaiClient` every domain service runs on; the Z.ai key never leaves it.
 *
 * @since 0.1.0
 */
import { type Faults, Simulator } from "@zai-kit/testing"
import { type ZaiClient, ZaiConfig } from "@zai-kit/transport"
import { layerConfigUndici, layerUndici } from "@zai-kit/transport/node"
import { Config, Context, Effect, Layer, Option } from "effect"

/**
 * What the server talks to.
 *
 * @since 0.1.0
 */
export interface Info {
  /** `zai`: the real API; `simulator`: the embedded simulator. */
  readonly mode: "zai" | "simulator"
  /** Base URL of the calls (no secret in it). */
  readonly baseUrl: string
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Upstream extends Context.Service<Upstream, Info>()("@zai-kit/server/Upstream") {}

/**
 * `Upstream` and a `ZaiClient` on the simulator (started with the layer, stopped with it), and the `Simulator` itself.
 *
 * @since 0.1.0
 */
export const layerSimulator = (
  options: Simulator.Options = {}
): Layer.Layer<Upstream | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> =>
  Layer.unwrap(
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* Effect.logWarning("ZAI_API_KEY is not set: calls go to the embedded Z.ai simulator").pipe(
        Effect.annotateLogs({ upstream: sim.url })
      )
      return Layer.merge(
        Layer.succeed(Upstream, { mode: "simulator", baseUrl: sim.url }),
        layerUndici({ apiKey: sim.apiKey, baseUrl: sim.url })
      )
    })
  ).pipe(Layer.provideMerge(Simulator.layer(options)))

/**
 * `Upstream` and a `ZaiClient` on the real API, from `ZAI_API_KEY`, `ZAI_BASE_URL`, `ZAI_REGION`.
 *
 * @since 0.1.0
 */
export const layerZai: Layer.Layer<Upstream | ZaiClient.ZaiClient, Config.ConfigError> = Layer.unwrap(
  Effect.gen(function*() {
    const options = yield* ZaiConfig.config
    const baseUrl = options.baseUrl ?? ZaiConfig.regionBaseUrl(options.region ?? ZaiConfig.defaultRegion)
    yield* Effect.logInfo("calls go to the Z.ai API").pipe(Effect.annotateLogs({ upstream: baseUrl }))
    return Layer.merge(Layer.succeed(Upstream, { mode: "zai", baseUrl }), layerConfigUndici())
  })
)

/**
 * The real API when `ZAI_API_KEY` is set, else the embedded simulator.
 *
 * @since 0.1.0
 */
export const layer: Layer.Layer<
  Upstream | ZaiClient.ZaiClient,
  Config.ConfigError | Simulator.SimulatorError | Faults.InvalidFault
> = Layer.unwrap(
  Effect.map(
    Config.option(Config.NonEmptyString("ZAI_API_KEY")),
    (key): Layer.Layer<
      Upstream | ZaiClient.ZaiClient,
      Config.ConfigError | Simulator.SimulatorError | Faults.InvalidFault
    > => Option.isSome(key) ? layerZai : layerSimulator()
  )
)
