/**
 * Test layers and helpers: the simulator, a `ZaiClient` aimed at it (no retries), the `FineTuning` service on top,
 * and a `ZaiClient` on an in-memory `HttpClient` answering a hand-written body.
 */
import { Exits, type Faults, RecordingClient, type Simulator, TestLayers } from "@zai-kit/testing"
import type { ZaiClient } from "@zai-kit/transport"
import { type Duration, type Fiber, Layer } from "effect"
import { FineTuning } from "../src/FineTuning.js"

/** The simulator, a `ZaiClient` pointed at it (no retries), and `FineTuning`. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<FineTuning | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> =>
  TestLayers.layerService(FineTuning.layer, { simulator: options })

/** A request seen by the in-memory client. */
export type Seen = RecordingClient.Recorded

/** `FineTuning` on a `ZaiClient` whose HTTP client answers every request with `body` (status 200). */
export const withBody = (body: string) => {
  const seen: Array<Seen> = []
  const layer = FineTuning.layer.pipe(Layer.provide(RecordingClient.layer(body, { seen, client: { apiKey: "sk-test" } })))
  return { layer, seen }
}

/**
 * Advances the test clock by `step` per round, letting real I/O (the simulator) run 5 ms in between, until the fiber
 * ends (`TestLayers.drive`; after `maxSteps` rounds the fiber is interrupted).
 */
export const driveClock = <A, E>(fiber: Fiber.Fiber<A, E>, step: Duration.Input = "1 second", maxSteps = 200) =>
  TestLayers.drive(fiber, { step, pauseMs: 5, maxRounds: maxSteps })

/** The typed failure of an exit (throws when it succeeded or died). */
export const failureOf = Exits.failureOf
