/**
 * The portable transport: `ZaiClient` on `fetch` (Bun, Deno, edge workers, browsers). Picked by every condition but
 * `node` of the `#platform` import.
 */
import { ZaiClient, type ZaiConfig } from "@zai-kit/transport"
import type { Config, Layer } from "effect"

/** Which HTTP stack this build of the package uses. */
export const transport: "undici" | "fetch" = "fetch"

/** A `ZaiClient` on `fetch`. */
export const layerClient = (options: ZaiConfig.Options): Layer.Layer<ZaiClient.ZaiClient> => ZaiClient.layerFetch(options)

/** A `ZaiClient` on `fetch`, configured from `ZAI_API_KEY`, `ZAI_BASE_URL`, `ZAI_REGION` plus overrides. */
export const layerClientConfig = (
  overrides?: ZaiClient.Overrides
): Layer.Layer<ZaiClient.ZaiClient, Config.ConfigError> => ZaiClient.layerConfigFetch(overrides)
