import { assert, describe, it } from "@effect/vitest"
import { SqliteClient } from "@zai-kit/sqlite"
import { Pipeline, PipelineError, RunStore, Runs, Spec, Step, StepCache, StepContext } from "@zai-kit/workflow"
import { Context, Deferred, Effect, Fiber, Layer, Option, Schema, Stream } from "effect"
import { TestClock } from "effect/testing"
import { WorkflowEngine } from "effect/workflow"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"
import { read, search, settle, summarize } from "./support.js"

const dir = mkdtempSync(join(tmpdir(), "zai-runs-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const research = Pipeline.make(search, { name: "research-runs" }).pipe(
  Pipeline.map((found) => found.urls),
  Pipeline.forEach(read, { concurrency: 1 }),
  Pipeline.andThen(summarize)
)

/** A step that waits for a gate before it returns its input. */
const gated = (gate: Deferred.Deferred<void>, name = "gated") =>
  Step.make({
    name,
    input: Schema.String,
    output: Schema.String,
    run: (s) => Effect.as(Deferred.await(gate), `${s}!`)
  })

const upper = Step.make({
  name: "upper",
  input: Schema.String,
  output: Schema.String,
  run: (s) => Effect.as(StepContext.reportUsage({ inputTokens: 2, outputTokens: 1 }), s.toUpperCase())
})

class Gone extends Schema.TaggedError<Gone>()("Gone", { message: Schema.String }) {}

const tags = (events: ReadonlyArray<{ readonly event: { readonly _tag: string } }>) => events.map((e) => e.event._tag)

describe("Pipeline.run with a RunStore", () => {
  it.effect("records the run: status, input, output, usage, step states with outputs, and the event log", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const handle = yield* Pipeline.run(research, { topic: "ai" }, { key: "rec-1" })
        const out = yield* handle.result
        const events = yield* Stream.runCollect(handle.events)
        const run = yield* Runs.inspect(handle.id)
        assert.strictEqual(run.id, handle.id)
        assert.strictEqual(run.key, "rec-1")
        assert.strictEqual(run.pipeline, "research-runs")
        assert.strictEqual(run.status, "succeeded")
        assert.deepStrictEqual(run.input, { topic: "ai" })
        assert.deepStrictEqual(run.output, out)
        assert.isUndefined(run.error)
        assert.deepStrictEqual(run.usage, { inputTokens: 13, outputTokens: 11 })
        assert.deepStrictEqual(Object.keys(run.steps).sort(), ["read#0", "read#1", "read#2", "search", "summarize"])
        assert.deepStrictEqual(run.steps.search?.output, { urls: ["https://a.test/ai", "https://b.test/ai", "https://c.test/ai"] })
        assert.deepStrictEqual(run.steps["read#1"]?.output, { url: "https://b.test/ai", text: "text of https://b.test/ai" })
        assert.deepStrictEqual(run.steps["read#1"]?.usage, { inputTokens: 1, outputTokens: 2 })
        assert.strictEqual(run.steps.summarize?.status, "succeeded")
        assert.strictEqual(run.steps.summarize?.attempts, 1)
        assert.strictEqual(run.steps.summarize?.kind, "summarize")
        // The stored log is the handle's stream, numbered from 1 without gaps.
        const stored = yield* Runs.watch(handle.id).pipe(Stream.runCollect)
        assert.deepStrictEqual(
          stored.map((e) => e.seq),
          events.map((_, i) => i + 1)
        )
        assert.deepStrictEqual(
          stored.map((e) => e.event),
          events
        )
        const last = stored[stored.length - 1]?.event
        assert.isTrue(last?._tag === "RunFinished" && last.status === "succeeded" && last.usage.inputTokens === 13)
      })
    ).pipe(Effect.provide(RunStore.layerMemory)))

  it.effect("a failed run is recorded failed, with the failing step's error", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const broken = Step.make({
          name: "broken",
          input: Schema.String,
          output: Schema.String,
          error: Gone,
          run: () => Effect.fail(new Gone({ message: "gone" }))
        })
        const handle = yield* Pipeline.run(Pipeline.make(upper, { name: "fails" }).pipe(Pipeline.andThen(broken)), "x")
        yield* Effect.flip(handle.result)
        const run = yield* Runs.inspect(handle.id)
        assert.strictEqual(run.status, "failed")
        assert.strictEqual(run.error, "Gone: gone")
        assert.isUndefined(run.output)
        assert.strictEqual(run.steps.upper?.status, "succeeded")
        assert.strictEqual(run.steps.upper?.output, "X")
        assert.strictEqual(run.steps.broken?.status, "failed")
        assert.strictEqual(run.steps.broken?.error, "Gone: gone")
        assert.isUndefined(run.steps.broken?.output)
        assert.deepStrictEqual(run.usage, { inputTokens: 2, outputTokens: 1 })
      })
    ).pipe(Effect.provide(RunStore.layerMemory)))

  it.effect("a run that dies (a defect) is recorded failed with the defect, not left running", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const dies = Step.make({
          name: "dies",
          input: Schema.String,
          output: Schema.String,
          run: () => Effect.die(new Error("boom"))
        })
        const handle = yield* Pipeline.run(Pipeline.make(dies, { name: "dies" }), "x")
        yield* Effect.exit(handle.result)
        const run = yield* Runs.inspect(handle.id)
        assert.strictEqual(run.status, "failed")
        assert.strictEqual(run.error, "defect: Error: boom")
        const last = (yield* Stream.runCollect(handle.events)).at(-1)
        assert.isTrue(last?._tag === "RunFinished" && last.status === "failed" && last.error === run.error)
      })
    ).pipe(Effect.provide(RunStore.layerMemory)))

  it.effect("handle.cancel records cancelled; a run whose scope closes without cancel stays running (resumable)", () =>
    Effect.gen(function* () {
      const gate = yield* Deferred.make<void>()
      const p = Pipeline.make(gated(gate), { name: "waits" })
      const cancelled = yield* Effect.scoped(
        Effect.gen(function* () {
          const handle = yield* Pipeline.run(p, "a")
          yield* Stream.runHead(Stream.filter(handle.events, (e) => e._tag === "StepStarted"))
          yield* handle.cancel
          assert.instanceOf(yield* Effect.flip(handle.result), PipelineError.RunCancelledError)
          return handle.id
        })
      )
      const left = yield* Effect.scoped(
        Effect.gen(function* () {
          const handle = yield* Pipeline.run(p, "b")
          yield* Stream.runHead(Stream.filter(handle.events, (e) => e._tag === "StepStarted"))
          return handle.id
        })
      )
      const a = yield* Runs.inspect(cancelled)
      assert.strictEqual(a.status, "cancelled")
      assert.strictEqual(a.error, "cancelled")
      const finished = (yield* Runs.watch(cancelled).pipe(Stream.runCollect)).at(-1)?.event
      assert.isTrue(finished?._tag === "RunFinished" && finished.status === "cancelled")
      const b = yield* Runs.inspect(left)
      assert.strictEqual(b.status, "running")
      assert.strictEqual(b.steps.gated?.status, "running")
      assert.notInclude(tags(yield* RunStore.RunStore.use((s) => s.events(left))), "RunFinished")
    }).pipe(Effect.provide(RunStore.layerMemory)))

  it.effect("a step served from the StepCache is recorded cached, with its output", () =>
    Effect.gen(function* () {
      let calls = 0
      const cachedUpper = Step.make({
        name: "cached-upper",
        input: Schema.String,
        output: Schema.Struct({ text: Schema.String }),
        run: (s) => Effect.sync(() => ({ text: `${s.toUpperCase()} #${++calls}` })),
        cache: { ttl: "1 hour" }
      })
      const p = Pipeline.make(cachedUpper, { name: "cached" })
      const first = yield* Effect.scoped(Effect.tap(Pipeline.run(p, "x"), (h) => h.result))
      const second = yield* Effect.scoped(Effect.tap(Pipeline.run(p, "x"), (h) => h.result))
      assert.strictEqual(calls, 1)
      const ran = yield* Runs.inspect(first.id)
      assert.deepStrictEqual(ran.steps["cached-upper"]?.output, { text: "X #1" })
      assert.isFalse(ran.steps["cached-upper"]?.cached)
      const hit = yield* Runs.inspect(second.id)
      assert.strictEqual(hit.status, "succeeded")
      assert.isTrue(hit.steps["cached-upper"]?.cached)
      assert.deepStrictEqual(hit.steps["cached-upper"]?.output, { text: "X #1" })
      assert.deepStrictEqual(hit.output, { text: "X #1" })
    }).pipe(Effect.provide(Layer.mergeAll(RunStore.layerMemory, StepCache.layerMemory))))

  it.effect("without a RunStore nothing is recorded", () =>
    Effect.gen(function* () {
      const out = yield* Pipeline.execute(research, { topic: "x" })
      assert.strictEqual(out.words, 3)
      assert.deepStrictEqual(yield* Runs.list(), { runs: [] })
      const handle = yield* Effect.scoped(Pipeline.run(research, { topic: "y" }))
      const error = yield* Effect.flip(Runs.inspect(handle.id))
      assert.instanceOf(error, Runs.RunNotFoundError)
      assert.include(error.message, handle.id)
    }))

  it.effect("two engines in one process keep their runs' events apart, even with the same pipeline and key", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const gate = yield* Deferred.make<void>()
        const echo = Step.make({
          name: "echo",
          input: Schema.String,
          output: Schema.String,
          run: (s) =>
            Effect.gen(function* () {
              yield* Deferred.await(gate)
              yield* StepContext.progress({ message: `echo ${s}` })
              return s
            })
        })
        const p = Pipeline.make(echo, { name: "echo" })
        const one = yield* Layer.build(WorkflowEngine.layerMemory)
        const two = yield* Layer.build(WorkflowEngine.layerMemory)
        const a = yield* Pipeline.run(p, "from one", { key: "same" }).pipe(Effect.provideContext(one))
        const b = yield* Pipeline.run(p, "from two", { key: "same" }).pipe(Effect.provideContext(two))
        assert.strictEqual(a.id, b.id)
        yield* settle
        yield* Deferred.succeed(gate, undefined)
        assert.strictEqual(yield* a.result, "from one")
        assert.strictEqual(yield* b.result, "from two")
        const messages = (events: ReadonlyArray<{ readonly _tag: string; readonly message?: string | undefined }>) =>
          events.flatMap((e) => (e._tag === "StepProgress" && e.message !== undefined ? [e.message] : []))
        assert.deepStrictEqual(messages(yield* Stream.runCollect(a.events)), ["echo from one"])
        assert.deepStrictEqual(messages(yield* Stream.runCollect(b.events)), ["echo from two"])
      })
    ))
})

