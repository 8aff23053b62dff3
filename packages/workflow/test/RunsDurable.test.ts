import { assert, describe, it } from "@effect/vitest"
import * as PgClient from "@effect/sql-pg/PgClient"
import { SqliteClient } from "@zai-kit/sqlite"
import { Runs, RunStore } from "@zai-kit/workflow"
import { Effect, Layer, Redacted, Stream } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"
import { countEvents, runChild } from "./fixtures/durable/harness.js"
import { Postgres } from "@zai-kit/testing"

const dir = mkdtempSync(join(tmpdir(), "zai-runs-durable-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const steps = ["plan", ...[0, 1, 2, 3, 4, 5].map((i) => `read:glm-${i}`), "summarize"]
// read:glm-3 hangs; kill once every other step before summarize has ended.
const ended = ["plan", "read:glm-0", "read:glm-1", "read:glm-2", "read:glm-4", "read:glm-5"]

/** Reads the store of a database file from this (the test) process. */
const inStore = <A, E>(db: string, effect: Effect.Effect<A, E>) =>
  Effect.runPromise(Effect.provide(effect, RunStore.layerSql.pipe(Layer.provide(SqliteClient.layer({ filename: db })))))

/** Starts the run in a child and SIGKILLs it mid-run; returns the run id. */
const startAndKill = async (db: string, counter: string, port = ""): Promise<string> => {
  const first = await runChild("runs.ts", [db, counter, "start", "read:glm-3", ...(port === "" ? [] : [port])], {
    killWhen: (lines) => lines.includes("start read:glm-3") && ended.every((name) => lines.includes(`end ${name}`))
  })
  assert.isTrue(first.killed, `first run was not killed: ${first.stderr}`)
  const id = first.lines.find((l) => l.startsWith("id "))?.slice(3)
  assert.isString(id)
  return id ?? ""
}

describe("Runs after kill -9 (RunStore and durable engine on one SQLite file)", () => {
  it("the killed run is left running; a new process resumes it to succeeded without re-running a finished step", async () => {
    const db = join(dir, "resume.db")
    const counter = join(dir, "resume.count")
    const id = await startAndKill(db, counter)

    const killed = await inStore(db, Runs.inspect(id))
    assert.strictEqual(killed.status, "running")
    assert.strictEqual(killed.pipeline, "durable-runs")
    assert.strictEqual(killed.key, "run-1")
    assert.deepStrictEqual(killed.input, { topic: "glm" })
    assert.strictEqual(killed.steps.plan?.status, "succeeded")
    assert.deepStrictEqual(killed.steps.plan?.output, [0, 1, 2, 3, 4, 5].map((i) => `glm-${i}`))
    assert.strictEqual(killed.steps["read#3"]?.status, "running")
    assert.strictEqual(killed.steps["read#4"]?.output, "text of glm-4")
    assert.isUndefined(killed.steps.summarize)

    const second = await runChild("runs.ts", [db, counter, "resume"])
    assert.strictEqual(second.code, 0, second.stderr)
    assert.include(second.lines, `resumed ${id}`)
    assert.include(second.lines, "failed ")
    assert.strictEqual(second.lines.at(-1), `result "${[0, 1, 2, 3, 4, 5].map((i) => `text of glm-${i}`).join(" | ")}"`)

    // Side effects: the finished steps never started again; only the one in flight did.
    const counts = countEvents(counter)
    for (const name of steps) assert.strictEqual(counts.get(`end ${name}`), 1, `end ${name}`)
    for (const name of ended) assert.strictEqual(counts.get(`start ${name}`), 1, `start ${name}`)
    assert.strictEqual(counts.get("start read:glm-3"), 2)
    assert.strictEqual(counts.get("start summarize"), 1)

    const run = await inStore(db, Runs.inspect(id))
    assert.strictEqual(run.status, "succeeded")
    assert.strictEqual(run.output, [0, 1, 2, 3, 4, 5].map((i) => `text of glm-${i}`).join(" | "))
    assert.deepStrictEqual(
      Object.keys(run.steps).sort(),
      ["plan", "read#0", "read#1", "read#2", "read#3", "read#4", "read#5", "summarize"]
    )
    for (const [path, state] of Object.entries(run.steps)) {
      assert.strictEqual(state.status, "succeeded", path)
      assert.isDefined(state.output, path)
    }
    // Usage counts every step once (1 + 1 tokens each), across both processes.
    assert.deepStrictEqual(run.usage, { inputTokens: 8, outputTokens: 8 })

    const log = await inStore(db, Stream.runCollect(Runs.watch(id)))
    assert.deepStrictEqual(log.map((e) => e.seq), log.map((_, i) => i + 1))
    const tags = log.map((e) => ("step" in e.event ? `${e.event._tag} ${e.event.step}` : e.event._tag))
    assert.strictEqual(tags.filter((t) => t === "RunStarted").length, 1)
    assert.strictEqual(tags.filter((t) => t === "StepStarted read#3").length, 2)
    assert.strictEqual(tags.filter((t) => t === "StepStarted plan").length, 1)
    const last = log.at(-1)?.event
    assert.isTrue(last?._tag === "RunFinished" && last.status === "succeeded")
    assert.deepStrictEqual(await inStore(db, Effect.map(Runs.list({ status: "running" }), (p) => p.runs)), [])
  }, 30_000)

  it("a killed run whose pipeline is gone is marked failed with the cause", async () => {
    const db = join(dir, "gone.db")
    const counter = join(dir, "gone.count")
    const id = await startAndKill(db, counter)
    const second = await runChild("runs.ts", [db, counter, "resume-gone"])
    assert.strictEqual(second.code, 0, second.stderr)
    assert.include(second.lines, "resumed ")
    assert.include(second.lines, `failed ${id}: pipeline "durable-runs" no longer exists`)
    const run = await inStore(db, Runs.inspect(id))
    assert.strictEqual(run.status, "failed")
    assert.strictEqual(run.error, `pipeline "durable-runs" no longer exists`)
    const log = await inStore(db, Stream.runCollect(Runs.watch(id)))
    const last = log.at(-1)?.event
    assert.isTrue(last?._tag === "RunFinished" && last.status === "failed" && last.error === run.error)
    // Nothing ran in the second process.
    assert.strictEqual(countEvents(counter).get("start summarize"), undefined)
    // The pipeline is back: a new run of it registers its workflow again, and the failed run does not come
    // back to life (resume also interrupted its execution in the engine). The engine replays the interrupted
    // execution once: the step in flight at the kill may run again, but nothing after it does.
    const third = await runChild("runs.ts", [db, counter, "fresh"])
    assert.strictEqual(third.code, 0, third.stderr)
    assert.match(third.lines.at(-1) ?? "", /^result "text of new-0 \| .* \| text of new-5"$/)
    const counts = countEvents(counter)
    assert.strictEqual(counts.get("end summarize"), 1, "only the new run summarized")
    assert.strictEqual(counts.get("start plan"), 2, "one plan per run")
    assert.isAtMost(counts.get("start read:glm-3") ?? 0, 2)
    for (const name of ended.filter((n) => n !== "plan")) assert.strictEqual(counts.get(`start ${name}`), 1, `start ${name}`)
    assert.strictEqual((await inStore(db, Runs.inspect(id))).status, "failed")
  }, 30_000)
})

// PostgreSQL: the private server of the durable-engine tests' harness (skipped where it cannot be had).
const server = await Postgres.startPostgres()
if (typeof server === "string") console.warn(`Skipping the Runs kill -9 test on PostgreSQL: ${server}`)
afterAll(() => {
  if (typeof server !== "string") server.stop()
})

describe.skipIf(typeof server === "string")("Runs after kill -9 on PostgreSQL (two runner processes)", () => {
  it("runner 2 resumes the run of a killed runner 1 from the shared store; it ends succeeded", async () => {
    if (typeof server === "string") return
    const counter = join(dir, "pg.count")
    const [portA, portB] = [await Postgres.freePort(), await Postgres.freePort()]
    const id = await startAndKill(server.url, counter, String(portA))
    const pgStore = <A, E>(effect: Effect.Effect<A, E>) =>
      Effect.runPromise(
        Effect.provide(
          effect,
          RunStore.layerSql.pipe(Layer.provide(PgClient.layer({ url: Redacted.make(server.url), maxConnections: 2 })))
        )
      )
    assert.strictEqual((await pgStore(Runs.inspect(id))).status, "running")

    // Runner 2 at another address takes the shards over once runner 1's locks expire ("6 seconds").
    const second = await runChild("runs.ts", [server.url, counter, "resume", "", String(portB)])
    assert.strictEqual(second.code, 0, second.stderr)
    assert.include(second.lines, `resumed ${id}`)
    const counts = countEvents(counter)
    for (const name of ended) assert.strictEqual(counts.get(`start ${name}`), 1, `start ${name}`)
    assert.strictEqual(counts.get("start read:glm-3"), 2)
    assert.strictEqual(counts.get("end summarize"), 1)

    const run = await pgStore(Runs.inspect(id))
    assert.strictEqual(run.status, "succeeded")
    assert.strictEqual(run.output, [0, 1, 2, 3, 4, 5].map((i) => `text of glm-${i}`).join(" | "))
    for (const [path, state] of Object.entries(run.steps)) assert.strictEqual(state.status, "succeeded", path)
    const log = await pgStore(Stream.runCollect(Runs.watch(id)))
    assert.deepStrictEqual(log.map((e) => e.seq), log.map((_, i) => i + 1))
    assert.strictEqual(log.at(-1)?.event._tag, "RunFinished")
  }, 60_000)
})
