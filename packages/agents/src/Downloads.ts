/**
 * Downloading the files agents produce (slide PDFs and page images, effect videos) into a directory.
 *
 * A URL on the API's own host (the base URL or the agents root) is fetched through `ZaiClient` (with its key,
 * retries and timeouts). A URL on any other host (a CDN, object storage) is fetched with `fetch` and **without**
 * credentials, so the API key never leaves for a third-party host.
 *
 * @since 0.1.0
 */
import type { RequestOptions, ZaiClient, ZaiError } from "@zai-kit/transport"
import { Effect, FileSystem, Path, type PlatformError, Schema } from "effect"

/**
 * A file could not be fetched from a host other than the API's: a network failure or a non-2xx status.
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
 * A `fetch`-like function (the global `fetch` by default).
 *
 * @since 0.1.0
 */
export type Fetch = (url: string, init: { readonly signal: AbortSignal; readonly redirect: "follow" }) => Promise<Response>

/**
 * Options of a download.
 *
 * @since 0.1.0
 */
export interface DownloadOptions {
  /** Fetches URLs outside the API's hosts (default: the global `fetch`, without credentials). */
  readonly fetch?: Fetch | undefined
  /** Per-call overrides for the files fetched through `ZaiClient`. */
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

const fetchBytes = (
  fetcher: Fetch,
  url: string
): Effect.Effect<{ readonly body: Uint8Array; readonly contentType: string | undefined }, DownloadError> =>
  Effect.tryPromise({
    try: async (signal) => {
      const response = await fetcher(url, { signal, redirect: "follow" })
      const body = new Uint8Array(await response.arrayBuffer())
      return { status: response.status, ok: response.ok, contentType: response.headers.get("content-type") ?? undefined, body }
    },
    catch: (cause) =>
      new DownloadError({ url, message: `Download of ${url} failed: ${cause instanceof Error ? cause.message : String(cause)}` })
  }).pipe(
    Effect.flatMap((response) =>
      response.ok
        ? Effect.succeed({ body: response.body, contentType: response.contentType })
        : Effect.fail(new DownloadError({ url, status: response.status, message: `Download of ${url} failed with HTTP ${response.status}` }))
    )
  )

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
      const fetched = isApiHost(client, url)
        ? yield* Effect.map(
            client.binary({ method: "GET", path: url, operation: "agents.files.download", options: options.requestOptions }),
            (response) => ({ body: response.body, contentType: response.contentType })
          )
        : yield* fetchBytes(options.fetch ?? ((input, init) => fetch(input, init)), url)
      let name = fileNameOf(url, index)
      if (used.has(name)) name = `${index + 1}-${name}`
      used.add(name)
      const target = path.join(dir, name)
      yield* fs.writeFile(target, fetched.body)
      out.push({ url, path: target, size: fetched.body.length, contentType: fetched.contentType })
    }
    return out
  })
