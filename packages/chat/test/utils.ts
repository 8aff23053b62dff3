/**
 * Test layers: the simulator and a `ZaiClient` aimed at it (`TestLayers.layerZaiClient`, no retries), with `Chat` on top.
 */
import { type Faults, type Simulator, TestLayers } from "@zai-kit/testing"
import type { ZaiClient } from "@zai-kit/transport"
import { type Duration, Effect, Exit, type Fiber, Layer } from "effect"
import { TestClock } from "effect/testing"
import { Chat } from "../src/Chat.js"

/** The simulator, a `ZaiClient` on it (retries off, so a fault surfaces at once), and `Chat`. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<Chat | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> =>
  Chat.layer.pipe(Layer.provideMerge(TestLayers.layerZaiClient({ simulator: options, client: { maxRetries: 0 } })))

/** Advances the test clock in steps, letting real I/O (the simulator) run in between, until the fiber ends. */
export const driveClock = <A, E>(fiber: Fiber.Fiber<A, E>, step: Duration.Input = "1 second", maxSteps = 200) =>
  Effect.gen(function*() {
    for (let i = 0; i < maxSteps && fiber.pollUnsafe() === undefined; i++) {
      yield* TestClock.withLive(Effect.sleep("5 millis"))
      yield* TestClock.adjust(step)
    }
    const exit = fiber.pollUnsafe()
    return exit === undefined ? Exit.die(new Error("fiber still running")) : exit
  })
