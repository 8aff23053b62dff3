/**
 * Agents (`POST /v1/agents`, `/v1/agents/async-result`, `/v1/agents/conversation`): strict requests for the generic
 * call and for each known agent (general translation, special-effects videos, GLM slides), lenient answers.
 *
 * The request of `POST /v1/agents` is one of four shapes, told apart by `agent_id` (as in the API's `oneOf`):
 * - `TranslationAgentRequest` (`general_translation`): text in, translated text out; languages and strategy in
 *   `custom_variables`;
 * - `VideoEffectsAgentRequest` (`vidu_template_agent`): an image (and optional text) plus a `template`; answers an
 *   `async_id` to poll on `/v1/agents/async-result`;
 * - `SlidesAgentRequest` (`slides_glm_agent`): a prompt in; the deck's files arrive on `/v1/agents/conversation`;
 * - `GenericAgentRequest` (any other agent id): every common field, free-form `custom_variables`.
 * `validateAgentRequest` picks the shape from `agent_id` and rejects fields that shape does not take.
 *
 * Answers carry an `error: { code, message }` inside a 200 body when the agent fails; the `agents` package turns it
 * into a typed error.
 *
 * @since 0.1.0
 */
import { type Effect, Schema, SchemaIssue } from "effect"
import { RequestId, SensitiveWordCheck, UserId } from "./ChatCompletions.js"
import { PayloadError } from "./ChatResponses.js"
import { type InvalidRequestInput, makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"
import { openLiterals } from "./Models.js"

// -----------------------------------------------------------------------------------------------------------------
// agent ids and vocabularies
// -----------------------------------------------------------------------------------------------------------------

/**
 * The agent ids this SDK knows: `general_translation`, `vidu_template_agent` (special-effects videos) and
 * `slides_glm_agent` (GLM slides / posters).
 *
 * @since 0.1.0
 */
export const KnownAgentIds = ["general_translation", "vidu_template_agent", "slides_glm_agent"] as const

/**
 * One of the known agent ids.
 *
 * @since 0.1.0
 */
export type KnownAgentId = (typeof KnownAgentIds)[number]

/**
 * An agent id: any non-empty string, with autocompletion for the known ones.
 *
 * @since 0.1.0
 */
export const AgentId = openLiterals(KnownAgentIds, { identifier: "AgentId", description: "An agent id, e.g. general_translation" })
  .check(Schema.isMinLength(1))

/**
 * An agent id.
 *
 * @since 0.1.0
 */
export type AgentId = typeof AgentId.Type

/**
 * The translation agent's id.
 *
 * @since 0.1.0
 */
export const translationAgentId = "general_translation"

/**
 * The special-effects video agent's id.
 *
 * @since 0.1.0
 */
export const videoEffectsAgentId = "vidu_template_agent"

/**
 * The GLM slide / poster agent's id.
 *
 * @since 0.1.0
 */
export const slidesAgentId = "slides_glm_agent"

/**
 * Source languages of the translation agent (`auto` detects; default `auto`); any other string is accepted.
 *
 * @since 0.1.0
 */
export const TranslationSourceLanguage = openLiterals(
  [
    "auto", "zh-CN", "zh-TW", "wyw", "yue", "en", "ja", "ko", "fr", "de", "es", "ru", "pt", "it", "ar", "hi", "bg", "cs",
    "da", "el", "et", "fi", "hu", "id", "lt", "lv", "nl", "no", "pl", "ro", "sk", "sl", "sv", "th", "tr", "uk", "vi",
    "my", "ms", "Pinyin", "IPA"
  ],
  { identifier: "TranslationSourceLanguage", description: "A source language code, e.g. en, or auto" }
).check(Schema.isMinLength(1))

/**
 * A source language code.
 *
 * @since 0.1.0
 */
export type TranslationSourceLanguage = typeof TranslationSourceLanguage.Type

/**
 * Target languages of the translation agent (default `zh-CN`); any other string is accepted.
 *
 * @since 0.1.0
 */
export const TranslationTargetLanguage = openLiterals(
  [
    "zh-CN", "zh-TW", "wyw", "yue", "en", "en-GB", "en-US", "ja", "ko", "fr", "de", "es", "ru", "pt", "it", "ar", "hi",
    "bg", "cs", "da", "el", "et", "fi", "hu", "id", "lt", "lv", "nl", "no", "pl", "ro", "sk", "sl", "sv", "th", "tr",
    "uk", "vi", "my", "ms", "Pinyin", "IPA"
  ],
  { identifier: "TranslationTargetLanguage", description: "A target language code, e.g. fr" }
).check(Schema.isMinLength(1))

/**
 * A target language code.
 *
 * @since 0.1.0
 */
export type TranslationTargetLanguage = typeof TranslationTargetLanguage.Type

/**
 * Translation strategies: `general` (default), `paraphrase`, `two_step`, `three_step`, `reflection`, `cot`.
 *
 * @since 0.1.0
 */
export const TranslationStrategy = openLiterals(["general", "paraphrase", "two_step", "three_step", "reflection", "cot"], {
  identifier: "TranslationStrategy",
  description: "A translation strategy, e.g. general"
})

/**
 * A translation strategy.
 *
 * @since 0.1.0
 */
export type TranslationStrategy = typeof TranslationStrategy.Type

/**
 * Templates of the special-effects video agent: `french_kiss`, `bodyshake`, `sexy_me`; any other string is accepted.
 *
 * @since 0.1.0
 */
export const VideoEffectTemplate = openLiterals(["french_kiss", "bodyshake", "sexy_me"], {
  identifier: "VideoEffectTemplate",
  description: "A special-effects video template, e.g. bodyshake"
}).check(Schema.isMinLength(1))

/**
 * A video effect template.
 *
 * @since 0.1.0
 */
export type VideoEffectTemplate = typeof VideoEffectTemplate.Type

// -----------------------------------------------------------------------------------------------------------------
// request content
// -----------------------------------------------------------------------------------------------------------------

/**
 * `{ type: "text", text }`: a text part of an agent message.
 *
 * @since 0.1.0
 */
export const AgentTextPart = Schema.Struct({
  type: Schema.Literal("text"),
  text: Schema.String
}).annotate({ identifier: "AgentTextPart" })

/**
 * A text part.
 *
 * @since 0.1.0
 */
export type AgentTextPart = typeof AgentTextPart.Type

/**
 * `{ type: "image_url", image_url }`: an image given by URL (a plain string, not `{ url }` as in chat).
 *
 * @since 0.1.0
 */
export const AgentImagePart = Schema.Struct({
  type: Schema.Literal("image_url"),
  image_url: Schema.String.check(Schema.isMinLength(1))
}).annotate({ identifier: "AgentImagePart" })

/**
 * An image part.
 *
 * @since 0.1.0
 */
export type AgentImagePart = typeof AgentImagePart.Type

/**
 * `{ type: "file_url", file_url }`: a document given by URL.
 *
 * @since 0.1.0
 */
export const AgentFilePart = Schema.Struct({
  type: Schema.Literal("file_url"),
  file_url: Schema.String.check(Schema.isMinLength(1))
}).annotate({ identifier: "AgentFilePart" })

/**
 * A file part.
 *
 * @since 0.1.0
 */
export type AgentFilePart = typeof AgentFilePart.Type

/**
 * `{ type: "video_url", video_url }`: a video given by URL.
 *
 * @since 0.1.0
 */
export const AgentVideoPart = Schema.Struct({
  type: Schema.Literal("video_url"),
  video_url: Schema.String.check(Schema.isMinLength(1))
}).annotate({ identifier: "AgentVideoPart" })

/**
 * A video part.
 *
 * @since 0.1.0
 */
export type AgentVideoPart = typeof AgentVideoPart.Type

/**
 * Any content part of a generic agent message: text, image_url, file_url or video_url.
 *
 * @since 0.1.0
 */
export const AgentContentPart = Schema.Union([AgentTextPart, AgentImagePart, AgentFilePart, AgentVideoPart])

/**
 * Any content part.
 *
 * @since 0.1.0
 */
export type AgentContentPart = typeof AgentContentPart.Type

/**
 * A message of a generic agent request: `{ role, content }`, `content` a string or content parts.
 *
 * @since 0.1.0
 */
export const AgentMessage = Schema.Struct({
  role: Schema.Literals(["user", "assistant", "system"]),
  content: Schema.Union([Schema.String, Schema.Array(AgentContentPart).annotate({ expected: "array of content parts" })])
}).annotate({ identifier: "AgentMessage" })

/**
 * A generic agent message.
 *
 * @since 0.1.0
 */
export type AgentMessage = typeof AgentMessage.Type

/**
 * A user message made of text parts only (translation, slides).
 *
 * @since 0.1.0
 */
export const AgentTextMessage = Schema.Struct({
  role: Schema.Literal("user"),
  content: Schema.Array(AgentTextPart).check(Schema.isMinLength(1))
}).annotate({ identifier: "AgentTextMessage" })

/**
 * A text-only user message.
 *
 * @since 0.1.0
 */
export type AgentTextMessage = typeof AgentTextMessage.Type

/**
 * A user message of the video effects agent: text and image parts.
 *
 * @since 0.1.0
 */
export const AgentImageMessage = Schema.Struct({
  role: Schema.Literal("user"),
  content: Schema.Array(Schema.Union([AgentTextPart, AgentImagePart])).check(Schema.isMinLength(1))
}).annotate({ identifier: "AgentImageMessage" })

/**
 * A text-and-image user message.
 *
 * @since 0.1.0
 */
export type AgentImageMessage = typeof AgentImageMessage.Type

// -----------------------------------------------------------------------------------------------------------------
// POST /v1/agents
// -----------------------------------------------------------------------------------------------------------------

const common = {
  /** Unique client request id (the platform makes one when absent). */
  request_id: Schema.optionalKey(RequestId),
  /** End-user id, 6–128 characters. */
  user_id: Schema.optionalKey(UserId),
  /** Sensitive-word check options. */
  sensitive_word_check: Schema.optionalKey(SensitiveWordCheck)
}

/**
 * `strategy_config` of the translation agent: `{ general?: { suggestion? }, cot?: { reason_lang?: "from" | "to" } }`.
 *
 * @since 0.1.0
 */
export const TranslationStrategyConfig = Schema.Struct({
  general: Schema.optionalKey(Schema.Struct({ suggestion: Schema.optionalKey(Schema.String) })),
  cot: Schema.optionalKey(Schema.Struct({ reason_lang: Schema.optionalKey(Schema.Literals(["from", "to"])) }))
}).annotate({ identifier: "TranslationStrategyConfig" })

/**
 * Strategy parameters.
 *
 * @since 0.1.0
 */
export type TranslationStrategyConfig = typeof TranslationStrategyConfig.Type

/**
 * `custom_variables` of the translation agent.
 *
 * @since 0.1.0
 */
export const TranslationVariables = Schema.Struct({
  /** Source language (`auto` by default). */
  source_lang: Schema.optionalKey(TranslationSourceLanguage),
  /** Target language (`zh-CN` by default). */
  target_lang: Schema.optionalKey(TranslationTargetLanguage),
  /** Glossary id. */
  glossary: Schema.optionalKey(Schema.String),
  /** Strategy (`general` by default). */
  strategy: Schema.optionalKey(TranslationStrategy),
  /** Strategy parameters. */
  strategy_config: Schema.optionalKey(TranslationStrategyConfig)
}).annotate({ identifier: "TranslationVariables" })

/**
 * Translation variables.
 *
 * @since 0.1.0
 */
export type TranslationVariables = typeof TranslationVariables.Type

/**
 * `POST /v1/agents` for `general_translation`: `{ agent_id, messages (text parts), stream?, custom_variables? }`.
 *
 * @since 0.1.0
 */
export const TranslationAgentRequest = Schema.Struct({
  agent_id: Schema.Literal(translationAgentId),
  /** The text to translate, as text parts of one user message. */
  messages: Schema.Array(AgentTextMessage).check(Schema.isMinLength(1)),
  /** Stream the answer as SSE. */
  stream: Schema.optionalKey(Schema.Boolean),
  /** Languages, glossary and strategy. */
  custom_variables: Schema.optionalKey(TranslationVariables),
  ...common
}).annotate({ identifier: "TranslationAgentRequest" })

/**
 * A translation agent request.
 *
 * @since 0.1.0
 */
export type TranslationAgentRequest = typeof TranslationAgentRequest.Type

/**
 * `custom_variables` of the special-effects video agent: `{ template }` (required).
 *
 * @since 0.1.0
 */
export const VideoEffectsVariables = Schema.Struct({
  template: VideoEffectTemplate
}).annotate({ identifier: "VideoEffectsVariables" })

/**
 * Video effects variables.
 *
 * @since 0.1.0
 */
export type VideoEffectsVariables = typeof VideoEffectsVariables.Type

/**
 * `POST /v1/agents` for `vidu_template_agent`: `{ agent_id, messages (text and image_url parts), custom_variables:
 * { template } }`. Answers `{ status: "pending", agent_id, async_id }`.
 *
 * @since 0.1.0
 */
export const VideoEffectsAgentRequest = Schema.Struct({
  agent_id: Schema.Literal(videoEffectsAgentId),
  /** The image (an `image_url` part) and an optional prompt (a `text` part). */
  messages: Schema.Array(AgentImageMessage).check(Schema.isMinLength(1)),
  /** The effect template. */
  custom_variables: VideoEffectsVariables,
  ...common
}).annotate({ identifier: "VideoEffectsAgentRequest" })

/**
 * A video effects agent request.
 *
 * @since 0.1.0
 */
export type VideoEffectsAgentRequest = typeof VideoEffectsAgentRequest.Type

/**
 * `POST /v1/agents` for `slides_glm_agent`: `{ agent_id, messages (text parts), stream?, conversation_id? }`.
 * The API streams by default for this agent; send `stream: false` for one JSON answer.
 *
 * @since 0.1.0
 */
export const SlidesAgentRequest = Schema.Struct({
  agent_id: Schema.Literal(slidesAgentId),
  /** The instructions, as text parts. */
  messages: Schema.Array(AgentTextMessage).check(Schema.isMinLength(1)),
  /** Stream the answer as SSE (the API's default for this agent). */
  stream: Schema.optionalKey(Schema.Boolean),
  /** Continue (edit) an earlier deck. */
  conversation_id: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  ...common
}).annotate({ identifier: "SlidesAgentRequest" })

/**
 * A slides agent request.
 *
 * @since 0.1.0
 */
export type SlidesAgentRequest = typeof SlidesAgentRequest.Type

/**
 * `POST /v1/agents` for any other agent: every common field, free-form `custom_variables`.
 *
 * @since 0.1.0
 */
export const GenericAgentRequest = Schema.Struct({
  agent_id: AgentId,
  messages: Schema.Array(AgentMessage).check(Schema.isMinLength(1)),
  stream: Schema.optionalKey(Schema.Boolean),
  /** Per-agent variables. */
  custom_variables: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown)),
  /** Continue an earlier conversation. */
  conversation_id: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  ...common
}).annotate({ identifier: "GenericAgentRequest" })

