/**
 * Knowledge routes (legacy bigmodel surface): knowledge bases, their capacity, and their documents.
 *
 * - `POST /knowledge` and `PUT /knowledge/{id}` validate the body with the `@zai-kit/schema` request schemas (unknown
 *   keys ignored, as the real API does) and answer 400 with code 1213/1214 naming the bad field.
 * - `GET /knowledge?page=&size=` pages in creation order (`size` 1–100, default 10) and answers `{ list, object, total }`.
 * - `PUT`/`DELETE /knowledge/{id}`, `PUT`/`DELETE /document/{id}` answer 200 with an empty body, as the real API does.
 * - `GET /knowledge/capacity` sums the stored documents (`used`) against a fixed `total`.
 * - Documents come from the simulator-only `POST /knowledge/{id}/documents` (`{ name, text?, url?, knowledge_type? }`),
 *   or from another route through `addDocument`. Each `GET /document/{id}` is one poll: `embedding_stat` is `0`
 *   (embedding) until `asyncPolls` polls were answered, then `1` (done), as the legacy `zhipuai` SDK reads it. The
 *   fault `task-failed` on the seeding request makes embedding fail instead (`embedding_stat: 2` with `failInfo`);
 *   `PUT /document/{id}` starts embedding over.
 * @internal
 */
import { Knowledge } from "@zai-kit/schema"
import { Result, Schema } from "effect"
import { digest, stableStringify } from "../hash.js"
import * as Reply from "../reply.js"
import { jsonBody, schemaProblem } from "../requestCheck.js"
import type { Route, RouteContext } from "../router.js"
import type { State, StoreKey } from "../state.js"
import * as Text from "../text.js"

/** A knowledge base in the simulator. */
interface KnowledgeBase {
  readonly id: string
  name: string
  description: string | undefined
  embeddingId: number
  background: string | undefined
  icon: string | undefined
  readonly customerIdentifier: string | undefined
  readonly bucketId: string | undefined
}

/** A document in the simulator. */
interface KnowledgeDocument {
  readonly id: string
  readonly knowledgeId: string
  readonly name: string
  readonly url: string
  readonly length: number
  readonly wordNum: number
  knowledgeType: number
  customSeparator: ReadonlyArray<string>
  sentenceSize: number
  /** Polls answered since embedding (re)started. */
  polls: number
  readonly fail: { readonly code: number; readonly message: string } | undefined
}

/** Knowledge bases and documents, in creation order. */
interface Store {
  readonly bases: Map<string, KnowledgeBase>
  readonly documents: Map<string, KnowledgeDocument>
}

const storeKey: StoreKey<Store> = { name: "knowledge", make: () => ({ bases: new Map(), documents: new Map() }) }

/** The fixed capacity of the account. */
export const totalCapacity = { word_num: 500_000, length: 104_857_600 } as const

const decodeOptions = { onExcessProperty: "ignore", errors: "first" } as const
const decodeCreate = Schema.decodeUnknownResult(Knowledge.CreateKnowledgeRequest, decodeOptions)
const decodeUpdate = Schema.decodeUnknownResult(Knowledge.UpdateKnowledgeRequest, decodeOptions)
const decodeUpdateDocument = Schema.decodeUnknownResult(Knowledge.UpdateDocumentRequest, decodeOptions)


/** A 200 answer with an empty body. */
const empty = (): Reply.Reply => Reply.raw(200, "application/json", "")

const knowledgeNotFound = (id: string) => Reply.error(404, "404", `No knowledge base with id ${id}.`)
const documentNotFound = (id: string) => Reply.error(404, "404", `No document with id ${id}.`)

const documentsOf = (store: Store, knowledgeId: string): ReadonlyArray<KnowledgeDocument> =>
  [...store.documents.values()].filter((d) => d.knowledgeId === knowledgeId)

const baseJson = (store: Store, base: KnowledgeBase): Record<string, unknown> => {
  const documents = documentsOf(store, base.id)
  return {
    id: base.id,
    name: base.name,
    description: base.description ?? null,
    embedding_id: base.embeddingId,
    background: base.background ?? null,
    icon: base.icon ?? null,
    customer_identifier: base.customerIdentifier ?? null,
    bucket_id: base.bucketId ?? null,
    document_size: documents.length,
    length: documents.reduce((n, d) => n + d.length, 0),
    word_num: documents.reduce((n, d) => n + d.wordNum, 0)
  }
}

/** The embedding state a poll reports (before it is counted). */
const embedding = (document: KnowledgeDocument, asyncPolls: number): { readonly stat: number; readonly failed: boolean } => {
  if (document.polls < asyncPolls) return { stat: 0, failed: false }
  return document.fail === undefined ? { stat: 1, failed: false } : { stat: 2, failed: true }
}

