/**
 * Audio endpoints: speech recognition (`POST /audio/transcriptions`), text-to-speech (`POST /audio/speech`) and
 * speech in a voice given by a sample (`POST /audio/customization`).
 *
 * Request schemas are strict (unknown keys and out-of-range values fail with `InvalidRequestInput` naming the
 * field); the multipart requests describe their form fields here, the audio file part itself (`file`,
 * `voice_data`) is added by the caller. Response and stream-chunk schemas are lenient.
 *
 * @since 0.1.0
 */
import { Schema, SchemaIssue } from "effect"
import { PayloadError, RequestId, SensitiveWordCheck, UserId } from "./ChatCompletions.js"
import { makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"
import { AudioModel, openLiterals } from "./Models.js"

// -----------------------------------------------------------------------------
// speech (TTS)
// -----------------------------------------------------------------------------

/**
 * The longest text `POST /audio/speech` accepts, in characters.
 *
 * @since 0.1.0
 */
export const maxSpeechInputLength = 1024

/**
 * The system voices of `glm-tts` (a cloned voice id works too): `tongtong` (default), `chuichui`, `xiaochen`,
 * `jam`, `kazi`, `douji`, `luodo`.
 *
 * @since 0.1.0
 */
export const KnownSpeechVoices = ["tongtong", "chuichui", "xiaochen", "jam", "kazi", "douji", "luodo"] as const

/**
 * A voice: a system voice (autocompleted) or the id of a cloned voice (any string).
 *
 * @since 0.1.0
 */
export const SpeechVoice = openLiterals(KnownSpeechVoices, {
  identifier: "SpeechVoice",
  description: "A system voice such as tongtong, or the id of a cloned voice"
})

/**
 * A voice id.
 *
 * @since 0.1.0
 */
export type SpeechVoice = typeof SpeechVoice.Type

/**
 * The audio container of generated speech: `wav` or `pcm` (raw 16-bit little-endian mono samples; the API's
 * default, and the only format of streamed speech).
 *
 * @since 0.1.0
 */
export const SpeechResponseFormat = Schema.Literals(["wav", "pcm"]).annotate({ identifier: "SpeechResponseFormat" })

/**
 * `wav` or `pcm`.
 *
 * @since 0.1.0
 */
export type SpeechResponseFormat = typeof SpeechResponseFormat.Type

/**
 * How streamed audio chunks are encoded in `choices[].delta.content`: `base64` (default) or `hex`.
 *
 * @since 0.1.0
 */
export const SpeechEncodeFormat = Schema.Literals(["base64", "hex"]).annotate({ identifier: "SpeechEncodeFormat" })

/**
 * `base64` or `hex`.
 *
 * @since 0.1.0
 */
export type SpeechEncodeFormat = typeof SpeechEncodeFormat.Type

/**
 * The text of a TTS or customization request: 1 to 1024 characters.
 *
 * @since 0.1.0
 */
export const SpeechInput = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(maxSpeechInputLength)).annotate({
  identifier: "SpeechInput"
})

/**
 * Speaking rate, [0.5, 2] (default 1).
 *
 * @since 0.1.0
 */
export const SpeechSpeed = Schema.Finite.check(Schema.isBetween({ minimum: 0.5, maximum: 2 })).annotate({ identifier: "SpeechSpeed" })

/**
 * Volume, (0, 10] (default 1).
 *
 * @since 0.1.0
 */
export const SpeechVolume = Schema.Finite.check(Schema.isGreaterThan(0), Schema.isLessThanOrEqualTo(10)).annotate({
  identifier: "SpeechVolume"
})

// A check on a whole request that reports its problem at one field, quoting that field's value.
const fieldRule = <T extends object>(
  field: keyof T & string,
  fails: (request: T) => boolean,
  expected: string
) =>
  Schema.makeFilter<T>((request, _ast, options) =>
    fails(request)
      ? { path: [field], issue: new SchemaIssue.InvalidValue({ message: expected }, request[field], options) }
      : undefined
  )

