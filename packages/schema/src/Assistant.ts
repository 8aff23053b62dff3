/**
 * The assistant API (`POST /assistant`, `/assistant/list`, `/assistant/conversation/list`): strict requests, lenient
 * answers. A streamed `/assistant` call sends one full `AssistantCompletion` per SSE event, each carrying the
 * increment in `choices[].delta` (text in `{ type: "content", content }`, tool steps in `{ type: "tool_calls",
 * tool_calls }`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { RequestId, UserId } from "./ChatCompletions.js"
import { PayloadError } from "./ChatResponses.js"
import { makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"
import { openLiterals } from "./Models.js"

// -----------------------------------------------------------------------------------------------------------------
// POST /assistant
// -----------------------------------------------------------------------------------------------------------------

/**
 * `{ type: "text", text }`: the only content part of assistant messages.
 *
 * @since 0.1.0
 */
export const AssistantTextPart = Schema.Struct({
  type: Schema.Literal("text"),
  text: Schema.String
}).annotate({ identifier: "AssistantTextPart" })

/**
 * A text part.
 *
 * @since 0.1.0
 */
export type AssistantTextPart = typeof AssistantTextPart.Type

/**
 * A conversation message: `{ role, content: [{ type: "text", text }] }`.
 *
 * @since 0.1.0
 */
export const AssistantMessage = Schema.Struct({
  role: Schema.Literals(["user", "assistant", "system"]),
  content: Schema.Array(AssistantTextPart).check(Schema.isMinLength(1))
}).annotate({ identifier: "AssistantMessage" })

/**
 * A conversation message.
 *
 * @since 0.1.0
 */
export type AssistantMessage = typeof AssistantMessage.Type

/**
 * A file attached to the conversation: `{ file_id }` (an id from `POST /files`).
 *
 * @since 0.1.0
 */
export const AssistantAttachment = Schema.Struct({
  file_id: Schema.String.check(Schema.isMinLength(1))
}).annotate({ identifier: "AssistantAttachment" })

/**
 * An attachment.
 *
 * @since 0.1.0
 */
export type AssistantAttachment = typeof AssistantAttachment.Type

/**
 * `extra_parameters`: `{ translate?: { from_language?, to_language? } }` (translation assistants).
 *
 * @since 0.1.0
 */
export const AssistantExtraParameters = Schema.Struct({
  translate: Schema.optionalKey(
    Schema.Struct({
      from_language: Schema.optionalKey(Schema.String),
      to_language: Schema.optionalKey(Schema.String)
    })
  )
}).annotate({ identifier: "AssistantExtraParameters" })

/**
 * Extra parameters.
 *
 * @since 0.1.0
 */
export type AssistantExtraParameters = typeof AssistantExtraParameters.Type

/**
 * The body of `POST /assistant`: `{ assistant_id, messages, model?, stream?, conversation_id?, attachments?,
 * metadata?, extra_parameters?, request_id?, user_id? }`.
 *
 * @since 0.1.0
 */
export const AssistantRequest = Schema.Struct({
  /** The assistant to talk to. */
  assistant_id: Schema.String.check(Schema.isMinLength(1)),
  /** The new turn(s), at least one message. */
  messages: Schema.Array(AssistantMessage).check(Schema.isMinLength(1)),
  /** The model (`glm-4-assistant` by default). */
  model: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  /** Stream the answer as SSE (one full `AssistantCompletion` per event). */
  stream: Schema.optionalKey(Schema.Boolean),
  /** Continue a conversation; a new one is made when absent. */
  conversation_id: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  /** Files for the assistant to read. */
  attachments: Schema.optionalKey(Schema.Array(AssistantAttachment)),
  /** Free-form metadata. */
  metadata: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown)),
  /** Assistant-specific parameters. */
  extra_parameters: Schema.optionalKey(AssistantExtraParameters),
  /** Unique client request id. */
  request_id: Schema.optionalKey(RequestId),
  /** End-user id, 6–128 characters. */
  user_id: Schema.optionalKey(UserId)
}).annotate({ identifier: "AssistantRequest" })

