/**
 * The fault matrix: every simulator fault × (non-streaming, streaming) through the real `ZaiClient`
 * (`@zai-kit/transport`), on both HTTP stacks (fetch and undici). For each cell it checks the error class,
 * whether the client retried, the number of attempts (on the error and as seen by the simulator), the waits
 * between attempts (on the TestClock: retries and timeouts are Effect sleeps), and that a fault on the first
 * attempt only is recovered from when, and only when, the fault is retryable.
 */
import { assert, describe, layer } from "@effect/vitest"
import { ChatCompletions } from "@zai-kit/schema"
import { ZaiClient, type ZaiError } from "@zai-kit/transport"
import { Cause, Clock, Effect, Exit, Result, Stream } from "effect"
import { HttpClient } from "effect/http"
import * as Faults from "../src/Faults.js"
import * as Simulator from "../src/Simulator.js"
import * as TestLayers from "../src/TestLayers.js"

/** Client settings of the matrix: the default 2 retries, short timeouts so stalls resolve in little virtual time. */
const timeoutMs = 3_000
const streamIdleMs = 2_000
const maxRetries = 2

/** What a cell expects. */
type Outcome =
  | {
      readonly _tag: "Fail"
      /** `_tag` of the `ZaiError`. */
      readonly error: ZaiError.ZaiError["_tag"]
      /** Whether the client retries it (then it makes `maxRetries + 1` attempts). */
      readonly retried: boolean
      readonly status?: number
      readonly code?: string
      readonly kind?: string
      /** Chunks delivered before a mid-stream failure (`"some"`: at least one). */
      readonly chunksBefore?: number | "some"
      /** Minimum virtual wait between attempts (ms); the upper bound adds `slackMs`. */
      readonly waitMs?: ReadonlyArray<number>
    }
  | {
      readonly _tag: "Succeed"
      /** `finish_reason` of the (last) choice. */
      readonly finish?: string
      /** Why a success is what the transport does today. */
      readonly note: string
    }

interface Row {
  readonly fault: string
  readonly json: Outcome
  readonly stream: Outcome
}

/** Jittered backoff of the transport: `min(0.5 s · 2^n, 8 s) × (1 − 0.25 · random)`, so at least 375 ms then 750 ms. */
const backoff = [375, 750] as const
/** Virtual time that may pass while an answer is in flight (the driver advances the clock in steps). */
const slackMs = 1_500

const fail = (error: ZaiError.ZaiError["_tag"], retried: boolean, extra: Omit<Extract<Outcome, { _tag: "Fail" }>, "_tag" | "error" | "retried"> = {}): Outcome => ({
  _tag: "Fail",
  error,
  retried,
  ...(retried && extra.waitMs === undefined ? { waitMs: backoff } : {}),
  ...extra
})

