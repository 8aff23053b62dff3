/**
 * Structural validation of request bodies. A failure names the field, as the real API does with
 * business codes 1213 (field missing) and 1214 (field invalid).
 * @internal
 */
import { Result } from "effect"
import * as Reply from "./reply.js"

/** A plain JSON object. */
export type JsonObject = Readonly<Record<string, unknown>>

/** Narrows to a plain object. */
export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** A validation failure (an error reply). */
export type Invalid = Reply.ErrorReply

type Check<A> = Result.Result<A, Invalid>

const ok = <A>(a: A): Check<A> => Result.succeed(a)
const invalid = (field: string, detail: string): Check<never> => Result.fail(Reply.fieldInvalid(field, detail))
const missing = (field: string): Check<never> => Result.fail(Reply.fieldMissing(field))

/** A message in a chat request (only the fields the simulator reads). */
export interface ChatMessage {
  readonly role: "system" | "user" | "assistant" | "tool"
  /** Text of the message (text parts joined; other parts as `[image]` etc.). */
  readonly text: string
  readonly toolCallId: string | undefined
  readonly toolCalls: ReadonlyArray<{ readonly id: string; readonly name: string }>
}

/** A tool in a chat request. */
export type ChatTool =
  | {
      readonly type: "function"
      readonly name: string
      readonly description: string
      readonly parameters: JsonObject | undefined
    }
  | { readonly type: "web_search"; readonly options: JsonObject }
  | { readonly type: "retrieval" | "mcp"; readonly options: JsonObject }

/** A validated chat request. */
export interface ChatRequest {
  readonly model: string
  readonly messages: ReadonlyArray<ChatMessage>
  readonly stream: boolean
  readonly thinking: boolean
  readonly tools: ReadonlyArray<ChatTool>
  readonly toolStream: boolean
  readonly jsonObject: boolean
  readonly maxTokens: number | undefined
  readonly requestId: string | undefined
  /** The raw body, for hashing. */
  readonly raw: JsonObject
}

const roles = ["system", "user", "assistant", "tool"] as const
const partTypes = ["text", "image_url", "video_url", "file_url", "input_audio", "audio_url"] as const
const toolTypes = ["function", "web_search", "retrieval", "mcp"] as const

const optionalBoolean = (body: JsonObject, field: string): Check<boolean | undefined> => {
  const value = body[field]
  if (value === undefined || value === null) return ok(undefined)
  return typeof value === "boolean" ? ok(value) : invalid(field, "must be a boolean")
}

const optionalNumber = (
  body: JsonObject,
  field: string,
  range: { readonly min: number; readonly max: number; readonly integer?: boolean }
): Check<number | undefined> => {
  const value = body[field]
  if (value === undefined || value === null) return ok(undefined)
  if (typeof value !== "number" || !Number.isFinite(value)) return invalid(field, "must be a number")
  if (range.integer === true && !Number.isInteger(value)) return invalid(field, "must be an integer")
  if (value < range.min || value > range.max) return invalid(field, `must be between ${range.min} and ${range.max}`)
  return ok(value)
}

const contentText = (content: unknown, field: string): Check<string> => {
  if (content === undefined || content === null) return ok("")
  if (typeof content === "string") return ok(content)
  if (!Array.isArray(content)) return invalid(field, "must be a string or an array of content parts")
  const texts: Array<string> = []
  for (let i = 0; i < content.length; i++) {
    const part: unknown = content[i]
    const at = `${field}[${i}]`
    if (!isObject(part)) return invalid(at, "must be an object")
    const type = part.type
    if (type === undefined) return missing(`${at}.type`)
    if (typeof type !== "string" || !(partTypes as ReadonlyArray<string>).includes(type)) {
      return invalid(`${at}.type`, `must be one of ${partTypes.join(", ")}`)
    }
    if (type === "text") {
      if (typeof part.text !== "string") return part.text === undefined ? missing(`${at}.text`) : invalid(`${at}.text`, "must be a string")
      texts.push(part.text)
    } else {
      if (part[type] === undefined) return missing(`${at}.${type}`)
      texts.push(`[${type.replace(/_url$/, "")}]`)
    }
  }
  return ok(texts.join("\n"))
}