/**
 * A generic agent request.
 *
 * @since 0.1.0
 */
export type GenericAgentRequest = typeof GenericAgentRequest.Type

/**
 * The body of `POST /v1/agents`: one of the shapes above (validate with `validateAgentRequest`).
 *
 * @since 0.1.0
 */
export const AgentRequest = Schema.Union([
  TranslationAgentRequest,
  VideoEffectsAgentRequest,
  SlidesAgentRequest,
  GenericAgentRequest
]).annotate({ identifier: "AgentRequest" })

/**
 * An agent request.
 *
 * @since 0.1.0
 */
export type AgentRequest = typeof AgentRequest.Type

/**
 * The request shape of an agent id: `translation`, `video-effects`, `slides` or `generic`.
 *
 * @since 0.1.0
 */
export type AgentFamily = "translation" | "video-effects" | "slides" | "generic"

/**
 * The request shape of an agent id.
 *
 * @since 0.1.0
 */
export const familyOf = (agentId: string): AgentFamily =>
  agentId === translationAgentId
    ? "translation"
    : agentId === videoEffectsAgentId
      ? "video-effects"
      : agentId === slidesAgentId
        ? "slides"
        : "generic"

const validators = {
  translation: makeValidator(TranslationAgentRequest, "AgentRequest (general_translation)"),
  "video-effects": makeValidator(VideoEffectsAgentRequest, "AgentRequest (vidu_template_agent)"),
  slides: makeValidator(SlidesAgentRequest, "AgentRequest (slides_glm_agent)"),
  generic: makeValidator(GenericAgentRequest, "AgentRequest")
} as const

