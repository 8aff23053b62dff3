import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Stream } from "effect"
import fc from "fast-check"
import { Sse } from "../src/index.js"

const encoder = new TextEncoder()

const decodeChunks = (chunks: ReadonlyArray<Uint8Array>, options?: Sse.Options) =>
  Sse.decodeSse(Stream.fromIterable(chunks), options).pipe(Stream.runCollect)

const decodeText = (...parts: ReadonlyArray<string>) => decodeChunks(parts.map((part) => encoder.encode(part)))

/** Decodes with the synchronous decoder directly (no Effect), for property tests. */
const decodeSync = (chunks: ReadonlyArray<Uint8Array>, options?: Sse.Options) => {
  const decoder = Sse.makeDecoder(options)
  const out: Array<Sse.SseEvent> = []
  for (const chunk of chunks) {
    const error = decoder.feed(chunk, out)
    if (error !== undefined) return { events: out, error }
  }
  const error = decoder.end(out)
  return { events: out, error }
}

const splitAt = (bytes: Uint8Array, cuts: ReadonlyArray<number>): Array<Uint8Array> => {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)
  const out: Array<Uint8Array> = []
  let start = 0
  for (const point of points) {
    out.push(bytes.subarray(start, point))
    start = point
  }
  out.push(bytes.subarray(start))
  return out
}

describe("Sse.decodeSse", () => {
  it.effect("decodes LF-framed data events", () =>
    Effect.gen(function* () {
      const events = yield* decodeText('data: {"a":1}\n\ndata: [DONE]\n\n')
      assert.deepStrictEqual(
        events.map((e) => e.data),
        ['{"a":1}', "[DONE]"]
      )
    }))

  it.effect("handles CRLF and CR line ends, also a CRLF split across reads", () =>
    Effect.gen(function* () {
      const crlf = yield* decodeText("data: a\r\n\r\ndata: b\r", "\n\r\n")
      assert.deepStrictEqual(
        crlf.map((e) => e.data),
        ["a", "b"]
      )
      const cr = yield* decodeText("data: x\r\rdata: y\r\r")
      assert.deepStrictEqual(
        cr.map((e) => e.data),
        ["x", "y"]
      )
    }))

  it.effect("joins multi-line data with \\n and keeps event, id and retry", () =>
    Effect.gen(function* () {
      const events = yield* decodeText("event: delta\nid: 7\nretry: 1500\ndata: line1\ndata:line2\ndata\n\n")
      assert.deepStrictEqual(events, [{ event: "delta", data: "line1\nline2\n", id: "7", retry: 1500 }])
    }))

  it.effect("ignores comments, unknown fields and blocks without data; the id persists", () =>
    Effect.gen(function* () {
      const events = yield* decodeText(": keep-alive\n\nid: 1\nfoo: bar\n\nevent: ping\n\ndata: x\n\n")
      assert.deepStrictEqual(events, [{ event: undefined, data: "x", id: "1", retry: undefined }])
    }))

  it.effect("does not fail on retry fields (effect's Sse.decode does)", () =>
    Effect.gen(function* () {
      const events = yield* decodeText("retry: 3000\n\ndata: ok\n\n")
      assert.deepStrictEqual(
        events.map((e) => e.data),
        ["ok"]
      )
    }))

  it.effect("strips a leading BOM, also split across reads", () =>
    Effect.gen(function* () {
      const bom = new Uint8Array([0xef, 0xbb, 0xbf])
      const events = yield* decodeChunks([bom.subarray(0, 1), bom.subarray(1), encoder.encode("data: hi\n\n")])
      assert.deepStrictEqual(
        events.map((e) => e.data),
        ["hi"]
      )
    }))

  it.effect("reassembles UTF-8 split inside a code point", () =>
    Effect.gen(function* () {
      const bytes = encoder.encode('data: {"t":"你好🙂"}\n\n')
      const chunks = Array.from(bytes, (byte) => new Uint8Array([byte]))
      const events = yield* decodeChunks(chunks)
      assert.deepStrictEqual(
        events.map((e) => e.data),
        ['{"t":"你好🙂"}']
      )
    }))

  it.effect("dispatches a last event that lacks its blank line (a truncated stream reaches the JSON layer)", () =>
    Effect.gen(function* () {
      const events = yield* decodeText('data: {"a":1}\n\ndata: {"a":')
      assert.deepStrictEqual(
        events.map((e) => e.data),
        ['{"a":1}', '{"a":']
      )
    }))

  it.effect("fails with a typed StreamParseError above maxEventSize", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(decodeText(`data: ${"x".repeat(100)}\n\n`).pipe(Effect.asVoid))
      assert.isTrue(Exit.isSuccess(exit))
      const error = yield* Effect.flip(
        Sse.decodeSse(Stream.make(encoder.encode(`data: ${"x".repeat(100)}`)), { maxEventSize: 50 }).pipe(Stream.runDrain)
      )
      assert.strictEqual(error._tag, "StreamParseError")
      assert.strictEqual(error.reason, "event-too-large")
    }))

  it.effect("bounds an unterminated line too (no unbounded buffering)", () =>
    Effect.gen(function* () {
      const chunk = encoder.encode("x".repeat(1000))
      const error = yield* Effect.flip(
        Sse.decodeSse(Stream.fromIterable(Array.from({ length: 100 }, () => chunk)), { maxEventSize: 10_000 }).pipe(
          Stream.runDrain
        )
      )
      assert.strictEqual(error.reason, "event-too-large")
    }))

  it.effect("passes failures of the byte stream through", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Sse.decodeSse(Stream.fail("boom" as const)).pipe(Stream.runDrain))
      assert.strictEqual(error, "boom")
    }))
})

