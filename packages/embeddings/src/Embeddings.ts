/**
 * The `Embeddings` service: `POST /embeddings` over `ZaiClient`, as the raw call (`create`) and as conveniences that
 * return plain vectors (`embed`, `embedMany`, which splits large batches into requests of at most 64 texts and keeps
 * the input order).
 *
 * Every request is validated first (strictly, with errors that name the field: `InvalidRequestInput`), so a bad
 * request fails before anything is sent.
 *
 * ```ts
 * const vector = yield* Embeddings.use((e) => e.embed("The quick brown fox"))
 * ```
 *
 * @since 0.1.0
 */
import { Embeddings as Wire, InputValidation, type Models } from "@zai-kit/schema"
import { type RequestOptions, ZaiClient, ZaiError } from "@zai-kit/transport"
import { Context, Effect, Layer } from "effect"

/**
 * Everything an embeddings call can fail with: a rejected input (before the wire) or a `ZaiError`.
 *
 * @since 0.1.0
 */
export type EmbeddingsError = InputValidation.InvalidRequestInput | ZaiError.ZaiError

/**
 * The model `embed` and `embedMany` use when none is given.
 *
 * @since 0.1.0
 */
export const defaultModel: Models.EmbeddingModel = "embedding-3"

/**
 * The most texts one `POST /embeddings` takes; `embedMany` splits larger inputs.
 *
 * @since 0.1.0
 */
export const maxBatchSize = 64

/**
 * Options of `embed` and `embedMany`.
 *
 * @since 0.1.0
 */
export interface EmbedOptions {
  /** The model (default `embedding-3`). */
  readonly model?: Models.EmbeddingModel | undefined
  /** Vector size (`embedding-3`: 256, 512, 1024 or 2048; default 2048). */
  readonly dimensions?: number | undefined
  /** Texts per request for `embedMany` (1–64, default 64). */
  readonly batchSize?: number | undefined
  /** Requests in flight at once for `embedMany` (default 1). */
  readonly concurrency?: number | undefined
  /** Per-call overrides applied to every request. */
  readonly requestOptions?: RequestOptions.RequestOptions | undefined
}

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** `POST /embeddings`: validates, sends, decodes the `EmbeddingResponse` (vectors, model, usage). */
  readonly create: (
    request: Wire.EmbeddingRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Wire.EmbeddingResponse, EmbeddingsError>
  /** The vector of one text. */
  readonly embed: (text: string, options?: EmbedOptions) => Effect.Effect<ReadonlyArray<number>, EmbeddingsError>
  /** The vectors of many texts, in input order (batched by `batchSize`); no request for an empty list. */
  readonly embedMany: (
    texts: ReadonlyArray<string>,
    options?: EmbedOptions
  ) => Effect.Effect<ReadonlyArray<ReadonlyArray<number>>, EmbeddingsError>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Embeddings extends Context.Service<Embeddings, Service>()("@zai-kit/embeddings/Embeddings") {
  /**
   * The service on the `ZaiClient` of the context.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<Embeddings, never, ZaiClient.ZaiClient> = Layer.effect(
    Embeddings,
    Effect.map(ZaiClient.ZaiClient, (client) => make(client))
  )
}

const invalidOption = (path: string, message: string): InputValidation.InvalidRequestInput => {
  const issues = [{ path, message }]
  return new InputValidation.InvalidRequestInput({
    subject: "EmbedOptions",
    issues,
    message: InputValidation.formatIssues("EmbedOptions", issues)
  })
}

const missingVectors = (text: string): ZaiError.ResponseDecodeError =>
  new ZaiError.ResponseDecodeError({ message: ZaiError.formatMessage({ text, attempts: 1 }), isRetryable: false, attempts: 1 })

/**
 * The vectors of a response in `index` order, as numbers (base64 ones decoded); fails with `ResponseDecodeError`
 * when a vector is missing or undecodable, or when there are not `expected` of them.
 *
 * @since 0.1.0
 */
export const vectors = (
  response: Wire.EmbeddingResponse,
  expected: number
): Effect.Effect<ReadonlyArray<ReadonlyArray<number>>, ZaiError.ResponseDecodeError> => {
  const data = [...(response.data ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
  if (data.length !== expected) {
    return Effect.fail(missingVectors(`Expected ${expected} embedding(s), the response has ${data.length}`))
  }
  const out: Array<ReadonlyArray<number>> = []
  for (const [i, item] of data.entries()) {
    const vector = Wire.vectorOf(item)
    if (vector === undefined) return Effect.fail(missingVectors(`The embedding at index ${item.index ?? i} is missing or not decodable`))
    out.push(vector)
  }
  return Effect.succeed(out)
}

/**
 * Builds the service on a client.
 *
 * @since 0.1.0
 */
export const make = (client: ZaiClient.Service): Service => {
  const create = Effect.fn("Embeddings.create")(function*(
    request: Wire.EmbeddingRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* Wire.validateEmbeddingRequest(request)
    return yield* client.json(
      { method: "POST", path: "/embeddings", operation: "embeddings.create", body: { _tag: "Json", value: valid }, options },
      Wire.EmbeddingResponse
    )
  })

  // one text goes on the wire as a string, several as an array
  const batch = (texts: ReadonlyArray<string>, options: EmbedOptions | undefined) =>
    Effect.flatMap(
      create(
        {
          model: options?.model ?? defaultModel,
          input: texts.length === 1 && texts[0] !== undefined ? texts[0] : texts,
          ...(options?.dimensions !== undefined ? { dimensions: options.dimensions } : {})
        },
        options?.requestOptions
      ),
      (response) => vectors(response, texts.length)
    )

  const embed = Effect.fn("Embeddings.embed")(function*(text: string, options?: EmbedOptions) {
    const [vector] = yield* batch([text], options)
    return vector ?? []
  })

  const embedMany = Effect.fn("Embeddings.embedMany")(function*(texts: ReadonlyArray<string>, options?: EmbedOptions) {
    const size = options?.batchSize ?? maxBatchSize
    if (!Number.isInteger(size) || size < 1 || size > maxBatchSize) {
      return yield* invalidOption("batchSize", `expected an integer between 1 and ${maxBatchSize}, got ${size}`)
    }
    const concurrency = options?.concurrency ?? 1
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      return yield* invalidOption("concurrency", `expected a positive integer, got ${concurrency}`)
    }
    if (texts.length === 0) return []
    const batches: Array<ReadonlyArray<string>> = []
    for (let i = 0; i < texts.length; i += size) batches.push(texts.slice(i, i + size))
    const results = yield* Effect.forEach(batches, (texts) => batch(texts, options), { concurrency })
    return results.flat()
  })

  return Embeddings.of({ create, embed, embedMany })
}
