import { readFileSync } from "node:fs"
import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { ConfigProvider, Exit } from "effect"
import { driveClock, seedDocument } from "./utils.js"
// README example: start
import { Knowledge } from "@zai-kit/knowledge"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Layer, Stream } from "effect"

const KnowledgeLive = Knowledge.Knowledge.layer.pipe(Layer.provide(ZaiClient.layerConfigFetch())) // reads ZAI_API_KEY

const program = Effect.gen(function*() {
  const knowledge = yield* Knowledge.Knowledge
  const kb = yield* knowledge.create({ embedding_id: 3, name: "Manuals", icon: "book" })
  yield* knowledge.update(kb.id, { description: "Product manuals" }) // the API answers an empty body
  const names = yield* knowledge.list({ size: 50 }).pipe(Stream.map((k) => k.name), Stream.runCollect) // pages itself
  const capacity = yield* knowledge.capacity()
  return { id: kb.id, names, usedWords: capacity.used?.word_num }
}).pipe(Effect.provide(KnowledgeLive))

// a document uploaded with POST /files (purpose "retrieval", knowledge_id): wait until it is embedded
const embedded = (documentId: string) =>
  Knowledge.Knowledge.use((knowledge) => knowledge.waitForEmbedding(documentId)).pipe(Effect.provide(KnowledgeLive))
// README example: end

layer(Simulator.layer())("README example", (it) => {
  it.effect("runs against the simulator (polling on the test clock)", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const config = ConfigProvider.layer(ConfigProvider.fromUnknown({ ZAI_API_KEY: sim.apiKey, ZAI_BASE_URL: sim.url }))
      const result = yield* program.pipe(Effect.provide(config))
      assert.deepStrictEqual(result.names, ["Manuals"])
      assert.strictEqual(result.usedWords, 0)
      const document = yield* seedDocument(result.id, { name: "router.md", text: "hold reset for ten seconds" }).pipe(
        Effect.provide(ZaiClient.layerConfigFetch().pipe(Layer.provide(config)))
      )
      const fiber = yield* Effect.forkChild(embedded(document.id).pipe(Effect.provide(config)))
      const exit = yield* driveClock(fiber)
      assert.isTrue(Exit.isSuccess(exit))
      if (Exit.isSuccess(exit)) assert.strictEqual(exit.value.embedding_stat, 1)
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
