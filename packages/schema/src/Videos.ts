/**
 * Video generation: `POST /videos/generations` for every model family, and the video result of
 * `GET /async-result/{id}`.
 *
 * The request is one of five families, told apart by `model` (as in the API's `oneOf`):
 * - `CogVideoXRequest` (`cogvideox-3`, `cogvideox-2`, `cogvideox-flash`): text to video, image to video
 *   (`image_url` one image) and first-and-last frame (`image_url` two images);
 * - `ViduTextRequest` (`viduq1-text`): text to video;
 * - `ViduImageRequest` (`viduq1-image`, `viduq2-image`, `vidu2-image`): one image as the first frame;
 * - `ViduStartEndRequest` (`viduq1-start-end`, `vidu2-start-end`): first and last frame;
 * - `ViduReferenceRequest` (`vidu2-reference`): one to three reference images.
 * A model outside these families is checked against `GenericVideoRequest` (every field of every family).
 * `validateVideoRequest` picks the family from `model` and rejects fields that family does not take.
 *
 * @since 0.1.0
 */
import { type Effect, Schema, SchemaIssue } from "effect"
import { PayloadError } from "./ChatResponses.js"
import { RequestId, SensitiveWordCheck, UserId } from "./ChatCompletions.js"
import { TaskStatus, VideoResult } from "./AsyncTasks.js"
import { type InvalidRequestInput, makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"
import { openLiterals, VideoModel } from "./Models.js"

/**
 * An image given to a video model: an `http(s)` URL, or base64 with its content type
 * (`data:image/png;base64,...`).
 *
 * @since 0.1.0
 */
export const VideoImage = Schema.String.check(Schema.isNonEmpty({ expected: "an image URL or a data: URL" })).annotate({
  identifier: "VideoImage"
})

/**
 * An image URL or data URL.
 *
 * @since 0.1.0
 */
export type VideoImage = typeof VideoImage.Type

const images = (min: number, max: number) =>
  Schema.Array(VideoImage).check(
    Schema.isBetweenLength(min, max, { expected: min === max ? `exactly ${min} images` : `${min} to ${max} images` })
  )

/**
 * `image_url` of a CogVideoX request: one image (string), one or two images (first and last frame), or an object
 * for options the SDK does not model yet.
 *
 * @since 0.1.0
 */
export const CogVideoXImageUrl = Schema.Union([VideoImage, images(1, 2), Schema.Record(Schema.String, Schema.Unknown)]).annotate({
  identifier: "CogVideoXImageUrl",
  expected: "an image (string), an array of 1 or 2 images, or an object"
})

/**
 * A CogVideoX `image_url`.
 *
 * @since 0.1.0
 */
export type CogVideoXImageUrl = typeof CogVideoXImageUrl.Type

/**
 * `image_url` of any video request: a string, an array of strings, or an object.
 *
 * @since 0.1.0
 */
export const VideoImageUrl = Schema.Union([VideoImage, images(1, 3), Schema.Record(Schema.String, Schema.Unknown)]).annotate({
  identifier: "VideoImageUrl",
  expected: "an image (string), an array of 1 to 3 images, or an object"
})

/**
 * An `image_url`.
 *
 * @since 0.1.0
 */
export type VideoImageUrl = typeof VideoImageUrl.Type

/**
 * A resolution `WIDTHxHEIGHT`, e.g. `1920x1080`.
 *
 * @since 0.1.0
 */
export const VideoSize = Schema.String.check(
  Schema.isPattern(/^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$/, { expected: "a size WIDTHxHEIGHT such as 1920x1080" })
).annotate({ identifier: "VideoSize" })

/**
 * A video resolution.
 *
 * @since 0.1.0
 */
export type VideoSize = typeof VideoSize.Type

/**
 * `speed` (default) or `quality`.
 *
 * @since 0.1.0
 */
export const VideoQuality = Schema.Literals(["speed", "quality"]).annotate({ identifier: "VideoQuality" })

/**
 * `16:9` (default), `9:16` or `1:1`.
 *
 * @since 0.1.0
 */
export const AspectRatio = Schema.Literals(["16:9", "9:16", "1:1"]).annotate({ identifier: "AspectRatio" })

/**
 * `auto` (default), `small`, `medium` or `large`.
 *
 * @since 0.1.0
 */
export const MovementAmplitude = Schema.Literals(["auto", "small", "medium", "large"]).annotate({
  identifier: "MovementAmplitude"
})

/**
 * `general` (default) or `anime`.
 *
 * @since 0.1.0
 */
export const VideoStyle = Schema.Literals(["general", "anime"]).annotate({ identifier: "VideoStyle" })

const Prompt = Schema.String.check(Schema.isNonEmpty({ expected: "a non-empty prompt" }))
const Duration = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 60 }, { expected: "a duration in seconds (1–60)" }))

