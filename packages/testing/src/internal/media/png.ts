/**
 * A minimal, valid PNG encoder (8-bit RGB, no interlace): signature, IHDR, one zlib-compressed IDAT, IEND,
 * each chunk with its CRC-32. Enough for the simulator to serve real images derived from a prompt.
 * @internal
 */
import { deflateSync } from "node:zlib"

const crcTable: ReadonlyArray<number> = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

/** CRC-32 (ISO 3309, as PNG uses it) of some bytes. */
export const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const u32 = (n: number): Uint8Array => {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, n >>> 0)
  return out
}

const concat = (parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

const chunk = (type: string, data: Uint8Array): Uint8Array => {
  const typed = concat([new TextEncoder().encode(type), data])
  return concat([u32(data.length), typed, u32(crc32(typed))])
}

/** The 8-byte PNG signature. */
export const signature = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** An RGB colour, each channel 0–255. */
export type Rgb = readonly [number, number, number]

/** Encodes a `width` × `height` RGB image whose pixels come from `pixel(x, y)`. */
export const encode = (width: number, height: number, pixel: (x: number, y: number) => Rgb): Uint8Array => {
  const stride = width * 3 + 1
  const raw = new Uint8Array(stride * height)
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0 // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y)
      const at = y * stride + 1 + x * 3
      raw[at] = r
      raw[at + 1] = g
      raw[at + 2] = b
    }
  }
  const header = new Uint8Array(13)
  const view = new DataView(header.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: RGB
  header[10] = 0 // compression
  header[11] = 0 // filter method
  header[12] = 0 // no interlace
  return concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", new Uint8Array(deflateSync(raw))),
    chunk("IEND", new Uint8Array(0))
  ])
}

/** Joins byte arrays. */
export const join = concat
