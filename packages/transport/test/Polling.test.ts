import { assert, describe, it } from "@effect/vitest"
import { Clock, Effect, Fiber, Schedule } from "effect"
import { TestClock } from "effect/testing"
import { Polling } from "../src/index.js"

interface Task {
  readonly task_status: "PROCESSING" | "SUCCESS" | "FAIL"
}

const tasks = (statuses: ReadonlyArray<Task["task_status"]>) => {
  const times: Array<number> = []
  let i = 0
  const poll = Effect.flatMap(Clock.currentTimeMillis, (now) => {
    times.push(now)
    const status = statuses[Math.min(i++, statuses.length - 1)]
    return Effect.succeed<Task>({ task_status: status })
  })
  return { poll, times }
}

const options = (poll: Effect.Effect<Task>) => ({
  poll,
  isDone: (t: Task) => t.task_status === "SUCCESS",
  isFailed: (t: Task) => t.task_status === "FAIL",
  status: (t: Task) => t.task_status,
  taskId: "task-1"
})

describe("Polling.pollUntilDone", () => {
  it.effect("polls with the default exponential schedule (1 s doubling, capped at 10 s) until done", () =>
    Effect.gen(function* () {
      const { poll, times } = tasks(["PROCESSING", "PROCESSING", "PROCESSING", "PROCESSING", "PROCESSING", "PROCESSING", "SUCCESS"])
      const fiber = yield* Effect.forkChild(Polling.pollUntilDone(options(poll)))
      yield* TestClock.adjust("5 minutes")
      assert.deepStrictEqual(yield* Fiber.join(fiber), { task_status: "SUCCESS" })
      assert.deepStrictEqual(times, [0, 1000, 3000, 7000, 15000, 25000, 35000])
    }))

  it.effect("a FAIL status is a TaskFailedError", () =>
    Effect.gen(function* () {
      const { poll } = tasks(["PROCESSING", "FAIL"])
      const fiber = yield* Effect.forkChild(Effect.flip(Polling.pollUntilDone(options(poll))))
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "TaskFailedError")
      if (error._tag === "TaskFailedError") {
        assert.strictEqual(error.taskId, "task-1")
        assert.strictEqual(error.taskStatus, "FAIL")
        assert.deepStrictEqual(error.result, { task_status: "FAIL" })
      }
    }))

  it.effect("the overall timeout (10 min by default) is TimeoutError kind poll", () =>
    Effect.gen(function* () {
      const { poll } = tasks(["PROCESSING"])
      const fiber = yield* Effect.forkChild(Effect.flip(Polling.pollUntilDone(options(poll))))
      yield* TestClock.adjust("9 minutes")
      assert.isUndefined(fiber.pollUnsafe())
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "TimeoutError")
      if (error._tag === "TimeoutError") assert.strictEqual(error.kind, "poll")
    }))

  it.effect("schedule and timeout are configurable; a schedule that ends first also times out", () =>
    Effect.gen(function* () {
      const { poll, times } = tasks(["PROCESSING", "PROCESSING", "SUCCESS"])
      const fiber = yield* Effect.forkChild(Polling.pollUntilDone({ ...options(poll), schedule: Schedule.spaced("2 seconds"), timeout: "1 minute" }))
      yield* TestClock.adjust("10 seconds")
      assert.deepStrictEqual(yield* Fiber.join(fiber), { task_status: "SUCCESS" })
      assert.deepStrictEqual(times, [0, 2000, 4000])
      const short = tasks(["PROCESSING"])
      const limited = yield* Effect.forkChild(Effect.flip(Polling.pollUntilDone({ ...options(short.poll), schedule: Schedule.recurs(2) })))
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(limited)
      assert.strictEqual(error._tag, "TimeoutError")
    }))
})
