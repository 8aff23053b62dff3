/**
 * The chat "model": a deterministic answer derived from the request, rendered as a completion or as chunks.
 * @internal
 */
import { Option } from "effect"
import { digest, fnv1a, type Rng, rng as makeRng, stableStringify } from "./hash.js"
import * as Json from "./json.js"
import * as Text from "./text.js"
import type { ChatMessage, ChatRequest, ChatTool, JsonObject } from "./validate.js"
import { isObject } from "./validate.js"

/** A tool call chosen by the simulator. */
export interface ToolCall {
  readonly id: string
  readonly name: string
  readonly arguments: string
}

/** One web search result, as the API puts them in the top-level `web_search` array. */
export interface WebSearchResult {
  readonly refer: string
  readonly title: string
  readonly link: string
  readonly media: string
  readonly content: string
  readonly icon: string
  readonly publish_date: string
}

/** The answer to a chat request, before rendering. */
export interface Answer {
  readonly id: string
  readonly requestId: string
  readonly created: number
  readonly model: string
  readonly content: string
  readonly reasoning: string | undefined
  readonly toolCalls: ReadonlyArray<ToolCall>
  readonly webSearch: ReadonlyArray<WebSearchResult> | undefined
  /** `result_sequence: "after"`: search results arrive on the last chunk. */
  readonly webSearchAfter: boolean
  readonly finishReason: "stop" | "tool_calls" | "length"
  readonly usage: Usage
}

/** Token usage in the wire shape. */
export interface Usage {
  readonly prompt_tokens: number
  readonly completion_tokens: number
  readonly total_tokens: number
  readonly prompt_tokens_details: { readonly cached_tokens: number }
  readonly completion_tokens_details?: { readonly reasoning_tokens: number }
}

const lastUser = (messages: ReadonlyArray<ChatMessage>): string => {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]
    if (m !== undefined && m.role === "user") return m.text
  }
  return messages[messages.length - 1]?.text ?? ""
}

/** Tool results that come after the last user message, with the called tool's name. */
const toolResults = (
  messages: ReadonlyArray<ChatMessage>
): ReadonlyArray<{ readonly name: string; readonly content: string }> => {
  let start = 0
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]?.role === "user") {
      start = i + 1
      break
    }
  }
  const names = new Map<string, string>()
  const out: Array<{ name: string; content: string }> = []
  for (const m of messages.slice(start)) {
    for (const call of m.toolCalls) names.set(call.id, call.name)
    if (m.role === "tool") out.push({ name: names.get(m.toolCallId ?? "") ?? "tool", content: m.text })
  }
  return out
}

interface ValueContext {
  readonly rng: Rng
  readonly input: string
  readonly keys: ReadonlyArray<string>
}

const stringFor = (name: string, ctx: ValueContext): string => {
  const n = name.toLowerCase()
  const key = (i: number) => ctx.keys[i % Math.max(1, ctx.keys.length)] ?? "topic"
  const capitalised = Text.words(ctx.input).filter((w) => /^\p{Lu}/u.test(w) && w.length > 2)
  if (/city|location|place|country|region|address/.test(n)) return capitalised[capitalised.length - 1] ?? key(0)
  if (/date|day|time/.test(n)) return "2025-01-15"
  if (/lang/.test(n)) return "en"
  if (/unit/.test(n)) return "celsius"
  if (/email/.test(n)) return "user@example.com"
  if (/url|link/.test(n)) return `https://example.com/${Text.slug(ctx.keys.slice(0, 2))}`
  if (/query|search|question|prompt|text|input|message/.test(n)) return Text.firstWords(ctx.input, 12).replace(/…$/, "")
  if (/summary|answer|content|description|body|explanation|reason/.test(n)) return Text.summary(ctx.input, ctx.rng).split("\n\n")[1] ?? ""
  if (/title|name|topic|subject|heading/.test(n)) return Text.title(ctx.keys.slice(0, 3))
  if (/sentiment|tone/.test(n)) return ctx.rng.pick(["positive", "neutral", "negative"])
  if (/category|type|kind|label/.test(n)) return key(1).toLowerCase()
  if (/id$/.test(n)) return `id-${digest(ctx.input).slice(0, 8)}`
  return key(ctx.rng.int(Math.max(1, ctx.keys.length)))
}

