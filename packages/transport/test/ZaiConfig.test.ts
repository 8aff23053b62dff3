import { assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Duration, Effect, Layer, Redacted } from "effect"
import { HttpClient } from "effect/http"
import { ZaiClient, ZaiConfig } from "../src/index.js"
import { makeTestClient } from "./helpers.js"

describe("ZaiConfig", () => {
  it("region presets", () => {
    assert.strictEqual(ZaiConfig.regionBaseUrl("intl"), "https://api.z.ai/api/paas/v4")
    assert.strictEqual(ZaiConfig.regionBaseUrl("cn"), "https://open.bigmodel.cn/api/paas/v4")
    assert.strictEqual(ZaiConfig.regionBaseUrl("coding-intl"), "https://api.z.ai/api/coding/paas/v4")
    assert.strictEqual(ZaiConfig.regionBaseUrl("coding-cn"), "https://open.bigmodel.cn/api/coding/paas/v4")
  })

  it("resolves defaults: intl, bearer, 2 retries, 10 min, 2 min idle, agents on the paas base", () => {
    const resolved = ZaiConfig.resolve({ apiKey: "k" })
    assert.strictEqual(resolved.baseUrl, "https://api.z.ai/api/paas/v4")
    assert.strictEqual(resolved.agentsBaseUrl, "https://api.z.ai/api/paas/v4")
    assert.strictEqual(resolved.region, "intl")
    assert.strictEqual(resolved.auth, "bearer")
    assert.strictEqual(resolved.maxRetries, 2)
    assert.isTrue(Duration.equals(resolved.timeout, Duration.minutes(10)))
    assert.isTrue(Duration.equals(resolved.streamIdleTimeout, Duration.minutes(2)))
    assert.isTrue(Duration.equals(resolved.connectTimeout, Duration.seconds(10)))
    assert.isFalse(JSON.stringify(resolved).includes("apiKey"))
  })

  it("baseUrl wins over region; trailing slashes are dropped; region picks a preset", () => {
    assert.strictEqual(ZaiConfig.resolve({ apiKey: "k", baseUrl: "http://x/api/", region: "cn" }).baseUrl, "http://x/api")
    assert.strictEqual(ZaiConfig.resolve({ apiKey: "k", region: "coding-cn" }).baseUrl, ZaiConfig.regionBaseUrl("coding-cn"))
    assert.strictEqual(ZaiConfig.resolve({ apiKey: "k", maxRetries: 5, timeout: "30 seconds" }).maxRetries, 5)
  })

  it("holds the key as Redacted", () => {
    const key = ZaiConfig.apiKey({ apiKey: "sk-abcdef" })
    assert.strictEqual(Redacted.value(key), "sk-abcdef")
    assert.notInclude(String(key), "sk-abcdef")
    assert.notInclude(JSON.stringify({ key }), "sk-abcdef")
  })

  const fromEnv = (env: Record<string, string>) => ConfigProvider.layer(ConfigProvider.fromUnknown(env))

  it.effect("config reads ZAI_API_KEY, ZAI_BASE_URL and ZAI_REGION", () =>
    Effect.gen(function* () {
      const options = yield* ZaiConfig.config.pipe(
        Effect.provide(fromEnv({ ZAI_API_KEY: "env-key", ZAI_REGION: "coding-intl" }))
      )
      assert.strictEqual(Redacted.value(ZaiConfig.apiKey(options)), "env-key")
      assert.strictEqual(options.region, "coding-intl")
      assert.isUndefined(options.baseUrl)
      const missing = yield* Effect.flip(ZaiConfig.config.pipe(Effect.provide(fromEnv({}))))
      assert.include(String(missing), "ZAI_API_KEY")
      const bad = yield* Effect.flip(ZaiConfig.config.pipe(Effect.provide(fromEnv({ ZAI_API_KEY: "k", ZAI_REGION: "mars" }))))
      assert.include(String(bad), "ZAI_REGION")
    }))

  it.effect("layerConfig builds a client from the ConfigProvider, with overrides", () =>
    Effect.gen(function* () {
      const { client } = makeTestClient(() => Effect.never)
      const http = Layer.succeed(HttpClient.HttpClient, client)
      const configOf = (env: Record<string, string>, overrides?: ZaiClient.Overrides) =>
        Effect.map(ZaiClient.ZaiClient, (zai) => zai.config).pipe(
          Effect.provide(ZaiClient.layerConfig(overrides).pipe(Layer.provide(http), Layer.provide(fromEnv(env))))
        )
      const cn = yield* configOf({ ZAI_API_KEY: "k", ZAI_REGION: "cn" })
      assert.strictEqual(cn.baseUrl, "https://open.bigmodel.cn/api/paas/v4")
      const custom = yield* configOf({ ZAI_API_KEY: "k", ZAI_BASE_URL: "http://127.0.0.1:9/api/paas/v4", ZAI_REGION: "cn" })
      assert.strictEqual(custom.baseUrl, "http://127.0.0.1:9/api/paas/v4")
      const overridden = yield* configOf({ ZAI_API_KEY: "k", ZAI_BASE_URL: "http://gw/api" }, { region: "coding-intl", maxRetries: 0 })
      assert.strictEqual(overridden.baseUrl, "https://api.z.ai/api/coding/paas/v4")
      assert.strictEqual(overridden.maxRetries, 0)
    }))
})
