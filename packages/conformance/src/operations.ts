/**
 * Every HTTP operation of the Z.ai API (the 53 rows of §2 of the API surface reference; the realtime WebSocket,
 * row 54, is not HTTP and not covered) and the zai-kit functions that call it. The conformance tests check this
 * table against the OpenAPI document and against the services themselves, and `scripts/ops-table.ts` renders it as
 * the operations table of `packages/schema/README.md`.
 *
 * @since 0.1.0
 */

/**
 * An HTTP method used by the API.
 *
 * @since 0.1.0
 */
export type Method = "GET" | "POST" | "PUT" | "DELETE"

/**
 * The zai-kit package of a service.
 *
 * @since 0.1.0
 */
export type Package =
  | "@zai-kit/chat"
  | "@zai-kit/embeddings"
  | "@zai-kit/images"
  | "@zai-kit/videos"
  | "@zai-kit/audio"
  | "@zai-kit/web"
  | "@zai-kit/documents"
  | "@zai-kit/files"
  | "@zai-kit/fine-tuning"
  | "@zai-kit/knowledge"
  | "@zai-kit/agents"

/**
 * A domain service, named as its module and `Context.Service` class (`Chat.Chat`, `Voices.Voices`, ...).
 *
 * @since 0.1.0
 */
export type Service =
  | "Chat"
  | "Embeddings"
  | "Images"
  | "Videos"
  | "Audio"
  | "Voices"
  | "Web"
  | "Documents"
  | "Files"
  | "Batches"
  | "FineTuning"
  | "Knowledge"
  | "Agents"
  | "Assistant"

/**
 * The package each service lives in.
 *
 * @since 0.1.0
 */
export const packageOf: Readonly<Record<Service, Package>> = {
  Chat: "@zai-kit/chat",
  Embeddings: "@zai-kit/embeddings",
  Images: "@zai-kit/images",
  Videos: "@zai-kit/videos",
  Audio: "@zai-kit/audio",
  Voices: "@zai-kit/audio",
  Web: "@zai-kit/web",
  Documents: "@zai-kit/documents",
  Files: "@zai-kit/files",
  Batches: "@zai-kit/files",
  FineTuning: "@zai-kit/fine-tuning",
  Knowledge: "@zai-kit/knowledge",
  Agents: "@zai-kit/agents",
  Assistant: "@zai-kit/agents"
}

/**
 * Functions of one service that send an operation.
 *
 * @since 0.1.0
 */
export interface Caller {
  /** The service (its package is `packageOf[service]`). */
  readonly service: Service
  /** Names of the functions on the service that send the request (at least one). */
  readonly functions: readonly [string, ...Array<string>]
}

/**
 * One operation of the API.
 *
 * @since 0.1.0
 */
export interface Operation {
  /** The row number in §2 of the API surface reference (1–53). */
  readonly row: number
  /** The HTTP method. */
  readonly method: Method
  /**
   * The path below the base URL (`.../api/paas/v4`), or below the agents root for `/v1/agents...`, with
   * `{name}` for path parameters.
   */
  readonly path: string
  /** Who calls it: the first caller is the operation's home; others reuse it (e.g. polling `/async-result/{id}`). */
  readonly callers: readonly [Caller, ...Array<Caller>]
  /** The answer may be a server-sent event stream (`stream: true`). */
  readonly streaming: boolean
  /** `"task"`: answers a task id to poll; `"poll"`: reads the state or result of such a task. */
  readonly async: "task" | "poll" | false
  /** `"cursor"`: pages by `after` = last id (`has_more`); `"page"`: by page number. */
  readonly paging: "cursor" | "page" | false
  /** The operation is in the OpenAPI document (`../shared/spec/zai-openapi.json`). */
  readonly inSpec: boolean
}

const op = (
  row: number,
  method: Method,
  path: string,
  callers: readonly [Caller, ...Array<Caller>],
  flags: Partial<Pick<Operation, "streaming" | "async" | "paging" | "inSpec">> = {}
): Operation => ({
  row,
  method,
  path,
  callers,
  streaming: flags.streaming ?? false,
  async: flags.async ?? false,
  paging: flags.paging ?? false,
  inSpec: flags.inSpec ?? false
})

const call = (service: Service, ...functions: readonly [string, ...Array<string>]): Caller => ({ service, functions })

/**
 * The 53 HTTP operations, in the order of the API surface reference.
 *
 * @since 0.1.0
 */