describe("Runs.list", () => {
  it.effect("lists recorded runs newest first, by status and pipeline, in pages", () =>
    Effect.gen(function* () {
      const ids: Array<string> = []
      for (const topic of ["a", "b", "c"]) {
        yield* TestClock.adjust(10)
        ids.push((yield* Effect.scoped(Effect.tap(Pipeline.run(research, { topic }), (h) => h.result))).id)
      }
      const gate = yield* Deferred.make<void>()
      yield* TestClock.adjust(10)
      const waiting = yield* Effect.scoped(
        Effect.flatMap(Pipeline.run(Pipeline.make(gated(gate), { name: "waits" }), "w"), (h) =>
          Effect.as(Stream.runHead(Stream.filter(h.events, (e) => e._tag === "StepStarted")), h.id)
        )
      )
      const all = yield* Runs.list()
      assert.deepStrictEqual(
        all.runs.map((r) => r.id),
        [waiting, ...ids.toReversed()]
      )
      assert.deepStrictEqual(
        (yield* Runs.list({ status: "running" })).runs.map((r) => [r.id, r.pipeline]),
        [[waiting, "waits"]]
      )
      const first = yield* Runs.list({ pipeline: "research-runs", limit: 2 })
      assert.deepStrictEqual(
        first.runs.map((r) => r.input),
        [{ topic: "c" }, { topic: "b" }]
      )
      const second = yield* Runs.list({ pipeline: "research-runs", limit: 2, cursor: first.nextCursor })
      assert.deepStrictEqual(
        second.runs.map((r) => r.input),
        [{ topic: "a" }]
      )
      assert.isUndefined(second.nextCursor)
      const bad = yield* Effect.flip(Runs.list({ limit: -1 }))
      assert.strictEqual(bad._tag, "RunQueryError")
    }).pipe(Effect.provide(RunStore.layerMemory)))
})

