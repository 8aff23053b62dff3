/**
 * Voice cloning: `POST /voice/clone`, `POST /voice/delete` and `GET /voice/list`. Strict requests (with
 * validators), lenient answers. A cloned voice id is then usable as the `voice` of a speech request.
 *
 * `GET /voice/list` takes camelCase query parameters (`voiceType`, `voiceName`); `VoiceListRequest` keeps the
 * snake_case of every other input and `toListQuery` renames them.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { RequestId } from "./ChatCompletions.js"
import { makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"
import { openLiterals } from "./Models.js"

/**
 * Models of `POST /voice/clone` (`glm-tts-clone`; any string accepted).
 *
 * @since 0.1.0
 */
export const KnownVoiceCloneModels = ["glm-tts-clone"] as const

/**
 * A voice-cloning model id.
 *
 * @since 0.1.0
 */
export const VoiceCloneModel = openLiterals(KnownVoiceCloneModels, {
  identifier: "VoiceCloneModel",
  description: "A voice-cloning model id, e.g. glm-tts-clone"
})

/**
 * A voice-cloning model id.
 *
 * @since 0.1.0
 */
export type VoiceCloneModel = typeof VoiceCloneModel.Type

/**
 * `OFFICIAL` (a system voice) or `PRIVATE` (a cloned one); any other string is accepted.
 *
 * @since 0.1.0
 */
export const VoiceType = openLiterals(["OFFICIAL", "PRIVATE"], {
  identifier: "VoiceType",
  description: "OFFICIAL for system voices, PRIVATE for cloned voices"
})

/**
 * A voice type.
 *
 * @since 0.1.0
 */
export type VoiceType = typeof VoiceType.Type

const nonEmpty = Schema.String.check(Schema.isMinLength(1))

/**
 * The body of `POST /voice/clone`, strict.
 *
 * @since 0.1.0
 */
export const VoiceCloneRequest = Schema.Struct({
  /** The model, `glm-tts-clone`. */
  model: VoiceCloneModel,
  /** A unique name for the new voice. */
  voice_name: nonEmpty,
  /** The text of the preview audio spoken in the new voice. */
  input: nonEmpty,
  /** The id of the uploaded voice sample (a file uploaded with purpose `voice-clone-input`; ≤ 10 MB, 3–30 s). */
  file_id: nonEmpty,
  /** The transcript of the sample (optional, improves the clone). */
  text: Schema.optionalKey(Schema.String),
  /** Unique client request id. */
  request_id: Schema.optionalKey(RequestId)
}).annotate({ identifier: "VoiceCloneRequest" })

/**
 * A voice-cloning request.
 *
 * @since 0.1.0
 */
export type VoiceCloneRequest = typeof VoiceCloneRequest.Type

/**
 * Validates an `unknown` value as a `VoiceCloneRequest`.
 *
 * @since 0.1.0
 */
export const validateVoiceCloneRequest = makeValidator(VoiceCloneRequest, "VoiceCloneRequest")

/**
 * The answer of `POST /voice/clone`: `{ voice, file_id, file_purpose }` (the new voice id, and the preview audio file).
 *
 * @since 0.1.0
 */
export const VoiceCloneResult = lenient({
  voice: maybe(Schema.String),
  file_id: maybe(Schema.String),
  file_purpose: maybe(Schema.String),
  request_id: maybe(Schema.String)
}).annotate({ identifier: "VoiceCloneResult" })

/**
 * A voice-cloning result.
 *
 * @since 0.1.0
 */
export type VoiceCloneResult = typeof VoiceCloneResult.Type

/**
 * The body of `POST /voice/delete`, strict.
 *
 * @since 0.1.0
 */
export const VoiceDeleteRequest = Schema.Struct({
  /** The voice id to delete. */
  voice: nonEmpty,
  /** Unique client request id. */
  request_id: Schema.optionalKey(RequestId)
}).annotate({ identifier: "VoiceDeleteRequest" })

/**
 * A voice deletion request.
 *
 * @since 0.1.0
 */
export type VoiceDeleteRequest = typeof VoiceDeleteRequest.Type

/**
 * Validates an `unknown` value as a `VoiceDeleteRequest`.
 *
 * @since 0.1.0
 */
export const validateVoiceDeleteRequest = makeValidator(VoiceDeleteRequest, "VoiceDeleteRequest")

/**
 * The answer of `POST /voice/delete`: `{ voice, update_time }`.
 *
 * @since 0.1.0
 */
export const VoiceDeleteResult = lenient({
  voice: maybe(Schema.String),
  update_time: maybe(Schema.Union([Schema.String, Schema.Number])),
  request_id: maybe(Schema.String)
}).annotate({ identifier: "VoiceDeleteResult" })

/**
 * A voice deletion result.
 *
 * @since 0.1.0
 */
export type VoiceDeleteResult = typeof VoiceDeleteResult.Type

/**
 * The filters of `GET /voice/list`, strict (snake_case here; sent as `voiceType` / `voiceName`, see `toListQuery`).
 *
 * @since 0.1.0
 */
export const VoiceListRequest = Schema.Struct({
  /** Only `OFFICIAL` or only `PRIVATE` voices. */
  voice_type: Schema.optionalKey(VoiceType),
  /** A (fuzzy) name filter. */
  voice_name: Schema.optionalKey(Schema.String),
  /** Unique client request id (sent as the `request_id` query parameter and the `Request-Id` header). */
  request_id: Schema.optionalKey(RequestId)
}).annotate({ identifier: "VoiceListRequest" })

/**
 * Voice list filters.
 *
 * @since 0.1.0
 */
export type VoiceListRequest = typeof VoiceListRequest.Type

/**
 * Validates an `unknown` value as a `VoiceListRequest`.
 *
 * @since 0.1.0
 */
export const validateVoiceListRequest = makeValidator(VoiceListRequest, "VoiceListRequest")

/**
 * The query string of `GET /voice/list`: `{ voiceType, voiceName, request_id }` (camelCase, as the API wants it).
 *
 * @since 0.1.0
 */
export const toListQuery = (
  request: VoiceListRequest
): { readonly voiceType?: string; readonly voiceName?: string; readonly request_id?: string } => ({
  ...(request.voice_type === undefined ? {} : { voiceType: request.voice_type }),
  ...(request.voice_name === undefined ? {} : { voiceName: request.voice_name }),
  ...(request.request_id === undefined ? {} : { request_id: request.request_id })
})

/**
 * One voice of the list: `{ voice, voice_name, voice_type, download_url, create_time }`.
 *
 * @since 0.1.0
 */
export const VoiceInfo = lenient({
  voice: maybe(Schema.String),
  voice_name: maybe(Schema.String),
  voice_type: maybe(VoiceType),
  download_url: maybe(Schema.String),
  create_time: maybe(Schema.Union([Schema.String, Schema.Number]))
}).annotate({ identifier: "VoiceInfo" })

/**
 * A listed voice.
 *
 * @since 0.1.0
 */
export type VoiceInfo = typeof VoiceInfo.Type

/**
 * The answer of `GET /voice/list`: `{ voice_list }` (not paged).
 *
 * @since 0.1.0
 */
export const VoiceList = lenient({
  voice_list: maybe(Schema.Array(VoiceInfo)),
  request_id: maybe(Schema.String)
}).annotate({ identifier: "VoiceList" })

/**
 * The voice list.
 *
 * @since 0.1.0
 */
export type VoiceList = typeof VoiceList.Type
