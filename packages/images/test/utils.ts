/**
 * Test layers: the simulator with a `ZaiClient` aimed at it (no retries) and the `Images` service on top; a `ZaiClient`
 * on an in-memory `HttpClient` answering a hand-written body (lenient decoding); PNG checks.
 */
import { crc32, inflateSync } from "node:zlib"
import { Exits, type Faults, RecordingClient, type Simulator, TestLayers } from "@zai-kit/testing"
import type { ZaiClient } from "@zai-kit/transport"
import { Layer } from "effect"
import { Images } from "../src/Images.js"

/** The simulator, a `ZaiClient` on it, and `Images`. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<Images | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> =>
  TestLayers.layerService(Images.layer, { simulator: options })

/** A request seen by the in-memory client. */
export type Seen = RecordingClient.Recorded

/** `Images` on a client that answers every request with `body` (status 200, JSON). */
export const fixedLayer = (body: string, seen: Array<Seen> = []): Layer.Layer<Images> =>
  Images.layer.pipe(Layer.provide(RecordingClient.layer(body, { seen, client: { apiKey: "test-key-123456" } })))

/** The typed failure of an exit (throws when it succeeded or died). */
export const failureOf = Exits.failureOf

/** The business code of an error, when it has one. */
export const codeOf = (error: { readonly _tag: string }): string | undefined =>
  "code" in error && typeof error.code === "string" ? error.code : undefined

/** What a PNG check found: its size, and whether every chunk's CRC and the image data are consistent. */
export interface PngInfo {
  readonly width: number
  readonly height: number
  readonly chunks: ReadonlyArray<string>
}

/** Parses a PNG independently of the simulator's encoder: signature, chunk CRCs, IHDR, inflated IDAT size. */
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