/**
 * Validates an `unknown` value as an `AgentRequest`: the shape is picked from `agent_id`, then unknown keys and wrong
 * types fail with `InvalidRequestInput` naming the field, e.g.
 * `Invalid AgentRequest (general_translation): custom_variables.target: unknown key "target" (did you mean "target_lang"?)`.
 *
 * @since 0.1.0
 */
export const validateAgentRequest = (input: unknown): Effect.Effect<AgentRequest, InvalidRequestInput> => {
  const agentId = typeof input === "object" && input !== null && "agent_id" in input ? input.agent_id : undefined
  return validators[typeof agentId === "string" ? familyOf(agentId) : "generic"](input)
}

// -----------------------------------------------------------------------------------------------------------------
// POST /v1/agents/async-result and /v1/agents/conversation
// -----------------------------------------------------------------------------------------------------------------

/**
 * The body of `POST /v1/agents/async-result`: `{ agent_id, async_id?, conversation_id?, custom_variables? }`, with
 * `async_id` (video effects) or `conversation_id` (slides) or both.
 *
 * @since 0.1.0
 */
export const AgentAsyncResultRequest = Schema.Struct({
  agent_id: AgentId,
  /** The `async_id` of the agent's first answer. */
  async_id: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  /** The conversation, for agents that track one. */
  conversation_id: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  /** Per-agent variables. */
  custom_variables: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown))
})
  .check(
    Schema.makeFilter((request) =>
      request.async_id !== undefined || request.conversation_id !== undefined
        ? undefined
        : { path: ["async_id"], issue: new SchemaIssue.MissingKey({ message: "missing: give async_id, conversation_id, or both" }) }
    )
  )
  .annotate({ identifier: "AgentAsyncResultRequest" })

