import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import OpenAI from "openai"
import { main } from "../examples/openai-client.js"
import { baseUrl, layerServer, serverKey } from "./support.js"

describe("README example", () => {
  layer(layerServer(), { excludeTestServices: true })((it) => {
    it.effect("the openai client through the gateway", () =>
      Effect.gen(function*() {
        const base = yield* baseUrl
        const text = yield* Effect.promise(() => main(`${base}/v1`, serverKey))
        assert.match(text, /^Summary of: Hello GLM/)
      }))

    it.effect("stream_options (include_usage) is accepted; usage arrives on the last chunk", () =>
      Effect.gen(function*() {
        const base = yield* baseUrl
        const openai = new OpenAI({ apiKey: serverKey, baseURL: `${base}/v1`, maxRetries: 0 })
        const usage = yield* Effect.promise(async () => {
          const stream = await openai.chat.completions.create({
            model: "glm-4.6",
            stream: true,
            stream_options: { include_usage: true },
            messages: [{ role: "user", content: "Hello GLM" }]
          })
          let total = 0
          for await (const chunk of stream) total = chunk.usage?.total_tokens ?? total
          return total
        })
        assert.isAbove(usage, 0)
      }))
  })
})
