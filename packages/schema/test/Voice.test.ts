import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import {
  toListQuery,
  validateVoiceCloneRequest,
  validateVoiceDeleteRequest,
  validateVoiceListRequest,
  VoiceCloneResult,
  VoiceDeleteResult,
  VoiceList
} from "../src/Voice.js"

const decodeJson = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S) =>
  Schema.decodeUnknownEffect(Schema.fromJsonString(schema))

describe("Voice", () => {
  it.effect("validates clone, delete and list requests naming the field", () =>
    Effect.gen(function*() {
      const clone = { model: "glm-tts-clone", voice_name: "narrator", input: "Preview text", file_id: "file-1", text: "Sample" }
      assert.deepStrictEqual(yield* validateVoiceCloneRequest(clone), clone)
      const missing = yield* Effect.flip(validateVoiceCloneRequest({ model: "glm-tts-clone", voice_name: "n", input: "p" }))
      assert.include(missing.message, "file_id: missing")
      const emptyName = yield* Effect.flip(validateVoiceCloneRequest({ ...clone, voice_name: "" }))
      assert.include(emptyName.message, "voice_name:")
      const oldNames = yield* Effect.flip(validateVoiceCloneRequest({ ...clone, voice_text_input: "x" }))
      assert.include(oldNames.message, "unknown key \"voice_text_input\"")
      assert.deepStrictEqual(yield* validateVoiceDeleteRequest({ voice: "v1" }), { voice: "v1" })
      const badDelete = yield* Effect.flip(validateVoiceDeleteRequest({ voice_id: "v1" }))
      assert.include(badDelete.message, "voice: missing")
      const badList = yield* Effect.flip(validateVoiceListRequest({ voiceType: "PRIVATE" }))
      assert.include(badList.message, "unknown key \"voiceType\"")
    }))

  it("renames the list filters to the camelCase query", () => {
    assert.deepStrictEqual(toListQuery({ voice_type: "PRIVATE", voice_name: "nar", request_id: "r1" }), {
      voiceType: "PRIVATE",
      voiceName: "nar",
      request_id: "r1"
    })
    assert.deepStrictEqual(toListQuery({}), {})
  })

  it.effect("decodes answers leniently", () =>
    Effect.gen(function*() {
      const cloned = yield* decodeJson(VoiceCloneResult)("{\"voice\":\"v1\",\"file_id\":null,\"file_purpose\":\"voice-clone-output\",\"x\":1}")
      assert.deepStrictEqual<unknown>(cloned, { voice: "v1", file_id: null, file_purpose: "voice-clone-output", x: 1 })
      const deleted = yield* decodeJson(VoiceDeleteResult)("{\"voice\":\"v1\",\"update_time\":\"2026-01-01 10:00:00\"}")
      assert.strictEqual(deleted.update_time, "2026-01-01 10:00:00")
      const list = yield* decodeJson(VoiceList)(
        "{\"voice_list\":[{\"voice\":\"tongtong\",\"voice_name\":\"彤彤\",\"voice_type\":\"OFFICIAL\",\"download_url\":null,\"create_time\":1735700000,\"lang\":\"zh\"}]}"
      )
      assert.strictEqual(list.voice_list?.[0]?.voice_type, "OFFICIAL")
      assert.strictEqual(list.voice_list?.[0]?.create_time, 1735700000)
      const empty = yield* decodeJson(VoiceList)("{\"voice_list\":null}")
      assert.isNull(empty.voice_list)
    }))
})
