import { assert, describe, it } from "@effect/vitest"
import { Clock, Duration, Effect, Fiber, Random, Schema } from "effect"
import { TestClock } from "effect/testing"
import { ZaiClient } from "../src/index.js"
import type * as ZaiConfig from "../src/ZaiConfig.js"
import { clientLayer, json, makeTestClient, type Reply } from "./helpers.js"

const request: ZaiClient.ZaiRequest = {
  method: "POST",
  path: "/chat/completions",
  operation: "chat.completions.create",
  body: { _tag: "Json", value: { model: "glm-4.6", messages: [] } }
}

const Ok = Schema.Struct({ ok: Schema.Boolean })

const fixedRandom = (value: number): Random.Random => ({ nextIntUnsafe: () => 0, nextDoubleUnsafe: () => value })

/**
 * Runs `request` against replies given in order (the last one repeats), recording the TestClock time of each
 * request; advances the clock by `advance` and returns the outcome.
 */
const scenario = (
  replies: ReadonlyArray<Reply>,
  options: { advance?: Duration.Input; random?: number; config?: Partial<ZaiConfig.Options>; req?: ZaiClient.ZaiRequest } = {}
) =>
  Effect.gen(function* () {
    const times: Array<number> = []
    const { client, requests } = makeTestClient((_, index) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        times.push(now)
        return replies[Math.min(index, replies.length - 1)]
      })
    )
    const fiber = yield* Effect.gen(function* () {
      const zai = yield* ZaiClient.ZaiClient
      return yield* zai.json(options.req ?? request, Ok)
    }).pipe(
      Effect.provide(clientLayer(client, options.config)),
      Effect.provideService(Random.Random, fixedRandom(options.random ?? 0)),
      Effect.result,
      Effect.forkChild
    )
    yield* TestClock.adjust(options.advance ?? "10 minutes")
    const result = yield* Fiber.join(fiber)
    return { result, times: times.map((t) => t - times[0]), requests }
  })

const ok = json({ ok: true })
const err = (status: number, body: unknown, headers: Record<string, string> = {}) => json(body, status, headers)
const code = (c: string, message = "boom") => ({ error: { code: c, message } })

