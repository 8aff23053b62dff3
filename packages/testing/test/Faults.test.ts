import { assert, describe, it, layer } from "@effect/vitest"
import { Effect, Exit, Result } from "effect"
import * as Faults from "../src/Faults.js"
import * as Simulator from "../src/Simulator.js"
import {
  type Chunk,
  type Completion,
  chatBody,
  type Envelope,
  get,
  headers,
  json,
  post,
  readUntilIdle,
  request,
  sseData
} from "./utils.js"

const prompt = "Describe the water cycle: evaporation, condensation, precipitation and collection"
const streamBody = chatBody(prompt, { stream: true })

/** A chat call with a fault header. */
const chatWith = (fault: string, body: unknown = chatBody(prompt)) =>
  Effect.flatMap(Simulator.Simulator, (sim) => post(sim, "/chat/completions", body, Faults.headers(fault)))

/** A streamed chat call with a fault header, read until the body ends or goes idle for `idleMs`. */
const streamWith = (fault: string, idleMs = 300) =>
  Effect.flatMap(Simulator.Simulator, (sim) =>
    readUntilIdle(
      `${sim.url}/chat/completions`,
      { method: "POST", headers: headers(sim, Faults.headers(fault)), body: JSON.stringify(streamBody) },
      idleMs
    )
  )

const parses = (data: string) => {
  try {
    JSON.parse(data)
    return true
  } catch {
    return false
  }
}

describe("Faults: parse and format", () => {
  it("parses the header syntax and formats it back", () => {
    const parsed = Faults.parse("rate-limit;seconds=2;code=1303")
    assert.isTrue(Result.isSuccess(parsed))
    if (Result.isSuccess(parsed)) {
      assert.deepStrictEqual(parsed.success, { kind: "rate-limit", seconds: 2, code: "1303" })
      assert.strictEqual(Faults.format(parsed.success), "rate-limit;code=1303;seconds=2")
    }
    const message = Faults.parse("error-frame;message=Oops%3B%20again;after=0")
    assert.deepStrictEqual(Result.getOrUndefined(message), { kind: "error-frame", message: "Oops; again", after: 0 })
    assert.deepStrictEqual(Result.getOrUndefined(Faults.parse(Faults.format(Faults.make("stall-inside", { ms: 5, after: 3 })))), {
      kind: "stall-inside",
      ms: 5,
      after: 3
    })
  })

  it("rejects unknown kinds, unknown parameters and bad numbers", () => {
    for (const text of ["explode", "rate-limit;colour=red", "stall-before;ms=soon", "reset;after=-1"]) {
      const parsed = Faults.parse(text)
      assert.isTrue(Result.isFailure(parsed), text)
      if (Result.isFailure(parsed)) assert.strictEqual(parsed.failure._tag, "InvalidFault")
    }
  })
})

