/**
 * Test layers and helpers: the simulator with a `ZaiClient` on it (no retries unless asked), `Files`, `Batches`,
 * Node's `FileSystem`; a `ZaiClient` on a hand-written `HttpClient`; multipart parsing of recorded bodies.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { InputValidation } from "@zai-kit/schema"
import { type Faults, type Simulator, TestLayers } from "@zai-kit/testing"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Exit, type FileSystem, Layer } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"
import { Batches } from "../src/Batches.js"
import { Files } from "../src/Files.js"

/** The simulator, a `ZaiClient` on it (undici, Node file system, no retries), `Files`, `Batches` and `FileSystem`. */
export const layer = (
  options: Simulator.Options = {}
): Layer.Layer<
  Files | Batches | ZaiClient.ZaiClient | Simulator.Simulator | FileSystem.FileSystem,
  Simulator.SimulatorError | Faults.InvalidFault
> =>
  Layer.mergeAll(Files.layer, Batches.layer).pipe(
    Layer.provideMerge(TestLayers.layerZaiClient({ simulator: options, client: { maxRetries: 0 }, http: "undici" })),
    Layer.provideMerge(NodeFileSystem.layer)
  )

/** One request seen by the hand-written client. */
export interface Seen {
  readonly method: string
  readonly url: string
}

/**
 * `Files`, `Batches` and `ZaiClient` on an in-memory `HttpClient` that answers each request with `reply(request, n)`:
 * a hand-written body (unknown fields, nulls, statuses the simulator does not produce).
 */
export const layerReplying = (
  reply: (request: Seen, index: number) => { readonly status?: number; readonly body: unknown },
  seen: Array<Seen> = []
): Layer.Layer<Files | Batches | ZaiClient.ZaiClient> => {
  const client = HttpClient.make((request, url) => {
    const entry = { method: request.method, url: url.toString() }
    seen.push(entry)
    const answer = reply(entry, seen.length - 1)
    const body = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body)
    return Effect.succeed(
      HttpClientResponse.fromWeb(
        request,
        new Response(body, { status: answer.status ?? 200, headers: { "content-type": "application/json" } })
      )
    )
  })
  const zai = ZaiClient.layer({ apiKey: "test-key", baseUrl: "http://zai.test/api/paas/v4", maxRetries: 0 }).pipe(
    Layer.provide(Layer.succeed(HttpClient.HttpClient, client))
  )
  return Layer.mergeAll(Files.layer, Batches.layer).pipe(Layer.provideMerge(zai))
}

/** Parses a recorded multipart body (text parts and files) with the platform's own `FormData` parser. */
export const formOf = (recorded: { readonly headers: Readonly<Record<string, string>>; readonly rawBody: string }) =>
  Effect.promise(() =>
    new Response(recorded.rawBody, { headers: { "content-type": recorded.headers["content-type"] ?? "" } }).formData()
  )

/** The typed failure of an exit (fails the test when the exit is a success or a defect). */
export const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${JSON.stringify(exit.value)}`)
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (reason === undefined || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

/** The `InvalidRequestInput` of an exit (fails the test on any other outcome). */
export const inputFailure = <A, E>(exit: Exit.Exit<A, E>): InputValidation.InvalidRequestInput => {
  const error = failureOf(exit)
  if (!(error instanceof InputValidation.InvalidRequestInput)) throw new Error(`expected InvalidRequestInput, got ${String(error)}`)
  return error
}
