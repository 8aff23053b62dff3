/**
 * WAV helpers for generated speech. `pcm` (the API's default format, and the only one of streamed speech) is raw
 * 16-bit little-endian mono samples without a header; `fromPcm` wraps such samples in a WAV header so that any
 * player opens them, and `parse` reads a WAV header (format, duration, `LIST`/`INFO` tags).
 *
 * @since 0.1.0
 */

/**
 * The sample rate assumed for `glm-tts` PCM when none is given (Hz). Check a `wav` answer's header (`parse`) if your
 * account's voices differ.
 *
 * @since 0.1.0
 */
export const defaultSampleRate = 24_000

/**
 * The PCM layout: sample rate (default 24 kHz), channels (default 1) and bits per sample (default 16).
 *
 * @since 0.1.0
 */
export interface PcmFormat {
  readonly sampleRate?: number | undefined
  readonly channels?: number | undefined
  readonly bitsPerSample?: number | undefined
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * Wraps raw PCM samples in a 44-byte WAV (`RIFF`/`WAVE`, `fmt `, `data`) header.
 *
 * @since 0.1.0
 */
export const fromPcm = (pcm: Uint8Array, format: PcmFormat = {}): Uint8Array => {
  const sampleRate = format.sampleRate ?? defaultSampleRate
  const channels = format.channels ?? 1
  const bitsPerSample = format.bitsPerSample ?? 16
  const blockAlign = channels * Math.ceil(bitsPerSample / 8)
  const pad = pcm.length % 2
  const out = new Uint8Array(44 + pcm.length + pad)
  const view = new DataView(out.buffer)
  out.set(encoder.encode("RIFF"), 0)
  view.setUint32(4, 36 + pcm.length + pad, true)
  out.set(encoder.encode("WAVE"), 8)
  out.set(encoder.encode("fmt "), 12)
  view.setUint32(16, 16, true)
  view.setUint16(20, 1, true)
  view.setUint16(22, channels, true)
  view.setUint32(24, sampleRate, true)
  view.setUint32(28, sampleRate * blockAlign, true)
  view.setUint16(32, blockAlign, true)
  view.setUint16(34, bitsPerSample, true)
  out.set(encoder.encode("data"), 36)
  view.setUint32(40, pcm.length, true)
  out.set(pcm, 44)
  return out
}

/**
 * What `parse` reads from a WAV file.
 *
 * @since 0.1.0
 */
export interface WavInfo {
  /** 1 for PCM. */
  readonly audioFormat: number
  readonly sampleRate: number
  readonly channels: number
  readonly bitsPerSample: number
  /** Size of the sample data in bytes. */
  readonly dataLength: number
  /** Duration in seconds (from the data size). */
  readonly durationSeconds: number
  /** The tags of a `LIST`/`INFO` chunk (`INAM`, `ICMT`, `ISFT`, ...), by id. */
  readonly tags: Readonly<Record<string, string>>
}

const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  at + length > bytes.length ? "" : String.fromCharCode(...bytes.subarray(at, at + length))

const readTags = (bytes: Uint8Array, view: DataView, from: number, to: number): Record<string, string> => {
  const tags: Record<string, string> = {}
  let at = from
  while (at + 8 <= to) {
    const id = ascii(bytes, at, 4)
    const length = view.getUint32(at + 4, true)
    const text = bytes.subarray(at + 8, Math.min(to, at + 8 + length))
    const nul = text.indexOf(0)
    tags[id] = decoder.decode(nul === -1 ? text : text.subarray(0, nul))
    at += 8 + length + (length % 2)
  }
  return tags
}

/**
 * Reads the header of a WAV file; `undefined` when the bytes are not a WAV with a `fmt ` chunk.
 *
 * @since 0.1.0
 */
export const parse = (bytes: Uint8Array): WavInfo | undefined => {
  if (ascii(bytes, 0, 4) !== "RIFF" || ascii(bytes, 8, 4) !== "WAVE") return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let format: { audioFormat: number; channels: number; sampleRate: number; bitsPerSample: number } | undefined
  let dataLength = 0
  let tags: Record<string, string> = {}
  let at = 12
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at, 4)
    const size = view.getUint32(at + 4, true)
    const body = at + 8
    if (id === "fmt " && size >= 16 && body + 16 <= bytes.length) {
      format = {
        audioFormat: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true)
      }
    } else if (id === "data") {
      dataLength = Math.min(size, bytes.length - body)
    } else if (id === "LIST" && ascii(bytes, body, 4) === "INFO") {
      tags = { ...tags, ...readTags(bytes, view, body + 4, Math.min(bytes.length, body + size)) }
    }
    at = body + size + (size % 2)
  }
  if (format === undefined) return undefined
  const bytesPerSecond = format.sampleRate * format.channels * Math.ceil(format.bitsPerSample / 8)
  return { ...format, dataLength, durationSeconds: bytesPerSecond === 0 ? 0 : dataLength / bytesPerSecond, tags }
}
