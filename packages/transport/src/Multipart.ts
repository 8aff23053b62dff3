/**
 * Multipart (`multipart/form-data`) bodies: file inputs of every kind and nested fields flattened the way
 * the Z.ai API expects (`key[sub]` for objects, `key[]` for arrays).
 *
 * A file given as a path is read through Effect's `FileSystem` service, so this module stays
 * platform-agnostic (`@zai-kit/transport/node` provides the Node file system). Files are buffered in memory
 * before sending, which lets a failed upload be retried.
 *
 * `encode` builds the body bytes itself rather than going through `FormData`, whose serialisation turns every bare
 * `\n` of a text field into `\r\n` (a `custom_separator` of `"\n"` would reach the server as `"\r\n"`).
 *
 * @since 0.1.0
 */
import { Effect, FileSystem, Option, Predicate, Stream } from "effect"
import * as Mime from "effect/http/Mime"
import { InvalidRequestError } from "./ZaiError.js"

/**
 * Name and content type of a file; both are inferred when absent.
 *
 * @since 0.1.0
 */
export interface FileOptions {
  /** File name sent in the part's `Content-Disposition` (inferred from a path or a `File`). */
  readonly filename?: string | undefined
  /** Content type of the part (inferred from the file name, else `application/octet-stream`). */
  readonly contentType?: string | undefined
}

const FileInputTypeId = "~@zai-kit/transport/Multipart/FileInput"

/**
 * A file to upload: a path (read through `FileSystem`), bytes, a `Blob`/`File`, or a byte stream.
 *
 * @since 0.1.0
 */
export type FileInput =
  | (FileOptions & { readonly [FileInputTypeId]: typeof FileInputTypeId; readonly _tag: "Path"; readonly path: string })
  | (FileOptions & {
      readonly [FileInputTypeId]: typeof FileInputTypeId
      readonly _tag: "Bytes"
      readonly bytes: Uint8Array
    })
  | (FileOptions & { readonly [FileInputTypeId]: typeof FileInputTypeId; readonly _tag: "Blob"; readonly blob: Blob })
  | (FileOptions & {
      readonly [FileInputTypeId]: typeof FileInputTypeId
      readonly _tag: "Stream"
      readonly stream: Stream.Stream<Uint8Array, unknown>
    })

const withOptions = (options: FileOptions | undefined) => ({
  ...(options?.filename !== undefined ? { filename: options.filename } : {}),
  ...(options?.contentType !== undefined ? { contentType: options.contentType } : {})
})

/**
 * A file on disk, read when the request is built.
 *
 * @since 0.1.0
 */
export const fromPath = (path: string, options?: FileOptions): FileInput => ({
  [FileInputTypeId]: FileInputTypeId,
  _tag: "Path",
  path,
  ...withOptions(options)
})

/**
 * A file held in memory.
 *
 * @since 0.1.0
 */
export const fromBytes = (bytes: Uint8Array, options?: FileOptions): FileInput => ({
  [FileInputTypeId]: FileInputTypeId,
  _tag: "Bytes",
  bytes,
  ...withOptions(options)
})

/**
 * A `Blob` or `File` (a `File`'s name is used when no filename is given).
 *
 * @since 0.1.0
 */
export const fromBlob = (blob: Blob, options?: FileOptions): FileInput => ({
  [FileInputTypeId]: FileInputTypeId,
  _tag: "Blob",
  blob,
  ...withOptions(options)
})

/**
 * A byte stream, collected before sending.
 *
 * @since 0.1.0
 */
export const fromStream = (stream: Stream.Stream<Uint8Array, unknown>, options?: FileOptions): FileInput => ({
  [FileInputTypeId]: FileInputTypeId,
  _tag: "Stream",
  stream,
  ...withOptions(options)
})

/**
 * Whether a value was built by `fromPath`, `fromBytes`, `fromBlob` or `fromStream`.
 *
 * @since 0.1.0
 */
export const isFileInput = (u: unknown): u is FileInput => Predicate.hasProperty(u, FileInputTypeId)