export const operations: ReadonlyArray<Operation> = [
  // 2.1 Chat and model inference
  op(1, "POST", "/chat/completions", [call("Chat", "create", "stream", "streamAccumulated")], { streaming: true, inSpec: true }),
  op(2, "POST", "/async/chat/completions", [call("Chat", "createAsync")], { async: "task" }),
  op(
    3,
    "GET",
    "/async-result/{id}",
    [call("Chat", "retrieveAsync", "waitFor"), call("Images", "retrieve", "waitFor"), call("Videos", "retrieve", "waitFor")],
    { async: "poll", inSpec: true }
  ),
  op(4, "POST", "/embeddings", [call("Embeddings", "create", "embed", "embedMany")]),
  op(5, "POST", "/tokenizer", [call("Chat", "tokenize")], { inSpec: true }),
  op(6, "POST", "/moderations", [call("Chat", "moderate")]),
  // 2.2 Images, video, audio, voice
  op(7, "POST", "/images/generations", [call("Images", "generate")], { inSpec: true }),
  op(8, "POST", "/async/images/generations", [call("Images", "generateAsync")], { async: "task", inSpec: true }),
  op(9, "POST", "/videos/generations", [call("Videos", "generate")], { async: "task", inSpec: true }),
  op(10, "POST", "/audio/transcriptions", [call("Audio", "transcribe", "transcribeStream")], { streaming: true, inSpec: true }),
  op(11, "POST", "/audio/speech", [call("Audio", "speech", "speechToFile", "speechStream")], { streaming: true }),
  op(12, "POST", "/audio/customization", [call("Audio", "customize")]),
  op(13, "POST", "/voice/clone", [call("Voices", "clone")]),
  op(14, "POST", "/voice/delete", [call("Voices", "delete")]),
  op(15, "GET", "/voice/list", [call("Voices", "list")]),
  // 2.3 Files, batches, fine-tuning, knowledge
  op(16, "POST", "/files", [call("Files", "upload", "uploadKnowledge")], { inSpec: true }),
  op(17, "GET", "/files", [call("Files", "list", "listPage")], { paging: "cursor" }),
  op(18, "GET", "/files/{file_id}", [call("Files", "retrieve")]),
  op(19, "DELETE", "/files/{file_id}", [call("Files", "delete")]),
  op(20, "GET", "/files/{file_id}/content", [call("Files", "content", "contentText", "contentToFile")]),
  op(21, "POST", "/batches", [call("Batches", "create")], { async: "task" }),
  op(22, "GET", "/batches/{batch_id}", [call("Batches", "retrieve", "waitFor")], { async: "poll" }),
  op(23, "GET", "/batches", [call("Batches", "list", "listPage")], { paging: "cursor" }),
  op(24, "POST", "/batches/{batch_id}/cancel", [call("Batches", "cancel")]),
  op(25, "POST", "/fine_tuning/jobs", [call("FineTuning", "create")], { async: "task" }),
  op(26, "GET", "/fine_tuning/jobs", [call("FineTuning", "list", "listPage")], { paging: "cursor" }),
  op(27, "GET", "/fine_tuning/jobs/{job_id}", [call("FineTuning", "retrieve", "waitFor")], { async: "poll" }),
  op(28, "POST", "/fine_tuning/jobs/{job_id}/cancel", [call("FineTuning", "cancel")]),
  op(29, "GET", "/fine_tuning/jobs/{job_id}/events", [call("FineTuning", "events", "eventsPage")], { paging: "cursor" }),
  op(30, "DELETE", "/fine_tuning/jobs/{job_id}", [call("FineTuning", "delete")]),
  op(31, "DELETE", "/fine_tuning/fine_tuned_models/{model}", [call("FineTuning", "deleteModel")]),
  op(32, "POST", "/knowledge", [call("Knowledge", "create")]),
  op(33, "PUT", "/knowledge/{knowledge_id}", [call("Knowledge", "update")]),
  op(34, "GET", "/knowledge", [call("Knowledge", "list", "listPage")], { paging: "page" }),
  op(35, "DELETE", "/knowledge/{knowledge_id}", [call("Knowledge", "delete")]),
  op(36, "GET", "/knowledge/capacity", [call("Knowledge", "capacity")]),
  op(37, "PUT", "/document/{document_id}", [call("Knowledge", "updateDocument")]),
  op(38, "GET", "/document/{document_id}", [call("Knowledge", "retrieveDocument", "waitForEmbedding")], { async: "poll" }),
  op(39, "DELETE", "/document/{document_id}", [call("Knowledge", "deleteDocument")]),
  // 2.4 Search, reader, OCR and parsing
  op(40, "POST", "/web_search", [call("Web", "search")], { inSpec: true }),
  op(41, "POST", "/tools", [call("Web", "searchPro", "searchProStream")], { streaming: true }),
  op(42, "POST", "/reader", [call("Web", "read")], { inSpec: true }),
  op(43, "POST", "/layout_parsing", [call("Documents", "layoutParsing", "ocr")], { inSpec: true }),
  op(44, "POST", "/files/ocr", [call("Documents", "handwriting")]),
  op(45, "POST", "/files/parser/create", [call("Documents", "parse")], { async: "task" }),
  op(46, "GET", "/files/parser/result/{task_id}/{format_type}", [call("Documents", "parseResult")], { async: "poll" }),
  op(47, "POST", "/files/parser/sync", [call("Documents", "parseSync")]),
  // 2.5 Agents and assistant
  op(
    48,
    "POST",
    "/v1/agents",
    [call("Agents", "invoke", "invokeStream", "translate", "translateStream", "slides", "videoEffect")],
    { streaming: true, async: "task", inSpec: true }
  ),
  op(49, "POST", "/v1/agents/async-result", [call("Agents", "asyncResult")], { async: "poll", inSpec: true }),
  op(50, "POST", "/v1/agents/conversation", [call("Agents", "conversation")], { async: "poll", inSpec: true }),
  op(51, "POST", "/assistant", [call("Assistant", "run", "runStream")], { streaming: true }),
  op(52, "POST", "/assistant/list", [call("Assistant", "list")]),
  op(53, "POST", "/assistant/conversation/list", [call("Assistant", "conversationsPage", "conversations")], { paging: "page" })
]

