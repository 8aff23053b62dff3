/**
 * File routes: an in-memory file store.
 *
 * - `POST /files` (multipart `file`, `purpose`) keeps the bytes, name and content type and answers the file object;
 *   `batch` and `fine-tune` uploads must be `.jsonl`. With purpose `retrieval` (`knowledge_id`, `sentence_size`,
 *   `custom_separator[]`, `upload_detail[i][field]`) the file and each URL document are added to the knowledge base
 *   (see `knowledge.ts`) and the answer is `{ successInfos, failedInfos }` (unsupported formats fail).
 * - `GET /files?purpose=&limit=&after=&order=` pages the store (newest first by default; `knowledge_id` + `page` list a
 *   knowledge base's uploads), answering `{ object: "list", data, has_more, first_id, last_id }`.
 * - `GET /files/{id}`, `DELETE /files/{id}` (`{ id, object: "file", deleted: true }`), `GET /files/{id}/content` (the
 *   bytes as uploaded, or as written by a batch).
 * - A bad field is a 400 naming it (1213 missing, 1214 invalid, 1210 not multipart); an unknown id is a 404.
 * @internal
 */
import { Files as FileSchemas } from "@zai-kit/schema"
import { Result } from "effect"
import { digest } from "../hash.js"
import * as Multipart from "../multipart.js"
import * as Reply from "../reply.js"
import type { Route, RouteContext } from "../router.js"
import type { State, StoreKey } from "../state.js"
import * as Knowledge from "./knowledge.js"

/** A file in the simulator's store. */
export interface StoredFile {
  readonly id: string
  /** Upload order (1-based), for listing. */
  readonly order: number
  readonly filename: string
  readonly purpose: string
  readonly contentType: string
  readonly bytes: Uint8Array
  /** Unix seconds. */
  readonly createdAt: number
  /** The knowledge base of a `retrieval` upload. */
  readonly knowledgeId: string | undefined
}

interface Store {
  readonly files: Map<string, StoredFile>
  uploads: number
}

const storeKey: StoreKey<Store> = { name: "files", make: () => ({ files: new Map(), uploads: 0 }) }

/** What a new file is made of. */
export interface NewFile {
  readonly filename: string
  readonly purpose: string
  readonly contentType: string
  readonly bytes: Uint8Array
  readonly knowledgeId?: string | undefined
}

/** Stores a file (an upload, or a file the simulator writes itself, such as a batch's output) and returns it. */
export const putFile = (state: State, file: NewFile): StoredFile => {
  const store = state.store(storeKey)
  const order = ++store.uploads
  const id = `file-${digest(`${state.options.seed}:file:${state.nextSequence()}:${file.purpose}:${file.filename}`).slice(0, 24)}`
  const stored: StoredFile = {
    id,
    order,
    filename: file.filename,
    purpose: file.purpose,
    contentType: file.contentType,
    bytes: file.bytes,
    createdAt: Math.floor(Date.now() / 1000),
    knowledgeId: file.knowledgeId
  }
  store.files.set(id, stored)
  return stored
}

/** A stored file by id. */
export const getFile = (state: State, id: string): StoredFile | undefined => state.store(storeKey).files.get(id)

/** Removes a stored file; whether it existed. */
export const deleteFile = (state: State, id: string): boolean => state.store(storeKey).files.delete(id)

/** The wire form of a file. */
export const fileJson = (file: StoredFile): Record<string, unknown> => ({
  id: file.id,
  object: "file",
  bytes: file.bytes.length,
  filename: file.filename,
  purpose: file.purpose,
  created_at: file.createdAt,
  status: "processed",
  status_details: null
})

/** 404 for an unknown file id ("404" is not a business code, so clients fall back to the status: not found). */
export const fileNotFound = (id: string): Reply.ErrorReply => Reply.error(404, "404", `No file with id ${id}.`)

const decoder = new TextDecoder()
const encoder = new TextEncoder()

const extensionOf = (filename: string): string => {
  const dot = filename.lastIndexOf(".")
  return dot === -1 ? "" : filename.slice(dot + 1).toLowerCase()
}

