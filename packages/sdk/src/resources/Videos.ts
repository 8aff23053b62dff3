/**
 * `zai.videos`: `POST /videos/generations` and the task's `GET /async-result/{id}`.
 *
 * @since 0.1.0
 */
import type { AsyncTasks, Videos as Wire } from "@zai-kit/schema"
import { Videos } from "@zai-kit/videos"
import { type Runner, collectBytes } from "../internal/runner.js"
import * as Wait from "../internal/wait.js"
import type { RequestOptions } from "../RequestOptions.js"
import type { Task, WaitOptions } from "../Tasks.js"

/**
 * A submitted video generation.
 *
 * @since 0.1.0
 */
export type VideoTask = Task<AsyncTasks.AsyncTask, Wire.AsyncVideoResult>

/**
 * `zai.videos`.
 *
 * @since 0.1.0
 */
export class VideosResource {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** Submits a video generation (the request is checked against the model's family); `wait()` gives the video. */
  async generate(params: Wire.VideoGenerationRequest, options?: RequestOptions): Promise<VideoTask> {
    const handle = await this.#runner.run((o) => Videos.Videos.use((videos) => videos.generate(params, o)), options)
    return {
      id: handle.id,
      task: handle.task,
      retrieve: (retrieveOptions) => this.retrieve(handle.id, retrieveOptions),
      wait: (waitOptions) => this.wait(handle.id, waitOptions)
    }
  }

  /** The state of a generation (`video_result` once `SUCCESS`). */
  retrieve(id: string, options?: RequestOptions): Promise<Wire.AsyncVideoResult> {
    return this.#runner.run((o) => Videos.Videos.use((videos) => videos.retrieve(id, o)), options)
  }

  /** Polls a generation until it is done. */
  wait(id: string, options?: WaitOptions): Promise<Wire.AsyncVideoResult> {
    const wait = Wait.waitOptions(options)
    return this.#runner.run(() => Videos.Videos.use((videos) => videos.waitFor(id, wait)), Wait.callOptions(options))
  }

  /** The bytes of a generated video's URL. */
  download(url: string, options?: RequestOptions): Promise<Uint8Array> {
    return this.#runner.run((o) => Videos.Videos.use((videos) => collectBytes(videos.download(url, o))), options)
  }
}
