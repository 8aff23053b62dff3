import { assert, describe, it } from "@effect/vitest"
import { Cause, Context, Effect, Exit, Fiber, Schema, SchemaGetter, Stream, Tracer } from "effect"
import { HttpClientError, HttpClientRequest } from "effect/http"
import { TestClock } from "effect/testing"
import { Multipart, ZaiClient, ZaiError } from "../src/index.js"
import type * as ZaiConfig from "../src/ZaiConfig.js"
import { bytes, clientLayer, json, makeTestClient, type Recorded, type Reply, sse } from "./helpers.js"

const call = <A>(
  reply: Reply | ((request: Recorded) => Reply),
  use: (zai: ZaiClient.Service) => Effect.Effect<A, unknown>,
  config: Partial<ZaiConfig.Options> = {}
) =>
  Effect.gen(function* () {
    const { client, requests } = makeTestClient((request) =>
      Effect.succeed(typeof reply === "function" ? reply(request) : reply)
    )
    const exit = yield* Effect.exit(Effect.flatMap(ZaiClient.ZaiClient, use).pipe(Effect.provide(clientLayer(client, config))))
    return { exit, requests }
  })

const Any = Schema.Unknown

describe("ZaiClient requests", () => {
  it.effect("sends the default headers, bearer auth and the JSON body", () =>
    Effect.gen(function* () {
      const { exit, requests } = yield* call(json({ ok: 1 }), (zai) =>
        zai.json(
          {
            method: "POST",
            path: "/chat/completions",
            operation: "chat.completions.create",
            body: { _tag: "Json", value: { model: "glm-4.6", messages: [{ role: "user", content: "hi" }] } }
          },
          Any
        )
      )
      assert.isTrue(Exit.isSuccess(exit))
      const [request] = requests
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.url, "http://zai.test/api/paas/v4/chat/completions")
      assert.strictEqual(request.headers.authorization, "Bearer sk-test-secret-key-123456")
      assert.strictEqual(request.headers.accept, "application/json")
      assert.strictEqual(request.headers["content-type"], "application/json")
      assert.strictEqual(request.headers["x-source-channel"], "zai-kit")
      assert.match(request.headers["zai-sdk-ver"], /^\d+\.\d+\.\d+/)
      assert.deepStrictEqual(JSON.parse(request.text ?? ""), {
        model: "glm-4.6",
        messages: [{ role: "user", content: "hi" }]
      })
    }))

  it.effect("applies per-request overrides: headers, extra body, request_id, Accept-Language, query", () =>
    Effect.gen(function* () {
      const { requests } = yield* call(
        json({}),
        (zai) =>
          zai.json(
            {
              method: "POST",
              path: "chat/completions",
              operation: "op",
              query: { a: 1, b: undefined, c: true },
              body: { _tag: "Json", value: { model: "m" } },
              options: {
                headers: { "x-custom": "1", authorization: "Bearer stolen" },
                extraBody: { clear_thinking: false },
                requestId: "req-123456",
                acceptLanguage: "zh-CN"
              }
            },
            Any
          ),
        { headers: { "x-client": "c" }, acceptLanguage: "en-US,en" }
      )
      const [request] = requests
      assert.strictEqual(request.url, "http://zai.test/api/paas/v4/chat/completions?a=1&c=true")
      assert.strictEqual(request.headers["x-custom"], "1")
      assert.strictEqual(request.headers["x-client"], "c")
      assert.strictEqual(request.headers["accept-language"], "zh-CN")
      assert.strictEqual(request.headers.authorization, "Bearer sk-test-secret-key-123456")
      assert.deepStrictEqual(JSON.parse(request.text ?? ""), { model: "m", clear_thinking: false, request_id: "req-123456" })
    }))

  it.effect("resolves the agents root and absolute URLs", () =>
    Effect.gen(function* () {
      const { requests } = yield* call(
        json({}),
        (zai) =>
          Effect.all([
            zai.json({ method: "POST", path: "/v1/agents", operation: "agents", root: "agents" }, Any),
            zai.json({ method: "GET", path: "https://other.test/x", operation: "abs" }, Any)
          ]),
        {}
      )
      assert.strictEqual(requests[0].url, "http://zai.test/api/paas/v4/v1/agents")
      assert.strictEqual(requests[1].url, "https://other.test/x")
      const custom = yield* call(json({}), (zai) => zai.json({ method: "POST", path: "/v1/agents", operation: "a", root: "agents" }, Any), {
        agentsBaseUrl: "https://api.z.ai/api/"
      })
      assert.strictEqual(custom.requests[0].url, "https://api.z.ai/api/v1/agents")
    }))

  it.effect("sends multipart bodies with flattened fields and files", () =>
    Effect.gen(function* () {
      const { requests } = yield* call(json({ id: "file-1" }), (zai) =>
        zai.json(
          {
            method: "POST",
            path: "/files",
            operation: "files.create",
            body: {
              _tag: "Multipart",
              fields: {
                purpose: "batch",
                file: Multipart.fromBytes(new TextEncoder().encode('{"a":1}\n'), { filename: "input.jsonl" }),
                upload_detail: [{ url: "u", knowledge_type: 1 }],
                custom_separator: ["\n"]
              }
            },
            options: { requestId: "r-1234567" }
          },
          Any
        )
      )
      const form = requests[0].form
      assert.isDefined(form)
      if (form === undefined) return
      assert.strictEqual(form.get("purpose"), "batch")
      assert.strictEqual(form.get("upload_detail[][url]"), "u")
      assert.strictEqual(form.get("upload_detail[][knowledge_type]"), "1")
      assert.strictEqual(form.get("custom_separator[]"), "\n")
      assert.strictEqual(form.get("request_id"), "r-1234567")
      const file = form.get("file")
      assert.isTrue(file instanceof File)
      if (file instanceof File) {
        assert.strictEqual(file.name, "input.jsonl")
        assert.strictEqual(file.type, "application/jsonl")
        assert.strictEqual(yield* Effect.promise(() => file.text()), '{"a":1}\n')
      }
      assert.match(requests[0].contentType ?? "", /^multipart\/form-data; boundary=----zai-kit-[0-9a-f]{32}$/)
      // byte-exact: the bare "\n" separator is not turned into "\r\n"
      assert.include(requests[0].text ?? "", 'name="custom_separator[]"\r\n\r\n\n\r\n--')
      assert.include(requests[0].text ?? "", 'name="file"; filename="input.jsonl"\r\nContent-Type: application/jsonl\r\n\r\n{"a":1}\n\r\n')
    }))

  it.effect("returns binary answers", () =>
    Effect.gen(function* () {
      const { exit } = yield* call(
        { _tag: "Response", status: 200, headers: { "content-type": "audio/wav", "x-request-id": "r1" }, body: "RIFF" },
        (zai) =>
          Effect.scoped(
            Effect.flatMap(zai.binary({ method: "POST", path: "/audio/speech", operation: "audio.speech" }), (response) =>
              Effect.map(response.bytes, (bytes) => ({ response, bytes }))
            )
          )
      )
      assert.isTrue(Exit.isSuccess(exit))
      if (Exit.isSuccess(exit)) {
        assert.strictEqual(exit.value.response.contentType, "audio/wav")
        assert.strictEqual(exit.value.response.requestId, "r1")
        assert.strictEqual(new TextDecoder().decode(exit.value.bytes), "RIFF")
      }
    }))

  it.effect("binary bodies stream chunk by chunk; retries happen before the first byte only", () =>
    Effect.gen(function* () {
      let answered = 0
      const { exit, requests } = yield* call(
        () =>
          answered++ === 0
            ? json({ error: { code: "1305", message: "busy" } }, 503, { "retry-after-ms": "0" })
            : { _tag: "Response", status: 200, headers: { "content-type": "video/mp4" }, stream: bytes("ab", "cd", "ef") },
        (zai) =>
          Effect.scoped(
            Effect.flatMap(zai.binary({ method: "GET", path: "/files/1/content", operation: "op" }), (response) =>
              Stream.runCollect(response.body)
            )
          ),
        { maxRetries: 1 }
      )
      // the 503 was retried (no byte had been delivered), then the body came as three chunks
      assert.strictEqual(requests.length, 2)
      assert.isTrue(Exit.isSuccess(exit))
      if (Exit.isSuccess(exit)) assert.deepStrictEqual(exit.value.map((c) => new TextDecoder().decode(c)), ["ab", "cd", "ef"])
      // a failure after bytes were delivered is a ConnectionError, after those bytes, and is not retried
      const delivered: Array<string> = []
      const broken = yield* call(
        () => ({
          _tag: "Response",
          status: 200,
          stream: Stream.concat(bytes("ab"), Stream.fail(new HttpClientError.HttpClientError({ reason: new HttpClientError.TransportError({ request: HttpClientRequest.get("http://zai.test"), cause: new Error("socket hang up") }) })))
        }),
        (zai) =>
          Effect.scoped(
            Effect.flatMap(zai.binary({ method: "GET", path: "/files/1/content", operation: "op" }), (response) =>
              Stream.runForEach(response.body, (chunk) => Effect.sync(() => void delivered.push(new TextDecoder().decode(chunk))))
            )
          ),
        { maxRetries: 2 }
      )
      assert.strictEqual(broken.requests.length, 1)
      assert.deepStrictEqual(delivered, ["ab"])
      const error = Exit.isFailure(broken.exit) ? Cause.findErrorOption(broken.exit.cause) : undefined
      assert.strictEqual(error?._tag === "Some" && ZaiError.isZaiError(error.value) ? error.value._tag : undefined, "ConnectionError")
    }))

  it.effect("a binary body that stops sending bytes fails with TimeoutError stream-idle", () =>
    Effect.gen(function* () {
      const { client } = makeTestClient(() =>
        Effect.succeed({ _tag: "Response", status: 200, headers: { "content-type": "video/mp4" }, stream: Stream.concat(bytes("ab"), Stream.never) } satisfies Reply)
      )
      const delivered: Array<string> = []
      const fiber = yield* Effect.flatMap(ZaiClient.ZaiClient, (zai) =>
        Effect.scoped(
          Effect.flatMap(zai.binary({ method: "GET", path: "/files/1/content", operation: "op" }), (response) =>
            Stream.runForEach(response.body, (chunk) => Effect.sync(() => void delivered.push(new TextDecoder().decode(chunk))))
          )
        ).pipe(Effect.flip)
      ).pipe(Effect.provide(clientLayer(client, { streamIdleTimeout: "20 seconds" })), Effect.forkChild)
      while (delivered.length === 0) yield* Effect.yieldNow
      yield* TestClock.adjust("19 seconds")
      assert.isUndefined(fiber.pollUnsafe())
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(fiber)
      assert.deepStrictEqual(delivered, ["ab"])
      assert.strictEqual(ZaiError.isZaiError(error) ? error._tag : undefined, "TimeoutError")
      if (ZaiError.isZaiError(error) && error._tag === "TimeoutError") assert.strictEqual(error.kind, "stream-idle")
    }))

  it.effect("sends the key and the SDK headers only to the API's own origins, never to another host", () =>
    Effect.gen(function* () {
      const reply: Reply = { _tag: "Response", status: 200, headers: { "content-type": "image/png" }, body: "PNG" }
      for (const auth of ["bearer", "jwt"] as const) {
        const { exit, requests } = yield* call(
          reply,
          (zai) =>
            Effect.forEach(
              [
                "https://cdn.example/images/a.png?sig=1",
                "http://zai.test.evil/api/paas/v4/x",
                "http://zai.test/api/paas/v4/files/1/content",
                "http://agents.test/v1/files/a.pdf",
                "/files/2/content"
              ],
              (path) =>
                Effect.scoped(
                  zai.binary({ method: "GET", path, operation: "download", options: { headers: { "x-trace": "t" } } })
                )
            ),
          {
            apiKey: "sk-test-id.secret-part-123456",
            auth,
            agentsBaseUrl: "http://agents.test/api",
            headers: { "x-client-secret": "s" }
          }
        )
        assert.isTrue(Exit.isSuccess(exit))
        const [cdn, lookalike, paas, agents, relative] = requests
        for (const foreign of [cdn, lookalike]) {
          assert.isUndefined(foreign.headers.authorization)
          assert.isUndefined(foreign.headers["x-source-channel"])
          assert.isUndefined(foreign.headers["zai-sdk-ver"])
          assert.isUndefined(foreign.headers["x-client-secret"])
          assert.strictEqual(foreign.headers["x-trace"], "t")
        }
        for (const own of [paas, agents, relative]) {
          assert.match(own.headers.authorization, /^Bearer /)
          assert.strictEqual(own.headers["x-source-channel"], "zai-kit")
          assert.strictEqual(own.headers["x-client-secret"], "s")
        }
      }
    }))

  it.effect("requestId: the Request-Id header without a body, request_id in a body that has none", () =>
    Effect.gen(function* () {
      const { exit, requests } = yield* call(json({}), (zai) =>
        Effect.all([
          zai.json({ method: "GET", path: "/voice/list", operation: "op", options: { requestId: "req-get-1" } }, Any),
          zai.json({ method: "DELETE", path: "/document/1", operation: "op", options: { requestId: "req-del-1" } }, Any),
          zai.json(
            { method: "POST", path: "/x", operation: "op", body: { _tag: "Json", value: { request_id: "own" } }, options: { requestId: "other" } },
            Any
          ),
          zai.json({ method: "POST", path: "/x", operation: "op", body: { _tag: "Json", value: {} }, options: { requestId: "given" } }, Any),
          zai.json({ method: "GET", path: "/x", operation: "op", options: { extraBody: { a: 1 } } }, Any)
        ])
      )
      assert.isTrue(Exit.isFailure(exit))
      const [get, del, own, given] = requests
      assert.strictEqual(get.headers["request-id"], "req-get-1")
      assert.strictEqual(get.url, "http://zai.test/api/paas/v4/voice/list")
      assert.strictEqual(del.headers["request-id"], "req-del-1")
      assert.deepStrictEqual(JSON.parse(own.text ?? ""), { request_id: "own" })
      assert.isUndefined(own.headers["request-id"])
      assert.deepStrictEqual(JSON.parse(given.text ?? ""), { request_id: "given" })
      // extraBody still needs a body: nothing is sent
      assert.strictEqual(requests.length, 4)
    }))

  it.effect("a 200 error envelope fails typed by its business code; a 200 answer that mentions an error does not", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [unknown, string | undefined, string | undefined]> = [
        [{ error: { code: "1261", message: "Prompt too long" } }, "ContextLengthError", "1261"],
        [{ error: { code: 1113, message: "no balance" }, request_id: "r-9" }, "InsufficientBalanceError", "1113"],
        [{ code: 1301, msg: "unsafe", success: false, data: null }, "ContentFilterError", "1301"],
        [{ code: "9999", msg: "odd" }, "InternalServerError", "9999"],
        // answers, not envelopes
        [{ code: 200, msg: "ok", data: { list: [] } }, undefined, undefined],
        [{ code: 0, msg: "success" }, undefined, undefined],
        [{ code: 1000, msg: "x", success: true }, undefined, undefined],
        [{ id: "c1", choices: [], error: { code: "1261", message: "too long" } }, undefined, undefined],
        [{ error: null, id: "x" }, undefined, undefined]
      ]
      for (const [body, tag, code] of cases) {
        const { exit, requests } = yield* call(json(body), (zai) =>
          zai.json({ method: "POST", path: "/x", operation: "op", body: { _tag: "Json", value: {} } }, Any),
          { maxRetries: 0 }
        )
        const label = JSON.stringify(body)
        assert.strictEqual(requests.length, 1, label)
        if (tag === undefined) {
          assert.isTrue(Exit.isSuccess(exit), label)
          continue
        }
        const error = Exit.isFailure(exit) ? Cause.findErrorOption(exit.cause) : undefined
        assert.isTrue(error !== undefined && error._tag === "Some", label)
        if (error === undefined || error._tag !== "Some" || !ZaiError.isZaiError(error.value)) continue
        assert.strictEqual(error.value._tag, tag, label)
        assert.strictEqual(error.value.code, code, label)
        assert.strictEqual(error.value.status, 200, label)
      }
    }))

  it.effect("finish_reason network_error in a non-streamed answer fails as a retryable InternalServerError", () =>
    Effect.gen(function* () {
      const broken = json({ id: "c", choices: [{ index: 0, finish_reason: "network_error", message: { content: "par" } }] })
      const { exit, requests } = yield* call(broken, (zai) =>
        zai.json({ method: "POST", path: "/chat/completions", operation: "op", body: { _tag: "Json", value: {} } }, Any),
        { maxRetries: 0 }
      )
      assert.strictEqual(requests.length, 1)
      const error = Exit.isFailure(exit) ? Cause.findErrorOption(exit.cause) : undefined
      assert.isTrue(error !== undefined && error._tag === "Some" && ZaiError.isZaiError(error.value))
      if (error === undefined || error._tag !== "Some" || !ZaiError.isZaiError(error.value)) return
      assert.strictEqual(error.value._tag, "InternalServerError")
      assert.isTrue(error.value.isRetryable)
      assert.include(error.value.message, "network_error")
    }))

  it.effect("an empty 2xx body decodes as undefined", () =>
    Effect.gen(function* () {
      const { exit } = yield* call({ _tag: "Response", status: 200, body: "" }, (zai) =>
        zai.json({ method: "DELETE", path: "/knowledge/1", operation: "knowledge.delete" }, Schema.Undefined)
      )
      assert.isTrue(Exit.isSuccess(exit))
    }))

  it.effect("a body that cannot be encoded never goes on the wire", () =>
    Effect.gen(function* () {
      const { exit, requests } = yield* call(json({}), (zai) =>
        zai.json({ method: "POST", path: "/x", operation: "x", body: { _tag: "Json", value: { n: 1n } } }, Any)
      )
      assert.strictEqual(requests.length, 0)
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isFailure(exit)) assert.include(String(exit.cause), "InvalidRequestError")
    }))

  it.effect("aborting the signal interrupts the call", () =>
    Effect.gen(function* () {
      const controller = new AbortController()
      const { client } = makeTestClient(() => Effect.never)
      const fiber = yield* Effect.flatMap(ZaiClient.ZaiClient, (zai) =>
        zai.json({ method: "GET", path: "/x", operation: "x", options: { signal: controller.signal } }, Any)
      ).pipe(Effect.provide(clientLayer(client)), Effect.exit, Effect.forkChild)
      yield* TestClock.adjust(1000)
      controller.abort()
      const exit = yield* Fiber.join(fiber)
      assert.isTrue(Exit.isFailure(exit) && Exit.hasInterrupts(exit))
    }))
})

