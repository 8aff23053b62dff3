/**
 * Document routes: `POST /layout_parsing` (JSON; `file` a URL, base64 or a `data:` URL), `POST /files/ocr`
 * (multipart handwriting OCR), `POST /files/parser/create` + `GET /files/parser/result/:task_id/:format_type`
 * (asynchronous parser: `processing` for the first `asyncPolls` polls, then `succeeded`, or `failed` with the
 * `task-failed` fault) and `POST /files/parser/sync`. The text they "recognise" is derived from the uploaded bytes
 * (see `../documentText.ts`); a corpus URL reads as its article, any other URL as a generated page.
 * @internal
 */
import { Documents } from "@zai-kit/schema"
import { Result } from "effect"
import * as Corpus from "../corpus/index.js"
import * as DocumentText from "../documentText.js"
import { digest } from "../hash.js"
import * as Multipart from "../multipart.js"
import * as Check from "../requestCheck.js"
import * as Reply from "../reply.js"
import type { Route, RouteContext } from "../router.js"
import * as Text from "../text.js"
import { createTask } from "./async.js"

const pageWidth = 1240
const pageHeight = 1754

const makeId = (ctx: RouteContext, prefix: string, material: string): string =>
  `${prefix}${digest(`${ctx.state.options.seed}:${ctx.path}:${material}`)}${String(ctx.state.nextSequence()).padStart(4, "0")}`

const now = () => Math.floor(Date.now() / 1000)

// -----------------------------------------------------------------------------
// POST /layout_parsing
// -----------------------------------------------------------------------------

type Source = { readonly _tag: "Bytes"; readonly bytes: Uint8Array } | { readonly _tag: "Url"; readonly url: string }

const base64Pattern = /^[A-Za-z0-9+/_-]+={0,2}$/

/** `%XX` escapes to bytes, everything else as UTF-8 (never throws, unlike `decodeURIComponent`). */
const percentDecode = (text: string): Uint8Array => {
  const bytes: Array<number> = []
  const encoder = new TextEncoder()
  for (let i = 0; i < text.length; i++) {
    const percent = /^%([0-9a-fA-F]{2})/.exec(text.slice(i, i + 3))
    if (percent !== null) {
      bytes.push(Number.parseInt(percent[1] ?? "0", 16))
      i += 2
    } else {
      const code = text.codePointAt(i) ?? 0
      const char = String.fromCodePoint(code)
      bytes.push(...encoder.encode(char))
      i += char.length - 1
    }
  }
  return Uint8Array.from(bytes)
}

