/**
 * Test layers: the simulator with a `ZaiClient` aimed at it (undici, no retries, Node file system), the `Audio` and
 * `Voices` services on top; and a `ZaiClient` on a canned HTTP answer, for hand-written response bodies.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { type Faults, type Simulator, TestLayers } from "@zai-kit/testing"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Exit, type FileSystem, Layer } from "effect"
import { HttpClient, type HttpClientRequest, HttpClientResponse } from "effect/http"
import { Audio } from "../src/Audio.js"
import { Voices } from "../src/Voices.js"

/** The simulator, a `ZaiClient` on it, `Audio`, `Voices` and Node's `FileSystem`. */
export const layer = (
  simulator: Simulator.Options = {}
): Layer.Layer<
  Audio | Voices | ZaiClient.ZaiClient | Simulator.Simulator | FileSystem.FileSystem,
  Simulator.SimulatorError | Faults.InvalidFault
> =>
  Layer.mergeAll(Audio.layer, Voices.layer).pipe(
    Layer.provideMerge(TestLayers.layerZaiClient({ simulator, client: { maxRetries: 0 }, http: "undici" })),
    Layer.provideMerge(NodeFileSystem.layer)
  )

/** A canned HTTP answer. */
export interface Canned {
  readonly status?: number
  readonly headers?: Readonly<Record<string, string>>
  readonly body: string | Uint8Array
}

/** The requests a canned client received. */
export type Sent = Array<HttpClientRequest.HttpClientRequest>

/** A `ZaiClient` whose every call gets `answer`; the requests are pushed to `sent`. */
export const cannedClient = (answer: Canned, sent: Sent = []): Layer.Layer<ZaiClient.ZaiClient> =>
  ZaiClient.layer({ apiKey: "test-key", baseUrl: "https://api.test/api/paas/v4", maxRetries: 0 }).pipe(
    Layer.provide(
      Layer.succeed(
        HttpClient.HttpClient,
        HttpClient.make((request) =>
          Effect.sync(() => {
            sent.push(request)
            const body = typeof answer.body === "string" ? answer.body : answer.body.slice()
            return HttpClientResponse.fromWeb(
              request,
              new Response(body, { status: answer.status ?? 200, headers: { ...answer.headers } })
            )
          })
        )
      )
    )
  )

/** The typed failure of an exit (throws when the exit succeeded or died). */
export const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (reason === undefined || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

/** Parses a recorded multipart body (text fields exact; file parts by name and type). */
export const formOf = (request: { readonly headers: Readonly<Record<string, string>>; readonly rawBody: string }) =>
  Effect.promise(() =>
    new Response(request.rawBody, { headers: { "content-type": request.headers["content-type"] ?? "" } }).formData()
  )
