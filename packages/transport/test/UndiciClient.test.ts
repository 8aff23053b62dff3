import { createServer as createTcpServer } from "node:net"
import type { AddressInfo } from "node:net"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Exit, Fiber, Schema, Scope, Stream } from "effect"
import { constTrue } from "effect/Function"
import { HttpBody, HttpClient, HttpClientRequest } from "effect/http"
import { Agent, type Dispatcher } from "undici"
import * as undici from "undici"
import * as UndiciClient from "../src/internal/undiciClient.js"
import * as Node from "../src/node.js"
import { ZaiClient } from "../src/index.js"
import { startServer } from "./server.js"

const N = Schema.Struct({ n: Schema.Number })

/** The lean path (what ZaiClient uses: HttpClient's own span switched off). */
const untraced = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provideService(effect, HttpClient.TracerDisabledWhen, constTrue)

const withClient = <A, E, R>(effect: Effect.Effect<A, E, R | HttpClient.HttpClient>) =>
  Effect.provide(effect, Node.layerHttpClient({}))

/** A port nothing listens on. */
const closedPort = Effect.callback<number>((resume) => {
  const server = createTcpServer()
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo
    server.close(() => resume(Effect.succeed(port)))
  })
})

describe("undici HttpClient (internal/undiciClient)", () => {
  for (const [name, wrap] of [
    ["lean path", untraced],
    ["traced path", <A, E, R>(effect: Effect.Effect<A, E, R>) => effect]
  ] as const) {
    it.live(`JSON round trip (${name}): method, path, query, headers, body; status, headers, json`, () =>
      Effect.gen(function* () {
        const server = yield* startServer((_request, body, response) => {
          response.writeHead(201, { "content-type": "application/json", "x-request-id": "r-1", "set-cookie": ["a=1", "b=2"] })
          response.end(JSON.stringify({ echo: JSON.parse(body.toString("utf8")) }))
        })
        const response = yield* wrap(
          withClient(
            Effect.flatMap(HttpClient.HttpClient, (client) =>
              client.execute(
                HttpClientRequest.post(`${server.url}/chat/completions?x=1`, {
                  urlParams: { y: "2 3" },
                  headers: { authorization: "Bearer k" },
                  body: HttpBody.uint8Array(new TextEncoder().encode('{"n":1}'), "application/json")
                })
              )
            ).pipe(Effect.flatMap((response) => Effect.map(response.json, (json) => ({ response, json }))))
          )
        )
        assert.strictEqual(response.response.status, 201)
        assert.strictEqual(response.response.headers["x-request-id"], "r-1")
        assert.strictEqual(response.response.cookies.cookies.a?.value, "1")
        assert.deepStrictEqual(response.json, { echo: { n: 1 } })
        const seen = server.requests[0]
        assert.strictEqual(seen.method, "POST")
        assert.strictEqual(seen.url, "/api/paas/v4/chat/completions?x=1&y=2+3")
        assert.strictEqual(seen.headers.authorization, "Bearer k")
        assert.strictEqual(seen.headers["content-type"], "application/json")
        assert.strictEqual(seen.body.toString("utf8"), '{"n":1}')
      }))
  }

  it.live("text and arrayBuffer read the same body (repeatable), empty JSON body is null", () =>
    Effect.gen(function* () {
      const server = yield* startServer((request, _body, response) => {
        response.writeHead(200, { "content-type": "text/plain" })
        response.end(request.url?.endsWith("/empty") ? "" : "héllo")
      })
      const [text, again, bytes, empty] = yield* untraced(
        withClient(
          Effect.gen(function* () {
            const client = yield* HttpClient.HttpClient
            const response = yield* client.get(`${server.url}/text`)
            const text = yield* response.text
            const again = yield* response.text
            const bytes = yield* response.arrayBuffer
            const empty = yield* Effect.flatMap(client.get(`${server.url}/empty`), (r) => r.json)
            return [text, again, bytes, empty] as const
          })
        )
      )
      assert.strictEqual(text, "héllo")
      assert.strictEqual(again, "héllo")
      assert.strictEqual(new TextDecoder().decode(bytes), "héllo")
      assert.isNull(empty)
    }))

  it.live("the body stream is delivered incrementally (the server waits for the client to see the first chunk)", () =>
    Effect.gen(function* () {
      let release: (() => void) | undefined
      const firstSeen = new Promise<void>((resolve) => {
        release = resolve
      })
      const server = yield* startServer((_request, _body, response) => {
        response.writeHead(200, { "content-type": "text/event-stream" })
        response.write("one|")
        void firstSeen.then(() => response.end("two|"))
      })
      const chunks = yield* untraced(
        withClient(
          Effect.flatMap(HttpClient.HttpClient, (client) =>
            Effect.flatMap(client.get(server.url), (response) =>
              response.stream.pipe(
                Stream.map((bytes) => new TextDecoder().decode(bytes)),
                Stream.tap((text) => Effect.sync(() => (text === "one|" ? release?.() : undefined))),
                Stream.runCollect
              )
            )
          )
        )
      )
      assert.deepStrictEqual(chunks, ["one|", "two|"])
    }))

  it.live("reuses keep-alive connections: at most 2 for 200 sequential requests", () =>
    Effect.gen(function* () {
      const server = yield* startServer((_request, _body, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        response.end('{"n":1}')
      })
      yield* untraced(
        withClient(
          Effect.flatMap(HttpClient.HttpClient, (client) =>
            Effect.forEach(Array.from({ length: 200 }), () => Effect.flatMap(client.get(server.url), (r) => r.json), {
              discard: true
            })
          )
        )
      )
      assert.strictEqual(server.requests.length, 200)
      assert.isAtMost(server.connections(), 2)
    }))

  it.live("interrupting a request before the answer aborts it (the server sees the socket close)", () =>
    Effect.gen(function* () {
      const closed = yield* Deferred.make<void>()
      const received = yield* Deferred.make<void>()
      const server = yield* startServer((request, _body, _response) => {
        request.socket.on("close", () => Deferred.doneUnsafe(closed, Effect.void))
        Deferred.doneUnsafe(received, Effect.void)
      })
      yield* untraced(
        withClient(
          Effect.gen(function* () {
            const client = yield* HttpClient.HttpClient
            const fiber = yield* Effect.forkChild(client.get(server.url))
            yield* Deferred.await(received)
            yield* Fiber.interrupt(fiber)
            yield* Deferred.await(closed).pipe(Effect.timeout("2 seconds"))
          })
        )
      )
    }))

  it.live("interrupting a body read aborts the request", () =>
    Effect.gen(function* () {
      const closed = yield* Deferred.make<void>()
      const server = yield* startServer((request, _body, response) => {
        request.socket.on("close", () => Deferred.doneUnsafe(closed, Effect.void))
        response.writeHead(200, { "content-type": "application/json" })
        response.write('{"n":')
      })
      yield* untraced(
        withClient(
          Effect.gen(function* () {
            const client = yield* HttpClient.HttpClient
            const response = yield* client.get(server.url)
            const fiber = yield* Effect.forkChild(response.text)
            yield* Effect.sleep("20 millis")
            yield* Fiber.interrupt(fiber)
            yield* Deferred.await(closed).pipe(Effect.timeout("2 seconds"))
          })
        )
      )
    }))

  it.live("closing the scope of a scoped request aborts its unfinished body", () =>
    Effect.gen(function* () {
      const closed = yield* Deferred.make<void>()
      const server = yield* startServer((request, _body, response) => {
        request.socket.on("close", () => Deferred.doneUnsafe(closed, Effect.void))
        response.writeHead(200, { "content-type": "text/event-stream" })
        response.write("data: 1\n\n")
      })
      yield* untraced(
        withClient(
          Effect.gen(function* () {
            const client = HttpClient.withScope(yield* HttpClient.HttpClient)
            const scope = yield* Scope.make()
            const response = yield* Scope.provide(client.get(server.url), scope)
            assert.strictEqual(response.status, 200)
            yield* Scope.close(scope, Exit.void)
            yield* Deferred.await(closed).pipe(Effect.timeout("2 seconds"))
          })
        )
      )
    }))

  it.live("connection refused: TransportError, and ConnectionError through ZaiClient", () =>
    Effect.gen(function* () {
      const port = yield* closedPort
      const error = yield* untraced(
        withClient(Effect.flatMap(HttpClient.HttpClient, (client) => client.get(`http://127.0.0.1:${port}/x`)))
      ).pipe(Effect.flip)
      assert.strictEqual(error.reason._tag, "TransportError")
      const zaiError = yield* Effect.flatMap(ZaiClient.ZaiClient, (zai) => zai.json({ method: "GET", path: "/x", operation: "x" }, N)).pipe(
        Effect.provide(Node.layerUndici({ apiKey: "k", baseUrl: `http://127.0.0.1:${port}/api`, maxRetries: 0 })),
        Effect.flip
      )
      assert.strictEqual(zaiError._tag, "ConnectionError")
    }))

  it.live("an invalid URL fails with InvalidUrlError", () =>
    Effect.gen(function* () {
      const error = yield* untraced(
        withClient(Effect.flatMap(HttpClient.HttpClient, (client) => client.get("http://[not a host/x")))
      ).pipe(Effect.flip)
      assert.strictEqual(error.reason._tag, "InvalidUrlError")
    }))

  it.live("every request switches off undici's headersTimeout and bodyTimeout (no 300 s cut)", () =>
    Effect.gen(function* () {
      const server = yield* startServer((_request, _body, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        response.end('{"n":1}')
      })
      const agent = new Agent(Node.agentOptions({}))
      const seen: Array<Dispatcher.DispatchOptions> = []
      const recording = agent.compose((dispatch) => (options, handler) => {
        seen.push(options)
        return dispatch(options, handler)
      })
      const client = UndiciClient.make(recording, undici)
      yield* untraced(Effect.flatMap(client.get(server.url), (r) => r.json))
      yield* Effect.promise(() => agent.close())
      assert.strictEqual(seen.length, 1)
      assert.strictEqual(seen[0].headersTimeout, 0)
      assert.strictEqual(seen[0].bodyTimeout, 0)
      const options = Node.agentOptions({})
      assert.strictEqual(options.headersTimeout, 0)
      assert.strictEqual(options.bodyTimeout, 0)
    }))

  it.live("SSE through ZaiClient on the layer, and on Effect's own undici layer", () =>
    Effect.gen(function* () {
      const server = yield* startServer((_request, _body, response) => {
        response.writeHead(200, { "content-type": "text/event-stream" })
        response.write('data: {"n":1}\n\n')
        setTimeout(() => response.end('data: {"n":2}\n\ndata: [DONE]\n\n'), 5)
      })
      const program = Effect.flatMap(ZaiClient.ZaiClient, (zai) =>
        Stream.runCollect(zai.stream({ method: "POST", path: "/s", operation: "s", body: { _tag: "Json", value: {} } }, N))
      )
      for (const layer of [Node.layerUndici, Node.layerEffectUndici]) {
        const chunks = yield* program.pipe(Effect.provide(layer({ apiKey: "k", baseUrl: server.url })))
        assert.deepStrictEqual(chunks, [{ n: 1 }, { n: 2 }])
      }
    }))
})
