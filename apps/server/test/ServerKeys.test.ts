import { readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer, Option, Redacted } from "effect"
import { TestConsole } from "effect/testing"
import * as ServerConfig from "../src/ServerConfig.js"
import * as ServerKeys from "../src/ServerKeys.js"
import { tempDir } from "./support.js"

const keysIn = (dataDir: string, serverKeys: ReadonlyArray<Redacted.Redacted<string>> = []) =>
  Effect.map(ServerKeys.ServerKeys, (keys) => keys).pipe(
    Effect.provide(
      ServerKeys.ServerKeys.layer.pipe(
        Layer.provide(ServerConfig.layerWith({ dataDir, serverKeys })),
        Layer.provide(NodeServices.layer)
      )
    )
  )

describe("server keys", () => {
  it.effect("with none configured, the first start generates one, stores it 0600 and prints it once", () =>
    Effect.gen(function*() {
      const dataDir = join(tempDir(), "data")
      const first = yield* keysIn(dataDir)
      const file = join(dataDir, ServerKeys.keyFileName)
      assert.deepStrictEqual(first.keyFile, Option.some(file))
      assert.strictEqual(statSync(file).mode & 0o777, 0o600)
      const key = readFileSync(file, "utf8").trim()
      assert.match(key, /^zsk_[A-Za-z0-9_-]{43}$/)
      const printed = (yield* TestConsole.logLines).join("\n")
      assert.include(printed, key)
      assert.deepStrictEqual(first.verify(key), Option.some("key-1"))
      assert.isTrue(Option.isNone(first.verify(`${key}x`)))
      assert.isTrue(Option.isNone(first.verify("")))
      // The second start reads it back and prints nothing.
      const second = yield* keysIn(dataDir)
      assert.deepStrictEqual(second.verify(key), Option.some("key-1"))
      const printedAgain = yield* TestConsole.logLines
      assert.strictEqual(printedAgain.filter((line) => String(line).includes(key)).length, 1)
    }).pipe(Effect.provide(TestConsole.layer)))

  it.effect("configured keys are used as they are, and each one is told apart", () =>
    Effect.gen(function*() {
      const dataDir = tempDir()
      const keys = yield* keysIn(dataDir, [Redacted.make("alpha-key"), Redacted.make("beta-key")])
      assert.deepStrictEqual(keys.verify("alpha-key"), Option.some("key-1"))
      assert.deepStrictEqual(keys.verify("beta-key"), Option.some("key-2"))
      assert.isTrue(Option.isNone(keys.verify("alpha")))
      assert.isTrue(Option.isNone(keys.keyFile))
      assert.strictEqual((yield* TestConsole.logLines).length, 0)
    }).pipe(Effect.provide(TestConsole.layer)))

  it("settings from the environment: defaults, keys, limits, and a clear error for a bad number", () => {
    const read = (env: Record<string, string>) =>
      Effect.runSync(Effect.result(Effect.map(ServerConfig.config, (c) => c).pipe(
        Effect.provide(ConfigProviderLayer(env))
      )))
    const defaults = read({})
    assert.strictEqual(defaults._tag, "Success")
    if (defaults._tag === "Success") {
      assert.strictEqual(defaults.success.port, 8787)
      assert.strictEqual(defaults.success.dataDir, "./.zai-server")
      assert.deepStrictEqual(defaults.success.serverKeys, [])
    }
    const set = read({ PORT: "9000", ZAI_SERVER_KEYS: " s3cr3t-one , s3cr3t-two,,", ZAI_SERVER_MAX_RUNS: "2" })
    assert.strictEqual(set._tag, "Success")
    if (set._tag === "Success") {
      assert.strictEqual(set.success.port, 9000)
      assert.deepStrictEqual(set.success.serverKeys.map(Redacted.value), ["s3cr3t-one", "s3cr3t-two"])
      assert.strictEqual(set.success.maxConcurrentRuns, 2)
      assert.notInclude(String(set.success.serverKeys[0]), "s3cr3t")
    }
    const runner = read({ ZAI_SERVER_RUNNER_ADDRESS: "10.0.0.5:34432" })
    assert.strictEqual(runner._tag, "Success")
    if (runner._tag === "Success") {
      assert.deepStrictEqual(runner.success.runnerAddress, Option.some({ host: "10.0.0.5", port: 34432 }))
    }
    const badRunner = read({ ZAI_SERVER_RUNNER_ADDRESS: "no-port" })
    assert.strictEqual(badRunner._tag, "Failure")
    if (badRunner._tag === "Failure") assert.include(String(badRunner.failure), "host:port")
    const bad = read({ ZAI_SERVER_MAX_RUNS: "0" })
    assert.strictEqual(bad._tag, "Failure")
    if (bad._tag === "Failure") assert.include(String(bad.failure), "ZAI_SERVER_MAX_RUNS")
  })
})

const ConfigProviderLayer = (env: Record<string, string>) => ConfigProvider.layer(ConfigProvider.fromEnv({ env }))
