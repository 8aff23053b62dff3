/**
 * `POST /tokenizer`: count the tokens a chat request would use (strict request, lenient response, wire format).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { RequestId, UserId } from "./ChatCompletions.js"
import { Message } from "./ChatMessages.js"
import { Tool } from "./ChatTools.js"
import { makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"
import { ChatModel } from "./Models.js"

/**
 * The body of `POST /tokenizer`: `{ model, messages, tools?, request_id?, user_id? }` (models: `glm-4.6`,
 * `glm-4.6v`, `glm-4.5`, ...). Strict (see `validateTokenizerRequest`).
 *
 * @since 0.1.0
 */
export const TokenizerRequest = Schema.Struct({
  /** The model whose tokenizer counts. */
  model: ChatModel,
  /** The conversation to count, at least one message. */
  messages: Schema.Array(Message).check(Schema.isMinLength(1)),
  /** Tools, counted as part of the prompt. */
  tools: Schema.optionalKey(Schema.Array(Tool)),
  /** Unique client request id. */
  request_id: Schema.optionalKey(RequestId),
  /** End-user id, 6–128 characters. */
  user_id: Schema.optionalKey(UserId)
}).annotate({ identifier: "TokenizerRequest" })

/**
 * A tokenizer request.
 *
 * @since 0.1.0
 */
export type TokenizerRequest = typeof TokenizerRequest.Type

/**
 * Token counts: `{ prompt_tokens, image_tokens, video_tokens, total_tokens }`.
 *
 * @since 0.1.0
 */
export const TokenizerUsage = lenient({
  prompt_tokens: maybe(Schema.Number),
  image_tokens: maybe(Schema.Number),
  video_tokens: maybe(Schema.Number),
  total_tokens: maybe(Schema.Number)
}).annotate({ identifier: "TokenizerUsage" })

/**
 * Token counts.
 *
 * @since 0.1.0
 */
export type TokenizerUsage = typeof TokenizerUsage.Type

/**
 * The answer of `POST /tokenizer`: `{ id, created, request_id, usage }`.
 *
 * @since 0.1.0
 */
export const TokenizerResponse = lenient({
  id: maybe(Schema.String),
  created: maybe(Schema.Number),
  request_id: maybe(Schema.String),
  usage: maybe(TokenizerUsage)
}).annotate({ identifier: "TokenizerResponse" })

/**
 * A tokenizer answer.
 *
 * @since 0.1.0
 */
export type TokenizerResponse = typeof TokenizerResponse.Type

/**
 * Validates an `unknown` value as a `TokenizerRequest`: unknown keys and wrong types fail with `InvalidRequestInput`
 * naming the path.
 *
 * @since 0.1.0
 */
export const validateTokenizerRequest = makeValidator(TokenizerRequest, "TokenizerRequest")
