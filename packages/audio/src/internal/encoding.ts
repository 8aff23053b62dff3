/**
 * Base64 and hex decoding of streamed audio chunks, without exceptions and without platform APIs.
 * @internal
 */

const base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
const base64Values = new Int16Array(128).fill(-1)
for (let i = 0; i < base64Alphabet.length; i++) base64Values[base64Alphabet.charCodeAt(i)] = i
// the URL-safe alphabet decodes too
base64Values["-".charCodeAt(0)] = 62
base64Values["_".charCodeAt(0)] = 63

/** Decodes base64 (standard or URL-safe, padding optional, whitespace ignored); `undefined` when invalid. */
export const decodeBase64 = (text: string): Uint8Array | undefined => {
  const clean = text.replace(/\s+/g, "").replace(/=+$/, "")
  if (clean.length % 4 === 1) return undefined
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4))
  let buffer = 0
  let bits = 0
  let at = 0
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i)
    const value = code < 128 ? (base64Values[code] ?? -1) : -1
    if (value === -1) return undefined
    buffer = ((buffer << 6) | value) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[at++] = (buffer >> bits) & 0xff
    }
  }
  return out
}

/** Decodes hex (either case, whitespace ignored); `undefined` when invalid. */
export const decodeHex = (text: string): Uint8Array | undefined => {
  const clean = text.replace(/\s+/g, "")
  if (clean.length % 2 === 1 || !/^[0-9a-fA-F]*$/.test(clean)) return undefined
  const out = new Uint8Array(clean.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16)
  return out
}
