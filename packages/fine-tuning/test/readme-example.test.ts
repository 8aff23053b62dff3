import { readFileSync } from "node:fs"
import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { ConfigProvider, Exit } from "effect"
import { driveClock } from "./utils.js"
// README example: start
import { FineTuning } from "@zai-kit/fine-tuning"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Layer, Stream } from "effect"

const program = Effect.gen(function*() {
  const ft = yield* FineTuning.FineTuning
  const job = yield* ft.create({
    model: "glm-4-flash",
    training_file: "file-abc123", // a JSONL file uploaded with purpose "fine-tune"
    hyperparameters: { n_epochs: 2, learning_rate_multiplier: "auto" },
    suffix: "support-bot"
  })
  const done = yield* ft.waitFor(job.id) // polls with backoff; a failed job fails with TaskFailedError
  const losses = yield* ft.events(job.id).pipe( // newest first, paged by cursor as it is read
    Stream.filter((event) => event.type === "metrics"),
    Stream.map((event) => event.data?.loss),
    Stream.runCollect
  )
  return { model: done.fine_tuned_model, losses }
}).pipe(Effect.provide(FineTuning.FineTuning.layer.pipe(Layer.provide(ZaiClient.layerConfigFetch())))) // reads ZAI_API_KEY
// README example: end

layer(Simulator.layer())("README example", (it) => {
  it.effect("runs against the simulator (polling on the test clock)", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const config = ConfigProvider.fromUnknown({ ZAI_API_KEY: sim.apiKey, ZAI_BASE_URL: sim.url })
      const fiber = yield* Effect.forkChild(program.pipe(Effect.provide(ConfigProvider.layer(config))))
      const exit = yield* driveClock(fiber)
      assert.isTrue(Exit.isSuccess(exit))
      if (!Exit.isSuccess(exit)) return
      assert.match(exit.value.model ?? "", /^ft:glm-4-flash:support-bot:/)
      assert.deepStrictEqual(exit.value.losses.length, 2)
      const paths = (yield* Simulator.requests).map((r) => `${r.method} ${r.path}`)
      assert.strictEqual(paths[0], "POST /fine_tuning/jobs")
      assert.match(paths[paths.length - 1] ?? "", /^GET \/fine_tuning\/jobs\/ftjob-[0-9a-f]{16}\/events$/)
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
