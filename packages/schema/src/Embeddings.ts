/**
 * `POST /embeddings`: the strict request schema (`EmbeddingRequest`, checked by `validateEmbeddingRequest`) and the
 * lenient response (`EmbeddingResponse`): unknown fields are kept, `null` is accepted.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { RequestId, SensitiveWordCheck } from "./ChatCompletions.js"
import { Usage } from "./ChatResponses.js"
import { makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"
import { EmbeddingModel } from "./Models.js"

const Text = Schema.String.check(Schema.isNonEmpty({ expected: "a non-empty string" }))

/**
 * What to embed: one text, or a batch of texts (at least one; each non-empty). Each item of a batch gets its own
 * vector, in `data[index]`.
 *
 * @since 0.1.0
 */
export const EmbeddingInput = Schema.Union([
  Text,
  Schema.Array(Text).check(Schema.isMinLength(1, { expected: "at least one text" }))
]).annotate({ identifier: "EmbeddingInput", expected: "a string or an array of strings" })

/**
 * One text or a batch of texts.
 *
 * @since 0.1.0
 */
export type EmbeddingInput = typeof EmbeddingInput.Type

/**
 * How vectors are sent back: `float` (arrays of numbers, the default) or `base64` (little-endian float32 bytes,
 * base64-encoded; see `decodeBase64Embedding`).
 *
 * @since 0.1.0
 */
export const EncodingFormat = Schema.Literals(["float", "base64"]).annotate({ identifier: "EncodingFormat" })

/**
 * `float` or `base64`.
 *
 * @since 0.1.0
 */
export type EncodingFormat = typeof EncodingFormat.Type

/**
 * The body of `POST /embeddings`: every documented field, strict (see `validateEmbeddingRequest`).
 *
 * @since 0.1.0
 */
export const EmbeddingRequest = Schema.Struct({
  /** `embedding-3` (default 2048 dimensions; 256, 512, 1024 or 2048) or `embedding-2` (1024). */
  model: EmbeddingModel,
  /** One text or a batch of texts. */
  input: EmbeddingInput,
  /** Vector size (`embedding-3` only). */
  dimensions: Schema.optionalKey(
    Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 65_536 }, { expected: "an integer between 1 and 65536" }))
  ),
  /** `float` (default) or `base64`. */
  encoding_format: Schema.optionalKey(EncodingFormat),
  /** An end-user id. */
  user: Schema.optionalKey(Text),
  /** Unique client request id. */
  request_id: Schema.optionalKey(RequestId),
  /** Sensitive-word check options. */
  sensitive_word_check: Schema.optionalKey(SensitiveWordCheck)
}).annotate({ identifier: "EmbeddingRequest" })

/**
 * An embedding request.
 *
 * @since 0.1.0
 */
export type EmbeddingRequest = typeof EmbeddingRequest.Type

/**
 * Validates an `unknown` value as an `EmbeddingRequest`: unknown keys and wrong types fail with `InvalidRequestInput`,
 * e.g. `Invalid EmbeddingRequest: input: expected a string or an array of strings, got 42`.
 *
 * @since 0.1.0
 */
export const validateEmbeddingRequest = makeValidator(EmbeddingRequest, "EmbeddingRequest")

/**
 * One vector of the answer: `{ object: "embedding", index, embedding }`. `embedding` is an array of numbers, or a
 * base64 string when `encoding_format: "base64"` was asked for.
 *
 * @since 0.1.0
 */
export const Embedding = lenient({
  object: maybe(Schema.String),
  index: maybe(Schema.Number),
  embedding: maybe(Schema.Union([Schema.Array(Schema.Number), Schema.String]))
}).annotate({ identifier: "Embedding" })

/**
 * One vector of the answer.
 *
 * @since 0.1.0
 */
export type Embedding = typeof Embedding.Type

/**
 * The answer of `POST /embeddings`: `{ object: "list", model, data: [{ object, index, embedding }], usage }`.
 *
 * @since 0.1.0
 */
export const EmbeddingResponse = lenient({
  id: maybe(Schema.String),
  request_id: maybe(Schema.String),
  object: maybe(Schema.String),
  model: maybe(Schema.String),
  data: maybe(Schema.Array(Embedding)),
  usage: maybe(Usage)
}).annotate({ identifier: "EmbeddingResponse" })

/**
 * An embedding response.
 *
 * @since 0.1.0
 */
export type EmbeddingResponse = typeof EmbeddingResponse.Type

/**
 * Decodes a `base64` embedding (little-endian float32 values) into numbers; `undefined` when the text is not
 * base64 or its length is not a multiple of 4 bytes.
 *
 * @since 0.1.0
 */
export const decodeBase64Embedding = (text: string): ReadonlyArray<number> | undefined => {
  const clean = text.replace(/\s+/g, "")
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return undefined
  const binary = atob(clean)
  if (binary.length % 4 !== 0) return undefined
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  const view = new DataView(bytes.buffer)
  const out: Array<number> = []
  for (let offset = 0; offset < bytes.length; offset += 4) out.push(view.getFloat32(offset, true))
  return out
}

/**
 * The vector of an `Embedding` as numbers, whatever the encoding; `undefined` when absent or undecodable.
 *
 * @since 0.1.0
 */
export const vectorOf = (embedding: Embedding): ReadonlyArray<number> | undefined => {
  const value = embedding.embedding
  if (value === undefined || value === null) return undefined
  return typeof value === "string" ? decodeBase64Embedding(value) : value
}