const matrix: ReadonlyArray<Row> = [
  {
    fault: "rate-limit;seconds=1",
    json: fail("RateLimitError", true, { status: 429, code: "1302", waitMs: [1_000, 1_000] }),
    stream: fail("RateLimitError", true, { status: 429, code: "1302", waitMs: [1_000, 1_000] })
  },
  {
    // Retry-After wins over the (shorter) backoff
    fault: "rate-limit;seconds=5",
    json: fail("RateLimitError", true, { status: 429, waitMs: [5_000, 5_000] }),
    stream: fail("RateLimitError", true, { status: 429, waitMs: [5_000, 5_000] })
  },
  {
    // above the 60 s cap the normal backoff applies
    fault: "rate-limit;seconds=3600",
    json: fail("RateLimitError", true, { status: 429 }),
    stream: fail("RateLimitError", true, { status: 429 })
  },
  {
    fault: "insufficient-balance",
    json: fail("InsufficientBalanceError", false, { status: 429, code: "1113" }),
    stream: fail("InsufficientBalanceError", false, { status: 429, code: "1113" })
  },
  {
    fault: "quota-exceeded",
    json: fail("QuotaExceededError", false, { status: 429, code: "1304" }),
    stream: fail("QuotaExceededError", false, { status: 429, code: "1304" })
  },
  {
    fault: "server-error",
    json: fail("InternalServerError", true, { status: 500, code: "500" }),
    stream: fail("InternalServerError", true, { status: 500, code: "500" })
  },
  {
    fault: "server-error;status=502",
    json: fail("InternalServerError", true, { status: 502, code: "1234" }),
    stream: fail("InternalServerError", true, { status: 502, code: "1234" })
  },
  {
    fault: "server-error;status=503",
    json: fail("InternalServerError", true, { status: 503, code: "1234" }),
    stream: fail("InternalServerError", true, { status: 503, code: "1234" })
  },
  {
    fault: "overloaded",
    json: fail("ServerOverloadedError", true, { status: 503, code: "1312" }),
    stream: fail("ServerOverloadedError", true, { status: 503, code: "1312" })
  },
  {
    fault: "content-filter",
    json: fail("ContentFilterError", false, { status: 400, code: "1301" }),
    stream: fail("ContentFilterError", false, { status: 400, code: "1301" })
  },
  {
    fault: "auth",
    json: fail("AuthenticationError", false, { status: 401, code: "1002" }),
    stream: fail("AuthenticationError", false, { status: 401, code: "1002" })
  },
  {
    fault: "html-error",
    json: fail("InternalServerError", true, { status: 502 }),
    stream: fail("InternalServerError", true, { status: 502 })
  },
  {
    fault: "reset",
    json: fail("ConnectionError", true),
    stream: fail("ConnectionError", true)
  },
  {
    // JSON: the body is cut halfway and the connection reset, inside the attempt, so it is retried.
    // Stream: two chunks reached the caller; a partly consumed stream is never retried.
    fault: "reset;after=2",
    json: fail("ConnectionError", true, { status: 200 }),
    stream: fail("ConnectionError", false, { status: 200, chunksBefore: 2 })
  },
  {
    fault: "stall-before",
    json: fail("TimeoutError", true, { kind: "total", waitMs: [timeoutMs + backoff[0], timeoutMs + backoff[1]] }),
    stream: fail("TimeoutError", true, { kind: "total", waitMs: [timeoutMs + backoff[0], timeoutMs + backoff[1]] })
  },
  {
    fault: "stall-inside",
    json: fail("TimeoutError", true, { kind: "total", waitMs: [timeoutMs + backoff[0], timeoutMs + backoff[1]] }),
    stream: fail("TimeoutError", false, { kind: "stream-idle", chunksBefore: 2 })
  },
  {
    fault: "truncated-sse",
    json: fail("ConnectionError", true, { status: 200 }),
    stream: fail("StreamParseError", false, { status: 200, chunksBefore: 2 })
  },
  {
    fault: "concatenated-sse",
    json: fail("ResponseDecodeError", false, { status: 200 }),
    stream: fail("StreamParseError", false, { status: 200, chunksBefore: 1 })
  },
  {
    fault: "corrupt-sse",
    json: fail("ResponseDecodeError", false, { status: 200 }),
    stream: fail("StreamParseError", false, { status: 200, chunksBefore: 1 })
  },
  {
    fault: "error-frame",
    // a 200 whose body is the error envelope fails typed by its code (1234: internal, retryable)
    json: fail("InternalServerError", true, { status: 200, code: "1234" }),
    stream: fail("InternalServerError", false, { status: 200, code: "1234", chunksBefore: 1 })
  },
  {
    fault: "network-error-finish",
    // as in streams: finish_reason network_error fails (retryable; a non-streamed call can retry it)
    json: fail("InternalServerError", true, { status: 200 }),
    // the content chunks reach the caller, then the last chunk's finish_reason fails the stream
    stream: fail("InternalServerError", false, { status: 200, chunksBefore: "some" })
  }
]

// -----------------------------------------------------------------------------
// harness
// -----------------------------------------------------------------------------

const prompt = "Describe the water cycle: evaporation, condensation, precipitation and collection"

const request = (stream: boolean, headers: Record<string, string>): ZaiClient.ZaiRequest => ({
  method: "POST",
  path: "/chat/completions",
  operation: "chat.completions.create",
  body: {
    _tag: "Json",
    value: { model: "glm-4.6", messages: [{ role: "user", content: prompt }], ...(stream ? { stream: true } : {}) }
  },
  options: { headers }
})

/** Virtual times (TestClock) at which the client sent each attempt. */
const attemptTimes: Array<number> = []

