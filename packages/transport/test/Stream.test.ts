import { assert, describe, it } from "@effect/vitest"
import { Cause, type Duration, Effect, Exit, Fiber, Schema, Stream } from "effect"
import { HttpClientError, HttpClientRequest, HttpClientResponse } from "effect/http"
import { TestClock } from "effect/testing"
import { ZaiClient, type ZaiError } from "../src/index.js"
import type * as ZaiConfig from "../src/ZaiConfig.js"
import { bytes, clientLayer, frames, json, makeTestClient, type Reply, sse } from "./helpers.js"

const Chunk = Schema.Struct({
  choices: Schema.Array(
    Schema.Struct({
      delta: Schema.Struct({ content: Schema.optionalKey(Schema.String) }),
      finish_reason: Schema.optionalKey(Schema.NullOr(Schema.String))
    })
  )
})

const chunk = (content: string, finish_reason: string | null = null) => ({ choices: [{ delta: { content }, finish_reason }] })

const request: ZaiClient.ZaiRequest = {
  method: "POST",
  path: "/chat/completions",
  operation: "chat.completions.stream",
  body: { _tag: "Json", value: { model: "glm-4.6", stream: true } }
}

const run = (replies: ReadonlyArray<Reply>, config: Partial<ZaiConfig.Options> = {}, advance: Duration.Input = "10 minutes") =>
  Effect.gen(function* () {
    const { client, requests } = makeTestClient((_, index) => Effect.succeed(replies[Math.min(index, replies.length - 1)]))
    const received: Array<string> = []
    const fiber = yield* Effect.flatMap(ZaiClient.ZaiClient, (zai) =>
      zai.stream(request, Chunk).pipe(
        Stream.runForEach((c) => Effect.sync(() => received.push(c.choices[0]?.delta.content ?? ""))),
        Effect.exit
      )
    ).pipe(Effect.provide(clientLayer(client, config)), Effect.forkChild)
    yield* TestClock.adjust(advance)
    const exit = yield* Fiber.join(fiber)
    const error = Exit.isFailure(exit) ? Cause.findErrorOption(exit.cause) : undefined
    return { exit, received, requests, error: error?._tag === "Some" ? (error.value as ZaiError.ZaiError) : undefined }
  })

