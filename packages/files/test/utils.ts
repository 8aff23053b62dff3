/**
 * Test layers and helpers: the simulator with a `ZaiClient` on it (no retries unless asked), `Files`, `Batches`,
 * Node's `FileSystem`; a `ZaiClient` on a hand-written `HttpClient`; multipart parsing of recorded bodies.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { InputValidation } from "@zai-kit/schema"
import { Exits, type Faults, RecordingClient, Simulator, TestLayers } from "@zai-kit/testing"
import type { ZaiClient } from "@zai-kit/transport"
import { type Exit, type FileSystem, Layer } from "effect"
import { Batches } from "../src/Batches.js"
import { Files } from "../src/Files.js"

/** The simulator, a `ZaiClient` on it (undici, Node file system, no retries), `Files`, `Batches` and `FileSystem`. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<
  Files | Batches | ZaiClient.ZaiClient | Simulator.Simulator | FileSystem.FileSystem,
  Simulator.SimulatorError | Faults.InvalidFault
> =>
  TestLayers.layerService(Layer.mergeAll(Files.layer, Batches.layer), { simulator: options, http: "undici" }).pipe(
    Layer.provideMerge(NodeFileSystem.layer)
  )

/** One request seen by the hand-written client. */
export type Seen = RecordingClient.Recorded

/**
 * `Files`, `Batches` and `ZaiClient` on an in-memory `HttpClient` that answers each request with `reply(request, n)`:
 * a hand-written body (unknown fields, nulls, statuses the simulator does not produce).
 */
export const layerReplying = (
  reply: (request: Seen, index: number) => RecordingClient.Reply,
  seen: Array<Seen> = []
): Layer.Layer<Files | Batches | ZaiClient.ZaiClient> =>
  Layer.mergeAll(Files.layer, Batches.layer).pipe(Layer.provideMerge(RecordingClient.layer(reply, { seen })))

/** Parses a recorded multipart body (text parts and files) with the platform's own `FormData` parser. */
export const formOf = Simulator.formData

/** The typed failure of an exit (fails the test when the exit is a success or a defect). */
export const failureOf = Exits.failureOf

/** The `InvalidRequestInput` of an exit (fails the test on any other outcome). */
export const inputFailure = <A, E>(exit: Exit.Exit<A, E>): InputValidation.InvalidRequestInput => {
  const error = failureOf(exit)
  if (!(error instanceof InputValidation.InvalidRequestInput)) throw new Error(`expected InvalidRequestInput, got ${String(error)}`)
  return error
}
