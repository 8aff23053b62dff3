// The "Run records" example of the README, as a test.
import { assert, it } from "@effect/vitest"
import { SqliteClient } from "@zai-kit/sqlite"
import { DurableEngine, Pipeline, Runs, RunStore, Spec, Step } from "@zai-kit/workflow"
import { Effect, Layer, Option, Schema, Stream } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"

const search = Step.make({
  name: "search",
  input: Schema.Struct({ topic: Schema.String }),
  output: Schema.Struct({ urls: Schema.Array(Schema.String) }),
  run: ({ topic }) => Effect.succeed({ urls: [`https://a.test/${topic}`, `https://b.test/${topic}`] })
})
const read = Step.make({
  name: "read",
  input: Schema.String,
  output: Schema.String,
  run: (url) => Effect.succeed(`text of ${url}`)
})
const research = Pipeline.make(search, { name: "research" }).pipe(
  Pipeline.map((found) => found.urls),
  Pipeline.forEach(read, { concurrency: 4 }),
  Pipeline.map((texts) => texts.join("\n"))
)
const registry: Spec.StepRegistry = { search, read }

// --- README ---
// One SQLite file for the engine's journal and the run records.
const Live = (filename: string) =>
  Layer.mergeAll(DurableEngine.layerSql(), RunStore.layerSql).pipe(Layer.provide(SqliteClient.layer({ filename })))

// Finds a stored run's pipeline: spec runs are compiled again from their stored source.
const lookup: Runs.Lookup<Spec.SpecError, never> = (run) =>
  run.spec !== undefined
    ? Effect.map(Spec.parse(run.spec, { file: `${run.pipeline}.yaml`, registry }), Option.some)
    : Effect.succeed(run.pipeline === research.name ? Option.some(research) : Option.none())

const program = Effect.scoped(
  Effect.gen(function* () {
    // At start-up: continue the runs a crash left `running`; those whose pipeline is gone end `failed`.
    const { resumed, failed } = yield* Runs.resume(lookup)
    const handle = yield* Pipeline.run(research, { topic: "glm" }, { key: "request-42" })
    yield* handle.result
    const page = yield* Runs.list({ pipeline: "research", limit: 20 }) // { runs, nextCursor? }
    const run = yield* Runs.inspect(handle.id) // status, input, output, error, usage, steps by path
    // Stored events after a sequence number (an SSE Last-Event-ID), then live ones, up to RunFinished.
    const events = yield* Stream.runCollect(Runs.watch(handle.id, { afterSeq: 2 }))
    return { resumed: resumed.length, failed: failed.length, page, run, events }
  })
)
// --- end of README ---

const dir = mkdtempSync(join(tmpdir(), "zai-readme-runs-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it.live("README run records example", () =>
  Effect.gen(function* () {
    const out = yield* program.pipe(Effect.provide(Live(join(dir, "runs.db"))))
    assert.strictEqual(out.resumed, 0)
    assert.strictEqual(out.failed, 0)
    assert.deepStrictEqual(
      out.page.runs.map((r) => r.id),
      [out.run.id]
    )
    assert.strictEqual(out.run.status, "succeeded")
    assert.strictEqual(out.run.output, "text of https://a.test/glm\ntext of https://b.test/glm")
    assert.deepStrictEqual(Object.keys(out.run.steps).sort(), ["read#0", "read#1", "search"])
    assert.strictEqual(out.events[0]?.seq, 3)
    assert.strictEqual(out.events.at(-1)?.event._tag, "RunFinished")
  }))