/**
 * A field value: scalars (`null`/`undefined` are skipped), files (a bare `Uint8Array` or `Blob` is a file too),
 * arrays (`key[]`) and objects (`key[sub]`).
 *
 * @since 0.1.0
 */
export type FieldValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | Uint8Array
  | Blob
  | FileInput
  | ReadonlyArray<FieldValue>
  | { readonly [key: string]: FieldValue }

/**
 * The fields of a multipart body.
 *
 * @since 0.1.0
 */
export type Fields = Readonly<Record<string, FieldValue>>

/**
 * One flattened part: a text value or a file.
 *
 * @since 0.1.0
 */
export type Part =
  | { readonly _tag: "Text"; readonly name: string; readonly value: string }
  | { readonly _tag: "File"; readonly name: string; readonly file: FileInput }

const isBlob = (u: unknown): u is Blob => typeof Blob !== "undefined" && u instanceof Blob

/**
 * Flattens nested fields: `{ a: { b: 1 }, c: [1, 2] }` → `a[b]=1`, `c[]=1`, `c[]=2`.
 *
 * @since 0.1.0
 */
export const flatten = (fields: Fields): ReadonlyArray<Part> => {
  const parts: Array<Part> = []
  const visit = (name: string, value: FieldValue): void => {
    if (value === null || value === undefined) return
    if (typeof value === "string") parts.push({ _tag: "Text", name, value })
    else if (typeof value === "number" || typeof value === "boolean") parts.push({ _tag: "Text", name, value: String(value) })
    else if (isFileInput(value)) parts.push({ _tag: "File", name, file: value })
    else if (value instanceof Uint8Array) parts.push({ _tag: "File", name, file: fromBytes(value) })
    else if (isBlob(value)) parts.push({ _tag: "File", name, file: fromBlob(value) })
    else if (Array.isArray(value)) for (const item of value) visit(`${name}[]`, item)
    else for (const [key, item] of Object.entries(value)) visit(`${name}[${key}]`, item)
  }
  for (const [name, value] of Object.entries(fields)) visit(name, value)
  return parts
}

const overrides: Readonly<Record<string, string>> = {
  jsonl: "application/jsonl",
  md: "text/markdown",
  pcm: "audio/pcm"
}

/**
 * The content type for a file name: a few API-relevant overrides (`.jsonl`, `.md`, `.pcm`), then the standard
 * MIME table, else `application/octet-stream`.
 *
 * @since 0.1.0
 */
export const contentTypeFor = (filename: string): string => {
  const dot = filename.lastIndexOf(".")
  const extension = dot === -1 ? "" : filename.slice(dot + 1).toLowerCase()
  return overrides[extension] ?? Option.getOrElse(Mime.getType(filename), () => "application/octet-stream")
}

const basename = (path: string): string => path.replace(/^.*[/\\]/s, "")

const invalid = (text: string) =>
  new InvalidRequestError({ message: text, serverMessage: text, isRetryable: false, attempts: 0 })

/**
 * Reads a file input into a `Blob` with its filename. Paths need a `FileSystem` in the context.
 *
 * @since 0.1.0
 */
export const toBlob = (
  file: FileInput
): Effect.Effect<{ readonly blob: Blob; readonly filename: string }, InvalidRequestError> => {
  const named = (fallback: string) => file.filename ?? fallback
  const make = (bytes: Uint8Array, filename: string, type?: string) =>
    Effect.succeed({
      blob: new Blob([bytes.slice()], { type: file.contentType ?? type ?? contentTypeFor(filename) }),
      filename
    })
  switch (file._tag) {
    case "Bytes":
      return make(file.bytes, named("file"))
    case "Blob": {
      const filename = named(typeof File !== "undefined" && file.blob instanceof File ? file.blob.name : "file")
      const type = file.contentType ?? (file.blob.type.length > 0 ? file.blob.type : contentTypeFor(filename))
      return Effect.succeed({ blob: file.blob.type === type ? file.blob : new Blob([file.blob], { type }), filename })
    }
    case "Stream":
      return Stream.mkUint8Array(file.stream).pipe(
        Effect.mapError(() => invalid("Reading the file stream failed")),
        Effect.flatMap((bytes) => make(bytes, named("file")))
      )
    case "Path":
      return Effect.flatMap(Effect.serviceOption(FileSystem.FileSystem), (fs) =>
        Option.isNone(fs)
          ? Effect.fail(invalid(`Uploading ${file.path} needs a FileSystem (use @zai-kit/transport/node)`))
          : fs.value.readFile(file.path).pipe(
              Effect.mapError((error) => invalid(`Cannot read ${file.path}: ${error.message}`)),
              Effect.flatMap((bytes) => make(bytes, named(basename(file.path))))
            )
      )
  }
}

