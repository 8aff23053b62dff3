/**
 * The assistant API: `POST /assistant` (an answer derived from the last user message: `Summary of: ...` like chat,
 * or a `[from→to]` translation with `extra_parameters.translate`; streamed as one full `AssistantCompletion` per
 * event, `in_progress` then `completed`, with a `retrieval` tool step first when files are attached),
 * `POST /assistant/list` (the assistants asked for, or a small built-in catalogue) and
 * `POST /assistant/conversation/list` (the conversations this simulator saw, paged by `page` / `page_size`).
 * Fault `error-frame` on a JSON call answers 200 with `status: "failed"` and `last_error`.
 * @internal
 */
import { Assistant } from "@zai-kit/schema"
import { Result } from "effect"
import { digest, fnv1a, rng, stableStringify } from "../hash.js"
import * as Body from "../media/body.js"
import * as Reply from "../reply.js"
import type { Route, RouteContext } from "../router.js"
import type { StoreKey } from "../state.js"
import * as Text from "../text.js"
import { translate } from "./agents.js"

interface Conversation {
  readonly id: string
  readonly assistantId: string
  readonly createTime: number
  updateTime: number
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number }
}

interface AssistantStore {
  /** In creation order. */
  readonly conversations: Map<string, Conversation>
}

const storeKey: StoreKey<AssistantStore> = { name: "assistant", make: () => ({ conversations: new Map() }) }

const catalogue: ReadonlyArray<{ readonly id: string; readonly name: string; readonly description: string; readonly tools: ReadonlyArray<string> }> = [
  {
    id: "65940acff94777010aa6b796",
    name: "ChatGLM",
    description: "A general assistant that can browse the web, run code and draw.",
    tools: ["web_browser", "code_interpreter", "drawing_tool"]
  },
  {
    id: "659e54b1b8006379b4b2abd6",
    name: "Data Analyst",
    description: "Reads attached files and answers with analyses and charts.",
    tools: ["code_interpreter", "retrieval"]
  },
  {
    id: "9996ijk789lmn012o345p999",
    name: "Translator",
    description: "Translates between languages (extra_parameters.translate).",
    tools: []
  }
]

const supportOf = (id: string) => {
  const known = catalogue.find((a) => a.id === id)
  const created = 1_704_067_200 + (fnv1a(id) % 10_000_000)
  return {
    assistant_id: id,
    created_at: created,
    updated_at: created + 86_400,
    name: known?.name ?? `Assistant ${id.slice(0, 6)}`,
    avatar: `https://sim.zai-kit.invalid/avatars/${id}.png`,
    description: known?.description ?? "A simulated assistant.",
    status: "publish",
    tools: known?.tools ?? [],
    starter_prompts: ["What can you do?", "Summarise this document."]
  }
}

const failed = (ctx: RouteContext, fields: Readonly<Record<string, unknown>>): Reply.Reply =>
  Reply.raw(
    200,
    "application/json; charset=utf-8",
    JSON.stringify({
      ...fields,
      status: "failed",
      last_error: { code: ctx.fault?.code ?? "1234", message: ctx.fault?.message ?? "The assistant failed: network error." },
      choices: []
    })
  )