// A path template as a pattern; more literal segments make a more specific row.
const templates = operations.map((o) => ({
  operation: o,
  pattern: new RegExp(`^${o.path.replace(/\{[^}]*\}/g, "[^/]+")}$`),
  literals: o.path.split("/").filter((segment) => segment !== "" && !segment.startsWith("{")).length
}))

/** The row a request (method and path below the base URL) belongs to; literal segments beat parameters. */
export const operationOf = (method: string, path: string): Operation | undefined =>
  templates
    .filter((t) => t.operation.method === method && t.pattern.test(path))
    .sort((a, b) => b.literals - a.literals)[0]?.operation

/**
 * The path of an operation in the OpenAPI document, whose server is `https://api.z.ai/api`: `/paas/v4` + the path,
 * except the agents paths, which the document puts at `/v1/agents...` (see §1 of the API surface reference).
 *
 * @since 0.1.0
 */
export const specPathOf = (operation: Pick<Operation, "path">): string =>
  operation.path.startsWith("/v1/") ? operation.path : `/paas/v4${operation.path}`

/**
 * A method and path with the names of path parameters erased (`GET /async-result/{}`), so that two documents naming
 * a parameter differently still match.
 *
 * @since 0.1.0
 */
export const operationKey = (method: string, path: string): string => `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, "{}")}`

const flag = (value: string | boolean): string => (value === false ? "–" : value === true ? "✔" : value)

/**
 * Renders operations as the Markdown table of `packages/schema/README.md`: row, method and path, packages, functions
 * (`Service.function`), SSE, async, paging and presence in the OpenAPI document.
 *
 * @since 0.1.0
 */
export const renderTable = (rows: ReadonlyArray<Operation>): string => {
  const lines = [
    "| # | method and path | package | functions | SSE | async | paging | OpenAPI |",
    "|---|---|---|---|---|---|---|---|"
  ]
  for (const o of rows) {
    const packages = [...new Set(o.callers.map((c) => packageOf[c.service]))].map((p) => `\`${p}\``).join(", ")
    const functions = o.callers.flatMap((c) => c.functions.map((f) => `\`${c.service}.${f}\``)).join(", ")
    lines.push(
      `| ${o.row} | \`${o.method} ${o.path}\` | ${packages} | ${functions} | ${flag(o.streaming)} | ${flag(o.async)} | ${flag(o.paging)} | ${flag(o.inSpec)} |`
    )
  }
  return `${lines.join("\n")}\n`
}
