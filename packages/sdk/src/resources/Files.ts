/**
 * `zai.files` (`/files`) and `zai.batches` (`/batches`).
 *
 * @since 0.1.0
 */
import { Batches, Files } from "@zai-kit/files"
import type { Batches as BatchSchemas, Files as FileSchemas } from "@zai-kit/schema"
import { Effect, Stream } from "effect"
import { type Runner, collectBytes } from "../internal/runner.js"
import * as Wait from "../internal/wait.js"
import type { PagePromise } from "../Pagination.js"
import type { RequestOptions } from "../RequestOptions.js"
import type { WaitOptions } from "../Tasks.js"

/**
 * `zai.files`.
 *
 * @since 0.1.0
 */
export class FilesResource {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** Uploads a file (`file`: a path, bytes, a `Blob`; `purpose`: `batch`, `fine-tune`, ...). */
  create(params: Files.UploadRequest, options?: RequestOptions): Promise<FileSchemas.FileObject> {
    return this.#runner.run((o) => Files.Files.use((files) => files.upload(params, o)), options)
  }

  /** Awaited: the first page of files; iterated: every file of every page. */
  list(query?: Files.ListQuery, options?: RequestOptions): PagePromise<FileSchemas.FileList, FileSchemas.FileObject> {
    return this.#runner.page(
      (o) => Files.Files.use((files) => files.listPage(query, o)),
      (o) => Stream.unwrap(Files.Files.use((files) => Effect.succeed(files.list(query, o)))),
      options
    )
  }

  /** One file's record. */
  retrieve(fileId: string, options?: RequestOptions): Promise<FileSchemas.FileObject> {
    return this.#runner.run((o) => Files.Files.use((files) => files.retrieve(fileId, o)), options)
  }

  /** Deletes a file. */
  delete(fileId: string, options?: RequestOptions): Promise<FileSchemas.FileDeleted> {
    return this.#runner.run((o) => Files.Files.use((files) => files.delete(fileId, o)), options)
  }

  /** A file's content as bytes (a batch's results, ...). */
  content(fileId: string, options?: RequestOptions): Promise<Uint8Array> {
    return this.#runner.run((o) => Files.Files.use((files) => collectBytes(files.content(fileId, o))), options)
  }

  /** A file's content as UTF-8 text. */
  contentText(fileId: string, options?: RequestOptions): Promise<string> {
    return this.#runner.run((o) => Files.Files.use((files) => files.contentText(fileId, o)), options)
  }
}

/**
 * `zai.batches`.
 *
 * @since 0.1.0
 */
export class BatchesResource {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** Creates a batch over an uploaded `.jsonl` file. */
  create(params: BatchSchemas.BatchCreateRequest, options?: RequestOptions): Promise<BatchSchemas.Batch> {
    return this.#runner.run((o) => Batches.Batches.use((batches) => batches.create(params, o)), options)
  }

  /** One batch's state. */
  retrieve(batchId: string, options?: RequestOptions): Promise<BatchSchemas.Batch> {
    return this.#runner.run((o) => Batches.Batches.use((batches) => batches.retrieve(batchId, o)), options)
  }

  /** Awaited: the first page of batches; iterated: every batch of every page. */
  list(
    query?: BatchSchemas.BatchListQuery,
    options?: RequestOptions
  ): PagePromise<BatchSchemas.BatchList, BatchSchemas.Batch> {
    return this.#runner.page(
      (o) => Batches.Batches.use((batches) => batches.listPage(query, o)),
      (o) => Stream.unwrap(Batches.Batches.use((batches) => Effect.succeed(batches.list(query, o)))),
      options
    )
  }

  /** Cancels a batch. */
  cancel(batchId: string, options?: RequestOptions): Promise<BatchSchemas.Batch> {
    return this.#runner.run((o) => Batches.Batches.use((batches) => batches.cancel(batchId, o)), options)
  }

  /** Polls a batch until `completed` (a `failed`, `expired` or `cancelled` batch rejects with `TaskFailedError`). */
  wait(batchId: string, options?: WaitOptions): Promise<BatchSchemas.Batch> {
    const wait = Wait.waitOptions(options)
    return this.#runner.run(() => Batches.Batches.use((batches) => batches.waitFor(batchId, wait)), Wait.callOptions(options))
  }
}