const common = {
  /** Unique client request id. */
  request_id: Schema.optionalKey(RequestId),
  /** End-user id, 6–128 characters. */
  user_id: Schema.optionalKey(UserId),
  /** Whether the video carries a watermark. */
  watermark_enabled: Schema.optionalKey(Schema.Boolean),
  /** Run in off-peak hours (cheaper, slower). */
  off_peak: Schema.optionalKey(Schema.Boolean),
  /** Sensitive-word check options. */
  sensitive_word_check: Schema.optionalKey(SensitiveWordCheck)
}

/**
 * The CogVideoX model ids (any `cogvideox*` id belongs to this family).
 *
 * @since 0.1.0
 */
export const CogVideoXModel = openLiterals(["cogvideox-3", "cogvideox-2", "cogvideox-flash"], {
  identifier: "CogVideoXModel",
  description: "A CogVideoX model id"
})

/**
 * CogVideoX (`cogvideox-3`, `cogvideox-2`, `cogvideox-flash`): text to video (`prompt`), image to video
 * (`image_url`: one image) or first and last frame (`image_url`: two images, `speed` only). `prompt` or
 * `image_url` (or both) is required.
 *
 * @since 0.1.0
 */
export const CogVideoXRequest = Schema.Struct({
  /** The model. */
  model: CogVideoXModel,
  /** What happens in the video (up to 512 characters). */
  prompt: Schema.optionalKey(Prompt),
  /** The start image, or first and last frames. */
  image_url: Schema.optionalKey(CogVideoXImageUrl),
  /** `speed` (default) or `quality`. */
  quality: Schema.optionalKey(VideoQuality),
  /** Generate AI sound effects. */
  with_audio: Schema.optionalKey(Schema.Boolean),
  /** Resolution, e.g. `1920x1080` (up to `3840x2160`). */
  size: Schema.optionalKey(VideoSize),
  /** 30 (default) or 60 frames per second. */
  fps: Schema.optionalKey(Schema.Literals([30, 60])),
  /** 5 (default) or 10 seconds. */
  duration: Schema.optionalKey(Schema.Literals([5, 10])),
  ...common
})
  .check(
    Schema.makeFilter((request) =>
      request.prompt !== undefined || request.image_url !== undefined
        ? undefined
        : { path: ["prompt"], issue: new SchemaIssue.MissingKey({ message: "missing: give prompt, image_url, or both" }) }
    )
  )
  .annotate({ identifier: "CogVideoXRequest" })

/**
 * A CogVideoX request.
 *
 * @since 0.1.0
 */
export type CogVideoXRequest = typeof CogVideoXRequest.Type

/**
 * The Vidu text-to-video model ids.
 *
 * @since 0.1.0
 */
export const ViduTextModel = openLiterals(["viduq1-text"], {
  identifier: "ViduTextModel",
  description: "A Vidu text-to-video model id"
})

/**
 * Vidu text to video (`viduq1-text`): `prompt` is required.
 *
 * @since 0.1.0
 */
export const ViduTextRequest = Schema.Struct({
  /** The model. */
  model: ViduTextModel,
  /** What happens in the video (up to 512 characters). */
  prompt: Prompt,
  /** `general` (default) or `anime`. */
  style: Schema.optionalKey(VideoStyle),
  /** Seconds (5). */
  duration: Schema.optionalKey(Duration),
  /** `16:9` (default), `9:16` or `1:1`. */
  aspect_ratio: Schema.optionalKey(AspectRatio),
  /** Resolution (`1920x1080`). */
  size: Schema.optionalKey(VideoSize),
  /** Motion amplitude. */
  movement_amplitude: Schema.optionalKey(MovementAmplitude),
  /** Add background music. */
  with_audio: Schema.optionalKey(Schema.Boolean),
  ...common
}).annotate({ identifier: "ViduTextRequest" })

/**
 * A Vidu text-to-video request.
 *
 * @since 0.1.0
 */
export type ViduTextRequest = typeof ViduTextRequest.Type

/**
 * The Vidu image-to-video model ids.
 *
 * @since 0.1.0
 */
export const ViduImageModel = openLiterals(["viduq1-image", "viduq2-image", "vidu2-image"], {
  identifier: "ViduImageModel",
  description: "A Vidu image-to-video model id"
})

