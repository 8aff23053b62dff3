import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import {
  maxSpeechInputLength,
  SpeechChunk,
  Transcription,
  TranscriptionChunk,
  validateCustomizationRequest,
  validateSpeechRequest,
  validateTranscriptionRequest
} from "../src/Audio.js"

const decodeJson = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S) =>
  Schema.decodeUnknownEffect(Schema.fromJsonString(schema))

const messageOf = <A, R>(effect: Effect.Effect<A, { readonly message: string }, R>) =>
  Effect.map(Effect.flip(effect), (error) => error.message)

describe("Audio", () => {
  it.effect("accepts a complete speech request", () =>
    Effect.gen(function*() {
      const request = {
        model: "glm-tts",
        input: "你好，世界",
        voice: "tongtong",
        response_format: "wav" as const,
        speed: 1.5,
        volume: 10,
        watermark_enabled: false,
        request_id: "req-1"
      }
      assert.deepStrictEqual(yield* validateSpeechRequest(request), request)
      const streamed = { model: "glm-tts", input: "hi", stream: true, encode_format: "hex" as const, response_format: "pcm" as const }
      assert.deepStrictEqual(yield* validateSpeechRequest(streamed), streamed)
    }))

  it.effect("names the field of every speech problem", () =>
    Effect.gen(function*() {
      const tooLong = yield* messageOf(validateSpeechRequest({ model: "glm-tts", input: "x".repeat(maxSpeechInputLength + 1) }))
      assert.include(tooLong, "input: expected a value with a length of at most 1024")
      assert.include(yield* messageOf(validateSpeechRequest({ model: "glm-tts", input: "" })), "input: expected a value with a length of at least 1")
      assert.include(yield* messageOf(validateSpeechRequest({ model: "glm-tts", input: "a", speed: 3 })), "speed: expected a value between 0.5 and 2, got 3")
      assert.include(yield* messageOf(validateSpeechRequest({ model: "glm-tts", input: "a", volume: 0 })), "volume: expected a value greater than 0, got 0")
      assert.include(yield* messageOf(validateSpeechRequest({ model: "glm-tts", input: "a", volume: 10.5 })), "volume:")
      assert.include(
        yield* messageOf(validateSpeechRequest({ model: "glm-tts", input: "a", response_format: "mp3" })),
        "response_format: expected \"wav\" | \"pcm\", got \"mp3\""
      )
      assert.include(yield* messageOf(validateSpeechRequest({ model: "glm-tts", input: "a", voise: "x" })), "unknown key \"voise\" (did you mean \"voice\"?)")
    }))

  it.effect("checks the stream-only options", () =>
    Effect.gen(function*() {
      const encode = yield* messageOf(validateSpeechRequest({ model: "glm-tts", input: "a", encode_format: "hex" }))
      assert.include(encode, "encode_format: expected no encode_format unless stream is true")
      assert.include(encode, "got \"hex\"")
      const wav = yield* messageOf(validateSpeechRequest({ model: "glm-tts", input: "a", stream: true, response_format: "wav" }))
      assert.include(wav, "response_format: expected \"pcm\" when stream is true")
    }))

  it.effect("validates transcription and customization fields", () =>
    Effect.gen(function*() {
      const fields = { model: "glm-asr-2512", hotwords: ["Zhipu", "GLM"], prompt: "earlier text", user_id: "user-123" }
      assert.deepStrictEqual(yield* validateTranscriptionRequest(fields), fields)
      assert.include(
        yield* messageOf(validateTranscriptionRequest({ model: "glm-asr-2512", hotwords: Array(101).fill("w") })),
        "hotwords: expected a value with a length of at most 100"
      )
      assert.include(yield* messageOf(validateTranscriptionRequest({ model: "glm-asr-2512", user_id: "abc" })), "user_id:")
      assert.include(yield* messageOf(validateTranscriptionRequest({ hotwords: [] })), "model: missing")
      assert.include(yield* messageOf(validateCustomizationRequest({ model: "glm-tts", input: "hi" })), "voice_text: missing")
    }))

  it.effect("decodes answers leniently: unknown fields kept, nulls accepted", () =>
    Effect.gen(function*() {
      const transcription = yield* decodeJson(Transcription)(
        "{\"id\":\"t1\",\"created\":1735700000,\"request_id\":null,\"model\":\"glm-asr-2512\",\"text\":\"hello\",\"language\":\"en\"}"
      )
      assert.deepStrictEqual<unknown>(transcription, {
        id: "t1",
        created: 1735700000,
        request_id: null,
        model: "glm-asr-2512",
        text: "hello",
        language: "en"
      })
      const chunk = yield* decodeJson(TranscriptionChunk)("{\"type\":\"transcript.text.delta\",\"delta\":\"he\",\"seq\":1}")
      assert.strictEqual(chunk.delta, "he")
      const speech = yield* decodeJson(SpeechChunk)(
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"AAA=\",\"role\":null},\"finish_reason\":null,\"x\":1}],\"created\":1,\"error\":null}"
      )
      assert.strictEqual(speech.choices?.[0]?.delta?.content, "AAA=")
      assert.isNull(speech.error)
    }))
})
