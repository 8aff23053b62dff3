/**
 * File inputs of the document operations: turning a path, bytes, a `Blob`, a byte stream or a `Multipart.FileInput`
 * into a named, typed upload (sniffing the type of unnamed bytes), reading it into memory when base64 is needed,
 * and inferring the parser's `file_type`.
 * @internal
 */
import type { InputValidation } from "@zai-kit/schema"
import { Multipart, ZaiError } from "@zai-kit/transport"
import { Effect, type FileSystem, Option, Result, Stream } from "effect"

/** Anything that can be uploaded: a path, bytes, a `Blob`/`File`, a byte stream, or a `Multipart.FileInput`. */
export type FileLike = string | Uint8Array | Blob | Stream.Stream<Uint8Array, unknown> | Multipart.FileInput

const isBlob = (u: unknown): u is Blob => typeof Blob !== "undefined" && u instanceof Blob

/** Whether a value is a `FileLike`. */
export const isFileLike = (u: unknown): u is FileLike =>
  typeof u === "string" || u instanceof Uint8Array || isBlob(u) || Stream.isStream(u) || Multipart.isFileInput(u)

const show = (u: unknown): string =>
  u === null ? "null" : Array.isArray(u) ? "an array" : typeof u === "object" ? "an object" : typeof u === "string" ? JSON.stringify(u) : String(u)

/** A `file` field as a `FileLike`, or the issue naming what was expected. */
export const checkFile = (
  value: unknown,
  expected = "a path, Uint8Array, Blob, byte Stream or Multipart.FileInput"
): Result.Result<FileLike, InputValidation.InputIssue> => {
  if (value === undefined) return Result.fail({ path: "file", message: "missing (required)" })
  if (typeof value === "string" && value.trim() === "") return Result.fail({ path: "file", message: `expected ${expected}, got ""` })
  return isFileLike(value) ? Result.succeed(value) : Result.fail({ path: "file", message: `expected ${expected}, got ${show(value)}` })
}

/** As a `Multipart.FileInput` (a string is a path). */
export const toFileInput = (file: FileLike): Multipart.FileInput => {
  if (typeof file === "string") return Multipart.fromPath(file)
  if (file instanceof Uint8Array) return Multipart.fromBytes(file)
  if (isBlob(file)) return Multipart.fromBlob(file)
  if (Multipart.isFileInput(file)) return file
  return Multipart.fromStream(file)
}

const basename = (path: string): string => path.replace(/^.*[/\\]/s, "")

/** The name a file input will be sent under, when it is known without reading it. */
export const knownName = (input: Multipart.FileInput): string | undefined => {
  if (input.filename !== undefined) return input.filename
  if (input._tag === "Path") return basename(input.path)
  if (input._tag === "Blob" && typeof File !== "undefined" && input.blob instanceof File && input.blob.name !== "") return input.blob.name
  return undefined
}

/** A file type recognised from the first bytes. */
export interface Sniffed {
  readonly extension: string
  readonly contentType: string
}

const startsWith = (bytes: Uint8Array, signature: ReadonlyArray<number>, offset = 0): boolean =>
  signature.every((b, i) => bytes[offset + i] === b)

const ascii = (text: string): ReadonlyArray<number> => Array.from(text, (c) => c.charCodeAt(0))

/** Recognises PDF, PNG, JPEG, GIF, BMP, WEBP, TIFF and plain text from their first bytes. */
export const sniff = (bytes: Uint8Array): Sniffed | undefined => {
  if (startsWith(bytes, ascii("%PDF-"))) return { extension: "pdf", contentType: "application/pdf" }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return { extension: "png", contentType: "image/png" }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { extension: "jpg", contentType: "image/jpeg" }
  if (startsWith(bytes, ascii("GIF8"))) return { extension: "gif", contentType: "image/gif" }
  if (startsWith(bytes, ascii("BM"))) return { extension: "bmp", contentType: "image/bmp" }
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return { extension: "webp", contentType: "image/webp" }
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { extension: "tiff", contentType: "image/tiff" }
  }
  const head = bytes.subarray(0, 4096)
  if (head.length > 0 && head.every((b) => b === 9 || b === 10 || b === 12 || b === 13 || b >= 32)) {
    return { extension: "txt", contentType: "text/plain" }
  }
  return undefined
}

const invalid = (text: string) => new ZaiError.InvalidRequestError({ message: text, serverMessage: text, isRetryable: false, attempts: 0 })

/** A file read into memory, with its name and content type. */
export interface Loaded {
  readonly bytes: Uint8Array
  readonly filename: string
  readonly contentType: string
}

/**
 * Reads a file input into memory (paths through `fileSystem`), naming unnamed bytes after their sniffed type
 * (`document.pdf`, `document.png`, ...).
 */
export const load = (
  input: Multipart.FileInput,
  fileSystem: Option.Option<FileSystem.FileSystem>
): Effect.Effect<Loaded, ZaiError.InvalidRequestError> => {
  const named = knownName(input)
  const read =
    input._tag === "Path"
      ? Option.match(fileSystem, {
          onNone: () =>
            Effect.fail(
              invalid(`Reading ${input.path} needs a FileSystem: provide NodeFileSystem.layer (or another platform's) to the Documents layer`)
            ),
          onSome: (fs) =>
            fs.readFile(input.path).pipe(Effect.mapError((error) => invalid(`Cannot read ${input.path}: ${error.message}`)))
        })
      : Effect.flatMap(Multipart.toBlob(input), ({ blob }) =>
          Effect.tryPromise({
            try: () => blob.arrayBuffer(),
            catch: () => invalid("Reading the file failed")
          }).pipe(Effect.map((buffer) => new Uint8Array(buffer)))
        )
  return Effect.map(read, (bytes): Loaded => {
    const sniffed = sniff(bytes)
    const filename = named ?? `document.${sniffed?.extension ?? "bin"}`
    const contentType =
      input.contentType ??
      (named === undefined && sniffed !== undefined ? sniffed.contentType : Multipart.contentTypeFor(filename))
    return { bytes, filename, contentType }
  })
}

/**
 * The upload sent as the multipart `file` part. Unnamed bytes, blobs and streams are read and named after their
 * sniffed type; paths are read through `fileSystem` when there is one, else passed on for the client to read with
 * its own `FileSystem`.
 */
export const prepareUpload = (
  input: Multipart.FileInput,
  fileSystem: Option.Option<FileSystem.FileSystem>
): Effect.Effect<{ readonly file: Multipart.FileInput; readonly filename: string | undefined }, ZaiError.InvalidRequestError> => {
  const named = knownName(input)
  const passThrough = input._tag === "Path" ? Option.isNone(fileSystem) : named !== undefined
  if (passThrough) return Effect.succeed({ file: input, filename: named })
  return Effect.map(load(input, fileSystem), (loaded) => ({
    file: Multipart.fromBytes(loaded.bytes, { filename: loaded.filename, contentType: loaded.contentType }),
    filename: loaded.filename
  }))
}

/** Base64 of bytes (chunked, so large files do not overflow the call stack). */
export const base64 = (bytes: Uint8Array): string => {
  let binary = ""
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** The extension of a file name, upper case (`report.final.PDF` → `PDF`), or `undefined`. */
export const extensionOf = (filename: string | undefined): string | undefined => {
  if (filename === undefined) return undefined
  const dot = filename.lastIndexOf(".")
  return dot <= 0 || dot === filename.length - 1 ? undefined : filename.slice(dot + 1).toUpperCase()
}
