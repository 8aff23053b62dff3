import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"
import { DurableEngine, Pipeline, Step } from "@zai-kit/workflow"

const dir = mkdtempSync(join(tmpdir(), "zai-durable-runs-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const inc = Step.make({ name: "inc", input: Schema.Number, output: Schema.Number, run: (n) => Effect.succeed(n + 1) })
const twice = () => Pipeline.make(inc, { name: "twice" }).pipe(Pipeline.andThen(inc))

describe("DurableEngine.layerSqlite: many runs in one process", () => {
  // A run's end must not unregister its pipeline's workflow from the engine: later (or concurrent) runs of
  // the same pipeline, or of another pipeline object with the same name, on the same engine still run.
  it.live("runs one after another, side by side, and from a pipeline built again under the same name", () =>
    Effect.gen(function* () {
      const pipeline = twice()
      assert.strictEqual(yield* Pipeline.execute(pipeline, 0, { key: "first" }), 2)
      assert.strictEqual(yield* Pipeline.execute(pipeline, 10, { key: "second" }), 12)
      const together = yield* Effect.all(
        [Pipeline.execute(pipeline, 20, { key: "a" }), Pipeline.execute(twice(), 30, { key: "b" })],
        { concurrency: "unbounded" }
      )
      assert.deepStrictEqual(together, [22, 32])
      assert.strictEqual(yield* Pipeline.execute(twice(), 40, { key: "again" }), 42)
    }).pipe(Effect.provide(DurableEngine.layerSqlite({ filename: join(dir, "runs.db") }))),
    30_000)
})
