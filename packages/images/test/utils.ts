/**
 * Test layers: the simulator with a `ZaiClient` aimed at it (no retries) and the `Images` service on top; a `ZaiClient`
 * on an in-memory `HttpClient` answering a hand-written body (lenient decoding); PNG checks.
 */
import { Exits, type Faults, MediaChecks, RecordingClient, type Simulator, TestLayers } from "@zai-kit/testing"
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

/** What a PNG check found. */
export type PngInfo = MediaChecks.PngInfo

/** Checks a PNG (signature, chunk CRCs, IHDR, inflated IDAT size); see `MediaChecks.checkPng`. */
export const checkPng = MediaChecks.checkPng

/** The business code of an error, when it has one. */
export const codeOf = (error: { readonly _tag: string }): string | undefined =>
  "code" in error && typeof error.code === "string" ? error.code : undefined
