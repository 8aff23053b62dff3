/**
 * Test layers and helpers: the simulator, a `ZaiClient` aimed at it (no retries), the `Knowledge` service on top,
 * and a `ZaiClient` on an in-memory `HttpClient` answering a hand-written body.
 */
import { type Faults, Simulator } from "@zai-kit/testing"
import { ZaiClient, type ZaiError } from "@zai-kit/transport"
import { type Duration, Effect, Exit, type Fiber, Layer, Schema } from "effect"
import { FetchHttpClient, HttpClient, HttpClientResponse } from "effect/http"
import { TestClock } from "effect/testing"
import { Knowledge } from "../src/Knowledge.js"

/** The simulator, a `ZaiClient` pointed at it, and `Knowledge`. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<Knowledge | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> => {
  const client = Layer.effect(
    ZaiClient.ZaiClient,
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      return yield* ZaiClient.make({ apiKey: sim.apiKey, baseUrl: sim.url, maxRetries: 0 })
    })
  ).pipe(Layer.provide(FetchHttpClient.layer), Layer.provideMerge(Simulator.layer(options)))
  return Knowledge.layer.pipe(Layer.provideMerge(client))
}

/** A request seen by the in-memory client. */
export interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

/** `Knowledge` on a `ZaiClient` whose HTTP client answers every request with `body` (status 200). */
export const withBody = (body: string) => {
  const seen: Array<Seen> = []
  const http = HttpClient.make((request, url) => {
    seen.push({
      method: request.method,
      url: url.toString(),
      headers: { ...request.headers },
      body: request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : undefined
    })
    return Effect.succeed(
      HttpClientResponse.fromWeb(request, new Response(body, { status: 200, headers: { "content-type": "application/json" } }))
    )
  })
  const layer = Knowledge.layer.pipe(
    Layer.provide(ZaiClient.layer({ apiKey: "sk-test", baseUrl: "http://zai.test/api/paas/v4", maxRetries: 0 })),
    Layer.provide(Layer.succeed(HttpClient.HttpClient, http))
  )
  return { layer, seen }
}

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

/** The typed failure of an exit (throws when it succeeded or died). */
export const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (reason === undefined || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

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
