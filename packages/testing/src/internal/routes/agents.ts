/**
 * Agents: `POST /v1/agents`, `POST /v1/agents/async-result`, `POST /v1/agents/conversation` (served below the paas
 * base, as the official SDKs call them, and below `/api`, the OpenAPI document's root), and
 * `GET /sim-agents/files/{name}` for the slide files.
 *
 * - `general_translation`: a deterministic "translation": `[en→fr] ` followed by the text with a few common words
 *   replaced (hello → bonjour, ...); streamed in pieces of `chunkWords` words when `stream: true`.
 * - `slides_glm_agent`: a deck derived from the prompt (title slide, one slide per topic, summary), answered as
 *   thinking / `insert_page` tool steps (each with the page's HTML) / answer messages. Its files appear on
 *   `/v1/agents/conversation` (and `/v1/agents/async-result` with the `conversation_id`) after `asyncPolls` polls:
 *   a real PDF (one page per slide, `file_url`, with `include_pdf`) and one PNG per page (`image_url`). A request
 *   with an existing `conversation_id` adds a slide made from the new message.
 * - `vidu_template_agent`: `{ status: "pending", async_id }`; after `asyncPolls` polls of `/v1/agents/async-result`,
 *   `success` with a real MP4 (`video_url`) and a PNG cover, served by `/sim-files/{name}`.
 * Faults: `error-frame` on a JSON call answers 200 with `{ status: "failed", error: { code, message } }` (the agents'
 * in-body error); `task-failed` on the creating call or on a poll makes the task (or deck) end `failed`.
 * @internal
 */
import { Agents } from "@zai-kit/schema"
import { Result, type Schema } from "effect"
import { digest, stableStringify } from "../hash.js"
import * as Body from "../media/body.js"
import * as Files from "../media/files.js"
import * as Slides from "../media/slides.js"
import * as Reply from "../reply.js"
import type { Route, RouteContext } from "../router.js"
import type { StoreKey } from "../state.js"
import * as Text from "../text.js"
import type { JsonObject } from "../validate.js"

/** The path below the base of the slide files. */
export const filesRoute = "/sim-agents/files"

// files are served below the standard base, so the client that made the deck (and its key) can fetch them
const basePath = "/api/paas/v4"

interface SlideConversation {
  readonly id: string
  readonly agentId: string
  deck: Slides.Deck
  polls: number
  fail: boolean
  files: { readonly pdf: string; readonly images: ReadonlyArray<string> } | undefined
}

interface EffectTask {
  readonly asyncId: string
  readonly agentId: string
  readonly requestId: string
  polls: number
  fail: boolean
  readonly video: string
  readonly cover: string
}

interface AgentsStore {
  readonly conversations: Map<string, SlideConversation>
  readonly tasks: Map<string, EffectTask>
  readonly files: Map<string, { readonly contentType: string; readonly body: Uint8Array }>
}

const storeKey: StoreKey<AgentsStore> = {
  name: "agents",
  make: () => ({ conversations: new Map(), tasks: new Map(), files: new Map() })
}

const fileUrl = (ctx: RouteContext, name: string): string => `http://${ctx.headers.host ?? "127.0.0.1"}${basePath}${filesRoute}/${name}`

const newId = (ctx: RouteContext, content: unknown): string =>
  `${digest(`${ctx.state.options.seed}\u0000${stableStringify(content)}`)}${String(ctx.state.nextSequence()).padStart(4, "0")}`

// -----------------------------------------------------------------------------------------------------------------
// translation
// -----------------------------------------------------------------------------------------------------------------

