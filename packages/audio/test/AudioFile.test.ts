import { assert, describe, it } from "@effect/vitest"
import { Multipart } from "@zai-kit/transport"
import { Effect, Stream } from "effect"
import { detectFormat, isAudioFile, toFileInput } from "../src/AudioFile.js"
import { fromPcm } from "../src/Wav.js"

const encoder = new TextEncoder()
const wav = fromPcm(new Uint8Array(64))
const mp3 = new Uint8Array([...encoder.encode("ID3"), 3, 0, 0, 0, 0, 0, 0])

describe("AudioFile", () => {
  it("detects containers from their first bytes", () => {
    assert.deepStrictEqual(detectFormat(wav), { extension: "wav", contentType: "audio/wav" })
    assert.strictEqual(detectFormat(mp3)?.extension, "mp3")
    assert.strictEqual(detectFormat(new Uint8Array([0xff, 0xfb, 0x90, 0x00]))?.extension, "mp3")
    assert.strictEqual(detectFormat(encoder.encode("fLaC\0\0\0\0"))?.extension, "flac")
    assert.strictEqual(detectFormat(encoder.encode("OggS\0\0\0\0"))?.extension, "ogg")
    assert.strictEqual(detectFormat(encoder.encode("\0\0\0\x20ftypM4A "))?.extension, "m4a")
    assert.strictEqual(detectFormat(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]))?.extension, "webm")
    assert.isUndefined(detectFormat(new Uint8Array([1, 2, 3, 4, 5])))
    assert.isUndefined(detectFormat(new Uint8Array([])))
  })

  it("recognises every kind of audio input", () => {
    assert.isTrue(isAudioFile("./a.wav"))
    assert.isTrue(isAudioFile(wav))
    assert.isTrue(isAudioFile(new Blob([wav.slice()])))
    assert.isTrue(isAudioFile(Stream.make(wav)))
    assert.isTrue(isAudioFile(Multipart.fromBytes(wav)))
    assert.isFalse(isAudioFile(""))
    assert.isFalse(isAudioFile(42))
    assert.isFalse(isAudioFile({ bytes: wav }))
    assert.isFalse(isAudioFile(null))
  })

  it.effect("names uploads: detected extension, a File's name, a path's own name", () =>
    Effect.gen(function*() {
      const named = (input: Multipart.FileInput) => [input._tag, input.filename, input.contentType]
      assert.deepStrictEqual(named(yield* toFileInput(wav)), ["Bytes", "audio.wav", "audio/wav"])
      assert.deepStrictEqual(named(yield* toFileInput(mp3, "voice")), ["Bytes", "voice.mp3", "audio/mpeg"])
      assert.deepStrictEqual(named(yield* toFileInput(new Uint8Array([1, 2, 3]))), ["Bytes", "audio", "application/octet-stream"])
      assert.deepStrictEqual(named(yield* toFileInput(new Blob([mp3.slice()]))), ["Bytes", "audio.mp3", "audio/mpeg"])
      assert.deepStrictEqual(named(yield* toFileInput(new Blob([new Uint8Array([7])], { type: "audio/pcm" }))), [
        "Bytes",
        "audio",
        "audio/pcm"
      ])
      const file = yield* toFileInput(new File([wav.slice()], "take-2.wav", { type: "audio/wav" }))
      assert.strictEqual(file._tag, "Blob")
      assert.deepStrictEqual(named(yield* toFileInput("/tmp/meeting.mp3")), ["Path", undefined, undefined])
      const streamed = yield* toFileInput(Stream.make(wav.subarray(0, 10), wav.subarray(10)))
      assert.deepStrictEqual(named(streamed), ["Bytes", "audio.wav", "audio/wav"])
      assert.deepStrictEqual(streamed._tag === "Bytes" ? streamed.bytes : undefined, wav)
      const given = Multipart.fromBytes(wav, { filename: "x.bin" })
      assert.strictEqual(yield* toFileInput(given), given)
    }))

  it.effect("a failing stream is a typed error", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(toFileInput(Stream.fail("disk on fire")))
      assert.strictEqual(error._tag, "InvalidRequestError")
      assert.include(error.message, "Reading the audio stream failed")
    }))
})
