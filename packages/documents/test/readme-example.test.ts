import { readFileSync } from "node:fs"
import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { ConfigProvider } from "effect"
// README example: start
import { Documents } from "@zai-kit/documents"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Layer } from "effect"

const letter = new TextEncoder().encode("Dear Ada,\nSee you on Sunday!\n")

const program = Effect.gen(function*() {
  const layout = yield* Documents.layoutParsing({ file: "https://example.com/scans/quarterly-invoice.png" })
  const lines = yield* Documents.handwriting({ file: letter, probability: true })
  const task = yield* Documents.parse({ file: new File(["# Notes\n\nShip on Friday."], "notes.md") })
  const text = yield* task.waitFor()
  return { markdown: layout.md_results ?? "", lines: (lines.words_result ?? []).map((w) => w.words), text }
}).pipe(Effect.provide(Documents.Documents.layer.pipe(Layer.provide(ZaiClient.layerConfigFetch())))) // reads ZAI_API_KEY
// README example: end

// the parse task is ready at the first poll, so waitFor does not wait
layer(Simulator.layer({ asyncPolls: 0 }))("README example", (it) => {
  it.effect("runs against the simulator", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const config = ConfigProvider.fromUnknown({ ZAI_API_KEY: sim.apiKey, ZAI_BASE_URL: sim.url })
      const result = yield* program.pipe(Effect.provide(ConfigProvider.layer(config)))
      assert.isTrue(result.markdown.startsWith("# Scans Quarterly Invoice"))
      assert.deepStrictEqual(result.lines, ["Dear Ada,", "See you on Sunday!"])
      assert.strictEqual(result.text, "# Notes\n\nShip on Friday.")
      assert.deepStrictEqual(
        (yield* Simulator.requests).map((r) => `${r.method} ${r.path.replace(/parser-task-\w+/, "<id>")}`),
        ["POST /layout_parsing", "POST /files/ocr", "POST /files/parser/create", "GET /files/parser/result/<id>/text"]
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