const documentJson = (document: KnowledgeDocument, asyncPolls: number): Record<string, unknown> => {
  const state = embedding(document, asyncPolls)
  return {
    id: document.id,
    knowledge_id: document.knowledgeId,
    name: document.name,
    url: document.url,
    length: document.length,
    word_num: document.wordNum,
    knowledge_type: document.knowledgeType,
    custom_separator: document.customSeparator,
    sentence_size: document.sentenceSize,
    embedding_stat: state.stat,
    failInfo:
      state.failed && document.fail !== undefined
        ? { embedding_code: document.fail.code, embedding_msg: document.fail.message }
        : null
  }
}

/** What a new document is made of. */
export interface NewDocument {
  readonly name: string
  /** The document's text (its words and bytes are counted); a deterministic size is made up when absent. */
  readonly text?: string | undefined
  readonly url?: string | undefined
  readonly knowledgeType?: number | undefined
  /** Embedding ends in failure (`failInfo`) instead of success. */
  readonly fail?: boolean | undefined
}

/**
 * Adds a document to a knowledge base (for `POST /files` with purpose `retrieval`, or the seeding route);
 * fails with a 404 reply when the knowledge base does not exist.
 */
export const addDocument = (
  state: State,
  knowledgeId: string,
  document: NewDocument
): Result.Result<Record<string, unknown>, Reply.ErrorReply> => {
  const store = state.store(storeKey)
  if (!store.bases.has(knowledgeId)) return Result.fail(knowledgeNotFound(knowledgeId))
  const seq = state.nextSequence()
  const id = `doc-${digest(`${state.options.seed}:document:${knowledgeId}:${seq}:${document.name}`)}`
  const hash = Number.parseInt(id.slice(4, 10), 16)
  const text = document.text
  const created: KnowledgeDocument = {
    id,
    knowledgeId,
    name: document.name,
    url: document.url ?? `https://sim.zai.local/knowledge/${knowledgeId}/${encodeURIComponent(document.name)}`,
    length: text === undefined ? 1_000 + (hash % 9_000) : Buffer.byteLength(text),
    wordNum: text === undefined ? 200 + (hash % 1_800) : Text.words(text).length,
    knowledgeType: document.knowledgeType ?? 1,
    customSeparator: ["\n"],
    sentenceSize: 300,
    polls: 0,
    fail: document.fail === true ? { code: 10001, message: "Knowledge unavailable: the knowledge base is full." } : undefined
  }
  store.documents.set(id, created)
  return Result.succeed(documentJson(created, state.options.asyncPolls))
}

const createKnowledge = (ctx: RouteContext): Reply.Reply => {
  const body = jsonBody(ctx)
  if (Result.isFailure(body)) return body.failure
  const decoded = decodeCreate(body.success)
  if (Result.isFailure(decoded)) return schemaProblem(decoded.failure)
  const request = decoded.success
  const store = ctx.state.store(storeKey)
  const id = `kb-${digest(`${ctx.state.options.seed}:knowledge:${ctx.state.nextSequence()}:${stableStringify(body.success)}`)}`
  const base: KnowledgeBase = {
    id,
    name: request.name,
    description: request.description,
    embeddingId: request.embedding_id,
    background: request.background,
    icon: request.icon,
    customerIdentifier: request.customer_identifier,
    bucketId: request.bucket_id
  }
  store.bases.set(id, base)
  return Reply.json(baseJson(store, base))
}

const updateKnowledge = (ctx: RouteContext): Reply.Reply => {
  const id = ctx.params.id ?? ""
  const store = ctx.state.store(storeKey)
  const base = store.bases.get(id)
  if (base === undefined) return knowledgeNotFound(id)
  const body = jsonBody(ctx)
  if (Result.isFailure(body)) return body.failure
  const decoded = decodeUpdate(body.success)
  if (Result.isFailure(decoded)) return schemaProblem(decoded.failure)
  const update = decoded.success
  if (update.name !== undefined) base.name = update.name
  if (update.description !== undefined) base.description = update.description
  if (update.embedding_id !== undefined) base.embeddingId = update.embedding_id
  if (update.background !== undefined) base.background = update.background
  if (update.icon !== undefined) base.icon = update.icon
  return empty()
}

const positiveInt = (query: URLSearchParams, field: string, fallback: number, max: number): Result.Result<number, Reply.ErrorReply> => {
  const text = query.get(field)
  if (text === null) return Result.succeed(fallback)
  const n = Number(text)
  if (text.trim() === "" || !Number.isInteger(n) || n < 1 || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? "an integer ≥ 1" : `an integer from 1 to ${max}`
    return Result.fail(Reply.fieldInvalid(field, `expected ${range}, got ${JSON.stringify(text)}`))
  }
  return Result.succeed(n)
}

