/**
 * Image generation: `POST /images/generations` (synchronous), `POST /async/images/generations` (a task) and the
 * image result of `GET /async-result/{id}`. Strict request schemas with their validators; lenient responses
 * (unknown fields kept, `null` accepted).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { PayloadError } from "./ChatResponses.js"
import { RequestId, SensitiveWordCheck, UserId } from "./ChatCompletions.js"
import { ImageResult, TaskStatus } from "./AsyncTasks.js"
import { makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"
import { ImageModel } from "./Models.js"

/**
 * A size `WIDTHxHEIGHT` in pixels, e.g. `1280x1280` (`glm-image`: 1024–2048 per side, multiples of 32;
 * CogView: 512–2048, multiples of 16).
 *
 * @since 0.1.0
 */
export const ImageSize = Schema.String.check(
  Schema.isPattern(/^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$/, { expected: "a size WIDTHxHEIGHT such as 1280x1280" })
).annotate({ identifier: "ImageSize" })

/**
 * An image size.
 *
 * @since 0.1.0
 */
export type ImageSize = typeof ImageSize.Type

/**
 * `hd` (finer, about 20 s; the `glm-image` default) or `standard` (5–10 s; the CogView default).
 *
 * @since 0.1.0
 */
export const ImageQuality = Schema.Literals(["hd", "standard"]).annotate({ identifier: "ImageQuality" })

/**
 * An image quality.
 *
 * @since 0.1.0
 */
export type ImageQuality = typeof ImageQuality.Type

const Prompt = Schema.String.check(Schema.isNonEmpty({ expected: "a non-empty prompt" }))

/**
 * The body of `POST /images/generations`: every documented field, strict (see `validateImageRequest`).
 *
 * @since 0.1.0
 */
export const ImageGenerationRequest = Schema.Struct({
  /** `glm-image`, `cogview-4-250304`, `cogview-4`, `cogview-3-flash`, ... */
  model: ImageModel,
  /** What to draw. */
  prompt: Prompt,
  /** `hd` or `standard`. */
  quality: Schema.optionalKey(ImageQuality),
  /** `WIDTHxHEIGHT`. */
  size: Schema.optionalKey(ImageSize),
  /** Number of images (the API currently makes one). */
  n: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 10 }, { expected: "an integer between 1 and 10" }))),
  /** Style hint (older CogView models). */
  style: Schema.optionalKey(Schema.String),
  /** `url` (default) or `b64_json`. */
  response_format: Schema.optionalKey(Schema.Literals(["url", "b64_json"])),
  /** An end-user id (older field). */
  user: Schema.optionalKey(Schema.String),
  /** End-user id, 6–128 characters. */
  user_id: Schema.optionalKey(UserId),
  /** Unique client request id. */
  request_id: Schema.optionalKey(RequestId),
  /** Whether the image carries a watermark. */
  watermark_enabled: Schema.optionalKey(Schema.Boolean),
  /** Sensitive-word check options. */
  sensitive_word_check: Schema.optionalKey(SensitiveWordCheck)
}).annotate({ identifier: "ImageGenerationRequest" })

/**
 * A synchronous image generation request.
 *
 * @since 0.1.0
 */
export type ImageGenerationRequest = typeof ImageGenerationRequest.Type

/**
 * The body of `POST /async/images/generations` (`glm-image` only): strict (see `validateAsyncImageRequest`).
 *
 * @since 0.1.0
 */
export const AsyncImageGenerationRequest = Schema.Struct({
  /** `glm-image`. */
  model: ImageModel,
  /** What to draw. */
  prompt: Prompt,
  /** `hd`. */
  quality: Schema.optionalKey(ImageQuality),
  /** `WIDTHxHEIGHT`. */
  size: Schema.optionalKey(ImageSize),
  /** End-user id, 6–128 characters. */
  user_id: Schema.optionalKey(UserId),
  /** Unique client request id. */
  request_id: Schema.optionalKey(RequestId),
  /** Whether the image carries a watermark. */
  watermark_enabled: Schema.optionalKey(Schema.Boolean)
}).annotate({ identifier: "AsyncImageGenerationRequest" })

/**
 * An async image generation request.
 *
 * @since 0.1.0
 */
export type AsyncImageGenerationRequest = typeof AsyncImageGenerationRequest.Type

/**
 * Validates an `unknown` value as an `ImageGenerationRequest`: unknown keys and wrong types fail with
 * `InvalidRequestInput` naming the field, e.g. `size: expected a size WIDTHxHEIGHT such as 1280x1280, got "big"`.
 *
 * @since 0.1.0
 */
export const validateImageRequest = makeValidator(ImageGenerationRequest, "ImageGenerationRequest")

/**
 * Validates an `unknown` value as an `AsyncImageGenerationRequest` (same rules as `validateImageRequest`).
 *
 * @since 0.1.0
 */
export const validateAsyncImageRequest = makeValidator(AsyncImageGenerationRequest, "AsyncImageGenerationRequest")

/**
 * One generated image: `{ url }` (a temporary link, valid 30 days), or `b64_json`; sometimes `revised_prompt`.
 *
 * @since 0.1.0
 */
export const GeneratedImage = lenient({
  url: maybe(Schema.String),
  b64_json: maybe(Schema.String),
  revised_prompt: maybe(Schema.String)
}).annotate({ identifier: "GeneratedImage" })

/**
 * A generated image.
 *
 * @since 0.1.0
 */
export type GeneratedImage = typeof GeneratedImage.Type

/**
 * A content-safety note: `{ role: "assistant" | "user" | "history", level: 0..3 }` (0 is the most severe).
 *
 * @since 0.1.0
 */
export const ContentFilterInfo = lenient({
  role: maybe(Schema.String),
  level: maybe(Schema.Number)
}).annotate({ identifier: "ContentFilterInfo" })

/**
 * A content-safety note.
 *
 * @since 0.1.0
 */
export type ContentFilterInfo = typeof ContentFilterInfo.Type

/**
 * The answer of `POST /images/generations`: `{ created, data: [{ url }], content_filter? }`.
 *
 * @since 0.1.0
 */
export const ImageGenerationResponse = lenient({
  id: maybe(Schema.String),
  request_id: maybe(Schema.String),
  created: maybe(Schema.Number),
  data: maybe(Schema.Array(GeneratedImage)),
  content_filter: maybe(Schema.Array(ContentFilterInfo))
}).annotate({ identifier: "ImageGenerationResponse" })

/**
 * An image generation response.
 *
 * @since 0.1.0
 */
export type ImageGenerationResponse = typeof ImageGenerationResponse.Type

/**
 * `GET /async-result/{id}` for an image task: `{ id, request_id, model, task_status, image_result: [{ url }] }`
 * (`image_result` once `SUCCESS`; a `FAIL` task may carry `error`).
 *
 * @since 0.1.0
 */
export const AsyncImageResult = lenient({
  id: maybe(Schema.String),
  request_id: maybe(Schema.String),
  model: maybe(Schema.String),
  created: maybe(Schema.Number),
  task_status: maybe(TaskStatus),
  image_result: maybe(Schema.Array(ImageResult)),
  content_filter: maybe(Schema.Array(ContentFilterInfo)),
  error: maybe(Schema.Union([PayloadError, Schema.String]))
}).annotate({ identifier: "AsyncImageResult" })

/**
 * The state (and, once done, the images) of an async image task.
 *
 * @since 0.1.0
 */
export type AsyncImageResult = typeof AsyncImageResult.Type