/**
 * An assistant request.
 *
 * @since 0.1.0
 */
export type AssistantRequest = typeof AssistantRequest.Type

/**
 * Validates an `unknown` value as an `AssistantRequest`: unknown keys and wrong types fail with
 * `InvalidRequestInput` naming the path.
 *
 * @since 0.1.0
 */
export const validateAssistantRequest = makeValidator(AssistantRequest, "AssistantRequest")

/**
 * Status of an assistant answer: `completed`, `in_progress` (more events follow), `failed` (see `last_error`).
 *
 * @since 0.1.0
 */
export const AssistantStatus = openLiterals(["completed", "in_progress", "failed"], {
  identifier: "AssistantStatus",
  description: "The state of an assistant answer"
})

/**
 * An assistant status.
 *
 * @since 0.1.0
 */
export type AssistantStatus = typeof AssistantStatus.Type

/**
 * One output of the code interpreter: `{ type: "logs", logs, error_msg }`.
 *
 * @since 0.1.0
 */
export const CodeInterpreterOutput = lenient({
  type: maybe(Schema.String),
  logs: maybe(Schema.String),
  error_msg: maybe(Schema.String)
}).annotate({ identifier: "CodeInterpreterOutput" })

/**
 * A code interpreter output.
 *
 * @since 0.1.0
 */
export type CodeInterpreterOutput = typeof CodeInterpreterOutput.Type

/**
 * A web browser result: `{ title, link, content, error_msg }`.
 *
 * @since 0.1.0
 */
export const WebBrowserOutput = lenient({
  title: maybe(Schema.String),
  link: maybe(Schema.String),
  content: maybe(Schema.String),
  error_msg: maybe(Schema.String)
}).annotate({ identifier: "WebBrowserOutput" })

/**
 * A web browser result.
 *
 * @since 0.1.0
 */
export type WebBrowserOutput = typeof WebBrowserOutput.Type

/**
 * A retrieved knowledge snippet: `{ text, document }`.
 *
 * @since 0.1.0
 */
export const RetrievalOutput = lenient({
  text: maybe(Schema.String),
  document: maybe(Schema.String)
}).annotate({ identifier: "RetrievalOutput" })

/**
 * A retrieval snippet.
 *
 * @since 0.1.0
 */
export type RetrievalOutput = typeof RetrievalOutput.Type

/**
 * One tool step of an assistant answer, told apart by `type`: `code_interpreter` (`{ input, outputs }`),
 * `drawing_tool` (`{ input, outputs: [{ image }] }`), `web_browser` (`{ input, outputs }`), `retrieval`
 * (`{ outputs }`) or `function` (`{ name, arguments, outputs: [{ content }] }`).
 *
 * @since 0.1.0
 */
export const AssistantToolCall = lenient({
  type: maybe(Schema.String),
  code_interpreter: maybe(lenient({ input: maybe(Schema.String), outputs: maybe(Schema.Array(CodeInterpreterOutput)) })),
  drawing_tool: maybe(lenient({ input: maybe(Schema.String), outputs: maybe(Schema.Array(lenient({ image: maybe(Schema.String) }))) })),
  web_browser: maybe(lenient({ input: maybe(Schema.String), outputs: maybe(Schema.Array(WebBrowserOutput)) })),
  retrieval: maybe(lenient({ outputs: maybe(Schema.Array(RetrievalOutput)) })),
  function: maybe(
    lenient({
      name: maybe(Schema.String),
      arguments: maybe(Schema.Union([Schema.String, Schema.Record(Schema.String, Schema.Unknown)])),
      outputs: maybe(Schema.Array(lenient({ content: maybe(Schema.String) })))
    })
  )
}).annotate({ identifier: "AssistantToolCall" })

/**
 * An assistant tool step.
 *
 * @since 0.1.0
 */
export type AssistantToolCall = typeof AssistantToolCall.Type

