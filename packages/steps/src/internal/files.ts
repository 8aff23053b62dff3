/**
 * Local input files for upload steps: read through the `FileSystem` (relative paths against the current directory)
 * and handed to the services as bytes with their file name.
 * @internal
 */
import { Multipart } from "@zai-kit/transport"
import { Effect } from "effect"
import type { LocalFileError } from "../StepErrors.js"
import * as Env from "./env.js"

/** Read a local file as a multipart file input named after it. */
export const fileInput = (env: Env.Env, step: string, file: string): Effect.Effect<Multipart.FileInput, LocalFileError> => {
  const absolute = Env.inputPath(env, file)
  return Effect.map(Env.readBytes(env, step, absolute), (bytes) =>
    Multipart.fromBytes(bytes, { filename: Env.baseName(env, absolute) })
  )
}

/** A file name from a URL's last path segment (safe characters only), or `fallback`. */
export const nameFromUrl = (url: string, fallback: string): string => {
  const path = URL.canParse(url) ? new URL(url).pathname : (url.split(/[?#]/)[0] ?? "")
  const last = decodeURIComponent(path.split("/").filter((s) => s !== "").pop() ?? "")
  const safe = last.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^\.+/, "")
  return safe === "" ? fallback : safe
}
