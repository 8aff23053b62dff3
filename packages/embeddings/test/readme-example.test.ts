import { readFileSync } from "node:fs"
import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { ConfigProvider } from "effect"
// README example: start
import { Embeddings, Similarity } from "@zai-kit/embeddings"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Layer } from "effect"

const docs = ["Cats purr when they are content", "The stock market fell sharply today", "Kittens purr and knead"]

const program = Effect.gen(function*() {
  const embeddings = yield* Embeddings.Embeddings
  const query = yield* embeddings.embed("why do cats purr", { dimensions: 512 })
  const vectors = yield* embeddings.embedMany(docs, { dimensions: 512 }) // batched by 64, input order kept
  const ranked = Similarity.rank(query, docs.map((item, i) => ({ item, vector: vectors[i] ?? [] })))
  return ranked.map((r) => r.item)
}).pipe(Effect.provide(Embeddings.Embeddings.layer.pipe(Layer.provide(ZaiClient.layerConfigFetch())))) // reads ZAI_API_KEY
// README example: end

layer(Simulator.layer())("README example", (it) => {
  it.effect("runs against the simulator", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const config = ConfigProvider.fromUnknown({ ZAI_API_KEY: sim.apiKey, ZAI_BASE_URL: sim.url })
      const ranked = yield* program.pipe(Effect.provide(ConfigProvider.layer(config)))
      assert.strictEqual(ranked[0], "Cats purr when they are content")
      assert.strictEqual(ranked[2], "The stock market fell sharply today")
      assert.deepStrictEqual((yield* Simulator.requests).map((r) => r.path), ["/embeddings", "/embeddings"])
    }))
})

describe("README", () => {
  it("shows exactly the tested example", () => {
    const source = readFileSync(new URL("./readme-example.test.ts", import.meta.url), "utf8")
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
    const shown = /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    const start = source.indexOf("// README example: start\n") + "// README example: start\n".length
    const end = source.indexOf("// README example: end")
    assert.strictEqual(shown, source.slice(start, end))
  })
})
