/**
 * WAV (RIFF, 16-bit PCM) for the simulator's audio routes: tone sequences derived from a text, a WAV writer that
 * can embed the text in a `LIST`/`INFO` chunk, and a reader that gets it back (so speech → transcription
 * round-trips offline).
 * @internal
 */
import { fnv1a, rng as makeRng } from "../hash.js"

/** Sample rate of generated speech (Hz). */
export const sampleRate = 24_000

/** Milliseconds of audio per character of text, at speed 1. */
export const msPerCharacter = 40

/** The `ISFT` tag of every WAV the simulator writes: its `ICMT` holds the spoken text. */
export const software = "zai-kit simulator"

const encoder = new TextEncoder()
const decoder = new TextDecoder()

// A pentatonic scale over two octaves (A3 to A5), in Hz.
const scale = [220, 247, 277, 330, 370, 440, 494, 554, 659, 740, 880]

/** Options of {@link tones}. */
export interface ToneOptions {
  /** Mixed into the hash. */
  readonly seed: string
  /** Speaking rate, [0.5, 2]: duration is divided by it. */
  readonly speed: number
  /** Volume, (0, 10]: amplitude is 0.25 × volume, at most 0.9 of full scale. */
  readonly volume: number
}

/**
 * Mono 16-bit samples of a tone sequence for a text: one note per group of four characters, its pitch picked from
 * the text's hash, 40 ms per character at speed 1 (at least 200 ms), with short fades against clicks.
 */
export const tones = (text: string, options: ToneOptions): Int16Array => {
  const characters = [...text]
  const seconds = Math.max(0.2, (characters.length * msPerCharacter) / 1000 / options.speed)
  const total = Math.round(seconds * sampleRate)
  const samples = new Int16Array(total)
  const groups = Math.max(1, Math.ceil(characters.length / 4))
  const noteLength = Math.ceil(total / groups)
  const fade = Math.min(Math.floor(noteLength / 4), Math.round(sampleRate * 0.005))
  const amplitude = Math.min(0.9, 0.25 * options.volume) * 32767
  const random = makeRng(fnv1a(`${options.seed}\u0000${text}`))
  for (let g = 0; g < groups; g++) {
    const group = characters.slice(g * 4, g * 4 + 4).join("")
    const frequency = scale[(fnv1a(group) + random.int(scale.length)) % scale.length] ?? 440
    const start = g * noteLength
    const end = Math.min(total, start + noteLength)
    for (let i = start; i < end; i++) {
      const t = (i - start) / sampleRate
      const position = i - start
      const envelope = Math.min(1, position / Math.max(1, fade), (end - 1 - i) / Math.max(1, fade))
      samples[i] = Math.round(Math.sin(2 * Math.PI * frequency * t) * amplitude * Math.max(0, envelope))
    }
  }
  return samples
}

/** Raw little-endian bytes of 16-bit samples (the `pcm` format). */
export const pcmBytes = (samples: Int16Array): Uint8Array => {
  const out = new Uint8Array(samples.length * 2)
  const view = new DataView(out.buffer)
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i] ?? 0, true)
  return out
}

/** A tag of the `LIST`/`INFO` chunk: a four-character id (`ICMT`, `ISFT`, `INAM`, ...) and its text. */
export type InfoTag = readonly [id: string, value: string]

const infoChunk = (tags: ReadonlyArray<InfoTag>): Uint8Array => {
  const entries = tags.map(([id, value]) => {
    const text = encoder.encode(value)
    const size = text.length + 1 // NUL-terminated
    const entry = new Uint8Array(8 + size + (size % 2))
    entry.set(encoder.encode(id.padEnd(4, " ").slice(0, 4)), 0)
    new DataView(entry.buffer).setUint32(4, size, true)
    entry.set(text, 8)
    return entry
  })
  const body = 4 + entries.reduce((n, e) => n + e.length, 0)
  const chunk = new Uint8Array(8 + body)
  const view = new DataView(chunk.buffer)
  chunk.set(encoder.encode("LIST"), 0)
  view.setUint32(4, body, true)
  chunk.set(encoder.encode("INFO"), 8)
  let at = 12
  for (const entry of entries) {
    chunk.set(entry, at)
    at += entry.length
  }
  return chunk
}

/** A WAV file: `RIFF`/`WAVE`, a PCM `fmt ` chunk (16-bit, mono), an optional `LIST`/`INFO` chunk, then `data`. */
export const encode = (pcm: Uint8Array, info: ReadonlyArray<InfoTag> = [], rate: number = sampleRate): Uint8Array => {
  const list = info.length === 0 ? new Uint8Array(0) : infoChunk(info)
  const dataPad = pcm.length % 2
  const size = 4 + (8 + 16) + list.length + (8 + pcm.length + dataPad)
  const out = new Uint8Array(8 + size)
  const view = new DataView(out.buffer)
  out.set(encoder.encode("RIFF"), 0)
  view.setUint32(4, size, true)
  out.set(encoder.encode("WAVE"), 8)
  out.set(encoder.encode("fmt "), 12)
  view.setUint32(16, 16, true)
  view.setUint16(20, 1, true) // PCM
  view.setUint16(22, 1, true) // mono
  view.setUint32(24, rate, true)
  view.setUint32(28, rate * 2, true) // byte rate
  view.setUint16(32, 2, true) // block align
  view.setUint16(34, 16, true) // bits per sample
  out.set(list, 36)
  const data = 36 + list.length
  out.set(encoder.encode("data"), data)
  view.setUint32(data + 4, pcm.length, true)
  out.set(pcm, data + 8)
  return out
}

/** What {@link parse} finds in a WAV file. */
export interface Parsed {
  readonly sampleRate: number
  readonly channels: number
  readonly bitsPerSample: number
  /** Bytes of the `data` chunk. */
  readonly dataLength: number
  /** Tags of the `LIST`/`INFO` chunk, by id. */
  readonly info: Readonly<Record<string, string>>
}

const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  at + length > bytes.length ? "" : String.fromCharCode(...bytes.subarray(at, at + length))

/** Reads the header, `data` size and `INFO` tags of a WAV file; `undefined` for anything else. */
export const parse = (bytes: Uint8Array): Parsed | undefined => {
  if (ascii(bytes, 0, 4) !== "RIFF" || ascii(bytes, 8, 4) !== "WAVE") return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let format: { sampleRate: number; channels: number; bitsPerSample: number } | undefined
  let dataLength = 0
  const info: Record<string, string> = {}
  let at = 12
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at, 4)
    const size = view.getUint32(at + 4, true)
    const body = at + 8
    if (id === "fmt " && size >= 16 && body + 16 <= bytes.length) {
      format = {
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true)
      }
    } else if (id === "data") {
      dataLength = Math.min(size, bytes.length - body)
    } else if (id === "LIST" && ascii(bytes, body, 4) === "INFO") {
      let entry = body + 4
      const end = Math.min(bytes.length, body + size)
      while (entry + 8 <= end) {
        const tag = ascii(bytes, entry, 4)
        const length = view.getUint32(entry + 4, true)
        const text = bytes.subarray(entry + 8, Math.min(end, entry + 8 + length))
        const nul = text.indexOf(0)
        info[tag] = decoder.decode(nul === -1 ? text : text.subarray(0, nul))
        entry += 8 + length + (length % 2)
      }
    }
    at = body + size + (size % 2)
  }
  return format === undefined ? undefined : { ...format, dataLength, info }
}
