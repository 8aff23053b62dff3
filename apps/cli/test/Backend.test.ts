import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Redacted } from "effect"
import * as Backend from "../src/Backend.js"
import type * as Root from "../src/Root.js"

const none: Root.Settings = {
  apiKey: undefined,
  baseUrl: undefined,
  region: undefined,
  timeoutSeconds: undefined,
  maxRetries: undefined,
  json: false,
  quiet: false,
  verbose: false
}

describe("Backend.connection (flags over environment)", () => {
  it.effect("flags win over ZAI_REGION / ZAI_BASE_URL; timeout and retries pass through", () =>
    Effect.gen(function*() {
      const options = yield* Backend.connection(
        { ...none, region: "cn", baseUrl: "http://127.0.0.1:1/api", timeoutSeconds: 1.5, maxRetries: 0 },
        { ZAI_REGION: "intl", ZAI_BASE_URL: "http://127.0.0.1:2/api" }
      )
      assert.strictEqual(options.region, "cn")
      assert.strictEqual(options.baseUrl, "http://127.0.0.1:1/api")
      assert.strictEqual(Duration.toMillis(Duration.fromInputUnsafe(options.timeout ?? 0)), 1500)
      assert.strictEqual(options.maxRetries, 0)
    }))

  it.effect("the environment fills what the flags leave out; empty values count as unset", () =>
    Effect.gen(function*() {
      const options = yield* Backend.connection(none, { ZAI_REGION: "coding-intl", ZAI_BASE_URL: "" })
      assert.strictEqual(options.region, "coding-intl")
      assert.isUndefined(options.baseUrl)
    }))

  it.effect("bad values are usage errors naming the flag or variable", () =>
    Effect.gen(function*() {
      const region = yield* Effect.flip(Backend.connection(none, { ZAI_REGION: "mars" }))
      assert.include(region.message, "ZAI_REGION")
      const url = yield* Effect.flip(Backend.connection({ ...none, baseUrl: "ftp://x" }, {}))
      assert.include(url.message, "--base-url")
      const timeout = yield* Effect.flip(Backend.connection({ ...none, timeoutSeconds: 0 }, {}))
      assert.include(timeout.message, "--timeout")
      const retries = yield* Effect.flip(Backend.connection({ ...none, maxRetries: -1 }, {}))
      assert.include(retries.message, "--max-retries")
    }))

  it("the key: --api-key first, then ZAI_API_KEY; empty means none", () => {
    assert.strictEqual(Redacted.value(Backend.apiKeyOf({ ...none, apiKey: Redacted.make("flag") }, { ZAI_API_KEY: "env" }) ?? Redacted.make("")), "flag")
    assert.strictEqual(Redacted.value(Backend.apiKeyOf(none, { ZAI_API_KEY: "env" }) ?? Redacted.make("")), "env")
    assert.isUndefined(Backend.apiKeyOf(none, { ZAI_API_KEY: "" }))
    assert.isUndefined(Backend.apiKeyOf({ ...none, apiKey: Redacted.make("") }, {}))
  })
})
