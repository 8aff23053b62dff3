/**
 * Test layers: the simulator and a `ZaiClient` aimed at it (`TestLayers.layerService`, no retries), with `Chat` on top.
 */
import { type Faults, type Simulator, TestLayers } from "@zai-kit/testing"
import type { ZaiClient } from "@zai-kit/transport"
import type { Duration, Fiber, Layer } from "effect"
import { Chat } from "../src/Chat.js"

/** The simulator, a `ZaiClient` on it (retries off, so a fault surfaces at once), and `Chat`. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<Chat | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> =>
  TestLayers.layerService(Chat.layer, { simulator: options })

/**
 * Advances the test clock by `step` per round, letting real I/O (the simulator) run 5 ms in between, until the fiber
 * ends (`TestLayers.drive`; after `maxSteps` rounds the fiber is interrupted).
 */
export const driveClock = <A, E>(fiber: Fiber.Fiber<A, E>, step: Duration.Input = "1 second", maxSteps = 200) =>
  TestLayers.drive(fiber, { step, pauseMs: 5, maxRounds: maxSteps })
