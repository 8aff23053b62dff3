/**
 * `POST /chat/completions` (and `POST /async/chat/completions`): the strict request schema with every documented
 * field, its validator, and (re-exported from the sibling modules) messages, content parts, tools, and the lenient
 * response and stream-chunk schemas.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Message } from "./ChatMessages.js"
import { Tool, ToolChoice } from "./ChatTools.js"
import { makeValidator } from "./InputValidation.js"
import { ChatModel } from "./Models.js"

export * from "./ChatMessages.js"
export * from "./ChatResponses.js"
export * from "./ChatTools.js"

/**
 * `{ type?: "enabled" | "disabled", clear_thinking? }`: chain of thought. `clear_thinking: false` keeps the
 * reasoning of earlier turns (send their `reasoning_content` back on assistant messages).
 *
 * @since 0.1.0
 */
export const Thinking = Schema.Struct({
  type: Schema.optionalKey(Schema.Literals(["enabled", "disabled"])),
  clear_thinking: Schema.optionalKey(Schema.Boolean)
}).annotate({ identifier: "Thinking" })

/**
 * Thinking options.
 *
 * @since 0.1.0
 */
export type Thinking = typeof Thinking.Type

/**
 * `{ type: "text" | "json_object" }`.
 *
 * @since 0.1.0
 */
export const ResponseFormat = Schema.Struct({
  type: Schema.Literals(["text", "json_object"])
}).annotate({ identifier: "ResponseFormat" })

/**
 * A response format.
 *
 * @since 0.1.0
 */
export type ResponseFormat = typeof ResponseFormat.Type

/**
 * `{ type?, status? }`: sensitive-word checking (e.g. `{ type: "ALL", status: "DISABLE" }`, for approved accounts).
 *
 * @since 0.1.0
 */
export const SensitiveWordCheck = Schema.Struct({
  type: Schema.optionalKey(Schema.String),
  status: Schema.optionalKey(Schema.String)
}).annotate({ identifier: "SensitiveWordCheck" })

/**
 * Sensitive-word check options.
 *
 * @since 0.1.0
 */
export type SensitiveWordCheck = typeof SensitiveWordCheck.Type

/**
 * A client-chosen request id: 1–128 characters (the platform generates one when absent).
 *
 * @since 0.1.0
 */
export const RequestId = Schema.String.check(Schema.isBetweenLength(1, 128)).annotate({ identifier: "RequestId" })

/**
 * An end-user id: 6–128 characters.
 *
 * @since 0.1.0
 */
export const UserId = Schema.String.check(Schema.isBetweenLength(6, 128)).annotate({ identifier: "UserId" })

const requestFields = {
  /** The model id, e.g. `glm-4.6`. */
  model: ChatModel,
  /** The conversation, at least one message. */
  messages: Schema.Array(Message).check(Schema.isMinLength(1)),
  /** Stream the answer as SSE chunks. */
  stream: Schema.optionalKey(Schema.Boolean),
  /** Chain-of-thought switch. */
  thinking: Schema.optionalKey(Thinking),
  /** Sampling temperature, [0, 1]. */
  temperature: Schema.optionalKey(Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 1 }))),
  /** Nucleus sampling, [0.01, 1]. */
  top_p: Schema.optionalKey(Schema.Finite.check(Schema.isBetween({ minimum: 0.01, maximum: 1 }))),
  /** Maximum output tokens (≥ 1). */
  max_tokens: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))),
  /** `false` turns sampling off (temperature and top_p are then ignored). */
  do_sample: Schema.optionalKey(Schema.Boolean),
  /** Stop words (the API currently honours one). */
  stop: Schema.optionalKey(Schema.Array(Schema.String)),
  /** Tools the model may use. */
  tools: Schema.optionalKey(Schema.Array(Tool)),
  /** Tool selection; only `"auto"` is documented. */
  tool_choice: Schema.optionalKey(ToolChoice),
  /** Stream tool-call arguments in fragments (GLM-4.6+, with `stream: true`). */
  tool_stream: Schema.optionalKey(Schema.Boolean),
  /** `text` or `json_object`. */
  response_format: Schema.optionalKey(ResponseFormat),
  /** Unique client request id. */
  request_id: Schema.optionalKey(RequestId),
  /** End-user id, 6–128 characters. */
  user_id: Schema.optionalKey(UserId),
  /** Sensitive-word check options. */
  sensitive_word_check: Schema.optionalKey(SensitiveWordCheck),
  /** Role-play metadata (CharGLM: `user_info`, `bot_info`, `bot_name`, `user_name`). */
  meta: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown)),
  /** Model-specific extras (CodeGeeX: `target`, `contexts`). */
  extra: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown)),
  /** Random seed. */
  seed: Schema.optionalKey(Schema.Int),
  /** Whether generated content carries a watermark. */
  watermark_enabled: Schema.optionalKey(Schema.Boolean)
}

/**
 * The body of `POST /chat/completions`: every documented field, strict (see `validateChatRequest`).
 *
 * @since 0.1.0
 */
export const ChatCompletionRequest = Schema.Struct(requestFields).annotate({ identifier: "ChatCompletionRequest" })

/**
 * A chat completion request.
 *
 * @since 0.1.0
 */
export type ChatCompletionRequest = typeof ChatCompletionRequest.Type

/**
 * The body of `POST /async/chat/completions`: the chat request without `stream` and `tool_stream`.
 *
 * @since 0.1.0
 */
export const AsyncChatCompletionRequest = Schema.Struct({
  model: requestFields.model,
  messages: requestFields.messages,
  thinking: requestFields.thinking,
  temperature: requestFields.temperature,
  top_p: requestFields.top_p,
  max_tokens: requestFields.max_tokens,
  do_sample: requestFields.do_sample,
  stop: requestFields.stop,
  tools: requestFields.tools,
  tool_choice: requestFields.tool_choice,
  response_format: requestFields.response_format,
  request_id: requestFields.request_id,
  user_id: requestFields.user_id,
  sensitive_word_check: requestFields.sensitive_word_check,
  meta: requestFields.meta,
  extra: requestFields.extra,
  seed: requestFields.seed,
  watermark_enabled: requestFields.watermark_enabled
}).annotate({ identifier: "AsyncChatCompletionRequest" })

/**
 * An async chat completion request.
 *
 * @since 0.1.0
 */
export type AsyncChatCompletionRequest = typeof AsyncChatCompletionRequest.Type

/**
 * Validates an `unknown` value as a `ChatCompletionRequest`: unknown keys and wrong types fail with
 * `InvalidRequestInput`, e.g. `Invalid ChatCompletionRequest: messages[0].role: expected "system" | "user" | "assistant" | "tool", got "bot"`.
 *
 * @since 0.1.0
 */
export const validateChatRequest = makeValidator(ChatCompletionRequest, "ChatCompletionRequest")

/**
 * Validates an `unknown` value as an `AsyncChatCompletionRequest` (same rules as `validateChatRequest`).
 *
 * @since 0.1.0
 */
export const validateAsyncChatRequest = makeValidator(AsyncChatCompletionRequest, "AsyncChatCompletionRequest")
