import { assert, describe, it, layer } from "@effect/vitest"
import { Multipart, ZaiClient } from "@zai-kit/transport"
import { Context, Effect, Exit, Layer, Schema } from "effect"
import * as Exits from "../src/Exits.js"
import * as RecordingClient from "../src/RecordingClient.js"
import * as Simulator from "../src/Simulator.js"
import * as TestLayers from "../src/TestLayers.js"

const Named = Schema.Struct({ name: Schema.String })

const post = (value: unknown): ZaiClient.ZaiRequest => ({
  method: "POST",
  path: "/things",
  operation: "things.create",
  body: { _tag: "Json", value }
})

describe("RecordingClient.layer", () => {
  it.effect("answers a fixed string with 200 JSON and records method, URL, headers and body text", () =>
    Effect.gen(function* () {
      const seen: Array<RecordingClient.Recorded> = []
      const client = yield* ZaiClient.ZaiClient.pipe(Effect.provide(RecordingClient.layer(JSON.stringify({ name: "a" }), { seen })))
      const answer = yield* client.json({ ...post({ x: 1 }), query: { page: 2 } }, Named)
      assert.deepStrictEqual(answer, { name: "a" })
      assert.strictEqual(seen.length, 1)
      assert.strictEqual(seen[0]?.method, "POST")
      assert.strictEqual(seen[0]?.url, "http://zai.test/api/paas/v4/things?page=2")
      assert.strictEqual(seen[0]?.headers.authorization, "Bearer test-key")
      assert.deepStrictEqual(JSON.parse(seen[0]?.body ?? ""), { x: 1 })
      assert.strictEqual(seen[0]?.request.method, "POST")
    }))

  it.effect("a reply function sees each request and its index; non-string bodies go out as JSON, statuses as given", () =>
    Effect.gen(function* () {
      const seen: Array<RecordingClient.Recorded> = []
      const client = yield* ZaiClient.ZaiClient.pipe(
        Effect.provide(
          RecordingClient.layer(
            (request, index) =>
              index === 0
                ? { body: { name: `${request.method} ${index}` } }
                : { status: 404, body: { error: { code: "1211", message: "no such thing" } } },
            { seen }
          )
        )
      )
      assert.deepStrictEqual(yield* client.json({ method: "GET", path: "/things/1", operation: "things.get" }, Named), {
        name: "GET 0"
      })
      const error = Exits.failureOf(yield* Effect.exit(client.json({ method: "GET", path: "/things/2", operation: "things.get" }, Named)))
      assert.strictEqual(error._tag, "NotFoundError")
      assert.strictEqual(error.status, 404)
      assert.deepStrictEqual(
        seen.map((s) => [s.method, s.url, s.body]),
        [
          ["GET", "http://zai.test/api/paas/v4/things/1", undefined],
          ["GET", "http://zai.test/api/paas/v4/things/2", undefined]
        ]
      )
    }))

  it.effect("bytes and headers of a reply, a Response as it is, and client options on top of the defaults", () =>
    Effect.gen(function* () {
      const bytes = new TextEncoder().encode(JSON.stringify({ name: "bytes" }))
      const fromBytes = yield* ZaiClient.ZaiClient.pipe(
        Effect.flatMap((client) => client.json({ method: "GET", path: "/blob", operation: "blob" }, Named)),
        Effect.provide(RecordingClient.layer({ headers: { "content-type": "application/json; charset=utf-8" }, body: bytes }))
      )
      assert.deepStrictEqual(fromBytes, { name: "bytes" })

      const seen: Array<RecordingClient.Recorded> = []
      const text = yield* ZaiClient.ZaiClient.pipe(
        Effect.flatMap((client) => client.json(post({}), Named)),
        Effect.provide(
          RecordingClient.layer(() => new Response(JSON.stringify({ name: "r" }), { headers: { "content-type": "application/json" } }), {
            seen,
            client: { apiKey: "sk-other", baseUrl: "https://api.test/v9" }
          })
        )
      )
      assert.deepStrictEqual(text, { name: "r" })
      assert.strictEqual(seen[0]?.url, "https://api.test/v9/things")
      assert.strictEqual(seen[0]?.headers.authorization, "Bearer sk-other")
    }))
})

describe("Exits", () => {
  it("failureOf gives the typed failure and throws on a success or a defect", () => {
    assert.strictEqual(Exits.failureOf(Exit.fail("boom")), "boom")
    assert.throws(() => Exits.failureOf(Exit.succeed({ a: 1 })), /expected a failure, got \{"a":1\}/)
    assert.throws(() => Exits.failureOf(Exit.die(new Error("bug"))), /expected a typed failure/)
  })

  it("successOf gives the value and throws on a failure", () => {
    assert.strictEqual(Exits.successOf(Exit.succeed(3)), 3)
    assert.throws(() => Exits.successOf(Exit.fail("boom")), /expected a success/)
  })
})

class Echo extends Context.Service<Echo, { readonly maxRetries: number }>()("test/Echo") {}

const echoLayer = Layer.effect(
  Echo,
  Effect.map(ZaiClient.ZaiClient, (client) => ({ maxRetries: client.config.maxRetries }))
)

layer(TestLayers.layerService(echoLayer))("TestLayers.layerService", (it) => {
  it.effect("gives the service, the ZaiClient it was built on (retries off) and the simulator", () =>
    Effect.gen(function* () {
      const echo = yield* Echo
      const client = yield* ZaiClient.ZaiClient
      const sim = yield* Simulator.Simulator
      assert.strictEqual(echo.maxRetries, 0)
      assert.strictEqual(client.config.baseUrl, sim.url)
    }))
})

layer(TestLayers.layerService(echoLayer, { client: { maxRetries: 3 }, http: "undici" }))("TestLayers.layerService with options", (it) => {
  it.effect("client options win over the retries-off default", () =>
    Effect.gen(function* () {
      assert.strictEqual((yield* Echo).maxRetries, 3)
    }))
})

layer(TestLayers.layerZaiClient())("Simulator.formData", (it) => {
  it.effect("parses the multipart body the simulator recorded", () =>
    Effect.gen(function* () {
      const client = yield* ZaiClient.ZaiClient
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      yield* Effect.exit(
        client.json(
          {
            method: "POST",
            path: "/files",
            operation: "files.create",
            body: {
              _tag: "Multipart",
              fields: { purpose: "batch", file: Multipart.fromBytes(new TextEncoder().encode("{}\n"), { filename: "a.jsonl" }) }
            }
          },
          Schema.Unknown
        )
      )
      const [recorded] = yield* sim.requests
      assert.isDefined(recorded)
      if (recorded === undefined) return
      const form = yield* Simulator.formData(recorded)
      assert.strictEqual(form.get("purpose"), "batch")
      const file = form.get("file")
      assert.instanceOf(file, File)
      if (file instanceof File) assert.strictEqual(file.name, "a.jsonl")
    }))
})