const dictionaries: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  fr: {
    hello: "bonjour", world: "monde", the: "le", and: "et", good: "bon", morning: "matin", thank: "merci", thanks: "merci",
    you: "vous", cat: "chat", dog: "chien", house: "maison", water: "eau", is: "est", friend: "ami", book: "livre",
    yes: "oui", no: "non", today: "aujourd'hui", weather: "temps", beautiful: "beau", sea: "mer", sun: "soleil"
  },
  de: {
    hello: "hallo", world: "Welt", the: "die", and: "und", good: "gut", morning: "Morgen", thank: "danke", thanks: "danke",
    you: "du", cat: "Katze", dog: "Hund", house: "Haus", water: "Wasser", is: "ist", friend: "Freund", book: "Buch",
    yes: "ja", no: "nein", today: "heute", weather: "Wetter", beautiful: "schön", sea: "Meer", sun: "Sonne"
  },
  es: {
    hello: "hola", world: "mundo", the: "el", and: "y", good: "bueno", morning: "mañana", thank: "gracias", thanks: "gracias",
    you: "tú", cat: "gato", dog: "perro", house: "casa", water: "agua", is: "es", friend: "amigo", book: "libro",
    yes: "sí", no: "no", today: "hoy", weather: "tiempo", beautiful: "hermoso", sea: "mar", sun: "sol"
  },
  "zh-CN": {
    hello: "你好", world: "世界", good: "好", morning: "早上", thank: "谢谢", thanks: "谢谢", you: "你", cat: "猫", dog: "狗",
    house: "房子", water: "水", friend: "朋友", book: "书", today: "今天", weather: "天气", sea: "海", sun: "太阳"
  },
  ja: { hello: "こんにちは", world: "世界", thank: "ありがとう", thanks: "ありがとう", cat: "猫", dog: "犬", water: "水", book: "本" },
  en: {
    bonjour: "hello", monde: "world", merci: "thanks", hallo: "hello", welt: "world", danke: "thanks", hola: "hello",
    mundo: "world", gracias: "thanks", 你好: "hello", 世界: "world", 谢谢: "thanks"
  }
}

/** The source language of a text when `auto`: Chinese, Japanese or English. */
const detect = (text: string): string =>
  /[\u3040-\u30ff]/.test(text) ? "ja" : /[\u4e00-\u9fff]/.test(text) ? "zh-CN" : "en"

/** `[from→to] text` with the dictionary words of the target language replaced. */
export const translate = (text: string, from: string, to: string): string => {
  const dictionary = dictionaries[to] ?? dictionaries[to.split("-")[0] ?? ""] ?? {}
  const replaced = text.replace(/[\p{L}\p{N}']+/gu, (word) => {
    const found = dictionary[word.toLowerCase()]
    if (found === undefined) return word
    const upper = word.charAt(0) !== word.charAt(0).toLowerCase()
    return upper ? found.charAt(0).toUpperCase() + found.slice(1) : found
  })
  return `[${from}→${to}] ${replaced}`
}

const usageOf = (input: string, output: string) => {
  const prompt = Text.tokens(input)
  const completion = Text.tokens(output)
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, total_calls: 1 }
}

const textOf = (messages: ReadonlyArray<{ readonly content: ReadonlyArray<{ readonly type: string }> }>): string =>
  messages
    .flatMap((m) => m.content)
    .flatMap((part) => ("text" in part && typeof part.text === "string" ? [part.text] : []))
    .join("\n")

/** The agents' in-body failure: HTTP 200 with `{ status: "failed", error }`, written as is (no body fault on top). */
const inBodyError = (ctx: RouteContext, fields: JsonObject): Reply.Reply =>
  Reply.raw(
    200,
    "application/json; charset=utf-8",
    JSON.stringify({
      ...fields,
      status: "failed",
      error: { code: ctx.fault?.code ?? "1234", message: ctx.fault?.message ?? "The agent failed: network error, please try again later." }
    })
  )

const translation = (ctx: RouteContext, body: JsonObject, request: Agents.TranslationAgentRequest): Reply.Reply => {
  const input = textOf(request.messages)
  const variables = request.custom_variables
  const source = variables?.source_lang ?? "auto"
  const from = source === "auto" ? detect(input) : source
  const to = variables?.target_lang ?? "zh-CN"
  const output = translate(input, from, to)
  const id = newId(ctx, { input, from, to, strategy: variables?.strategy })
  const head = { id, request_id: Body.requestId(body, id), agent_id: request.agent_id }
  const headers = { "x-request-id": head.request_id }
  if (request.stream === true) {
    const pieces = Text.chunks(output, ctx.state.options.chunkWords)
    const events = pieces.map((piece, i) => ({
      ...head,
      choices: [
        {
          index: 0,
          delta: { role: "assistant", content: { type: "text", text: piece } },
          ...(i === pieces.length - 1 ? { finish_reason: "stop" } : {})
        }
      ],
      ...(i === pieces.length - 1 ? { usage: usageOf(input, output) } : {})
    }))
    return { ...Reply.sse(events), headers }
  }
  if (ctx.fault?.kind === "error-frame") return inBodyError(ctx, head)
  return Reply.json(
    {
      ...head,
      status: "success",
      choices: [{ index: 0, finish_reason: "stop", messages: { role: "assistant", content: { type: "text", text: output } } }],
      usage: usageOf(input, output)
    },
    200,
    headers
  )
}

