import { assert, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { Effect, Stream } from "effect"
import { Audio } from "../src/Audio.js"
import { Voices } from "../src/Voices.js"
import * as Wav from "../src/Wav.js"
import { layer as audioLayer, failureOf } from "./utils.js"

const clone = { model: "glm-tts-clone", voice_name: "narrator", input: "A preview in my voice", file_id: "file-sample-1", text: "The sample" }

layer(audioLayer())("Voices", (it) => {
  it.effect("clone → list → speak with it → delete → gone", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const voices = yield* Voices
      const audio = yield* Audio
      const official = yield* voices.list()
      assert.includeMembers((official.voice_list ?? []).map((v) => v.voice), ["tongtong", "chuichui", "xiaochen"])
      assert.isTrue((official.voice_list ?? []).every((v) => v.voice_type === "OFFICIAL"))

      const created = yield* voices.clone(clone)
      assert.match(created.voice ?? "", /^voice_clone_/)
      assert.strictEqual(created.file_purpose, "voice-clone-output")
      assert.isString(created.file_id)
      const voice = created.voice ?? ""

      const mine = yield* voices.list({ voice_type: "PRIVATE", voice_name: "narr" })
      assert.deepStrictEqual((mine.voice_list ?? []).map((v) => [v.voice, v.voice_name, v.voice_type]), [[voice, "narrator", "PRIVATE"]])
      assert.match(String(mine.voice_list?.[0]?.create_time), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)

      const spoken = yield* Stream.mkUint8Array(audio.speech({ model: "glm-tts", input: "Hello", voice, response_format: "wav" }))
      assert.strictEqual(Wav.parse(spoken)?.tags.IART, voice)

      const deleted = yield* voices.delete(voice)
      assert.strictEqual(deleted.voice, voice)
      assert.isString(deleted.update_time)
      const after = yield* voices.list({ voice_type: "PRIVATE" })
      assert.deepStrictEqual(after.voice_list, [])
      const again = failureOf(yield* Effect.exit(voices.delete({ voice })))
      assert.strictEqual(again._tag, "NotFoundError")
      const gone = failureOf(yield* Effect.exit(Stream.runDrain(audio.speech({ model: "glm-tts", input: "Hello", voice }))))
      assert.strictEqual(gone._tag, "InvalidRequestError")

      const requests = yield* Simulator.requests
      assert.deepStrictEqual(
        requests.map((r) => `${r.method} ${r.path}`),
        [
          "GET /voice/list",
          "POST /voice/clone",
          "GET /voice/list",
          "POST /audio/speech",
          "POST /voice/delete",
          "GET /voice/list",
          "POST /voice/delete",
          "POST /audio/speech"
        ]
      )
      assert.deepStrictEqual(requests[1]?.body, clone)
      assert.strictEqual(requests[1]?.headers["content-type"], "application/json")
      assert.deepStrictEqual(requests[2]?.query, { voiceType: "PRIVATE", voiceName: "narr" })
      assert.deepStrictEqual(requests[4]?.body, { voice })
    }))

  it.effect("sends a list request id as query parameter and Request-Id header", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const voices = yield* Voices
      yield* voices.list({}, { requestId: "req-voices-1" })
      const [recorded] = yield* Simulator.requests
      assert.deepStrictEqual(recorded?.query, { request_id: "req-voices-1" })
      assert.strictEqual(recorded?.headers["request-id"], "req-voices-1")
    }))

  it.effect("rejects bad input naming the field, before anything is sent; the simulator rejects duplicates", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const voices = yield* Voices
      const { file_id: _, ...withoutFile } = clone
      // @ts-expect-error: file_id is required
      const missing = failureOf(yield* Effect.exit(voices.clone(withoutFile)))
      assert.strictEqual(missing._tag, "InvalidRequestInput")
      assert.include(missing.message, "file_id: missing")
      const empty = failureOf(yield* Effect.exit(voices.delete("")))
      assert.include(empty.message, "voice:")
      // @ts-expect-error: the list filter is snake_case in the SDK (the wire's camelCase is the SDK's job)
      const camel = failureOf(yield* Effect.exit(voices.list({ voiceType: "PRIVATE" })))
      assert.include(camel.message, "unknown key \"voiceType\"")
      assert.deepStrictEqual(yield* Simulator.requests, [])
      yield* voices.clone({ ...clone, voice_name: "twin" })
      const duplicate = failureOf(yield* Effect.exit(voices.clone({ ...clone, voice_name: "twin" })))
      assert.strictEqual(duplicate._tag, "InvalidRequestError")
      assert.include(duplicate.message, "voice_name")
      const official = failureOf(yield* Effect.exit(voices.delete("tongtong")))
      assert.strictEqual(official._tag, "InvalidRequestError")
    }))
})