describe("ZaiClient errors", () => {
  const failure = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    Effect.gen(function* () {
      const { exit } = yield* call(json(body, status, headers), (zai) => zai.json({ method: "GET", path: "/x", operation: "x" }, Any), {
        maxRetries: 0
      })
      assert.isTrue(Exit.isFailure(exit))
      const error = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail") : undefined
      return error?._tag === "Fail" ? (error.error as { _tag: string; [k: string]: unknown }) : undefined
    })

  it.effect("maps HTTP statuses without a code", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [number, string]> = [
        [400, "InvalidRequestError"],
        [401, "AuthenticationError"],
        [403, "PermissionError"],
        [404, "NotFoundError"],
        [409, "ConflictError"],
        [413, "InvalidRequestError"],
        [422, "InvalidRequestError"],
        [429, "RateLimitError"],
        [503, "ServerOverloadedError"],
        [529, "ServerOverloadedError"],
        [500, "InternalServerError"],
        [502, "InternalServerError"]
      ]
      for (const [status, tag] of cases) {
        const error = yield* failure(status, { error: { message: "m" } })
        assert.strictEqual(error?._tag, tag, `status ${status}`)
        assert.strictEqual(error?.status, status)
      }
    }))

  it.effect("the business code wins over the status", () =>
    Effect.gen(function* () {
      const notFound = yield* failure(400, { error: { code: 1211, message: "model not found" } })
      assert.strictEqual(notFound?._tag, "NotFoundError")
      assert.strictEqual(notFound?.code, "1211")
      const account = yield* failure(401, { code: 1112, msg: "locked" })
      assert.strictEqual(account?._tag, "PermissionError")
      assert.strictEqual(account?.category, "account")
      const filter = yield* failure(400, {
        error: { code: "1301", message: "unsafe" },
        contentFilter: [{ level: 1, role: "user" }]
      })
      assert.strictEqual(filter?._tag, "ContentFilterError")
      assert.deepStrictEqual(filter?.contentFilter, [{ level: 1, role: "user" }])
    }))

  it.effect("request id comes from the header first, then the body; HTML bodies read as text", () =>
    Effect.gen(function* () {
      const header = yield* failure(500, { error: { message: "x" }, request_id: "body-id" }, { "x-request-id": "hdr-id" })
      assert.strictEqual(header?.requestId, "hdr-id")
      const body = yield* failure(500, { error: { message: "x" }, request_id: "body-id" })
      assert.strictEqual(body?.requestId, "body-id")
      const { exit } = yield* call({ _tag: "Response", status: 502, body: "<html><body><h1>Bad Gateway</h1></body></html>" }, (zai) =>
        zai.json({ method: "GET", path: "/x", operation: "x" }, Any), { maxRetries: 0 })
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isFailure(exit)) assert.include(String(exit.cause), "Bad Gateway")
    }))
})

