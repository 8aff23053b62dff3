/**
 * The audio and voice routes over plain fetch: the wire shapes, the 400s in the real envelope, the generated WAV,
 * the speech → transcription round trip, and generic faults on these paths.
 */
import { assert, describe, it, layer } from "@effect/vitest"
import { Effect } from "effect"
import * as Wav from "../src/internal/media/wav.js"
import * as Simulator from "../src/Simulator.js"
import { type Envelope, get, type HttpResult, headers, json, post, request, sseData } from "./utils.js"

const speak = (body: unknown, extra: Record<string, string> = {}) =>
  Effect.flatMap(Simulator.Simulator, (sim) => post(sim, "/audio/speech", body, extra))

const speechBytes = (body: unknown) =>
  Effect.flatMap(Simulator.Simulator, (sim) =>
    Effect.promise(async () => {
      const response = await fetch(`${sim.url}/audio/speech`, { method: "POST", headers: headers(sim), body: JSON.stringify(body) })
      return { status: response.status, type: response.headers.get("content-type"), bytes: new Uint8Array(await response.arrayBuffer()) }
    })
  )

const upload = (path: string, form: FormData, extra: Record<string, string> = {}) =>
  Effect.flatMap(Simulator.Simulator, (sim) =>
    request(`${sim.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${sim.apiKey}`, ...extra }, body: form })
  )

const errorOf = (result: HttpResult) => json<Envelope>(result).error

describe("media/wav", () => {
  it("writes a WAV that carries INFO tags and reads it back", () => {
    const pcm = Wav.pcmBytes(Wav.tones("Hello", { seed: "", speed: 1, volume: 1 }))
    assert.strictEqual(pcm.length, Math.round(0.2 * Wav.sampleRate) * 2)
    const wav = Wav.encode(pcm, [["ICMT", "Hello, 世界"], ["ISFT", Wav.software]])
    assert.deepStrictEqual(Wav.parse(wav), {
      sampleRate: 24_000,
      channels: 1,
      bitsPerSample: 16,
      dataLength: pcm.length,
      info: { ICMT: "Hello, 世界", ISFT: Wav.software }
    })
    assert.isUndefined(Wav.parse(pcm))
  })

  it("derives the tones from the text and scales them by speed and volume", () => {
    const a = Wav.tones("one two three four", { seed: "s", speed: 1, volume: 1 })
    assert.deepStrictEqual(Wav.tones("one two three four", { seed: "s", speed: 1, volume: 1 }), a)
    assert.notDeepEqual(Wav.tones("four three two one", { seed: "s", speed: 1, volume: 1 }), a)
    assert.strictEqual(Wav.tones("one two three four", { seed: "s", speed: 2, volume: 1 }).length, Math.round(a.length / 2))
    const peak = (samples: Int16Array) => samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0)
    assert.isAbove(peak(Wav.tones("one two three four", { seed: "s", speed: 1, volume: 3 })), peak(a) * 2.5)
  })
})

