import { NodeServices } from "@effect/platform-node"
import { assert, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { Command } from "effect/cli"
import { TestConsole } from "effect/testing"
import { command } from "../src/internal/cli.js"
import { chatBody, type Envelope, json, request } from "./utils.js"

const waitForUrl: Effect.Effect<string> = Effect.gen(function* () {
  for (let i = 0; i < 200; i++) {
    const lines = yield* TestConsole.logLines
    const url = lines.map(String).find((line) => line.startsWith("http://"))
    if (url !== undefined) return url
    yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 10)))
  }
  return yield* Effect.die("the command printed no URL")
})

it.effect("zai-simulator prints the base URL and serves until interrupted", () =>
  Effect.gen(function* () {
    const run = Command.runWith(command, { version: "0.1.0" })
    const fiber = yield* Effect.forkChild(
      run(["--port", "0", "--api-key", "secret-key", "--fault", "rate-limit;seconds=4"]).pipe(Effect.provide(NodeServices.layer))
    )
    const url = yield* waitForUrl
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/api\/paas\/v4$/)
    const call = (key: string) =>
      request(`${url}/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(chatBody("hi"))
      })
    const limited = yield* call("secret-key")
    assert.strictEqual(limited.status, 429)
    assert.strictEqual(limited.headers.get("retry-after"), "4")
    assert.strictEqual((yield* call("secret-key")).status, 200)
    assert.strictEqual(json<Envelope>(yield* call("other")).error.code, "1002")
    yield* Fiber.interrupt(fiber)
    const after = yield* Effect.exit(call("secret-key"))
    assert.strictEqual(after._tag, "Failure")
  }))
