import { readFileSync } from "node:fs"
import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { ConfigProvider } from "effect"
// README example: start
import { ZaiLanguageModel } from "@zai-kit/ai"
import { Chat } from "@zai-kit/chat"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Layer, Schema, Stream } from "effect"
import { LanguageModel, Tool, Toolkit } from "effect/ai"

const GetWeather = Tool.make("get_weather", {
  description: "Current weather of a city",
  parameters: Schema.Struct({ city: Schema.String }),
  success: Schema.Struct({ city: Schema.String, celsius: Schema.Number })
})
const Weather = Toolkit.make(GetWeather)
const WeatherLive = Weather.toLayer({ get_weather: ({ city }) => Effect.succeed({ city, celsius: 21 }) })

// Plain effect/ai code: nothing below knows it runs on GLM.
const program = Effect.gen(function*() {
  const hello = yield* LanguageModel.generateText({ prompt: "Say hello to Ada" })
  const story = yield* LanguageModel.streamText({ prompt: "Tell a short story" }).pipe(
    Stream.filter((part) => part.type === "text-delta"),
    Stream.runFold(() => "", (text, part) => text + part.delta)
  )
  const weather = yield* LanguageModel.generateText({ prompt: "What is the weather in Paris?", toolkit: Weather })
  const plan = yield* LanguageModel.generateObject({
    prompt: "Plan a day in Paris",
    schema: Schema.Struct({ title: Schema.String, steps: Schema.Array(Schema.String) })
  })
  return { hello: hello.text, story, toolResults: weather.toolResults, plan: plan.value }
})

const GlmLive = ZaiLanguageModel.model("glm-4.6", { temperature: 0.2 }).pipe(
  Layer.provide(Chat.Chat.layer),
  Layer.provide(ZaiClient.layerConfigFetch()) // reads ZAI_API_KEY
)
const main = program.pipe(Effect.provide([GlmLive, WeatherLive]))
// README example: end

layer(Simulator.layer())("README example", (it) => {
  it.effect("runs against the simulator", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const config = ConfigProvider.fromUnknown({ ZAI_API_KEY: sim.apiKey, ZAI_BASE_URL: sim.url })
      const result = yield* main.pipe(Effect.provide(ConfigProvider.layer(config)))
      assert.isTrue(result.hello.startsWith("Summary of: Say hello to Ada"))
      assert.isTrue(result.story.startsWith("Summary of: Tell a short story"))
      assert.deepStrictEqual(result.toolResults[0]?.result, { city: "Paris", celsius: 21 })
      assert.isString(result.plan.title)
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
