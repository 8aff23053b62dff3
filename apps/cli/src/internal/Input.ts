/**
 * Reading the user's input: a text from the argument or stdin, files relative to the working directory.
 * @internal
 */
import { readFile } from "node:fs/promises"
import { extname, resolve } from "node:path"
import { Effect, Option } from "effect"
import { UsageError } from "../Errors.js"
import * as Io from "../Io.js"

/** An absolute path for `path`, relative to the invocation's working directory. */
export const resolvePath = (path: string): Effect.Effect<string, never, Io.Io> => Io.Io.use((io) => Effect.succeed(resolve(io.cwd, path)))

/**
 * The text of an argument, or of stdin when the argument is absent or `-` and stdin is not a terminal; a
 * `UsageError` naming the argument otherwise, or when the text is empty.
 */
export const textOrStdin = (value: Option.Option<string>, name: string): Effect.Effect<string, UsageError, Io.Io> =>
  Effect.gen(function*() {
    const io = yield* Io.Io
    if (Option.isSome(value) && value.value !== "-") {
      if (value.value.trim() === "") return yield* new UsageError({ message: `${name} is empty` })
      return value.value
    }
    if (io.stdinIsTTY) return yield* new UsageError({ message: `${name} is required (as an argument or on stdin)` })
    const text = (yield* Io.readStdin((error) => new UsageError({ message: `${name}: cannot read stdin (${error.message})` }))).trim()
    if (text === "") return yield* new UsageError({ message: `${name} is required (as an argument or on stdin, which was empty)` })
    return text
  })

/** The bytes of a file; a `UsageError` naming the flag or argument when it cannot be read. */
export const readBytes = (path: string, name: string): Effect.Effect<Uint8Array, UsageError, Io.Io> =>
  Effect.flatMap(resolvePath(path), (absolute) =>
    Effect.tryPromise({
      try: () => readFile(absolute),
      catch: (error) =>
        new UsageError({ message: `${name}: cannot read "${path}" (${error instanceof Error && "code" in error ? String(error.code) : String(error)})` })
    })
  )

/** The UTF-8 text of a file; a `UsageError` naming the flag or argument when it cannot be read. */
export const readText = (path: string, name: string): Effect.Effect<string, UsageError, Io.Io> =>
  Effect.map(readBytes(path, name), (bytes) => Buffer.from(bytes).toString("utf8"))

const mimeTypes: Readonly<Record<string, string>> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".bmp": "image/bmp"
}

/** Whether `value` is an http(s) or data URL (rather than a local path). */
export const isUrl = (value: string): boolean => /^(https?:\/\/|data:)/i.test(value)

/** An image given as a URL (kept) or a local file (read into a `data:` URL); `UsageError` for unknown types. */
export const imageUrl = (value: string, name: string): Effect.Effect<string, UsageError, Io.Io> => {
  if (isUrl(value)) return Effect.succeed(value)
  const mime = mimeTypes[extname(value).toLowerCase()]
  if (mime === undefined) {
    return Effect.fail(new UsageError({ message: `${name}: "${value}" is neither a URL nor a .png, .jpg, .jpeg, .gif, .webp or .bmp file` }))
  }
  return Effect.map(readBytes(value, name), (bytes) => `data:${mime};base64,${Buffer.from(bytes).toString("base64")}`)
}
