/**
 * `@zai-kit/embeddings`: text embeddings for Z.ai (`embedding-3`, `embedding-2`) on `ZaiClient`: one text or a
 * batch, chosen dimensions, float or base64 vectors, plus pure similarity helpers.
 *
 * @since 0.1.0
 */

/**
 * The `Embeddings` service (`create`, `embed`, `embedMany`) and its layer.
 *
 * @since 0.1.0
 */
export * as Embeddings from "./Embeddings.js"

/**
 * Pure vector helpers: `dot`, `norm`, `cosine`, `rank`.
 *
 * @since 0.1.0
 */
export * as Similarity from "./Similarity.js"