describe("Runs.watch", () => {
  it.effect("stored events, then live ones, ending after RunFinished; afterSeq resumes after a sequence number", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const gate = yield* Deferred.make<void>()
        const p = Pipeline.make(upper, { name: "watched" }).pipe(Pipeline.andThen(gated(gate)), Pipeline.andThen(upper))
        const handle = yield* Pipeline.run(p, "x")
        yield* Stream.runHead(Stream.filter(handle.events, (e) => e._tag === "StepStarted" && e.step === "gated"))
        // RunStarted, StepStarted upper, StepSucceeded upper, StepStarted gated are stored by now.
        const whole = yield* Effect.forkChild(Stream.runCollect(Runs.watch(handle.id)))
        const tail = yield* Effect.forkChild(Stream.runCollect(Runs.watch(handle.id, { afterSeq: 3 })))
        const beyond = yield* Effect.forkChild(Stream.runCollect(Runs.watch(handle.id, { afterSeq: 100 })))
        yield* settle
        assert.isUndefined(whole.pollUnsafe())
        yield* Deferred.succeed(gate, undefined)
        assert.strictEqual(yield* handle.result, "X!")
        const events = yield* Fiber.join(whole)
        assert.deepStrictEqual(tags(events), [
          "RunStarted",
          "StepStarted",
          "StepSucceeded",
          "StepStarted",
          "StepSucceeded",
          "StepStarted",
          "StepSucceeded",
          "RunFinished"
        ])
        assert.deepStrictEqual(
          events.map((e) => e.seq),
          [1, 2, 3, 4, 5, 6, 7, 8]
        )
        const after3 = yield* Fiber.join(tail)
        assert.deepStrictEqual(
          after3.map((e) => e.seq),
          [4, 5, 6, 7, 8]
        )
        assert.deepStrictEqual(after3, events.slice(3))
        // Past the end: nothing more, and it still ends once the run is final.
        assert.deepStrictEqual(yield* Fiber.join(beyond), [])
        // A finished run replays at once.
        assert.deepStrictEqual(yield* Stream.runCollect(Runs.watch(handle.id, { afterSeq: 6 })), events.slice(6))
        const missing = yield* Effect.flip(Stream.runCollect(Runs.watch("no-such-run")))
        assert.instanceOf(missing, Runs.RunNotFoundError)
        for (const afterSeq of [-1, 1.5]) {
          const bad = yield* Effect.flip(Stream.runCollect(Runs.watch(handle.id, { afterSeq })))
          assert.isTrue(bad._tag === "RunQueryError" && bad.field === "afterSeq", String(afterSeq))
        }
        const badPoll = yield* Effect.flip(Stream.runCollect(Runs.watch(handle.id, { pollInterval: "soon" as "1 second" })))
        assert.isTrue(badPoll._tag === "RunQueryError" && badPoll.field === "pollInterval")
        assert.include(badPoll.message, "positive duration")
      })
    ).pipe(Effect.provide(RunStore.layerMemory)))

  it.live("from another process: a second store on the same SQLite file sees events by polling", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const filename = join(dir, "watch.db")
        const writer = yield* Layer.build(RunStore.layerSql.pipe(Layer.provide(SqliteClient.layer({ filename }))))
        const reader = yield* Layer.build(RunStore.layerSql.pipe(Layer.provide(SqliteClient.layer({ filename }))))
        assert.notStrictEqual(Context.get(writer, RunStore.RunStore), Context.get(reader, RunStore.RunStore))
        const gate = yield* Deferred.make<void>()
        const p = Pipeline.make(upper, { name: "shared" }).pipe(Pipeline.andThen(gated(gate)))
        const handle = yield* Pipeline.run(p, "y").pipe(Effect.provideContext(writer))
        yield* Stream.runHead(Stream.filter(handle.events, (e) => e._tag === "StepStarted" && e.step === "gated"))
        const watched = yield* Effect.forkChild(
          Stream.runCollect(Runs.watch(handle.id, { pollInterval: "20 millis" })).pipe(Effect.provideContext(reader))
        )
        yield* Effect.sleep("60 millis")
        assert.isUndefined(watched.pollUnsafe())
        yield* Deferred.succeed(gate, undefined)
        yield* handle.result
        const events = yield* Fiber.join(watched).pipe(Effect.timeout("5 seconds"))
        assert.deepStrictEqual(tags(events), [
          "RunStarted",
          "StepStarted",
          "StepSucceeded",
          "StepStarted",
          "StepSucceeded",
          "RunFinished"
        ])
        const seen = yield* Runs.inspect(handle.id).pipe(Effect.provideContext(reader))
        assert.strictEqual(seen.status, "succeeded")
        assert.strictEqual(seen.output, "Y!")
      })
    ))
})

