/**
 * The `Videos` service: video generation over `ZaiClient` for every model family (CogVideoX; Vidu text, image,
 * start-end and reference). `generate` submits the request and returns a `VideoTask` handle (`retrieve`, `waitFor`);
 * `download` / `downloadToFile` fetch the video or its cover; `imageDataUrl` turns a local image (path, bytes, `Blob`
 * or byte stream) into the `data:` URL that `image_url` accepts.
 *
 * Every request is validated first against its family's schema (picked from `model`), with errors that name the
 * field (`InvalidRequestInput`), so a bad request fails before anything is sent.
 *
 * ```ts
 * const task = yield* Videos.use((videos) => videos.generate({ model: "cogvideox-3", prompt: "A cat plays with a ball" }))
 * const done = yield* task.waitFor()
 * ```
 *
 * @since 0.1.0
 */
import { AsyncTasks, type InputValidation, Videos as Wire } from "@zai-kit/schema"
import { AsyncResult, Download, Multipart, type RequestOptions, ZaiClient, ZaiError } from "@zai-kit/transport"
import { Context, Effect, type FileSystem, Layer, type PlatformError, type Stream } from "effect"


/**
 * Everything a videos call can fail with: a rejected input (before the wire) or a `ZaiError`.
 *
 * @since 0.1.0
 */
export type VideosError = InputValidation.InvalidRequestInput | ZaiError.ZaiError

/**
 * Options of `waitFor`: `schedule` between polls (default exponential from 1 s, capped at 10 s), overall `timeout`
 * (default 10 minutes, then `TimeoutError` with `kind: "poll"`), and `requestOptions` for every poll. Videos take
 * minutes: a longer `timeout` is often wise.
 *
 * @since 0.1.0
 */
export type WaitOptions = AsyncResult.WaitOptions

/**
 * A submitted video generation: its `id`, the submission answer, and ways to follow it.
 *
 * @since 0.1.0
 */
