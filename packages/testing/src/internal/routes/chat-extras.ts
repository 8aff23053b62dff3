/**
 * Chat extras: `POST /tokenizer` (token counts of a chat request) and `POST /moderations` (content safety verdicts).
 *
 * - `/tokenizer` validates the body like a chat request (model, messages, tools) and counts tokens the way the chat
 *   route fills `usage.prompt_tokens`, so the two agree; images add 256 `image_tokens` each, videos 1024 `video_tokens`.
 * - `/moderations` answers one verdict per input item. Text containing a violent word (kill, bomb, weapon, attack)
 *   is `REJECT` with `risk_type: ["violence"]`, one with a word about drugs or gambling is `REVIEW`, anything else
 *   `PASS`; an image, video or audio URL containing `unsafe` is `REJECT` (`["porn"]`).
 * @internal
 */
import { Result } from "effect"
import { digest } from "../hash.js"
import * as Reply from "../reply.js"
import type { Route, RouteContext } from "../router.js"
import * as Text from "../text.js"
import { isObject } from "../validate.js"
import { chatRequest } from "./chat.js"

/** `image_tokens` per image part. */
const imageTokens = 256
/** `video_tokens` per video part. */
const videoTokens = 1024

const countParts = (messages: unknown, type: string): number => {
  if (!Array.isArray(messages)) return 0
  let n = 0
  for (const message of messages) {
    if (!isObject(message) || !Array.isArray(message.content)) continue
    for (const part of message.content) if (isObject(part) && part.type === type) n++
  }
  return n
}

const tokenize = (ctx: RouteContext): Reply.Reply => {
  const request = chatRequest(ctx)
  if (Result.isFailure(request)) return request.failure
  const { messages, raw } = request.success
  const promptTokens =
    messages.reduce((n, m) => n + 4 + Text.tokens(m.text), 0) +
    (raw.tools === undefined ? 0 : Text.tokens(JSON.stringify(raw.tools)))
  const images = countParts(raw.messages, "image_url") * imageTokens
  const videos = countParts(raw.messages, "video_url") * videoTokens
  const id = `${digest(`${ctx.state.options.seed}:tokenizer:${ctx.rawBody}`)}${String(ctx.state.nextSequence()).padStart(4, "0")}`
  const requestId = request.success.requestId ?? id
  return Reply.json(
    {
      id,
      created: Math.floor(Date.now() / 1000),
      request_id: requestId,
      usage: {
        prompt_tokens: promptTokens,
        image_tokens: images,
        video_tokens: videos,
        total_tokens: promptTokens + images + videos
      }
    },
    200,
    { "x-request-id": requestId }
  )
}

const inputTypes = ["text", "image_url", "video_url", "audio_url"] as const

type Item = { readonly type: (typeof inputTypes)[number]; readonly value: string }

const rejectWords = /\b(kill|killing|bomb|bombs|weapon|weapons|attack|attacks)\b/i
const reviewWords = /\b(drug|drugs|gambling|casino)\b/i

const verdict = (item: Item): Record<string, unknown> => {
  if (item.type === "text") {
    const level = rejectWords.test(item.value) ? "REJECT" : reviewWords.test(item.value) ? "REVIEW" : "PASS"
    const riskType = level === "REJECT" ? ["violence"] : level === "REVIEW" ? ["illegal"] : []
    return { content_type: "text", risk_level: level, risk_type: riskType }
  }
  const unsafe = /unsafe/i.test(item.value)
  return {
    content_type: item.type.replace(/_url$/, ""),
    risk_level: unsafe ? "REJECT" : "PASS",
    risk_type: unsafe ? ["porn"] : []
  }
}

const moderationItems = (input: unknown): Result.Result<ReadonlyArray<Item>, Reply.ErrorReply> => {
  if (input === undefined || input === null) return Result.fail(Reply.fieldMissing("input"))
  if (typeof input === "string") {
    return input === "" ? Result.fail(Reply.fieldInvalid("input", "must not be empty")) : Result.succeed([{ type: "text", value: input }])
  }
  if (!Array.isArray(input)) return Result.fail(Reply.fieldInvalid("input", "must be a string or an array of items"))
  if (input.length === 0) return Result.fail(Reply.fieldInvalid("input", "must not be empty"))
  const items: Array<Item> = []
  for (let i = 0; i < input.length; i++) {
    const at = `input[${i}]`
    const item: unknown = input[i]
    if (!isObject(item)) return Result.fail(Reply.fieldInvalid(at, "must be an object"))
    const type = inputTypes.find((t) => t === item.type)
    if (item.type === undefined) return Result.fail(Reply.fieldMissing(`${at}.type`))
    if (type === undefined) return Result.fail(Reply.fieldInvalid(`${at}.type`, `must be one of ${inputTypes.join(", ")}`))
    if (type === "text") {
      if (typeof item.text !== "string") {
        return Result.fail(item.text === undefined ? Reply.fieldMissing(`${at}.text`) : Reply.fieldInvalid(`${at}.text`, "must be a string"))
      }
      items.push({ type, value: item.text })
      continue
    }
    const target = item[type]
    if (target === undefined) return Result.fail(Reply.fieldMissing(`${at}.${type}`))
    const url = isObject(target) ? target.url : target
    if (typeof url !== "string") return Result.fail(Reply.fieldInvalid(`${at}.${type}.url`, "must be a string"))
    items.push({ type, value: url })
  }
  return Result.succeed(items)
}

const moderate = (ctx: RouteContext): Reply.Reply => {
  if (ctx.bodyError !== undefined) return Reply.error(400, "1210", `The request body is not valid JSON: ${ctx.bodyError}`)
  const body = ctx.body
  if (!isObject(body)) return Reply.error(400, "1210", "The request body must be a JSON object.")
  if (body.model === undefined || body.model === null || body.model === "") return Reply.fieldMissing("model")
  if (typeof body.model !== "string") return Reply.fieldInvalid("model", "must be a string")
  const items = moderationItems(body.input)
  if (Result.isFailure(items)) return items.failure
  const id = `${digest(`${ctx.state.options.seed}:moderations:${ctx.rawBody}`)}${String(ctx.state.nextSequence()).padStart(4, "0")}`
  return Reply.json(
    {
      id,
      request_id: id,
      created: Math.floor(Date.now() / 1000),
      result_list: items.success.map(verdict),
      usage: { moderation_text: { call_count: items.success.filter((i) => i.type === "text").length } }
    },
    200,
    { "x-request-id": id }
  )
}

/** Tokenizer and moderation routes. */
export const routes: ReadonlyArray<Route> = [
  { method: "POST", path: "/tokenizer", handle: tokenize },
  { method: "POST", path: "/moderations", handle: moderate }
]
