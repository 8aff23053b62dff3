import { createHmac } from "node:crypto"
import { assert, describe, it } from "@effect/vitest"
import { Clock, Effect, Exit, Redacted, Schema } from "effect"
import { TestClock } from "effect/testing"
import { Jwt, ZaiClient } from "../src/index.js"
import { advanceUntilDone, clientLayer, json, makeTestClient, type Recorded } from "./helpers.js"

const NOW = 1_700_000_000_000
const TTL = 30 * 60 * 1000
const EXPECTED =
  "eyJhbGciOiJIUzI1NiIsInNpZ25fdHlwZSI6IlNJR04ifQ." +
  "eyJhcGlfa2V5IjoibXkta2V5LWlkIiwiZXhwIjoxNzAwMDAxODAwMDAwLCJ0aW1lc3RhbXAiOjE3MDAwMDAwMDAwMDB9." +
  "t5gr4rlt7jj7c42cgDM-lWEqx0crZ13X1hdwn19BtKE"

describe("Jwt.sign", () => {
  it.effect("matches the fixed test vector", () =>
    Effect.gen(function* () {
      const token = yield* Jwt.sign({ id: "my-key-id", secret: "my-secret", nowMs: NOW, ttlMs: TTL })
      assert.strictEqual(token, EXPECTED)
    }))

  it.effect("agrees with an independent node:crypto HS256 and has the Z.ai header and millisecond claims", () =>
    Effect.gen(function* () {
      const token = yield* Jwt.sign({ id: "abc", secret: Redacted.make("s3cr3t"), nowMs: 1234, ttlMs: 1000 })
      const [h, p, s] = token.split(".")
      assert.strictEqual(s, createHmac("sha256", "s3cr3t").update(`${h}.${p}`).digest("base64url"))
      const decoded = Jwt.decodeUnverified(token)
      assert.deepStrictEqual(decoded?.header, { alg: "HS256", sign_type: "SIGN" })
      assert.deepStrictEqual(decoded?.payload, { api_key: "abc", exp: 2234, timestamp: 1234 })
    }))

  it("parses id.secret keys only", () => {
    assert.strictEqual(Jwt.parseApiKey("id.secret")?.id, "id")
    assert.strictEqual(Redacted.value(Jwt.parseApiKey("id.secret")?.secret ?? Redacted.make("")), "secret")
    assert.isUndefined(Jwt.parseApiKey("no-dot"))
    assert.isUndefined(Jwt.parseApiKey("a.b.c"))
    assert.isUndefined(Jwt.parseApiKey(".b"))
  })
})

const tokenOf = (request: Recorded) => (request.headers.authorization ?? "").replace(/^Bearer /, "")

describe("JWT auth in ZaiClient", () => {
  const request: ZaiClient.ZaiRequest = { method: "GET", path: "/x", operation: "x" }

  it.effect("caches the token until shortly before expiry, then signs a new one", () =>
    Effect.gen(function* () {
      const { client, requests } = makeTestClient(() => Effect.succeed(json({})))
      const layer = clientLayer(client, { apiKey: "kid.ksecret", auth: "jwt", jwtTtl: "30 minutes", jwtRefreshBefore: "1 minute" })
      const program = Effect.gen(function* () {
        const zai = yield* ZaiClient.ZaiClient
        yield* zai.json(request, Schema.Unknown)
        yield* TestClock.adjust("28 minutes")
        yield* zai.json(request, Schema.Unknown)
        yield* TestClock.adjust("1 minute")
        yield* zai.json(request, Schema.Unknown)
      }).pipe(Effect.provide(layer))
      yield* program
      const tokens = requests.map(tokenOf)
      assert.strictEqual(tokens[0], tokens[1])
      assert.notStrictEqual(tokens[1], tokens[2])
      const first = Jwt.decodeUnverified(tokens[0])
      assert.deepStrictEqual(first?.payload, { api_key: "kid", exp: TTL, timestamp: 0 })
      assert.deepStrictEqual(Jwt.decodeUnverified(tokens[2])?.payload, { api_key: "kid", exp: 29 * 60_000 + TTL, timestamp: 29 * 60_000 })
    }))

  it.effect("regenerates the cached token once on a token-expired error (1003), without waiting", () =>
    Effect.gen(function* () {
      const times: Array<number> = []
      const { client, requests } = makeTestClient((_, index) =>
        Effect.map(Clock.currentTimeMillis, (now) => {
          times.push(now)
          return index === 1 ? json({ error: { code: "1003", message: "token expired" } }, 401) : json({ ok: true })
        })
      )
      const layer = clientLayer(client, { apiKey: "kid.ksecret", auth: "jwt" })
      const program = Effect.gen(function* () {
        const zai = yield* ZaiClient.ZaiClient
        yield* zai.json(request, Schema.Unknown) // signs token A at t=0
        yield* TestClock.adjust("10 seconds")
        return yield* zai.json(request, Schema.Unknown) // A is rejected (1003): B is signed at t=10 s and sent at once
      }).pipe(Effect.provide(layer))
      const fiber = yield* Effect.forkChild(program)
      const exit = yield* advanceUntilDone(fiber, "1 millis", 5000)
      assert.isTrue(Exit.isSuccess(exit))
      const tokens = requests.map(tokenOf)
      assert.strictEqual(requests.length, 3)
      assert.strictEqual(tokens[0], tokens[1])
      assert.notStrictEqual(tokens[1], tokens[2])
      const regenerated = Number(Jwt.decodeUnverified(tokens[2])?.payload.timestamp)
      assert.isAtLeast(regenerated, times[1])
      // no backoff before the regenerated attempt (the clock only moves while WebCrypto signs, in 1 ms test steps)
      assert.isBelow(times[2] - times[1], 500)
    }))

  it.effect("regenerates only once: a second 401 fails with AuthenticationError", () =>
    Effect.gen(function* () {
      const { client, requests } = makeTestClient(() => Effect.succeed(json({ error: { code: "1003", message: "expired" } }, 401)))
      const error = yield* Effect.flatMap(ZaiClient.ZaiClient, (zai) => zai.json(request, Schema.Unknown)).pipe(
        Effect.provide(clientLayer(client, { apiKey: "kid.ksecret", auth: "jwt" })),
        Effect.flip
      )
      assert.strictEqual(error._tag, "AuthenticationError")
      assert.strictEqual(error.attempts, 2)
      assert.strictEqual(requests.length, 2)
    }))

  it.effect("a key that is not id.secret fails before anything is sent", () =>
    Effect.gen(function* () {
      const { client, requests } = makeTestClient(() => Effect.succeed(json({})))
      const error = yield* Effect.flatMap(ZaiClient.ZaiClient, (zai) => zai.json(request, Schema.Unknown)).pipe(
        Effect.provide(clientLayer(client, { apiKey: "plainkey", auth: "jwt" })),
        Effect.flip
      )
      assert.strictEqual(error._tag, "AuthenticationError")
      assert.strictEqual(requests.length, 0)
    }))
})
