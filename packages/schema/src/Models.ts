/**
 * Known model ids per family. Each family is a Schema that accepts **any** string (new models work without an SDK
 * release) while its TypeScript type keeps autocompletion for the known ids: `ChatModel = KnownChatModel | (string & {})`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * `K | (string & {})`: any string, with editor autocompletion for the literals of `K`.
 *
 * @since 0.1.0
 */
export type OpenString<K extends string> = K | (string & Record<never, never>)

/**
 * A schema of `OpenString<K>`: decodes and encodes any string; the known values are kept as `examples`.
 *
 * @since 0.1.0
 */
export const openLiterals = <const K extends ReadonlyArray<string>>(
  known: K,
  annotations: { readonly identifier: string; readonly description: string }
) =>
  Schema.String.pipe(
    Schema.refine((value: string): value is OpenString<K[number]> => typeof value === "string")
  ).annotate({ ...annotations, examples: [...known] })

/**
 * Chat (text and vision) models served by `POST /chat/completions`.
 *
 * @since 0.1.0
 */
export const KnownChatModels = [
  "glm-5.1",
  "glm-5",
  "glm-5-turbo",
  "glm-5v-turbo",
  "glm-4.7",
  "glm-4.7-flash",
  "glm-4.7-flashx",
  "glm-4.6",
  "glm-4.6v",
  "glm-4.6v-flash",
  "glm-4.6v-flashx",
  "glm-4.5",
  "glm-4.5-air",
  "glm-4.5-x",
  "glm-4.5-airx",
  "glm-4.5-flash",
  "glm-4.5v",
  "glm-4-plus",
  "glm-4-air-250414",
  "glm-4-airx",
  "glm-4-flash",
  "glm-4-flash-250414",
  "glm-4-flashx",
  "glm-4-long",
  "glm-4-32b-0414-128k",
  "glm-4v-plus-0111",
  "glm-4v-flash",
  "glm-z1-air",
  "glm-z1-airx",
  "glm-z1-flash",
  "glm-z1-flashx",
  "autoglm-phone-multilingual",
  "codegeex-4",
  "charglm-4"
] as const

/**
 * One of the known chat model ids.
 *
 * @since 0.1.0
 */
export type KnownChatModel = (typeof KnownChatModels)[number]

/**
 * A chat model id: any string, typed with autocompletion for the known ids.
 *
 * @since 0.1.0
 */
export const ChatModel = /* @__PURE__ */ openLiterals(KnownChatModels, {
  identifier: "ChatModel",
  description: "A chat model id, e.g. glm-4.6"
})

/**
 * A chat model id: `KnownChatModel | (string & {})`.
 *
 * @since 0.1.0
 */
export type ChatModel = typeof ChatModel.Type

/**
 * Embedding models served by `POST /embeddings`.
 *
 * @since 0.1.0
 */
export const KnownEmbeddingModels = ["embedding-3", "embedding-2"] as const

/**
 * One of the known embedding model ids.
 *
 * @since 0.1.0
 */
export type KnownEmbeddingModel = (typeof KnownEmbeddingModels)[number]

/**
 * An embedding model id: any string, typed with autocompletion for the known ids.
 *
 * @since 0.1.0
 */
export const EmbeddingModel = /* @__PURE__ */ openLiterals(KnownEmbeddingModels, {
  identifier: "EmbeddingModel",
  description: "An embedding model id, e.g. embedding-3"
})

/**
 * An embedding model id: `KnownEmbeddingModel | (string & {})`.
 *
 * @since 0.1.0
 */
export type EmbeddingModel = typeof EmbeddingModel.Type

/**
 * Image generation models served by `POST /images/generations` (and its async variant).
 *
 * @since 0.1.0
 */
export const KnownImageModels = ["glm-image", "cogview-4-250304", "cogview-4", "cogview-3-flash"] as const

/**
 * One of the known image model ids.
 *
 * @since 0.1.0
 */
export type KnownImageModel = (typeof KnownImageModels)[number]

/**
 * An image model id: any string, typed with autocompletion for the known ids.
 *
 * @since 0.1.0
 */
export const ImageModel = /* @__PURE__ */ openLiterals(KnownImageModels, {
  identifier: "ImageModel",
  description: "An image generation model id, e.g. glm-image"
})

/**
 * An image model id: `KnownImageModel | (string & {})`.
 *
 * @since 0.1.0
 */
export type ImageModel = typeof ImageModel.Type

/**
 * Video generation models served by `POST /videos/generations`.
 *
 * @since 0.1.0
 */
export const KnownVideoModels = [
  "cogvideox-3",
  "cogvideox-2",
  "cogvideox-flash",
  "viduq1-text",
  "viduq1-image",
  "viduq1-start-end",
  "viduq2-image",
  "vidu2-image",
  "vidu2-start-end",
  "vidu2-reference"
] as const

/**
 * One of the known video model ids.
 *
 * @since 0.1.0
 */
export type KnownVideoModel = (typeof KnownVideoModels)[number]

/**
 * A video model id: any string, typed with autocompletion for the known ids.
 *
 * @since 0.1.0
 */
export const VideoModel = /* @__PURE__ */ openLiterals(KnownVideoModels, {
  identifier: "VideoModel",
  description: "A video generation model id, e.g. cogvideox-3"
})

/**
 * A video model id: `KnownVideoModel | (string & {})`.
 *
 * @since 0.1.0
 */
export type VideoModel = typeof VideoModel.Type

/**
 * Audio models: speech recognition (`POST /audio/transcriptions`) and text-to-speech (`POST /audio/speech`).
 *
 * @since 0.1.0
 */
export const KnownAudioModels = ["glm-asr-2512", "glm-tts"] as const

/**
 * One of the known audio model ids.
 *
 * @since 0.1.0
 */
export type KnownAudioModel = (typeof KnownAudioModels)[number]

/**
 * An audio model id: any string, typed with autocompletion for the known ids.
 *
 * @since 0.1.0
 */
export const AudioModel = /* @__PURE__ */ openLiterals(KnownAudioModels, {
  identifier: "AudioModel",
  description: "An audio model id, e.g. glm-asr-2512 or glm-tts"
})

/**
 * An audio model id: `KnownAudioModel | (string & {})`.
 *
 * @since 0.1.0
 */
export type AudioModel = typeof AudioModel.Type

/**
 * OCR / layout-parsing models.
 *
 * @since 0.1.0
 */
export const KnownOcrModels = ["glm-ocr"] as const

/**
 * One of the known OCR model ids.
 *
 * @since 0.1.0
 */
export type KnownOcrModel = (typeof KnownOcrModels)[number]

/**
 * An OCR model id: any string, typed with autocompletion for the known ids.
 *
 * @since 0.1.0
 */
export const OcrModel = /* @__PURE__ */ openLiterals(KnownOcrModels, {
  identifier: "OcrModel",
  description: "An OCR model id, e.g. glm-ocr"
})

/**
 * An OCR model id: `KnownOcrModel | (string & {})`.
 *
 * @since 0.1.0
 */
export type OcrModel = typeof OcrModel.Type
