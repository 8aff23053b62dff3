/**
 * Type tests. Positive cases use `expectTypeOf` (checked by `tsc` in `typecheck`); negative cases
 * (a mismatch must NOT compile) compile the files in `test/type-errors/` with the TypeScript API and
 * assert that each fails exactly on the line marked `error-here`, with an assignability error.
 * (The repo bans `@ts-expect-error`, and `not.toMatchTypeOf` cannot express "this call does not
 * compile", so a real compilation is the honest check.)
 */
import { readdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, expectTypeOf, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import ts from "typescript"
import { Pipeline, type PipelineError, Step } from "@zai-kit/workflow"
import { Broken, type Flaky, read, search, summarize, Topic } from "./support.js"

type Page = { readonly url: string; readonly text: string }

describe("inference", () => {
  it("sequence: each step's input is the previous output", () => {
    const p = Pipeline.make(search).pipe(
      Pipeline.map((found) => {
        expectTypeOf(found).toEqualTypeOf<{ readonly urls: ReadonlyArray<string> }>()
        return found.urls
      }),
      Pipeline.forEach(read),
      Pipeline.andThen(summarize)
    )
    expectTypeOf(p).toEqualTypeOf<
      Pipeline.Pipeline<{ readonly topic: string }, { readonly summary: string; readonly words: number }, never, never>
    >()
  })

  it("a step accepting fewer fields fits after one producing more", () => {
    const wide = Step.make({
      name: "wide",
      input: Schema.String,
      output: Schema.Struct({ topic: Schema.String, extra: Schema.Number }),
      run: (s) => Schema.decodeUnknownEffect(Schema.Struct({ topic: Schema.String, extra: Schema.Number }))({ topic: s, extra: 1 })
    })
    const p = Pipeline.make(wide).pipe(Pipeline.andThen(search))
    expectTypeOf(p).toEqualTypeOf<
      Pipeline.Pipeline<string, { readonly urls: ReadonlyArray<string> }, Schema.SchemaError, never>
    >()
  })

  it("parallel: a record of outputs", () => {
    const p = Pipeline.input(Topic, { name: "p" }).pipe(
      Pipeline.parallel({ found: search, same: Pipeline.input(Topic, { name: "q" }) })
    )
    expectTypeOf<Pipeline.Output<typeof p>>().toEqualTypeOf<{
      readonly found: { readonly urls: ReadonlyArray<string> }
      readonly same: { readonly topic: string }
    }>()
  })

  it("branch: the union of both outputs", () => {
    const p = Pipeline.input(Schema.Number, { name: "b" }).pipe(
      Pipeline.branch({
        if: (n) => n > 1,
        onTrue: Pipeline.input(Schema.Number, { name: "t" }).pipe(Pipeline.map((n) => `${n}`)),
        onFalse: Pipeline.input(Schema.Number, { name: "e" }).pipe(Pipeline.map((n) => n > 0))
      })
    )
    expectTypeOf<Pipeline.Output<typeof p>>().toEqualTypeOf<string | boolean>()
  })

  it("forEach: an array of outputs, or outputs and failures under collect", () => {
    const urls = Pipeline.input(Schema.Array(Schema.String), { name: "u" })
    const failFast = urls.pipe(Pipeline.forEach(read, { concurrency: 4 }))
    expectTypeOf<Pipeline.Output<typeof failFast>>().toEqualTypeOf<ReadonlyArray<Page>>()
    const failing = Step.make({
      name: "failing",
      input: Schema.String,
      output: Schema.String,
      run: (s) => (s === "" ? Effect.fail(new Broken({ reason: "empty" })) : Effect.succeed(s))
    })
    const collected = urls.pipe(Pipeline.forEach(failing, { failures: "collect" }))
    expectTypeOf<Pipeline.Output<typeof collected>>().toEqualTypeOf<Pipeline.Collected<string, Broken>>()
    expectTypeOf<Pipeline.Error<typeof collected>>().toEqualTypeOf<never>()
    const fast = urls.pipe(Pipeline.forEach(failing))
    expectTypeOf<Pipeline.Error<typeof fast>>().toEqualTypeOf<Broken>()
  })

  it("loop: same type in and out, LoopLimitError added", () => {
    const inc = Step.make({ name: "inc", input: Schema.Number, output: Schema.Number, run: (n) => Effect.succeed(n + 1) })
    const p = Pipeline.input(Schema.Number, { name: "l" }).pipe(Pipeline.loop(inc, { until: (n) => n > 3, maxIterations: 5 }))
    expectTypeOf<Pipeline.Output<typeof p>>().toEqualTypeOf<number>()
    expectTypeOf<Pipeline.Error<typeof p>>().toEqualTypeOf<PipelineError.LoopLimitError>()
  })

  it("timeout adds StepTimeoutError; retry keeps the error type", () => {
    const s = Step.make({
      name: "s",
      input: Schema.String,
      output: Schema.String,
      run: (x) => Effect.succeed(x),
      timeout: "1 second"
    })
    expectTypeOf<Pipeline.Error<typeof s>>().toEqualTypeOf<PipelineError.StepTimeoutError>()
    expectTypeOf<Pipeline.Error<typeof search>>().toEqualTypeOf<never>()
    expectTypeOf<Flaky["isRetryable"]>().toEqualTypeOf<true>()
  })
})

// -----------------------------------------------------------------------------------------------------------------
// negative cases: compile test/type-errors/*.ts
// -----------------------------------------------------------------------------------------------------------------

const here = dirname(fileURLToPath(import.meta.url))
const fixtures = join(here, "type-errors")

describe("mismatches do not compile", () => {
  const files = readdirSync(fixtures).filter((f) => f.endsWith(".ts"))
  const config = ts.getParsedCommandLineOfConfigFile(join(here, "..", "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined
  })
  const program = ts.createProgram(
    files.map((f) => join(fixtures, f)),
    { ...config?.options, noEmit: true, plugins: [] }
  )
  for (const file of files) {
    it(`${file}: the marked line fails with an assignability error`, () => {
      const source = program.getSourceFile(join(fixtures, file))
      expect(source).toBeDefined()
      if (source === undefined) return
      const diagnostics = ts.getPreEmitDiagnostics(program, source)
      const marked = source.text.split("\n").findIndex((line) => line.includes("error-here"))
      const lines = diagnostics.map((d) => source.getLineAndCharacterOfPosition(d.start ?? 0).line)
      expect(diagnostics.length).toBeGreaterThan(0)
      // every error sits on (or within the call on) the marked line
      for (const line of lines) expect(Math.abs(line - marked)).toBeLessThanOrEqual(1)
      // 2345: argument not assignable; 2322: type not assignable; 2339: property does not exist
      expect(diagnostics.every((d) => [2345, 2322, 2339].includes(d.code))).toBe(true)
    }, 60_000)
  }
})
