/**
 * Test layers: the simulator with a `ZaiClient` aimed at it (no retries) and the `Embeddings` service on top; and a
 * `ZaiClient` on an in-memory `HttpClient` that answers a hand-written body (for lenient-decoding tests).
 */
import { Exits, type Faults, RecordingClient, type Simulator, TestLayers } from "@zai-kit/testing"
import type { ZaiClient } from "@zai-kit/transport"
import { Layer } from "effect"
import { Embeddings } from "../src/Embeddings.js"

/** The simulator, a `ZaiClient` on it, and `Embeddings`. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<Embeddings | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> =>
  TestLayers.layerService(Embeddings.layer, { simulator: options })

/** A request seen by the in-memory client. */
export type Seen = RecordingClient.Recorded

/** `Embeddings` on a client that answers every request with `body` (status 200, JSON). */
export const fixedLayer = (body: string, seen: Array<Seen> = []): Layer.Layer<Embeddings> =>
  Embeddings.layer.pipe(Layer.provide(RecordingClient.layer(body, { seen, client: { apiKey: "test-key-123456" } })))

/** The typed failure of an exit (throws when it succeeded or died). */
export const failureOf = Exits.failureOf