describe("Runs.cancel", () => {
  it.effect("interrupts a run living in this process; the record ends cancelled", () =>
    Effect.scoped(
      Effect.gen(function* () {
        let interrupted = 0
        const hang = Step.make({
          name: "hang",
          input: Schema.String,
          output: Schema.String,
          run: () => Effect.onInterrupt(Effect.never, () => Effect.sync(() => void interrupted++))
        })
        const handle = yield* Pipeline.run(Pipeline.make(hang, { name: "hangs" }), "x")
        yield* Stream.runHead(Stream.filter(handle.events, (e) => e._tag === "StepStarted"))
        yield* settle
        const after = yield* Runs.cancel(handle.id)
        assert.strictEqual(after.status, "cancelled")
        assert.strictEqual(interrupted, 1)
        assert.instanceOf(yield* Effect.flip(handle.result), PipelineError.RunCancelledError)
        const events = yield* Stream.runCollect(Runs.watch(handle.id))
        assert.deepStrictEqual(tags(events), ["RunStarted", "StepStarted", "RunFinished"])
        const last = events[2]?.event
        assert.isTrue(last?._tag === "RunFinished" && last.status === "cancelled")
        // Cancelling again leaves it as it is.
        assert.strictEqual((yield* Runs.cancel(handle.id)).status, "cancelled")
        assert.strictEqual((yield* Stream.runCollect(Runs.watch(handle.id))).length, 3)
      })
    ).pipe(Effect.provide(RunStore.layerMemory)))

  it.effect("marks a run living elsewhere cancelled, and its watchers end; final runs and unknown ids", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const store = yield* RunStore.RunStore
        yield* TestClock.adjust(100)
        yield* store.create({ id: "elsewhere", key: "k", pipeline: "remote", input: 1 })
        yield* store.appendEvent("elsewhere", { _tag: "RunStarted", runId: "elsewhere", pipeline: "remote", at: 100 })
        const watcher = yield* Effect.forkChild(Stream.runCollect(Runs.watch("elsewhere")))
        yield* settle
        yield* TestClock.adjust(50)
        const after = yield* Runs.cancel("elsewhere")
        assert.strictEqual(after.status, "cancelled")
        const events = yield* Fiber.join(watcher)
        assert.deepStrictEqual(tags(events), ["RunStarted", "RunFinished"])
        const finished = events[1]?.event
        assert.isTrue(finished?._tag === "RunFinished" && finished.status === "cancelled" && finished.durationMillis === 50)
        yield* store.create({ id: "done", key: "d", pipeline: "remote", input: 1 })
        yield* store.setStatus("done", "succeeded", { output: 2 })
        assert.strictEqual((yield* Runs.cancel("done")).status, "succeeded")
        assert.instanceOf(yield* Effect.flip(Runs.cancel("nope")), Runs.RunNotFoundError)
      })
    ).pipe(Effect.provide(RunStore.layerMemory)))
})

