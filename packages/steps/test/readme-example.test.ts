import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Layer } from "effect"
import { layer as exampleLayer, research } from "../examples/research.js"
import { tempDir } from "./support.js"

const client = Layer.unwrap(
  Effect.map(Simulator.Simulator, (sim) => ZaiClient.layerFetch({ apiKey: sim.apiKey, baseUrl: sim.url }))
).pipe(Layer.provide(Simulator.layer({ asyncPolls: 0 })))

describe("README example", () => {
  layer(exampleLayer(client))((it) => {
    it.effect("runs research-slides and returns the deck, outline and sources", () =>
      Effect.gen(function* () {
        const out = tempDir()
        const result = yield* research("grid batteries", out)
        assert.strictEqual(result.deck, join(out, "slides.pdf"))
        assert.strictEqual(readFileSync(result.deck).subarray(0, 5).toString("latin1"), "%PDF-")
        assert.isTrue(existsSync(result.outline) && existsSync(result.sources))
        assert.include(result.files, join(out, "slides.html"))
      }))
  })
})