layer(Simulator.layer())("Faults: error statuses on the wire", (it) => {
  it.effect("rate-limit: 429, code 1302, Retry-After in seconds", () =>
    Effect.gen(function* () {
      const res = yield* chatWith("rate-limit;seconds=7")
      assert.strictEqual(res.status, 429)
      assert.strictEqual(res.headers.get("retry-after"), "7")
      assert.strictEqual(json<Envelope>(res).error.code, "1302")
      assert.isString(res.headers.get("x-request-id"))
      assert.strictEqual((yield* chatWith("rate-limit")).headers.get("retry-after"), "1")
      assert.strictEqual(json<Envelope>(yield* chatWith("rate-limit;code=1303")).error.code, "1303")
    }))

  it.effect("insufficient-balance: 429 with code 1113 and no Retry-After", () =>
    Effect.gen(function* () {
      const res = yield* chatWith("insufficient-balance")
      assert.strictEqual(res.status, 429)
      assert.isNull(res.headers.get("retry-after"))
      assert.deepStrictEqual(json<Envelope>(res), {
        error: { code: "1113", message: "Insufficient balance or no resource package. Please recharge." }
      })
    }))

  it.effect("quota-exceeded: 429 with code 1304", () =>
    Effect.gen(function* () {
      const res = yield* chatWith("quota-exceeded")
      assert.strictEqual(res.status, 429)
      assert.strictEqual(json<Envelope>(res).error.code, "1304")
    }))

  it.effect("server-error: 500/code 500 by default, 502/503 with code 1234", () =>
    Effect.gen(function* () {
      const plain = yield* chatWith("server-error")
      assert.strictEqual(plain.status, 500)
      assert.strictEqual(json<Envelope>(plain).error.code, "500")
      for (const status of [502, 503]) {
        const res = yield* chatWith(`server-error;status=${status}`)
        assert.strictEqual(res.status, status)
        assert.strictEqual(json<Envelope>(res).error.code, "1234")
      }
    }))

  it.effect("overloaded: 503 with code 1312", () =>
    Effect.gen(function* () {
      const res = yield* chatWith("overloaded")
      assert.strictEqual(res.status, 503)
      assert.strictEqual(json<Envelope>(res).error.code, "1312")
    }))

  it.effect("content-filter: 400 with code 1301 and contentFilter", () =>
    Effect.gen(function* () {
      const res = yield* chatWith("content-filter")
      assert.strictEqual(res.status, 400)
      const body = json<Envelope>(res)
      assert.strictEqual(body.error.code, "1301")
      assert.deepStrictEqual(body.contentFilter, [{ level: 1, role: "user" }])
    }))

  it.effect("auth: 401 with code 1002", () =>
    Effect.gen(function* () {
      const res = yield* chatWith("auth")
      assert.strictEqual(res.status, 401)
      assert.strictEqual(json<Envelope>(res).error.code, "1002")
    }))

  it.effect("html-error: 502 with an HTML page", () =>
    Effect.gen(function* () {
      const res = yield* chatWith("html-error")
      assert.strictEqual(res.status, 502)
      assert.match(res.headers.get("content-type") ?? "", /^text\/html/)
      assert.match(res.text, /^<html>/)
      assert.include(res.text, "502 Bad Gateway")
    }))

  it.effect("status faults apply to streamed requests too (before any SSE)", () =>
    Effect.gen(function* () {
      const res = yield* chatWith("rate-limit;seconds=3", streamBody)
      assert.strictEqual(res.status, 429)
      assert.match(res.headers.get("content-type") ?? "", /application\/json/)
    }))

  it.effect("an invalid fault header answers 400 naming the header", () =>
    Effect.gen(function* () {
      const res = yield* chatWith("explode")
      assert.strictEqual(res.status, 400)
      assert.strictEqual(json<Envelope>(res).error.code, "1214")
      assert.include(json<Envelope>(res).error.message, "x-zai-sim-fault")
    }))
})

layer(Simulator.layer())("Faults: connection faults", (it) => {
  it.effect("reset: the socket is destroyed before any answer", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(chatWith("reset"))
      assert.isTrue(Exit.isFailure(exit))
      const seen = (yield* Simulator.requests).at(-1)
      assert.strictEqual(seen?.fault, "reset")
      assert.isUndefined(seen?.status)
    }))

  it.effect("reset;after=N: N SSE frames, then the socket is destroyed", () =>
    Effect.gen(function* () {
      const res = yield* streamWith("reset;after=2")
      assert.strictEqual(res.status, 200)
      assert.strictEqual(res.ended, "error")
      assert.strictEqual(sseData(res.text).length, 2)
    }))

  it.effect("stall-before;ms=N: answers normally after N ms", () =>
    Effect.gen(function* () {
      const started = Date.now()
      const res = yield* chatWith("stall-before;ms=150")
      assert.strictEqual(res.status, 200)
      assert.isAtLeast(Date.now() - started, 140)
    }))

  it.effect("stall-before: never answers (the client must time out)", () =>
    Effect.gen(function* () {
      const sim = yield* Simulator.Simulator
      const exit = yield* Effect.exit(
        request(`${sim.url}/chat/completions`, {
          method: "POST",
          headers: headers(sim, Faults.headers("stall-before")),
          body: JSON.stringify(chatBody("hi")),
          signal: AbortSignal.timeout(200)
        })
      )
      assert.isTrue(Exit.isFailure(exit))
    }))

  it.effect("stall-inside: two SSE frames, then silence", () =>
    Effect.gen(function* () {
      const res = yield* streamWith("stall-inside")
      assert.strictEqual(res.ended, "idle")
      const frames = sseData(res.text)
      assert.strictEqual(frames.length, 2)
      assert.isTrue(frames.every(parses))
    }))

  it.effect("stall-inside;ms=N;after=K: K frames, a pause, then the rest", () =>
    Effect.gen(function* () {
      const res = yield* streamWith("stall-inside;ms=100;after=1", 1000)
      assert.strictEqual(res.ended, "done")
      assert.isTrue(res.text.endsWith("data: [DONE]\n\n"))
    }))

  it.effect("stall-inside on a JSON answer: half the body, then silence", () =>
    Effect.gen(function* () {
      const sim = yield* Simulator.Simulator
      const res = yield* readUntilIdle(
        `${sim.url}/chat/completions`,
        { method: "POST", headers: headers(sim, Faults.headers("stall-inside")), body: JSON.stringify(chatBody(prompt)) },
        300
      )
      assert.strictEqual(res.ended, "idle")
      assert.isFalse(parses(res.text))
      assert.match(res.text, /^\{"id":/)
    }))
})

