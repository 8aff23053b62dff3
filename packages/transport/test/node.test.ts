import { mkdtempSync, writeFileSync } from "node:fs"
import { createServer as createTcpServer, type Socket } from "node:net"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema, Stream } from "effect"
import { Multipart, ZaiClient } from "../src/index.js"
import * as Node from "../src/node.js"
import { startServer } from "./server.js"

const Chunk = Schema.Struct({ n: Schema.Number })

const chat: ZaiClient.ZaiRequest = {
  method: "POST",
  path: "/chat/completions",
  operation: "chat",
  body: { _tag: "Json", value: { model: "glm-4.6", stream: true } }
}

describe("@zai-kit/transport/node", () => {
  it("agent options switch off undici's own timeouts and use connectTimeout", () => {
    const options = Node.agentOptions({ connectTimeout: "4 seconds" })
    assert.strictEqual(options.headersTimeout, 0)
    assert.strictEqual(options.bodyTimeout, 0)
    assert.deepStrictEqual(options.connect, { timeout: 4000 })
  })

  it.live("json and streams over undici reuse keep-alive connections (at most 2 for 51 calls)", () =>
    Effect.gen(function* () {
      const server = yield* startServer((request, _body, response) => {
        if (request.url?.endsWith("/stream")) {
          response.writeHead(200, { "content-type": "text/event-stream" })
          response.write('data: {"n":1}\n\n')
          setTimeout(() => response.end('data: {"n":2}\n\ndata: [DONE]\n\n'), 2)
          return
        }
        response.writeHead(200, { "content-type": "application/json", "x-request-id": "r-1" })
        response.end(JSON.stringify({ n: 42 }))
      })
      const program = Effect.gen(function* () {
        const zai = yield* ZaiClient.ZaiClient
        const value = yield* zai.json({ method: "GET", path: "/json", operation: "j" }, Chunk)
        assert.deepStrictEqual(value, { n: 42 })
        for (let i = 0; i < 50; i++) {
          const chunks = yield* Stream.runCollect(zai.stream({ ...chat, path: "/stream" }, Chunk))
          assert.deepStrictEqual(chunks, [{ n: 1 }, { n: 2 }])
        }
      })
      yield* program.pipe(Effect.provide(Node.layerUndici({ apiKey: "k", baseUrl: server.url })))
      assert.strictEqual(server.requests.length, 51)
      // undici dispatches a request issued right after the previous body ended on a second socket (it does
      // the same without Effect); from then on the two are reused
      assert.isAtMost(server.connections(), 2)
      assert.strictEqual(server.closedResponses(), 0)
      assert.strictEqual(server.requests[0].headers.authorization, "Bearer k")
    }))

  it.live("interrupting the consumer closes the connection", () =>
    Effect.gen(function* () {
      let writes = 0
      const server = yield* startServer((_request, _body, response) => {
        response.writeHead(200, { "content-type": "text/event-stream" })
        const timer = setInterval(() => {
          writes++
          response.write(`data: {"n":${writes}}\n\n`)
        }, 5)
        response.on("close", () => clearInterval(timer))
      })
      const taken = yield* Effect.gen(function* () {
        const zai = yield* ZaiClient.ZaiClient
        return yield* Stream.runCollect(Stream.take(zai.stream(chat, Chunk), 3))
      }).pipe(Effect.provide(Node.layerUndici({ apiKey: "k", baseUrl: server.url })))
      assert.strictEqual(taken.length, 3)
      // the server sees its response closed before it finished: the socket was torn down by the client
      yield* Effect.sleep("100 millis")
      assert.strictEqual(server.closedResponses(), 1)
      const before = writes
      yield* Effect.sleep("50 millis")
      assert.strictEqual(writes, before)
    }))

  it.live("a slow answer is not cut by undici (headers after 1.5 s, client timeout 5 s)", () =>
    Effect.gen(function* () {
      const server = yield* startServer((_request, _body, response) => {
        setTimeout(() => {
          response.writeHead(200, { "content-type": "application/json" })
          response.end('{"n":1}')
        }, 1500)
      })
      const value = yield* Effect.flatMap(ZaiClient.ZaiClient, (zai) => zai.json({ method: "GET", path: "/slow", operation: "s" }, Chunk)).pipe(
        Effect.provide(Node.layerUndici({ apiKey: "k", baseUrl: server.url, timeout: "5 seconds" }))
      )
      assert.deepStrictEqual(value, { n: 1 })
    }))

  it.live("the undici connect timeout surfaces as TimeoutError kind connect", () =>
    Effect.gen(function* () {
      // a TCP server that accepts and never answers the TLS handshake
      const sockets = new Set<Socket>()
      const tcp = createTcpServer((socket) => {
        sockets.add(socket)
      })
      const port = yield* Effect.acquireRelease(
        Effect.callback<number>((resume) => {
          tcp.listen(0, "127.0.0.1", () => resume(Effect.succeed((tcp.address() as AddressInfo).port)))
        }),
        () =>
          Effect.callback<void>((resume) => {
            for (const socket of sockets) socket.destroy()
            tcp.close(() => resume(Effect.void))
          })
      )
      const error = yield* Effect.flatMap(ZaiClient.ZaiClient, (zai) => zai.json({ method: "GET", path: "/x", operation: "x" }, Chunk)).pipe(
        Effect.provide(Node.layerUndici({ apiKey: "k", baseUrl: `https://127.0.0.1:${port}/api`, connectTimeout: "300 millis", maxRetries: 0 })),
        Effect.flip
      )
      assert.strictEqual(error._tag, "TimeoutError")
      if (error._tag === "TimeoutError") assert.strictEqual(error.kind, "connect")
    }))

  it.live("uploads a file by path (Node FileSystem provided by the layer)", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(join(tmpdir(), "zai-kit-node-"))
      const path = join(dir, "batch.jsonl")
      writeFileSync(path, '{"custom_id":"1"}\n')
      const server = yield* startServer((_request, _body, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        response.end('{"n":1}')
      })
      yield* Effect.flatMap(ZaiClient.ZaiClient, (zai) =>
        zai.json(
          { method: "POST", path: "/files", operation: "files.create", body: { _tag: "Multipart", fields: { purpose: "batch", file: Multipart.fromPath(path) } } },
          Chunk
        )
      ).pipe(Effect.provide(Node.layerUndici({ apiKey: "k", baseUrl: server.url })))
      const body = server.requests[0].body.toString("utf8")
      assert.match(String(server.requests[0].headers["content-type"]), /^multipart\/form-data; boundary=/)
      assert.include(body, 'name="purpose"')
      assert.include(body, 'filename="batch.jsonl"')
      assert.include(body, "Content-Type: application/jsonl")
      assert.include(body, '{"custom_id":"1"}')
    }))
})
