import { assert, describe, it } from "@effect/vitest"
import { SqliteClient } from "@zai-kit/sqlite"
import { Config, Data, Effect, Exit, Layer, Stream } from "effect"
import { Migrator, SqlClient, SqlError } from "effect/sql"
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll } from "vitest"

const dir = mkdtempSync(join(tmpdir(), "zai-sqlite-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0
const freshFile = () => join(dir, `db-${++files}.sqlite`)
const fresh = () => SqliteClient.layer({ filename: freshFile() })

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url))

describe("SqliteClient", () => {
  it.effect("runs queries with parameters and reports its driver", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      assert.strictEqual(sql.driver, SqliteClient.driver)
      yield* sql`CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, active INTEGER, note TEXT)`
      yield* sql`INSERT INTO people ${sql.insert([
        { name: "Ada", active: true, note: null },
        { name: "Grace", active: false, note: "x'); DROP TABLE people; --" }
      ])}`
      const inserted = yield* sql<{ id: number }>`INSERT INTO people (name) VALUES (${"Linus"}) RETURNING id`
      assert.deepStrictEqual(inserted.map((r) => r.id), [3])
      const rows = yield* sql<{ name: string; active: number | null; note: string | null }>`
        SELECT name, active, note FROM people WHERE id IN ${sql.in([1, 2])} ORDER BY id`
      assert.deepStrictEqual(rows.map((r) => ({ ...r })), [
        { name: "Ada", active: 1, note: null },
        { name: "Grace", active: 0, note: "x'); DROP TABLE people; --" }
      ])
      const values = yield* sql`SELECT id, name FROM people ORDER BY id`.values
      assert.deepStrictEqual(values, [[1, "Ada"], [2, "Grace"], [3, "Linus"]])
      const streamed = yield* Stream.runCollect(sql<{ name: string }>`SELECT name FROM people ORDER BY id`.stream)
      assert.deepStrictEqual(streamed.map((r) => r.name), ["Ada", "Grace", "Linus"])
    }).pipe(Effect.provide(fresh())))

  it.effect("binds dates as ISO text and renames columns with transformResultNames", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      yield* sql`CREATE TABLE runs (run_id TEXT, started_at TEXT)`
      yield* sql`INSERT INTO runs ${sql.insert({ run_id: "r1", started_at: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)) })}`
      const rows = yield* sql<{ runId: string; startedAt: string }>`SELECT run_id, started_at FROM runs`
      assert.deepStrictEqual(rows.map((r) => ({ ...r })), [{ runId: "r1", startedAt: "2025-01-02T03:04:05.000Z" }])
    }).pipe(
      Effect.provide(SqliteClient.layer({
        filename: ":memory:",
        transformResultNames: (name) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())
      }))
    ))

  it.effect("commits transactions, rolls back failed ones and nested savepoints", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      yield* sql`CREATE TABLE t (v TEXT)`
      yield* sql.withTransaction(Effect.all([sql`INSERT INTO t VALUES ('a')`, sql`INSERT INTO t VALUES ('b')`]))
      const failed = yield* sql.withTransaction(
        Effect.andThen(sql`INSERT INTO t VALUES ('c')`, Effect.fail("boom" as const))
      ).pipe(Effect.exit)
      assert.isTrue(Exit.isFailure(failed))
      yield* sql.withTransaction(Effect.gen(function*() {
        yield* sql`INSERT INTO t VALUES ('d')`
        yield* sql.withTransaction(Effect.andThen(sql`INSERT INTO t VALUES ('e')`, Effect.fail("inner"))).pipe(
          Effect.ignore
        )
      }))
      const rows = yield* sql<{ v: string }>`SELECT v FROM t ORDER BY v`
      assert.deepStrictEqual(rows.map((r) => r.v), ["a", "b", "d"])
    }).pipe(Effect.provide(fresh())))

  it.effect("runs the core Migrator once per migration", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const migrate = Migrator.make({})({
        loader: Migrator.fromRecord({
          "1_create_runs": Effect.flatMap(SqlClient.SqlClient, (sql) => sql`CREATE TABLE runs (id TEXT PRIMARY KEY)`),
          "2_add_status": Effect.flatMap(SqlClient.SqlClient, (sql) => sql`ALTER TABLE runs ADD COLUMN status TEXT`)
        })
      })
      assert.deepStrictEqual(yield* migrate, [[1, "create_runs"], [2, "add_status"]])
      assert.deepStrictEqual(yield* migrate, [])
      yield* sql`INSERT INTO runs (id, status) VALUES ('r1', 'done')`
      const rows = yield* sql<{ name: string }>`SELECT name FROM effect_sql_migrations ORDER BY migration_id`
      assert.deepStrictEqual(rows.map((r) => r.name), ["create_runs", "add_status"])
    }).pipe(Effect.provide(fresh())))

  it.effect("serves 20 concurrent fibers, each with its own transaction", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      yield* sql`CREATE TABLE counter (fiber INTEGER, step INTEGER)`
      yield* Effect.forEach(
        Array.from({ length: 20 }, (_, i) => i),
        (fiber) =>
          sql.withTransaction(Effect.gen(function*() {
            for (let step = 0; step < 5; step++) {
              yield* sql`INSERT INTO counter VALUES (${fiber}, ${step})`
              yield* Effect.yieldNow
            }
            const [row] = yield* sql<{ n: number }>`SELECT count(*) AS n FROM counter WHERE fiber = ${fiber}`
            // Another fiber's rows never show up inside this transaction.
            assert.strictEqual(row?.n, 5)
          })),
        { concurrency: "unbounded" }
      )
      const [total] = yield* sql<{ n: number }>`SELECT count(*) AS n FROM counter`
      assert.strictEqual(total?.n, 100)
    }).pipe(Effect.provide(fresh())))

  it.effect("fails with a typed SqlError, classified by SQLite's result code", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      yield* sql`CREATE TABLE u (k TEXT UNIQUE)`
      yield* sql`INSERT INTO u VALUES ('x')`
      const duplicate = yield* Effect.flip(sql`INSERT INTO u VALUES ('x')`)
      assert.isTrue(SqlError.isSqlError(duplicate))
      assert.strictEqual(duplicate.reason._tag, "UniqueViolation")
      const syntax = yield* Effect.flip(sql`SELEC nothing`)
      assert.isTrue(SqlError.isSqlError(syntax))
      assert.match(syntax.message, /syntax error|SELEC/)
      const missing = yield* Effect.flip(sql`SELECT * FROM nowhere`)
      assert.isTrue(SqlError.isSqlError(missing))
    }).pipe(Effect.provide(fresh())))

  it.effect("opens with WAL and synchronous=FULL; reopening a file keeps its rows", () =>
    Effect.gen(function*() {
      const filename = freshFile()
      const write = Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        yield* sql`CREATE TABLE kept (v INTEGER)`
        yield* sql`INSERT INTO kept VALUES (42)`
        const [mode] = yield* sql<{ journal_mode: string }>`PRAGMA journal_mode`
        const [sync] = yield* sql<{ synchronous: number }>`PRAGMA synchronous`
        return [mode?.journal_mode, sync?.synchronous]
      })
      assert.deepStrictEqual(yield* write.pipe(Effect.provide(SqliteClient.layer({ filename }))), ["wal", 2])
      const read = Effect.flatMap(SqlClient.SqlClient, (sql) => sql<{ v: number }>`SELECT v FROM kept`)
      const rows = yield* read.pipe(Effect.provide(SqliteClient.layer({ filename })))
      assert.deepStrictEqual(rows.map((r) => r.v), [42])
    }))

  it.effect("synchronous: \"normal\" opens with synchronous=NORMAL (still WAL)", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const [mode] = yield* sql<{ journal_mode: string }>`PRAGMA journal_mode`
      const [sync] = yield* sql<{ synchronous: number }>`PRAGMA synchronous`
      assert.deepStrictEqual([mode?.journal_mode, sync?.synchronous], ["wal", 1])
    }).pipe(Effect.provide(SqliteClient.layer({ filename: freshFile(), synchronous: "normal" }))))

  it.effect("layerConfig reads its options from Config", () =>
    Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      const [row] = yield* sql<{ one: number }>`SELECT 1 AS one`
      assert.strictEqual(row?.one, 1)
    }).pipe(Effect.provide(SqliteClient.layerConfig({ filename: Config.succeed(":memory:") }))))

  it.effect("fails to open with a typed SqlError", () =>
    Effect.gen(function*() {
      const exit = yield* Layer.build(SqliteClient.layer({ filename: join(dir, "missing", "dir", "x.db") })).pipe(
        Effect.scoped,
        Effect.exit
      )
      assert.isTrue(Exit.isFailure(exit))
    }))
})