const message = (value: unknown, index: number): Check<ChatMessage> => {
  const at = `messages[${index}]`
  if (!isObject(value)) return invalid(at, "must be an object")
  const role = value.role
  if (role === undefined) return missing(`${at}.role`)
  if (typeof role !== "string" || !(roles as ReadonlyArray<string>).includes(role)) {
    return invalid(`${at}.role`, `must be one of ${roles.join(", ")}`)
  }
  const typedRole = role as ChatMessage["role"]
  const text = contentText(value.content, `${at}.content`)
  if (Result.isFailure(text)) return Result.fail(text.failure)
  if (typedRole !== "assistant" && (value.content === undefined || value.content === null)) return missing(`${at}.content`)
  let toolCallId: string | undefined
  if (typedRole === "tool" && value.tool_call_id !== undefined) {
    if (typeof value.tool_call_id !== "string") return invalid(`${at}.tool_call_id`, "must be a string")
    toolCallId = value.tool_call_id
  }
  const toolCalls: Array<{ id: string; name: string }> = []
  if (typedRole === "assistant" && value.tool_calls !== undefined && value.tool_calls !== null) {
    if (!Array.isArray(value.tool_calls)) return invalid(`${at}.tool_calls`, "must be an array")
    for (let i = 0; i < value.tool_calls.length; i++) {
      const call: unknown = value.tool_calls[i]
      const callAt = `${at}.tool_calls[${i}]`
      if (!isObject(call)) return invalid(callAt, "must be an object")
      const fn = call.function
      if (!isObject(fn)) return fn === undefined ? missing(`${callAt}.function`) : invalid(`${callAt}.function`, "must be an object")
      if (typeof fn.name !== "string") return missing(`${callAt}.function.name`)
      toolCalls.push({ id: typeof call.id === "string" ? call.id : "", name: fn.name })
    }
  }
  return ok({ role: typedRole, text: text.success, toolCallId, toolCalls })
}

const tool = (value: unknown, index: number): Check<ChatTool> => {
  const at = `tools[${index}]`
  if (!isObject(value)) return invalid(at, "must be an object")
  const type = value.type
  if (type === undefined) return missing(`${at}.type`)
  if (typeof type !== "string" || !(toolTypes as ReadonlyArray<string>).includes(type)) {
    return invalid(`${at}.type`, `must be one of ${toolTypes.join(", ")}`)
  }
  if (type === "function") {
    const fn = value.function
    if (fn === undefined) return missing(`${at}.function`)
    if (!isObject(fn)) return invalid(`${at}.function`, "must be an object")
    if (fn.name === undefined) return missing(`${at}.function.name`)
    if (typeof fn.name !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(fn.name)) {
      return invalid(`${at}.function.name`, "must be 1-64 letters, digits, _ or -")
    }
    if (fn.parameters !== undefined && !isObject(fn.parameters)) return invalid(`${at}.function.parameters`, "must be an object")
    return ok({
      type: "function",
      name: fn.name,
      description: typeof fn.description === "string" ? fn.description : "",
      parameters: isObject(fn.parameters) ? fn.parameters : undefined
    })
  }
  const options = value[type]
  if (options !== undefined && !isObject(options)) return invalid(`${at}.${type}`, "must be an object")
  const opts = isObject(options) ? options : {}
  if (type === "web_search") return ok({ type, options: opts })
  return ok({ type: type === "mcp" ? "mcp" : "retrieval", options: opts })
}

