/**
 * `POST /moderations`: content safety checks of text, images, video and audio (strict request, lenient response,
 * wire format).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"
import { openLiterals } from "./Models.js"

/**
 * Moderation models (any other string is accepted).
 *
 * @since 0.1.0
 */
export const ModerationModel = openLiterals(["moderation"], {
  identifier: "ModerationModel",
  description: "A moderation model id, e.g. moderation"
})

/**
 * A moderation model id.
 *
 * @since 0.1.0
 */
export type ModerationModel = typeof ModerationModel.Type

/**
 * `{ type: "text", text }`.
 *
 * @since 0.1.0
 */
export const ModerationTextInput = Schema.Struct({
  type: Schema.Literal("text"),
  text: Schema.String
}).annotate({ identifier: "ModerationTextInput" })

/**
 * `{ type: "image_url", image_url: { url } }`.
 *
 * @since 0.1.0
 */
export const ModerationImageInput = Schema.Struct({
  type: Schema.Literal("image_url"),
  image_url: Schema.Struct({ url: Schema.String })
}).annotate({ identifier: "ModerationImageInput" })

/**
 * `{ type: "video_url", video_url: { url } }`.
 *
 * @since 0.1.0
 */
export const ModerationVideoInput = Schema.Struct({
  type: Schema.Literal("video_url"),
  video_url: Schema.Struct({ url: Schema.String })
}).annotate({ identifier: "ModerationVideoInput" })

/**
 * `{ type: "audio_url", audio_url: { url } }`.
 *
 * @since 0.1.0
 */
export const ModerationAudioInput = Schema.Struct({
  type: Schema.Literal("audio_url"),
  audio_url: Schema.Struct({ url: Schema.String })
}).annotate({ identifier: "ModerationAudioInput" })

/**
 * One item to check: text, image_url, video_url or audio_url.
 *
 * @since 0.1.0
 */
export const ModerationInputItem = Schema.Union([
  ModerationTextInput,
  ModerationImageInput,
  ModerationVideoInput,
  ModerationAudioInput
])

/**
 * One item to check.
 *
 * @since 0.1.0
 */
export type ModerationInputItem = typeof ModerationInputItem.Type

/**
 * The body of `POST /moderations`: `{ model, input }`, `input` being a non-empty string or a non-empty array of
 * items. Strict (see `validateModerationRequest`).
 *
 * @since 0.1.0
 */
export const ModerationRequest = Schema.Struct({
  /** The moderation model, e.g. `moderation`. */
  model: ModerationModel,
  /** What to check. */
  input: Schema.Union([
    Schema.String.check(Schema.isMinLength(1)),
    Schema.Array(ModerationInputItem).check(Schema.isMinLength(1))
  ])
}).annotate({ identifier: "ModerationRequest" })

/**
 * A moderation request.
 *
 * @since 0.1.0
 */
export type ModerationRequest = typeof ModerationRequest.Type

/**
 * The verdict on one item: `{ content_type, risk_level (e.g. PASS, REVIEW, REJECT), risk_type[] }`.
 *
 * @since 0.1.0
 */
export const ModerationResult = lenient({
  content_type: maybe(Schema.String),
  risk_level: maybe(Schema.String),
  risk_type: maybe(Schema.Array(Schema.String))
}).annotate({ identifier: "ModerationResult" })

/**
 * The verdict on one item.
 *
 * @since 0.1.0
 */
export type ModerationResult = typeof ModerationResult.Type

/**
 * Moderation usage: `{ moderation_text: { call_count } }`.
 *
 * @since 0.1.0
 */
export const ModerationUsage = lenient({
  moderation_text: maybe(lenient({ call_count: maybe(Schema.Number) }))
}).annotate({ identifier: "ModerationUsage" })

/**
 * Moderation usage.
 *
 * @since 0.1.0
 */
export type ModerationUsage = typeof ModerationUsage.Type

/**
 * The answer of `POST /moderations`: `{ id, request_id, created, result_list, usage }`.
 *
 * @since 0.1.0
 */
export const ModerationResponse = lenient({
  id: maybe(Schema.String),
  request_id: maybe(Schema.String),
  created: maybe(Schema.Number),
  result_list: maybe(Schema.Array(ModerationResult)),
  usage: maybe(ModerationUsage)
}).annotate({ identifier: "ModerationResponse" })

/**
 * A moderation answer.
 *
 * @since 0.1.0
 */
export type ModerationResponse = typeof ModerationResponse.Type

/**
 * Validates an `unknown` value as a `ModerationRequest`: unknown keys and wrong types fail with `InvalidRequestInput`
 * naming the path.
 *
 * @since 0.1.0
 */
export const validateModerationRequest = makeValidator(ModerationRequest, "ModerationRequest")