/**
 * An async-result request.
 *
 * @since 0.1.0
 */
export type AgentAsyncResultRequest = typeof AgentAsyncResultRequest.Type

/**
 * Validates an `unknown` value as an `AgentAsyncResultRequest`.
 *
 * @since 0.1.0
 */
export const validateAgentAsyncResultRequest = makeValidator(AgentAsyncResultRequest, "AgentAsyncResultRequest")

/**
 * One page size of a slide export: `{ position, width, height }` (points).
 *
 * @since 0.1.0
 */
export const SlidePageSize = Schema.Struct({
  position: Schema.optionalKey(Schema.Number),
  width: Schema.optionalKey(Schema.Number.check(Schema.isGreaterThan(0))),
  height: Schema.optionalKey(Schema.Number.check(Schema.isGreaterThan(0)))
}).annotate({ identifier: "SlidePageSize" })

/**
 * A page size.
 *
 * @since 0.1.0
 */
export type SlidePageSize = typeof SlidePageSize.Type

/**
 * `custom_variables` of a conversation request (slides): `{ include_pdf?, pages? }`.
 *
 * @since 0.1.0
 */
export const ConversationVariables = Schema.Struct({
  /** Export the deck as a PDF too. */
  include_pdf: Schema.optionalKey(Schema.Boolean),
  /** Pages to export and their sizes. */
  pages: Schema.optionalKey(Schema.Array(SlidePageSize))
}).annotate({ identifier: "ConversationVariables" })