layer(Simulator.layer())("Faults: broken SSE", (it) => {
  it.effect("truncated-sse: a data frame cut in the middle, then the stream ends (no [DONE])", () =>
    Effect.gen(function* () {
      const res = yield* streamWith("truncated-sse")
      assert.strictEqual(res.ended, "done")
      assert.isFalse(res.text.endsWith("\n\n"))
      assert.notInclude(res.text, "[DONE]")
      const frames = sseData(res.text)
      assert.strictEqual(frames.length, 3)
      assert.isTrue(parses(frames[0] ?? "") && parses(frames[1] ?? ""))
      assert.isFalse(parses(frames[2] ?? ""))
    }))

  it.effect("concatenated-sse: two JSON objects in one data line, then the rest and [DONE]", () =>
    Effect.gen(function* () {
      const res = yield* streamWith("concatenated-sse")
      const frames = sseData(res.text)
      assert.isTrue(parses(frames[0] ?? ""))
      assert.include(frames[1] ?? "", '}]}{"id":')
      assert.isFalse(parses(frames[1] ?? ""))
      assert.strictEqual(frames.at(-1), "[DONE]")
    }))

  it.effect("corrupt-sse: a non-JSON data line, then the rest and [DONE]", () =>
    Effect.gen(function* () {
      const res = yield* streamWith("corrupt-sse;after=2")
      const frames = sseData(res.text)
      assert.isTrue(parses(frames[0] ?? "") && parses(frames[1] ?? ""))
      assert.isFalse(parses(frames[2] ?? ""))
      assert.strictEqual(frames.at(-1), "[DONE]")
    }))

  it.effect("error-frame: a mid-stream error payload, then the stream ends (no [DONE])", () =>
    Effect.gen(function* () {
      const res = yield* streamWith("error-frame")
      const frames = sseData(res.text)
      assert.strictEqual(frames.length, 2)
      assert.deepStrictEqual(JSON.parse(frames[1] ?? ""), {
        error: { code: "1234", message: "Network error, please try again later." }
      })
      const custom = sseData((yield* streamWith("error-frame;after=0;code=1301;message=blocked")).text)
      assert.deepStrictEqual(JSON.parse(custom[0] ?? ""), { error: { code: "1301", message: "blocked" } })
    }))

  it.effect("network-error-finish: the last chunk has finish_reason network_error, then [DONE]", () =>
    Effect.gen(function* () {
      const res = yield* streamWith("network-error-finish")
      const frames = sseData(res.text)
      assert.strictEqual(frames.at(-1), "[DONE]")
      const chunks = frames.slice(0, -1).map((f) => JSON.parse(f) as Chunk)
      assert.strictEqual(chunks.at(-1)?.choices[0]?.finish_reason, "network_error")
      assert.isTrue(chunks.slice(0, -1).every((c) => c.choices[0]?.finish_reason === undefined))
      const early = sseData((yield* streamWith("network-error-finish;after=1")).text)
      assert.strictEqual(early.length, 3)
    }))

  it.effect("body faults on JSON answers", () =>
    Effect.gen(function* () {
      const network = json<Completion>(yield* chatWith("network-error-finish"))
      assert.strictEqual(network.choices[0]?.finish_reason, "network_error")
      const errorFrame = yield* chatWith("error-frame")
      assert.strictEqual(errorFrame.status, 200)
      assert.strictEqual(json<Envelope>(errorFrame).error.code, "1234")
      const corrupt = yield* chatWith("corrupt-sse")
      assert.strictEqual(corrupt.status, 200)
      assert.isFalse(parses(corrupt.text))
      const doubled = yield* chatWith("concatenated-sse")
      assert.isFalse(parses(doubled.text))
      assert.include(doubled.text, "}{")
      const truncated = yield* Effect.exit(chatWith("truncated-sse"))
      assert.isTrue(Exit.isFailure(truncated))
    }))
})

