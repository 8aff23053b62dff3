import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { NodeHttpServer } from "@effect/platform-node"
import { Effect, Layer, Redacted } from "effect"
import { HttpRouter, HttpServer } from "effect/http"
import * as Server from "../src/Server.js"
import * as ServerConfig from "../src/ServerConfig.js"
import * as Upstream from "../src/Upstream.js"

/** The server key the test servers accept. */
export const serverKey = "test-server-key-0123456789"

/** A fresh temporary data folder. */
export const tempDir = (prefix = "zai-server-test-"): string => mkdtempSync(join(tmpdir(), prefix))

/** The server on an ephemeral 127.0.0.1 port, on the simulator, plus an HttpClient aimed at it. */
export const layerServer = (overrides: Partial<ServerConfig.Settings> = {}) =>
  layerServerOn(Upstream.layerSimulator(), overrides)

/** The server on the given upstream (a layer of `Upstream` and a `ZaiClient`). */
export const layerServerOn = <ROut, E, R>(
  upstream: Layer.Layer<ROut, E, R>,
  overrides: Partial<ServerConfig.Settings> = {}
) =>
  HttpRouter.serve(Server.routes, { disableLogger: true, disableListenLog: true }).pipe(
    Layer.provideMerge(Server.layerServices),
    Layer.provideMerge(upstream),
    Layer.provideMerge(
      ServerConfig.layerWith({ serverKeys: [Redacted.make(serverKey)], dataDir: tempDir(), ...overrides })
    ),
    Layer.provideMerge(NodeHttpServer.layerTest)
  )

/** `http://127.0.0.1:<port>` of the running test server. */
export const baseUrl = Effect.map(HttpServer.HttpServer, (server) => {
  const address = server.address
  return address._tag === "UnixPathAddress" ? "http://unix" : `http://127.0.0.1:${address.port}`
})

/**
 * A decoded JSON body as the tests read it: any property, element or string operation type-checks, and a wrong guess
 * fails the test's assertion at run time (this is test-only; the server's own code decodes through schemas).
 */
export type Loose = string & ReadonlyArray<Loose> & { readonly [key: string]: Loose }

/** `fetch` against the test server, with the server key unless `key: null`. */
export const call = (
  path: string,
  init: { method?: string; body?: unknown; key?: string | null; headers?: Record<string, string> } = {}
) =>
  Effect.flatMap(baseUrl, (base) =>
    Effect.promise(async () => {
      const headers: Record<string, string> = { ...init.headers }
      const key = init.key === undefined ? serverKey : init.key
      if (key !== null) headers.authorization = `Bearer ${key}`
      if (init.body !== undefined) headers["content-type"] = "application/json"
      const response = await fetch(`${base}${path}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers,
        ...(init.body === undefined ? {} : { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) })
      })
      const text = await response.text()
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        json = undefined
      }
      return { status: response.status, headers: response.headers, text, json: json as Loose }
    }))