/** A value matching a JSON schema, derived from the request words; `name` is the property it fills. */
const valueFor = (name: string, schema: unknown, ctx: ValueContext, depth: number, allProps: boolean): unknown => {
  const s: JsonObject = isObject(schema) ? schema : {}
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0]
  if (s.const !== undefined) return s.const
  if (s.default !== undefined) return s.default
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type
  switch (type) {
    case "integer":
    case "number": {
      const min = typeof s.minimum === "number" ? s.minimum : 1
      const max = typeof s.maximum === "number" ? s.maximum : Math.max(min + 9, 10)
      const value = min + ctx.rng.int(Math.max(1, Math.floor(max - min) + 1))
      if (type === "integer") return value
      return /score|confidence|probability|ratio/.test(name.toLowerCase()) ? Math.round(ctx.rng.next() * 100) / 100 : value
    }
    case "boolean":
      return true
    case "array": {
      if (/keyword|tag|topic/.test(name.toLowerCase()) && (!isObject(s.items) || s.items.type === "string" || s.items.type === undefined)) {
        return ctx.keys.slice(0, 3)
      }
      return depth > 4 ? [] : [valueFor(name.replace(/s$/, ""), s.items, ctx, depth + 1, allProps)]
    }
    case "object":
      return depth > 4 ? {} : objectFor(s, ctx, depth + 1, allProps)
    default:
      if (type === undefined && isObject(s.properties)) return objectFor(s, ctx, depth + 1, allProps)
      return stringFor(name, ctx)
  }
}

const objectFor = (schema: JsonObject, ctx: ValueContext, depth: number, allProps: boolean): Record<string, unknown> => {
  const properties = isObject(schema.properties) ? schema.properties : {}
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : []
  const names = allProps ? Object.keys(properties) : required
  const out: Record<string, unknown> = {}
  for (const name of names) out[name] = valueFor(name, properties[name], ctx, depth, allProps)
  return out
}

/** The first balanced `{...}` in a text that parses as a JSON object. */
const findJsonObject = (text: string): JsonObject | undefined => {
  for (let start = text.indexOf("{"); start >= 0; start = text.indexOf("{", start + 1)) {
    let depth = 0
    let inString = false
    for (let i = start; i < text.length; i++) {
      const ch = text[i]
      if (inString) {
        if (ch === "\\") i++
        else if (ch === '"') inString = false
      } else if (ch === '"') inString = true
      else if (ch === "{") depth++
      else if (ch === "}") {
        depth--
        if (depth === 0) {
          const parsed = Json.parse(text.slice(start, i + 1))
          if (Option.isSome(parsed) && isObject(parsed.value)) return parsed.value
          break
        }
      }
    }
  }
  return undefined
}

/** The JSON text answered for `response_format: json_object`. */
const jsonAnswer = (request: ChatRequest, ctx: ValueContext): string => {
  const sources = [
    ...request.messages.filter((m) => m.role === "system").map((m) => m.text),
    lastUser(request.messages)
  ]
  for (const source of sources) {
    const found = findJsonObject(source)
    if (found === undefined) continue
    if (isObject(found.properties) || found.type === "object") return JSON.stringify(objectFor(found, ctx, 0, true))
    const out: Record<string, unknown> = {}
    for (const [key, example] of Object.entries(found)) {
      const schema =
        typeof example === "number"
          ? { type: Number.isInteger(example) ? "integer" : "number" }
          : typeof example === "boolean"
            ? { type: "boolean" }
            : Array.isArray(example)
              ? { type: "array", items: { type: typeof example[0] === "number" ? "number" : "string" } }
              : isObject(example)
                ? { type: "object", properties: Object.fromEntries(Object.keys(example).map((k) => [k, {}])) }
                : { type: "string" }
      out[key] = valueFor(key, schema, ctx, 0, true)
    }
    return JSON.stringify(out)
  }
  return JSON.stringify({ answer: Text.summary(ctx.input, ctx.rng) })
}

