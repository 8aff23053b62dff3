/**
 * Chat responses and stream chunks (lenient output schemas, wire format): unknown fields are kept,
 * `null` is accepted wherever the API may send it, and open vocabularies (model, finish reason, role) accept any string.
 * Re-exported by `ChatCompletions`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { lenient, maybe } from "./internal/lenient.js"
import { ChatModel, openLiterals } from "./Models.js"

/**
 * Why generation stopped: `stop`, `tool_calls`, `length`, `sensitive` (content filter),
 * `model_context_window_exceeded`, `network_error` (treat as a failure); any other string is accepted.
 *
 * @since 0.1.0
 */
export const FinishReason = openLiterals(
  ["stop", "tool_calls", "length", "sensitive", "model_context_window_exceeded", "network_error"],
  { identifier: "FinishReason", description: "Why the model stopped generating" }
)

/**
 * A finish reason.
 *
 * @since 0.1.0
 */
export type FinishReason = typeof FinishReason.Type

/**
 * `{ cached_tokens? }`.
 *
 * @since 0.1.0
 */
export const PromptTokensDetails = lenient({
  cached_tokens: maybe(Schema.Number)
}).annotate({ identifier: "PromptTokensDetails" })

/**
 * Prompt token details.
 *
 * @since 0.1.0
 */
export type PromptTokensDetails = typeof PromptTokensDetails.Type

/**
 * `{ reasoning_tokens? }`.
 *
 * @since 0.1.0
 */
export const CompletionTokensDetails = lenient({
  reasoning_tokens: maybe(Schema.Number)
}).annotate({ identifier: "CompletionTokensDetails" })

/**
 * Completion token details.
 *
 * @since 0.1.0
 */
export type CompletionTokensDetails = typeof CompletionTokensDetails.Type

/**
 * Token usage: `prompt_tokens`, `completion_tokens`, `total_tokens`, `prompt_tokens_details.cached_tokens`,
 * `completion_tokens_details.reasoning_tokens`. In a stream it arrives on the last chunk only.
 *
 * @since 0.1.0
 */
export const Usage = lenient({
  prompt_tokens: maybe(Schema.Number),
  completion_tokens: maybe(Schema.Number),
  total_tokens: maybe(Schema.Number),
  prompt_tokens_details: maybe(PromptTokensDetails),
  completion_tokens_details: maybe(CompletionTokensDetails)
}).annotate({ identifier: "Usage" })

/**
 * Token usage.
 *
 * @since 0.1.0
 */
export type Usage = typeof Usage.Type

/**
 * One entry of the top-level `web_search` array: `{ refer, title, link, media, content, icon, publish_date, images }`.
 *
 * @since 0.1.0
 */
export const WebSearchResult = lenient({
  refer: maybe(Schema.String),
  title: maybe(Schema.String),
  link: maybe(Schema.String),
  media: maybe(Schema.String),
  content: maybe(Schema.String),
  icon: maybe(Schema.String),
  publish_date: maybe(Schema.String),
  images: maybe(Schema.Array(Schema.Unknown))
}).annotate({ identifier: "WebSearchResult" })

/**
 * A web search result.
 *
 * @since 0.1.0
 */
export type WebSearchResult = typeof WebSearchResult.Type

/**
 * The function of a tool call in a response: `arguments` is normally a JSON string, but some routes send an object.
 *
 * @since 0.1.0
 */
export const ChatCompletionToolCallFunction = lenient({
  name: maybe(Schema.String),
  arguments: maybe(Schema.Union([Schema.String, Schema.Record(Schema.String, Schema.Unknown)]))
}).annotate({ identifier: "ChatCompletionToolCallFunction" })

/**
 * The function of a response tool call.
 *
 * @since 0.1.0
 */
export type ChatCompletionToolCallFunction = typeof ChatCompletionToolCallFunction.Type

/**
 * A tool call in a response message, or a tool-call fragment in a stream delta (`index` keys the fragments;
 * with `tool_stream`, `function.arguments` arrives in pieces to be concatenated per index).
 *
 * @since 0.1.0
 */
export const ChatCompletionToolCall = lenient({
  index: maybe(Schema.Number),
  id: maybe(Schema.String),
  type: maybe(Schema.String),
  function: maybe(ChatCompletionToolCallFunction)
}).annotate({ identifier: "ChatCompletionToolCall" })

/**
 * A response tool call.
 *
 * @since 0.1.0
 */
export type ChatCompletionToolCall = typeof ChatCompletionToolCall.Type

/**
 * Audio produced by the model: `{ id, data (base64), expires_at }`.
 *
 * @since 0.1.0
 */
