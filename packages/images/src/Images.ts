/**
 * The `Images` service: image generation over `ZaiClient`, synchronous (`generate`) or as a task (`generateAsync`,
 * returning an `ImageTask` handle with `waitFor`), and downloads of the generated files (`download` as a byte
 * stream, `downloadToFile`).
 *
 * Every request is validated first (strictly, with errors that name the field: `InvalidRequestInput`), so a bad
 * request fails before anything is sent.
 *
 * ```ts
 * const image = yield* Images.use((images) => images.generate({ model: "glm-image", prompt: "A lighthouse at dawn" }))
 * ```
 *
 * @since 0.1.0
 */
import { AsyncTasks, Images as Wire, type InputValidation } from "@zai-kit/schema"
import { AsyncResult, Download, type RequestOptions, ZaiClient, type ZaiError } from "@zai-kit/transport"
import { Context, Effect, type FileSystem, Layer, type PlatformError, type Stream } from "effect"


/**
 * Everything an images call can fail with: a rejected input (before the wire) or a `ZaiError`.
 *
 * @since 0.1.0
 */
export type ImagesError = InputValidation.InvalidRequestInput | ZaiError.ZaiError

/**
 * Options of `waitFor`: `schedule` between polls (default exponential from 1 s, capped at 10 s), overall `timeout`
 * (default 10 minutes, then `TimeoutError` with `kind: "poll"`), and `requestOptions` for every poll.
 *
 * @since 0.1.0
 */
export type WaitOptions = AsyncResult.WaitOptions

/**
 * A submitted async image generation: its `id`, the submission answer, and ways to follow it.
 *
 * @since 0.1.0
 */
export interface ImageTask {
  /** The task id (what `GET /async-result/{id}` takes). */
  readonly id: string
  /** The answer of the submission (`id`, `request_id`, `model`, `task_status`, and any other field). */
  readonly task: AsyncTasks.AsyncTask
  /** The task's current state (with `image_result` once `SUCCESS`). */
  readonly retrieve: (options?: RequestOptions.RequestOptions) => Effect.Effect<Wire.AsyncImageResult, ImagesError>
  /** Polls until `SUCCESS`; `FAIL` fails with `TaskFailedError` (with the task's code and message). */
  readonly waitFor: (options?: WaitOptions) => Effect.Effect<Wire.AsyncImageResult, ImagesError>
}

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** `POST /images/generations`: validates, sends, decodes the `ImageGenerationResponse` (`data: [{ url }]`). */
  readonly generate: (
    request: Wire.ImageGenerationRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Wire.ImageGenerationResponse, ImagesError>
  /** `POST /async/images/generations` (`glm-image`): submits, returns the task handle. */
  readonly generateAsync: (
    request: Wire.AsyncImageGenerationRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<ImageTask, ImagesError>
  /** `GET /async-result/{id}`: an image task's current state. */
  readonly retrieve: (id: string, options?: RequestOptions.RequestOptions) => Effect.Effect<Wire.AsyncImageResult, ImagesError>
  /** Polls `GET /async-result/{id}` until `SUCCESS` (see `ImageTask.waitFor`). */
  readonly waitFor: (id: string, options?: WaitOptions) => Effect.Effect<Wire.AsyncImageResult, ImagesError>
  /** `GET url` (an image URL from a result) as a byte stream. */
  readonly download: (url: string, options?: RequestOptions.RequestOptions) => Stream.Stream<Uint8Array, ImagesError>
  /** `GET url` written to `path` once complete (a failed download leaves no file). */
  readonly downloadToFile: (
    url: string,
    path: string,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<void, ImagesError | PlatformError.PlatformError, FileSystem.FileSystem>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Images extends Context.Service<Images, Service>()("@zai-kit/images/Images") {
  /**
   * The service on the `ZaiClient` of the context.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<Images, never, ZaiClient.ZaiClient> = Layer.effect(
    Images,
    Effect.map(ZaiClient.ZaiClient, (client) => make(client))
  )
}

/**
 * The URLs of the images of a result, sync (`data[].url`) or async (`image_result[].url`), in order.
 *
 * @since 0.1.0
 */
export const urls = (result: Wire.ImageGenerationResponse | Wire.AsyncImageResult): ReadonlyArray<string> => {
  const pick = (items: unknown): ReadonlyArray<string> =>
    Array.isArray(items)
      ? items.flatMap((item: unknown) =>
          typeof item === "object" && item !== null && "url" in item && typeof item.url === "string" ? [item.url] : []
        )
      : []
  return [...pick(result.data), ...pick(result.image_result)]
}

/**
 * Builds the service on a client.
 *
 * @since 0.1.0
 */
export const make = (client: ZaiClient.Service): Service => {
  const generate = Effect.fn("Images.generate")(function*(
    request: Wire.ImageGenerationRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* Wire.validateImageRequest(request)
    return yield* client.json(
      { method: "POST", path: "/images/generations", operation: "images.generate", body: { _tag: "Json", value: valid }, options },
      Wire.ImageGenerationResponse
    )
  })

  const retrieve = (id: string, options?: RequestOptions.RequestOptions) =>
    AsyncResult.retrieve(client, Wire.AsyncImageResult, "images.async_result.retrieve", id, options).pipe(
      Effect.withSpan("Images.retrieve")
    )

  const waitFor = (id: string, options?: WaitOptions) =>
    AsyncResult.waitFor(id, retrieve(id, options?.requestOptions), options).pipe(Effect.withSpan("Images.waitFor"))

  const generateAsync = Effect.fn("Images.generateAsync")(function*(
    request: Wire.AsyncImageGenerationRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* Wire.validateAsyncImageRequest(request)
    const task = yield* client.json(
      {
        method: "POST",
        path: "/async/images/generations",
        operation: "images.generate_async",
        body: { _tag: "Json", value: valid },
        options
      },
      // `id` is required: it is what gets polled
      AsyncTasks.AsyncTask
    )
    return {
      id: task.id,
      task,
      retrieve: (retrieveOptions?: RequestOptions.RequestOptions) => retrieve(task.id, retrieveOptions),
      waitFor: (waitOptions?: WaitOptions) => waitFor(task.id, waitOptions)
    } satisfies ImageTask
  })

  const download = (url: string, options?: RequestOptions.RequestOptions) => Download.stream(client, url, "images.download", options)

  const downloadToFile = (url: string, path: string, options?: RequestOptions.RequestOptions) =>
    Download.toFile(client, url, path, "images.download", options).pipe(Effect.withSpan("Images.downloadToFile"))

  return Images.of({ generate, generateAsync, retrieve, waitFor, download, downloadToFile })
}
