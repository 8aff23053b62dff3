/**
 * Chat request messages and their content parts (strict input schemas, wire format).
 * Re-exported by `ChatCompletions`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { openLiterals } from "./Models.js"

/**
 * `{ type: "text", text }`: a text part of a multimodal message.
 *
 * @since 0.1.0
 */
export const TextContentPart = Schema.Struct({
  type: Schema.Literal("text"),
  text: Schema.String
}).annotate({ identifier: "TextContentPart" })

/**
 * A text content part.
 *
 * @since 0.1.0
 */
export type TextContentPart = typeof TextContentPart.Type

/**
 * `{ type: "image_url", image_url: { url } }`: an image given by URL or base64 (with or without a `data:` prefix).
 *
 * @since 0.1.0
 */
export const ImageUrlContentPart = Schema.Struct({
  type: Schema.Literal("image_url"),
  image_url: Schema.Struct({ url: Schema.String })
}).annotate({ identifier: "ImageUrlContentPart" })

/**
 * An image content part.
 *
 * @since 0.1.0
 */
export type ImageUrlContentPart = typeof ImageUrlContentPart.Type

/**
 * `{ type: "video_url", video_url: { url } }`: a video given by URL.
 *
 * @since 0.1.0
 */
export const VideoUrlContentPart = Schema.Struct({
  type: Schema.Literal("video_url"),
  video_url: Schema.Struct({ url: Schema.String })
}).annotate({ identifier: "VideoUrlContentPart" })

/**
 * A video content part.
 *
 * @since 0.1.0
 */
export type VideoUrlContentPart = typeof VideoUrlContentPart.Type

/**
 * `{ type: "file_url", file_url: { url } }`: a document (pdf, txt, word, xlsx, ...) given by URL.
 *
 * @since 0.1.0
 */
export const FileUrlContentPart = Schema.Struct({
  type: Schema.Literal("file_url"),
  file_url: Schema.Struct({ url: Schema.String })
}).annotate({ identifier: "FileUrlContentPart" })

/**
 * A file content part.
 *
 * @since 0.1.0
 */
export type FileUrlContentPart = typeof FileUrlContentPart.Type

/**
 * Audio formats accepted in `input_audio` parts.
 *
 * @since 0.1.0
 */
export const InputAudioFormat = Schema.Literals(["wav", "mp3"])

/**
 * `wav` or `mp3`.
 *
 * @since 0.1.0
 */
export type InputAudioFormat = typeof InputAudioFormat.Type

/**
 * `{ type: "input_audio", input_audio: { data, format } }`: base64 audio (at most 10 minutes).
 *
 * @since 0.1.0
 */
export const InputAudioContentPart = Schema.Struct({
  type: Schema.Literal("input_audio"),
  input_audio: Schema.Struct({ data: Schema.String, format: InputAudioFormat })
}).annotate({ identifier: "InputAudioContentPart" })

/**
 * An audio content part.
 *
 * @since 0.1.0
 */
export type InputAudioContentPart = typeof InputAudioContentPart.Type

/**
 * Any content part of a user message: text, image_url, video_url, file_url or input_audio.
 *
 * @since 0.1.0
 */
export const ContentPart = Schema.Union([
  TextContentPart,
  ImageUrlContentPart,
  VideoUrlContentPart,
  FileUrlContentPart,
  InputAudioContentPart
])

/**
 * Any content part of a user message.
 *
 * @since 0.1.0
 */
export type ContentPart = typeof ContentPart.Type

/**
 * The kinds of tool call: `function`, `web_search`, `retrieval`, `mcp` (any other string is accepted).
 *
 * @since 0.1.0
 */
export const ToolCallType = openLiterals(["function", "web_search", "retrieval", "mcp"], {
  identifier: "ToolCallType",
  description: "The kind of tool call"
})

/**
 * The kind of a tool call.
 *
 * @since 0.1.0
 */
export type ToolCallType = typeof ToolCallType.Type

/**
 * `{ name, arguments }`: the function a tool call invokes, `arguments` being a JSON string.
 *
 * @since 0.1.0
 */
export const ToolCallFunction = Schema.Struct({
  name: Schema.String,
  arguments: Schema.String
}).annotate({ identifier: "ToolCallFunction" })

/**
 * The function part of a tool call.
 *
 * @since 0.1.0
 */
export type ToolCallFunction = typeof ToolCallFunction.Type

/**
 * A tool call made by the model, as sent back in an assistant message: `{ id, type, function? }`.
 *
 * @since 0.1.0
 */
export const ToolCall = Schema.Struct({
  id: Schema.String,
  type: ToolCallType,
  function: Schema.optionalKey(ToolCallFunction)
}).annotate({ identifier: "ToolCall" })

/**
 * A tool call in an assistant message.
 *
 * @since 0.1.0
 */
export type ToolCall = typeof ToolCall.Type

/**
 * `{ role: "system", content }`: instructions for the model.
 *
 * @since 0.1.0
 */
export const SystemMessage = Schema.Struct({
  role: Schema.Literal("system"),
  content: Schema.String
}).annotate({ identifier: "SystemMessage" })

/**
 * A system message.
 *
 * @since 0.1.0
 */
export type SystemMessage = typeof SystemMessage.Type

/**
 * `{ role: "user", content }`: `content` is a string or an array of content parts (vision models).
 *
 * @since 0.1.0
 */
export const UserMessage = Schema.Struct({
  role: Schema.Literal("user"),
  content: Schema.Union([Schema.String, Schema.Array(ContentPart).annotate({ expected: "array of content parts" })])
}).annotate({ identifier: "UserMessage" })

/**
 * A user message.
 *
 * @since 0.1.0
 */
export type UserMessage = typeof UserMessage.Type

/**
 * `{ role: "assistant", content?, reasoning_content?, tool_calls? }`: a previous model turn. Send `reasoning_content`
 * back when `thinking.clear_thinking` is `false` (preserved thinking); `content` may be `null` next to `tool_calls`.
 *
 * @since 0.1.0
 */
export const AssistantMessage = Schema.Struct({
  role: Schema.Literal("assistant"),
  content: Schema.optionalKey(Schema.NullOr(Schema.String)),
  reasoning_content: Schema.optionalKey(Schema.String),
  tool_calls: Schema.optionalKey(Schema.Array(ToolCall))
}).annotate({ identifier: "AssistantMessage" })

/**
 * An assistant message.
 *
 * @since 0.1.0
 */
export type AssistantMessage = typeof AssistantMessage.Type

/**
 * `{ role: "tool", content, tool_call_id }`: the result of a tool call.
 *
 * @since 0.1.0
 */
export const ToolMessage = Schema.Struct({
  role: Schema.Literal("tool"),
  content: Schema.String,
  tool_call_id: Schema.String
}).annotate({ identifier: "ToolMessage" })

/**
 * A tool message.
 *
 * @since 0.1.0
 */
export type ToolMessage = typeof ToolMessage.Type

/**
 * Any request message, told apart by `role`: system, user, assistant or tool.
 *
 * @since 0.1.0
 */
export const Message = Schema.Union([SystemMessage, UserMessage, AssistantMessage, ToolMessage])

/**
 * Any request message.
 *
 * @since 0.1.0
 */
export type Message = typeof Message.Type
