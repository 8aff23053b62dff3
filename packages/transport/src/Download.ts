/**
 * Downloads of files the API links to (generated images and videos, agent files, audio): a `GET` through
 * `ZaiClient.binary` (credentials only for the API's own origins), streamed as it is consumed, and written to disk
 * atomically (`<path>.partial`, renamed at the end).
 *
 * @since 0.1.0
 */
import { InputValidation } from "@zai-kit/schema"
import { Effect, FileSystem, type PlatformError, type Scope, Stream } from "effect"
import type * as RequestOptions from "./RequestOptions.js"
import type * as ZaiClient from "./ZaiClient.js"
import type * as ZaiError from "./ZaiError.js"

const invalidUrl = (url: string): InputValidation.InvalidRequestInput => {
  const issues = [{ path: "url", message: `expected an absolute http(s) URL, got ${JSON.stringify(url.slice(0, 60))}` }]
  return new InputValidation.InvalidRequestInput({
    subject: "download",
    issues,
    message: InputValidation.formatIssues("download", issues)
  })
}

/**
 * Whether `url` is an absolute http(s) URL (the only kind a download accepts).
 *
 * @since 0.1.0
 */
export const isHttpUrl = (url: string): boolean => /^https?:\/\/[^\s/]+/i.test(url)

/**
 * The answer to `GET url` (an absolute http(s) URL): headers at once, the body streaming within the scope.
 *
 * @since 0.1.0
 */
export const response = (
  client: ZaiClient.Service,
  url: string,
  operation: string,
  options?: RequestOptions.RequestOptions | undefined
): Effect.Effect<ZaiClient.BinaryResponse, InputValidation.InvalidRequestInput | ZaiError.ZaiError, Scope.Scope> =>
  isHttpUrl(url) ? client.binary({ method: "GET", path: url, operation, options }) : Effect.fail(invalidUrl(url))

/**
 * The body of `GET url` as a byte stream, read from the connection as it is consumed.
 *
 * @since 0.1.0
 */
export const stream = (
  client: ZaiClient.Service,
  url: string,
  operation: string,
  options?: RequestOptions.RequestOptions | undefined
): Stream.Stream<Uint8Array, InputValidation.InvalidRequestInput | ZaiError.ZaiError> =>
  Stream.unwrap(Effect.map(response(client, url, operation, options), (answer) => answer.body))

/**
 * Writes a byte stream to `path` as it arrives, without holding it in memory: to `<path>.partial` first, renamed at
 * the end, so a failed or interrupted stream leaves nothing at `path`.
 *
 * @since 0.1.0
 */
export const writeFile =
  (path: string) =>
  <E, R>(self: Stream.Stream<Uint8Array, E, R>): Effect.Effect<void, E | PlatformError.PlatformError, R | FileSystem.FileSystem> =>
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const partial = `${path}.partial`
      yield* Stream.run(self, fs.sink(partial)).pipe(Effect.onError(() => Effect.ignore(fs.remove(partial))))
      yield* fs.rename(partial, path)
    })

/**
 * Downloads `url` into `path` (see `writeFile`).
 *
 * @since 0.1.0
 */
export const toFile = (
  client: ZaiClient.Service,
  url: string,
  path: string,
  operation: string,
  options?: RequestOptions.RequestOptions | undefined
): Effect.Effect<void, InputValidation.InvalidRequestInput | ZaiError.ZaiError | PlatformError.PlatformError, FileSystem.FileSystem> =>
  writeFile(path)(stream(client, url, operation, options))
