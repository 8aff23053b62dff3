/**
 * Test layers: the simulator, a `ZaiClient` aimed at it (no retries), and the `Chat` service on top.
 */
import { type Faults, Simulator } from "@zai-kit/testing"
import { ZaiClient } from "@zai-kit/transport"
import { type Duration, Effect, Exit, type Fiber, Layer } from "effect"
import { FetchHttpClient } from "effect/http"
import { TestClock } from "effect/testing"
import { Chat } from "../src/Chat.js"

/** The simulator plus a `ZaiClient` pointed at it. */
export const layerClient = (
  options: Simulator.Options = {}
): Layer.Layer<ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> =>
  Layer.effect(
    ZaiClient.ZaiClient,
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      return yield* ZaiClient.make({ apiKey: sim.apiKey, baseUrl: sim.url, maxRetries: 0 })
    })
  ).pipe(Layer.provide(FetchHttpClient.layer), Layer.provideMerge(Simulator.layer(options)))

/** The simulator, a `ZaiClient` on it, and `Chat`. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<Chat | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> => Chat.layer.pipe(Layer.provideMerge(layerClient(options)))

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
