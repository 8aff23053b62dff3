import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Schedule, Schema, Stream } from "effect"
import { TestClock } from "effect/testing"
import { Pipeline, PipelineError, Step, StepCache } from "@zai-kit/workflow"
import { advance, Broken, started, Flaky, read, search, summarize, Topic } from "./support.js"

const research = Pipeline.make(search, { name: "research" }).pipe(
  Pipeline.map((found) => found.urls),
  Pipeline.forEach(read, { concurrency: 2 }),
  Pipeline.andThen(summarize)
)

describe("Pipeline combinators", () => {
  it.effect("sequence, map, forEach and then", () =>
    Effect.gen(function* () {
      const out = yield* Pipeline.execute(research, { topic: "glm" })
      assert.strictEqual(out.words, 3)
      assert.include(out.summary, "text of https://a.test/glm")
    }))

  it.effect("parallel returns a record of outputs", () =>
    Effect.gen(function* () {
      const p = Pipeline.input(Topic, { name: "par" }).pipe(
        Pipeline.parallel({
          found: search,
          shout: Pipeline.input(Topic, { name: "x" }).pipe(Pipeline.map((t) => t.topic.toUpperCase()))
        })
      )
      const out = yield* Pipeline.execute(p, { topic: "ai" })
      assert.deepStrictEqual(out, { found: { urls: ["https://a.test/ai", "https://b.test/ai", "https://c.test/ai"] }, shout: "AI" })
    }))

  it.effect("branch picks a side", () =>
    Effect.gen(function* () {
      const p = Pipeline.input(Schema.Number, { name: "br" }).pipe(
        Pipeline.branch({
          if: (n) => n > 10,
          onTrue: Pipeline.input(Schema.Number, { name: "big" }).pipe(Pipeline.map((n) => `big ${n}`)),
          onFalse: Pipeline.input(Schema.Number, { name: "small" }).pipe(Pipeline.map((n) => n * 2))
        })
      )
      assert.strictEqual(yield* Pipeline.execute(p, 11), "big 11")
      assert.strictEqual(yield* Pipeline.execute(p, 3), 6)
    }))

  it.effect("concurrent runs of one pipeline each get their own inputs, events and outputs", () =>
    Effect.scoped(
      Effect.gen(function* () {
        // Activities are built once per step and path and reused: every call must still see its own input.
        const slow = Step.make({
          name: "slow",
          input: Topic,
          output: Schema.String,
          run: ({ topic }) => Effect.as(Effect.yieldNow, `seen ${topic}`)
        })
        const p = Pipeline.make(slow, { name: "shared" }).pipe(Pipeline.map((s) => s.toUpperCase()))
        const handles = yield* Effect.forEach(["a", "b", "c"], (topic) => Pipeline.run(p, { topic }))
        const outputs = yield* Effect.forEach(handles, (h) => h.result, { concurrency: "unbounded" })
        assert.deepStrictEqual(outputs, ["SEEN A", "SEEN B", "SEEN C"])
        for (const h of handles) {
          const events = yield* Stream.runCollect(h.events)
          assert.deepStrictEqual(
            events.map((e) => `${e._tag} ${e.runId === h.id}`),
            ["RunStarted true", "StepStarted true", "StepSucceeded true", "RunFinished true"]
          )
        }
      })
    ))

  it.effect("loop runs until the condition, and fails past maxIterations", () =>
    Effect.gen(function* () {
      const inc = Step.make({ name: "inc", input: Schema.Number, output: Schema.Number, run: (n) => Effect.succeed(n + 1) })
      const ok = Pipeline.input(Schema.Number, { name: "loop-ok" }).pipe(
        Pipeline.loop(inc, { until: (n) => n >= 5, maxIterations: 10 })
      )
      assert.strictEqual(yield* Pipeline.execute(ok, 0), 5)
      const tooMany = Pipeline.input(Schema.Number, { name: "loop-ko" }).pipe(
        Pipeline.loop(inc, { until: (n) => n >= 50, maxIterations: 3 })
      )
      const error = yield* Effect.flip(Pipeline.execute(tooMany, 0))
      assert.instanceOf(error, PipelineError.LoopLimitError)
      assert.strictEqual(error.message, 'loop "loop" did not finish within 3 iterations')
    }))

  it.effect("forEach failFast fails with the first item error", () =>
    Effect.gen(function* () {
      const check = Step.make({
        name: "check",
        input: Schema.Number,
        output: Schema.Number,
        run: (n) => (n === 2 ? Effect.fail(new Broken({ reason: `item ${n}` })) : Effect.succeed(n * 10))
      })
      const p = Pipeline.input(Schema.Array(Schema.Number), { name: "ff" }).pipe(Pipeline.forEach(check))
      const error = yield* Effect.flip(Pipeline.execute(p, [1, 2, 3]))
      assert.instanceOf(error, Broken)
      assert.strictEqual(error.reason, "item 2")
    }))

  it.effect("forEach collect runs every item and reports failures by index", () =>
    Effect.gen(function* () {
      let runs = 0
      const check = Step.make({
        name: "check",
        input: Schema.Number,
        output: Schema.Number,
        run: (n) =>
          Effect.suspend(() => {
            runs++
            return n % 2 === 0 ? Effect.fail(new Broken({ reason: `item ${n}` })) : Effect.succeed(n * 10)
          })
      })
      const p = Pipeline.input(Schema.Array(Schema.Number), { name: "collect" }).pipe(
        Pipeline.forEach(check, { concurrency: 2, failures: "collect" })
      )
      const out = yield* Pipeline.execute(p, [1, 2, 3, 4])
      assert.strictEqual(runs, 4)
      assert.deepStrictEqual(out.outputs, [10, 30])
      assert.deepStrictEqual(
        out.failures.map((f) => [f.index, f.error.reason]),
        [
          [1, "item 2"],
          [3, "item 4"]
        ]
      )
    }))
})

