import { readFileSync } from "node:fs"
import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator, TestLayers } from "@zai-kit/testing"
import { ConfigProvider, Exit } from "effect"
// README example: start
import { NodeServices } from "@effect/platform-node"
import { Agents, Assistant } from "@zai-kit/agents"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Layer } from "effect"
import { tmpdir } from "node:os"
import { join } from "node:path"

const program = Effect.gen(function*() {
  const agents = yield* Agents.Agents
  const greeting = yield* agents.translate({ text: "Hello world", to: "fr" })
  const deck = yield* agents.slides({ prompt: "Ocean energy: waves, tides and offshore wind" })
  const files = yield* deck.waitFor() // polls /v1/agents/conversation until the PDF is listed
  const saved = yield* files.downloadFiles(join(tmpdir(), "ocean-deck"))
  const reply = yield* Assistant.run({
    assistant_id: "65940acff94777010aa6b796",
    messages: [{ role: "user", content: [{ type: "text", text: "Suggest names for a tea shop" }] }]
  })
  return { greeting: greeting.text, slides: deck.pages.map((p) => p.title), saved: saved.map((f) => f.path), reply: Assistant.text(reply) }
}).pipe(
  Effect.provide(
    Layer.mergeAll(Agents.Agents.layer, Assistant.Assistant.layer, NodeServices.layer).pipe(
      Layer.provide(ZaiClient.layerConfigFetch()) // reads ZAI_API_KEY
    )
  )
)
// README example: end

layer(Simulator.layer())("README example", (it) => {
  it.effect("runs against the simulator", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const config = ConfigProvider.fromUnknown({ ZAI_API_KEY: sim.apiKey, ZAI_BASE_URL: sim.url })
      const fiber = yield* Effect.forkChild(program.pipe(Effect.provide(ConfigProvider.layer(config))))
      const exit = yield* TestLayers.drive(fiber)
      assert.isTrue(Exit.isSuccess(exit), String(Exit.isFailure(exit) ? exit.cause : ""))
      if (!Exit.isSuccess(exit)) return
      const result = exit.value
      assert.strictEqual(result.greeting, "[en→fr] Bonjour monde")
      assert.deepStrictEqual(result.slides, ["Ocean Energy", "Waves", "Tides", "Offshore Wind", "Summary"])
      assert.strictEqual(result.saved.length, 6)
      assert.match(result.saved[0] ?? "", /ocean-deck\/conv-[0-9a-f]+-[0-9a-f]{8}\.pdf$/)
      assert.isTrue(result.reply.startsWith("Summary of: Suggest names for a tea shop"))
      assert.deepStrictEqual(
        [...new Set((yield* Simulator.requests).map((r) => r.path.replace(/\/sim-agents\/files\/.*/, "/sim-agents/files/*")))],
        ["/v1/agents", "/v1/agents/conversation", "/sim-agents/files/*", "/assistant"]
      )
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