/** Validates a `/chat/completions` body (also used by `/async/chat/completions`). Unknown keys are ignored, as the API does. */
export const chatRequest = (body: unknown): Check<ChatRequest> => {
  if (!isObject(body)) return Result.fail(Reply.error(400, "1210", "The request body must be a JSON object."))
  if (body.model === undefined || body.model === null || body.model === "") return missing("model")
  if (typeof body.model !== "string") return invalid("model", "must be a string")
  if (body.messages === undefined || body.messages === null) return missing("messages")
  if (!Array.isArray(body.messages)) return invalid("messages", "must be an array")
  if (body.messages.length === 0) return invalid("messages", "must not be empty")
  const messages: Array<ChatMessage> = []
  for (let i = 0; i < body.messages.length; i++) {
    const m = message(body.messages[i], i)
    if (Result.isFailure(m)) return Result.fail(m.failure)
    messages.push(m.success)
  }
  const stream = optionalBoolean(body, "stream")
  if (Result.isFailure(stream)) return Result.fail(stream.failure)
  const toolStream = optionalBoolean(body, "tool_stream")
  if (Result.isFailure(toolStream)) return Result.fail(toolStream.failure)
  const doSample = optionalBoolean(body, "do_sample")
  if (Result.isFailure(doSample)) return Result.fail(doSample.failure)
  const temperature = optionalNumber(body, "temperature", { min: 0, max: 1 })
  if (Result.isFailure(temperature)) return Result.fail(temperature.failure)
  const topP = optionalNumber(body, "top_p", { min: 0, max: 1 })
  if (Result.isFailure(topP)) return Result.fail(topP.failure)
  const maxTokens = optionalNumber(body, "max_tokens", { min: 1, max: 1_000_000, integer: true })
  if (Result.isFailure(maxTokens)) return Result.fail(maxTokens.failure)

  let thinking = false
  if (body.thinking !== undefined && body.thinking !== null) {
    if (!isObject(body.thinking)) return invalid("thinking", "must be an object")
    const type = body.thinking.type
    if (type === undefined) return missing("thinking.type")
    if (type !== "enabled" && type !== "disabled") return invalid("thinking.type", "must be enabled or disabled")
    thinking = type === "enabled"
  }
  let jsonObject = false
  if (body.response_format !== undefined && body.response_format !== null) {
    if (!isObject(body.response_format)) return invalid("response_format", "must be an object")
    const type = body.response_format.type
    if (type === undefined) return missing("response_format.type")
    if (type !== "text" && type !== "json_object") return invalid("response_format.type", "must be text or json_object")
    jsonObject = type === "json_object"
  }
  const tools: Array<ChatTool> = []
  if (body.tools !== undefined && body.tools !== null) {
    if (!Array.isArray(body.tools)) return invalid("tools", "must be an array")
    for (let i = 0; i < body.tools.length; i++) {
      const t = tool(body.tools[i], i)
      if (Result.isFailure(t)) return Result.fail(t.failure)
      tools.push(t.success)
    }
  }
  if (body.tool_choice !== undefined && body.tool_choice !== null && body.tool_choice !== "auto") {
    return invalid("tool_choice", 'only "auto" is supported')
  }
  if (body.stop !== undefined && body.stop !== null) {
    const stop = body.stop
    const valid = typeof stop === "string" || (Array.isArray(stop) && stop.every((s) => typeof s === "string"))
    if (!valid) return invalid("stop", "must be a string or an array of strings")
  }
  let requestId: string | undefined
  if (body.request_id !== undefined && body.request_id !== null) {
    if (typeof body.request_id !== "string" || body.request_id.length < 6 || body.request_id.length > 128) {
      return invalid("request_id", "must be a string of 6 to 128 characters")
    }
    requestId = body.request_id
  }
  if (body.user_id !== undefined && body.user_id !== null) {
    if (typeof body.user_id !== "string" || body.user_id.length < 6 || body.user_id.length > 128) {
      return invalid("user_id", "must be a string of 6 to 128 characters")
    }
  }
  return ok({
    model: body.model,
    messages,
    stream: stream.success ?? false,
    thinking,
    tools,
    toolStream: toolStream.success ?? false,
    jsonObject,
    maxTokens: maxTokens.success,
    requestId,
    raw: body
  })
}