describe("ZaiClient.stream", () => {
  it.effect("decodes chunks until [DONE] and ignores anything after it", () =>
    Effect.gen(function* () {
      const { received, exit, requests } = yield* run([sse(bytes(frames(chunk("Hel"), chunk("lo", "stop")), "data: {\"late\":1}\n\n"))])
      assert.isTrue(Exit.isSuccess(exit))
      assert.deepStrictEqual(received, ["Hel", "lo"])
      assert.strictEqual(requests[0].headers.accept, "text/event-stream")
    }))

  it.effect("handles frames split at every byte, CRLF endings, comments and retry fields", () =>
    Effect.gen(function* () {
      const text = `: ping\r\nretry: 100\r\n\r\ndata: ${JSON.stringify(chunk("你好"))}\r\n\r\ndata: [DONE]\r\n\r\n`
      const parts = Array.from(new TextEncoder().encode(text), (b) => new Uint8Array([b]))
      const { received, exit } = yield* run([sse(Stream.fromIterable(parts))])
      assert.isTrue(Exit.isSuccess(exit))
      assert.deepStrictEqual(received, ["你好"])
    }))

  it.effect("a mid-stream {error} frame is a typed API error, after the chunks before it", () =>
    Effect.gen(function* () {
      const { received, error, requests } = yield* run([
        sse(bytes(frames(chunk("a"), { error: { code: "1302", message: "Too many requests" }, request_id: "rq-9" })))
      ])
      assert.deepStrictEqual(received, ["a"])
      assert.strictEqual(error?._tag, "RateLimitError")
      assert.strictEqual(error?.code, "1302")
      assert.strictEqual(error?.requestId, "rq-9")
      assert.strictEqual(requests.length, 1)
    }))

  it.effect("an `event: error` frame is a typed API error", () =>
    Effect.gen(function* () {
      const { error } = yield* run([sse(bytes('event: error\ndata: {"error":{"code":"1113","message":"arrears"}}\n\n'))])
      assert.strictEqual(error?._tag, "InsufficientBalanceError")
    }))

  it.effect('finish_reason "network_error" ends the stream with a typed error after delivering the chunk', () =>
    Effect.gen(function* () {
      const { received, error } = yield* run([sse(bytes(frames(chunk("x"), chunk("y", "network_error"))))])
      assert.deepStrictEqual(received, ["x", "y"])
      assert.strictEqual(error?._tag, "InternalServerError")
      assert.include(error?.message ?? "", "network_error")
    }))

  it.effect("a frame that is not JSON is a StreamParseError carrying the raw text", () =>
    Effect.gen(function* () {
      const { received, error } = yield* run([sse(bytes(`data: ${JSON.stringify(chunk("a"))}\n\ndata: {"choices":[{"delta":{"content":"b"}}]}{"choi\n\n`))])
      assert.deepStrictEqual(received, ["a"])
      assert.strictEqual(error?._tag, "StreamParseError")
      if (error?._tag === "StreamParseError") {
        assert.strictEqual(error.reason, "invalid-json")
        assert.strictEqual(error.raw, '{"choices":[{"delta":{"content":"b"}}]}{"choi')
      }
    }))

  it.effect("a truncated last frame is a StreamParseError; a chunk that fails the schema is a ResponseDecodeError", () =>
    Effect.gen(function* () {
      const truncated = yield* run([sse(bytes(`data: ${JSON.stringify(chunk("a"))}\n\ndata: {"choices":[{"del`))])
      assert.strictEqual(truncated.error?._tag, "StreamParseError")
      const wrong = yield* run([sse(bytes(frames({ choices: "nope" })))])
      assert.strictEqual(wrong.error?._tag, "ResponseDecodeError")
    }))

  it.effect("an event above maxEventSize is a typed error", () =>
    Effect.gen(function* () {
      const { error } = yield* run([sse(bytes(`data: ${"x".repeat(5000)}\n\n`))], { maxEventSize: 1024 })
      assert.strictEqual(error?._tag, "StreamParseError")
      if (error?._tag === "StreamParseError") assert.strictEqual(error.reason, "event-too-large")
    }))

  it.effect("the connection/headers phase is retried (non-2xx answers, connection errors)", () =>
    Effect.gen(function* () {
      const { received, requests, exit } = yield* run([
        json({ error: { code: "1305", message: "busy" } }, 429),
        { _tag: "ConnectionError" },
        sse(bytes(frames(chunk("ok"))))
      ])
      assert.isTrue(Exit.isSuccess(exit))
      assert.deepStrictEqual(received, ["ok"])
      assert.strictEqual(requests.length, 3)
    }))

  it.effect("a stream is never retried after its first chunk reached the caller", () =>
    Effect.gen(function* () {
      const request = HttpClientRequest.get("http://zai.test")
      const broken = Stream.concat(
        bytes(`data: ${JSON.stringify(chunk("first"))}\n\n`),
        Stream.fail(
          new HttpClientError.HttpClientError({
            reason: new HttpClientError.DecodeError({
              request,
              response: HttpClientResponse.fromWeb(request, new Response(null)),
              cause: new Error("other side closed")
            })
          })
        )
      )
      const { received, requests, error } = yield* run([sse(broken), sse(bytes(frames(chunk("again"))))])
      assert.deepStrictEqual(received, ["first"])
      assert.strictEqual(requests.length, 1)
      assert.strictEqual(error?._tag, "ConnectionError")
      assert.include(error?.message ?? "", "other side closed")
    }))

  it.effect("fails with TimeoutError stream-idle when no bytes arrive for streamIdleTimeout", () =>
    Effect.gen(function* () {
      const stalled = Stream.concat(bytes(`data: ${JSON.stringify(chunk("a"))}\n\n`), Stream.never)
      const { client } = makeTestClient(() => Effect.succeed(sse(stalled)))
      const received: Array<string> = []
      const fiber = yield* Effect.flatMap(ZaiClient.ZaiClient, (zai) =>
        zai.stream(request, Chunk).pipe(
          Stream.runForEach((c) => Effect.sync(() => received.push(c.choices[0]?.delta.content ?? ""))),
          Effect.flip
        )
      ).pipe(Effect.provide(clientLayer(client, { streamIdleTimeout: "30 seconds" })), Effect.forkChild)
      yield* TestClock.adjust("29 seconds")
      assert.isUndefined(fiber.pollUnsafe())
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(fiber)
      assert.deepStrictEqual(received, ["a"])
      assert.strictEqual(error._tag, "TimeoutError")
      if (error._tag === "TimeoutError") assert.strictEqual(error.kind, "stream-idle")
    }))

  it.effect("the default idle timeout is 2 minutes and is reset by every chunk", () =>
    Effect.gen(function* () {
      const paced = Stream.concat(
        Stream.fromIterable([chunk("a"), chunk("b")]).pipe(
          Stream.map((c) => new TextEncoder().encode(`data: ${JSON.stringify(c)}\n\n`)),
          Stream.tap(() => Effect.sleep("90 seconds"))
        ),
        Stream.never
      )
      const { received, error } = yield* run([sse(paced)], {}, "10 minutes")
      assert.deepStrictEqual(received, ["a", "b"])
      assert.strictEqual(error?._tag, "TimeoutError")
    }))

  it.effect("the headers phase of a stream is bounded by `timeout` (kind total) and retried", () =>
    Effect.gen(function* () {
      const { client, requests } = makeTestClient(() => Effect.never)
      const fiber = yield* Effect.flatMap(ZaiClient.ZaiClient, (zai) => Stream.runDrain(zai.stream(request, Chunk)).pipe(Effect.flip)).pipe(
        Effect.provide(clientLayer(client, { timeout: "20 seconds", maxRetries: 1 })),
        Effect.forkChild
      )
      yield* TestClock.adjust("2 minutes")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "TimeoutError")
      if (error._tag === "TimeoutError") {
        assert.strictEqual(error.kind, "total")
        assert.strictEqual(error.attempts, 2)
      }
      assert.strictEqual(requests.length, 2)
    }))
})

describe("ZaiClient.stream cancellation", () => {
  it.effect("aborting the signal interrupts the stream", () =>
    Effect.gen(function* () {
      const controller = new AbortController()
      const endless = Stream.concat(bytes(`data: ${JSON.stringify(chunk("a"))}\n\n`), Stream.never)
      const { client } = makeTestClient(() => Effect.succeed(sse(endless)))
      const received: Array<string> = []
      const fiber = yield* Effect.flatMap(ZaiClient.ZaiClient, (zai) =>
        zai.stream({ ...request, options: { signal: controller.signal } }, Chunk).pipe(
          Stream.runForEach((c) => Effect.sync(() => received.push(c.choices[0]?.delta.content ?? ""))),
          Effect.exit
        )
      ).pipe(Effect.provide(clientLayer(client)), Effect.forkChild)
      yield* TestClock.adjust("1 second")
      assert.deepStrictEqual(received, ["a"])
      controller.abort()
      yield* TestClock.adjust("1 second")
      const exit = yield* Fiber.join(fiber)
      assert.isTrue(Exit.isFailure(exit) && Exit.hasInterrupts(exit))
      assert.deepStrictEqual(received, ["a"])
    }))
})