// -----------------------------------------------------------------------------------------------------------------
// slides
// -----------------------------------------------------------------------------------------------------------------

/** The answer's messages: thinking, one `insert_page` step per page made (0-based `pages`), the closing text. */
const slideMessages = (deck: Slides.Deck, pages: ReadonlyArray<number>) => [
  {
    role: "assistant",
    phase: "thinking",
    content: [{ type: "text", text: `Planning ${pages.length} slide(s) for "${deck.title}".` }]
  },
  ...pages.map((index) => ({
    role: "assistant",
    phase: "tool",
    content: [
      {
        type: "object",
        tag_en: "Insert page",
        tag_cn: "插入页面",
        object: { tool_name: "insert_page", input: deck.slides[index]?.title ?? "", output: Slides.pageHtml(deck, index), position: [index + 1] }
      }
    ]
  })),
  {
    role: "assistant",
    phase: "answer",
    content: [
      {
        type: "text",
        text: `The deck "${deck.title}" has ${deck.slides.length} slides: ${deck.slides.map((s) => s.title).join(", ")}.`
      }
    ]
  }
]

const slides = (ctx: RouteContext, body: JsonObject, request: Agents.SlidesAgentRequest): Reply.Reply => {
  const store = ctx.state.store(storeKey)
  const input = textOf(request.messages)
  const existing = request.conversation_id === undefined ? undefined : store.conversations.get(request.conversation_id)
  if (request.conversation_id !== undefined && existing === undefined) {
    return Reply.fieldInvalid("conversation_id", `no slide conversation ${request.conversation_id}`)
  }
  const id = newId(ctx, { input, conversation: request.conversation_id })
  let conversation: SlideConversation
  let pages: ReadonlyArray<number>
  if (existing !== undefined) {
    // the new slide goes before the summary
    pages = [Math.max(0, existing.deck.slides.length - 1)]
    existing.deck = Slides.addSlide(existing.deck, input)
    existing.polls = 0
    existing.files = undefined
    existing.fail = ctx.fault?.kind === "task-failed"
    conversation = existing
  } else {
    conversation = {
      id: `conv-${id}`,
      agentId: request.agent_id,
      deck: Slides.fromPrompt(input, ctx.state.options.seed),
      polls: 0,
      fail: ctx.fault?.kind === "task-failed",
      files: undefined
    }
    store.conversations.set(conversation.id, conversation)
    pages = conversation.deck.slides.map((_, i) => i)
  }
  const head = { id, request_id: Body.requestId(body, id), agent_id: request.agent_id, conversation_id: conversation.id }
  const headers = { "x-request-id": head.request_id }
  const messages = slideMessages(conversation.deck, pages)
  const output = JSON.stringify(messages)
  // like the API, the slide agent streams unless told otherwise
  if (request.stream !== false) {
    const events = messages.map((message, i) => ({
      ...head,
      choices: [{ index: 0, delta: message, ...(i === messages.length - 1 ? { finish_reason: "stop" } : {}) }],
      ...(i === messages.length - 1 ? { usage: usageOf(input, output) } : {})
    }))
    return { ...Reply.sse(events), headers }
  }
  if (ctx.fault?.kind === "error-frame") return inBodyError(ctx, head)
  return Reply.json(
    { ...head, status: "success", choices: [{ index: 0, finish_reason: "stop", message: messages }], usage: usageOf(input, output) },
    200,
    headers
  )
}

/** Renders the deck's files once (PDF and one PNG per page) and keeps them in the store. */
const render = (store: AgentsStore, conversation: SlideConversation) => {
  if (conversation.files !== undefined) return conversation.files
  const version = Slides.versionOf(conversation.deck)
  const pdf = `${conversation.id}-${version}.pdf`
  store.files.set(pdf, { contentType: "application/pdf", body: Slides.pdf(conversation.deck) })
  const images = conversation.deck.slides.map((_, i) => {
    const name = `${conversation.id}-${version}-p${i + 1}.png`
    store.files.set(name, { contentType: "image/png", body: Slides.pageImage(conversation.deck, i) })
    return name
  })
  conversation.files = { pdf, images }
  return conversation.files
}

type Progress =
  | { readonly _tag: "Pending" }
  | { readonly _tag: "Failed" }
  | { readonly _tag: "Ready"; readonly content: ReadonlyArray<JsonObject> }

