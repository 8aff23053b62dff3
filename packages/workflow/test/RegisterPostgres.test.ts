import { assert, describe, it } from "@effect/vitest"
import * as PgClient from "@effect/sql-pg/PgClient"
import { Postgres } from "@zai-kit/testing"
import { Runs, RunStore } from "@zai-kit/workflow"
import { Effect, Layer, Redacted } from "effect"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"
import { startChild } from "./fixtures/durable/harness.js"

const dir = mkdtempSync(join(tmpdir(), "zai-register-pg-"))
const server = await Postgres.startPostgres()
if (typeof server === "string") console.warn(`Skipping the Pipeline.register test on PostgreSQL: ${server}`)
afterAll(() => {
  if (typeof server !== "string") server.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** Resolves once the child has printed `line`. */
const printed = (child: ReturnType<typeof startChild>, line: string) =>
  new Promise<void>((resolve, reject) => {
    let seen = ""
    child.process.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk.toString()
      if (seen.split("\n").includes(line)) resolve()
    })
    child.process.once("exit", () => reject(new Error(`exited before printing "${line}": ${seen}`)))
  })

describe.skipIf(typeof server === "string")("Pipeline.register on PostgreSQL (two runner processes)", () => {
  it("runs started by A execute on whichever runner owns their shard; B only registered the pipeline", async () => {
    if (typeof server === "string") return
    const counter = join(dir, "many.count")
    const [portA, portB] = [await Postgres.freePort(), await Postgres.freePort()]
    const b = startChild("runs.ts", [server.url, counter, "register", "", String(portB)])
    try {
      await printed(b, "registered true")
      const a = startChild("runs.ts", [server.url, counter, "start-many", "", String(portA)])
      const done = await a.done
      assert.strictEqual(done.code, 0, done.stderr)
      const results = done.lines.filter((line) => line.startsWith("result "))
      assert.deepStrictEqual(
        results,
        [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `result ${JSON.stringify([0, 1, 2, 3, 4, 5].map((j) => `text of t${i}-${j}`).join(" | "))}`)
      )
      // Both processes executed steps: B ran executions it never started, with the registered body.
      const endedBy = new Map<string, number>()
      for (const line of readFileSync(counter, "utf8").split("\n")) {
        const [event, , pid] = line.split(" ")
        if (event === "end" && pid !== undefined) endedBy.set(pid, (endedBy.get(pid) ?? 0) + 1)
      }
      assert.isAbove(endedBy.get(String(b.process.pid)) ?? 0, 0, `steps by pid: ${JSON.stringify([...endedBy])}`)

      // Every run is recorded whole in the shared store, also the steps B ran (B recorded them).
      const ids = done.lines.filter((line) => line.startsWith("id ")).map((line) => line.slice(3))
      assert.strictEqual(ids.length, 8)
      const runs = await Effect.runPromise(
        Effect.forEach(ids, (id) => Runs.inspect(id)).pipe(
          Effect.provide(
            RunStore.layerSql.pipe(Layer.provide(PgClient.layer({ url: Redacted.make(server.url), maxConnections: 2 })))
          )
        )
      )
      for (const run of runs) {
        assert.strictEqual(run.status, "succeeded", run.id)
        assert.deepStrictEqual(
          Object.keys(run.steps).sort(),
          ["plan", "read#0", "read#1", "read#2", "read#3", "read#4", "read#5", "summarize"],
          run.id
        )
        for (const [path, state] of Object.entries(run.steps)) {
          assert.strictEqual(state.status, "succeeded", `${run.id} ${path}`)
          assert.isDefined(state.output, `${run.id} ${path}`)
        }
      }
    } finally {
      b.process.kill("SIGKILL")
      await b.done
    }
  }, 90_000)
})