const recordAttemptTime = (client: HttpClient.HttpClient): HttpClient.HttpClient =>
  HttpClient.tapRequest(client, () => Effect.map(Clock.currentTimeMillis, (t) => void attemptTimes.push(t)))


interface Run {
  readonly exit: Exit.Exit<ReadonlyArray<unknown>, ZaiError.ZaiError>
  /** Chunks (stream) or the single completion (JSON) delivered to the caller. */
  readonly delivered: ReadonlyArray<unknown>
  readonly requests: ReadonlyArray<Simulator.RecordedRequest>
  readonly times: ReadonlyArray<number>
}

const run = (stream: boolean, headers: Record<string, string> = {}) =>
  Effect.gen(function* () {
    const client = yield* ZaiClient.ZaiClient
    const sim = yield* Simulator.Simulator
    attemptTimes.length = 0
    const delivered: Array<unknown> = []
    const call: Effect.Effect<ReadonlyArray<unknown>, ZaiError.ZaiError> = stream
      ? Stream.runForEach(client.stream(request(true, headers), ChatCompletions.ChatCompletionChunk), (chunk) =>
          Effect.sync(() => void delivered.push(chunk))
        ).pipe(Effect.as(delivered))
      : Effect.map(client.json(request(false, headers), ChatCompletions.ChatCompletion), (completion) => {
          delivered.push(completion)
          return delivered
        })
    const fiber = yield* Effect.forkChild(call)
    const exit = yield* TestLayers.drive(fiber)
    const requests = yield* sim.requests
    yield* sim.reset
    return { exit, delivered, requests, times: [...attemptTimes] } satisfies Run
  })

/** A fault text as the simulator records it. */
const canonical = (fault: string): string => {
  const parsed = Faults.parse(fault)
  return Result.isSuccess(parsed) ? Faults.format(parsed.success) : fault
}

const failureOf = (exit: Exit.Exit<unknown, ZaiError.ZaiError>): ZaiError.ZaiError | undefined => {
  if (Exit.isSuccess(exit)) return undefined
  const error = Cause.findErrorOption(exit.cause)
  return error._tag === "Some" ? error.value : undefined
}

const contentOf = (delivered: ReadonlyArray<unknown>, stream: boolean): string =>
  stream
    ? (delivered as ReadonlyArray<ChatCompletions.ChatCompletionChunk>)
        .map((c) => c.choices?.[0]?.delta?.content ?? "")
        .join("")
    : ((delivered[0] as ChatCompletions.ChatCompletion | undefined)?.choices?.[0]?.message?.content ?? "")

/** Checks a run against its expected outcome when every attempt carries the fault. */
const checkPersistent = (label: string, outcome: Outcome, result: Run, stream: boolean) => {
  const { exit, requests, times } = result
  if (outcome._tag === "Succeed") {
    assert.isTrue(Exit.isSuccess(exit), `${label}: expected success (${outcome.note})`)
    assert.strictEqual(requests.length, 1, `${label}: attempts`)
    if (outcome.finish !== undefined) {
      const completion = result.delivered[0] as ChatCompletions.ChatCompletion
      assert.strictEqual(completion.choices?.[0]?.finish_reason, outcome.finish, label)
    }
    return
  }
  const error = failureOf(exit)
  assert.isDefined(error, `${label}: expected ${outcome.error}, got ${Exit.isSuccess(exit) ? "success" : Cause.pretty(exit.cause)}`)
  if (error === undefined) return
  assert.strictEqual(error._tag, outcome.error, `${label}: error class (${error.message})`)
  const attempts = outcome.retried ? maxRetries + 1 : 1
  assert.strictEqual(error.attempts, attempts, `${label}: error.attempts`)
  assert.strictEqual(requests.length, attempts, `${label}: requests seen by the simulator`)
  assert.strictEqual(times.length, attempts, `${label}: requests sent by the client`)
  assert.strictEqual(error.isRetryable || !outcome.retried, true, `${label}: isRetryable`)
  if (outcome.status !== undefined) assert.strictEqual(error.status, outcome.status, `${label}: status`)
  if (outcome.code !== undefined) assert.strictEqual(error.code, outcome.code, `${label}: code`)
  if (outcome.kind !== undefined) assert.strictEqual("kind" in error ? error.kind : undefined, outcome.kind, `${label}: kind`)
  if (error.status !== undefined && error.status >= 400) {
    assert.isString(error.requestId, `${label}: requestId from x-request-id`)
  }
  if (stream && outcome.chunksBefore === "some") {
    assert.isAbove(result.delivered.length, 0, `${label}: chunks before the failure`)
  } else if (stream && outcome.chunksBefore !== undefined) {
    assert.strictEqual(result.delivered.length, outcome.chunksBefore, `${label}: chunks before the failure`)
  } else if (stream) {
    assert.strictEqual(result.delivered.length, 0, `${label}: no chunk before the failure`)
  }
  for (let i = 1; i < times.length; i++) {
    const waited = (times[i] ?? 0) - (times[i - 1] ?? 0)
    const min = outcome.waitMs?.[i - 1] ?? 0
    assert.isAtLeast(waited, min, `${label}: wait before attempt ${i + 1}`)
    assert.isBelow(waited, min + (i === 1 ? 500 : 1_000) + slackMs, `${label}: wait before attempt ${i + 1}`)
  }
}

