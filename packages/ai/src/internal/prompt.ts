/**
 * Prompt conversion: effect's `Prompt` into GLM chat messages.
 * @internal
 */
import type { ChatCompletions } from "@zai-kit/schema"
import { Effect } from "effect"
import { AiError, type Prompt } from "effect/ai"

const invalid = (parameter: string, description: string): AiError.AiError =>
  AiError.make({
    module: "ZaiLanguageModel",
    method: "prepareMessages",
    reason: new AiError.InvalidRequestError({ parameter, description })
  })

/** Base64 of bytes without any platform API (`btoa` over chunks of at most 32 KiB). */
export const base64 = (bytes: Uint8Array): string => {
  let binary = ""
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(binary)
}

const isUrlText = (text: string): boolean => /^(https?:|data:)/i.test(text)

const audioFormat = (mediaType: string): ChatCompletions.InputAudioFormat | undefined => {
  const subtype = mediaType.toLowerCase().split("/")[1]
  if (subtype === "wav" || subtype === "x-wav" || subtype === "wave") return "wav"
  if (subtype === "mp3" || subtype === "mpeg") return "mp3"
  return undefined
}

// A URL (or `data:` URL) for data given as a URL object, a URL string, raw bytes or base64 text.
const urlOf = (part: Prompt.FilePart, mediaType: string): string => {
  if (part.data instanceof URL) return part.data.toString()
  if (part.data instanceof Uint8Array) return `data:${mediaType};base64,${base64(part.data)}`
  return isUrlText(part.data) ? part.data : `data:${mediaType};base64,${part.data}`
}

const filePart = (
  part: Prompt.FilePart,
  path: string
): Effect.Effect<ChatCompletions.ContentPart, AiError.AiError> => {
  const mediaType = part.mediaType.toLowerCase()
  if (mediaType.startsWith("image/")) {
    const concrete = mediaType === "image/*" ? "image/jpeg" : mediaType
    return Effect.succeed({ type: "image_url", image_url: { url: urlOf(part, concrete) } })
  }
  if (mediaType.startsWith("audio/")) {
    const format = audioFormat(mediaType)
    if (format === undefined) {
      return Effect.fail(invalid(path, `audio must be wav or mp3 (audio/wav, audio/mpeg), got ${part.mediaType}`))
    }
    if (part.data instanceof URL || (typeof part.data === "string" && isUrlText(part.data))) {
      return Effect.fail(invalid(path, "audio must be given as bytes or base64 text, not a URL"))
    }
    const data = part.data instanceof Uint8Array ? base64(part.data) : part.data
    return Effect.succeed({ type: "input_audio", input_audio: { data, format } })
  }
  const isUrl = part.data instanceof URL || (typeof part.data === "string" && /^https?:/i.test(part.data))
  if (!isUrl) {
    return Effect.fail(
      invalid(path, `${mediaType.startsWith("video/") ? "a video" : "a document"} (${part.mediaType}) must be given as an http(s) URL`)
    )
  }
  const url = part.data.toString()
  return Effect.succeed(
    mediaType.startsWith("video/") ? { type: "video_url", video_url: { url } } : { type: "file_url", file_url: { url } }
  )
}

const stringify = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value) ?? "null")

/**
 * The GLM messages of a prompt. System messages stay system messages; user text and files become content parts
 * (a single text part stays a plain string); assistant text, reasoning and tool calls become one assistant message
 * (`content`, `reasoning_content`, `tool_calls`); each tool result becomes a `tool` message.
 */
export const prepareMessages = (
  prompt: Prompt.Prompt,
  providerName: (name: string) => string
): Effect.Effect<Array<ChatCompletions.Message>, AiError.AiError> =>
  Effect.gen(function*() {
  const messages: Array<ChatCompletions.Message> = []
  for (const [i, message] of prompt.content.entries()) {
    const path = `prompt.content[${i}]`
    switch (message.role) {
      case "system": {
        messages.push({ role: "system", content: message.content })
        break
      }
      case "user": {
        const parts: Array<ChatCompletions.ContentPart> = []
        for (const [j, part] of message.content.entries()) {
          if (part.type === "text") parts.push({ type: "text", text: part.text })
          else parts.push(yield* filePart(part, `${path}.content[${j}]`))
        }
        const only = parts[0]
        messages.push({
          role: "user",
          content: parts.length === 1 && only !== undefined && only.type === "text" ? only.text : parts
        })
        break
      }
      case "assistant": {
        let text = ""
        let reasoning = ""
        const toolCalls: Array<ChatCompletions.ToolCall> = []
        for (const [j, part] of message.content.entries()) {
          switch (part.type) {
            case "text":
              text += part.text
              break
            case "reasoning":
              reasoning += part.text
              break
            case "tool-call":
              if (!part.providerExecuted) {
                toolCalls.push({
                  id: part.id,
                  type: "function",
                  function: { name: providerName(part.name), arguments: stringify(part.params) }
                })
              }
              break
            case "file":
              return yield* invalid(`${path}.content[${j}]`, "GLM takes no files in assistant messages")
            case "tool-result":
            case "tool-approval-request":
              // Results of tools the provider ran itself, and approval requests, are not sent back.
              break
          }
        }
        messages.push({
          role: "assistant",
          content: text === "" && toolCalls.length > 0 ? null : text,
          ...(reasoning === "" ? {} : { reasoning_content: reasoning }),
          ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls })
        })
        break
      }
      case "tool": {
        for (const part of message.content) {
          if (part.type === "tool-result") {
            messages.push({ role: "tool", tool_call_id: part.id, content: stringify(part.result) })
          }
        }
        break
      }
    }
  }
  return messages
  })
