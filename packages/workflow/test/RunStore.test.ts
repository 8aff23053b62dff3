import { assert, describe, it } from "@effect/vitest"
import * as PgClient from "@effect/sql-pg/PgClient"
import { SqliteClient } from "@zai-kit/sqlite"
import { type RunEvent, RunStore } from "@zai-kit/workflow"
import { Context, Effect, Layer, Option, PubSub, Redacted } from "effect"
import { SqlClient } from "effect/sql"
import { TestClock } from "effect/testing"
import { afterAll } from "vitest"
import { Postgres } from "@zai-kit/testing"

type Event = RunEvent.RunEvent

const usage = (i: number, o: number) => ({ inputTokens: i, outputTokens: o })
const started = (runId: string, step: string, at: number): Event => ({ _tag: "StepStarted", runId, step, kind: "k", at })
const succeeded = (runId: string, step: string, at: number, attempts = 1): Event => ({
  _tag: "StepSucceeded",
  runId,
  step,
  kind: "k",
  attempts,
  durationMillis: 7,
  usage: usage(3, 4),
  at
})

const store = RunStore.RunStore

/** The behaviour every store has, run against one layer per test (a fresh store each time). */
const contract = (name: string, layer: () => Layer.Layer<never, unknown>) =>
  describe(`RunStore contract: ${name}`, () => {
    const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.provide(effect, layer())

    it.effect("create, get, create again (joined)", () =>
      run(
        Effect.gen(function* () {
          const s = yield* store
          yield* TestClock.adjust(1000)
          assert.isTrue(yield* s.create({ id: "r1", key: "k1", pipeline: "p", input: { topic: "glm", n: [1, 2] }, spec: "name: p" }))
          assert.isFalse(yield* s.create({ id: "r1", key: "k1", pipeline: "p", input: {} }))
          const got = yield* s.get("r1")
          assert.isTrue(Option.isSome(got))
          if (Option.isNone(got)) return
          assert.deepStrictEqual(got.value, {
            id: "r1",
            key: "k1",
            pipeline: "p",
            status: "running",
            input: { topic: "glm", n: [1, 2] },
            spec: "name: p",
            usage: usage(0, 0),
            createdAt: 1000,
            updatedAt: 1000,
            steps: {}
          })
          assert.isTrue(Option.isNone(yield* s.get("nope")))
        })
      ))

    it.effect("events get 1-based sequence numbers per run; afterSeq skips", () =>
      run(
        Effect.gen(function* () {
          const s = yield* store
          yield* s.create({ id: "a", key: "a", pipeline: "p", input: null })
          yield* s.create({ id: "b", key: "b", pipeline: "p", input: null })
          const seqs = [
            yield* s.appendEvent("a", { _tag: "RunStarted", runId: "a", pipeline: "p", at: 1 }),
            yield* s.appendEvent("b", { _tag: "RunStarted", runId: "b", pipeline: "p", at: 1 }),
            yield* s.appendEvent("a", started("a", "x", 2)),
            yield* s.appendEvent("a", succeeded("a", "x", 3))
          ]
          assert.deepStrictEqual(seqs, [1, 1, 2, 3])
          const all = yield* s.events("a")
          assert.deepStrictEqual(
            all.map((e) => [e.seq, e.event._tag]),
            [
              [1, "RunStarted"],
              [2, "StepStarted"],
              [3, "StepSucceeded"]
            ]
          )
          assert.deepStrictEqual(all[2]?.event, succeeded("a", "x", 3))
          assert.deepStrictEqual(
            (yield* s.events("a", { afterSeq: 2 })).map((e) => e.seq),
            [3]
          )
          assert.deepStrictEqual(yield* s.events("a", { afterSeq: 3 }), [])
          const missing = yield* Effect.flip(s.appendEvent("nope", started("nope", "x", 1)))
          assert.strictEqual(missing._tag, "RunStoreError")
          assert.include(missing.message, "nope")
        })
      ))

    it.effect("concurrent appends to several runs: each run's log is numbered 1..n; a bad append fails alone", () =>
      run(
        Effect.gen(function* () {
          const s = yield* store
          const ids = ["c0", "c1", "c2", "c3"]
          for (const id of ids) yield* s.create({ id, key: id, pipeline: "p", input: null })
          const appends = Array.from({ length: 40 }, (_, i) => {
            const id = ids[i % ids.length] ?? "c0"
            return s.appendEvent(id, started(id, `step-${i}`, i))
          })
          const results = yield* Effect.all(
            [...appends, Effect.flip(s.appendEvent("missing", started("missing", "x", 0)))],
            { concurrency: "unbounded" }
          )
          const error = results[results.length - 1]
          assert.isTrue(typeof error === "object" && error._tag === "RunStoreError")
          for (const id of ids) {
            const log = yield* s.events(id)
            assert.deepStrictEqual(
              log.map((e) => e.seq),
              Array.from({ length: 10 }, (_, i) => i + 1)
            )
            const got = yield* s.get(id)
            assert.strictEqual(Option.isSome(got) ? Object.keys(got.value.steps).length : 0, 10)
          }
        })
      ))

    it.effect("step states follow the events; outputs, errors and usage are kept", () =>
      run(
        Effect.gen(function* () {
          const s = yield* store
          yield* s.create({ id: "r", key: "r", pipeline: "p", input: 1 })
          yield* s.appendEvent("r", started("r", "search", 10))
          yield* s.appendEvent("r", {
            _tag: "StepRetried",
            runId: "r",
            step: "search",
            kind: "k",
            attempt: 1,
            delayMillis: 5,
            error: "Flaky: ",
            at: 11
          })
          yield* s.setStepOutput("r", "search", { urls: ["u"] })
          yield* s.appendEvent("r", succeeded("r", "search", 17, 2))
          yield* s.appendEvent("r", started("r", "read#0", 20))
          yield* s.appendEvent("r", {
            _tag: "StepFailed",
            runId: "r",
            step: "read#0",
            kind: "k",
            attempts: 1,
            durationMillis: 2,
            usage: usage(1, 1),
            error: "Broken: gone",
            at: 22
          })
          yield* s.appendEvent("r", { _tag: "StepCached", runId: "r", step: "sum", kind: "k", key: "h", at: 23 })
          yield* s.setStepOutput("r", "sum", "cached text")
          yield* s.appendEvent("r", started("r", "late", 24))
          const got = yield* s.get("r")
          assert.isTrue(Option.isSome(got))
          if (Option.isNone(got)) return
          assert.deepStrictEqual(got.value.steps, {
            search: {
              kind: "k",
              status: "succeeded",
              attempts: 2,
              durationMillis: 7,
              usage: usage(3, 4),
              cached: false,
              output: { urls: ["u"] },
              startedAt: 10,
              finishedAt: 17
            },
            "read#0": {
              kind: "k",
              status: "failed",
              attempts: 1,
              durationMillis: 2,
              usage: usage(1, 1),
              error: "Broken: gone",
              cached: false,
              startedAt: 20,
              finishedAt: 22
            },
            sum: {
              kind: "k",
              status: "succeeded",
              attempts: 0,
              durationMillis: 0,
              usage: usage(0, 0),
              cached: true,
              output: "cached text",
              startedAt: 23,
              finishedAt: 23
            },
            late: { kind: "k", status: "running", attempts: 1, usage: usage(0, 0), cached: false, startedAt: 24 }
          })
          // The run's usage is the sum over its steps' final events.
          assert.deepStrictEqual(got.value.usage, usage(4, 5))
          // An output given with a StepSucceeded is kept in the same write.
          yield* s.appendEvent("r", started("r", "one-write", 25))
          yield* s.appendEvent("r", succeeded("r", "one-write", 26), { output: { n: 1 } })
          const oneWrite = yield* s.get("r")
          assert.isTrue(Option.isSome(oneWrite))
          if (Option.isSome(oneWrite)) {
            assert.deepStrictEqual(oneWrite.value.steps["one-write"]?.output, { n: 1 })
            assert.strictEqual(oneWrite.value.steps["one-write"]?.status, "succeeded")
          }
          // A step started again (a resumed attempt) drops the output of the attempt before.
          yield* s.appendEvent("r", started("r", "search", 30))
          const again = yield* s.get("r")
          assert.isTrue(Option.isSome(again) && again.value.steps.search?.output === undefined)
        })
      ))

    it.effect("setStatus: the first final status wins, with its output or error and its RunFinished", () =>
      run(
        Effect.gen(function* () {
          const s = yield* store
          yield* s.create({ id: "r", key: "r", pipeline: "p", input: 1 })
          yield* s.appendEvent("r", { _tag: "RunStarted", runId: "r", pipeline: "p", at: 0 })
          yield* TestClock.adjust(50)
          const finished: Event = {
            _tag: "RunFinished",
            runId: "r",
            pipeline: "p",
            status: "succeeded",
            durationMillis: 50,
            usage: usage(0, 0),
            at: 50
          }
          assert.isTrue(yield* s.setStatus("r", "succeeded", { output: { words: 3 }, event: finished }))
          assert.isFalse(
            yield* s.setStatus("r", "cancelled", { error: "cancelled", event: { ...finished, status: "cancelled" } })
          )
          assert.isFalse(yield* s.setStatus("missing", "failed", { error: "x" }))
          const got = yield* s.get("r")
          assert.isTrue(Option.isSome(got))
          if (Option.isNone(got)) return
          assert.strictEqual(got.value.status, "succeeded")
          assert.deepStrictEqual(got.value.output, { words: 3 })
          assert.isUndefined(got.value.error)
          assert.strictEqual(got.value.updatedAt, 50)
          assert.deepStrictEqual(
            (yield* s.events("r")).map((e) => [e.seq, e.event._tag]),
            [
              [1, "RunStarted"],
              [2, "RunFinished"]
            ]
          )
          // The log of a final run is closed: RunFinished stays the last event.
          assert.strictEqual(yield* s.appendEvent("r", started("r", "late", 60)), 0)
          assert.strictEqual((yield* s.events("r")).length, 2)
          const closed = yield* s.get("r")
          assert.isTrue(Option.isSome(closed) && closed.value.steps.late === undefined)
          yield* s.create({ id: "f", key: "f", pipeline: "p", input: 1 })
          assert.isTrue(yield* s.setStatus("f", "failed", { error: "Broken: gone" }))
          const failed = yield* s.get("f")
          assert.isTrue(Option.isSome(failed) && failed.value.status === "failed" && failed.value.error === "Broken: gone")
          assert.isTrue(Option.isSome(failed) && failed.value.output === undefined)
        })
      ))

    it.effect("list: newest first, filters by status and pipeline, pages with a cursor", () =>
      run(
        Effect.gen(function* () {
          const s = yield* store
          // r0..r4 one millisecond apart; r5 and r6 share a millisecond (ties are ordered by id).
          for (let i = 0; i < 7; i++) {
            if (i < 6) yield* TestClock.adjust(1)
            yield* s.create({ id: `r${i}`, key: `k${i}`, pipeline: i % 2 === 0 ? "even" : "odd", input: i })
          }
          yield* s.setStatus("r2", "failed", { error: "x" })
          yield* s.setStatus("r4", "succeeded", { output: 4 })
          const ids = (page: RunStore.RunPage) => page.runs.map((r) => r.id)
          assert.deepStrictEqual(ids(yield* s.list()), ["r6", "r5", "r4", "r3", "r2", "r1", "r0"])
          assert.deepStrictEqual(ids(yield* s.list({ pipeline: "even" })), ["r6", "r4", "r2", "r0"])
          assert.deepStrictEqual(ids(yield* s.list({ status: "running" })), ["r6", "r5", "r3", "r1", "r0"])
          assert.deepStrictEqual(ids(yield* s.list({ status: "running", pipeline: "even" })), ["r6", "r0"])
          const pages: Array<Array<string>> = []
          let cursor: string | undefined
          do {
            const page: RunStore.RunPage = yield* s.list({ limit: 3, cursor })
            pages.push([...ids(page)])
            cursor = page.nextCursor
          } while (cursor !== undefined)
          assert.deepStrictEqual(pages, [["r6", "r5", "r4"], ["r3", "r2", "r1"], ["r0"]])
          const exact = yield* s.list({ limit: 7 })
          assert.isUndefined(exact.nextCursor)
          const first = yield* s.list({ status: "running", limit: 2 })
          assert.deepStrictEqual(ids(first), ["r6", "r5"])
          assert.deepStrictEqual(ids(yield* s.list({ status: "running", limit: 2, cursor: first.nextCursor })), ["r3", "r1"])
          assert.deepStrictEqual(yield* s.list({ pipeline: "none" }), { runs: [] })
        })
      ))

    it.effect("list: bad limits, cursors and statuses fail naming the field", () =>
      run(
        Effect.gen(function* () {
          const s = yield* store
          for (const limit of [0, 1001, 2.5]) {
            const error = yield* Effect.flip(s.list({ limit }))
            assert.strictEqual(error._tag, "RunQueryError")
            assert.strictEqual(error._tag === "RunQueryError" && error.field, "limit")
            assert.include(error.message, "limit must be an integer from 1 to 1000")
          }
          const cursor = yield* Effect.flip(s.list({ cursor: "garbage" }))
          assert.isTrue(cursor._tag === "RunQueryError" && cursor.field === "cursor")
          const status = yield* Effect.flip(s.list({ status: "done" as RunStore.RunStatus }))
          assert.isTrue(status._tag === "RunQueryError" && status.field === "status")
          assert.include(status.message, "running, succeeded, failed, cancelled")
        })
      ))

    it.effect("values JSON cannot hold fail typed", () =>
      run(
        Effect.gen(function* () {
          const s = yield* store
          const error = yield* Effect.flip(s.create({ id: "x", key: "x", pipeline: "p", input: { n: 1n } }))
          assert.strictEqual(error._tag, "RunStoreError")
          assert.include(error.message, "not JSON")
          assert.isTrue(Option.isNone(yield* s.get("x")))
        })
      ))

    it.effect("changes announces the runs whose log or status changed", () =>
      run(
        Effect.scoped(
          Effect.gen(function* () {
            const s = yield* store
            const changes = yield* PubSub.subscribe(s.changes)
            yield* s.create({ id: "c", key: "c", pipeline: "p", input: 1 })
            yield* s.appendEvent("c", started("c", "x", 1))
            yield* s.setStatus("c", "failed", { error: "e" })
            yield* s.setStatus("c", "failed", { error: "again" })
            const ids = [yield* PubSub.take(changes), yield* PubSub.take(changes), yield* PubSub.take(changes)]
            assert.deepStrictEqual(ids, ["c", "c", "c"])
            assert.strictEqual(yield* PubSub.remaining(changes), 0)
          })
        )
      ))
  })

