/** The README's two examples (Promise client, Effect layers), run against the simulator and quoted verbatim. */
import { readFileSync } from "node:fs"
import type { Simulator } from "@zai-kit/testing"
import { ConfigProvider } from "effect"
import { afterEach, assert, describe, it } from "vitest"
import { useSimulator } from "./utils.js"
// README promise example: start
import { RateLimitError, Zai } from "@zai-kit/sdk"

const main = async () => {
  await using zai = new Zai() // API key from ZAI_API_KEY (base URL from ZAI_BASE_URL when set)
  const ask = [{ role: "user" as const, content: "Say hello to Ada" }]
  try {
    const hello = await zai.chat.completions.create({ model: "glm-4.6", messages: ask })

    const stream = await zai.chat.completions.create({ model: "glm-4.6", messages: ask, stream: true })
    let streamed = ""
    for await (const chunk of stream) streamed += chunk.choices?.[0]?.delta?.content ?? ""

    const task = await zai.videos.generate({ model: "cogvideox-3", prompt: "A cat playing the piano" })
    const video = await task.wait({ timeout: 10 * 60_000 })

    const speech = await zai.audio.speech.create({ model: "glm-tts", input: "Hello Ada", response_format: "wav" })

    const fileIds: Array<string> = []
    for await (const file of zai.files.list()) fileIds.push(file.id) // every page

    return { hello: hello.choices?.[0]?.message?.content, streamed, video: video.video_result?.[0]?.url, speech, fileIds }
  } catch (error) {
    if (error instanceof RateLimitError) console.error(`rate limited (code ${error.code}), retry in ${error.retryAfterMs} ms`)
    throw error
  }
}
// README promise example: end

// README effect example: start
import { Chat, Embeddings, Layers } from "@zai-kit/sdk"
import { Effect } from "effect"

const program = Effect.gen(function*() {
  const answer = yield* Chat.create({ model: "glm-4.6", messages: [{ role: "user", content: "Say hello to Ada" }] })
  const vector = yield* Embeddings.Embeddings.use((embeddings) => embeddings.embed("Ada Lovelace"))
  return { hello: answer.choices?.[0]?.message?.content, dimensions: vector.length }
}).pipe(Effect.provide(Layers.layerConfig())) // = Zai.layerConfig(): every service; reads ZAI_API_KEY, ZAI_BASE_URL, ZAI_REGION
// README effect example: end

const harness = useSimulator()
const saved = { key: process.env.ZAI_API_KEY, url: process.env.ZAI_BASE_URL }
afterEach(() => {
  for (const [name, value] of [["ZAI_API_KEY", saved.key], ["ZAI_BASE_URL", saved.url]] as const) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

describe("README examples", () => {
  it("the Promise example runs against the simulator", async () => {
    process.env.ZAI_API_KEY = harness.sim().apiKey
    process.env.ZAI_BASE_URL = harness.sim().url
    const result = await main()
    assert.isTrue(result.hello?.startsWith("Summary of: Say hello to Ada"))
    assert.strictEqual(result.streamed, result.hello)
    assert.match(result.video ?? "", /^http:\/\/127\.0\.0\.1:\d+\//)
    assert.strictEqual(new TextDecoder().decode(result.speech.slice(0, 4)), "RIFF")
    assert.isArray(result.fileIds)
  })

  it("the Effect example runs against the simulator", async () => {
    const sim: Simulator.Service = harness.sim()
    const env = ConfigProvider.layer(ConfigProvider.fromUnknown({ ZAI_API_KEY: sim.apiKey, ZAI_BASE_URL: sim.url }))
    const result = await Effect.runPromise(program.pipe(Effect.provide(env)))
    assert.isTrue(result.hello?.startsWith("Summary of: Say hello to Ada"))
    assert.isAbove(result.dimensions, 0)
  })

  it("the README shows exactly the tested examples", () => {
    const source = readFileSync(new URL("./readme-example.test.ts", import.meta.url), "utf8")
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
    for (const name of ["promise", "effect"]) {
      const start = source.indexOf(`// README ${name} example: start\n`)
      const end = source.indexOf(`// README ${name} example: end`)
      assert.isAbove(start, -1)
      const example = source.slice(source.indexOf("\n", start) + 1, end).trim()
      assert.include(readme, example, `README lacks the ${name} example`)
    }
  })
})
