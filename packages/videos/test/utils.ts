/**
 * Test layers: the simulator with a `ZaiClient` aimed at it (no retries) and the `Videos` service on top; a `ZaiClient`
 * on an in-memory `HttpClient` answering a hand-written body (lenient decoding); PNG checks.
 */
import { Exits, type Faults, MediaChecks, RecordingClient, type Simulator, TestLayers } from "@zai-kit/testing"
import type { ZaiClient } from "@zai-kit/transport"
import { Layer } from "effect"
import { Videos } from "../src/Videos.js"

/** The simulator, a `ZaiClient` on it, and `Videos`. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<Videos | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> =>
  TestLayers.layerService(Videos.layer, { simulator: options })

/** A request seen by the in-memory client. */
export type Seen = RecordingClient.Recorded

/** `Videos` on a client that answers every request with `body` (status 200, JSON). */
export const fixedLayer = (body: string, seen: Array<Seen> = []): Layer.Layer<Videos> =>
  Videos.layer.pipe(Layer.provide(RecordingClient.layer(body, { seen, client: { apiKey: "test-key-123456" } })))

/** The typed failure of an exit (throws when it succeeded or died). */
export const failureOf = Exits.failureOf

/** What a PNG check found. */
export type PngInfo = MediaChecks.PngInfo

/** Checks a PNG (signature, chunk CRCs, IHDR, inflated IDAT size); see `MediaChecks.checkPng`. */
export const checkPng = MediaChecks.checkPng

/** The business code of an error, when it has one. */
export const codeOf = (error: { readonly _tag: string }): string | undefined =>
  "code" in error && typeof error.code === "string" ? error.code : undefined


/** An ISO BMFF box: type, payload offsets, children (for container boxes). */
export interface Box {
  readonly type: string
  readonly start: number
  readonly end: number
  /** Where the payload starts (after the 8-byte header). */
  readonly payload: number
}

const containers = new Set(["moov", "trak", "mdia", "minf", "dinf", "stbl"])

/** Every box of an MP4, depth first, with its path (`moov/trak/mdia/...`). */
export const boxes = (bytes: Uint8Array, from = 0, to = bytes.length, prefix = ""): ReadonlyArray<Box & { readonly path: string }> => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out: Array<Box & { readonly path: string }> = []
  let offset = from
  while (offset + 8 <= to) {
    const size = view.getUint32(offset)
    const type = new TextDecoder().decode(bytes.subarray(offset + 4, offset + 8))
    if (size < 8 || offset + size > to) throw new Error(`bad box ${type} of size ${size} at ${offset}`)
    const path = prefix === "" ? type : `${prefix}/${type}`
    out.push({ type, start: offset, end: offset + size, payload: offset + 8, path })
    if (containers.has(type)) out.push(...boxes(bytes, offset + 8, offset + size, path))
    if (type === "stsd") out.push(...boxes(bytes, offset + 16, offset + size, path))
    if (type === "avc1") out.push(...boxes(bytes, offset + 8 + 78, offset + size, path))
    offset += size
  }
  if (offset !== to) throw new Error(`trailing bytes after the last box under ${prefix || "the file"}`)
  return out
}

/** Checks an MP4 structurally: box tree, sample table against `mdat`, H.264 samples. Returns what it found. */
export const checkMp4 = (bytes: Uint8Array) => {
  const all = boxes(bytes)
  const find = (path: string) => {
    const box = all.find((b) => b.path === path)
    if (box === undefined) throw new Error(`missing box ${path}`)
    return box
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const ftyp = find("ftyp")
  const brand = new TextDecoder().decode(bytes.subarray(ftyp.payload, ftyp.payload + 4))
  const avc1 = find("moov/trak/mdia/minf/stbl/stsd/avc1")
  const width = view.getUint16(avc1.payload + 24)
  const height = view.getUint16(avc1.payload + 26)
  const avcC = find("moov/trak/mdia/minf/stbl/stsd/avc1/avcC")
  const profile = bytes[avcC.payload + 1]
  const stsz = find("moov/trak/mdia/minf/stbl/stsz")
  const count = view.getUint32(stsz.payload + 8)
  const sizes = Array.from({ length: count }, (_, i) => view.getUint32(stsz.payload + 12 + 4 * i))
  const stco = find("moov/trak/mdia/minf/stbl/stco")
  const chunkOffset = view.getUint32(stco.payload + 8)
  const mdat = find("mdat")
  if (chunkOffset !== mdat.payload) throw new Error(`chunk offset ${chunkOffset} is not the mdat payload ${mdat.payload}`)
  if (sizes.reduce((a, b) => a + b, 0) !== mdat.end - mdat.payload) throw new Error("sample sizes do not fill mdat")
  const nalTypes: Array<number> = []
  let at = mdat.payload
  for (const size of sizes) {
    const length = view.getUint32(at)
    if (length + 4 !== size) throw new Error(`sample NAL length ${length} does not match its size ${size}`)
    nalTypes.push((bytes[at + 4] ?? 0) & 0x1f)
    at += size
  }
  const mvhd = find("moov/mvhd")
  const timescale = view.getUint32(mvhd.payload + 12)
  const duration = view.getUint32(mvhd.payload + 16)
  return {
    brand,
    topLevel: all.filter((b) => !b.path.includes("/")).map((b) => b.type),
    width,
    height,
    profile,
    frames: count,
    nalTypes,
    seconds: duration / timescale
  }
}
