/**
 * The Effect side: `Zai.layerServices` gives every domain service over any `ZaiClient`; `Zai.layer` and
 * `Zai.layerConfig` bring their own client (undici on Node).
 */
import { assert, describe, it } from "@effect/vitest"
import { Agents, Assistant } from "@zai-kit/agents"
import { Audio, Voices } from "@zai-kit/audio"
import { Chat } from "@zai-kit/chat"
import { Documents } from "@zai-kit/documents"
import { Embeddings } from "@zai-kit/embeddings"
import { Batches, Files } from "@zai-kit/files"
import { FineTuning } from "@zai-kit/fine-tuning"
import { Images } from "@zai-kit/images"
import { Knowledge } from "@zai-kit/knowledge"
import { Layers, Zai, ZaiLanguageModel } from "@zai-kit/sdk"
import { Simulator, TestLayers } from "@zai-kit/testing"
import { ZaiClient } from "@zai-kit/transport"
import { Videos } from "@zai-kit/videos"
import { Web } from "@zai-kit/web"
import { ConfigProvider, Effect, Exit, Layer } from "effect"
import { LanguageModel } from "effect/ai"

const messages = [{ role: "user" as const, content: "Hello tea" }]

/** Reads every service from the context and makes one call with two of them. */
const useAll = Effect.gen(function*() {
  const services = [
    yield* Chat.Chat,
    yield* Embeddings.Embeddings,
    yield* Images.Images,
    yield* Videos.Videos,
    yield* Audio.Audio,
    yield* Voices.Voices,
    yield* Web.Web,
    yield* Documents.Documents,
    yield* Files.Files,
    yield* Batches.Batches,
    yield* FineTuning.FineTuning,
    yield* Knowledge.Knowledge,
    yield* Agents.Agents,
    yield* Assistant.Assistant
  ]
  const completion = yield* Chat.create({ model: "glm-4.6", messages })
  const vector = yield* Embeddings.Embeddings.use((e) => e.embed("tea"))
  return { count: services.length, text: completion.choices?.[0]?.message?.content ?? "", dims: vector.length }
})

describe("Zai layers", () => {
  it.live("layerServices provides every domain service over the ZaiClient of the context", () =>
    Effect.gen(function*() {
      const result = yield* useAll.pipe(Effect.provide(Zai.layerServices.pipe(Layer.provideMerge(TestLayers.layerZaiClient()))))
      assert.strictEqual(result.count, 14)
      assert.include(result.text, "Hello tea")
      assert.isAbove(result.dims, 0)
    }))

  it.live("layer(options) brings its own client", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const result = yield* useAll.pipe(Effect.provide(Zai.layer({ apiKey: sim.apiKey, baseUrl: sim.url, maxRetries: 0 })))
      assert.include(result.text, "Hello tea")
      const client = yield* ZaiClient.ZaiClient.pipe(Effect.provide(Zai.layer({ apiKey: sim.apiKey, baseUrl: sim.url })))
      assert.strictEqual(client.config.baseUrl, sim.url)
    }).pipe(Effect.provide(Simulator.layer())))

  it.live("layerConfig() reads ZAI_API_KEY and ZAI_BASE_URL from the ConfigProvider, overrides on top", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const env = ConfigProvider.layer(ConfigProvider.fromUnknown({ ZAI_API_KEY: sim.apiKey, ZAI_BASE_URL: sim.url }))
      const result = yield* useAll.pipe(Effect.provide(Zai.layerConfig({ maxRetries: 0 }).pipe(Layer.provide(env))))
      assert.include(result.text, "Hello tea")
      const client = yield* ZaiClient.ZaiClient.pipe(Effect.provide(Zai.layerConfig({ maxRetries: 0 }).pipe(Layer.provide(env))))
      assert.strictEqual(client.config.maxRetries, 0)
      const missing = yield* Effect.exit(
        useAll.pipe(Effect.provide(Zai.layerConfig().pipe(Layer.provide(ConfigProvider.layer(ConfigProvider.fromUnknown({}))))))
      )
      assert.isTrue(Exit.isFailure(missing))
      assert.include(String(Exit.isFailure(missing) ? missing.cause : ""), "ZAI_API_KEY")
    }).pipe(Effect.provide(Simulator.layer())))

  it.live("re-exports ZaiLanguageModel: effect/ai code runs on GLM over Zai.layer", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const glm = ZaiLanguageModel.model("glm-4.6").pipe(Layer.provide(Zai.layer({ apiKey: sim.apiKey, baseUrl: sim.url })))
      const answer = yield* LanguageModel.generateText({ prompt: "Say hello to Ada" }).pipe(Effect.provide(glm))
      assert.isTrue(answer.text.startsWith("Summary of: Say hello to Ada"), answer.text)
      assert.strictEqual((yield* sim.requests).at(-1)?.path, "/chat/completions")
    }).pipe(Effect.provide(Simulator.layer())))

  it("the statics are the Layers module's, and Node picks undici", () => {
    assert.strictEqual(Zai.layer, Layers.layer)
    assert.strictEqual(Zai.layerConfig, Layers.layerConfig)
    assert.strictEqual(Zai.layerServices, Layers.layerServices)
    assert.strictEqual(Layers.transport, "undici")
  })
})
