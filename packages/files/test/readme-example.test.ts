import { readFileSync } from "node:fs"
import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator, TestLayers } from "@zai-kit/testing"
import { ConfigProvider, Exit } from "effect"
// README example: start
import { BatchJsonl, Batches, Files } from "@zai-kit/files"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Layer, Stream } from "effect"

const ask = (content: string) => ({ model: "glm-4.6", messages: [{ role: "user" as const, content }] })

const program = Effect.gen(function*() {
  const files = yield* Files.Files
  const notes = yield* files.upload({ file: new TextEncoder().encode("Tea: green, black."), filename: "notes.txt", purpose: "file-extract" })
  const listed = yield* Stream.runCollect(files.list({ purpose: "file-extract", limit: 50 })) // pages by itself
  const text = yield* files.contentText(notes.id)
  // upload (purpose batch) → POST /batches → poll until completed → read the output file
  const run = yield* BatchJsonl.runBatch([
    BatchJsonl.chat("tea", ask("Describe green tea")),
    BatchJsonl.chat("coffee", ask("Describe coffee"))
  ])
  const answers = run.results.map((r) => (r._tag === "Succeeded" ? r.body.choices?.[0]?.message?.content : r.message))
  return { listed: listed.length, text, status: run.batch.status, answers }
}).pipe(
  Effect.provide(
    Layer.mergeAll(Files.Files.layer, Batches.Batches.layer).pipe(Layer.provide(ZaiClient.layerConfigFetch())) // reads ZAI_API_KEY
  )
)
// README example: end

layer(Simulator.layer())("README example", (it) => {
  it.effect("runs against the simulator", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const config = ConfigProvider.fromUnknown({ ZAI_API_KEY: sim.apiKey, ZAI_BASE_URL: sim.url })
      const fiber = yield* Effect.forkChild(program.pipe(Effect.provide(ConfigProvider.layer(config))))
      const exit = yield* TestLayers.drive(fiber, { step: "1 second" })
      if (!Exit.isSuccess(exit)) return assert.fail(String(exit.cause))
      const result = exit.value
      assert.strictEqual(result.listed, 1)
      assert.strictEqual(result.text, "Tea: green, black.")
      assert.strictEqual(result.status, "completed")
      assert.match(result.answers[0] ?? "", /^Summary of: Describe green tea/)
      assert.match(result.answers[1] ?? "", /^Summary of: Describe coffee/)
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