const webSearchResults = (tool: JsonObject, input: string, rng: Rng): ReadonlyArray<WebSearchResult> => {
  const query = typeof tool.search_query === "string" && tool.search_query !== "" ? tool.search_query : input
  const keys = Text.keywords(query, 6)
  const count = typeof tool.count === "number" ? Math.max(1, Math.min(10, Math.floor(tool.count))) : 3
  const media = ["Example News", "Sim Encyclopedia", "Offline Daily", "Test Journal"]
  const out: Array<WebSearchResult> = []
  for (let i = 0; i < count; i++) {
    const focus = keys.length > 0 ? [keys[i % keys.length] ?? "topic", keys[(i + 1) % keys.length] ?? ""] : ["topic"]
    const distinct = [...new Set(focus.filter((f) => f !== ""))]
    out.push({
      refer: `ref_${i + 1}`,
      title: `${Text.title(distinct)}: what to know`,
      link: `https://example.com/${Text.slug(distinct)}/${i + 1}`,
      media: rng.pick(media),
      content: `An overview of ${Text.list(distinct)} in the context of "${Text.firstWords(query, 8)}".`,
      icon: "https://example.com/favicon.ico",
      publish_date: `2025-0${1 + ((i + rng.int(8)) % 9)}-1${i % 10}`
    })
  }
  return out
}

const pickTool = (
  tools: ReadonlyArray<Extract<ChatTool, { type: "function" }>>,
  input: string
): Extract<ChatTool, { type: "function" }> | undefined => {
  const inputWords = new Set(Text.words(input).map((w) => w.toLowerCase()))
  let best = tools[0]
  let bestScore = 0
  for (const tool of tools) {
    const toolWords = [...tool.name.split(/[_\-\s]+|(?=[A-Z])/), ...Text.words(tool.description)]
      .map((w) => w.toLowerCase())
      .filter((w) => w.length > 2)
    const score = toolWords.filter((w) => inputWords.has(w)).length
    if (score > bestScore) {
      best = tool
      bestScore = score
    }
  }
  return best
}

/** Computes the answer to a validated chat request. Same request and seed, same answer. */
export const answer = (request: ChatRequest, seed: string, sequence: number): Answer => {
  const hashInput = stableStringify({
    model: request.raw.model,
    messages: request.raw.messages,
    tools: request.raw.tools,
    response_format: request.raw.response_format,
    thinking: request.raw.thinking,
    max_tokens: request.raw.max_tokens
  })
  const hash = fnv1a(`${seed}\u0000${hashInput}`)
  const rng = makeRng(hash)
  const input = lastUser(request.messages)
  const ctx: ValueContext = { rng, input, keys: Text.keywords(input) }
  const id = `${digest(`${seed}:${hashInput}`)}${String(sequence).padStart(4, "0")}`

  const functionTools = request.tools.filter((t): t is Extract<ChatTool, { type: "function" }> => t.type === "function")
  const webSearchTool = request.tools.find((t): t is Extract<ChatTool, { type: "web_search" }> => t.type === "web_search")
  const webSearch =
    webSearchTool !== undefined && webSearchTool.options.enable !== false
      ? webSearchResults(webSearchTool.options, input, rng)
      : undefined
  const results = toolResults(request.messages)

  let content: string
  let toolCalls: ReadonlyArray<ToolCall> = []
  if (functionTools.length > 0 && results.length === 0) {
    const tool = pickTool(functionTools, input)
    toolCalls =
      tool === undefined
        ? []
        : [
            {
              id: `call_${digest(`${seed}:${hashInput}:${tool.name}`)}`,
              name: tool.name,
              arguments: JSON.stringify(objectFor(tool.parameters ?? {}, ctx, 0, false))
            }
          ]
    content = ""
  } else if (request.jsonObject) {
    content = jsonAnswer(request, ctx)
  } else if (results.length > 0) {
    const used = results
      .map((r) => `${r.name} returned ${Text.firstWords(r.content, 24)}`)
      .join("; ")
    content = `Based on the tool results (${used}), here is the answer about "${Text.firstWords(input, 10)}". ${
      Text.summary(`${input} ${results.map((r) => r.content).join(" ")}`, rng).split("\n\n")[1] ?? ""
    }`
  } else {
    content = Text.outline(input, rng) ?? Text.summary(input, rng)
    if (webSearch !== undefined && webSearch.length > 0) {
      const first = webSearch[0]?.content ?? ""
      content += ` According to the search results [${webSearch[0]?.refer ?? "ref_1"}], ${first.charAt(0).toLowerCase()}${first.slice(1)}`
    }
  }

  let reasoning = request.thinking ? Text.reasoning(input, rng) : undefined
  let finishReason: Answer["finishReason"] = toolCalls.length > 0 ? "tool_calls" : "stop"
  const reasoningTokens = reasoning === undefined ? 0 : Text.tokens(reasoning)
  const toolTokens = toolCalls.reduce((n, c) => n + Text.tokens(c.name) + Text.tokens(c.arguments), 0)
  let contentTokens = Text.tokens(content)
  if (request.maxTokens !== undefined && reasoningTokens + contentTokens + toolTokens > request.maxTokens) {
    finishReason = "length"
    if (reasoning !== undefined && reasoningTokens >= request.maxTokens) {
      reasoning = truncateTokens(reasoning, request.maxTokens)
      content = ""
    } else {
      content = truncateTokens(content, request.maxTokens - reasoningTokens)
    }
    contentTokens = Text.tokens(content)
  }
  const finalReasoningTokens = reasoning === undefined ? 0 : Text.tokens(reasoning)
  const promptTokens =
    request.messages.reduce((n, m) => n + 4 + Text.tokens(m.text), 0) +
    (request.raw.tools === undefined ? 0 : Text.tokens(JSON.stringify(request.raw.tools)))
  const completionTokens = Math.max(1, finalReasoningTokens + contentTokens + toolTokens)
  const usage: Usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0 },
    ...(reasoning === undefined ? {} : { completion_tokens_details: { reasoning_tokens: finalReasoningTokens } })
  }
  return {
    id,
    requestId: request.requestId ?? id,
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    content,
    reasoning,
    toolCalls,
    webSearch,
    webSearchAfter: webSearchTool?.options.result_sequence === "after",
    finishReason,
    usage
  }
}