/**
 * Conversation variables.
 *
 * @since 0.1.0
 */
export type ConversationVariables = typeof ConversationVariables.Type

/**
 * The body of `POST /v1/agents/conversation` (slides only): `{ agent_id, conversation_id, custom_variables? }`.
 *
 * @since 0.1.0
 */
export const AgentConversationRequest = Schema.Struct({
  agent_id: AgentId,
  conversation_id: Schema.String.check(Schema.isMinLength(1)),
  custom_variables: Schema.optionalKey(ConversationVariables)
}).annotate({ identifier: "AgentConversationRequest" })

/**
 * A conversation request.
 *
 * @since 0.1.0
 */
export type AgentConversationRequest = typeof AgentConversationRequest.Type

/**
 * Validates an `unknown` value as an `AgentConversationRequest`.
 *
 * @since 0.1.0
 */
export const validateAgentConversationRequest = makeValidator(AgentConversationRequest, "AgentConversationRequest")

// -----------------------------------------------------------------------------------------------------------------
// answers (lenient)
// -----------------------------------------------------------------------------------------------------------------

/**
 * Status of an agent answer or async task: `pending`, `success`, `failed` (any other string is accepted).
 *
 * @since 0.1.0
 */
export const AgentStatus = openLiterals(["pending", "success", "failed"], {
  identifier: "AgentStatus",
  description: "The state of an agent task"
})