const listKnowledge = (ctx: RouteContext): Reply.Reply => {
  const page = positiveInt(ctx.query, "page", 1, Number.MAX_SAFE_INTEGER)
  if (Result.isFailure(page)) return page.failure
  const size = positiveInt(ctx.query, "size", 10, 100)
  if (Result.isFailure(size)) return size.failure
  const store = ctx.state.store(storeKey)
  const all = [...store.bases.values()]
  const start = (page.success - 1) * size.success
  return Reply.json({
    object: "list",
    list: all.slice(start, start + size.success).map((base) => baseJson(store, base)),
    total: all.length
  })
}

const deleteKnowledge = (ctx: RouteContext): Reply.Reply => {
  const id = ctx.params.id ?? ""
  const store = ctx.state.store(storeKey)
  if (!store.bases.delete(id)) return knowledgeNotFound(id)
  for (const document of documentsOf(store, id)) store.documents.delete(document.id)
  return empty()
}

const capacity = (ctx: RouteContext): Reply.Reply => {
  const documents = [...ctx.state.store(storeKey).documents.values()]
  return Reply.json({
    used: {
      word_num: documents.reduce((n, d) => n + d.wordNum, 0),
      length: documents.reduce((n, d) => n + d.length, 0)
    },
    total: totalCapacity
  })
}

const seedDocument = (ctx: RouteContext): Reply.Reply => {
  const body = jsonBody(ctx)
  if (Result.isFailure(body)) return body.failure
  const { name, text, url, knowledge_type } = body.success
  if (name === undefined) return Reply.fieldMissing("name")
  if (typeof name !== "string" || name === "") return Reply.fieldInvalid("name", "expected a non-empty string")
  if (text !== undefined && typeof text !== "string") return Reply.fieldInvalid("text", "expected a string")
  if (url !== undefined && typeof url !== "string") return Reply.fieldInvalid("url", "expected a string")
  if (knowledge_type !== undefined && (typeof knowledge_type !== "number" || ![1, 2, 3, 4, 5].includes(knowledge_type))) {
    return Reply.fieldInvalid("knowledge_type", "expected 1 | 2 | 3 | 4 | 5")
  }
  const added = addDocument(ctx.state, ctx.params.id ?? "", {
    name,
    text,
    url,
    knowledgeType: knowledge_type,
    fail: ctx.fault?.kind === "task-failed"
  })
  return Result.isFailure(added) ? added.failure : Reply.json(added.success)
}

const updateDocument = (ctx: RouteContext): Reply.Reply => {
  const id = ctx.params.id ?? ""
  const document = ctx.state.store(storeKey).documents.get(id)
  if (document === undefined) return documentNotFound(id)
  const body = jsonBody(ctx)
  if (Result.isFailure(body)) return body.failure
  const decoded = decodeUpdateDocument(body.success)
  if (Result.isFailure(decoded)) return schemaProblem(decoded.failure)
  const update = decoded.success
  document.knowledgeType = update.knowledge_type
  if (update.custom_separator !== undefined) document.customSeparator = update.custom_separator
  if (update.sentence_size !== undefined) document.sentenceSize = update.sentence_size
  // re-slicing starts embedding over
  document.polls = 0
  return empty()
}

const retrieveDocument = (ctx: RouteContext): Reply.Reply => {
  const id = ctx.params.id ?? ""
  const document = ctx.state.store(storeKey).documents.get(id)
  if (document === undefined) return documentNotFound(id)
  const answer = documentJson(document, ctx.state.options.asyncPolls)
  document.polls++
  return Reply.json(answer)
}

const deleteDocument = (ctx: RouteContext): Reply.Reply => {
  const id = ctx.params.id ?? ""
  if (!ctx.state.store(storeKey).documents.delete(id)) return documentNotFound(id)
  return empty()
}

/** Knowledge routes. */
export const routes: ReadonlyArray<Route> = [
  { method: "POST", path: "/knowledge", handle: createKnowledge },
  { method: "GET", path: "/knowledge", handle: listKnowledge },
  { method: "GET", path: "/knowledge/capacity", handle: capacity },
  { method: "PUT", path: "/knowledge/:id", handle: updateKnowledge },
  { method: "DELETE", path: "/knowledge/:id", handle: deleteKnowledge },
  { method: "POST", path: "/knowledge/:id/documents", handle: seedDocument },
  { method: "PUT", path: "/document/:id", handle: updateDocument },
  { method: "GET", path: "/document/:id", handle: retrieveDocument },
  { method: "DELETE", path: "/document/:id", handle: deleteDocument }
]
