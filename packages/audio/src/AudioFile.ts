/**
 * Audio given to an upload (`transcribe`, `customize`): a file path, bytes, a `Blob`/`File`, a byte `Stream`, or a
 * transport `Multipart.FileInput`. The file name and content type sent with the part are inferred: from the path's
 * extension, from a `File`'s name, else by sniffing the bytes (`RIFF…WAVE` → `audio.wav`, `ID3`/MPEG frame sync →
 * `audio.mp3`, …).
 *
 * Paths are read by the transport when the request is built, which needs a `FileSystem` (the undici layer of
 * `@zai-kit/transport/node` brings Node's); bytes, blobs and streams work everywhere.
 *
 * @since 0.1.0
 */
import { Multipart, ZaiError } from "@zai-kit/transport"
import { Effect, Stream } from "effect"

/**
 * Audio to upload: a path, bytes, a `Blob`/`File`, a byte stream, or a `Multipart.FileInput` (to set the file name
 * and type yourself).
 *
 * @since 0.1.0
 */
export type AudioFile = string | Uint8Array | Blob | Stream.Stream<Uint8Array, unknown> | Multipart.FileInput

/**
 * A detected audio container: file extension and content type.
 *
 * @since 0.1.0
 */
export interface DetectedFormat {
  readonly extension: "wav" | "mp3" | "flac" | "ogg" | "m4a" | "webm"
  readonly contentType: string
}

const ascii = (bytes: Uint8Array, from: number, to: number): string => String.fromCharCode(...bytes.subarray(from, to))

/**
 * The container of audio bytes, from their first bytes (WAV, MP3, FLAC, Ogg, MP4/M4A, WebM); `undefined` when unknown
 * (raw PCM, for instance).
 *
 * @since 0.1.0
 */
export const detectFormat = (bytes: Uint8Array): DetectedFormat | undefined => {
  if (bytes.length < 4) return undefined
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WAVE") return { extension: "wav", contentType: "audio/wav" }
  if (ascii(bytes, 0, 3) === "ID3" || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) {
    return { extension: "mp3", contentType: "audio/mpeg" }
  }
  if (ascii(bytes, 0, 4) === "fLaC") return { extension: "flac", contentType: "audio/flac" }
  if (ascii(bytes, 0, 4) === "OggS") return { extension: "ogg", contentType: "audio/ogg" }
  if (ascii(bytes, 4, 8) === "ftyp") return { extension: "m4a", contentType: "audio/mp4" }
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) {
    return { extension: "webm", contentType: "audio/webm" }
  }
  return undefined
}

const isBlob = (u: unknown): u is Blob => typeof Blob !== "undefined" && u instanceof Blob

/**
 * Whether a value is an `AudioFile` (a non-empty path string, bytes, a `Blob`, a `Stream` or a `Multipart.FileInput`).
 *
 * @since 0.1.0
 */
export const isAudioFile = (u: unknown): u is AudioFile =>
  (typeof u === "string" && u.length > 0) || u instanceof Uint8Array || isBlob(u) || Stream.isStream(u) || Multipart.isFileInput(u)

const uploadError = (text: string) =>
  new ZaiError.InvalidRequestError({ message: text, serverMessage: text, isRetryable: false, attempts: 0 })

const fromBytes = (bytes: Uint8Array, name: string, type: string | undefined): Multipart.FileInput => {
  const format = detectFormat(bytes)
  if (format !== undefined) return Multipart.fromBytes(bytes, { filename: `${name}.${format.extension}`, contentType: format.contentType })
  return Multipart.fromBytes(bytes, { filename: name, contentType: type ?? "application/octet-stream" })
}

/**
 * Turns an `AudioFile` into the transport's `Multipart.FileInput`, naming it (`name` plus the detected extension,
 * default `audio`) unless a path or a `File` already gives a name. A stream is read here; a failing stream or blob
 * fails with `InvalidRequestError` (nothing is sent).
 *
 * @since 0.1.0
 */
export const toFileInput = (file: AudioFile, name = "audio"): Effect.Effect<Multipart.FileInput, ZaiError.InvalidRequestError> => {
  if (typeof file === "string") return Effect.succeed(Multipart.fromPath(file))
  if (file instanceof Uint8Array) return Effect.succeed(fromBytes(file, name, undefined))
  if (Multipart.isFileInput(file)) return Effect.succeed(file)
  if (isBlob(file)) {
    if (typeof File !== "undefined" && file instanceof File && file.name !== "") return Effect.succeed(Multipart.fromBlob(file))
    return Effect.tryPromise({
      try: () => file.arrayBuffer(),
      catch: () => uploadError("Reading the audio Blob failed")
    }).pipe(Effect.map((buffer) => fromBytes(new Uint8Array(buffer), name, file.type === "" ? undefined : file.type)))
  }
  return Stream.mkUint8Array(file).pipe(
    Effect.mapError(() => uploadError("Reading the audio stream failed")),
    Effect.map((bytes) => fromBytes(bytes, name, undefined))
  )
}
