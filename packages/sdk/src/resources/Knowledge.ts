/**
 * `zai.knowledge`: knowledge bases (`/knowledge`) and their documents (`/document`, uploads through `POST /files`).
 *
 * @since 0.1.0
 */
import { Files } from "@zai-kit/files"
import { Knowledge } from "@zai-kit/knowledge"
import type { Files as FileSchemas, Knowledge as Schemas } from "@zai-kit/schema"
import { Effect, Stream } from "effect"
import type { Runner } from "../internal/runner.js"
import * as Wait from "../internal/wait.js"
import type { PagePromise } from "../Pagination.js"
import type { RequestOptions } from "../RequestOptions.js"
import type { WaitOptions } from "../Tasks.js"

/**
 * `zai.knowledge.documents`.
 *
 * @since 0.1.0
 */
export class KnowledgeDocuments {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** Uploads documents (a file and/or URLs) into a knowledge base (`POST /files`, purpose `retrieval`). */
  upload(params: Files.KnowledgeUploadRequest, options?: RequestOptions): Promise<FileSchemas.KnowledgeUploadResult> {
    return this.#runner.run((o) => Files.Files.use((files) => files.uploadKnowledge(params, o)), options)
  }

  /** Changes a document's settings. */
  update(id: string, params: Schemas.UpdateDocumentRequest, options?: RequestOptions): Promise<void> {
    return this.#runner.run((o) => Knowledge.Knowledge.use((knowledge) => knowledge.updateDocument(id, params, o)), options)
  }

  /** One document (with its embedding state). */
  retrieve(id: string, options?: RequestOptions): Promise<Schemas.KnowledgeDocument> {
    return this.#runner.run((o) => Knowledge.Knowledge.use((knowledge) => knowledge.retrieveDocument(id, o)), options)
  }

  /** Deletes a document. */
  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.#runner.run((o) => Knowledge.Knowledge.use((knowledge) => knowledge.deleteDocument(id, o)), options)
  }

  /** Polls a document until it is embedded (a failed embedding rejects with `TaskFailedError`). */
  wait(id: string, options?: WaitOptions): Promise<Schemas.KnowledgeDocument> {
    const wait = Wait.waitOptions(options)
    return this.#runner.run(
      () => Knowledge.Knowledge.use((knowledge) => knowledge.waitForEmbedding(id, wait)),
      Wait.callOptions(options)
    )
  }
}

/**
 * `zai.knowledge`.
 *
 * @since 0.1.0
 */
export class KnowledgeResource {
  readonly #runner: Runner
  /** `/document/{id}` and document uploads. */
  readonly documents: KnowledgeDocuments

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
    this.documents = new KnowledgeDocuments(runner)
  }

  /** Creates a knowledge base. */
  create(params: Schemas.CreateKnowledgeRequest, options?: RequestOptions): Promise<Schemas.KnowledgeInfo> {
    return this.#runner.run((o) => Knowledge.Knowledge.use((knowledge) => knowledge.create(params, o)), options)
  }

  /** Changes a knowledge base. */
  update(id: string, params: Schemas.UpdateKnowledgeRequest, options?: RequestOptions): Promise<void> {
    return this.#runner.run((o) => Knowledge.Knowledge.use((knowledge) => knowledge.update(id, params, o)), options)
  }

  /** Awaited: the first page of knowledge bases; iterated: every one of every page. */
  list(params?: Knowledge.ListParams, options?: RequestOptions): PagePromise<Schemas.KnowledgeList, Schemas.KnowledgeInfo> {
    return this.#runner.page(
      (o) => Knowledge.Knowledge.use((knowledge) => knowledge.listPage(params, o)),
      (o) => Stream.unwrap(Knowledge.Knowledge.use((knowledge) => Effect.succeed(knowledge.list(params, o)))),
      options
    )
  }

  /** Deletes a knowledge base. */
  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.#runner.run((o) => Knowledge.Knowledge.use((knowledge) => knowledge.delete(id, o)), options)
  }

  /** How much of the account's knowledge capacity is used. */
  capacity(options?: RequestOptions): Promise<Schemas.KnowledgeCapacity> {
    return this.#runner.run((o) => Knowledge.Knowledge.use((knowledge) => knowledge.capacity(o)), options)
  }
}