/**
 * The increment of one answer: text (`{ type: "content", role: "assistant", content }`) or tool steps
 * (`{ type: "tool_calls", role: "tool", tool_calls }`).
 *
 * @since 0.1.0
 */
export const AssistantDelta = lenient({
  type: maybe(Schema.String),
  role: maybe(Schema.String),
  content: maybe(Schema.String),
  tool_calls: maybe(Schema.Array(AssistantToolCall))
}).annotate({ identifier: "AssistantDelta" })

/**
 * An answer increment.
 *
 * @since 0.1.0
 */
export type AssistantDelta = typeof AssistantDelta.Type

/**
 * One choice: `{ index, delta, finish_reason, metadata }`.
 *
 * @since 0.1.0
 */
export const AssistantChoice = lenient({
  index: maybe(Schema.Number),
  delta: maybe(AssistantDelta),
  finish_reason: maybe(Schema.String),
  metadata: maybe(Schema.Record(Schema.String, Schema.Unknown))
}).annotate({ identifier: "AssistantChoice" })

/**
 * An assistant choice.
 *
 * @since 0.1.0
 */
export type AssistantChoice = typeof AssistantChoice.Type

/**
 * Token usage: `{ prompt_tokens, completion_tokens, total_tokens }`.
 *
 * @since 0.1.0
 */
export const AssistantUsage = lenient({
  prompt_tokens: maybe(Schema.Number),
  completion_tokens: maybe(Schema.Number),
  total_tokens: maybe(Schema.Number)
}).annotate({ identifier: "AssistantUsage" })

/**
 * Assistant token usage.
 *
 * @since 0.1.0
 */
export type AssistantUsage = typeof AssistantUsage.Type

/**
 * The answer of `POST /assistant`, and each SSE event of a streamed one: `{ id, conversation_id, assistant_id,
 * created, status, last_error, choices, metadata, usage }`.
 *
 * @since 0.1.0
 */
export const AssistantCompletion = lenient({
  id: maybe(Schema.String),
  request_id: maybe(Schema.String),
  conversation_id: maybe(Schema.String),
  assistant_id: maybe(Schema.String),
  created: maybe(Schema.Number),
  status: maybe(AssistantStatus),
  last_error: maybe(Schema.Union([PayloadError, Schema.String])),
  choices: maybe(Schema.Array(AssistantChoice)),
  metadata: maybe(Schema.Record(Schema.String, Schema.Unknown)),
  usage: maybe(AssistantUsage),
  error: maybe(Schema.Union([PayloadError, Schema.String]))
}).annotate({ identifier: "AssistantCompletion" })

/**
 * An assistant answer (or stream event).
 *
 * @since 0.1.0
 */
export type AssistantCompletion = typeof AssistantCompletion.Type

// -----------------------------------------------------------------------------------------------------------------
// POST /assistant/list
// -----------------------------------------------------------------------------------------------------------------

/**
 * The body of `POST /assistant/list`: `{ assistant_id_list?, request_id?, user_id? }`.
 *
 * @since 0.1.0
 */
export const AssistantListRequest = Schema.Struct({
  /** The assistants to describe (all available ones when absent). */
  assistant_id_list: Schema.optionalKey(Schema.Array(Schema.String.check(Schema.isMinLength(1)))),
  request_id: Schema.optionalKey(RequestId),
  user_id: Schema.optionalKey(UserId)
}).annotate({ identifier: "AssistantListRequest" })

/**
 * An assistant list request.
 *
 * @since 0.1.0
 */
export type AssistantListRequest = typeof AssistantListRequest.Type

/**
 * Validates an `unknown` value as an `AssistantListRequest`.
 *
 * @since 0.1.0
 */
export const validateAssistantListRequest = makeValidator(AssistantListRequest, "AssistantListRequest")

/**
 * One supported assistant: `{ assistant_id, created_at, updated_at, name, avatar, description, status, tools,
 * starter_prompts }`.
 *
 * @since 0.1.0
 */
