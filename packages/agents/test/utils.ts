/**
 * Test layers: the simulator with a `ZaiClient` aimed at it (no retries) and the `Agents` and `Assistant` services on
 * top; and the services on an in-memory `HttpClient` that answers hand-written bodies (lenient-decoding tests).
 */
import { Exits, type Faults, RecordingClient, type Simulator, TestLayers } from "@zai-kit/testing"
import { type ZaiClient, type ZaiConfig, ZaiError } from "@zai-kit/transport"
import { type Exit, Layer } from "effect"
import { Agents } from "../src/Agents.js"
import { Assistant } from "../src/Assistant.js"

/** The simulator, a `ZaiClient` on it (retries off, so a fault surfaces at once), `Agents` and `Assistant`. */
export const layer = (
  options: Simulator.Options = {},
  client: Partial<ZaiConfig.Options> = {}
): Layer.Layer<Agents | Assistant | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> =>
  TestLayers.layerService(Layer.mergeAll(Agents.layer, Assistant.layer), { simulator: options, client })

/** A request seen by the in-memory client. */
export type Seen = RecordingClient.Recorded

/** `Agents` and `Assistant` on a client that answers each request with `answer(url)` (a string: status 200, JSON). */
export const fixedLayer = (
  answer: (url: string) => string | Response,
  seen: Array<Seen> = [],
  options: Partial<ZaiConfig.Options> = {}
): Layer.Layer<Agents | Assistant> =>
  Layer.mergeAll(Agents.layer, Assistant.layer).pipe(
    Layer.provide(RecordingClient.layer((request) => answer(request.url), { seen, client: { apiKey: "test-key-123456", ...options } }))
  )

/** The typed failure of an exit (throws when it succeeded or died). */
export const failureOf = Exits.failureOf

/** The typed failure of an exit, which must be a `ZaiError` (throws otherwise). */
export const zaiFailureOf = <A, E>(exit: Exit.Exit<A, E>): ZaiError.ZaiError => {
  const error = failureOf(exit)
  if (!ZaiError.isZaiError(error)) throw new Error(`expected a ZaiError, got ${String(error)}`)
  return error
}

/** The value of a successful exit (throws on failure). */
export const successOf = Exits.successOf

/** The `stream` field of a recorded JSON body. */
export const streamFlag = (body: unknown): unknown =>
  typeof body === "object" && body !== null && "stream" in body ? body.stream : undefined

/** A tiny PDF reader for tests: checks the cross-reference table against the bytes and returns what it found. */
export const readPdf = (bytes: Uint8Array) => {
  const text = Array.from(bytes, (b) => String.fromCharCode(b)).join("")
  const startxref = /startxref\n(\d+)\n%%EOF\n?$/.exec(text)
  if (startxref === null) throw new Error("no startxref")
  const xrefAt = Number(startxref[1])
  if (!text.startsWith("xref\n", xrefAt)) throw new Error(`startxref ${xrefAt} does not point at xref`)
  const header = /^xref\n0 (\d+)\n/.exec(text.slice(xrefAt))
  if (header === null) throw new Error("bad xref header")
  const count = Number(header[1])
  const entries = text.slice(xrefAt + header[0].length, xrefAt + header[0].length + 20 * count)
  const objects: Array<string> = []
  for (let i = 0; i < count; i++) {
    const entry = entries.slice(20 * i, 20 * (i + 1))
    if (!/^\d{10} \d{5} [nf] \n$/.test(entry)) throw new Error(`bad xref entry ${i}: ${JSON.stringify(entry)}`)
    if (i === 0) continue
    const offset = Number(entry.slice(0, 10))
    if (!text.startsWith(`${i} 0 obj\n`, offset)) throw new Error(`xref entry ${i} (offset ${offset}) does not point at "${i} 0 obj"`)
    const end = text.indexOf("\nendobj\n", offset)
    objects.push(text.slice(offset, end))
  }
  const streams = objects.flatMap((object) => {
    const match = /<< \/Length (\d+) >>\nstream\n/.exec(object)
    if (match === null) return []
    const start = (match.index ?? 0) + match[0].length
    const content = object.slice(start, object.lastIndexOf("endstream"))
    if (content.length !== Number(match[1])) throw new Error(`stream /Length ${match[1]} but ${content.length} bytes`)
    return [content]
  })
  const pages = objects.filter((object) => object.includes("/Type /Page ")).length
  const trailer = /trailer\n<< \/Size (\d+) \/Root 1 0 R/.exec(text)
  if (trailer === null || Number(trailer[1]) !== count) throw new Error("trailer /Size does not match the xref")
  return { header: text.slice(0, 8), objects: count - 1, pages, streams }
}