describe("Faults: the queue", () => {
  it.effect("options.faults are consumed one per request", () =>
    Effect.gen(function* () {
      const sim = yield* Simulator.Simulator
      const statuses: Array<number> = []
      for (let i = 0; i < 4; i++) statuses.push((yield* post(sim, "/chat/completions", chatBody("hi"))).status)
      assert.deepStrictEqual(statuses, [429, 503, 200, 500])
      const seen = yield* Simulator.requests
      assert.deepStrictEqual(
        seen.map((r) => r.fault),
        ["rate-limit;seconds=1", "server-error;status=503", undefined, "server-error"]
      )
    }).pipe(
      Effect.provide(
        Simulator.layer({ faults: ["rate-limit;seconds=1", Faults.make("server-error", { status: 503 }), "none", "server-error"] })
      )
    ))

  it.effect("injectFaults at runtime; a header overrides the queued entry (which is still consumed)", () =>
    Effect.gen(function* () {
      const sim = yield* Simulator.Simulator
      yield* Simulator.injectFaults(["overloaded", "auth", "content-filter"])
      assert.strictEqual((yield* sim.pendingFaults).length, 3)
      assert.strictEqual((yield* post(sim, "/chat/completions", chatBody("hi"))).status, 503)
      assert.strictEqual((yield* post(sim, "/chat/completions", chatBody("hi"), Faults.headers("none"))).status, 200)
      assert.strictEqual((yield* post(sim, "/chat/completions", chatBody("hi"))).status, 400)
      assert.strictEqual((yield* post(sim, "/chat/completions", chatBody("hi"))).status, 200)
      const invalid = yield* Effect.flip(Simulator.injectFaults(["nope"]))
      assert.strictEqual(invalid._tag, "InvalidFault")
      yield* Simulator.injectFaults(["rate-limit"])
      yield* Simulator.reset
      assert.strictEqual((yield* sim.pendingFaults).length, 0)
    }).pipe(Effect.provide(Simulator.layer())))

  it.effect("an invalid queued fault fails the layer", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Effect.scoped(Simulator.start({ faults: ["explode"] })))
      assert.strictEqual(error._tag, "InvalidFault")
    }))

  it.effect("task-failed: the async task ends in FAIL", () =>
    Effect.gen(function* () {
      const sim = yield* Simulator.Simulator
      const created = json<{ id: string }>(
        yield* post(sim, "/async/chat/completions", chatBody("hi"), Faults.headers("task-failed"))
      )
      const first = json<{ task_status: string; error?: Envelope["error"] }>(yield* get(sim, `/async-result/${created.id}`))
      assert.strictEqual(first.task_status, "FAIL")
      assert.strictEqual(first.error?.code, "1234")
      const other = json<{ id: string }>(yield* post(sim, "/async/chat/completions", chatBody("hello")))
      const failedPoll = json<{ task_status: string }>(
        yield* get(sim, `/async-result/${other.id}`, Faults.headers("task-failed"))
      )
      assert.strictEqual(failedPoll.task_status, "FAIL")
    }).pipe(Effect.provide(Simulator.layer({ asyncPolls: 0 }))))
})
