import { assert, describe, it } from "@effect/vitest"
import { SqliteClient } from "@zai-kit/sqlite"
import { DurableEngine, Pipeline, Runs, RunStore, Step } from "@zai-kit/workflow"
import { Effect, Fiber, Layer, Option, Schema } from "effect"
import { Workflow, WorkflowEngine } from "effect/workflow"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"

const dir = mkdtempSync(join(tmpdir(), "zai-register-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const add = (name: string, by: number) =>
  Step.make({ name, input: Schema.Number, output: Schema.Number, run: (n) => Effect.succeed(n + by) })
const counted = (name: string, by: number) =>
  Pipeline.make(add("first", by), { name }).pipe(Pipeline.andThen(add("second", by)))

/**
 * An execution of the pipeline `name` that no `Pipeline.run` of this process started: the workflow by its
 * tag alone, executed on the engine in context, as another runner's execution routed here would be.
 */
const executeElsewhere = (name: string, key: string, input: unknown) =>
  Workflow.make(`zai-kit/pipeline/${name}`, {
    payload: { key: Schema.String, input: Schema.Any },
    success: Schema.Any,
    error: Schema.Any,
    idempotencyKey: (payload) => payload.key
  }).execute({ key, input })

const durable = (file: string) =>
  Layer.mergeAll(DurableEngine.layerSql(), RunStore.layerSql).pipe(
    Layer.provide(SqliteClient.layer({ filename: join(dir, file) }))
  )

describe("Pipeline.register on the durable SQLite engine", () => {
  it.live("an execution started elsewhere runs the registered body and records into the store", () =>
    Effect.gen(function* () {
      const pipeline = counted("registered", 1)
      assert.isFalse(yield* Pipeline.isRegistered("registered"))
      assert.isTrue(yield* Pipeline.register(pipeline))
      assert.isTrue(yield* Pipeline.isRegistered("registered"))
      // The run's record, as the process that started it (another one) creates it.
      const store = yield* RunStore.RunStore
      const id = yield* Pipeline.executionId(pipeline, "k-1")
      assert.isTrue(yield* store.create({ id, key: "k-1", pipeline: "registered", input: 10 }))
      assert.strictEqual(yield* executeElsewhere("registered", "k-1", 10), 12)
      const run = yield* Runs.inspect(id)
      assert.strictEqual(run.steps.first?.status, "succeeded")
      assert.strictEqual(run.steps.first?.output, 11)
      assert.strictEqual(run.steps.second?.output, 12)
      // An execution the store does not know runs too, unrecorded.
      assert.strictEqual(yield* executeElsewhere("registered", "k-unknown", 0), 2)
      const unknownId = yield* Pipeline.executionId(pipeline, "k-unknown")
      assert.isTrue((yield* Effect.exit(Runs.inspect(unknownId)))._tag === "Failure")
    }).pipe(Effect.provide(durable("register.db"))),
    30_000)

  it.live("resolve gives each execution its own pipeline; a run started here keeps its own body", () =>
    Effect.gen(function* () {
      const resolved: Array<string> = []
      yield* Pipeline.register(counted("resolved", 1), {
        resolve: ({ key, executionId }) =>
          Effect.sync(() => {
            resolved.push(`${key} ${executionId.length > 0}`)
            return counted("resolved", key === "by-100" ? 100 : 1)
          })
      })
      assert.strictEqual(yield* executeElsewhere("resolved", "by-100", 0), 200)
      assert.strictEqual(yield* executeElsewhere("resolved", "by-1", 0), 2)
      assert.deepStrictEqual(resolved, ["by-100 true", "by-1 true"])
      // A run of this process runs its own pipeline, not the registered or resolved one.
      assert.strictEqual(yield* Pipeline.execute(counted("resolved", 5), 0, { key: "own" }), 10)
      assert.strictEqual(resolved.length, 2)
      // A resolve that fails fails the execution with its error.
      yield* Pipeline.register(counted("unresolvable", 1), {
        resolve: () => Effect.fail("no spec for this run")
      })
      const failed = yield* Effect.flip(executeElsewhere("unresolvable", "x", 0))
      assert.strictEqual(failed, "no spec for this run")
    }).pipe(Effect.provide(durable("resolve.db"))),
    30_000)
})

describe("Pipeline.withWorkflowName", () => {
  it.live("one workflow for pipelines of several names; the run keeps its own name; ids follow the workflow name", () =>
    Effect.gen(function* () {
      const inWorkflow = (name: string, by: number) => Pipeline.withWorkflowName(counted(name, by), "user-specs")
      assert.strictEqual(inWorkflow("a", 1).name, "a")
      assert.strictEqual(inWorkflow("a", 1).workflowName, "user-specs")
      // Two pipelines under one user name, in two workflows: two different executions for one key.
      const one = yield* Pipeline.executionId(Pipeline.withWorkflowName(counted("same", 1), "same-1"), "k")
      const two = yield* Pipeline.executionId(Pipeline.withWorkflowName(counted("same", 1), "same-2"), "k")
      assert.notStrictEqual(one, two)
      assert.strictEqual(one, yield* Pipeline.executionId(counted("same-1", 1), "k"))
      // Registered once under the workflow name; each execution resolves its own pipeline.
      yield* Pipeline.register(inWorkflow("a", 1), {
        resolve: ({ key }) => Effect.succeed(inWorkflow(key, key === "b" ? 10 : 1))
      })
      assert.isTrue(yield* Pipeline.isRegistered("user-specs"))
      assert.isFalse(yield* Pipeline.isRegistered("a"))
      assert.strictEqual(yield* executeElsewhere("user-specs", "b", 0), 20)
      assert.strictEqual(yield* executeElsewhere("user-specs", "a", 0), 2)
      // A run records the pipeline's own name.
      const handle = yield* Effect.scoped(
        Effect.flatMap(Pipeline.run(inWorkflow("c", 3), 0, { key: "c" }), (h) => Effect.as(h.result, h))
      )
      assert.strictEqual(handle.id, yield* Pipeline.executionId(inWorkflow("x", 1), "c"))
      const run = yield* Runs.inspect(handle.id)
      assert.strictEqual(run.pipeline, "c")
      assert.strictEqual(run.output, 6)
    }).pipe(Effect.provide(durable("workflow-name.db"))),
    30_000)
})

describe("Runs.cancel of a run under another workflow name", () => {
  let secondStarted = false
  const slow = Step.make({ name: "slow", input: Schema.Number, output: Schema.Number, run: (n) => Effect.as(Effect.sleep("1 second"), n) })
  const second = Step.make({
    name: "second",
    input: Schema.Number,
    output: Schema.Number,
    run: (n) => Effect.sync(() => {
      secondStarted = true
      return n
    })
  })
  it.live("workflowName addresses the execution: the engine interrupts it before its next step", () =>
    Effect.gen(function* () {
      const pipeline = Pipeline.withWorkflowName(
        Pipeline.make(slow, { name: "user-name" }).pipe(Pipeline.andThen(second)),
        "cancel-specs"
      )
      yield* Pipeline.register(pipeline)
      const store = yield* RunStore.RunStore
      const id = yield* Pipeline.executionId(pipeline, "h")
      yield* store.create({ id, key: "h", pipeline: "user-name", input: 0 })
      // Started elsewhere: not live in this process, so cancel goes through the engine.
      const running = yield* Effect.forkChild(Effect.exit(executeElsewhere("cancel-specs", "h", 0)))
      yield* Effect.sleep("300 millis")
      const cancelled = yield* Runs.cancel(id, { workflowName: () => "cancel-specs" })
      assert.strictEqual(cancelled.status, "cancelled")
      const ended = yield* Fiber.join(running).pipe(Effect.timeoutOption("4 seconds"))
      assert.isTrue(Option.isSome(ended), "the execution did not end")
      assert.isFalse(secondStarted, "the step after the interrupt ran")
    }).pipe(Effect.provide(durable("cancel.db"))),
    30_000)
})

describe("Pipeline.register on the in-memory engine", () => {
  it.effect("is a no-op: nothing is registered", () =>
    Effect.gen(function* () {
      assert.isFalse(yield* Pipeline.register(counted("memory", 1)))
      assert.isFalse(yield* Pipeline.isRegistered("memory"))
      assert.strictEqual(yield* Pipeline.execute(counted("memory", 1), 1), 3)
    }).pipe(Effect.provide(WorkflowEngine.layerMemory)))

  it.effect("without an engine in context it is a no-op", () =>
    Effect.gen(function* () {
      assert.isFalse(yield* Pipeline.register(counted("none", 1)))
    }))
})
