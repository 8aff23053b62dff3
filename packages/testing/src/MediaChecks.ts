/**
 * Structural checks of media files for tests, written independently of the simulator's encoders.
 *
 * @since 0.1.0
 */
import { crc32, inflateSync } from "node:zlib"

/**
 * What a PNG check found: its size and its chunk types, in order.
 *
 * @since 0.1.0
 */
export interface PngInfo {
  readonly width: number
  readonly height: number
  readonly chunks: ReadonlyArray<string>
}

/**
 * Checks an 8-bit RGB PNG independently of the simulator's encoder: the signature, every chunk's CRC, the `IHDR` size
 * and the inflated `IDAT` data against it. Throws naming the first problem.
 *
 * @since 0.1.0
 */
export const checkPng = (bytes: Uint8Array): PngInfo => {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (!signature.every((b, i) => bytes[i] === b)) throw new Error("not a PNG signature")
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const chunks: Array<string> = []
  const idat: Array<Uint8Array> = []
  let width = 0
  let height = 0
  let offset = 8
  while (offset < bytes.length) {
    const length = view.getUint32(offset)
    const type = new TextDecoder().decode(bytes.subarray(offset + 4, offset + 8))
    const data = bytes.subarray(offset + 8, offset + 8 + length)
    const crc = view.getUint32(offset + 8 + length)
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== crc) throw new Error(`bad CRC in ${type}`)
    if (type === "IHDR") {
      width = view.getUint32(offset + 8)
      height = view.getUint32(offset + 12)
    }
    if (type === "IDAT") idat.push(data)
    chunks.push(type)
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  if (raw.length !== (width * 3 + 1) * height) throw new Error(`image data of ${raw.length} bytes for ${width}x${height}`)
  return { width, height, chunks }
}