describe("Step policies", () => {
  it.effect("retries retryable errors on the schedule (TestClock)", () =>
    Effect.gen(function* () {
      let calls = 0
      const flaky = Step.make({
        name: "flaky",
        input: Schema.String,
        output: Schema.String,
        run: (s) => Effect.suspend(() => (++calls < 3 ? Effect.fail(new Flaky({ attempt: calls })) : Effect.succeed(`${s}!`))),
        retry: Schedule.exponential("1 second").pipe(Schedule.upTo({ times: 5 }))
      })
      const handle = yield* started(Pipeline.make(flaky), "hi")
      const fiber = yield* Effect.forkChild(handle.result)
      yield* advance(1000)
      assert.strictEqual(calls, 2)
      yield* advance(2000)
      assert.strictEqual(yield* Fiber.join(fiber), "hi!")
      assert.strictEqual(calls, 3)
    }))

  it.effect("does not retry errors that are not retryable", () =>
    Effect.gen(function* () {
      let calls = 0
      const broken = Step.make({
        name: "broken",
        input: Schema.String,
        output: Schema.String,
        run: () => Effect.suspend(() => {
          calls++
          return Effect.fail(new Broken({ reason: "no" }))
        }),
        retry: Schedule.spaced("1 second")
      })
      const error = yield* Effect.flip(Pipeline.execute(Pipeline.make(broken), "x"))
      assert.instanceOf(error, Broken)
      assert.strictEqual(calls, 1)
    }))

  it.effect("a custom predicate decides what is retried", () =>
    Effect.gen(function* () {
      let calls = 0
      const broken = Step.make({
        name: "broken",
        input: Schema.String,
        output: Schema.String,
        run: () => Effect.suspend(() => (++calls < 2 ? Effect.fail(new Broken({ reason: "once" })) : Effect.succeed("ok"))),
        retry: { schedule: Schedule.spaced("1 second"), while: (e) => e._tag === "Broken" }
      })
      const handle = yield* started(Pipeline.make(broken), "x")
      const fiber = yield* Effect.forkChild(handle.result)
      yield* advance(1000)
      assert.strictEqual(yield* Fiber.join(fiber), "ok")
      assert.strictEqual(calls, 2)
    }))

  it.effect("timeout fails the attempt with StepTimeoutError", () =>
    Effect.gen(function* () {
      const slow = Step.make({
        name: "slow",
        input: Schema.String,
        output: Schema.String,
        run: (s) => Effect.as(Effect.sleep("10 seconds"), s),
        timeout: "2 seconds"
      })
      const handle = yield* started(Pipeline.make(slow), "x")
      const fiber = yield* Effect.forkChild(Effect.flip(handle.result))
      yield* advance(2000)
      const error = yield* Fiber.join(fiber)
      assert.instanceOf(error, PipelineError.StepTimeoutError)
      assert.strictEqual(error.message, 'step "slow" timed out after 2000 ms')
    }))

  it.effect("a timed-out attempt is retried (timeouts are retryable)", () =>
    Effect.gen(function* () {
      let calls = 0
      const slowOnce = Step.make({
        name: "slowOnce",
        input: Schema.String,
        output: Schema.String,
        run: (s) => Effect.suspend(() => (++calls === 1 ? Effect.as(Effect.sleep("1 minute"), s) : Effect.succeed(s))),
        timeout: "1 second",
        retry: Schedule.spaced("1 second")
      })
      const handle = yield* started(Pipeline.make(slowOnce), "x")
      const fiber = yield* Effect.forkChild(handle.result)
      yield* advance(2000)
      assert.strictEqual(yield* Fiber.join(fiber), "x")
      assert.strictEqual(calls, 2)
    }))

  it.effect("cache: the second run is served from the cache and does not run the step", () =>
    Effect.gen(function* () {
      let calls = 0
      const expensive = Step.make({
        name: "expensive",
        input: Schema.Struct({ b: Schema.Number, a: Schema.Number }),
        output: Schema.Struct({ sum: Schema.Number }),
        run: ({ a, b }) => Effect.sync(() => {
          calls++
          return { sum: a + b }
        }),
        cache: { ttl: "1 hour" }
      })
      const p = Pipeline.make(expensive)
      const first = yield* Effect.scoped(
        Effect.gen(function* () {
          const h = yield* Pipeline.run(p, { a: 1, b: 2 })
          return { out: yield* h.result, events: yield* Stream.runCollect(h.events) }
        })
      )
      const second = yield* Effect.scoped(
        Effect.gen(function* () {
          const h = yield* Pipeline.run(p, { b: 2, a: 1 })
          return { out: yield* h.result, events: yield* Stream.runCollect(h.events) }
        })
      )
      assert.deepStrictEqual(first.out, { sum: 3 })
      assert.deepStrictEqual(second.out, { sum: 3 })
      assert.strictEqual(calls, 1)
      assert.deepStrictEqual(
        second.events.map((e) => e._tag),
        ["RunStarted", "StepCached", "RunFinished"]
      )
      assert.isFalse(first.events.some((e) => e._tag === "StepCached"))
      // expired after the ttl
      yield* TestClock.adjust(Duration.hours(2))
      yield* Pipeline.execute(p, { a: 1, b: 2 })
      assert.strictEqual(calls, 2)
    }).pipe(Effect.provide(StepCache.layerMemory)))

  it.live("concurrency limits attempts of a step kind", () =>
    Effect.gen(function* () {
      let running = 0
      let peak = 0
      const limited = Step.make({
        name: "limited",
        input: Schema.Number,
        output: Schema.Number,
        concurrency: 2,
        run: (n) =>
          Effect.acquireUseRelease(
            Effect.sync(() => {
              running++
              peak = Math.max(peak, running)
            }),
            () => Effect.as(Effect.sleep("10 millis"), n),
            () => Effect.sync(() => void running--)
          )
      })
      const p = Pipeline.input(Schema.Array(Schema.Number), { name: "limited" }).pipe(
        Pipeline.forEach(limited, { concurrency: 6 })
      )
      assert.deepStrictEqual(yield* Pipeline.execute(p, [1, 2, 3, 4, 5, 6]), [1, 2, 3, 4, 5, 6])
      assert.strictEqual(peak, 2)
    }))
})
