/** Canonical JSON: object keys sorted, so equal values give equal strings whatever their key order. */
export const stableJson = (value: unknown): string => {
  const seen = new WeakSet<object>()
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== "object") {
      return typeof v === "bigint" ? `${v}n` : v
    }
    if (seen.has(v)) return "[Circular]"
    seen.add(v)
    if (Array.isArray(v)) return v.map(walk)
    if (v instanceof Date) return v.toISOString()
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(v).sort()) {
      out[key] = walk((v as Record<string, unknown>)[key])
    }
    return out
  }
  return JSON.stringify(walk(value)) ?? "undefined"
}

/** FNV-1a 64-bit hash of a string, as 16 hex digits (stable across processes and platforms). */
export const hash64 = (text: string): string => {
  let h = 0xcbf29ce484222325n
  const prime = 0x100000001b3n
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i))
    h = (h * prime) & 0xffffffffffffffffn
  }
  return h.toString(16).padStart(16, "0")
}