/** Formats a knowledge base accepts. */
const knowledgeFormats = new Set(["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "md", "csv", "json", "jsonl", "html"])
const textFormats = new Set(["txt", "md", "csv", "json", "jsonl", "html"])

const intField = (form: Multipart.Form, field: string): Result.Result<number | undefined, Reply.ErrorReply> => {
  const text = form.text(field)
  if (text === undefined || text === "") return Result.succeed(undefined)
  const value = Number(text)
  return Number.isInteger(value) && value >= 1
    ? Result.succeed(value)
    : Result.fail(Reply.fieldInvalid(field, `must be a positive integer, got ${JSON.stringify(text)}`))
}

interface UrlDocument {
  readonly field: string
  readonly url: string
  readonly knowledgeType: number
  readonly fileName: string | undefined
}

/** The `upload_detail[i][field]` documents of a knowledge upload (also `upload_detail[][field]`, one per `url`). */
const uploadDetails = (form: Multipart.Form): Result.Result<ReadonlyArray<UrlDocument>, Reply.ErrorReply> => {
  const groups = new Map<string, Map<string, string>>()
  let unindexed = -1
  for (const part of form.parts) {
    const match = /^upload_detail\[(\d*)\]\[([A-Za-z_]+)\](?:\[\])?$/.exec(part.name)
    if (match === null) continue
    const [, index = "", key = ""] = match
    if (index === "" && key === "url") unindexed++
    const group = index === "" ? `u${Math.max(0, unindexed)}` : index
    const fields = groups.get(group) ?? new Map<string, string>()
    if (!fields.has(key)) fields.set(key, decoder.decode(part.bytes))
    groups.set(group, fields)
  }
  const out: Array<UrlDocument> = []
  for (const [group, fields] of groups) {
    const field = group.startsWith("u") ? "upload_detail[]" : `upload_detail[${group}]`
    const url = fields.get("url")
    if (url === undefined || url === "") return Result.fail(Reply.fieldMissing(`${field}[url]`))
    if (!/^https?:\/\/\S+$/i.test(url)) return Result.fail(Reply.fieldInvalid(`${field}[url]`, `must be an http(s) URL, got ${JSON.stringify(url)}`))
    const type = fields.get("knowledge_type")
    if (type === undefined) return Result.fail(Reply.fieldMissing(`${field}[knowledge_type]`))
    const knowledgeType = Number(type)
    if (!Number.isInteger(knowledgeType) || knowledgeType < 1) {
      return Result.fail(Reply.fieldInvalid(`${field}[knowledge_type]`, `must be a positive integer, got ${JSON.stringify(type)}`))
    }
    out.push({ field, url, knowledgeType, fileName: fields.get("file_name") })
  }
  return Result.succeed(out)
}

const knowledgeUpload = (ctx: RouteContext, form: Multipart.Form): Reply.Reply => {
  const knowledgeId = form.text("knowledge_id")
  if (knowledgeId === undefined || knowledgeId === "") return Reply.fieldMissing("knowledge_id")
  const sentenceSize = intField(form, "sentence_size")
  if (Result.isFailure(sentenceSize)) return sentenceSize.failure
  const details = uploadDetails(form)
  if (Result.isFailure(details)) return details.failure
  const file = form.get("file")
  if (file === undefined && details.success.length === 0) return Reply.fieldMissing("file")
  const successInfos: Array<Record<string, unknown>> = []
  const failedInfos: Array<Record<string, unknown>> = []
  if (file !== undefined) {
    const filename = file.filename ?? "file"
    const extension = extensionOf(filename)
    if (!knowledgeFormats.has(extension)) {
      failedInfos.push({ failReason: `Unsupported file format: .${extension || "(none)"}`, filename, documentId: null })
    } else {
      const added = Knowledge.addDocument(ctx.state, knowledgeId, {
        name: filename,
        text: textFormats.has(extension) ? decoder.decode(file.bytes) : undefined
      })
      if (Result.isFailure(added)) return added.failure
      putFile(ctx.state, {
        filename,
        purpose: "retrieval",
        contentType: file.contentType ?? "application/octet-stream",
        bytes: file.bytes,
        knowledgeId
      })
      successInfos.push({ documentId: added.success.id, filename })
    }
  }
  for (const detail of details.success) {
    const name = detail.fileName ?? detail.url.replace(/^.*\//, "")
    const added = Knowledge.addDocument(ctx.state, knowledgeId, { name, url: detail.url, knowledgeType: detail.knowledgeType })
    if (Result.isFailure(added)) return added.failure
    successInfos.push({ documentId: added.success.id, filename: name })
  }
  return Reply.json({ successInfos, failedInfos })
}

const upload = (ctx: RouteContext): Reply.Reply => {
  const form = Multipart.formOf(ctx)
  if (Result.isFailure(form)) return form.failure
  const purpose = form.success.text("purpose")
  if (purpose === undefined || purpose === "") return Reply.fieldMissing("purpose")
  if (!(FileSchemas.KnownFilePurposes as ReadonlyArray<string>).includes(purpose)) {
    return Reply.fieldInvalid("purpose", `must be one of ${FileSchemas.KnownFilePurposes.join(", ")}, got ${JSON.stringify(purpose)}`)
  }
  if (purpose === "retrieval") return knowledgeUpload(ctx, form.success)
  const file = form.success.get("file")
  if (file === undefined) return Reply.fieldMissing("file")
  if (file.filename === undefined) return Reply.fieldInvalid("file", "must be a file part (with a filename)")
  if (file.bytes.length === 0) return Reply.fieldInvalid("file", "the file is empty")
  if ((purpose === "batch" || purpose === "fine-tune") && extensionOf(file.filename) !== "jsonl") {
    return Reply.fieldInvalid("file", `a ${purpose} file must be .jsonl, got ${JSON.stringify(file.filename)}`)
  }
  const stored = putFile(ctx.state, {
    filename: file.filename,
    purpose,
    contentType: file.contentType ?? "application/octet-stream",
    bytes: file.bytes
  })
  return Reply.json(fileJson(stored))
}

const queryInt = (query: URLSearchParams, field: string, fallback: number, max: number): Result.Result<number, Reply.ErrorReply> => {
  const text = query.get(field)
  if (text === null || text === "") return Result.succeed(fallback)
  const value = Number(text)
  return Number.isInteger(value) && value >= 1 && value <= max
    ? Result.succeed(value)
    : Result.fail(Reply.fieldInvalid(field, `must be an integer from 1 to ${max}, got ${JSON.stringify(text)}`))
}

const list = (ctx: RouteContext): Reply.Reply => {
  const query = ctx.query
  const limit = queryInt(query, "limit", 20, 10_000)
  if (Result.isFailure(limit)) return limit.failure
  const page = queryInt(query, "page", 1, 1_000_000)
  if (Result.isFailure(page)) return page.failure
  const order = query.get("order") ?? "desc"
  if (order !== "asc" && order !== "desc") return Reply.fieldInvalid("order", `must be asc or desc, got ${JSON.stringify(order)}`)
  const purpose = query.get("purpose")
  if (purpose !== null && !(FileSchemas.KnownFilePurposes as ReadonlyArray<string>).includes(purpose)) {
    return Reply.fieldInvalid("purpose", `must be one of ${FileSchemas.KnownFilePurposes.join(", ")}, got ${JSON.stringify(purpose)}`)
  }
  const knowledgeId = query.get("knowledge_id")
  const files = [...ctx.state.store(storeKey).files.values()]
    .filter((f) => (purpose === null || f.purpose === purpose) && (knowledgeId === null || f.knowledgeId === knowledgeId))
    .sort((a, b) => (order === "asc" ? a.order - b.order : b.order - a.order))
  let start = 0
  const after = query.get("after")
  if (after !== null && after !== "") {
    const index = files.findIndex((f) => f.id === after)
    if (index === -1) return Reply.fieldInvalid("after", `no file with id ${JSON.stringify(after)} in this list`)
    start = index + 1
  } else if (knowledgeId !== null) {
    start = (page.success - 1) * limit.success
  }
  const data = files.slice(start, start + limit.success)
  return Reply.json({
    object: "list",
    data: data.map(fileJson),
    has_more: start + data.length < files.length,
    first_id: data[0]?.id ?? null,
    last_id: data[data.length - 1]?.id ?? null
  })
}

const retrieve = (ctx: RouteContext): Reply.Reply => {
  const id = ctx.params.id ?? ""
  const file = getFile(ctx.state, id)
  return file === undefined ? fileNotFound(id) : Reply.json(fileJson(file))
}

const remove = (ctx: RouteContext): Reply.Reply => {
  const id = ctx.params.id ?? ""
  return deleteFile(ctx.state, id) ? Reply.json({ id, object: "file", deleted: true }) : fileNotFound(id)
}

const content = (ctx: RouteContext): Reply.Reply => {
  const id = ctx.params.id ?? ""
  const file = getFile(ctx.state, id)
  if (file === undefined) return fileNotFound(id)
  const disposition = `attachment; filename="${file.filename.replace(/["\\\r\n]/g, "_")}"`
  return { ...Reply.raw(200, file.contentType, file.bytes), headers: { "content-disposition": disposition } }
}

/** The bytes of a text, for files the simulator writes. */
export const textBytes = (text: string): Uint8Array => encoder.encode(text)

/** File routes. */
export const routes: ReadonlyArray<Route> = [
  { method: "POST", path: "/files", handle: upload },
  { method: "GET", path: "/files", handle: list },
  { method: "GET", path: "/files/:id", handle: retrieve },
  { method: "DELETE", path: "/files/:id", handle: remove },
  { method: "GET", path: "/files/:id/content", handle: content }
]