export const ChatCompletionAudio = lenient({
  id: maybe(Schema.String),
  data: maybe(Schema.String),
  expires_at: maybe(Schema.Number)
}).annotate({ identifier: "ChatCompletionAudio" })

/**
 * Response audio.
 *
 * @since 0.1.0
 */
export type ChatCompletionAudio = typeof ChatCompletionAudio.Type

/**
 * The message of a response choice: `{ role, content, reasoning_content, tool_calls, audio }`, each possibly null or absent.
 *
 * @since 0.1.0
 */
export const ChatCompletionMessage = lenient({
  role: maybe(Schema.String),
  content: maybe(Schema.String),
  reasoning_content: maybe(Schema.String),
  tool_calls: maybe(Schema.Array(ChatCompletionToolCall)),
  audio: maybe(ChatCompletionAudio)
}).annotate({ identifier: "ChatCompletionMessage" })

/**
 * A response message.
 *
 * @since 0.1.0
 */
export type ChatCompletionMessage = typeof ChatCompletionMessage.Type

/**
 * One choice of a response: `{ index, finish_reason, message }`.
 *
 * @since 0.1.0
 */
export const ChatCompletionChoice = lenient({
  index: maybe(Schema.Number),
  finish_reason: maybe(FinishReason),
  message: maybe(ChatCompletionMessage)
}).annotate({ identifier: "ChatCompletionChoice" })

/**
 * A response choice.
 *
 * @since 0.1.0
 */
export type ChatCompletionChoice = typeof ChatCompletionChoice.Type

/**
 * The answer of `POST /chat/completions` (non-streaming): `{ id, request_id, created, model, choices, usage, web_search }`.
 *
 * @since 0.1.0
 */
export const ChatCompletion = lenient({
  id: maybe(Schema.String),
  request_id: maybe(Schema.String),
  created: maybe(Schema.Number),
  model: maybe(ChatModel),
  object: maybe(Schema.String),
  choices: maybe(Schema.Array(ChatCompletionChoice)),
  usage: maybe(Usage),
  web_search: maybe(Schema.Array(WebSearchResult))
}).annotate({ identifier: "ChatCompletion" })

/**
 * A chat completion.
 *
 * @since 0.1.0
 */
export type ChatCompletion = typeof ChatCompletion.Type

/**
 * The delta of a stream choice: `{ role, content, reasoning_content, tool_calls, audio }` fragments.
 *
 * @since 0.1.0
 */
export const ChatCompletionDelta = lenient({
  role: maybe(Schema.String),
  content: maybe(Schema.String),
  reasoning_content: maybe(Schema.String),
  tool_calls: maybe(Schema.Array(ChatCompletionToolCall)),
  audio: maybe(ChatCompletionAudio)
}).annotate({ identifier: "ChatCompletionDelta" })

/**
 * A stream delta.
 *
 * @since 0.1.0
 */
export type ChatCompletionDelta = typeof ChatCompletionDelta.Type

/**
 * One choice of a stream chunk: `{ index, finish_reason, delta }`.
 *
 * @since 0.1.0
 */
export const ChatCompletionChunkChoice = lenient({
  index: maybe(Schema.Number),
  finish_reason: maybe(FinishReason),
  delta: maybe(ChatCompletionDelta)
}).annotate({ identifier: "ChatCompletionChunkChoice" })

/**
 * A stream choice.
 *
 * @since 0.1.0
 */
export type ChatCompletionChunkChoice = typeof ChatCompletionChunkChoice.Type

/**
 * An error carried inside a payload (a mid-stream error frame, a failed async task): `{ code, message }`.
 *
 * @since 0.1.0
 */
export const PayloadError = lenient({
  code: maybe(Schema.Union([Schema.String, Schema.Number])),
  message: maybe(Schema.String)
}).annotate({ identifier: "PayloadError" })

/**
 * A payload error.
 *
 * @since 0.1.0
 */
export type PayloadError = typeof PayloadError.Type

/**
 * One `data:` payload of a chat stream: `{ id, created, model, object, choices, usage (last chunk), web_search, error }`.
 *
 * @since 0.1.0
 */
export const ChatCompletionChunk = lenient({
  id: maybe(Schema.String),
  request_id: maybe(Schema.String),
  created: maybe(Schema.Number),
  model: maybe(ChatModel),
  object: maybe(Schema.String),
  choices: maybe(Schema.Array(ChatCompletionChunkChoice)),
  usage: maybe(Usage),
  web_search: maybe(Schema.Array(WebSearchResult)),
  error: maybe(Schema.Union([PayloadError, Schema.String]))
}).annotate({ identifier: "ChatCompletionChunk" })

/**
 * A stream chunk.
 *
 * @since 0.1.0
 */
export type ChatCompletionChunk = typeof ChatCompletionChunk.Type
