/**
 * `zai.fineTuning`: jobs (`/fine_tuning/jobs`) and fine-tuned models (`/fine_tuning/fine_tuned_models`).
 *
 * @since 0.1.0
 */
import { FineTuning } from "@zai-kit/fine-tuning"
import type { FineTuning as Schemas } from "@zai-kit/schema"
import { Effect, Stream } from "effect"
import type { Runner } from "../internal/runner.js"
import * as Wait from "../internal/wait.js"
import type { PagePromise } from "../Pagination.js"
import type { RequestOptions } from "../RequestOptions.js"
import type { WaitOptions } from "../Tasks.js"

/**
 * `zai.fineTuning.jobs`.
 *
 * @since 0.1.0
 */
export class Jobs {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** Creates a fine-tuning job. */
  create(params: Schemas.CreateFineTuningJobRequest, options?: RequestOptions): Promise<Schemas.FineTuningJob> {
    return this.#runner.run((o) => FineTuning.FineTuning.use((ft) => ft.create(params, o)), options)
  }

  /** Awaited: the first page of jobs; iterated: every job of every page. */
  list(
    params?: Schemas.ListParams,
    options?: RequestOptions
  ): PagePromise<Schemas.FineTuningJobList, Schemas.FineTuningJob> {
    return this.#runner.page(
      (o) => FineTuning.FineTuning.use((ft) => ft.listPage(params, o)),
      (o) => Stream.unwrap(FineTuning.FineTuning.use((ft) => Effect.succeed(ft.list(params, o)))),
      options
    )
  }

  /** One job's state. */
  retrieve(id: string, options?: RequestOptions): Promise<Schemas.FineTuningJob> {
    return this.#runner.run((o) => FineTuning.FineTuning.use((ft) => ft.retrieve(id, o)), options)
  }

  /** Cancels a job. */
  cancel(id: string, options?: RequestOptions): Promise<Schemas.FineTuningJob> {
    return this.#runner.run((o) => FineTuning.FineTuning.use((ft) => ft.cancel(id, o)), options)
  }

  /** Deletes a job. */
  delete(id: string, options?: RequestOptions): Promise<Schemas.FineTuningJob> {
    return this.#runner.run((o) => FineTuning.FineTuning.use((ft) => ft.delete(id, o)), options)
  }

  /** Awaited: the first page of a job's events; iterated: every event of every page. */
  listEvents(
    id: string,
    params?: Schemas.ListParams,
    options?: RequestOptions
  ): PagePromise<Schemas.FineTuningJobEventList, Schemas.FineTuningJobEvent> {
    return this.#runner.page(
      (o) => FineTuning.FineTuning.use((ft) => ft.eventsPage(id, params, o)),
      (o) => Stream.unwrap(FineTuning.FineTuning.use((ft) => Effect.succeed(ft.events(id, params, o)))),
      options
    )
  }

  /** Polls a job until `succeeded` or `cancelled` (`failed` rejects with `TaskFailedError`). */
  wait(id: string, options?: WaitOptions): Promise<Schemas.FineTuningJob> {
    const wait = Wait.waitOptions(options)
    return this.#runner.run(() => FineTuning.FineTuning.use((ft) => ft.waitFor(id, wait)), Wait.callOptions(options))
  }
}

/**
 * `zai.fineTuning.models`.
 *
 * @since 0.1.0
 */
export class Models {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** Deletes a fine-tuned model. */
  delete(model: string, options?: RequestOptions): Promise<Schemas.FineTunedModelDeleted> {
    return this.#runner.run((o) => FineTuning.FineTuning.use((ft) => ft.deleteModel(model, o)), options)
  }
}

/**
 * `zai.fineTuning`.
 *
 * @since 0.1.0
 */
export class FineTuningResource {
  /** `/fine_tuning/jobs`. */
  readonly jobs: Jobs
  /** `/fine_tuning/fine_tuned_models`. */
  readonly models: Models

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.jobs = new Jobs(runner)
    this.models = new Models(runner)
  }
}