/**
 * An agent status.
 *
 * @since 0.1.0
 */
export type AgentStatus = typeof AgentStatus.Type

/**
 * Token usage of an agent call: `{ prompt_tokens, completion_tokens, total_tokens, total_calls }`.
 *
 * @since 0.1.0
 */
export const AgentUsage = lenient({
  prompt_tokens: maybe(Schema.Number),
  completion_tokens: maybe(Schema.Number),
  total_tokens: maybe(Schema.Number),
  total_calls: maybe(Schema.Number)
}).annotate({ identifier: "AgentUsage" })

/**
 * Agent token usage.
 *
 * @since 0.1.0
 */
export type AgentUsage = typeof AgentUsage.Type

/**
 * A tool step of an agent (slides): `{ tool_name, input, output, position }`; `output` is a page's HTML when the
 * tool inserts a slide, `position` the pages it touches.
 *
 * @since 0.1.0
 */
export const AgentToolObject = lenient({
  tool_name: maybe(Schema.String),
  input: maybe(Schema.Unknown),
  output: maybe(Schema.Unknown),
  position: maybe(Schema.Array(Schema.Number))
}).annotate({ identifier: "AgentToolObject" })

/**
 * An agent tool step.
 *
 * @since 0.1.0
 */
export type AgentToolObject = typeof AgentToolObject.Type

/**
 * A URL field of an answer: a string, or `{ url }`.
 *
 * @since 0.1.0
 */
export const AgentUrl = Schema.Union([Schema.String, lenient({ url: maybe(Schema.String) })]).annotate({
  identifier: "AgentUrl"
})

/**
 * A URL field.
 *
 * @since 0.1.0
 */
export type AgentUrl = typeof AgentUrl.Type

/**
 * One content item of an agent answer: `{ type, text?, object?, file_url?, image_url?, video_url?, tag_cn?, tag_en? }`.
 *
 * @since 0.1.0
 */
export const AgentOutputContent = lenient({
  type: maybe(Schema.String),
  text: maybe(Schema.String),
  object: maybe(AgentToolObject),
  file_url: maybe(AgentUrl),
  image_url: maybe(AgentUrl),
  video_url: maybe(AgentUrl),
  tag_cn: maybe(Schema.String),
  tag_en: maybe(Schema.String)
}).annotate({ identifier: "AgentOutputContent" })

/**
 * An answer content item.
 *
 * @since 0.1.0
 */
export type AgentOutputContent = typeof AgentOutputContent.Type

/**
 * `content` of an answer message: a string, one item, or a list of items.
 *
 * @since 0.1.0
 */
export const AgentOutputContents = Schema.Union([Schema.String, AgentOutputContent, Schema.Array(AgentOutputContent)])

