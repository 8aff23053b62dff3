/**
 * Every domain service of zai-kit in one layer: `layerServices` over a `ZaiClient` you provide, or `layer` /
 * `layerConfig` with the client included (undici on Node, `fetch` on Bun, Deno and edge runtimes, chosen by the
 * package's export conditions).
 *
 * ```ts
 * const program = Effect.gen(function*() {
 *   const chat = yield* Chat.Chat
 *   return yield* chat.create({ model: "glm-4.6", messages: [{ role: "user", content: "Hello" }] })
 * }).pipe(Effect.provide(Zai.layer({ apiKey: "..." })))
 * ```
 *
 * @since 0.1.0
 */
import { Agents, Assistant } from "@zai-kit/agents"
import { Audio, Voices } from "@zai-kit/audio"
import { Chat } from "@zai-kit/chat"
import { Documents } from "@zai-kit/documents"
import { Embeddings } from "@zai-kit/embeddings"
import { Batches, Files } from "@zai-kit/files"
import { FineTuning } from "@zai-kit/fine-tuning"
import { Images } from "@zai-kit/images"
import { Knowledge } from "@zai-kit/knowledge"
import type { ZaiClient, ZaiConfig } from "@zai-kit/transport"
import { Videos } from "@zai-kit/videos"
import { Web } from "@zai-kit/web"
import { type Config, Layer } from "effect"
import * as Platform from "#platform"

/**
 * Every domain service: `Chat`, `Embeddings`, `Images`, `Videos`, `Audio`, `Voices`, `Web`, `Documents`, `Files`,
 * `Batches`, `FineTuning`, `Knowledge`, `Agents` and `Assistant`.
 *
 * @since 0.1.0
 */
export type Services =
  | Chat.Chat
  | Embeddings.Embeddings
  | Images.Images
  | Videos.Videos
  | Audio.Audio
  | Voices.Voices
  | Web.Web
  | Documents.Documents
  | Files.Files
  | Batches.Batches
  | FineTuning.FineTuning
  | Knowledge.Knowledge
  | Agents.Agents
  | Assistant.Assistant

/**
 * Every domain service on the `ZaiClient` of the context (bring your own client, e.g. `TestLayers.layerZaiClient`).
 *
 * @since 0.1.0
 */
export const layerServices: Layer.Layer<Services, never, ZaiClient.ZaiClient> = Layer.mergeAll(
  Chat.Chat.layer,
  Embeddings.Embeddings.layer,
  Images.Images.layer,
  Videos.Videos.layer,
  Audio.Audio.layer,
  Voices.Voices.layer,
  Web.Web.layer,
  Documents.Documents.layer,
  Files.Files.layer,
  Batches.Batches.layer,
  FineTuning.FineTuning.layer,
  Knowledge.Knowledge.layer,
  Agents.Agents.layer,
  Assistant.Assistant.layer
)

/**
 * Which HTTP stack `layer` and `layerConfig` use in this runtime: `"undici"` on Node, `"fetch"` elsewhere.
 *
 * @since 0.1.0
 */
export const transport: "undici" | "fetch" = Platform.transport

/**
 * Every domain service and the `ZaiClient` under them, from options.
 *
 * @since 0.1.0
 */
export const layer = (options: ZaiConfig.Options): Layer.Layer<Services | ZaiClient.ZaiClient> =>
  Layer.provideMerge(layerServices, Platform.layerClient(options))

/**
 * Every domain service and the `ZaiClient` under them, configured from `ZAI_API_KEY`, `ZAI_BASE_URL` and
 * `ZAI_REGION` (through the current `ConfigProvider`) plus overrides.
 *
 * @since 0.1.0
 */
export const layerConfig = (
  overrides?: ZaiClient.Overrides
): Layer.Layer<Services | ZaiClient.ZaiClient, Config.ConfigError> =>
  Layer.provideMerge(layerServices, Platform.layerClientConfig(overrides))