describe("ZaiClient spans", () => {
  it.effect("one span per call with method, path, status, attempts, request id and gen_ai attributes", () =>
    Effect.gen(function* () {
      const spans: Array<Tracer.NativeSpan> = []
      const tracer = Tracer.make({
        span(options) {
          const span = new Tracer.NativeSpan(options)
          spans.push(span)
          return span
        }
      })
      const { exit } = yield* call(
        json({ id: "c1", model: "glm-4.6", usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 } }, 200, {
          "x-request-id": "rid-1"
        }),
        (zai) =>
          zai.json(
            { method: "POST", path: "/chat/completions", operation: "chat.completions.create", body: { _tag: "Json", value: { model: "glm-4.6" } } },
            Any
          )
      ).pipe(Effect.provideService(Tracer.Tracer, tracer))
      assert.isTrue(Exit.isSuccess(exit))
      const span = spans.find((s) => s.name === "chat.completions.create")
      assert.isDefined(span)
      if (span === undefined) return
      const attributes = Object.fromEntries(span.attributes)
      assert.strictEqual(attributes["gen_ai.system"], "zai")
      assert.strictEqual(attributes["gen_ai.request.model"], "glm-4.6")
      assert.strictEqual(attributes["gen_ai.usage.input_tokens"], 11)
      assert.strictEqual(attributes["gen_ai.usage.output_tokens"], 7)
      assert.strictEqual(attributes["http.request.method"], "POST")
      assert.strictEqual(attributes["url.path"], "/api/paas/v4/chat/completions")
      assert.strictEqual(attributes["http.response.status_code"], 200)
      assert.strictEqual(attributes["zai.attempts"], 1)
      assert.strictEqual(attributes["zai.request_id"], "rid-1")
      assert.strictEqual(span.kind, "client")
    }))
})

