import { readFileSync } from "node:fs"
import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { ConfigProvider } from "effect"
// README example: start
import { ZaiClient } from "@zai-kit/transport"
import { SearchResults, Web } from "@zai-kit/web"
import { Effect, Layer } from "effect"

const program = Effect.gen(function*() {
  const found = yield* Web.search({ search_engine: "search-prime", search_query: "grid batteries evening peak", count: 3 })
  const sources = SearchResults.sources(found.search_result)
  const page = yield* Web.read({ url: sources[0]?.link ?? "https://example.com", timeout: 20 })
  return { context: SearchResults.toContext(sources), article: page.reader_result?.content ?? "" }
}).pipe(Effect.provide(Web.Web.layer.pipe(Layer.provide(ZaiClient.layerConfigFetch())))) // reads ZAI_API_KEY
// README example: end

layer(Simulator.layer())("README example", (it) => {
  it.effect("runs against the simulator", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const config = ConfigProvider.fromUnknown({ ZAI_API_KEY: sim.apiKey, ZAI_BASE_URL: sim.url })
      const result = yield* program.pipe(Effect.provide(ConfigProvider.layer(config)))
      assert.isTrue(result.context.startsWith("[1] Grid Batteries and the End of the Evening Peak — https://sim.zai-kit.dev/energy/grid-batteries-storage"))
      assert.include(result.article, "Sodium-ion cells are the next chemistry to watch.")
      assert.deepStrictEqual((yield* Simulator.requests).map((r) => r.path), ["/web_search", "/reader"])
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
