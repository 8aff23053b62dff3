import { assert, describe, layer } from "@effect/vitest"
import type { Audio as AudioSchema } from "@zai-kit/schema"
import { Simulator } from "@zai-kit/testing"
import { Multipart } from "@zai-kit/transport"
import { Effect, FileSystem, Stream } from "effect"
import { Audio, writeWavFile } from "../src/Audio.js"
import * as Wav from "../src/Wav.js"
import { layer as audioLayer, failureOf, formOf } from "./utils.js"

const tts = (input: string, extra: Partial<AudioSchema.SpeechRequest> = {}): AudioSchema.SpeechRequest => ({
  model: "glm-tts",
  input,
  ...extra
})
const asr = "glm-asr-2512"
const collect = <E, R>(stream: Stream.Stream<Uint8Array, E, R>) => Stream.mkUint8Array(stream)
const text = "Meet me at the station at nine"
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))

layer(audioLayer())("Audio", (it) => {
  describe("speech", () => {
    it.effect("sends JSON and answers a valid WAV that carries the text", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const audio = yield* Audio
        const request = tts(text, { voice: "xiaochen", response_format: "wav", speed: 1.25, volume: 2, watermark_enabled: false })
        const bytes = yield* collect(audio.speech(request))
        const info = Wav.parse(bytes)
        assert.deepInclude(info, { audioFormat: 1, sampleRate: 24_000, channels: 1, bitsPerSample: 16 })
        assert.strictEqual(info?.tags.ICMT, text)
        assert.strictEqual(info?.tags.IART, "xiaochen")
        // 40 ms per character at speed 1
        assert.closeTo(info?.durationSeconds ?? 0, (text.length * 0.04) / 1.25, 0.01)
        const [recorded] = yield* Simulator.requests
        assert.strictEqual(recorded?.method, "POST")
        assert.strictEqual(recorded?.path, "/audio/speech")
        assert.strictEqual(recorded?.headers["content-type"], "application/json")
        assert.strictEqual(recorded?.headers.authorization, "Bearer <redacted>")
        assert.strictEqual(recorded?.headers.accept, "*/*")
        assert.isString(recorded?.headers["zai-sdk-ver"])
        assert.deepStrictEqual(recorded?.body, request)
      }))

    it.effect("answers raw PCM by default, longer for longer text, and drops `stream`", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const audio = yield* Audio
        const short = yield* collect(audio.speech({ ...tts("Hello there"), stream: true }))
        const long = yield* collect(audio.speech(tts("Hello there, this sentence is a good deal longer")))
        assert.notStrictEqual(ascii(short, 0, 4), "RIFF")
        assert.strictEqual(short.length, Math.round(11 * 0.04 * 24_000) * 2)
        assert.isAbove(long.length, short.length * 3)
        const [first] = yield* Simulator.requests
        assert.deepStrictEqual(first?.body, { model: "glm-tts", input: "Hello there" })
      }))

    it.effect("writes a file with speechToFile, and nothing when the call fails", () =>
      Effect.scoped(
        Effect.gen(function*() {
          const audio = yield* Audio
          const fs = yield* FileSystem.FileSystem
          const dir = yield* fs.makeTempDirectoryScoped()
          yield* audio.speechToFile(tts(text, { response_format: "wav" }), `${dir}/speech.wav`)
          const written = yield* fs.readFile(`${dir}/speech.wav`)
          assert.strictEqual(Wav.parse(written)?.tags.ICMT, text)
          const failed = yield* Effect.exit(
            audio.speechToFile(tts(text), `${dir}/failed.pcm`, { headers: { "x-zai-sim-fault": "server-error" } })
          )
          assert.strictEqual(failureOf(failed)._tag, "InternalServerError")
          assert.isFalse(yield* fs.exists(`${dir}/failed.pcm`))
        })
      ))
  })

  describe("speechStream", () => {
    it.effect("decodes base64 and hex chunks to the same PCM as a plain call", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const audio = yield* Audio
        const plain = yield* collect(audio.speech(tts(text, { response_format: "pcm" })))
        const chunks = yield* Stream.runCollect(audio.speechStream(tts(text)))
        assert.isAbove(chunks.length, 1)
        assert.deepStrictEqual(yield* collect(Stream.fromIterable(chunks)), plain)
        const hex = yield* collect(audio.speechStream(tts(text, { encode_format: "hex" })))
        assert.deepStrictEqual(hex, plain)
        const requests = yield* Simulator.requests
        assert.deepStrictEqual(requests[1]?.body, { model: "glm-tts", input: text, stream: true })
        assert.deepStrictEqual(requests[2]?.body, { model: "glm-tts", input: text, encode_format: "hex", stream: true })
        assert.strictEqual(requests[1]?.headers.accept, "text/event-stream")
      }))

    it.effect("writeWavFile wraps streamed PCM in a playable WAV", () =>
      Effect.scoped(
        Effect.gen(function*() {
          const audio = yield* Audio
          const fs = yield* FileSystem.FileSystem
          const dir = yield* fs.makeTempDirectoryScoped()
          yield* audio.speechStream(tts(text)).pipe(writeWavFile(`${dir}/streamed.wav`))
          const info = Wav.parse(yield* fs.readFile(`${dir}/streamed.wav`))
          assert.strictEqual(info?.sampleRate, 24_000)
          assert.closeTo(info?.durationSeconds ?? 0, text.length * 0.04, 0.01)
        })
      ))

    it.effect("fails typed on a mid-stream error frame and on a truncated stream", () =>
      Effect.gen(function*() {
        const audio = yield* Audio
        const frame = yield* Effect.exit(
          Stream.runDrain(audio.speechStream(tts(text), { headers: { "x-zai-sim-fault": "error-frame" } }))
        )
        assert.strictEqual(failureOf(frame)._tag, "InternalServerError")
        const truncated = yield* Effect.exit(
          Stream.runDrain(audio.speechStream(tts(text), { headers: { "x-zai-sim-fault": "truncated-sse" } }))
        )
        assert.strictEqual(failureOf(truncated)._tag, "StreamParseError")
      }))
  })

  describe("transcribe", () => {
    it.effect("uploads multipart (file, model, hotwords[]) and round-trips speech to text", () =>
      Effect.gen(function*() {
        const audio = yield* Audio
        const wav = yield* collect(audio.speech(tts(text, { response_format: "wav" })))
        yield* Simulator.reset
        const result = yield* audio.transcribe({ model: asr, file: wav, hotwords: ["GLM", "Zhipu"], user_id: "user-42" })
        assert.strictEqual(result.text, text)
        assert.strictEqual(result.model, asr)
        assert.isString(result.id)
        const [recorded] = yield* Simulator.requests
        assert.strictEqual(recorded?.method, "POST")
        assert.strictEqual(recorded?.path, "/audio/transcriptions")
        assert.match(recorded?.headers["content-type"] ?? "", /^multipart\/form-data; boundary=/)
        const form = yield* formOf({ headers: recorded?.headers ?? {}, rawBody: recorded?.rawBody ?? "" })
        assert.strictEqual(form.get("model"), asr)
        assert.deepStrictEqual(form.getAll("hotwords[]"), ["GLM", "Zhipu"])
        assert.strictEqual(form.get("user_id"), "user-42")
        assert.isNull(form.get("stream"))
        const file = form.get("file")
        assert.instanceOf(file, File)
        assert.strictEqual(file instanceof File ? file.name : "", "audio.wav")
        assert.strictEqual(file instanceof File ? file.type : "", "audio/wav")
      }))

    it.effect("accepts a Blob, a byte Stream, a path, a Multipart file and file_base64", () =>
      Effect.scoped(
        Effect.gen(function*() {
          const audio = yield* Audio
          const fs = yield* FileSystem.FileSystem
          const wav = yield* collect(audio.speech(tts(text, { response_format: "wav" })))
          const dir = yield* fs.makeTempDirectoryScoped()
          yield* fs.writeFile(`${dir}/station.wav`, wav)
          yield* Simulator.reset
          const texts = [
            (yield* audio.transcribe({ model: asr, file: new Blob([wav.slice()]) })).text,
            (yield* audio.transcribe({ model: asr, file: Stream.make(wav.subarray(0, 100), wav.subarray(100)) })).text,
            (yield* audio.transcribe({ model: asr, file: `${dir}/station.wav` })).text,
            (yield* audio.transcribe({ model: asr, file: Multipart.fromBytes(wav, { filename: "mine.wav" }) })).text,
            (yield* audio.transcribe({ model: asr, file_base64: Buffer.from(wav).toString("base64") })).text
          ]
          assert.deepStrictEqual(texts, Array(5).fill(text))
          const names: Array<string> = []
          for (const recorded of yield* Simulator.requests) {
            const file = (yield* formOf(recorded)).get("file")
            names.push(file instanceof File ? file.name : "-")
          }
          assert.deepStrictEqual(names, ["audio.wav", "audio.wav", "station.wav", "mine.wav", "-"])
        })
      ))

    it.effect("gives other audio a deterministic placeholder that names the hotwords", () =>
      Effect.gen(function*() {
        const audio = yield* Audio
        const mp3 = new Uint8Array([0x49, 0x44, 0x33, 3, 0, 0, ...Array.from({ length: 2000 }, (_, i) => (i * 7) % 256)])
        const first = yield* audio.transcribe({ model: asr, file: mp3, hotwords: ["Zhipu"] })
        const again = yield* audio.transcribe({ model: asr, file: mp3, hotwords: ["Zhipu"] })
        assert.match(first.text ?? "", /^Simulated transcript of mp3 audio [0-9a-f]{8}, about Zhipu: /)
        assert.strictEqual(again.text, first.text)
      }))

    it.effect("transcribeStream sends stream=true and streams deltas that add up to the text", () =>
      Effect.gen(function*() {
        const audio = yield* Audio
        const wav = yield* collect(audio.speech(tts(text, { response_format: "wav" })))
        yield* Simulator.reset
        const chunks = yield* Stream.runCollect(audio.transcribeStream({ model: asr, file: wav, stream: false }))
        assert.isAbove(chunks.length, 2)
        const deltas = chunks.filter((c) => c.type === "transcript.text.delta").map((c) => c.delta ?? "")
        assert.strictEqual(deltas.join(""), text)
        assert.strictEqual(chunks[chunks.length - 1]?.type, "transcript.text.done")
        const [recorded] = yield* Simulator.requests
        assert.strictEqual((yield* formOf(recorded ?? { headers: {}, rawBody: "" })).get("stream"), "true")
      }))
  })

  describe("customize", () => {
    it.effect("uploads the voice sample with flattened fields and answers the text in audio", () =>
      Effect.gen(function*() {
        const audio = yield* Audio
        const sample = yield* collect(audio.speech(tts("This is my voice", { response_format: "wav" })))
        yield* Simulator.reset
        const bytes = yield* collect(
          audio.customize({
            model: "glm-tts",
            input: text,
            voice_text: "This is my voice",
            voice_data: sample,
            response_format: "wav",
            sensitive_word_check: { type: "ALL", status: "DISABLE" }
          })
        )
        assert.strictEqual(Wav.parse(bytes)?.tags.ICMT, text)
        const [recorded] = yield* Simulator.requests
        assert.strictEqual(recorded?.path, "/audio/customization")
        const form = yield* formOf(recorded ?? { headers: {}, rawBody: "" })
        assert.strictEqual(form.get("voice_text"), "This is my voice")
        assert.strictEqual(form.get("sensitive_word_check[type]"), "ALL")
        assert.strictEqual(form.get("sensitive_word_check[status]"), "DISABLE")
        const voice = form.get("voice_data")
        assert.strictEqual(voice instanceof File ? voice.name : "", "voice.wav")
      }))
  })

  describe("validation", () => {
    it.effect("rejects bad input naming the field, before anything is sent", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const audio = yield* Audio
        const tooLong = failureOf(yield* Effect.exit(collect(audio.speech(tts("x".repeat(1025))))))
        assert.strictEqual(tooLong._tag, "InvalidRequestInput")
        assert.include(tooLong.message, "input: expected a value with a length of at most 1024")
        const encode = failureOf(yield* Effect.exit(collect(audio.speech(tts(text, { encode_format: "hex" })))))
        assert.include(encode.message, "encode_format")
        const wavStream = failureOf(yield* Effect.exit(collect(audio.speechStream(tts(text, { response_format: "wav" })))))
        assert.include(wavStream.message, "response_format: expected \"pcm\" when stream is true")
        const speed = failureOf(yield* Effect.exit(collect(audio.speech(tts(text, { speed: 5 })))))
        assert.include(speed.message, "speed: expected a value between 0.5 and 2, got 5")
        const noFile = failureOf(yield* Effect.exit(audio.transcribe({ model: asr })))
        assert.include(noFile.message, "file: missing")
        const twoProblems = failureOf(
          yield* Effect.exit(
            // @ts-expect-error: a number is not audio (a JavaScript caller, or data from outside)
            audio.transcribe({ model: asr, file: 42, user_id: "abc" })
          )
        )
        assert.include(twoProblems.message, "2 problems")
        assert.include(twoProblems.message, "user_id:")
        assert.include(twoProblems.message, "file: expected a path, Uint8Array, Blob, byte Stream or Multipart file, got 42")
        const noSample = failureOf(
          yield* Effect.exit(
            // @ts-expect-error: voice_data is required
            collect(audio.customize({ model: "glm-tts", input: "hi", voice_text: "sample" }))
          )
        )
        assert.include(noSample.message, "voice_data: missing")
        const unknownKey = failureOf(yield* Effect.exit(collect(audio.speech({ ...tts(text), ...JSON.parse("{\"voise\":\"jam\"}") }))))
        assert.include(unknownKey.message, "unknown key \"voise\" (did you mean \"voice\"?)")
        assert.deepStrictEqual(yield* Simulator.requests, [])
      }))

    it.effect("maps API errors to typed ZaiErrors", () =>
      Effect.gen(function*() {
        const audio = yield* Audio
        const voice = failureOf(yield* Effect.exit(collect(audio.speech(tts(text, { voice: "nobody" })))))
        assert.strictEqual(voice._tag, "InvalidRequestError")
        assert.include(voice.message, "voice")
        const model = failureOf(yield* Effect.exit(audio.transcribe({ model: "whisper-1", file: new Uint8Array([1, 2, 3]) })))
        assert.strictEqual(model._tag, "NotFoundError")
        const limited = failureOf(
          yield* Effect.exit(collect(audio.speech(tts(text), { headers: { "x-zai-sim-fault": "rate-limit" } })))
        )
        assert.strictEqual(limited._tag, "RateLimitError")
      }))
  })
})
