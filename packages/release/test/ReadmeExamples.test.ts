import { describe, expect, it } from "@effect/vitest"
import * as ReadmeExamples from "../src/ReadmeExamples.js"

const readme = [
  "# pkg",
  "",
  "```ts",
  'import { Effect } from "effect"',
  "",
  "const program = Effect.succeed(1)",
  "```",
  "",
  "```ts",
  "Effect.runPromise(program) // a fragment: no import",
  "```",
  "",
  "<!-- fragment -->",
  "",
  "```ts",
  'import { Layer } from "effect"',
  "export const main = async () => Layer.empty",
  "```",
  "",
  "```sh",
  "pnpm add x",
  "```"
].join("\n")

describe("ReadmeExamples", () => {
  it("finds every ts block with its line; only whole, unmarked modules are runnable", () => {
    const examples = ReadmeExamples.extract(readme)
    expect(examples.map((e) => ({ index: e.index, line: e.line, runnable: e.runnable }))).toEqual([
      { index: 0, line: 3, runnable: true },
      { index: 1, line: 9, runnable: false },
      { index: 2, line: 15, runnable: false }
    ])
    expect(examples[0]?.code).toBe('import { Effect } from "effect"\n\nconst program = Effect.succeed(1)\n')
  })

  it("names the imported packages, subpaths and scopes included", () => {
    const code = 'import { Migrator } from "effect/sql"\nimport { NodeServices } from "@effect/platform-node/NodeServices"\nimport { tmpdir } from "node:os"\nimport type { X } from "./x.js"\n'
    expect(ReadmeExamples.imports(code).map(ReadmeExamples.packageOf)).toEqual(["effect", "@effect/platform-node", undefined, undefined])
  })

  it("exports an unexported entry point and leaves exported ones alone", () => {
    const [first] = ReadmeExamples.extract(readme)
    if (first === undefined) throw new Error("no block")
    expect(ReadmeExamples.toModule(first)).toContain("export { program }")
    const exported = { ...first, code: "export const program = 1\nconst main = 2\n" }
    expect(ReadmeExamples.toModule(exported)).toMatch(/export \{ main \}\n$/)
    const none = { ...first, code: 'import { a } from "a"\nconst programme = 1\n' }
    expect(ReadmeExamples.toModule(none)).toBe(none.code)
  })
})