class Prefix extends Context.Service<Prefix, string>()("test/Prefix") {}

// a schema whose decoding needs a service: the client must fall back to the effectful decoder
const Prefixed = Schema.String.pipe(
  Schema.decodeTo(Schema.String, {
    decode: SchemaGetter.transformEffect((s: string) => Effect.map(Prefix, (p: string) => `${p}${s}`)),
    encode: SchemaGetter.passthrough()
  })
)

describe("ZaiClient decoding", () => {
  it.effect("schemas that need services are decoded with the caller's services (json and stream)", () =>
    Effect.gen(function* () {
      const { exit } = yield* call(json("x"), (zai) =>
        zai.json({ method: "GET", path: "/x", operation: "x" }, Prefixed).pipe(Effect.provideService(Prefix, "p:"))
      )
      assert.isTrue(Exit.isSuccess(exit))
      if (Exit.isSuccess(exit)) assert.strictEqual(exit.value, "p:x")
      const streamed = yield* call(sse(bytes('data: "a"\n\ndata: "b"\n\ndata: [DONE]\n\n')), (zai) =>
        Stream.runCollect(zai.stream({ method: "POST", path: "/s", operation: "s" }, Prefixed)).pipe(Effect.provideService(Prefix, "q:"))
      )
      assert.isTrue(Exit.isSuccess(streamed.exit))
      if (Exit.isSuccess(streamed.exit)) assert.deepStrictEqual(streamed.exit.value, ["q:a", "q:b"])
    }))
})