const run = (ctx: RouteContext): Reply.Reply => {
  const body = Body.object(ctx)
  if (Result.isFailure(body)) return body.failure
  const decoded = Body.decode(Assistant.AssistantRequest, body.success)
  if (Result.isFailure(decoded)) return decoded.failure
  const request = decoded.success
  const lastUser = [...request.messages].reverse().find((m) => m.role === "user") ?? request.messages[request.messages.length - 1]
  const input = (lastUser?.content ?? []).map((part) => part.text).join("\n")
  const translation = request.extra_parameters?.translate
  const answer =
    translation !== undefined
      ? translate(input, translation.from_language ?? "auto", translation.to_language ?? "zh-CN")
      : Text.summary(input, rng(fnv1a(`${ctx.state.options.seed}\u0000${request.assistant_id}\u0000${input}`)))
  const store = ctx.state.store(storeKey)
  const now = Math.floor(Date.now() / 1000)
  const seq = ctx.state.nextSequence()
  const hash = digest(`${ctx.state.options.seed}\u0000${stableStringify({ assistant: request.assistant_id, messages: request.messages })}`)
  const conversationId = request.conversation_id ?? `${hash.slice(0, 16)}${String(seq).padStart(4, "0")}`
  const prompt = Text.tokens(input)
  const completion = Text.tokens(answer)
  const usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion }
  const existing = store.conversations.get(conversationId)
  if (existing === undefined) {
    store.conversations.set(conversationId, { id: conversationId, assistantId: request.assistant_id, createTime: now, updateTime: now, usage })
  } else {
    existing.updateTime = now
    existing.usage = {
      prompt_tokens: existing.usage.prompt_tokens + prompt,
      completion_tokens: existing.usage.completion_tokens + completion,
      total_tokens: existing.usage.total_tokens + usage.total_tokens
    }
  }
  const id = `${hash.slice(0, 12)}${String(seq).padStart(4, "0")}`
  const requestId = Body.requestId(body.success, id)
  const head = { id, request_id: requestId, conversation_id: conversationId, assistant_id: request.assistant_id, created: now }
  const headers = { "x-request-id": requestId }
  const contentDelta = (content: string) => ({ type: "content", role: "assistant", content })
  if (request.stream === true) {
    const retrieval =
      request.attachments === undefined || request.attachments.length === 0
        ? []
        : [
            {
              ...head,
              status: "in_progress",
              last_error: null,
              choices: [
                {
                  index: 0,
                  delta: {
                    type: "tool_calls",
                    role: "tool",
                    tool_calls: [
                      {
                        type: "retrieval",
                        retrieval: {
                          outputs: request.attachments.map((a) => ({ text: `Excerpt of ${a.file_id} about ${Text.firstWords(input, 6)}`, document: a.file_id }))
                        }
                      }
                    ]
                  },
                  finish_reason: null,
                  metadata: {}
                }
              ],
              metadata: {},
              usage: null
            }
          ]
    const pieces = Text.chunks(answer, ctx.state.options.chunkWords)
    const events = pieces.map((piece, i) => {
      const last = i === pieces.length - 1
      return {
        ...head,
        status: last ? "completed" : "in_progress",
        last_error: null,
        choices: [{ index: 0, delta: contentDelta(piece), finish_reason: last ? "stop" : null, metadata: {} }],
        metadata: {},
        usage: last ? usage : null
      }
    })
    return { ...Reply.sse([...retrieval, ...events]), headers }
  }
  if (ctx.fault?.kind === "error-frame") return failed(ctx, head)
  return Reply.json(
    {
      ...head,
      status: "completed",
      last_error: null,
      choices: [{ index: 0, delta: contentDelta(answer), finish_reason: "stop", metadata: {} }],
      metadata: {},
      usage
    },
    200,
    headers
  )
}

const list = (ctx: RouteContext): Reply.Reply => {
  const body = ctx.body === undefined ? Result.succeed({}) : Body.object(ctx)
  if (Result.isFailure(body)) return body.failure
  const decoded = Body.decode(Assistant.AssistantListRequest, body.success)
  if (Result.isFailure(decoded)) return decoded.failure
  const ids = decoded.success.assistant_id_list ?? catalogue.map((a) => a.id)
  return Reply.json({ code: 200, msg: "success", data: ids.map(supportOf) })
}

const conversations = (ctx: RouteContext): Reply.Reply => {
  const body = Body.object(ctx)
  if (Result.isFailure(body)) return body.failure
  const decoded = Body.decode(Assistant.ConversationListRequest, body.success)
  if (Result.isFailure(decoded)) return decoded.failure
  const request = decoded.success
  const page = request.page ?? 1
  const size = request.page_size ?? 10
  const all = [...ctx.state.store(storeKey).conversations.values()].filter((c) => c.assistantId === request.assistant_id)
  const slice = all.slice((page - 1) * size, page * size)
  return Reply.json({
    code: 200,
    msg: "success",
    data: {
      assistant_id: request.assistant_id,
      has_more: page * size < all.length,
      conversation_list: slice.map((c) => ({
        id: c.id,
        assistant_id: c.assistantId,
        create_time: c.createTime,
        update_time: c.updateTime,
        usage: c.usage
      }))
    }
  })
}

/** Assistant routes. */
export const routes: ReadonlyArray<Route> = [
  { method: "POST", path: "/assistant", handle: run },
  { method: "POST", path: "/assistant/list", handle: list },
  { method: "POST", path: "/assistant/conversation/list", handle: conversations }
]
