/**
 * Test layers: the simulator with a `ZaiClient` aimed at it (no retries) and the `Images` service on top; a `ZaiClient`
 * on an in-memory `HttpClient` answering a hand-written body (lenient decoding); PNG checks.
 */
import { crc32, inflateSync } from "node:zlib"
import { type Faults, type Simulator, TestLayers } from "@zai-kit/testing"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Exit, Layer } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"
import { Images } from "../src/Images.js"

/** The simulator, a `ZaiClient` on it, and `Images`. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<Images | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> =>
  Images.layer.pipe(Layer.provideMerge(TestLayers.layerZaiClient({ simulator: options, client: { maxRetries: 0 } })))

/** A request seen by the in-memory client. */
export interface Seen {
  readonly method: string
  readonly url: string
  readonly body: string
}

/** `Images` on a client that answers every request with `body` (status 200, JSON). */
export const fixedLayer = (body: string, seen: Array<Seen> = []): Layer.Layer<Images> => {
  const client = HttpClient.make((request, url) => {
    seen.push({
      method: request.method,
      url: url.toString(),
      body: request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : ""
    })
    return Effect.succeed(
      HttpClientResponse.fromWeb(request, new Response(body, { status: 200, headers: { "content-type": "application/json" } }))
    )
  })
  return Images.layer.pipe(
    Layer.provide(ZaiClient.layer({ apiKey: "test-key-123456", baseUrl: "http://zai.test/api/paas/v4", maxRetries: 0 })),
    Layer.provide(Layer.succeed(HttpClient.HttpClient, client))
  )
}

/** The typed failure of an exit (throws when it succeeded or died). */
export const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (reason === undefined || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

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
