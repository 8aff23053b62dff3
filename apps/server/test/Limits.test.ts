import { assert, describe, it, layer } from "@effect/vitest"
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import * as RateLimiter from "../src/RateLimiter.js"
import { baseUrl, call, layerServer, serverKey } from "./support.js"

describe("limits", () => {
  it.effect("the rate limiter refills with time, per key", () =>
    Effect.gen(function*() {
      const limiter = RateLimiter.make(60) // one per second
      for (let i = 0; i < 60; i++) assert.isTrue((yield* limiter.take("a")).allowed)
      const refused = yield* limiter.take("a")
      assert.deepStrictEqual(refused, { allowed: false, retryAfterSeconds: 1 })
      assert.isTrue((yield* limiter.take("b")).allowed)
      yield* TestClock.adjust("1 second")
      assert.isTrue((yield* limiter.take("a")).allowed)
      assert.isFalse((yield* limiter.take("a")).allowed)
      yield* TestClock.adjust("30 seconds")
      for (let i = 0; i < 30; i++) assert.isTrue((yield* limiter.take("a")).allowed)
      assert.isFalse((yield* limiter.take("a")).allowed)
    }))

  layer(layerServer({ ratePerMinute: 3, maxBodyBytes: 2048 }), { excludeTestServices: true })((it) => {
    it.effect("a body over the limit is a 413 in each shape, before auth", () =>
      Effect.gen(function*() {
        const big = { model: "embedding-3", input: "x".repeat(4096) }
        const gateway = yield* call("/v1/embeddings", { body: big, key: null })
        assert.strictEqual(gateway.status, 413)
        assert.strictEqual(gateway.json.error.code, "payload_too_large")
        const api = yield* call("/v1/pipelines/validate", { body: { spec: "x".repeat(4096) }, key: null })
        assert.strictEqual(api.status, 413)
        assert.strictEqual(api.json._tag, "PayloadTooLarge")
        assert.strictEqual(Number(api.json.limitBytes), 2048)
        // A chunked body without Content-Length is cut at the limit too.
        const base = yield* baseUrl
        const chunked = yield* Effect.promise(() => {
          const encoder = new TextEncoder()
          const body = new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(encoder.encode(`{"spec":"${"y".repeat(3000)}"}`))
              controller.close()
            }
          })
          return fetch(`${base}/v1/pipelines/validate`, {
            method: "POST",
            headers: { authorization: `Bearer ${serverKey}`, "content-type": "application/json" },
            body,
            duplex: "half"
          } as RequestInit).then((r) => r.status)
        })
        assert.strictEqual(chunked, 413)
      }))

    it.effect("requests over the per-key rate are a 429 with Retry-After, in each shape", () =>
      Effect.gen(function*() {
        // The 413 test above used one request of this key (the chunked one); two more are allowed.
        const statuses: Array<number> = []
        for (let i = 0; i < 2; i++) statuses.push((yield* call("/v1/pipelines")).status)
        assert.deepStrictEqual(statuses, [200, 200])
        const api = yield* call("/v1/pipelines")
        assert.strictEqual(api.status, 429)
        assert.strictEqual(api.json._tag, "TooManyRequests")
        assert.isAtLeast(Number(api.headers.get("retry-after")), 1)
        const gateway = yield* call("/v1/models")
        assert.strictEqual(gateway.status, 429)
        assert.strictEqual(gateway.json.error.type, "rate_limit_error")
        // Another key (a wrong one) is not slowed by this key's limit: it is refused for what it is.
        const other = yield* call("/v1/models", { key: "someone-else" })
        assert.strictEqual(other.status, 401)
      }))
  })
})