const speechFields = {
  /** The TTS model, `glm-tts`. */
  model: AudioModel,
  /** The text to speak, 1–1024 characters. */
  input: SpeechInput,
  /** A system voice (`tongtong`, the default, ...) or a cloned voice id. */
  voice: Schema.optionalKey(SpeechVoice),
  /** `wav` or `pcm` (the API's default; streams are always `pcm`). */
  response_format: Schema.optionalKey(SpeechResponseFormat),
  /** Encoding of streamed chunks, `base64` (default) or `hex`; only with `stream: true`. */
  encode_format: Schema.optionalKey(SpeechEncodeFormat),
  /** Speaking rate, [0.5, 2]. */
  speed: Schema.optionalKey(SpeechSpeed),
  /** Volume, (0, 10]. */
  volume: Schema.optionalKey(SpeechVolume),
  /** Stream the audio as SSE chunks. */
  stream: Schema.optionalKey(Schema.Boolean),
  /** Whether the audio carries the AI-generated watermark (turning it off needs an account setting). */
  watermark_enabled: Schema.optionalKey(Schema.Boolean),
  /** Unique client request id. */
  request_id: Schema.optionalKey(RequestId),
  /** End-user id, 6–128 characters. */
  user_id: Schema.optionalKey(UserId),
  /** Sensitive-word check options. */
  sensitive_word_check: Schema.optionalKey(SensitiveWordCheck)
}

type SpeechFields = Schema.Struct<typeof speechFields>["Type"]

/**
 * The body of `POST /audio/speech`, strict. Besides each field's own range, `encode_format` needs `stream: true`,
 * and a stream cannot be `wav` (streamed speech is raw PCM).
 *
 * @since 0.1.0
 */
export const SpeechRequest = Schema.Struct(speechFields)
  .check(
    fieldRule<SpeechFields>(
      "encode_format",
      (r) => r.encode_format !== undefined && r.stream !== true,
      "no encode_format unless stream is true (it only applies to streamed chunks)"
    ),
    fieldRule<SpeechFields>(
      "response_format",
      (r) => r.stream === true && r.response_format === "wav",
      "\"pcm\" when stream is true (streamed speech is raw PCM)"
    )
  )
  .annotate({ identifier: "SpeechRequest" })

/**
 * A TTS request.
 *
 * @since 0.1.0
 */
export type SpeechRequest = typeof SpeechRequest.Type

/**
 * Validates an `unknown` value as a `SpeechRequest`, e.g.
 * `Invalid SpeechRequest: input: expected a value with a length of at most 1024, got "…"`.
 *
 * @since 0.1.0
 */
export const validateSpeechRequest = makeValidator(SpeechRequest, "SpeechRequest")

/**
 * The delta of a streamed speech chunk: `content` is a piece of audio, base64 or hex encoded (see `encode_format`).
 *
 * @since 0.1.0
 */
export const SpeechDelta = lenient({
  role: maybe(Schema.String),
  content: maybe(Schema.String)
}).annotate({ identifier: "SpeechDelta" })

/**
 * A speech delta.
 *
 * @since 0.1.0
 */
export type SpeechDelta = typeof SpeechDelta.Type

/**
 * One choice of a streamed speech chunk: `{ index, finish_reason, delta }`.
 *
 * @since 0.1.0
 */
export const SpeechChunkChoice = lenient({
  index: maybe(Schema.Number),
  finish_reason: maybe(Schema.String),
  delta: maybe(SpeechDelta)
}).annotate({ identifier: "SpeechChunkChoice" })

/**
 * A speech chunk choice.
 *
 * @since 0.1.0
 */
export type SpeechChunkChoice = typeof SpeechChunkChoice.Type

/**
 * One `data:` payload of `POST /audio/speech` with `stream: true`: `{ choices, request_id, created, error }`.
 *
 * @since 0.1.0
 */
export const SpeechChunk = lenient({
  id: maybe(Schema.String),
  request_id: maybe(Schema.String),
  created: maybe(Schema.Number),
  model: maybe(Schema.String),
  choices: maybe(Schema.Array(SpeechChunkChoice)),
  error: maybe(Schema.Union([PayloadError, Schema.String]))
}).annotate({ identifier: "SpeechChunk" })

/**
 * A speech stream chunk.
 *
 * @since 0.1.0
 */
export type SpeechChunk = typeof SpeechChunk.Type

// -----------------------------------------------------------------------------
// customization (speech in the voice of a sample)
// -----------------------------------------------------------------------------

/**
 * The form fields of `POST /audio/customization` (multipart) except the voice sample file (`voice_data`), strict.
 *
 * @since 0.1.0
 */