/**
 * Answer message content.
 *
 * @since 0.1.0
 */
export type AgentOutputContents = typeof AgentOutputContents.Type

/**
 * A message of an agent answer: `{ role, phase?, content }` (`phase`: `thinking`, `tool` or `answer` for slides).
 *
 * @since 0.1.0
 */
export const AgentOutputMessage = lenient({
  role: maybe(Schema.String),
  phase: maybe(Schema.String),
  content: maybe(AgentOutputContents)
}).annotate({ identifier: "AgentOutputMessage" })

/**
 * An answer message.
 *
 * @since 0.1.0
 */
export type AgentOutputMessage = typeof AgentOutputMessage.Type

/**
 * `message` / `messages` of a choice: one message or a list.
 *
 * @since 0.1.0
 */
export const AgentOutputMessages = Schema.Union([AgentOutputMessage, Schema.Array(AgentOutputMessage)])

/**
 * One or more answer messages.
 *
 * @since 0.1.0
 */
export type AgentOutputMessages = typeof AgentOutputMessages.Type

/**
 * One choice of an agent answer: `{ index, finish_reason, message | messages | delta }` (agents differ in which key
 * they use; stream events use `delta`).
 *
 * @since 0.1.0
 */
export const AgentChoice = lenient({
  index: maybe(Schema.Number),
  finish_reason: maybe(Schema.String),
  message: maybe(AgentOutputMessages),
  messages: maybe(AgentOutputMessages),
  delta: maybe(AgentOutputMessages)
}).annotate({ identifier: "AgentChoice" })

/**
 * An answer choice.
 *
 * @since 0.1.0
 */
export type AgentChoice = typeof AgentChoice.Type

const completionFields = {
  id: maybe(Schema.String),
  request_id: maybe(Schema.String),
  agent_id: maybe(Schema.String),
  conversation_id: maybe(Schema.String),
  async_id: maybe(Schema.String),
  status: maybe(AgentStatus),
  choices: maybe(Schema.Array(AgentChoice)),
  usage: maybe(AgentUsage),
  error: maybe(Schema.Union([PayloadError, Schema.String]))
}

/**
 * The answer of `POST /v1/agents`: `{ id, agent_id, conversation_id, async_id?, status, choices, usage, error? }`.
 *
 * @since 0.1.0
 */
export const AgentCompletion = lenient(completionFields).annotate({ identifier: "AgentCompletion" })

/**
 * An agent answer.
 *
 * @since 0.1.0
 */
export type AgentCompletion = typeof AgentCompletion.Type

/**
 * One SSE event of `POST /v1/agents` with `stream: true` (any payload carrying `agent_id`; same fields as the answer,
 * content in `choices[].delta` or `choices[].message`).
 *
 * @since 0.1.0
 */
export const AgentCompletionChunk = lenient(completionFields).annotate({ identifier: "AgentCompletionChunk" })

/**
 * An agent stream event.
 *
 * @since 0.1.0
 */
export type AgentCompletionChunk = typeof AgentCompletionChunk.Type

/**
 * The answer of `POST /v1/agents/async-result`: `{ status: pending | success | failed, agent_id, async_id, choices:
 * [{ message: [{ role, content: [{ type: "video_url", video_url }] }] }], error? }`.
 *
 * @since 0.1.0
 */
export const AgentAsyncResult = lenient(completionFields).annotate({ identifier: "AgentAsyncResult" })

/**
 * An async-result answer.
 *
 * @since 0.1.0
 */
export type AgentAsyncResult = typeof AgentAsyncResult.Type

/**
 * The answer of `POST /v1/agents/conversation`: `{ conversation_id, agent_id, choices: [{ message: [{ content:
 * [{ type: "file_url" | "image_url", file_url?, image_url?, tag_en?, tag_cn? }] }] }], error? }`.
 *
 * @since 0.1.0
 */
export const AgentConversation = lenient(completionFields).annotate({ identifier: "AgentConversation" })

/**
 * A conversation answer.
 *
 * @since 0.1.0
 */
export type AgentConversation = typeof AgentConversation.Type
