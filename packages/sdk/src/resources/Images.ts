/**
 * `zai.images`: `POST /images/generations`, `POST /async/images/generations` and the task's `GET /async-result/{id}`.
 *
 * @since 0.1.0
 */
import { Images } from "@zai-kit/images"
import type { AsyncTasks, Images as Wire } from "@zai-kit/schema"
import { type Runner, collectBytes } from "../internal/runner.js"
import * as Wait from "../internal/wait.js"
import type { RequestOptions } from "../RequestOptions.js"
import type { Task, WaitOptions } from "../Tasks.js"

/**
 * A submitted asynchronous image generation.
 *
 * @since 0.1.0
 */
export type ImageTask = Task<AsyncTasks.AsyncTask, Wire.AsyncImageResult>

/**
 * `zai.images`.
 *
 * @since 0.1.0
 */
export class ImagesResource {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** Generates images (`data[i].url` or `b64_json`). */
  generate(params: Wire.ImageGenerationRequest, options?: RequestOptions): Promise<Wire.ImageGenerationResponse> {
    return this.#runner.run((o) => Images.Images.use((images) => images.generate(params, o)), options)
  }

  /** Submits an image generation to run in the background (`glm-image`); the task's `wait()` gives the images. */
  async generateAsync(params: Wire.AsyncImageGenerationRequest, options?: RequestOptions): Promise<ImageTask> {
    const handle = await this.#runner.run((o) => Images.Images.use((images) => images.generateAsync(params, o)), options)
    return {
      id: handle.id,
      task: handle.task,
      retrieve: (retrieveOptions) => this.retrieve(handle.id, retrieveOptions),
      wait: (waitOptions) => this.wait(handle.id, waitOptions)
    }
  }

  /** The state of an asynchronous generation (`image_result` once `SUCCESS`). */
  retrieve(id: string, options?: RequestOptions): Promise<Wire.AsyncImageResult> {
    return this.#runner.run((o) => Images.Images.use((images) => images.retrieve(id, o)), options)
  }

  /** Polls an asynchronous generation until it is done. */
  wait(id: string, options?: WaitOptions): Promise<Wire.AsyncImageResult> {
    const wait = Wait.waitOptions(options)
    return this.#runner.run(() => Images.Images.use((images) => images.waitFor(id, wait)), Wait.callOptions(options))
  }

  /** The bytes of a generated image's URL (the API key is sent only to the API's own origins). */
  download(url: string, options?: RequestOptions): Promise<Uint8Array> {
    return this.#runner.run((o) => Images.Images.use((images) => collectBytes(images.download(url, o))), options)
  }
}
