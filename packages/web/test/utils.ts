/**
 * Test layers: the simulator and a `ZaiClient` aimed at it (retries off), with `Web` on top; and a `Web` on a canned
 * HTTP answer, for hand-written bodies.
 */
import { Exits, type Faults, RecordingClient, type Simulator, TestLayers } from "@zai-kit/testing"
import type { ZaiClient } from "@zai-kit/transport"
import { Layer } from "effect"
import { Web } from "../src/Web.js"

/** The simulator, a `ZaiClient` on it (retries off, so a fault surfaces at once), and `Web`. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<Web | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> =>
  TestLayers.layerService(Web.layer, { simulator: options })

/** `Web` on an HTTP client that answers every request with `body`; `seen` collects the requests. */
export const canned = (body: string, contentType = "application/json") => {
  const seen: Array<RecordingClient.Recorded> = []
  const live = Web.layer.pipe(Layer.provide(RecordingClient.layer({ body, headers: { "content-type": contentType } }, { seen })))
  return { layer: live, seen }
}

/** The typed failure of an exit (throws when it succeeded or died). */
export const failureOf = Exits.failureOf
