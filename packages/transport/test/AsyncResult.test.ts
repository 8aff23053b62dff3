import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Schema } from "effect"
import { AsyncResult, ZaiClient, ZaiError } from "../src/index.js"
import { advanceUntilDone, clientLayer, json, makeTestClient } from "./helpers.js"

const Result = Schema.Struct({
  task_status: Schema.optional(Schema.NullOr(Schema.String)),
  value: Schema.optional(Schema.String),
  error: Schema.optional(Schema.Unknown)
})

const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (reason === undefined || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

describe("AsyncResult", () => {
  it("isTaskId accepts ids that fit in a path segment", () => {
    assert.isTrue(AsyncResult.isTaskId("task-1_2.3"))
    for (const bad of ["", " ", "a/b", "a?b", "a#b", "a%2F", ".", "..", "x".repeat(257)]) {
      assert.isFalse(AsyncResult.isTaskId(bad), bad)
    }
  })

  it.effect("retrieve GETs /async-result/{id} with the operation and options, decoded through the schema", () =>
    Effect.gen(function* () {
      const { client, requests } = makeTestClient(() => Effect.succeed(json({ task_status: "SUCCESS", value: "v", extra: 1 })))
      const zai = yield* ZaiClient.ZaiClient.pipe(Effect.provide(clientLayer(client, { maxRetries: 0 })))
      const result = yield* AsyncResult.retrieve(zai, Result, "things.async_result.retrieve", "task-1", { headers: { "x-a": "b" } })
      assert.deepStrictEqual(result, { task_status: "SUCCESS", value: "v" })
      assert.strictEqual(requests[0]?.method, "GET")
      assert.strictEqual(requests[0]?.url, "http://zai.test/api/paas/v4/async-result/task-1")
      assert.strictEqual(requests[0]?.headers["x-a"], "b")
    }))

  it.effect("a bad task id fails with InvalidRequestInput before anything is sent", () =>
    Effect.gen(function* () {
      const { client, requests } = makeTestClient(() => Effect.succeed(json({})))
      const zai = yield* ZaiClient.ZaiClient.pipe(Effect.provide(clientLayer(client)))
      const error = failureOf(yield* Effect.exit(AsyncResult.retrieve(zai, Result, "op", "a/b")))
      assert.strictEqual(error._tag, "InvalidRequestInput")
      assert.include(error.message, "task id")
      const waited = failureOf(yield* Effect.exit(AsyncResult.waitFor("..", Effect.die("never polled"))))
      assert.strictEqual(waited._tag, "InvalidRequestInput")
      assert.strictEqual(requests.length, 0)
    }))

  it.effect("waitFor polls until SUCCESS on the schedule", () =>
    Effect.gen(function* () {
      const { client, requests } = makeTestClient((_, index) =>
        Effect.succeed(json(index < 2 ? { task_status: "PROCESSING" } : { task_status: "SUCCESS", value: "done" }))
      )
      const zai = yield* ZaiClient.ZaiClient.pipe(Effect.provide(clientLayer(client)))
      const fiber = yield* Effect.forkChild(AsyncResult.waitFor("task-9", AsyncResult.retrieve(zai, Result, "op", "task-9")))
      const exit = yield* advanceUntilDone(fiber)
      assert.deepStrictEqual(exit, Exit.succeed({ task_status: "SUCCESS", value: "done" }))
      assert.strictEqual(requests.length, 3)
    }))

  it.effect("FAIL fails with TaskFailedError carrying the task's own code and message", () =>
    Effect.gen(function* () {
      const failed = { task_status: "FAIL", error: { code: 1301, message: "unsafe content" } }
      const error = failureOf(yield* Effect.exit(AsyncResult.waitFor("task-2", Effect.succeed(failed))))
      assert.instanceOf(error, ZaiError.TaskFailedError)
      if (!(error instanceof ZaiError.TaskFailedError)) return
      assert.strictEqual(error.taskId, "task-2")
      assert.strictEqual(error.taskStatus, "FAIL")
      assert.strictEqual(error.code, "1301")
      assert.match(error.message, /^\[1301\] .*Task task-2 failed with status FAIL.*: unsafe content$/)
      assert.deepStrictEqual(error.result, failed)

      const plain = failureOf(yield* Effect.exit(AsyncResult.waitFor("task-3", Effect.succeed({ task_status: "FAIL" }))))
      assert.strictEqual(plain._tag, "TaskFailedError")
      assert.isUndefined(plain._tag === "TaskFailedError" ? plain.code : "x")
      const text = failureOf(yield* Effect.exit(AsyncResult.waitFor("task-4", Effect.succeed({ task_status: "FAIL", error: "quota" }))))
      assert.match(text.message, /: quota$/)
    }))

  it("reportedErrorOf and withReportedError", () => {
    assert.isUndefined(AsyncResult.reportedErrorOf({ error: null }))
    assert.isUndefined(AsyncResult.reportedErrorOf({ error: {} }))
    assert.deepStrictEqual(AsyncResult.reportedErrorOf({ error: { code: "1", message: "m" } }), { code: "1", message: "m" })
    const base = new ZaiError.TaskFailedError({ message: "Task t failed", isRetryable: false, attempts: 0, code: "9" })
    assert.strictEqual(AsyncResult.withReportedError(base, undefined), base)
    const added = AsyncResult.withReportedError(base, { code: "1", message: "m" })
    assert.strictEqual(added.code, "9")
    assert.strictEqual(added.message, "Task t failed: m")
  })
})