export const CustomizationRequest = Schema.Struct({
  /** The model id. */
  model: AudioModel,
  /** The text to speak, 1–1024 characters. */
  input: SpeechInput,
  /** The transcript of the voice sample. */
  voice_text: Schema.String.check(Schema.isMinLength(1)),
  /** `wav` or `pcm`. */
  response_format: Schema.optionalKey(SpeechResponseFormat),
  /** Whether the audio carries the AI-generated watermark. */
  watermark_enabled: Schema.optionalKey(Schema.Boolean),
  /** Unique client request id. */
  request_id: Schema.optionalKey(RequestId),
  /** End-user id, 6–128 characters. */
  user_id: Schema.optionalKey(UserId),
  /** Sensitive-word check options (sent as `sensitive_word_check[type]`, `sensitive_word_check[status]`). */
  sensitive_word_check: Schema.optionalKey(SensitiveWordCheck)
}).annotate({ identifier: "CustomizationRequest" })

/**
 * The form fields of a customization request.
 *
 * @since 0.1.0
 */
export type CustomizationRequest = typeof CustomizationRequest.Type

/**
 * Validates an `unknown` value as a `CustomizationRequest`.
 *
 * @since 0.1.0
 */
export const validateCustomizationRequest = makeValidator(CustomizationRequest, "CustomizationRequest")

// -----------------------------------------------------------------------------
// transcriptions (ASR)
// -----------------------------------------------------------------------------

/**
 * The most hotwords one transcription accepts.
 *
 * @since 0.1.0
 */
export const maxHotwords = 100

/**
 * The form fields of `POST /audio/transcriptions` (multipart) except the audio file part (`file`), strict.
 * Either `file` (added by the caller) or `file_base64` carries the audio (`.wav` / `.mp3`, ≤ 25 MB, ≤ 30 s).
 *
 * @since 0.1.0
 */
export const TranscriptionRequest = Schema.Struct({
  /** The ASR model, `glm-asr-2512`. */
  model: AudioModel,
  /** The audio as base64 (instead of a `file` part; a `file` wins when both are sent). */
  file_base64: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  /** Context for long audio, e.g. the transcript so far (keep it under about 8000 characters). */
  prompt: Schema.optionalKey(Schema.String),
  /** Domain words to recognise (names, places), at most 100; sent as `hotwords[]`. */
  hotwords: Schema.optionalKey(Schema.Array(Schema.String).check(Schema.isMaxLength(maxHotwords))),
  /** Stream the transcript as SSE chunks. */
  stream: Schema.optionalKey(Schema.Boolean),
  /** Unique client request id. */
  request_id: Schema.optionalKey(RequestId),
  /** End-user id, 6–128 characters. */
  user_id: Schema.optionalKey(UserId)
}).annotate({ identifier: "TranscriptionRequest" })

/**
 * The form fields of a transcription request.
 *
 * @since 0.1.0
 */
export type TranscriptionRequest = typeof TranscriptionRequest.Type

/**
 * Validates an `unknown` value as a `TranscriptionRequest`.
 *
 * @since 0.1.0
 */
export const validateTranscriptionRequest = makeValidator(TranscriptionRequest, "TranscriptionRequest")

/**
 * The answer of `POST /audio/transcriptions`: `{ id, created, request_id, model, text }`.
 *
 * @since 0.1.0
 */
export const Transcription = lenient({
  id: maybe(Schema.String),
  created: maybe(Schema.Number),
  request_id: maybe(Schema.String),
  model: maybe(Schema.String),
  text: maybe(Schema.String)
}).annotate({ identifier: "Transcription" })

/**
 * A transcription.
 *
 * @since 0.1.0
 */
export type Transcription = typeof Transcription.Type

/**
 * The event type of a transcription chunk: `transcript.text.delta` (more text) or `transcript.text.done`
 * (finished); any other string is accepted.
 *
 * @since 0.1.0
 */
export const TranscriptionChunkType = openLiterals(["transcript.text.delta", "transcript.text.done"], {
  identifier: "TranscriptionChunkType",
  description: "The event type of a streamed transcription chunk"
})

/**
 * A transcription chunk type.
 *
 * @since 0.1.0
 */
export type TranscriptionChunkType = typeof TranscriptionChunkType.Type

/**
 * One `data:` payload of `POST /audio/transcriptions` with `stream: true`: `{ id, created, model, type, delta }`.
 *
 * @since 0.1.0
 */
export const TranscriptionChunk = lenient({
  id: maybe(Schema.String),
  created: maybe(Schema.Number),
  request_id: maybe(Schema.String),
  model: maybe(Schema.String),
  type: maybe(TranscriptionChunkType),
  delta: maybe(Schema.String),
  error: maybe(Schema.Union([PayloadError, Schema.String]))
}).annotate({ identifier: "TranscriptionChunk" })

/**
 * A transcription stream chunk.
 *
 * @since 0.1.0
 */
export type TranscriptionChunk = typeof TranscriptionChunk.Type