describe("retries", () => {
  it.effect("429 with Retry-After waits exactly that long", () =>
    Effect.gen(function* () {
      const times: Array<number> = []
      const replies = [err(429, code("1302"), { "retry-after": "3" }), ok]
      const { client } = makeTestClient((_, index) =>
        Effect.map(Clock.currentTimeMillis, (now) => {
          times.push(now)
          return replies[Math.min(index, 1)]
        })
      )
      const fiber = yield* Effect.gen(function* () {
        const zai = yield* ZaiClient.ZaiClient
        return yield* zai.json(request, Ok)
      }).pipe(Effect.provide(clientLayer(client)), Effect.forkChild)
      yield* TestClock.adjust(2999)
      assert.deepStrictEqual(times, [0])
      yield* TestClock.adjust(1)
      assert.deepStrictEqual(yield* Fiber.join(fiber), { ok: true })
      assert.deepStrictEqual(times, [0, 3000])
    }))

  it.effect("retry-after-ms wins over Retry-After", () =>
    Effect.gen(function* () {
      const ms = yield* scenario([err(429, code("1302"), { "retry-after-ms": "1500", "retry-after": "10" }), ok])
      assert.deepStrictEqual(ms.times, [0, 1500])
    }))

  it.effect("a Retry-After HTTP date is honoured relative to the clock", () =>
    Effect.gen(function* () {
      const date = yield* scenario([err(503, {}, { "retry-after": new Date(5000).toUTCString() }), ok])
      assert.deepStrictEqual(date.times, [0, 5000])
    }))

  it.effect("a Retry-After above 60 s falls back to the backoff, but is reported on the error", () =>
    Effect.gen(function* () {
      const { times, result } = yield* scenario([err(429, code("1302"), { "retry-after": "120" })])
      assert.deepStrictEqual(times, [0, 500, 1500])
      assert.isTrue(result._tag === "Failure")
      if (result._tag === "Failure") {
        assert.strictEqual(result.failure._tag, "RateLimitError")
        assert.deepStrictEqual(result.failure.retryAfter, Duration.seconds(120))
      }
    }))

  it.effect("1113 arrives as HTTP 429 and is not retried", () =>
    Effect.gen(function* () {
      const { result, times } = yield* scenario([
        err(429, code("1113", "Insufficient balance or no resource package. Please recharge."), { "x-request-id": "abc" })
      ])
      assert.deepStrictEqual(times, [0])
      assert.isTrue(result._tag === "Failure")
      if (result._tag === "Failure") {
        const error = result.failure
        assert.strictEqual(error._tag, "InsufficientBalanceError")
        assert.strictEqual(error.attempts, 1)
        assert.isFalse(error.isRetryable)
        assert.strictEqual(error.status, 429)
        assert.strictEqual(error.code, "1113")
        assert.strictEqual(error.requestId, "abc")
        assert.strictEqual(
          error.message,
          "[1113] Insufficient balance or no resource package. Please recharge. (HTTP 429, request_id abc, after 1 attempt)"
        )
      }
    }))

  it.effect("5xx is retried with jittered exponential backoff and counts attempts", () =>
    Effect.gen(function* () {
      const noJitter = yield* scenario([err(500, { error: { message: "oops" } })], { config: { maxRetries: 4 } })
      assert.deepStrictEqual(noJitter.times, [0, 500, 1500, 3500, 7500])
      assert.isTrue(noJitter.result._tag === "Failure")
      if (noJitter.result._tag === "Failure") {
        assert.strictEqual(noJitter.result.failure._tag, "InternalServerError")
        assert.strictEqual(noJitter.result.failure.attempts, 5)
        assert.include(noJitter.result.failure.message, "after 5 attempts")
      }
      // full jitter: (1 - 0.25 * 0.5) = 0.875
      const jitter = yield* scenario([err(502, {}), err(502, {}), ok], { random: 0.5 })
      assert.deepStrictEqual(jitter.times, [0, 437.5, 437.5 + 875])
      assert.isTrue(jitter.result._tag === "Success")
      // the cap: 0.5 * 2^5 = 16 s is capped at 8 s
      const capped = yield* scenario([err(500, {})], { config: { maxRetries: 6 }, advance: "2 minutes" })
      const gaps = capped.times.slice(1).map((t, i) => t - capped.times[i])
      assert.deepStrictEqual(gaps, [500, 1000, 2000, 4000, 8000, 8000])
    }))

  it.effect("x-should-retry overrides the status and the business code", () =>
    Effect.gen(function* () {
      const no = yield* scenario([err(503, {}, { "x-should-retry": "false" })])
      assert.deepStrictEqual(no.times, [0])
      const yes = yield* scenario([err(400, code("1214"), { "x-should-retry": "true" }), ok])
      assert.deepStrictEqual(yes.times, [0, 500])
      assert.isTrue(yes.result._tag === "Success")
    }))

  it.effect("connection errors are retried", () =>
    Effect.gen(function* () {
      const { result, times } = yield* scenario([{ _tag: "ConnectionError" }, ok])
      assert.deepStrictEqual(times, [0, 500])
      assert.isTrue(result._tag === "Success")
      const failing = yield* scenario([{ _tag: "ConnectionError", cause: new Error("connect ECONNREFUSED") }])
      assert.isTrue(failing.result._tag === "Failure")
      if (failing.result._tag === "Failure") {
        assert.strictEqual(failing.result.failure._tag, "ConnectionError")
        assert.strictEqual(failing.result.failure.attempts, 3)
        assert.include(failing.result.failure.message, "ECONNREFUSED")
      }
    }))

  it.effect("408, 409, 429 and 5xx without a code are retried; other 4xx are not", () =>
    Effect.gen(function* () {
      for (const status of [408, 409, 429, 500, 502, 503, 504, 529]) {
        const { times } = yield* scenario([err(status, {}), ok])
        assert.deepStrictEqual(times, [0, 500], `status ${status}`)
      }
      for (const status of [400, 401, 403, 404, 413, 422]) {
        const { times } = yield* scenario([err(status, {}), ok])
        assert.deepStrictEqual(times, [0], `status ${status}`)
      }
    }))

  it.effect("business codes that must not be retried are not, whatever the status", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [number, string, string]> = [
        [429, "1113", "InsufficientBalanceError"],
        [400, "1301", "ContentFilterError"],
        [400, "1261", "ContextLengthError"],
        [401, "1002", "AuthenticationError"],
        [403, "1110", "PermissionError"],
        [400, "1210", "InvalidRequestError"],
        [400, "1214", "InvalidRequestError"],
        [429, "1304", "QuotaExceededError"],
        [429, "1308", "QuotaExceededError"],
        [429, "1309", "QuotaExceededError"],
        [429, "1310", "QuotaExceededError"],
        [403, "1311", "PermissionError"],
        [500, "1261", "ContextLengthError"]
      ]
      for (const [status, c, tag] of cases) {
        const { times, result } = yield* scenario([err(status, code(c)), ok])
        assert.deepStrictEqual(times, [0], `code ${c}`)
        assert.isTrue(result._tag === "Failure")
        if (result._tag === "Failure") {
          assert.strictEqual(result.failure._tag, tag, `code ${c}`)
          assert.isFalse(result.failure.isRetryable)
        }
      }
      for (const [status, c] of [
        [429, "1302"],
        [429, "1303"],
        [429, "1305"],
        [503, "1312"],
        [500, "1234"]
      ] as const) {
        const { times } = yield* scenario([err(status, code(c)), ok])
        assert.deepStrictEqual(times, [0, 500], `code ${c}`)
      }
    }))

  it.effect("maxRetries is configurable per client and per request", () =>
    Effect.gen(function* () {
      const none = yield* scenario([err(500, {})], { config: { maxRetries: 0 } })
      assert.deepStrictEqual(none.times, [0])
      const perRequest = yield* scenario([err(500, {})], { req: { ...request, options: { maxRetries: 1 } } })
      assert.deepStrictEqual(perRequest.times, [0, 500])
    }))

  it.effect("decoding failures of a 2xx body are not retried", () =>
    Effect.gen(function* () {
      const { result, times } = yield* scenario([json({ nope: 1 })])
      assert.deepStrictEqual(times, [0])
      assert.isTrue(result._tag === "Failure" && result.failure._tag === "ResponseDecodeError")
    }))
})