/** One poll of a deck: pending for `asyncPolls` polls, then its files (or a failure). */
const pollDeck = (ctx: RouteContext, conversation: SlideConversation, variables: unknown): Progress => {
  conversation.polls++
  if (ctx.fault?.kind === "task-failed") conversation.fail = true
  if (conversation.polls <= ctx.state.options.asyncPolls) return { _tag: "Pending" }
  if (conversation.fail) return { _tag: "Failed" }
  const files = render(ctx.state.store(storeKey), conversation)
  const options = typeof variables === "object" && variables !== null ? variables : {}
  const includePdf = "include_pdf" in options && options.include_pdf === true
  const wanted =
    "pages" in options && Array.isArray(options.pages)
      ? new Set(options.pages.flatMap((p: unknown) => (typeof p === "object" && p !== null && "position" in p ? [p.position] : [])))
      : undefined
  const pdf = { type: "file_url", file_url: fileUrl(ctx, files.pdf), tag_en: "PDF", tag_cn: "PDF 文件" }
  const images = files.images.flatMap((name, i) =>
    wanted === undefined || wanted.has(i + 1)
      ? [{ type: "image_url", image_url: fileUrl(ctx, name), tag_en: `Page ${i + 1}`, tag_cn: `第 ${i + 1} 页` }]
      : []
  )
  return { _tag: "Ready", content: includePdf ? [pdf, ...images] : images }
}

const taskError = (ctx: RouteContext) => ({
  code: ctx.fault?.code ?? "1234",
  message: ctx.fault?.message ?? "The agent task failed: rendering error."
})

const conversation = (ctx: RouteContext): Reply.Reply => {
  const body = Body.object(ctx)
  if (Result.isFailure(body)) return body.failure
  const decoded = Body.decode(Agents.AgentConversationRequest, body.success)
  if (Result.isFailure(decoded)) return decoded.failure
  const request = decoded.success
  const found = ctx.state.store(storeKey).conversations.get(request.conversation_id)
  if (found === undefined) return Reply.fieldInvalid("conversation_id", `no slide conversation ${request.conversation_id}`)
  const head = { conversation_id: found.id, agent_id: found.agentId }
  if (ctx.fault?.kind === "error-frame") return inBodyError(ctx, head)
  const progress = pollDeck(ctx, found, request.custom_variables)
  switch (progress._tag) {
    case "Pending":
      return Reply.json({ ...head, status: "pending", choices: [] })
    case "Failed":
      return Reply.json({ ...head, status: "failed", choices: [], error: taskError(ctx) })
    case "Ready":
      return Reply.json({ ...head, status: "success", choices: [{ index: 0, message: [{ role: "assistant", content: progress.content }] }] })
  }
}

// -----------------------------------------------------------------------------------------------------------------
// video effects
// -----------------------------------------------------------------------------------------------------------------

const imageUrl = /^(https?:\/\/\S+|data:image\/[a-z0-9.+-]+;base64,\s*[A-Za-z0-9+/=\s]+)$/i

const videoEffects = (ctx: RouteContext, body: JsonObject, request: Agents.VideoEffectsAgentRequest): Reply.Reply => {
  const parts = request.messages.flatMap((m) => m.content)
  const image = parts.find((p): p is Agents.AgentImagePart => p.type === "image_url")
  if (image === undefined) return Reply.fieldMissing("messages[0].content[].image_url")
  if (!imageUrl.test(image.image_url)) return Reply.fieldInvalid("image_url", "must be an http(s) URL or a data:image/...;base64, URL")
  const content = { template: request.custom_variables.template, image: image.image_url, prompt: textOf(request.messages) }
  const seed = `${ctx.state.options.seed}\u0000${stableStringify(content)}`
  const files = Files.videoNames(seed, "1280x720")
  const asyncId = newId(ctx, content)
  const requestId = Body.requestId(body, asyncId)
  const head = { agent_id: request.agent_id, async_id: asyncId, request_id: requestId }
  if (ctx.fault?.kind === "error-frame") return inBodyError(ctx, { agent_id: request.agent_id, request_id: requestId })
  ctx.state.store(storeKey).tasks.set(asyncId, {
    asyncId,
    agentId: request.agent_id,
    requestId,
    polls: 0,
    fail: ctx.fault?.kind === "task-failed",
    video: Files.url(ctx.headers.host, files.video),
    cover: Files.url(ctx.headers.host, files.cover)
  })
  return Reply.json({ ...head, status: "pending" }, 200, { "x-request-id": requestId })
}