contract("memory", () => RunStore.layerMemory)
contract("SQLite", () => RunStore.layerSql.pipe(Layer.provide(SqliteClient.layer({ filename: ":memory:" }))))

describe("RunStore default", () => {
  it.effect("records nothing", () =>
    Effect.gen(function* () {
      const s = yield* store
      assert.strictEqual(s, RunStore.none)
      assert.isFalse(s.recording)
      assert.isTrue(yield* s.create({ id: "x", key: "x", pipeline: "p", input: 1 }))
      assert.isTrue(Option.isNone(yield* s.get("x")))
      assert.deepStrictEqual(yield* s.list(), { runs: [] })
    }))
})

describe("RunStore.layerSql on SQLite", () => {
  it.effect("creates its tables once and reads what an earlier store wrote to the same database", () =>
    Effect.gen(function* () {
      const first = yield* RunStore.makeSql
      yield* first.create({ id: "r", key: "k", pipeline: "p", input: [1] })
      yield* first.appendEvent("r", started("r", "s", 1))
      const second = yield* RunStore.makeSql
      const got = yield* second.get("r")
      assert.isTrue(Option.isSome(got) && got.value.steps.s?.status === "running")
      assert.deepStrictEqual((yield* second.events("r")).map((e) => e.seq), [1])
      const sql = yield* SqlClient.SqlClient
      const tables = yield* sql<{ readonly name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'zai_run%' ORDER BY name`
      assert.deepStrictEqual(tables.map((t) => t.name), ["zai_run_events", "zai_run_steps", "zai_runs"])
    }).pipe(Effect.provide(SqliteClient.layer({ filename: ":memory:" }))))
})

// PostgreSQL: the private server of the durable-engine tests' harness (skipped where it cannot be had).
const server = await Postgres.startPostgres()
if (typeof server === "string") console.warn(`Skipping the RunStore PostgreSQL contract: ${server}`)
afterAll(() => {
  if (typeof server !== "string") server.stop()
})

if (typeof server !== "string") {
  const fresh = Layer.effectContext(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* sql`DROP TABLE IF EXISTS zai_runs, zai_run_steps, zai_run_events`
      return Context.make(RunStore.RunStore, yield* RunStore.makeSql)
    })
  )
  contract("PostgreSQL", () => fresh.pipe(Layer.provide(PgClient.layer({ url: Redacted.make(server.url), maxConnections: 4 }))))
}
