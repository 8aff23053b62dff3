import { readFileSync } from "node:fs"
import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { ConfigProvider } from "effect"
// README example: start
import { Audio, Voices } from "@zai-kit/audio"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Layer, Stream } from "effect"

const AudioLive = Layer.mergeAll(Audio.Audio.layer, Voices.Voices.layer).pipe(
  Layer.provide(ZaiClient.layerConfigFetch()) // reads ZAI_API_KEY
)

const program = Effect.gen(function*() {
  const audio = yield* Audio.Audio
  const voices = yield* Voices.Voices
  // text → speech (a WAV file as bytes) → text again
  const speech = audio.speech({ model: "glm-tts", input: "Hello from GLM", voice: "tongtong", response_format: "wav" })
  const wav = yield* Stream.mkUint8Array(speech)
  const heard = yield* audio.transcribe({ model: "glm-asr-2512", file: wav, hotwords: ["GLM"] })
  // streamed speech: raw PCM chunks, decoded, as soon as they are generated
  const chunks = yield* Stream.runCount(audio.speechStream({ model: "glm-tts", input: "Streaming starts sooner" }))
  const { voice_list } = yield* voices.list({ voice_type: "OFFICIAL" })
  return { heard: heard.text, chunks, voices: voice_list?.map((v) => v.voice) }
}).pipe(Effect.provide(AudioLive))
// README example: end

layer(Simulator.layer())("README example", (it) => {
  it.effect("runs against the simulator", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const config = ConfigProvider.fromUnknown({ ZAI_API_KEY: sim.apiKey, ZAI_BASE_URL: sim.url })
      const result = yield* program.pipe(Effect.provide(ConfigProvider.layer(config)))
      assert.strictEqual(result.heard, "Hello from GLM")
      assert.isAbove(result.chunks, 1)
      assert.includeMembers(result.voices ?? [], ["tongtong", "xiaochen"])
      assert.deepStrictEqual(
        (yield* Simulator.requests).map((r) => `${r.method} ${r.path}`),
        ["POST /audio/speech", "POST /audio/transcriptions", "POST /audio/speech", "GET /voice/list"]
      )
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
