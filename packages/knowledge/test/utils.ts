/**
 * Test layers and helpers: the simulator, a `ZaiClient` aimed at it (no retries), the `Knowledge` service on top,
 * and a `ZaiClient` on an in-memory `HttpClient` answering a hand-written body.
 */
import { Exits, type Faults, RecordingClient, type Simulator, TestLayers } from "@zai-kit/testing"
import { ZaiClient, type ZaiError } from "@zai-kit/transport"
import { type Duration, Effect, type Fiber, Layer, Schema } from "effect"
import { Knowledge } from "../src/Knowledge.js"

/** The simulator, a `ZaiClient` pointed at it (no retries), and `Knowledge`. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<Knowledge | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> =>
  TestLayers.layerService(Knowledge.layer, { simulator: options })

/** A request seen by the in-memory client. */
export type Seen = RecordingClient.Recorded

/** `Knowledge` on a `ZaiClient` whose HTTP client answers every request with `body` (status 200). */
export const withBody = (body: string) => {
  const seen: Array<Seen> = []
  const layer = Knowledge.layer.pipe(Layer.provide(RecordingClient.layer(body, { seen, client: { apiKey: "sk-test" } })))
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

/** Seeds a document into a knowledge base through the simulator-only `POST /knowledge/{id}/documents`. */
export const seedDocument = (
  knowledgeId: string,
  document: { readonly name: string; readonly text?: string; readonly knowledge_type?: number },
  options: { readonly fail?: boolean } = {}
): Effect.Effect<{ readonly id: string }, ZaiError.ZaiError, ZaiClient.ZaiClient> =>
  Effect.flatMap(ZaiClient.ZaiClient, (client) =>
    client.json(
      {
        method: "POST",
        path: `/knowledge/${encodeURIComponent(knowledgeId)}/documents`,
        operation: "test.seed_document",
        body: { _tag: "Json", value: document },
        ...(options.fail === true ? { options: { headers: { "x-zai-sim-fault": "task-failed" } } } : {})
      },
      Schema.Struct({ id: Schema.String })
    ))
