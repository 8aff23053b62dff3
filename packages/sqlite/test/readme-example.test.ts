import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { program, SqlLive } from "../examples/readme.js"

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
const example = readFileSync(new URL("../examples/readme.ts", import.meta.url), "utf8")

describe("README example", () => {
  it("the README shows examples/readme.ts verbatim", () => {
    assert.include(readme, example.trim())
  })

  it.effect("runs", () =>
    Effect.gen(function* () {
      const rows = yield* program.pipe(Effect.provide(SqlLive))
      assert.deepStrictEqual(rows.map((row) => [row.id, row.text]), [[1, "search"], [2, "summarize"]])
    }))
})
