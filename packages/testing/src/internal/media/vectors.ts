/**
 * Deterministic embedding vectors: a random projection of the bag of words. Each word (lower-cased; long non-Latin
 * words also as character bigrams) adds its own dense pseudo-random vector (seeded by the word's hash), and the sum
 * is scaled to unit length. The same text always gives the same vector, and texts sharing words are closer (higher
 * cosine similarity) than unrelated ones, whose vectors are nearly orthogonal.
 * @internal
 */
import { fnv1a, rng } from "../hash.js"
import * as Text from "../text.js"

const terms = (text: string): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const word of Text.words(text.toLowerCase())) {
    out.push(word)
    const chars = [...word]
    if (chars.length > 2 && chars.some((c) => c.charCodeAt(0) > 0x2e7f)) {
      for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`)
    }
  }
  return out.length > 0 ? out : [`\u0000${text}`]
}

/** The unit vector of a text (float32 precision), in `dimensions` dimensions. */
export const embed = (text: string, dimensions: number, seed: string): ReadonlyArray<number> => {
  const v = new Float64Array(dimensions)
  for (const term of terms(text)) {
    const weight = term.length <= 2 ? 0.5 : 1
    const random = rng(fnv1a(`${seed}\u0000${term}`))
    for (let i = 0; i < dimensions; i++) v[i] = (v[i] ?? 0) + weight * (random.next() * 2 - 1)
  }
  let norm = 0
  for (const x of v) norm += x * x
  const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm)
  return Array.from(v, (x) => Math.fround(x * scale))
}

/** Little-endian float32 bytes, base64-encoded (`encoding_format: "base64"`). */
export const toBase64 = (vector: ReadonlyArray<number>): string => {
  const bytes = new Uint8Array(vector.length * 4)
  const view = new DataView(bytes.buffer)
  vector.forEach((x, i) => {
    view.setFloat32(i * 4, x, true)
  })
  return Buffer.from(bytes).toString("base64")
}
