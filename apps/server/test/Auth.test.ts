import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import { SqlClient } from "effect/sql"
import { call, layerServer, serverKey } from "./support.js"

const publicPaths = new Set(["/healthz", "/readyz"])

/** A concrete request for an OpenAPI path (`{id}` filled in). */
const concrete = (path: string) => path.replaceAll(/\{[^}]+\}/g, "x")

describe("auth", () => {
  layer(layerServer(), { excludeTestServices: true })((it) => {
    it.effect("every route of the OpenAPI document but health refuses a missing or wrong key, in its group's shape", () =>
      Effect.gen(function*() {
        const doc = yield* call("/openapi.json", { key: null })
        assert.strictEqual(doc.status, 200)
        const paths = doc.json.paths as Record<string, Record<string, unknown>>
        const operations = Object.entries(paths).flatMap(([path, methods]) =>
          Object.keys(methods).filter((m) => ["get", "post", "put", "patch", "delete"].includes(m)).map((method) => ({
            path,
            method: method.toUpperCase()
          }))
        )
        assert.isAtLeast(operations.length, 14)
        let guarded = 0
        for (const { path, method } of operations) {
          for (const key of [null, "wrong-key", `${serverKey}x`]) {
            const response = yield* call(concrete(path), { method, key, ...(method === "POST" ? { body: {} } : {}) })
            if (publicPaths.has(path)) {
              assert.strictEqual(response.status, 200, `${method} ${path} is public`)
              continue
            }
            assert.strictEqual(response.status, 401, `${method} ${path} with key ${key}`)
            if (path === "/v1/chat/completions" || path === "/v1/embeddings" || path === "/v1/models") {
              assert.strictEqual(response.json.error.type, "authentication_error", path)
            } else {
              assert.strictEqual(response.json._tag, "Unauthorized", path)
            }
            assert.notInclude(response.text, serverKey)
            guarded++
          }
        }
        assert.isAtLeast(guarded, 3 * 12)
        // Every guarded operation declares the bearer scheme in the document.
        for (const { path, method } of operations) {
          const op = paths[path]?.[method.toLowerCase()] as { security?: ReadonlyArray<unknown> }
          if (!publicPaths.has(path)) assert.isAbove(op.security?.length ?? 0, 0, `${method} ${path} security`)
        }
      }))

    it.effect("health, docs and the page are open; the page and docs carry no key", () =>
      Effect.gen(function*() {
        const health = yield* call("/healthz", { key: null })
        assert.deepStrictEqual<unknown>(health.json, { status: "ok" })
        const ready = yield* call("/readyz", { key: null })
        assert.strictEqual(ready.status, 200)
        assert.strictEqual(ready.json.upstream, "simulator")
        assert.match(ready.json.storage, /^sqlite:/)
        assert.deepStrictEqual<unknown>(ready.json.checks, { storage: "ok", engine: "ok" })
        const docs = yield* call("/docs", { key: null })
        assert.strictEqual(docs.status, 200)
        assert.include(docs.text, "/v1/chat/completions")
        const page = yield* call("/", { key: null })
        assert.strictEqual(page.status, 200)
        assert.include(page.headers.get("content-type") ?? "", "text/html")
        assert.notInclude(page.text, serverKey)
      }))

    it.effect("request ids: a given plain id is echoed, otherwise one is made", () =>
      Effect.gen(function*() {
        const given = yield* call("/healthz", { headers: { "x-request-id": "abc-123" } })
        assert.strictEqual(given.headers.get("x-request-id"), "abc-123")
        const made = yield* call("/healthz", { headers: { "x-request-id": "bad id\twith tab" } })
        assert.match(made.headers.get("x-request-id") ?? "", /^req_[0-9a-f-]{36}$/)
      }))
  })
})

describe("readiness", () => {
  layer(layerServer(), { excludeTestServices: true })((it) => {
    it.effect("/readyz is a 503 naming the part that is not ready", () =>
      Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        yield* sql`alter table cluster_messages rename to cluster_messages_away`
        const down = yield* call("/readyz", { key: null })
        yield* sql`alter table cluster_messages_away rename to cluster_messages`
        assert.strictEqual(down.status, 503)
        assert.strictEqual(down.json._tag, "Unavailable")
        assert.match(String(down.json.message), /^engine: /)
        const up = yield* call("/readyz", { key: null })
        assert.strictEqual(up.status, 200)
      }))
  })
})
