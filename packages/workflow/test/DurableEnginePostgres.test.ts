import { assert, describe, it } from "@effect/vitest"
import { mkdtempSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"
import { countEvents, resumableActivities, runChild } from "./fixtures/durable/harness.js"
import { Postgres } from "@zai-kit/testing"

const require = createRequire(import.meta.url)

describe("@effect/sql-pg", () => {
  it("is pinned at 4.0.5 and loads with effect 4.1.0", async () => {
    assert.strictEqual((require("@effect/sql-pg/package.json") as { version: string }).version, "4.0.5")
    assert.strictEqual((require("effect/package.json") as { version: string }).version, "4.1.0")
    const PgClient = await import("@effect/sql-pg/PgClient")
    assert.strictEqual(typeof PgClient.layer, "function")
    const index = await import("@effect/sql-pg")
    assert.includeMembers(Object.keys(index), ["PgClient", "PgMigrator"])
  })
})

const server = await Postgres.startPostgres()
const unavailable = typeof server === "string" ? server : undefined
if (unavailable !== undefined) {
  console.warn(`Skipping the PostgreSQL multi-runner test: ${unavailable}`)
}
const dir = mkdtempSync(join(tmpdir(), "zai-durable-pg-"))
afterAll(() => {
  if (typeof server !== "string") server.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(unavailable !== undefined)("DurableEngine.layerPostgres: two runners on one PostgreSQL", () => {
  it("runner 2 takes over the run of a killed runner 1; no finished activity or forEach item runs again", async () => {
    if (typeof server === "string") return
    const counter = join(dir, "pg.count")
    const [portA, portB] = [await Postgres.freePort(), await Postgres.freePort()]
    const args = (mode: string, hangAt: string, port: number) =>
      ["postgres", server.url, counter, mode, hangAt, String(port)]
    const ended = ["step-1", "step-2", "item-0", "item-1", "item-2", "item-4", "item-5"]
    const first = await runChild("resumable.ts", args("start", "item-3", portA), {
      killWhen: (lines) => lines.includes("start item-3") && ended.every((name) => lines.includes(`end ${name}`))
    })
    assert.isTrue(first.killed, `runner 1 was not killed: ${first.stderr}`)
    const beforeKill = countEvents(counter)
    assert.deepStrictEqual(resumableActivities.filter((name) => beforeKill.get(`end ${name}`) === 1), ended)

    // A runner at another address: it waits for runner 1's shard locks to expire ("6 seconds"), then resumes.
    const second = await runChild("resumable.ts", args("resume", "", portB))
    assert.strictEqual(second.code, 0, second.stderr)
    assert.match(second.lines.at(-1) ?? "", /^result \["step-1:ok",.*"step-3:ok"\] after \d+ ms$/)

    const counts = countEvents(counter)
    for (const name of resumableActivities) assert.strictEqual(counts.get(`end ${name}`), 1, `end ${name}`)
    for (const name of ended) assert.strictEqual(counts.get(`start ${name}`), 1, `start ${name}`)
    assert.strictEqual(counts.get("start item-3"), 2)
    assert.strictEqual(counts.get("start step-3"), 1)
  }, 60_000)
})
