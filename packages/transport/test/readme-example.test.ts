import { readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import { program, ZaiLive } from "../examples/readme.js"
import { startServer } from "./server.js"

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
const example = readFileSync(new URL("../examples/readme.ts", import.meta.url), "utf8")

describe("README example", () => {
  it("the README shows examples/readme.ts verbatim", () => {
    assert.include(readme, example.trim())
  })

  it.live("runs against a local server, configured through ZAI_API_KEY / ZAI_BASE_URL", () =>
    Effect.gen(function* () {
      const server = yield* startServer((_request, _body, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        response.end(JSON.stringify({ id: "1", choices: [{ index: 0, message: { role: "assistant", content: "Hi there" } }] }))
      })
      const env = ConfigProvider.layer(ConfigProvider.fromUnknown({ ZAI_API_KEY: "readme-key", ZAI_BASE_URL: server.url }))
      const answer = yield* program.pipe(Effect.provide(ZaiLive.pipe(Layer.provide(env))))
      assert.strictEqual(answer, "Hi there")
      assert.strictEqual(server.requests[0].url, "/api/paas/v4/chat/completions")
      assert.strictEqual(server.requests[0].headers.authorization, "Bearer readme-key")
    }))
})