export interface VideoTask {
  /** The task id (what `GET /async-result/{id}` takes). */
  readonly id: string
  /** The answer of the submission (`id`, `request_id`, `model`, `task_status`, and any other field). */
  readonly task: AsyncTasks.AsyncTask
  /** The task's current state (with `video_result` once `SUCCESS`). */
  readonly retrieve: (options?: RequestOptions.RequestOptions) => Effect.Effect<Wire.AsyncVideoResult, VideosError>
  /** Polls until `SUCCESS`; `FAIL` fails with `TaskFailedError` (with the task's code and message). */
  readonly waitFor: (options?: WaitOptions) => Effect.Effect<Wire.AsyncVideoResult, VideosError>
}

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** `POST /videos/generations`: validates (per family), submits, returns the task handle. */
  readonly generate: (
    request: Wire.VideoGenerationRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<VideoTask, VideosError>
  /** `GET /async-result/{id}`: a video task's current state. */
  readonly retrieve: (id: string, options?: RequestOptions.RequestOptions) => Effect.Effect<Wire.AsyncVideoResult, VideosError>
  /** Polls `GET /async-result/{id}` until `SUCCESS` (see `VideoTask.waitFor`). */
  readonly waitFor: (id: string, options?: WaitOptions) => Effect.Effect<Wire.AsyncVideoResult, VideosError>
  /** `GET url` (a video or cover URL from a result) as a byte stream. */
  readonly download: (url: string, options?: RequestOptions.RequestOptions) => Stream.Stream<Uint8Array, VideosError>
  /** `GET url` written to `path` once complete (a failed download leaves no file). */
  readonly downloadToFile: (
    url: string,
    path: string,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<void, VideosError | PlatformError.PlatformError, FileSystem.FileSystem>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Videos extends Context.Service<Videos, Service>()("@zai-kit/videos/Videos") {
  /**
   * The service on the `ZaiClient` of the context.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<Videos, never, ZaiClient.ZaiClient> = Layer.effect(
    Videos,
    Effect.map(ZaiClient.ZaiClient, (client) => make(client))
  )
}

/**
 * The videos of a result: `{ url, coverImageUrl }` per entry of `video_result` that has a URL.
 *
 * @since 0.1.0
 */
export const videos = (
  result: Wire.AsyncVideoResult
): ReadonlyArray<{ readonly url: string; readonly coverImageUrl: string | undefined }> =>
  (result.video_result ?? []).flatMap((video) =>
    typeof video.url === "string"
      ? [{ url: video.url, coverImageUrl: typeof video.cover_image_url === "string" ? video.cover_image_url : undefined }]
      : []
  )

const base64 = (bytes: Uint8Array): string => {
  let binary = ""
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/**
 * A local image as a `data:<type>;base64,...` URL for `image_url`: from a path (needs a `FileSystem`, e.g.
 * `@zai-kit/transport/node`'s or `NodeFileSystem.layer`), bytes, a `Blob`/`File` or a byte stream
 * (`Multipart.fromPath`, `fromBytes`, `fromBlob`, `fromStream`). The content type comes from the file name or the
 * `Blob`, else from `contentType`; it must be an image type.
 *
 * @since 0.1.0
 */
export const imageDataUrl = (file: Multipart.FileInput): Effect.Effect<string, ZaiError.InvalidRequestError> =>
  Effect.flatMap(Multipart.toBlob(file), ({ blob, filename }) => {
    const type = blob.type.split(";")[0] ?? ""
    if (!type.startsWith("image/")) {
      const text = `${filename} is not an image (content type ${JSON.stringify(blob.type)}); give a name ending in .png/.jpg/.webp or a contentType`
      return Effect.fail(new ZaiError.InvalidRequestError({ message: text, serverMessage: text, isRetryable: false, attempts: 0 }))
    }
    return Effect.map(
      Effect.tryPromise({
        try: () => blob.arrayBuffer(),
        catch: () => {
          const text = `Reading ${filename} failed`
          return new ZaiError.InvalidRequestError({ message: text, serverMessage: text, isRetryable: false, attempts: 0 })
        }
      }),
      (buffer) => `data:${type};base64,${base64(new Uint8Array(buffer))}`
    )
  })

/**
 * Builds the service on a client.
 *
 * @since 0.1.0
 */
export const make = (client: ZaiClient.Service): Service => {
  const retrieve = (id: string, options?: RequestOptions.RequestOptions) =>
    AsyncResult.retrieve(client, Wire.AsyncVideoResult, "videos.async_result.retrieve", id, options).pipe(
      Effect.withSpan("Videos.retrieve")
    )

  const waitFor = (id: string, options?: WaitOptions) =>
    AsyncResult.waitFor(id, retrieve(id, options?.requestOptions), options).pipe(Effect.withSpan("Videos.waitFor"))

  const generate = Effect.fn("Videos.generate")(function*(
    request: Wire.VideoGenerationRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* Wire.validateVideoRequest(request)
    const task = yield* client.json(
      { method: "POST", path: "/videos/generations", operation: "videos.generate", body: { _tag: "Json", value: valid }, options },
      // `id` is required: it is what gets polled
      AsyncTasks.AsyncTask
    )
    return {
      id: task.id,
      task,
      retrieve: (retrieveOptions?: RequestOptions.RequestOptions) => retrieve(task.id, retrieveOptions),
      waitFor: (waitOptions?: WaitOptions) => waitFor(task.id, waitOptions)
    } satisfies VideoTask
  })

  const download = (url: string, options?: RequestOptions.RequestOptions) => Download.stream(client, url, "videos.download", options)

  const downloadToFile = (url: string, path: string, options?: RequestOptions.RequestOptions) =>
    Download.toFile(client, url, path, "videos.download", options).pipe(Effect.withSpan("Videos.downloadToFile"))

  return Videos.of({ generate, retrieve, waitFor, download, downloadToFile })
}
