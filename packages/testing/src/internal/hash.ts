/**
 * Deterministic hashing and pseudo-random numbers for the simulator: the same request always gives the same answer.
 * @internal
 */

/** 32-bit FNV-1a hash of a string. */
export const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** 8 hex digits of a 32-bit number. */
export const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, "0")

/** A 64-bit-looking hex digest made of two FNV-1a passes (enough for ids, not for security). */
export const digest = (text: string): string => hex(fnv1a(text)) + hex(fnv1a(`${text}\u0000salt`))

/** JSON with object keys sorted, so that key order in a request does not change its hash. */
export const stableStringify = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`
  }
  return JSON.stringify(value) ?? "null"
}

/** A small seeded pseudo-random generator (mulberry32). */
export interface Rng {
  /** A float in [0, 1). */
  readonly next: () => number
  /** An integer in [0, max). */
  readonly int: (max: number) => number
  /** One element of a non-empty array. */
  readonly pick: <A>(items: ReadonlyArray<A>) => A
}

/** Builds a generator from a 32-bit seed. */
export const rng = (seed: number): Rng => {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (max: number) => Math.floor(next() * max)
  return { next, int, pick: (items) => items[int(items.length)] }
}
