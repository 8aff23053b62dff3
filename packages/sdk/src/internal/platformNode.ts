/**
 * The Node transport: `ZaiClient` on the lean undici client of `@zai-kit/transport/node` (keep-alive pool, no
 * undici timeouts cutting before the client's own). Picked by the `node` condition of the `#platform` import.
 */
import type { ZaiClient, ZaiConfig } from "@zai-kit/transport"
import * as TransportNode from "@zai-kit/transport/node"
import type { Config, Layer } from "effect"

/** Which HTTP stack this build of the package uses. */
export const transport: "undici" | "fetch" = "undici"

/** A `ZaiClient` on undici. */
export const layerClient = (options: ZaiConfig.Options): Layer.Layer<ZaiClient.ZaiClient> =>
  TransportNode.layerUndici(options)

/** A `ZaiClient` on undici, configured from `ZAI_API_KEY`, `ZAI_BASE_URL`, `ZAI_REGION` plus overrides. */
export const layerClientConfig = (
  overrides?: ZaiClient.Overrides
): Layer.Layer<ZaiClient.ZaiClient, Config.ConfigError> => TransportNode.layerConfigUndici(overrides)
