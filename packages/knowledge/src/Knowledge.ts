/**
 * The `Knowledge` service: knowledge bases (`create`, `update`, `list`, `listPage`, `delete`, `capacity`) and their
 * documents (`updateDocument`, `retrieveDocument`, `deleteDocument`, `waitForEmbedding`) over `ZaiClient`.
 *
 * These endpoints come from the legacy bigmodel surface (`open.bigmodel.cn`, the `zhipuai` v4 SDKs); they may not
 * exist on `api.z.ai`. Documents are uploaded through `POST /files` (purpose `retrieval`, with `knowledge_id`),
 * which belongs to the files package.
 *
 * Every input is validated first (strictly, with errors that name the field: `InvalidRequestInput`), so a bad
 * request fails before anything is sent. `list` is a `Stream` that fetches its pages (`page` + `size`) lazily.
 *
 * ```ts
 * const kb = yield* Knowledge.use((k) => k.create({ embedding_id: 3, name: "Manuals" }))
 * ```
 *
 * @since 0.1.0
 */
import { type InputValidation, Knowledge as Schemas } from "@zai-kit/schema"
import { AsyncResult, Paging, Polling, type RequestOptions, ZaiClient, type ZaiError } from "@zai-kit/transport"
import { Context, type Duration, Effect, Layer, type Schedule, Schema, Stream } from "effect"

/**
 * Everything a knowledge call can fail with: a rejected input (before the wire) or a `ZaiError`.
 *
 * @since 0.1.0
 */
export type KnowledgeError = InputValidation.InvalidRequestInput | ZaiError.ZaiError

/**
 * Where the embedding of a document stands: `embedding` (`embedding_stat` 0), `done` (1), `failed` (2, or any
 * `failInfo` carrying a code or message), `pending` (absent, or a value this SDK does not know: keep polling).
 *
 * This is the meaning of the legacy `zhipuai` SDK, the only SDK with this endpoint: 0 = embedding, 1 = done,
 * 2 = failed (with `failInfo`). A failure's `failInfo` is checked first. Pass your own `isDone` / `isFailed` to
 * `waitForEmbedding` if your account answers otherwise.
 *
 * @since 0.1.0
 */
export type EmbeddingState = "pending" | "embedding" | "done" | "failed"

/**
 * Whether a document's `failInfo` reports a failure (a non-zero code or a non-empty message).
 *
 * @since 0.1.0
 */
export const hasFailInfo = (document: Schemas.KnowledgeDocument): boolean => {
  const info = document.failInfo
  if (info === undefined || info === null) return false
  const code = info.embedding_code
  const message = info.embedding_msg
  return (code !== undefined && code !== null && code !== 0 && code !== "" && code !== "0") ||
    (typeof message === "string" && message !== "")
}

/**
 * The embedding state of a document (see `EmbeddingState`).
 *
 * @since 0.1.0
 */
export const embeddingState = (document: Schemas.KnowledgeDocument): EmbeddingState => {
  if (hasFailInfo(document) || document.embedding_stat === 2) return "failed"
  if (document.embedding_stat === 1) return "done"
  if (document.embedding_stat === 0) return "embedding"
  return "pending"
}

/**
 * Options of `waitForEmbedding`.
 *
 * @since 0.1.0
 */
export interface WaitOptions {
  /** Delay between polls (default `Polling.defaultSchedule`: exponential from 1 s, capped at 10 s). */
  readonly schedule?: Schedule.Schedule<unknown, unknown> | undefined
  /** Overall limit (default `Polling.defaultTimeout`, 10 minutes); then `TimeoutError` with `kind: "poll"`. */
  readonly timeout?: Duration.Input | undefined
  /** Per-call overrides applied to every poll. */
  readonly requestOptions?: RequestOptions.RequestOptions | undefined
  /** When the document counts as embedded (default: `embeddingState(document) === "done"`). */
  readonly isDone?: ((document: Schemas.KnowledgeDocument) => boolean) | undefined
  /** When embedding counts as failed (default: `embeddingState(document) === "failed"`). */
  readonly isFailed?: ((document: Schemas.KnowledgeDocument) => boolean) | undefined
}

/**
 * Options of `list`: the page size and the first page.
 *
 * @since 0.1.0
 */
