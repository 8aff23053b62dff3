import { readFileSync } from "node:fs"
import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { ConfigProvider } from "effect"
// README example: start
import { Chat, Completion, Tool, ToolLoop } from "@zai-kit/chat"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Layer, Schema, Stream } from "effect"

const weather = Tool.make("get_weather", {
  description: "Current weather of a city",
  parameters: Schema.Struct({ city: Schema.String }),
  handler: ({ city }) => Effect.succeed({ city, celsius: 21 })
})
const ask = (content: string) => ({ model: "glm-4.6", messages: [{ role: "user" as const, content }] })

const program = Effect.gen(function*() {
  const chat = yield* Chat.Chat
  const hello = yield* chat.create(ask("Say hello to Ada"))
  yield* chat.stream(ask("Tell a short story")).pipe(Stream.runForEach((c) => Effect.log(c.choices?.[0]?.delta?.content)))
  const tools = yield* ToolLoop.runTools(ask("What is the weather in Paris?"), [weather])
  return { hello: Completion.text(hello), weather: tools.text }
}).pipe(Effect.provide(Chat.Chat.layer.pipe(Layer.provide(ZaiClient.layerConfigFetch())))) // reads ZAI_API_KEY
// README example: end

layer(Simulator.layer())("README example", (it) => {
  it.effect("runs against the simulator", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const config = ConfigProvider.fromUnknown({ ZAI_API_KEY: sim.apiKey, ZAI_BASE_URL: sim.url })
      const result = yield* program.pipe(Effect.provide(ConfigProvider.layer(config)))
      assert.isTrue(result.hello.startsWith("Summary of: Say hello to Ada"))
      assert.include(result.weather, "get_weather returned")
      assert.deepStrictEqual((yield* Simulator.requests).map((r) => r.path), Array(4).fill("/chat/completions"))
    }))
})

describe("README", () => {
  it("shows exactly the tested example", () => {
    const source = readFileSync(new URL("./readme-example.test.ts", import.meta.url), "utf8")
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
    const shown = /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    const start = source.indexOf("// README example: start\n") + "// README example: start\n".length
    const end = source.indexOf("// README example: end")
    assert.strictEqual(shown, source.slice(start, end))
  })
})