/**
 * Vidu image to video (`viduq1-image`, `viduq2-image`, `vidu2-image`): `image_url` (one image) is the first frame.
 *
 * @since 0.1.0
 */
export const ViduImageRequest = Schema.Struct({
  /** The model. */
  model: ViduImageModel,
  /** The first frame: one image. */
  image_url: VideoImage,
  /** What happens in the video (up to 512 characters). */
  prompt: Schema.optionalKey(Prompt),
  /** Seconds (`viduq1`: 5, `vidu2`: 4). */
  duration: Schema.optionalKey(Duration),
  /** Resolution (`viduq1`: `1920x1080`, `vidu2`: `1280x720`). */
  size: Schema.optionalKey(VideoSize),
  /** Motion amplitude. */
  movement_amplitude: Schema.optionalKey(MovementAmplitude),
  /** Add background music. */
  with_audio: Schema.optionalKey(Schema.Boolean),
  ...common
}).annotate({ identifier: "ViduImageRequest" })

/**
 * A Vidu image-to-video request.
 *
 * @since 0.1.0
 */
export type ViduImageRequest = typeof ViduImageRequest.Type

/**
 * The Vidu first-and-last-frame model ids.
 *
 * @since 0.1.0
 */
export const ViduStartEndModel = openLiterals(["viduq1-start-end", "vidu2-start-end"], {
  identifier: "ViduStartEndModel",
  description: "A Vidu first-and-last-frame model id"
})

/**
 * Vidu first and last frame (`viduq1-start-end`, `vidu2-start-end`): `image_url` holds the first frame, then the last.
 *
 * @since 0.1.0
 */
export const ViduStartEndRequest = Schema.Struct({
  /** The model. */
  model: ViduStartEndModel,
  /** First frame, then last frame (similar resolutions). */
  image_url: images(1, 2),
  /** What happens in the video (up to 512 characters). */
  prompt: Schema.optionalKey(Prompt),
  /** Seconds (`viduq1`: 5, `vidu2`: 4). */
  duration: Schema.optionalKey(Duration),
  /** Resolution. */
  size: Schema.optionalKey(VideoSize),
  /** Motion amplitude. */
  movement_amplitude: Schema.optionalKey(MovementAmplitude),
  /** Add background music. */
  with_audio: Schema.optionalKey(Schema.Boolean),
  ...common
}).annotate({ identifier: "ViduStartEndRequest" })

/**
 * A Vidu first-and-last-frame request.
 *
 * @since 0.1.0
 */
export type ViduStartEndRequest = typeof ViduStartEndRequest.Type

/**
 * The Vidu reference-to-video model ids.
 *
 * @since 0.1.0
 */
export const ViduReferenceModel = openLiterals(["vidu2-reference"], {
  identifier: "ViduReferenceModel",
  description: "A Vidu reference-to-video model id"
})

/**
 * Vidu reference to video (`vidu2-reference`): one to three images whose subjects the video keeps.
 *
 * @since 0.1.0
 */
export const ViduReferenceRequest = Schema.Struct({
  /** The model. */
  model: ViduReferenceModel,
  /** One to three reference images. */
  image_url: images(1, 3),
  /** What happens in the video (up to 512 characters). */
  prompt: Schema.optionalKey(Prompt),
  /** Seconds (4). */
  duration: Schema.optionalKey(Duration),
  /** `16:9` (default), `9:16` or `1:1`. */
  aspect_ratio: Schema.optionalKey(AspectRatio),
  /** Resolution (`1280x720`). */
  size: Schema.optionalKey(VideoSize),
  /** Motion amplitude. */
  movement_amplitude: Schema.optionalKey(MovementAmplitude),
  /** Add background music. */
  with_audio: Schema.optionalKey(Schema.Boolean),
  ...common
}).annotate({ identifier: "ViduReferenceRequest" })

/**
 * A Vidu reference-to-video request.
 *
 * @since 0.1.0
 */
export type ViduReferenceRequest = typeof ViduReferenceRequest.Type

/**
 * A request for a model outside the known families: every field any family takes, all optional but `model`.
 *
 * @since 0.1.0
 */
