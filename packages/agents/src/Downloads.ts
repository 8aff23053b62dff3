/**
 * Downloading the files agents produce (slide PDFs and page images, effect videos) into a directory.
 *
 * Every URL is fetched through `ZaiClient.binary` (retries, timeouts, typed errors). `ZaiClient` sends the API key
 * only to the API's own origins (the base URL's and the agents root's), so a file on a CDN or object storage is
 * fetched without credentials.
 *
 * @since 0.1.0
 */
import { Download, type RequestOptions, type ZaiClient, type ZaiError } from "@zai-kit/transport"
import { Effect, FileSystem, Path, type PlatformError, Schema, Stream } from "effect"

/**
 * A URL to download is not a valid absolute URL (HTTP failures are `ZaiError`s).
 *
 * @since 0.1.0
 */
export class DownloadError extends Schema.TaggedError<DownloadError>()("DownloadError", {
  /** The URL that failed. */
  url: Schema.String,
  /** The HTTP status, when a response arrived. */
  status: Schema.optionalKey(Schema.Number),
  message: Schema.String
}) {}

/**
 * Options of a download.
 *
 * @since 0.1.0
 */
export interface DownloadOptions {
  /** Per-call overrides for the downloads (through `ZaiClient`). */
  readonly requestOptions?: RequestOptions.RequestOptions | undefined
}

/**
 * One downloaded file.
 *
 * @since 0.1.0
 */
export interface DownloadedFile {
  readonly url: string
  /** Where it was written. */
  readonly path: string
  /** Its size in bytes. */
  readonly size: number
  /** The `content-type` it was served with. */
  readonly contentType: string | undefined
}

/**
 * Everything a download can fail with.
 *
 * @since 0.1.0
 */
export type DownloadFailure = ZaiError.ZaiError | DownloadError | PlatformError.PlatformError

const originOf = (url: string): string | undefined => (URL.canParse(url) ? new URL(url).origin : undefined)

/**
 * Whether a URL is on one of the client's own hosts (its base URL or its agents root).
 *
 * @since 0.1.0
 */
export const isApiHost = (client: ZaiClient.Service, url: string): boolean => {
  const origin = originOf(url)
  return origin !== undefined && (origin === originOf(client.config.baseUrl) || origin === originOf(client.config.agentsBaseUrl))
}

/**
 * A file name for a URL: its last path segment with unsafe characters replaced (`file-<n>` when there is none).
 *
 * @since 0.1.0
 */
export const fileNameOf = (url: string, index: number): string => {
  const path = URL.canParse(url) ? new URL(url).pathname : url.split(/[?#]/)[0] ?? ""
  const last = decodeURIComponent(path.split("/").filter((s) => s !== "").pop() ?? "")
  const safe = last.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^\.+/, "")
  return safe === "" ? `file-${index + 1}` : safe
}

/**
 * Downloads each URL into `dir` (created if needed), one file per URL, named after the URL's last path segment
 * (made unique with a numeric prefix when two names collide). Returns what was written, in order.
 *
 * @since 0.1.0
 */
export const downloadAll = (
  client: ZaiClient.Service,
  urls: ReadonlyArray<string>,
  dir: string,
  options: DownloadOptions = {}
): Effect.Effect<ReadonlyArray<DownloadedFile>, DownloadFailure, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    yield* fs.makeDirectory(dir, { recursive: true })
    const used = new Set<string>()
    const out: Array<DownloadedFile> = []
    for (const [index, url] of urls.entries()) {
      if (!URL.canParse(url)) return yield* new DownloadError({ url, message: `Not a URL: ${url}` })
      if (!/^https?:\/\//i.test(url)) return yield* new DownloadError({ url, message: `Not an http(s) URL: ${url}` })
      let name = fileNameOf(url, index)
      if (used.has(name)) name = `${index + 1}-${name}`
      used.add(name)
      const target = path.join(dir, name)
      // streamed to disk as it arrives (never whole in memory), renamed once complete
      const written = yield* Effect.scoped(
        Effect.gen(function*() {
          const response = yield* client.binary({
            method: "GET",
            path: url,
            operation: "agents.files.download",
            options: options.requestOptions
          })
          let size = 0
          const counted = Stream.tap(response.body, (chunk) =>
            Effect.sync(() => {
              size += chunk.length
            }))
          yield* Download.writeFile(target)(counted)
          return { size, contentType: response.contentType }
        })
      )
      out.push({ url, path: target, size: written.size, contentType: written.contentType })
    }
    return out
  })
