import { assert, describe, it } from "@effect/vitest"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"
import { countEvents, runChild } from "./fixtures/durable/harness.js"

const dir = mkdtempSync(join(tmpdir(), "zai-durable-dsl-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("DurableEngine.layerSqlite under the DSL (Pipeline.execute with a run key)", () => {
  it("a killed pipeline run resumes in a new process; no finished step or forEach item runs again", async () => {
    const db = join(dir, "pipeline.db")
    const counter = join(dir, "pipeline.count")
    const steps = ["plan", ...[0, 1, 2, 3, 4, 5].map((i) => `read:glm-${i}`), "summarize"]
    // read:glm-3 hangs; kill once every other step before summarize has ended.
    const ended = ["plan", "read:glm-0", "read:glm-1", "read:glm-2", "read:glm-4", "read:glm-5"]
    const first = await runChild("pipeline.ts", [db, counter, "read:glm-3"], {
      killWhen: (lines) => lines.includes("start read:glm-3") && ended.every((name) => lines.includes(`end ${name}`))
    })
    assert.isTrue(first.killed, `first run was not killed: ${first.stderr}`)
    const beforeKill = countEvents(counter)
    assert.deepStrictEqual(steps.filter((name) => beforeKill.get(`end ${name}`) === 1), ended)

    const second = await runChild("pipeline.ts", [db, counter])
    assert.strictEqual(second.code, 0, second.stderr)
    assert.match(second.lines.at(-1) ?? "", /^result "text of glm-0 \| .* \| text of glm-5" after \d+ ms$/)

    const counts = countEvents(counter)
    for (const name of steps) assert.strictEqual(counts.get(`end ${name}`), 1, `end ${name}`)
    // The 6 finished steps (plan and 5 of 6 forEach items) never started again; only the one in flight did.
    for (const name of ended) assert.strictEqual(counts.get(`start ${name}`), 1, `start ${name}`)
    assert.strictEqual(counts.get("start read:glm-3"), 2)
    assert.strictEqual(counts.get("start summarize"), 1)
  }, 30_000)
})
