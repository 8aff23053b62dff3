import { inspect } from "node:util"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Logger, References, Schema, Stream, Tracer } from "effect"
import { HttpClient } from "effect/http"
import { ZaiClient } from "../src/index.js"
import { advanceUntilDone, bytes, clientLayer, json, makeTestClient, sse } from "./helpers.js"

const KEY = "kid123456.ksecret-very-secret-987654"

describe("secrets never leak", () => {
  it.effect("into errors, log lines or span attributes (bearer and JWT, echoed by the server)", () =>
    Effect.gen(function* () {
      const tokens: Array<string> = []
      const { client } = makeTestClient((request, index) => {
        const auth = request.headers.authorization ?? ""
        tokens.push(auth.replace(/^Bearer /, ""))
        // a hostile server echoes the credentials back in every error shape
        switch (index % 4) {
          case 0:
            return Effect.succeed(json({ error: { code: "1302", message: `slow down ${auth}` } }, 429, { "x-request-id": auth }))
          case 1:
            return Effect.succeed({ _tag: "ConnectionError", cause: new Error(`reset while sending ${auth}`) })
          case 2:
            return Effect.succeed(json({ error: { code: "1003", message: `expired: ${auth}` } }, 401))
          default:
            return Effect.succeed(sse(bytes(`data: {"error":{"code":"1214","message":"bad ${auth}"}}\n\n`)))
        }
      })
      const lines: Array<string> = []
      const logger = Logger.make((options) => {
        lines.push(inspect(options.message, { depth: 10 }), inspect(options.fiber.getRef(References.CurrentLogAnnotations), { depth: 10 }))
      })
      const spans: Array<Tracer.NativeSpan> = []
      const tracer = Tracer.make({
        span(options) {
          const span = new Tracer.NativeSpan(options)
          spans.push(span)
          return span
        }
      })
      const errors: Array<unknown> = []
      for (const auth of ["bearer", "jwt"] as const) {
        const program = Effect.gen(function* () {
          const zai = yield* ZaiClient.ZaiClient
          for (let i = 0; i < 3; i++) {
            const exit = yield* Effect.exit(zai.json({ method: "POST", path: "/x", operation: "x", body: { _tag: "Json", value: { model: "m" } } }, Schema.Unknown))
            if (Exit.isFailure(exit)) errors.push(exit.cause)
          }
          const streamed = yield* Effect.exit(Stream.runDrain(zai.stream({ method: "POST", path: "/s", operation: "s" }, Schema.Unknown)))
          if (Exit.isFailure(streamed)) errors.push(streamed.cause)
        }).pipe(
          Effect.provide(Layer.mergeAll(clientLayer(client, { apiKey: KEY, auth, maxRetries: 2 }), Logger.layer([logger]))),
          Effect.provideService(References.MinimumLogLevel, "All"),
          Effect.provideService(Tracer.Tracer, tracer),
          Effect.provideService(HttpClient.TracerHeaderFilter, () => true)
        )
        const fiber = yield* Effect.forkChild(program)
        yield* advanceUntilDone(fiber)
      }
      assert.isAbove(errors.length, 3)
      assert.isAbove(lines.length, 0)
      const secrets = [KEY, "ksecret-very-secret-987654", ...tokens.filter((t) => t.length > 0)]
      assert.isAbove(tokens.filter((t) => t.split(".").length === 3).length, 0, "JWTs were sent")
      const texts = [
        ...errors.flatMap((cause) => {
          const c = cause as Cause.Cause<unknown>
          return [String(c), inspect(c, { depth: 10 }), JSON.stringify(Cause.prettyErrors(c).map((e) => ({ ...e, message: e.message })))]
        }),
        ...lines,
        ...spans.flatMap((span) => [span.name, inspect(Object.fromEntries(span.attributes), { depth: 10 })])
      ]
      for (const text of texts) {
        for (const secret of secrets) assert.notInclude(text, secret)
      }
      assert.isTrue(texts.some((text) => text.includes("<redacted>")))
    }))
})
