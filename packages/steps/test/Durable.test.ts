import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, layer } from "@effect/vitest"
import { DurableEngine, Pipeline, type Step } from "@zai-kit/workflow"
import { Effect, Layer } from "effect"
import { Pipelines, Registry } from "../src/index.js"
import { layer as testLayer, tempDir } from "./support.js"

const db = join(tempDir("zai-steps-durable-"), "runs.db")

// The shipped pipelines on the durable SQLite engine: every step output (and `chat.extract`'s JSON value) goes
// through the engine's journal, so their schemas must encode to JSON and back.
describe("shipped pipelines on DurableEngine.layerSqlite", () => {
  layer(Layer.merge(testLayer, DurableEngine.layerSqlite({ filename: db })), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect(
      "research-slides and meeting-minutes run to the end with a run key",
      () =>
        Effect.gen(function* () {
          const out = tempDir()
          const registry = yield* Registry.make({ outputDir: out })
          const research = yield* Pipelines.load("research-slides", registry)
          const first = (yield* Pipeline.execute(research, { topic: "tidal energy", maxSources: 2 }, { key: "research-1" })) as {
            deck: string
            sources: string
          }
          assert.strictEqual(first.deck, join(out, "slides.pdf"))
          assert.isTrue(existsSync(first.sources))
          const speak = yield* Pipeline.execute(
            Pipeline.make(registry["audio.speak"] as Step.Step<{ readonly text: string; readonly path: string }, unknown, unknown>),
            { text: "We decided to hire two engineers. Bo will post the job by Monday.", path: "m.wav" },
            { key: "speak-1" }
          )
          assert.strictEqual((speak as { path: string }).path, join(out, "m.wav"))
          const minutes = yield* Pipelines.load("meeting-minutes", registry)
          const output = (yield* Pipeline.execute(minutes, { audio: join(out, "m.wav") }, { key: "minutes-1" })) as {
            minutes: string
            decisions: ReadonlyArray<string>
          }
          assert.isArray(output.decisions)
          assert.include(readFileSync(output.minutes, "utf8"), "## Decisions")
          // the same key joins the finished execution: its result comes from the journal, nothing runs again
          writeFileSync(first.sources, "changed")
          const again = yield* Pipeline.execute(research, { topic: "tidal energy", maxSources: 2 }, { key: "research-1" })
          assert.deepStrictEqual(again, first)
          assert.strictEqual(readFileSync(first.sources, "utf8"), "changed")
        }),
      60_000
    )
  })
})