const asyncResult = (ctx: RouteContext): Reply.Reply => {
  const body = Body.object(ctx)
  if (Result.isFailure(body)) return body.failure
  const decoded = Body.decode(Agents.AgentAsyncResultRequest, body.success)
  if (Result.isFailure(decoded)) return decoded.failure
  const request = decoded.success
  const store = ctx.state.store(storeKey)
  if (request.async_id !== undefined && store.tasks.has(request.async_id)) {
    const task = store.tasks.get(request.async_id)
    if (task === undefined) return Reply.fieldInvalid("async_id", `no task ${request.async_id}`)
    const head = { agent_id: task.agentId, async_id: task.asyncId, request_id: task.requestId }
    if (ctx.fault?.kind === "error-frame") return inBodyError(ctx, head)
    task.polls++
    if (ctx.fault?.kind === "task-failed") task.fail = true
    if (task.polls <= ctx.state.options.asyncPolls) return Reply.json({ ...head, status: "pending" })
    if (task.fail) return Reply.json({ ...head, status: "failed", error: taskError(ctx) })
    return Reply.json({
      ...head,
      status: "success",
      choices: [
        {
          index: 0,
          finish_reason: "stop",
          message: [
            {
              role: "assistant",
              content: [
                { type: "video_url", video_url: task.video },
                { type: "image_url", image_url: task.cover }
              ]
            }
          ]
        }
      ]
    })
  }
  if (request.conversation_id !== undefined) {
    const found = store.conversations.get(request.conversation_id)
    if (found === undefined) return Reply.fieldInvalid("conversation_id", `no slide conversation ${request.conversation_id}`)
    const head = { agent_id: found.agentId, conversation_id: found.id, ...(request.async_id === undefined ? {} : { async_id: request.async_id }) }
    if (ctx.fault?.kind === "error-frame") return inBodyError(ctx, head)
    const progress = pollDeck(ctx, found, { include_pdf: true, ...request.custom_variables })
    switch (progress._tag) {
      case "Pending":
        return Reply.json({ ...head, status: "pending" })
      case "Failed":
        return Reply.json({ ...head, status: "failed", error: taskError(ctx) })
      case "Ready":
        return Reply.json({
          ...head,
          status: "success",
          choices: [{ index: 0, finish_reason: "stop", message: [{ role: "assistant", content: progress.content }] }]
        })
    }
  }
  return Reply.fieldInvalid("async_id", `no task ${request.async_id ?? ""}`)
}

// -----------------------------------------------------------------------------------------------------------------
// POST /v1/agents
// -----------------------------------------------------------------------------------------------------------------

const decodeAs = <A>(schema: Schema.ConstraintDecoder<A>, body: JsonObject, handle: (request: A) => Reply.Reply): Reply.Reply => {
  const decoded = Body.decode(schema, body)
  return Result.isFailure(decoded) ? decoded.failure : handle(decoded.success)
}

const invoke = (ctx: RouteContext): Reply.Reply => {
  const body = Body.object(ctx)
  if (Result.isFailure(body)) return body.failure
  const agentId = body.success.agent_id
  if (agentId === undefined || agentId === null || agentId === "") return Reply.fieldMissing("agent_id")
  if (typeof agentId !== "string") return Reply.fieldInvalid("agent_id", "must be a string")
  switch (Agents.familyOf(agentId)) {
    case "translation":
      return decodeAs(Agents.TranslationAgentRequest, body.success, (r) => translation(ctx, body.success, r))
    case "slides":
      return decodeAs(Agents.SlidesAgentRequest, body.success, (r) => slides(ctx, body.success, r))
    case "video-effects":
      return decodeAs(Agents.VideoEffectsAgentRequest, body.success, (r) => videoEffects(ctx, body.success, r))
    case "generic":
      return Reply.fieldInvalid("agent_id", `no agent named ${agentId}`)
  }
}

const serveFile = (ctx: RouteContext): Reply.Reply => {
  const name = ctx.params.name ?? ""
  const file = ctx.state.store(storeKey).files.get(name)
  if (file === undefined) return Reply.error(404, "404", `No file named ${name}.`)
  return Reply.raw(200, file.contentType, file.body)
}

/** Agent routes. */
export const routes: ReadonlyArray<Route> = [
  { method: "POST", path: "/v1/agents", handle: invoke },
  { method: "POST", path: "/v1/agents/async-result", handle: asyncResult },
  { method: "POST", path: "/v1/agents/conversation", handle: conversation },
  { method: "GET", path: `${filesRoute}/:name`, handle: serveFile, public: true }
]