export const AssistantSupport = lenient({
  assistant_id: maybe(Schema.String),
  created_at: maybe(Schema.Number),
  updated_at: maybe(Schema.Number),
  name: maybe(Schema.String),
  avatar: maybe(Schema.String),
  description: maybe(Schema.String),
  status: maybe(Schema.String),
  tools: maybe(Schema.Array(Schema.String)),
  starter_prompts: maybe(Schema.Array(Schema.String))
}).annotate({ identifier: "AssistantSupport" })

/**
 * A supported assistant.
 *
 * @since 0.1.0
 */
export type AssistantSupport = typeof AssistantSupport.Type

/**
 * The answer of `POST /assistant/list`: `{ code, msg, data: AssistantSupport[] }`.
 *
 * @since 0.1.0
 */
export const AssistantSupportList = lenient({
  code: maybe(Schema.Union([Schema.Number, Schema.String])),
  msg: maybe(Schema.String),
  data: maybe(Schema.Array(AssistantSupport))
}).annotate({ identifier: "AssistantSupportList" })

/**
 * An assistant list answer.
 *
 * @since 0.1.0
 */
export type AssistantSupportList = typeof AssistantSupportList.Type

// -----------------------------------------------------------------------------------------------------------------
// POST /assistant/conversation/list
// -----------------------------------------------------------------------------------------------------------------

/**
 * The body of `POST /assistant/conversation/list`: `{ assistant_id, page?, page_size?, request_id?, user_id? }`.
 *
 * @since 0.1.0
 */
export const ConversationListRequest = Schema.Struct({
  assistant_id: Schema.String.check(Schema.isMinLength(1)),
  /** Page number, from 1. */
  page: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))),
  /** Items per page. */
  page_size: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100 }))),
  request_id: Schema.optionalKey(RequestId),
  user_id: Schema.optionalKey(UserId)
}).annotate({ identifier: "ConversationListRequest" })

/**
 * A conversation list request.
 *
 * @since 0.1.0
 */
export type ConversationListRequest = typeof ConversationListRequest.Type

/**
 * Validates an `unknown` value as a `ConversationListRequest`.
 *
 * @since 0.1.0
 */
export const validateConversationListRequest = makeValidator(ConversationListRequest, "ConversationListRequest")

/**
 * One conversation and its token usage: `{ id, assistant_id, create_time, update_time, usage }`.
 *
 * @since 0.1.0
 */
export const ConversationUsage = lenient({
  id: maybe(Schema.String),
  assistant_id: maybe(Schema.String),
  create_time: maybe(Schema.Number),
  update_time: maybe(Schema.Number),
  usage: maybe(AssistantUsage)
}).annotate({ identifier: "ConversationUsage" })

/**
 * A conversation's usage.
 *
 * @since 0.1.0
 */
export type ConversationUsage = typeof ConversationUsage.Type

/**
 * One page of conversations: `{ assistant_id, has_more, conversation_list }`.
 *
 * @since 0.1.0
 */
export const ConversationUsageList = lenient({
  assistant_id: maybe(Schema.String),
  has_more: maybe(Schema.Boolean),
  conversation_list: maybe(Schema.Array(ConversationUsage))
}).annotate({ identifier: "ConversationUsageList" })

/**
 * A page of conversations.
 *
 * @since 0.1.0
 */
export type ConversationUsageList = typeof ConversationUsageList.Type

/**
 * The answer of `POST /assistant/conversation/list`: `{ code, msg, data: ConversationUsageList }`.
 *
 * @since 0.1.0
 */
export const ConversationUsageListResponse = lenient({
  code: maybe(Schema.Union([Schema.Number, Schema.String])),
  msg: maybe(Schema.String),
  data: maybe(ConversationUsageList)
}).annotate({ identifier: "ConversationUsageListResponse" })

/**
 * A conversation list answer.
 *
 * @since 0.1.0
 */
export type ConversationUsageListResponse = typeof ConversationUsageListResponse.Type
