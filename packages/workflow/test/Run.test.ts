import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Fiber, Schedule, Schema, Stream } from "effect"
import { WorkflowEngine } from "effect/workflow"
import { Pipeline, PipelineError, Step } from "@zai-kit/workflow"
import { advance, Flaky, read, search, settle, started, summarize } from "./support.js"

const research = Pipeline.make(search, { name: "research-events" }).pipe(
  Pipeline.map((found) => found.urls),
  Pipeline.forEach(read, { concurrency: 1 }),
  Pipeline.andThen(summarize)
)

describe("runs", () => {
  it.effect("the event stream of a run: order, timings and usage", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const handle = yield* Pipeline.run(research, { topic: "ai" })
        const out = yield* handle.result
        const events = yield* Stream.runCollect(handle.events)
        assert.strictEqual(out.words, 3)
        assert.deepStrictEqual(
          events.map((e) => ("step" in e ? `${e._tag} ${e.step}` : e._tag)),
          [
            "RunStarted",
            "StepStarted search",
            "StepSucceeded search",
            "StepStarted read#0",
            "StepProgress read#0",
            "StepSucceeded read#0",
            "StepStarted read#1",
            "StepProgress read#1",
            "StepSucceeded read#1",
            "StepStarted read#2",
            "StepProgress read#2",
            "StepSucceeded read#2",
            "StepStarted summarize",
            "StepSucceeded summarize",
            "RunFinished"
          ]
        )
        for (const e of events) {
          assert.strictEqual(e.runId, handle.id)
          assert.isNumber(e.at)
        }
        const succeeded = events.filter((e) => e._tag === "StepSucceeded")
        for (const e of succeeded) assert.isAtLeast(e.durationMillis, 0)
        assert.deepStrictEqual(
          succeeded.map((e) => [e.step, e.usage.inputTokens, e.usage.outputTokens]),
          [
            ["search", 10, 5],
            ["read#0", 1, 2],
            ["read#1", 1, 2],
            ["read#2", 1, 2],
            ["summarize", 0, 0]
          ]
        )
        const progress = events.find((e) => e._tag === "StepProgress")
        assert.deepStrictEqual(progress && [progress.message, progress.fraction, progress.kind], [
          "reading https://a.test/ai",
          0.5,
          "read"
        ])
        const finished = events[events.length - 1]
        assert.strictEqual(finished._tag, "RunFinished")
        if (finished._tag === "RunFinished") {
          assert.strictEqual(finished.status, "succeeded")
          assert.deepStrictEqual(finished.usage, { inputTokens: 13, outputTokens: 11 })
          assert.isAtLeast(finished.durationMillis, 0)
        }
      })
    ))

  it.effect("retries and failures are events; the run finishes failed", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const down = Step.make({
          name: "down",
          input: Schema.String,
          output: Schema.String,
          run: () => Effect.fail(new Flaky({ attempt: 0 })),
          retry: Schedule.spaced("1 second").pipe(Schedule.upTo({ times: 2 }))
        })
        const handle = yield* started(Pipeline.make(down), "x")
        const fiber = yield* Effect.forkChild(Effect.flip(handle.result))
        yield* advance(3000)
        const error = yield* Fiber.join(fiber)
        assert.instanceOf(error, Flaky)
        const events = yield* Stream.runCollect(handle.events)
        assert.deepStrictEqual(
          events.map((e) => e._tag),
          ["RunStarted", "StepStarted", "StepRetried", "StepRetried", "StepFailed", "RunFinished"]
        )
        const retried = events.filter((e) => e._tag === "StepRetried")
        assert.deepStrictEqual(
          retried.map((e) => [e.attempt, e.delayMillis, e.error]),
          [
            [1, 1000, "Flaky: "],
            [2, 1000, "Flaky: "]
          ]
        )
        const failed = events[4]
        assert.isTrue(failed._tag === "StepFailed" && failed.attempts === 3 && failed.durationMillis === 2000)
        const finished = events[5]
        assert.isTrue(finished._tag === "RunFinished" && finished.status === "failed" && finished.error === "Flaky: ")
      })
    ))

  it.effect("cancel interrupts the in-flight step and fails the result with RunCancelledError", () =>
    Effect.scoped(
      Effect.gen(function* () {
        let started = 0
        let interrupted = 0
        let after = 0
        const hang = Step.make({
          name: "hang",
          input: Schema.String,
          output: Schema.String,
          run: (s) =>
            Effect.sync(() => void started++).pipe(
              Effect.andThen(Effect.never),
              Effect.as(s),
              Effect.onInterrupt(() => Effect.sync(() => void interrupted++))
            )
        })
        const next = Step.make({
          name: "next",
          input: Schema.String,
          output: Schema.String,
          run: (s) => Effect.sync(() => {
              after++
              return s
            })
        })
        const handle = yield* Pipeline.run(Pipeline.make(hang).pipe(Pipeline.andThen(next)), "x")
        // wait until the step runs
        yield* Stream.runHead(Stream.filter(handle.events, (e) => e._tag === "StepStarted"))
        yield* settle
        assert.strictEqual(started, 1)
        yield* handle.cancel
        const error = yield* Effect.flip(handle.result)
        assert.instanceOf(error, PipelineError.RunCancelledError)
        assert.strictEqual(error.runId, handle.id)
        assert.strictEqual(interrupted, 1)
        assert.strictEqual(after, 0)
        const events = yield* Stream.runCollect(handle.events)
        const last = events[events.length - 1]
        assert.isTrue(last._tag === "RunFinished" && last.status === "cancelled")
      })
    ))

  it.effect("a code pipeline given an input its schema rejects does not start and dies with PipelineInputError", () =>
    Effect.gen(function* () {
      let calls = 0
      const counted = Step.make({
        name: "counted",
        input: Schema.Struct({ topic: Schema.String }),
        output: Schema.String,
        run: ({ topic }) => Effect.sync(() => `${calls++}:${topic}`)
      })
      const pipeline = Pipeline.make(counted, { name: "typed" })
      const handle = yield* Pipeline.run(pipeline, { topic: 42 } as unknown as { topic: string })
      const exit = yield* Effect.exit(handle.result)
      const events = yield* Stream.runCollect(handle.events)
      assert.strictEqual(calls, 0)
      assert.deepStrictEqual(events, [])
      assert.isTrue(exit._tag === "Failure")
      const defect = exit._tag === "Failure" ? Cause.squash(exit.cause) : undefined
      assert.instanceOf(defect, PipelineError.PipelineInputError)
      assert.include(String((defect as Error).message), 'pipeline "typed" got an invalid input')
      assert.include(String((defect as Error).message), "topic")
      // a valid input still runs
      assert.strictEqual(yield* Pipeline.execute(pipeline, { topic: "glm" }), "0:glm")
    }).pipe(Effect.scoped))

  it.effect("runs on the WorkflowEngine in the context when there is one", () =>
    Effect.gen(function* () {
      const a = yield* Effect.scoped(Effect.flatMap(Pipeline.run(research, { topic: "x" }, { key: "k1" }), (h) => Effect.succeed(h.id)))
      const b = yield* Effect.scoped(Effect.flatMap(Pipeline.run(research, { topic: "y" }, { key: "k1" }), (h) => Effect.succeed(h.id)))
      assert.strictEqual(a, b)
      const out = yield* Pipeline.execute(research, { topic: "z" })
      assert.strictEqual(out.words, 3)
    }).pipe(Effect.provide(WorkflowEngine.layerMemory)))
})
