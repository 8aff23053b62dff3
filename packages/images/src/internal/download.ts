/**
 * Downloads of generated files (temporary URLs the API answers with) through `ZaiClient.binary`, as a byte stream or
 * into a file.
 * @internal
 */
import { InputValidation } from "@zai-kit/schema"
import type { RequestOptions, ZaiClient, ZaiError } from "@zai-kit/transport"
import { Effect, FileSystem, type PlatformError, type Scope, Stream } from "effect"

const invalidUrl = (url: string): InputValidation.InvalidRequestInput => {
  const issues = [{ path: "url", message: `expected an absolute http(s) URL, got ${JSON.stringify(url.slice(0, 60))}` }]
  return new InputValidation.InvalidRequestInput({ subject: "download", issues, message: InputValidation.formatIssues("download", issues) })
}

/** The answer to `GET url` (an absolute http(s) URL); its body streams within the scope. */
export const bytes = (
  client: ZaiClient.Service,
  url: string,
  operation: string,
  options: RequestOptions.RequestOptions | undefined
): Effect.Effect<ZaiClient.BinaryResponse, InputValidation.InvalidRequestInput | ZaiError.ZaiError, Scope.Scope> =>
  /^https?:\/\/[^\s/]+/i.test(url) ? client.binary({ method: "GET", path: url, operation, options }) : Effect.fail(invalidUrl(url))

/** The body of `GET url` as a byte stream, read from the connection as it is consumed. */
export const stream = (
  client: ZaiClient.Service,
  url: string,
  operation: string,
  options: RequestOptions.RequestOptions | undefined
): Stream.Stream<Uint8Array, InputValidation.InvalidRequestInput | ZaiError.ZaiError> =>
  Stream.unwrap(Effect.map(bytes(client, url, operation, options), (response) => response.body))

/**
 * Downloads `url` into `path`, streaming to `<path>.partial` and renaming it at the end (so a failed download leaves
 * no file at `path`), without holding the body in memory.
 */
export const toFile = (
  client: ZaiClient.Service,
  url: string,
  path: string,
  operation: string,
  options: RequestOptions.RequestOptions | undefined
): Effect.Effect<void, InputValidation.InvalidRequestInput | ZaiError.ZaiError | PlatformError.PlatformError, FileSystem.FileSystem> =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const partial = `${path}.partial`
    yield* Stream.run(stream(client, url, operation, options), fs.sink(partial)).pipe(
      Effect.onError(() => Effect.ignore(fs.remove(partial)))
    )
    yield* fs.rename(partial, path)
  })