class ChildFailed extends Data.TaggedError("ChildFailed")<{ readonly message: string }> {}

interface KillRun {
  readonly acked: number
  readonly found: number
  readonly stderr: string
}

/** Starts the writer, SIGKILLs it after `killAfter` acknowledged commits, and counts the survivors. */
const killRun = (filename: string, killAfter: number) =>
  Effect.gen(function*() {
    const acked = yield* Effect.callback<{ readonly acked: Set<number>; readonly stderr: string }, ChildFailed>(
      (resume) => {
        const child = spawn(
          process.execPath,
          ["--import", fileURLToPath(new URL("../../../scripts/ts/register.mjs", import.meta.url)), join(fixtures, "writer.ts"), filename],
          { stdio: ["ignore", "pipe", "pipe"] }
        )
        const ids = new Set<number>()
        let buffer = ""
        let stderr = ""
        let killed = false
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
        child.stdout.on("data", (chunk: Buffer) => {
          buffer += chunk.toString()
          const lines = buffer.split("\n")
          buffer = lines.pop() ?? ""
          for (const line of lines) {
            if (line.startsWith("ack ")) ids.add(Number(line.slice(4)))
          }
          if (!killed && ids.size >= killAfter) {
            killed = true
            child.kill("SIGKILL")
          }
        })
        child.on("error", (error) => resume(Effect.fail(new ChildFailed({ message: error.message }))))
        child.on("close", (_code, signal) =>
          resume(
            signal === "SIGKILL"
              ? Effect.succeed({ acked: ids, stderr })
              : Effect.fail(new ChildFailed({ message: `writer exited without being killed (${signal}): ${stderr}` }))
          ))
        return Effect.sync(() => child.kill("SIGKILL"))
      }
    )
    const rows = yield* Effect.flatMap(SqlClient.SqlClient, (sql) => sql<{ id: number }>`SELECT id FROM acks`).pipe(
      Effect.provide(SqliteClient.layer({ filename }))
    )
    const present = new Set(rows.map((r) => r.id))
    const found = [...acked.acked].filter((id) => present.has(id)).length
    return { acked: acked.acked.size, found, stderr: acked.stderr } satisfies KillRun
  })

describe("SqliteClient durability", () => {
  it("child processes run on Node >= 22", () => {
    assert.isAtLeast(Number(process.versions.node.split(".")[0]), 22)
  })

  it.live("keeps every acknowledged commit across kill -9 (3 runs on one file)", () =>
    Effect.gen(function*() {
      const filename = freshFile()
      for (const killAfter of [50, 137, 300]) {
        const run = yield* killRun(filename, killAfter)
        assert.isAtLeast(run.acked, killAfter)
        assert.strictEqual(run.found, run.acked, `lost acknowledged commits after kill at ${killAfter}`)
        // Only the node:sqlite ExperimentalWarning is filtered, and it is.
        assert.notMatch(run.stderr, /ExperimentalWarning/)
      }
    }), 30_000)
})
