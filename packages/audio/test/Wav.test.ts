import { assert, describe, it } from "@effect/vitest"
import { fromPcm, parse } from "../src/Wav.js"

describe("Wav", () => {
  it("wraps PCM in a 44-byte header that parse reads back", () => {
    const pcm = new Uint8Array(48_000).map((_, i) => i % 251)
    const wav = fromPcm(pcm)
    assert.strictEqual(wav.length, 44 + pcm.length)
    assert.strictEqual(String.fromCharCode(...wav.subarray(0, 4)), "RIFF")
    assert.deepStrictEqual(parse(wav), {
      audioFormat: 1,
      sampleRate: 24_000,
      channels: 1,
      bitsPerSample: 16,
      dataLength: pcm.length,
      durationSeconds: 1,
      tags: {}
    })
    assert.deepStrictEqual(wav.subarray(44), pcm)
    const stereo = parse(fromPcm(pcm, { sampleRate: 16_000, channels: 2 }))
    assert.strictEqual(stereo?.durationSeconds, 0.75)
  })

  it("reads LIST/INFO tags and skips unknown chunks", () => {
    const encoder = new TextEncoder()
    const chunk = (id: string, body: Uint8Array) => {
      const out = new Uint8Array(8 + body.length + (body.length % 2))
      out.set(encoder.encode(id), 0)
      new DataView(out.buffer).setUint32(4, body.length, true)
      out.set(body, 8)
      return out
    }
    const base = fromPcm(new Uint8Array([1, 0, 2, 0]))
    const info = chunk("LIST", new Uint8Array([...encoder.encode("INFO"), ...chunk("ICMT", encoder.encode("你好\0")), ...chunk("ISFT", encoder.encode("x\0"))]))
    const odd = chunk("junk", new Uint8Array([9, 9, 9]))
    const wav = new Uint8Array([...base.subarray(0, 36), ...odd, ...info, ...base.subarray(36)])
    const parsed = parse(wav)
    assert.deepStrictEqual(parsed?.tags, { ICMT: "你好", ISFT: "x" })
    assert.strictEqual(parsed?.dataLength, 4)
  })

  it("rejects anything that is not a WAV", () => {
    assert.isUndefined(parse(new Uint8Array([1, 2, 3])))
    assert.isUndefined(parse(new TextEncoder().encode("RIFF\0\0\0\0WAVE")))
    assert.isUndefined(parse(new TextEncoder().encode("ID3 not a wav at all")))
  })
})