const registry: Spec.StepRegistry = {
  loud: Step.make({
    name: "loud",
    input: Schema.Struct({ text: Schema.String }),
    output: Schema.String,
    run: ({ text }) => Effect.succeed(text.toUpperCase())
  })
}
const specText = `
name: shout
inputs:
  text: { type: string, required: true }
steps:
  - id: loud
    uses: loud
    with: { text: "\${{ input.text }}" }
outputs:
  result: "\${{ steps.loud.output }}"
`

describe("Runs.resume", () => {
  it.effect("restarts the runs left running (by pipeline name or by their spec); the others end failed with the cause", () =>
    Effect.gen(function* () {
      const gate = yield* Deferred.make<void>()
      let hang = true
      const maybe = Step.make({
        name: "maybe",
        input: Schema.String,
        output: Schema.String,
        run: (s) => (hang ? Effect.as(Deferred.await(gate), s) : Effect.succeed(`${s} resumed`))
      })
      const resumable = Pipeline.make(upper, { name: "resumable" }).pipe(Pipeline.andThen(maybe))
      const shout = yield* Spec.parse(specText, { file: "shout.yaml", registry })
      const gone = Pipeline.make(maybe, { name: "gone" })
      const badSpec = Pipeline.make(maybe, { name: "bad-spec" })
      // Four runs, left running when their scope closes (as if the process stopped).
      const leave = <In>(p: Pipeline.Pipeline<In, unknown, unknown, never>, input: In, spec?: string) =>
        Effect.scoped(
          Effect.flatMap(Pipeline.run(p, input, { key: `key-${p.name}`, spec }), (h) =>
            Effect.as(Stream.runHead(Stream.filter(h.events, (e) => e._tag === "StepStarted" && e.step === "maybe")), h.id)
          )
        )
      const ids = {
        resumable: yield* leave(resumable, "a"),
        gone: yield* leave(gone, "b"),
        badSpec: yield* leave(badSpec, "c", "name: [unclosed")
      }
      yield* Effect.scoped(Effect.flatMap(Pipeline.run(shout, { text: "hey" }, { key: "key-shout", spec: specText }), (h) => h.result))
      const shoutId = (yield* Runs.list({ pipeline: "shout" })).runs[0]?.id ?? ""
      // A spec run and a run whose stored input no longer fits, as a crashed process would leave them.
      const store = yield* RunStore.RunStore
      const specLeft = yield* Pipeline.executionId(shout, "key-spec-left")
      yield* store.create({ id: specLeft, key: "key-spec-left", pipeline: "shout", input: { text: "again" }, spec: specText })
      const badInput = yield* Pipeline.executionId(resumable, "key-bad-input")
      yield* store.create({ id: badInput, key: "key-bad-input", pipeline: "resumable", input: { not: "a string" } })
      yield* store.create({ id: "not-its-id", key: "key-x", pipeline: "resumable", input: "x" })
      assert.deepStrictEqual((yield* Runs.list({ status: "running" })).runs.length, 6)

      hang = false
      const report = yield* Effect.scoped(
        Effect.gen(function* () {
          const report = yield* Runs.resume((run) =>
            run.spec !== undefined
              ? Effect.map(Spec.parse(run.spec, { file: `${run.pipeline}.yaml`, registry }), Option.some)
              : Effect.succeed(run.pipeline === "resumable" ? Option.some(resumable) : Option.none())
          )
          for (const handle of report.resumed) yield* handle.result
          return report
        })
      )
      assert.deepStrictEqual(report.resumed.map((h) => h.id).sort(), [ids.resumable, specLeft].sort())
      assert.deepStrictEqual(report.failed.map((f) => f.id).sort(), [badInput, ids.badSpec, ids.gone, "not-its-id"].sort())
      const resumed = yield* Runs.inspect(ids.resumable)
      assert.strictEqual(resumed.status, "succeeded")
      assert.strictEqual(resumed.output, "A resumed")
      assert.strictEqual(resumed.steps.maybe?.output, "A resumed")
      // The log goes on after the first process's events: one RunStarted, one RunFinished, no gaps.
      const log = yield* Stream.runCollect(Runs.watch(ids.resumable))
      assert.deepStrictEqual(log.map((e) => e.seq), log.map((_, i) => i + 1))
      assert.strictEqual(tags(log).filter((t) => t === "RunStarted").length, 1)
      assert.strictEqual(tags(log).at(-1), "RunFinished")
      const fromSpec = yield* Runs.inspect(specLeft)
      assert.strictEqual(fromSpec.status, "succeeded")
      assert.deepStrictEqual(fromSpec.output, { result: "AGAIN" })
      const goneRun = yield* Runs.inspect(ids.gone)
      assert.strictEqual(goneRun.status, "failed")
      assert.strictEqual(goneRun.error, `pipeline "gone" no longer exists`)
      const goneLog = yield* Stream.runCollect(Runs.watch(ids.gone))
      const goneLast = goneLog.at(-1)?.event
      assert.isTrue(goneLast?._tag === "RunFinished" && goneLast.status === "failed" && goneLast.error === goneRun.error)
      const bad = yield* Runs.inspect(ids.badSpec)
      assert.strictEqual(bad.status, "failed")
      assert.match(bad.error ?? "", /^pipeline "bad-spec" cannot be resumed: SpecError: /)
      const badInputRun = yield* Runs.inspect(badInput)
      assert.strictEqual(badInputRun.status, "failed")
      assert.match(badInputRun.error ?? "", /^the stored input no longer fits pipeline "resumable": /)
      const notItsId = yield* Runs.inspect("not-its-id")
      assert.strictEqual(notItsId.status, "failed")
      assert.include(notItsId.error, "another execution id")
      // The finished spec run was not touched.
      assert.strictEqual((yield* Runs.inspect(shoutId)).status, "succeeded")
      assert.deepStrictEqual((yield* Runs.list({ status: "running" })).runs, [])
    }).pipe(Effect.provide(RunStore.layerMemory)))
})
