/**
 * Pure vector helpers for embeddings: dot product, norm, cosine similarity, and ranking by similarity.
 *
 * @since 0.1.0
 */

/**
 * The dot product of two vectors (over the shorter length).
 *
 * @since 0.1.0
 */
export const dot = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): number => {
  let sum = 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) sum += (a[i] ?? 0) * (b[i] ?? 0)
  return sum
}

/**
 * The Euclidean length of a vector.
 *
 * @since 0.1.0
 */
export const norm = (a: ReadonlyArray<number>): number => Math.sqrt(dot(a, a))

/**
 * Cosine similarity in [-1, 1] (0 when either vector is all zeros). Z.ai vectors are unit length, so this equals
 * their dot product.
 *
 * @since 0.1.0
 */
export const cosine = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): number => {
  const denominator = norm(a) * norm(b)
  return denominator === 0 ? 0 : dot(a, b) / denominator
}

/**
 * Items ranked by the cosine similarity of their vector to `query`, most similar first.
 *
 * @since 0.1.0
 */
export const rank = <A>(
  query: ReadonlyArray<number>,
  items: ReadonlyArray<{ readonly item: A; readonly vector: ReadonlyArray<number> }>
): ReadonlyArray<{ readonly item: A; readonly score: number }> =>
  items.map(({ item, vector }) => ({ item, score: cosine(query, vector) })).sort((x, y) => y.score - x.score)