export const GenericVideoRequest = Schema.Struct({
  /** The model. */
  model: VideoModel,
  /** What happens in the video. */
  prompt: Schema.optionalKey(Prompt),
  /** Image(s): URL or data URL, an array of them, or an object. */
  image_url: Schema.optionalKey(VideoImageUrl),
  /** `speed` or `quality`. */
  quality: Schema.optionalKey(VideoQuality),
  /** Sound effects or background music. */
  with_audio: Schema.optionalKey(Schema.Boolean),
  /** Resolution. */
  size: Schema.optionalKey(VideoSize),
  /** Frames per second. */
  fps: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 240 }))),
  /** Seconds. */
  duration: Schema.optionalKey(Duration),
  /** Style. */
  style: Schema.optionalKey(VideoStyle),
  /** Aspect ratio. */
  aspect_ratio: Schema.optionalKey(AspectRatio),
  /** Motion amplitude. */
  movement_amplitude: Schema.optionalKey(MovementAmplitude),
  ...common
}).annotate({ identifier: "GenericVideoRequest" })

/**
 * A request for a model outside the known families.
 *
 * @since 0.1.0
 */
export type GenericVideoRequest = typeof GenericVideoRequest.Type

/**
 * The body of `POST /videos/generations`: one of the families (validate with `validateVideoRequest`, which picks
 * the family from `model`).
 *
 * @since 0.1.0
 */
export const VideoGenerationRequest = Schema.Union([
  CogVideoXRequest,
  ViduTextRequest,
  ViduImageRequest,
  ViduStartEndRequest,
  ViduReferenceRequest,
  GenericVideoRequest
]).annotate({ identifier: "VideoGenerationRequest" })

/**
 * A video generation request.
 *
 * @since 0.1.0
 */
export type VideoGenerationRequest = typeof VideoGenerationRequest.Type

/**
 * The families of video models.
 *
 * @since 0.1.0
 */
export type VideoFamily = "cogvideox" | "vidu-text" | "vidu-image" | "vidu-start-end" | "vidu-reference" | "generic"

/**
 * The family of a model id: `cogvideox*` → `cogvideox`; `vidu*-text`, `vidu*-image`, `vidu*-start-end`,
 * `vidu*-reference`; anything else → `generic`.
 *
 * @since 0.1.0
 */
export const familyOf = (model: string): VideoFamily => {
  const id = model.toLowerCase()
  if (id.startsWith("cogvideox")) return "cogvideox"
  if (id.startsWith("vidu")) {
    if (id.endsWith("-text")) return "vidu-text"
    if (id.endsWith("-image")) return "vidu-image"
    if (id.endsWith("-start-end")) return "vidu-start-end"
    if (id.endsWith("-reference")) return "vidu-reference"
  }
  return "generic"
}

const validators = {
  cogvideox: makeValidator(CogVideoXRequest, "VideoGenerationRequest (CogVideoX)"),
  "vidu-text": makeValidator(ViduTextRequest, "VideoGenerationRequest (Vidu text to video)"),
  "vidu-image": makeValidator(ViduImageRequest, "VideoGenerationRequest (Vidu image to video)"),
  "vidu-start-end": makeValidator(ViduStartEndRequest, "VideoGenerationRequest (Vidu first and last frame)"),
  "vidu-reference": makeValidator(ViduReferenceRequest, "VideoGenerationRequest (Vidu reference to video)"),
  generic: makeValidator(GenericVideoRequest, "VideoGenerationRequest")
} as const

/**
 * Validates an `unknown` value as a `VideoGenerationRequest`: the family is picked from `model`, then unknown keys
 * (including fields of another family) and wrong types fail with `InvalidRequestInput` naming the field, e.g.
 * `Invalid VideoGenerationRequest (CogVideoX): aspect_ratio: unknown key "aspect_ratio"; allowed keys: ...`.
 *
 * @since 0.1.0
 */
export const validateVideoRequest = (input: unknown): Effect.Effect<VideoGenerationRequest, InvalidRequestInput> => {
  const model = typeof input === "object" && input !== null && "model" in input ? input.model : undefined
  return validators[typeof model === "string" ? familyOf(model) : "generic"](input)
}

/**
 * `GET /async-result/{id}` for a video task: `{ id, request_id, model, task_status, video_result: [{ url,
 * cover_image_url }] }` (`video_result` once `SUCCESS`; a `FAIL` task may carry `error`).
 *
 * @since 0.1.0
 */
export const AsyncVideoResult = lenient({
  id: maybe(Schema.String),
  request_id: maybe(Schema.String),
  model: maybe(Schema.String),
  created: maybe(Schema.Number),
  task_status: maybe(TaskStatus),
  video_result: maybe(Schema.Array(VideoResult)),
  error: maybe(Schema.Union([PayloadError, Schema.String]))
}).annotate({ identifier: "AsyncVideoResult" })

/**
 * The state (and, once done, the videos) of a video task.
 *
 * @since 0.1.0
 */
export type AsyncVideoResult = typeof AsyncVideoResult.Type