// --- properties ------------------------------------------------------------------------------------

const fieldText = fc.string({ unit: "grapheme", maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ""))

const eventArb = fc.record({
  event: fc.option(fieldText.filter((s) => s.length > 0), { nil: undefined }),
  id: fc.option(fieldText.filter((s) => !s.includes("\0")), { nil: undefined }),
  data: fc.array(fieldText, { minLength: 1, maxLength: 3 })
})

const lineEnd = fc.constantFrom("\n", "\r\n", "\r")

const render = (
  events: ReadonlyArray<{ event: string | undefined; id: string | undefined; data: ReadonlyArray<string> }>,
  eol: string,
  comments: boolean
) =>
  events
    .map(
      (e) =>
        `${comments ? `: comment${eol}` : ""}${e.event !== undefined ? `event: ${e.event}${eol}` : ""}${
          e.id !== undefined ? `id: ${e.id}${eol}` : ""
        }${e.data.map((d) => `data: ${d}${eol}`).join("")}${eol}`
    )
    .join("")

describe("Sse properties", () => {
  it("any split of a valid byte stream decodes to the same events", () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 8 }),
        lineEnd,
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        (events, eol, comments, bom, cuts) => {
          const text = render(events, eol, comments)
          const body = encoder.encode(text)
          const bytes = bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body
          const whole = decodeSync([bytes])
          const split = decodeSync(splitAt(bytes, cuts))
          assert.isUndefined(whole.error)
          assert.isUndefined(split.error)
          assert.deepStrictEqual(split.events, whole.events)
          let lastId: string | undefined
          const expected = events.map((e) => {
            if (e.id !== undefined) lastId = e.id
            return { event: e.event, data: e.data.join("\n"), id: lastId, retry: undefined }
          })
          assert.deepStrictEqual(whole.events, expected)
        }
      ),
      { numRuns: 300 }
    )
  })

  it("arbitrary bytes end in events or a typed error, and splitting never changes the outcome", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.integer({ min: 1, max: 64 }),
        (bytes, cuts, maxEventSize) => {
          const whole = decodeSync([bytes], { maxEventSize })
          const split = decodeSync(splitAt(bytes, cuts), { maxEventSize })
          if (whole.error !== undefined) {
            assert.strictEqual(whole.error._tag, "StreamParseError")
            assert.isDefined(split.error)
          } else {
            assert.isUndefined(split.error)
            assert.deepStrictEqual(split.events, whole.events)
          }
          for (const event of whole.events) assert.strictEqual(typeof event.data, "string")
        }
      ),
      { numRuns: 500 }
    )
  })

  it.effect("arbitrary byte streams always terminate through the Stream API", () =>
    Effect.promise(() =>
      fc.assert(
        fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }), async (chunks) => {
          const exit = await Effect.runPromiseExit(
            Sse.decodeSse(Stream.fromIterable(chunks), { maxEventSize: 128 }).pipe(Stream.runCollect)
          )
          if (Exit.isFailure(exit)) {
            const text = String(exit.cause)
            assert.include(text, "StreamParseError")
          }
        }),
        { numRuns: 200 }
      )
    ))
})
