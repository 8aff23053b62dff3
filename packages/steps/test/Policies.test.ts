import { assert, describe, layer } from "@effect/vitest"
import { Exits, Simulator, TestLayers } from "@zai-kit/testing"
import { Effect } from "effect"
import { layer as testLayer, runStep, stepOf, tempDir } from "./support.js"

const statusesOf = (path: string) =>
  Effect.map(
    Effect.flatMap(Simulator.Simulator, (sim) => sim.requests),
    (all) => all.filter((r) => r.path.endsWith(path)).map((r) => r.status)
  )

describe("step policies", () => {
  layer(testLayer)((it) => {
    it.effect("an API step retries a retryable failure (the client's own retries are off here) and succeeds", () =>
      Effect.gen(function* () {
        const step = yield* stepOf("web.search", tempDir())
        const before = (yield* statusesOf("/web_search")).length
        yield* Simulator.injectFaults(["server-error", "server-error"])
        const fiber = yield* Effect.forkChild(runStep(step, { query: "tidal energy" }))
        const { events } = Exits.successOf(yield* TestLayers.drive(fiber, { step: "500 millis" }))
        assert.deepStrictEqual((yield* statusesOf("/web_search")).slice(before), [500, 500, 200])
        const retried = events.filter((e) => e._tag === "StepRetried")
        assert.strictEqual(retried.length, 2)
        assert.deepStrictEqual(
          retried.map((e) => (e._tag === "StepRetried" ? e.delayMillis : 0)),
          [2000, 4000]
        )
        const done = events.find((e) => e._tag === "StepSucceeded")
        assert.isTrue(done?._tag === "StepSucceeded" && done.attempts === 3)
      }))

    it.effect("a final failure is not retried", () =>
      Effect.gen(function* () {
        const step = yield* stepOf("web.search", tempDir())
        const before = (yield* statusesOf("/web_search")).length
        yield* Simulator.injectFaults(["auth"])
        const error = yield* Effect.flip(runStep(step, { query: "tidal energy" }))
        assert.strictEqual((error as { _tag: string })._tag, "AuthenticationError")
        assert.deepStrictEqual((yield* statusesOf("/web_search")).slice(before), [401])
      }))

    it.effect("chat.summarize chunks by the estimate, and says so, when the tokenizer fails", () =>
      Effect.gen(function* () {
        const step = yield* stepOf("chat.summarize", tempDir())
        const text = Array.from({ length: 20 }, (_, i) => `Paragraph ${i} is about the tides of the northern coast and its turbines.`).join("\n\n")
        // the first call of a long summary is the tokenizer's
        yield* Simulator.injectFaults(["quota-exceeded"])
        const { output, events } = yield* runStep(step, { text, chunkTokens: 120 })
        assert.isAbove((output as { chunks: number }).chunks, 1)
        assert.deepStrictEqual((yield* statusesOf("/tokenizer")).slice(-1), [429])
        const said = events.some(
          (e) => e._tag === "StepProgress" && (e.message ?? "").startsWith("tokenizer unavailable") && (e.message ?? "").endsWith("chunking by the estimate")
        )
        assert.isTrue(said)
      }))
  })
})
