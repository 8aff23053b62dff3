import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Schema } from "effect"
import { TestClock } from "effect/testing"
import { ZaiClient } from "../src/index.js"
import { clientLayer, json, makeTestClient } from "./helpers.js"

const request: ZaiClient.ZaiRequest = { method: "POST", path: "/chat/completions", operation: "chat" }

describe("timeouts", () => {
  it.effect("total: 10 minutes by default per non-streaming attempt, retried, then TimeoutError kind total", () =>
    Effect.gen(function* () {
      const { client, requests } = makeTestClient(() => Effect.never)
      const fiber = yield* Effect.flatMap(ZaiClient.ZaiClient, (zai) => zai.json(request, Schema.Unknown)).pipe(
        Effect.provide(clientLayer(client, { maxRetries: 1 })),
        Effect.flip,
        Effect.forkChild
      )
      yield* TestClock.adjust(Duration.minutes(10))
      assert.strictEqual(requests.length, 1)
      assert.isUndefined(fiber.pollUnsafe())
      yield* TestClock.adjust(Duration.sum(Duration.minutes(10), Duration.seconds(1)))
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(requests.length, 2)
      assert.strictEqual(error._tag, "TimeoutError")
      if (error._tag === "TimeoutError") {
        assert.strictEqual(error.kind, "total")
        assert.strictEqual(error.attempts, 2)
        assert.isTrue(error.isRetryable)
        assert.deepStrictEqual(error.timeout, Duration.minutes(10))
      }
    }))

  it.effect("total: a per-request timeout overrides the client's; a slow answer within it succeeds", () =>
    Effect.gen(function* () {
      const { client } = makeTestClient(() => Effect.as(Effect.sleep("20 seconds"), json({ ok: 1 })))
      const slow = yield* Effect.flatMap(ZaiClient.ZaiClient, (zai) =>
        Effect.all([
          Effect.flip(zai.json({ ...request, options: { timeout: "5 seconds", maxRetries: 0 } }, Schema.Unknown)),
          zai.json({ ...request, options: { timeout: "30 seconds" } }, Schema.Unknown)
        ])
      ).pipe(Effect.provide(clientLayer(client)), Effect.forkChild)
      yield* TestClock.adjust("1 minute")
      const [error, ok] = yield* Fiber.join(slow)
      assert.strictEqual(error._tag, "TimeoutError")
      assert.deepStrictEqual(ok, { ok: 1 })
    }))

  it.effect("connect: a transport connect timeout (undici ConnectTimeoutError) is TimeoutError kind connect, retried", () =>
    Effect.gen(function* () {
      const connectTimeout = Object.assign(new Error("Connect Timeout Error (attempted address: 10.0.0.1:443)"), {
        name: "ConnectTimeoutError",
        code: "UND_ERR_CONNECT_TIMEOUT"
      })
      const viaFetch = new TypeError("fetch failed", { cause: connectTimeout })
      const { client, requests } = makeTestClient((_, index) =>
        Effect.succeed(index === 0 ? { _tag: "ConnectionError" as const, cause: viaFetch } : { _tag: "ConnectionError" as const, cause: connectTimeout })
      )
      const fiber = yield* Effect.flatMap(ZaiClient.ZaiClient, (zai) => zai.json(request, Schema.Unknown)).pipe(
        Effect.provide(clientLayer(client, { connectTimeout: "3 seconds" })),
        Effect.flip,
        Effect.forkChild
      )
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(requests.length, 3)
      assert.strictEqual(error._tag, "TimeoutError")
      if (error._tag === "TimeoutError") {
        assert.strictEqual(error.kind, "connect")
        assert.include(error.message, "after 3s")
      }
    }))
})
