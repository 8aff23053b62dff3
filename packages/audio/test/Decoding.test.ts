/**
 * Hand-written answers through a canned `HttpClient`: unknown fields and nulls are tolerated, audio bytes arrive
 * untouched, a JSON body where audio was expected fails typed; and the exact requests (multipart parts, JSON).
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Stream } from "effect"
import { Audio } from "../src/Audio.js"
import { Voices } from "../src/Voices.js"
import { cannedClient, failureOf, type Sent } from "./utils.js"

const run = <A, E>(
  effect: Effect.Effect<A, E, Audio | Voices>,
  answer: Parameters<typeof cannedClient>[0],
  sent: Sent = []
) => effect.pipe(Effect.provide(Layer.mergeAll(Audio.layer, Voices.layer).pipe(Layer.provide(cannedClient(answer, sent)))))

const json = (body: unknown) => ({ headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
const sse = (...frames: ReadonlyArray<string>) => ({
  headers: { "content-type": "text/event-stream" },
  body: `${frames.map((f) => `data: ${f}\n\n`).join("")}data: [DONE]\n\n`
})

describe("Audio decoding", () => {
  it.effect("a transcription with unknown fields and nulls, from an exact multipart request", () =>
    Effect.gen(function*() {
      const sent: Sent = []
      const wav = new Uint8Array([...new TextEncoder().encode("RIFF\0\0\0\0WAVEfmt "), 1, 2, 3])
      const result = yield* run(
        Audio.use((audio) => audio.transcribe({ model: "glm-asr-2512", file: wav, prompt: "context", hotwords: ["a", "b"] })),
        json({ id: "asr-1", created: null, request_id: null, model: "glm-asr-2512", text: "hello", language: "en", segments: [{ start: 0 }] }),
        sent
      )
      assert.deepStrictEqual<unknown>(result, {
        id: "asr-1",
        created: null,
        request_id: null,
        model: "glm-asr-2512",
        text: "hello",
        language: "en",
        segments: [{ start: 0 }]
      })
      const [request] = sent.map((s) => s.request)
      assert.strictEqual(request?.method, "POST")
      assert.strictEqual(request?.url, "https://api.test/api/paas/v4/audio/transcriptions")
      assert.strictEqual(request?.headers.authorization, "Bearer test-key")
      const body = request?.body
      // transport builds the multipart bytes itself (byte-exact text fields); parse them back
      assert.strictEqual(body?._tag, "Uint8Array")
      const contentType = body?._tag === "Uint8Array" ? body.contentType : ""
      assert.match(contentType, /^multipart\/form-data; boundary=/)
      const bytes = body?._tag === "Uint8Array" ? body.body.slice() : new Uint8Array()
      const form = yield* Effect.promise(() => new Response(bytes, { headers: { "content-type": contentType } }).formData())
      assert.deepStrictEqual([...form.keys()], ["model", "prompt", "hotwords[]", "hotwords[]", "file"])
      const file = form.get("file")
      assert.instanceOf(file, File)
      if (file instanceof File) {
        assert.strictEqual(file.name, "audio.wav")
        assert.strictEqual(file.type, "audio/wav")
        assert.deepStrictEqual(new Uint8Array(yield* Effect.promise(() => file.arrayBuffer())), wav)
      }
    }))

  it.effect("transcription chunks with nulls and unknown fields", () =>
    Effect.gen(function*() {
      const chunks = yield* run(
        Stream.runCollect(Audio.use((audio) => Effect.succeed(audio.transcribeStream({ model: "glm-asr-2512", file_base64: "AAAA" }))).pipe(Stream.unwrap)),
        sse(
          "{\"id\":\"a\",\"created\":1,\"model\":null,\"type\":\"transcript.text.delta\",\"delta\":\"hel\",\"seq\":0}",
          "{\"type\":\"transcript.text.delta\",\"delta\":\"lo\"}",
          "{\"type\":\"transcript.text.done\",\"delta\":null,\"text\":\"hello\"}"
        )
      )
      assert.deepStrictEqual(chunks.map((c) => c.delta), ["hel", "lo", null])
      assert.strictEqual(chunks[0]?.seq, 0)
      assert.strictEqual(chunks[2]?.text, "hello")
    }))

  it.effect("speech bytes arrive untouched; a JSON body instead of audio fails typed", () =>
    Effect.gen(function*() {
      const sent: Sent = []
      const audioBytes = new Uint8Array([0, 1, 2, 250, 255, 128])
      const bytes = yield* run(
        Stream.mkUint8Array(Stream.unwrap(Audio.use((audio) => Effect.succeed(audio.speech({ model: "glm-tts", input: "hi", voice: "jam" }))))),
        { headers: { "content-type": "audio/pcm" }, body: audioBytes },
        sent
      )
      assert.deepStrictEqual(bytes, audioBytes)
      const body = sent[0]?.request.body
      assert.strictEqual(body?._tag, "Uint8Array")
      assert.deepStrictEqual(JSON.parse(body?._tag === "Uint8Array" ? new TextDecoder().decode(body.body) : "null"), {
        model: "glm-tts",
        input: "hi",
        voice: "jam"
      })
      const error = failureOf(
        yield* Effect.exit(
          run(
            Stream.runDrain(Stream.unwrap(Audio.use((audio) => Effect.succeed(audio.speech({ model: "glm-tts", input: "hi" }))))),
            json({ error: { code: "1214", message: "voice invalid" } })
          )
        )
      )
      assert.strictEqual(error._tag, "ResponseDecodeError")
      assert.include(error.message, "Expected audio")
      assert.include(error._tag === "ResponseDecodeError" ? error.raw ?? "" : "", "voice invalid")
    }))

  it.effect("speech chunks with nulls decode to their audio; an undecodable chunk fails typed", () =>
    Effect.gen(function*() {
      const speechStream = Stream.unwrap(Audio.use((audio) => Effect.succeed(audio.speechStream({ model: "glm-tts", input: "hi" }))))
      const bytes = yield* run(
        Stream.mkUint8Array(speechStream),
        sse(
          "{\"choices\":[{\"index\":0,\"delta\":{\"role\":null,\"content\":\"AQID\"},\"finish_reason\":null,\"x\":1}],\"created\":1,\"error\":null}",
          "{\"choices\":null,\"request_id\":null}",
          "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"BAU=\"}},{\"delta\":null}]}",
          "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\"}]}"
        )
      )
      assert.deepStrictEqual(bytes, new Uint8Array([1, 2, 3, 4, 5]))
      const bad = failureOf(
        yield* Effect.exit(run(Stream.runDrain(speechStream), sse("{\"choices\":[{\"delta\":{\"content\":\"not*base64\"}}]}")))
      )
      assert.strictEqual(bad._tag, "ResponseDecodeError")
      const frame = failureOf(
        yield* Effect.exit(run(Stream.runDrain(speechStream), sse("{\"error\":{\"code\":\"1301\",\"message\":\"unsafe\"}}")))
      )
      assert.strictEqual(frame._tag, "ContentFilterError")
    }))

  it.effect("a voice list with nulls and unknown fields, queried in camelCase", () =>
    Effect.gen(function*() {
      const sent: Sent = []
      const list = yield* run(
        Voices.use((voices) => voices.list({ voice_type: "PRIVATE", voice_name: "nar", request_id: "req-list-1" })),
        json({
          voice_list: [{ voice: "v1", voice_name: "narrator", voice_type: "PRIVATE", download_url: null, create_time: "2026-01-01 10:00:00", tag: "x" }],
          total: 1
        }),
        sent
      )
      assert.strictEqual(list.voice_list?.[0]?.voice, "v1")
      assert.isNull(list.voice_list?.[0]?.download_url)
      assert.strictEqual(list.total, 1)
      const [request] = sent.map((s) => s.request)
      assert.strictEqual(request?.method, "GET")
      const url = new URL(request?.url ?? "")
      assert.strictEqual(url.pathname, "/api/paas/v4/voice/list")
      assert.deepStrictEqual(Object.fromEntries(request?.urlParams ?? []), {
        voiceType: "PRIVATE",
        voiceName: "nar",
        request_id: "req-list-1"
      })
      assert.strictEqual(request?.headers["request-id"], "req-list-1")
    }))
})