layer(Simulator.layer())("Simulator: audio and voice routes", (it) => {
  it.effect("speech answers WAV or PCM bytes with a request id", () =>
    Effect.gen(function*() {
      const wav = yield* speechBytes({ model: "glm-tts", input: "Good morning", response_format: "wav" })
      assert.strictEqual(wav.status, 200)
      assert.strictEqual(wav.type, "audio/wav")
      assert.strictEqual(Wav.parse(wav.bytes)?.info.ICMT, "Good morning")
      const pcm = yield* speechBytes({ model: "glm-tts", input: "Good morning" })
      assert.strictEqual(pcm.type, "audio/pcm")
      assert.strictEqual(pcm.bytes.length, 12 * 0.04 * 24_000 * 2)
    }))

  it.effect("streams speech as base64 or hex PCM chunks ending with finish_reason stop", () =>
    Effect.gen(function*() {
      const res = yield* speak({ model: "glm-tts", input: "Good morning to you all", stream: true })
      assert.match(res.headers.get("content-type") ?? "", /text\/event-stream/)
      const frames = sseData(res.text)
      assert.strictEqual(frames[frames.length - 1], "[DONE]")
      const chunks = frames.slice(0, -1).map((f) => JSON.parse(f) as { choices: Array<{ delta: { content: string }; finish_reason: string | null }> })
      assert.strictEqual(chunks[chunks.length - 1]?.choices[0]?.finish_reason, "stop")
      const pcm = Buffer.concat(chunks.map((c) => Buffer.from(c.choices[0]?.delta.content ?? "", "base64")))
      assert.strictEqual(pcm.length, 23 * 0.04 * 24_000 * 2)
      const hex = yield* speak({ model: "glm-tts", input: "Good morning to you all", stream: true, encode_format: "hex" })
      const first = JSON.parse(sseData(hex.text)[0] ?? "{}") as { choices: Array<{ delta: { content: string } }> }
      assert.match(first.choices[0]?.delta.content ?? "", /^[0-9a-f]+$/)
    }))

  it.effect("rejects bad speech bodies with 400 naming the field", () =>
    Effect.gen(function*() {
      const long = yield* speak({ model: "glm-tts", input: "x".repeat(1025) })
      assert.strictEqual(long.status, 400)
      assert.strictEqual(errorOf(long).code, "1214")
      assert.match(errorOf(long).message, /^The parameter input is invalid: expected a value with a length of at most 1024/)
      const noInput = yield* speak({ model: "glm-tts" })
      assert.deepStrictEqual([noInput.status, errorOf(noInput).code], [400, "1213"])
      assert.include(errorOf(noInput).message, "input")
      const volume = yield* speak({ model: "glm-tts", input: "hi", volume: 11 })
      assert.include(errorOf(volume).message, "volume")
      const voice = yield* speak({ model: "glm-tts", input: "hi", voice: "nobody" })
      assert.include(errorOf(voice).message, "The parameter voice is invalid")
      const model = yield* speak({ model: "tts-1", input: "hi" })
      assert.deepStrictEqual([model.status, errorOf(model).code], [400, "1211"])
      const unknownKey = yield* speak({ model: "glm-tts", input: "hi", future_option: 1 })
      assert.strictEqual(unknownKey.status, 200)
    }))

  it.effect("transcribes uploads: simulator WAVs round-trip, file_base64 works, problems are named", () =>
    Effect.gen(function*() {
      const wav = yield* speechBytes({ model: "glm-tts", input: "Round trip works", response_format: "wav" })
      const form = new FormData()
      form.append("model", "glm-asr-2512")
      form.append("hotwords[]", "trip")
      form.append("file", new Blob([wav.bytes.slice()], { type: "audio/wav" }), "speech.wav")
      const res = yield* upload("/audio/transcriptions", form)
      assert.strictEqual(res.status, 200)
      const body = json<{ id: string; created: number; request_id: string; model: string; text: string }>(res)
      assert.strictEqual(body.text, "Round trip works")
      assert.strictEqual(body.model, "glm-asr-2512")
      assert.strictEqual(res.headers.get("x-request-id"), body.request_id)

      const base64 = new FormData()
      base64.append("model", "glm-asr-2512")
      base64.append("file_base64", Buffer.from(wav.bytes).toString("base64"))
      base64.append("stream", "true")
      const streamed = yield* upload("/audio/transcriptions", base64)
      const chunks = sseData(streamed.text).filter((f) => f !== "[DONE]").map((f) => JSON.parse(f) as { type: string; delta: string })
      assert.strictEqual(chunks.map((c) => c.delta).join(""), "Round trip works")
      assert.strictEqual(chunks[chunks.length - 1]?.type, "transcript.text.done")

      const noFile = new FormData()
      noFile.append("model", "glm-asr-2512")
      const missing = yield* upload("/audio/transcriptions", noFile)
      assert.deepStrictEqual([missing.status, errorOf(missing).code], [400, "1213"])
      assert.include(errorOf(missing).message, "file")
      const badStream = new FormData()
      badStream.append("model", "glm-asr-2512")
      badStream.append("stream", "maybe")
      badStream.append("file", new Blob([wav.bytes.slice()]), "a.wav")
      const invalid = yield* upload("/audio/transcriptions", badStream)
      assert.include(errorOf(invalid).message, "The parameter stream is invalid")
      const asJson = yield* Effect.flatMap(Simulator.Simulator, (sim) => post(sim, "/audio/transcriptions", { model: "glm-asr-2512" }))
      assert.deepStrictEqual([asJson.status, errorOf(asJson).code], [400, "1210"])
    }))

  it.effect("customization speaks the input; it needs a voice sample", () =>
    Effect.gen(function*() {
      const form = new FormData()
      form.append("model", "glm-tts")
      form.append("input", "In your voice")
      form.append("voice_text", "sample words")
      form.append("response_format", "wav")
      form.append("voice_data", new Blob([new Uint8Array([1, 2, 3, 4])]), "sample.wav")
      const res = yield* Effect.flatMap(Simulator.Simulator, (sim) =>
        Effect.promise(async () => {
          const response = await fetch(`${sim.url}/audio/customization`, { method: "POST", headers: { authorization: `Bearer ${sim.apiKey}` }, body: form })
          return new Uint8Array(await response.arrayBuffer())
        })
      )
      assert.strictEqual(Wav.parse(res)?.info.ICMT, "In your voice")
      form.delete("voice_data")
      const missing = yield* upload("/audio/customization", form)
      assert.deepStrictEqual([missing.status, errorOf(missing).code], [400, "1213"])
      assert.include(errorOf(missing).message, "voice_data")
    }))

  it.effect("voices: clone, list by camelCase query, delete", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const cloned = yield* post(sim, "/voice/clone", { model: "glm-tts-clone", voice_name: "Story Teller", input: "Preview", file_id: "f1" })
      const voice = json<{ voice: string }>(cloned).voice
      const byType = json<{ voice_list: Array<{ voice: string }> }>(yield* get(sim, "/voice/list?voiceType=PRIVATE"))
      assert.deepStrictEqual(byType.voice_list.map((v) => v.voice), [voice])
      const byName = json<{ voice_list: Array<{ voice: string }> }>(yield* get(sim, "/voice/list?voiceName=story"))
      assert.deepStrictEqual(byName.voice_list.map((v) => v.voice), [voice])
      const snake = json<{ voice_list: Array<unknown> }>(yield* get(sim, "/voice/list?voice_type=PRIVATE"))
      assert.isAbove(snake.voice_list.length, 1)
      const deleted = yield* post(sim, "/voice/delete", { voice })
      assert.strictEqual(json<{ voice: string }>(deleted).voice, voice)
      const empty = json<{ voice_list: Array<unknown> }>(yield* get(sim, "/voice/list?voiceType=PRIVATE"))
      assert.deepStrictEqual(empty.voice_list, [])
      const noFile = yield* post(sim, "/voice/clone", { model: "glm-tts-clone", voice_name: "x", input: "p" })
      assert.deepStrictEqual([noFile.status, errorOf(noFile).code], [400, "1213"])
      assert.include(errorOf(noFile).message, "file_id")
    }))

  it.effect("the generic faults apply to these routes", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const limited = yield* get(sim, "/voice/list", { "x-zai-sim-fault": "rate-limit;seconds=3" })
      assert.deepStrictEqual([limited.status, limited.headers.get("retry-after"), errorOf(limited).code], [429, "3", "1302"])
      const failed = yield* speak({ model: "glm-tts", input: "hi" }, { "x-zai-sim-fault": "server-error" })
      assert.strictEqual(failed.status, 500)
      const frame = yield* speak({ model: "glm-tts", input: "Good morning to you all", stream: true }, { "x-zai-sim-fault": "error-frame" })
      const frames = sseData(frame.text)
      assert.include(frames[frames.length - 1] ?? "", "\"error\"")
    }))
})
