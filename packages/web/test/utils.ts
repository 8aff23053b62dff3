/**
 * Test layers: the simulator and a `ZaiClient` aimed at it (retries off), with `Web` on top; and a `Web` on a canned
 * HTTP answer, for hand-written bodies.
 */
import { type Faults, type Simulator, TestLayers } from "@zai-kit/testing"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Exit, Layer } from "effect"
import { HttpClient, type HttpClientRequest, HttpClientResponse } from "effect/http"
import { Web } from "../src/Web.js"

/** The simulator, a `ZaiClient` on it (retries off, so a fault surfaces at once), and `Web`. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<Web | ZaiClient.ZaiClient | Simulator.Simulator, Simulator.SimulatorError | Faults.InvalidFault> =>
  Web.layer.pipe(Layer.provideMerge(TestLayers.layerZaiClient({ simulator: options, client: { maxRetries: 0 } })))

/** `Web` on an HTTP client that answers every request with `body`; `seen` collects the requests. */
export const canned = (body: string, contentType = "application/json") => {
  const seen: Array<HttpClientRequest.HttpClientRequest> = []
  const client = HttpClient.make((request) => {
    seen.push(request)
    return Effect.succeed(
      HttpClientResponse.fromWeb(request, new Response(body, { status: 200, headers: { "content-type": contentType } }))
    )
  })
  const live = Web.layer.pipe(
    Layer.provide(ZaiClient.layer({ apiKey: "test-key", baseUrl: "http://zai.test/api/paas/v4", maxRetries: 0 })),
    Layer.provide(Layer.succeed(HttpClient.HttpClient, client))
  )
  return { layer: live, seen }
}

/** The typed failure of an exit (throws when it succeeded or died). */
export const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (reason === undefined || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}
