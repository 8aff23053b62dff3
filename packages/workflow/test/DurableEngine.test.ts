import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Schema } from "effect"
import { Activity, Workflow, WorkflowEngine } from "effect/workflow"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"
import * as DurableEngine from "../src/DurableEngine.js"
import { countEvents, resumableActivities, runChild } from "./fixtures/durable/harness.js"

const dir = mkdtempSync(join(tmpdir(), "zai-durable-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const Greet = Workflow.make("Greet", {
  payload: { name: Schema.String },
  success: Schema.String,
  idempotencyKey: ({ name }) => name
})

const greetLayer = (calls: Array<string>) =>
  Greet.toLayer(({ name }) =>
    Effect.gen(function*() {
      const upper = yield* Activity.make({
        name: "upper",
        success: Schema.String,
        execute: Effect.sync(() => {
          calls.push(`upper ${name}`)
          return name.toUpperCase()
        })
      })
      return yield* Activity.make({
        name: "greet",
        success: Schema.String,
        execute: Effect.sync(() => {
          calls.push(`greet ${name}`)
          return `hello ${upper}`
        })
      })
    })
  )

describe("DurableEngine", () => {
  it("layerMemory is effect/workflow's in-memory engine", () => {
    assert.strictEqual(DurableEngine.layerMemory, WorkflowEngine.layerMemory)
  })

  it.effect("layerMemory runs a workflow", () =>
    Effect.gen(function*() {
      const calls: Array<string> = []
      const result = yield* Greet.execute({ name: "ada" }).pipe(
        Effect.provide(greetLayer(calls).pipe(Layer.provideMerge(DurableEngine.layerMemory)))
      )
      assert.strictEqual(result, "hello ADA")
      assert.deepStrictEqual(calls, ["upper ada", "greet ada"])
    }))

  it.live("layerSqlite keeps results across engine restarts: a finished run is not run again", () =>
    Effect.gen(function*() {
      const filename = join(dir, "in-process.db")
      const calls: Array<string> = []
      const engine = () => greetLayer(calls).pipe(Layer.provideMerge(DurableEngine.layerSqlite({ filename })))
      assert.strictEqual(yield* Greet.execute({ name: "ada" }).pipe(Effect.provide(engine())), "hello ADA")
      assert.strictEqual(yield* Greet.execute({ name: "ada" }).pipe(Effect.provide(engine())), "hello ADA")
      assert.strictEqual(yield* Greet.execute({ name: "grace" }).pipe(Effect.provide(engine())), "hello GRACE")
      assert.deepStrictEqual(calls, ["upper ada", "greet ada", "upper grace", "greet grace"])
    }))
})

describe("DurableEngine resume after kill -9 (SQLite)", () => {
  it("child processes run on Node >= 22", () => {
    assert.isAtLeast(Number(process.versions.node.split(".")[0]), 22)
  })

  it("a new process resumes a killed run; no finished activity or forEach item runs again", async () => {
    const db = join(dir, "resume.db")
    const counter = join(dir, "resume.count")
    const args = (mode: string, hangAt = "") => ["sqlite", db, counter, mode, hangAt]
    // item-3 hangs; kill once every other activity before step-3 has ended.
    const ended = ["step-1", "step-2", "item-0", "item-1", "item-2", "item-4", "item-5"]
    const first = await runChild("resumable.ts", args("start", "item-3"), {
      killWhen: (lines) => lines.includes("start item-3") && ended.every((name) => lines.includes(`end ${name}`))
    })
    assert.isTrue(first.killed, `first run was not killed: ${first.stderr}`)
    const beforeKill = countEvents(counter)
    const finishedBeforeKill = resumableActivities.filter((name) => beforeKill.get(`end ${name}`) === 1)
    assert.deepStrictEqual(finishedBeforeKill, ended)
    assert.isUndefined(beforeKill.get("start step-3"))

    const second = await runChild("resumable.ts", args("resume"))
    assert.strictEqual(second.code, 0, second.stderr)
    assert.match(second.lines.at(-1) ?? "", /^result \["step-1:ok","step-2:ok","item-0:ok",.*"step-3:ok"\] after \d+ ms$/)
    assert.notMatch(first.stderr + second.stderr, /ExperimentalWarning/)

    const counts = countEvents(counter)
    for (const name of resumableActivities) assert.strictEqual(counts.get(`end ${name}`), 1, `end ${name}`)
    // The 7 activities that had finished (2 steps, 5 forEach items) never started again...
    for (const name of finishedBeforeKill) assert.strictEqual(counts.get(`start ${name}`), 1, `start ${name}`)
    // ...only the attempt running at the kill did, and the rest ran once.
    assert.strictEqual(counts.get("start item-3"), 2)
    assert.strictEqual(counts.get("start step-3"), 1)
  }, 30_000)
})