const sourceOf = (file: string): Result.Result<Source, Reply.ErrorReply> => {
  const trimmed = file.trim()
  if (/^https?:\/\//i.test(trimmed)) return Result.succeed({ _tag: "Url", url: trimmed })
  const dataUrl = /^data:[^,]*?(;base64)?,(.*)$/is.exec(trimmed)
  if (dataUrl !== null) {
    const payload = dataUrl[2] ?? ""
    return Result.succeed({
      _tag: "Bytes",
      bytes: dataUrl[1] === undefined ? percentDecode(payload) : Buffer.from(payload, "base64")
    })
  }
  const compact = trimmed.replace(/\s+/g, "")
  if (compact.length === 0 || !base64Pattern.test(compact)) {
    return Result.fail(Reply.fieldInvalid("file", "must be a URL or base64-encoded image or PDF"))
  }
  return Result.succeed({ _tag: "Bytes", bytes: Buffer.from(compact, "base64") })
}

const pagesOfUrl = (url: string, seed: string): Result.Result<ReadonlyArray<string>, Reply.ErrorReply> => {
  const host = (/^https?:\/\/([^/?#:]+)/i.exec(url)?.[1] ?? "").toLowerCase()
  if (host.endsWith(".invalid")) return Result.fail(Reply.fieldInvalid("file", `the file at ${url} could not be fetched`))
  return Result.succeed([Corpus.render(Corpus.page(url, seed), { format: "markdown", retainImages: false })])
}

const blocksOf = (page: string, kind: DocumentText.DocumentText["kind"]): ReadonlyArray<string> =>
  kind === "pdf" ? page.split("\n").filter((l) => l.trim() !== "") : DocumentText.paragraphs(page)

const labelOf = (block: string): string =>
  block.startsWith("|") ? "table" : /^!\[[^\]]*\]\([^)]*\)$/.test(block) ? "image" : /^\$\$[\s\S]*\$\$$/.test(block) ? "formula" : "text"

const layoutOf = (page: string, kind: DocumentText.DocumentText["kind"]) => {
  const blocks = blocksOf(page, kind)
  const lineHeight = 0.018
  let top = 0.06
  return blocks.map((block, index) => {
    const lines = Math.max(1, Math.ceil(block.length / 90))
    const bottom = Math.min(0.96, top + lines * lineHeight)
    const detail = {
      index,
      label: labelOf(block),
      bbox_2d: [0.08, Number(top.toFixed(4)), 0.92, Number(bottom.toFixed(4))],
      content: block,
      width: pageWidth,
      height: pageHeight
    }
    top = Math.min(0.94, bottom + lineHeight / 2)
    return detail
  })
}

const layoutParsing = (ctx: RouteContext): Reply.Reply => {
  const checked = Check.validJson(ctx, Documents.LayoutParsingRequest)
  if (Result.isFailure(checked)) return checked.failure
  const body = checked.success
  const model = Check.str(body, "model") ?? ""
  if (!/ocr/i.test(model)) return Reply.error(400, "1211", `The model ${model} does not exist.`)
  const source = sourceOf(Check.str(body, "file") ?? "")
  if (Result.isFailure(source)) return source.failure
  let pages: ReadonlyArray<string>
  let kind: DocumentText.DocumentText["kind"] = "text"
  let inputSize = 0
  if (source.success._tag === "Url") {
    const fetched = pagesOfUrl(source.success.url, ctx.state.options.seed)
    if (Result.isFailure(fetched)) return fetched.failure
    pages = fetched.success
    inputSize = source.success.url.length
  } else {
    const read = DocumentText.read(source.success.bytes, undefined)
    pages = read.pages
    kind = read.kind
    inputSize = read.size
  }
  const total = pages.length
  const start = Check.num(body, "start_page_id") ?? 1
  const end = Math.min(Check.num(body, "end_page_id") ?? total, total)
  if (start > total) return Reply.fieldInvalid("start_page_id", `the document has ${total} page${total === 1 ? "" : "s"}`)
  const selected = pages.slice(start - 1, end)
  const id = makeId(ctx, "layout-", Check.str(body, "file") ?? "")
  const requestId = Check.str(body, "request_id") ?? id
  const markdown = selected.map((p) => (kind === "pdf" ? blocksOf(p, kind).join("\n\n") : p)).join("\n\n")
  const promptTokens = 64 + Math.ceil(inputSize / 512) * selected.length
  const completionTokens = Math.max(1, Text.tokens(markdown))
  return Reply.json(
    {
      id,
      created: now(),
      model,
      md_results: markdown,
      layout_details: selected.map((p) => layoutOf(p, kind)),
      layout_visualization:
        Check.bool(body, "need_layout_visualization") === true
          ? selected.map((_, i) => `https://${Corpus.host}/layout/${id}/page-${start + i}.png`)
          : [],
      data_info: { num_pages: total, pages: selected.map(() => ({ width: pageWidth, height: pageHeight })) },
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        prompt_tokens_details: { cached_tokens: 0 }
      },
      request_id: requestId
    },
    200,
    { "x-request-id": requestId }
  )
}

// -----------------------------------------------------------------------------
// multipart helpers
// -----------------------------------------------------------------------------

interface Upload {
  readonly form: Multipart.Form
  readonly file: Multipart.Part
  readonly text: DocumentText.DocumentText
}

const upload = (ctx: RouteContext): Result.Result<Upload, Reply.ErrorReply> => {
  const form = Multipart.formOf(ctx)
  if (Result.isFailure(form)) return Result.fail(form.failure)
  const file = form.success.get("file")
  if (file === undefined) return Result.fail(Reply.fieldMissing("file"))
  if (file.filename === undefined) return Result.fail(Reply.fieldInvalid("file", "must be a file part (with a filename)"))
  if (file.bytes.length === 0) return Result.fail(Reply.fieldInvalid("file", "the file is empty"))
  return Result.succeed({ form: form.success, file, text: DocumentText.read(file.bytes, file.filename) })
}

const requiredChoice = (
  form: Multipart.Form,
  field: string,
  allowed: ReadonlyArray<string>
): Result.Result<string, Reply.ErrorReply> => {
  const value = form.text(field)
  if (value === undefined || value === "") return Result.fail(Reply.fieldMissing(field))
  return allowed.includes(value)
    ? Result.succeed(value)
    : Result.fail(Reply.fieldInvalid(field, `expected one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`))
}

const optionalBoolean = (form: Multipart.Form, field: string): Result.Result<boolean | undefined, Reply.ErrorReply> => {
  const value = form.text(field)
  if (value === undefined) return Result.succeed(undefined)
  if (value === "true" || value === "false") return Result.succeed(value === "true")
  return Result.fail(Reply.fieldInvalid(field, `expected true or false, got ${JSON.stringify(value)}`))
}

const fileType = (form: Multipart.Form): Result.Result<string | undefined, Reply.ErrorReply> => {
  const value = form.text("file_type")
  if (value === undefined || value === "") return Result.succeed(undefined)
  return /^[A-Za-z0-9]{1,8}$/.test(value)
    ? Result.succeed(value.toUpperCase())
    : Result.fail(Reply.fieldInvalid("file_type", `expected a file type such as PDF or DOCX, got ${JSON.stringify(value)}`))
}

const documentContent = (text: DocumentText.DocumentText): string => text.pages.filter((p) => p.trim() !== "").join("\n\n")

// -----------------------------------------------------------------------------
// POST /files/ocr
// -----------------------------------------------------------------------------

const handwriting = (ctx: RouteContext): Reply.Reply => {
  const received = upload(ctx)
  if (Result.isFailure(received)) return received.failure
  const { form, file, text } = received.success
  const tool = requiredChoice(form, "tool_type", ["hand_write"])
  if (Result.isFailure(tool)) return tool.failure
  const probability = optionalBoolean(form, "probability")
  if (Result.isFailure(probability)) return probability.failure
  const language = form.text("language_type")
  if (language !== undefined && !/^[A-Z_]{2,16}$/.test(language)) {
    return Reply.fieldInvalid("language_type", `expected a language code such as CHN_ENG, got ${JSON.stringify(language)}`)
  }
  const lines = text.pages
    .flatMap((p) => p.split("\n"))
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .slice(0, 200)
  const id = makeId(ctx, "ocr-", `${file.filename ?? ""}:${text.hash}`)
  const words = lines.map((line, i) => {
    const seed = Number.parseInt(digest(`${text.hash}:${i}`).slice(0, 4), 16) / 0xffff
    const average = Number((0.9 + 0.09 * seed).toFixed(4))
    return {
      location: { left: 48, top: 40 + i * 56, width: Math.min(pageWidth - 96, 24 + line.length * 18), height: 44 },
      words: line,
      ...(probability.success === true
        ? { probability: { average, variance: Number((0.002 * (1 - seed)).toFixed(5)), min: Number((average - 0.12).toFixed(4)) } }
        : {})
    }
  })
  return Reply.json(
    { task_id: id, message: "success", status: "succeeded", words_result_num: words.length, words_result: words },
    200,
    { "x-request-id": id }
  )
}

// -----------------------------------------------------------------------------
// file parser
// -----------------------------------------------------------------------------

const downloadUrl = (taskId: string) => `https://${Corpus.host}/files/parser/${taskId}/result.zip`

const parserCreate = (ctx: RouteContext): Reply.Reply => {
  const received = upload(ctx)
  if (Result.isFailure(received)) return received.failure
  const { form, file, text } = received.success
  const tool = requiredChoice(form, "tool_type", ["lite", "expert", "prime"])
  if (Result.isFailure(tool)) return tool.failure
  const type = fileType(form)
  if (Result.isFailure(type)) return type.failure
  const id = makeId(ctx, "parser-task-", `${file.filename ?? ""}:${text.hash}:${tool.success}`)
  createTask(ctx, {
    id,
    requestId: id,
    model: `file-parser-${tool.success}`,
    result: { content: documentContent(text), parsing_result_url: downloadUrl(id) }
  })
  return Reply.json({ task_id: id, message: "Task created successfully", success: true }, 200, { "x-request-id": id })
}

const parserResult = (ctx: RouteContext): Reply.Reply => {
  const taskId = ctx.params.task_id ?? ""
  const format = ctx.params.format_type ?? ""
  if (format !== "text" && format !== "download_link") {
    return Reply.fieldInvalid("format_type", `expected text or download_link, got ${JSON.stringify(format)}`)
  }
  const task = ctx.state.tasks.get(taskId)
  if (task === undefined || !task.model.startsWith("file-parser")) {
    return Reply.error(404, "404", `No file parser task with id ${taskId}.`)
  }
  const headers = { "x-request-id": task.requestId }
  task.polls++
  const failNow = ctx.fault?.kind === "task-failed"
  if (failNow || (task.fail && task.polls > ctx.state.options.asyncPolls)) {
    return Reply.json(
      { task_id: task.id, status: "failed", message: ctx.fault?.message ?? "The file could not be parsed.", content: null, parsing_result_url: null },
      200,
      headers
    )
  }
  if (task.polls <= ctx.state.options.asyncPolls) {
    return Reply.json(
      { task_id: task.id, status: "processing", message: "The task is being processed, please wait.", content: null, parsing_result_url: null },
      200,
      headers
    )
  }
  const content = typeof task.result.content === "string" ? task.result.content : ""
  const link = typeof task.result.parsing_result_url === "string" ? task.result.parsing_result_url : downloadUrl(task.id)
  return Reply.json(
    {
      task_id: task.id,
      status: "succeeded",
      message: "Result retrieved successfully",
      content: format === "text" ? content : null,
      parsing_result_url: format === "download_link" ? link : null
    },
    200,
    headers
  )
}

const parserSync = (ctx: RouteContext): Reply.Reply => {
  const received = upload(ctx)
  if (Result.isFailure(received)) return received.failure
  const { form, file, text } = received.success
  const tool = requiredChoice(form, "tool_type", ["prime-sync"])
  if (Result.isFailure(tool)) return tool.failure
  const type = fileType(form)
  if (Result.isFailure(type)) return type.failure
  const id = makeId(ctx, "parser-sync-", `${file.filename ?? ""}:${text.hash}`)
  return Reply.json(
    {
      task_id: id,
      status: "succeeded",
      message: "Result retrieved successfully",
      content: documentContent(text),
      parsing_result_url: downloadUrl(id)
    },
    200,
    { "x-request-id": id }
  )
}

/** Document routes. */
export const routes: ReadonlyArray<Route> = [
  { method: "POST", path: "/layout_parsing", handle: layoutParsing },
  { method: "POST", path: "/files/ocr", handle: handwriting },
  { method: "POST", path: "/files/parser/create", handle: parserCreate },
  { method: "GET", path: "/files/parser/result/:task_id/:format_type", handle: parserResult },
  { method: "POST", path: "/files/parser/sync", handle: parserSync }
]