const truncateTokens = (text: string, budget: number): string => {
  let out = ""
  for (const piece of Text.chunks(text, 1)) {
    if (Text.tokens(out + piece) > budget) break
    out += piece
  }
  return out
}

/** The assistant message of a non-streamed completion. */
const message = (a: Answer): Record<string, unknown> => ({
  role: "assistant",
  content: a.content,
  ...(a.reasoning === undefined ? {} : { reasoning_content: a.reasoning }),
  ...(a.toolCalls.length === 0
    ? {}
    : {
        tool_calls: a.toolCalls.map((c, index) => ({
          id: c.id,
          type: "function",
          index,
          function: { name: c.name, arguments: c.arguments }
        }))
      })
})

/** The `choices` and `usage` of a finished answer (shared by the completion and the async result). */
export const resultFields = (a: Answer): Record<string, unknown> => ({
  choices: [{ index: 0, finish_reason: a.finishReason, message: message(a) }],
  usage: a.usage,
  ...(a.webSearch === undefined ? {} : { web_search: a.webSearch })
})

/** The non-streamed `chat.completion` body. */
export const completion = (a: Answer): Record<string, unknown> => ({
  id: a.id,
  request_id: a.requestId,
  created: a.created,
  model: a.model,
  object: "chat.completion",
  ...resultFields(a)
})

/** The `chat.completion.chunk` events of a streamed answer (without the final `[DONE]`). */
export const chunks = (a: Answer, options: { readonly chunkWords: number; readonly toolStream: boolean }): ReadonlyArray<unknown> => {
  const base = { id: a.id, request_id: a.requestId, created: a.created, model: a.model, object: "chat.completion.chunk" }
  const events: Array<Record<string, unknown>> = []
  const delta = (d: Record<string, unknown>) => ({ ...base, choices: [{ index: 0, delta: { role: "assistant", ...d } }] })
  for (const piece of Text.chunks(a.reasoning ?? "", options.chunkWords)) events.push(delta({ reasoning_content: piece }))
  for (const piece of Text.chunks(a.content, options.chunkWords)) events.push(delta({ content: piece }))
  a.toolCalls.forEach((call, index) => {
    if (!options.toolStream) {
      events.push(
        delta({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: call.arguments } }] })
      )
      return
    }
    events.push(delta({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }] }))
    for (const fragment of Text.split(call.arguments, 4)) {
      events.push(delta({ tool_calls: [{ index, function: { arguments: fragment } }] }))
    }
  })
  const last = {
    ...base,
    choices: [{ index: 0, finish_reason: a.finishReason, delta: { role: "assistant", content: "" } }],
    usage: a.usage
  }
  events.push(last)
  if (a.webSearch !== undefined) {
    const at = a.webSearchAfter ? events.length - 1 : 0
    const target = events[at]
    if (target !== undefined) events[at] = { ...target, web_search: a.webSearch }
  }
  return events
}