// -----------------------------------------------------------------------------
// the matrix
// -----------------------------------------------------------------------------

for (const http of ["fetch", "undici"] as const) {
  const client = {
    maxRetries,
    timeout: `${timeoutMs} millis`,
    streamIdleTimeout: `${streamIdleMs} millis`,
    transformClient: recordAttemptTime
  } as const

  layer(TestLayers.layerZaiClient({ http, client }), { timeout: "120 seconds" })(`FaultMatrix (${http})`, (it) => {
    for (const row of matrix) {
      for (const stream of [false, true]) {
        const outcome = stream ? row.stream : row.json
        const mode = stream ? "stream" : "json"

        it.effect(`${row.fault} × ${mode}: every attempt faulted → ${outcome._tag === "Fail" ? `${outcome.error}${outcome.retried ? ` after ${maxRetries + 1} attempts` : ", no retry"}` : "success"}`, () =>
          Effect.gen(function* () {
            const result = yield* run(stream, Faults.headers(row.fault))
            checkPersistent(`${row.fault} × ${mode}`, outcome, result, stream)
            for (const seen of result.requests) assert.strictEqual(seen.fault, canonical(row.fault))
          }))

        if (outcome._tag === "Fail") {
          it.effect(`${row.fault} × ${mode}: first attempt faulted → ${outcome.retried ? "recovers on the retry" : "fails, no retry"}`, () =>
            Effect.gen(function* () {
              const sim = yield* Simulator.Simulator
              const clean = yield* run(stream)
              assert.isTrue(Exit.isSuccess(clean.exit), "baseline call succeeds")
              yield* sim.injectFaults([row.fault])
              const result = yield* run(stream)
              if (outcome.retried) {
                assert.isTrue(Exit.isSuccess(result.exit), `recovered: ${Exit.isFailure(result.exit) ? Cause.pretty(result.exit.cause) : ""}`)
                assert.strictEqual(result.requests.length, 2)
                assert.strictEqual(result.requests[0]?.fault, canonical(row.fault))
                assert.isUndefined(result.requests[1]?.fault)
                assert.strictEqual(contentOf(result.delivered, stream), contentOf(clean.delivered, stream), "same answer as without the fault")
                assert.deepStrictEqual(result.requests[1]?.body, result.requests[0]?.body, "the retry sends the same body")
              } else {
                assert.strictEqual(failureOf(result.exit)?._tag, outcome.error)
                assert.strictEqual(result.requests.length, 1)
              }
            }))
        }
      }
    }
  })
}

describe("FaultMatrix coverage", () => {
  layer(TestLayers.layerZaiClient())((it) => {
    it.effect("covers every fault kind that applies to chat completions", () =>
      Effect.sync(() => {
        const covered = new Set(matrix.map((row) => row.fault.split(";")[0]))
        const notApplicable = new Set(["none", "task-failed"])
        for (const kind of Faults.kinds) {
          if (!notApplicable.has(kind)) assert.isTrue(covered.has(kind), `${kind} is in the matrix`)
        }
      }))
  })
})