/**
 * Builds a `FormData` from fields, reading every file.
 *
 * @since 0.1.0
 */
export const formData = (fields: Fields): Effect.Effect<FormData, InvalidRequestError> =>
  Effect.gen(function* () {
    const form = new FormData()
    for (const part of flatten(fields)) {
      if (part._tag === "Text") {
        form.append(part.name, part.value)
      } else {
        const { blob, filename } = yield* toBlob(part.file)
        form.append(part.name, blob, filename)
      }
    }
    return form
  })

/**
 * An encoded multipart body: its bytes and its `Content-Type` (with the boundary).
 *
 * @since 0.1.0
 */
export interface Encoded {
  readonly body: Uint8Array
  readonly contentType: string
}

const utf8 = new TextEncoder()

/**
 * Escapes a name or filename for a `Content-Disposition` parameter as browsers do (WHATWG multipart/form-data):
 * `"` → `%22`, CR → `%0D`, LF → `%0A`.
 *
 * @since 0.1.0
 */
export const escapeParameter = (value: string): string =>
  value.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A")

const randomBoundary = (): string => {
  const bytes = new Uint8Array(16)
  globalThis.crypto.getRandomValues(bytes)
  return `----zai-kit-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`
}

const contains = (haystack: Uint8Array, needle: Uint8Array): boolean => {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) continue outer
    }
    return true
  }
  return false
}

/**
 * Builds a `multipart/form-data` body from fields, byte for byte: text values are sent as their exact UTF-8
 * bytes (no line-break normalisation), files with their `Content-Type`, names and filenames escaped, CRLF framing.
 *
 * @since 0.1.0
 */
export const encode = (fields: Fields): Effect.Effect<Encoded, InvalidRequestError> =>
  Effect.gen(function* () {
    const parts: Array<{ readonly head: string; readonly bytes: Uint8Array }> = []
    for (const part of flatten(fields)) {
      const name = escapeParameter(part.name)
      if (part._tag === "Text") {
        parts.push({ head: `Content-Disposition: form-data; name="${name}"\r\n\r\n`, bytes: utf8.encode(part.value) })
      } else {
        const { blob, filename } = yield* toBlob(part.file)
        const bytes = new Uint8Array(
          yield* Effect.tryPromise({ try: () => blob.arrayBuffer(), catch: () => invalid(`Reading the file ${filename} failed`) })
        )
        const type = blob.type.length > 0 ? blob.type : "application/octet-stream"
        parts.push({
          head: `Content-Disposition: form-data; name="${name}"; filename="${escapeParameter(filename)}"\r\nContent-Type: ${type.replace(/[\r\n]/g, "")}\r\n\r\n`,
          bytes
        })
      }
    }
    // a boundary that occurs in no part (random, so a clash is next to impossible; checked anyway)
    let boundary = randomBoundary()
    while (parts.some((p) => contains(p.bytes, utf8.encode(boundary)))) boundary = randomBoundary()
    const chunks: Array<Uint8Array> = []
    for (const part of parts) {
      chunks.push(utf8.encode(`--${boundary}\r\n${part.head}`), part.bytes, utf8.encode("\r\n"))
    }
    chunks.push(utf8.encode(`--${boundary}--\r\n`))
    let size = 0
    for (const chunk of chunks) size += chunk.length
    const body = new Uint8Array(size)
    let offset = 0
    for (const chunk of chunks) {
      body.set(chunk, offset)
      offset += chunk.length
    }
    return { body, contentType: `multipart/form-data; boundary=${boundary}` }
  })