export type ListParams = Schemas.ListKnowledgeParams

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** `POST /knowledge`: creates a knowledge base. */
  readonly create: (
    request: Schemas.CreateKnowledgeRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.KnowledgeInfo, KnowledgeError>
  /** `PUT /knowledge/{id}`: changes a knowledge base (the API answers with an empty body). */
  readonly update: (
    id: string,
    request: Schemas.UpdateKnowledgeRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<void, KnowledgeError>
  /** `GET /knowledge`: every knowledge base, fetching pages of `size` (from `page`) as the stream is read. */
  readonly list: (
    params?: ListParams,
    options?: RequestOptions.RequestOptions
  ) => Stream.Stream<Schemas.KnowledgeInfo, KnowledgeError>
  /** `GET /knowledge?page=&size=`: one page (`{ list, object, total? }`). */
  readonly listPage: (
    params?: ListParams,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.KnowledgeList, KnowledgeError>
  /** `DELETE /knowledge/{id}`: deletes a knowledge base (empty answer). */
  readonly delete: (id: string, options?: RequestOptions.RequestOptions) => Effect.Effect<void, KnowledgeError>
  /** `GET /knowledge/capacity`: words and bytes used, and the account's total. */
  readonly capacity: (options?: RequestOptions.RequestOptions) => Effect.Effect<Schemas.KnowledgeCapacity, KnowledgeError>
  /** `PUT /document/{id}`: changes how a document is sliced (and its callback); embedding starts over. */
  readonly updateDocument: (
    id: string,
    request: Schemas.UpdateDocumentRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<void, KnowledgeError>
  /** `GET /document/{id}`: a document with its embedding status. */
  readonly retrieveDocument: (
    id: string,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Schemas.KnowledgeDocument, KnowledgeError>
  /** `DELETE /document/{id}`: deletes a document (empty answer). */
  readonly deleteDocument: (id: string, options?: RequestOptions.RequestOptions) => Effect.Effect<void, KnowledgeError>
  /**
   * Polls `GET /document/{id}` until the document is embedded (returning it); a failed embedding fails with
   * `TaskFailedError` (carrying `failInfo`'s code and message, and the document as `result`), running out of time
   * with `TimeoutError` (`kind: "poll"`).
   */
  readonly waitForEmbedding: (
    id: string,
    options?: WaitOptions
  ) => Effect.Effect<Schemas.KnowledgeDocument, KnowledgeError>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Knowledge extends Context.Service<Knowledge, Service>()("@zai-kit/knowledge/Knowledge") {
  /**
   * The service on the `ZaiClient` of the context.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<Knowledge, never, ZaiClient.ZaiClient> = Layer.effect(
    Knowledge,
    Effect.gen(function*() {
      const client = yield* ZaiClient.ZaiClient
      return make(client)
    })
  )
}

const isDocument = Schema.is(Schemas.KnowledgeDocument)

// The document's `failInfo` added to the `TaskFailedError`.
const withFailInfo = (error: ZaiError.TaskFailedError, document: Schemas.KnowledgeDocument): ZaiError.TaskFailedError => {
  const code = document.failInfo?.embedding_code
  const message = document.failInfo?.embedding_msg
  return AsyncResult.withReportedError(error, {
    code: code === undefined || code === null ? undefined : String(code),
    message: typeof message === "string" && message !== "" ? message : undefined
  })
}

/**
 * Builds the service on a client.
 *
 * @since 0.1.0
 */
export const make = (client: ZaiClient.Service): Service => {
  const create = Effect.fn("Knowledge.create")(function*(
    request: Schemas.CreateKnowledgeRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* Schemas.validateCreateRequest(request)
    return yield* client.json(
      { method: "POST", path: "/knowledge", operation: "knowledge.create", body: { _tag: "Json", value: valid }, options },
      Schemas.KnowledgeInfo
    )
  })

  const update = Effect.fn("Knowledge.update")(function*(
    id: string,
    request: Schemas.UpdateKnowledgeRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const validId = yield* Schemas.validateKnowledgeId({ id })
    const valid = yield* Schemas.validateUpdateRequest(request)
    yield* client.json(
      {
        method: "PUT",
        path: `/knowledge/${encodeURIComponent(validId.id)}`,
        operation: "knowledge.update",
        body: { _tag: "Json", value: valid },
        options
      },
      Schemas.EmptyResponse
    )
  })

  const listPage = Effect.fn("Knowledge.listPage")(function*(params?: ListParams, options?: RequestOptions.RequestOptions) {
    const valid = yield* Schemas.validateListParams(params ?? {})
    return yield* client.json(
      { method: "GET", path: "/knowledge", operation: "knowledge.list", query: { ...valid }, options },
      Schemas.KnowledgeList
    )
  })

  const list = (params?: ListParams, options?: RequestOptions.RequestOptions): Stream.Stream<Schemas.KnowledgeInfo, KnowledgeError> =>
    Stream.unwrap(
      Effect.map(Schemas.validateListParams(params ?? {}), (valid) =>
        Paging.pageNumberPages({
          fetch: ({ page, size }) =>
            Effect.map(listPage({ page, size }, options), (answer) => ({
              items: answer.list ?? [],
              ...(typeof answer.total === "number" ? { total: answer.total } : {})
            })),
          size: valid.size ?? 10,
          startPage: valid.page ?? 1
        })
      )
    )

  const remove = Effect.fn("Knowledge.delete")(function*(id: string, options?: RequestOptions.RequestOptions) {
    const valid = yield* Schemas.validateKnowledgeId({ id })
    yield* client.json(
      { method: "DELETE", path: `/knowledge/${encodeURIComponent(valid.id)}`, operation: "knowledge.delete", options },
      Schemas.EmptyResponse
    )
  })

  const capacity = Effect.fn("Knowledge.capacity")(function*(options?: RequestOptions.RequestOptions) {
    return yield* client.json(
      { method: "GET", path: "/knowledge/capacity", operation: "knowledge.capacity", options },
      Schemas.KnowledgeCapacity
    )
  })

  const updateDocument = Effect.fn("Knowledge.updateDocument")(function*(
    id: string,
    request: Schemas.UpdateDocumentRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const validId = yield* Schemas.validateDocumentId({ id })
    const valid = yield* Schemas.validateUpdateDocumentRequest(request)
    yield* client.json(
      {
        method: "PUT",
        path: `/document/${encodeURIComponent(validId.id)}`,
        operation: "knowledge.documents.update",
        body: { _tag: "Json", value: valid },
        options
      },
      Schemas.EmptyResponse
    )
  })

  const retrieveDocument = Effect.fn("Knowledge.retrieveDocument")(function*(
    id: string,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* Schemas.validateDocumentId({ id })
    return yield* client.json(
      { method: "GET", path: `/document/${encodeURIComponent(valid.id)}`, operation: "knowledge.documents.retrieve", options },
      Schemas.KnowledgeDocument
    )
  })

  const deleteDocument = Effect.fn("Knowledge.deleteDocument")(function*(id: string, options?: RequestOptions.RequestOptions) {
    const valid = yield* Schemas.validateDocumentId({ id })
    yield* client.json(
      { method: "DELETE", path: `/document/${encodeURIComponent(valid.id)}`, operation: "knowledge.documents.delete", options },
      Schemas.EmptyResponse
    )
  })

  const waitForEmbedding = Effect.fn("Knowledge.waitForEmbedding")(function*(id: string, options?: WaitOptions) {
    yield* Schemas.validateDocumentId({ id })
    const isFailed = options?.isFailed ?? ((document: Schemas.KnowledgeDocument) => embeddingState(document) === "failed")
    const isDone = options?.isDone ?? ((document: Schemas.KnowledgeDocument) => embeddingState(document) === "done")
    return yield* Polling.pollUntilDone({
      poll: retrieveDocument(id, options?.requestOptions),
      isDone: (document) => !isFailed(document) && isDone(document),
      isFailed,
      schedule: options?.schedule,
      timeout: options?.timeout,
      taskId: id,
      status: (document) =>
        document.embedding_stat === undefined || document.embedding_stat === null
          ? undefined
          : `embedding_stat ${document.embedding_stat}`
    }).pipe(
      Effect.catchTag("TaskFailedError", (error) =>
        Effect.fail(isDocument(error.result) ? withFailInfo(error, error.result) : error))
    )
  })

  return Knowledge.of({
    create,
    update,
    list,
    listPage,
    delete: remove,
    capacity,
    updateDocument,
    retrieveDocument,
    deleteDocument,
    waitForEmbedding
  })
}
