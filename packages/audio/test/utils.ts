/**
 * Test layers: the simulator with a `ZaiClient` aimed at it (undici, no retries, Node file system), the `Audio` and
 * `Voices` services on top; and a `ZaiClient` on a canned HTTP answer, for hand-written response bodies.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { Exits, type Faults, RecordingClient, Simulator, TestLayers } from "@zai-kit/testing"
import type { ZaiClient } from "@zai-kit/transport"
import { type FileSystem, Layer } from "effect"
import { Audio } from "../src/Audio.js"
import { Voices } from "../src/Voices.js"

/** The simulator, a `ZaiClient` on it, `Audio`, `Voices` and Node's `FileSystem`. */
export const layer = (
  simulator: Simulator.Options = {}
): Layer.Layer<
  Audio | Voices | ZaiClient.ZaiClient | Simulator.Simulator | FileSystem.FileSystem,
  Simulator.SimulatorError | Faults.InvalidFault
> =>
  TestLayers.layerService(Layer.mergeAll(Audio.layer, Voices.layer), { simulator, http: "undici" }).pipe(
    Layer.provideMerge(NodeFileSystem.layer)
  )

/** A canned HTTP answer. */
export interface Canned extends RecordingClient.Reply {
  readonly body: string | Uint8Array
}

/** The requests a canned client received. */
export type Sent = Array<RecordingClient.Recorded>

/** A `ZaiClient` whose every call gets `answer`; the requests are pushed to `sent`. */
export const cannedClient = (answer: Canned, sent: Sent = []): Layer.Layer<ZaiClient.ZaiClient> =>
  RecordingClient.layer(answer, { seen: sent, client: { baseUrl: "https://api.test/api/paas/v4" } })

/** The typed failure of an exit (throws when the exit succeeded or died). */
export const failureOf = Exits.failureOf

/** Parses a recorded multipart body (text fields exact; file parts by name and type). */
export const formOf = Simulator.formData
