/**
 * Test layers: the simulator with a `ZaiClient` aimed at it (no retries) and the `Embeddings` service on top; and a
 * `ZaiClient` on an in-memory `HttpClient` that answers a hand-written body (for lenient-decoding tests).
 */
import { type Faults, type Simulator, TestLayers } from "@zai-kit/testing"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Exit, Layer } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"
import { Embeddings } from "../src/Embeddings.js"

/** The simulator, a `ZaiClient` on it, and `Embeddings`. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<Embeddings | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> =>
  Embeddings.layer.pipe(Layer.provideMerge(TestLayers.layerZaiClient({ simulator: options, client: { maxRetries: 0 } })))

/** A request seen by the in-memory client. */
export interface Seen {
  readonly method: string
  readonly url: string
  readonly body: string
}

/** `Embeddings` on a client that answers every request with `body` (status 200, JSON). */
export const fixedLayer = (body: string, seen: Array<Seen> = []): Layer.Layer<Embeddings> => {
  const client = HttpClient.make((request, url) => {
    seen.push({
      method: request.method,
      url: url.toString(),
      body: request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : ""
    })
    return Effect.succeed(
      HttpClientResponse.fromWeb(request, new Response(body, { status: 200, headers: { "content-type": "application/json" } }))
    )
  })
  return Embeddings.layer.pipe(
    Layer.provide(ZaiClient.layer({ apiKey: "test-key-123456", baseUrl: "http://zai.test/api/paas/v4", maxRetries: 0 })),
    Layer.provide(Layer.succeed(HttpClient.HttpClient, client))
  )
}

/** The typed failure of an exit (throws when it succeeded or died). */
export const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (reason === undefined || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}
