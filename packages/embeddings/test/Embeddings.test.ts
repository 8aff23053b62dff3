import { assert, describe, it, layer } from "@effect/vitest"
import { Embeddings as Wire } from "@zai-kit/schema"
import { Simulator } from "@zai-kit/testing"
import { Effect } from "effect"
import { Embeddings, maxBatchSize } from "../src/Embeddings.js"
import * as Similarity from "../src/Similarity.js"
import { failureOf, fixedLayer, type Seen } from "./utils.js"
import { layer as simLayer } from "./utils.js"

const unitLength = (v: ReadonlyArray<number>) => Math.abs(Similarity.norm(v) - 1) < 1e-5

layer(simLayer())("Embeddings", (it) => {
  describe("create", () => {
    it.effect("sends one text as JSON and decodes the vectors, model and usage", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const embeddings = yield* Embeddings
        const response = yield* embeddings.create({ model: "embedding-3", input: "The quick brown fox", user: "user-42" })
        assert.strictEqual(response.object, "list")
        assert.strictEqual(response.model, "embedding-3")
        assert.strictEqual(response.data?.length, 1)
        const [first] = response.data ?? []
        assert.strictEqual(first?.object, "embedding")
        assert.strictEqual(first?.index, 0)
        const vector = Wire.vectorOf(first ?? {}) ?? []
        assert.strictEqual(vector.length, 2048)
        assert.isTrue(unitLength(vector))
        assert.isAbove(response.usage?.prompt_tokens ?? 0, 0)
        assert.strictEqual(response.usage?.total_tokens, response.usage?.prompt_tokens)

        const [recorded] = yield* Simulator.requests
        assert.strictEqual(recorded?.method, "POST")
        assert.strictEqual(recorded?.path, "/embeddings")
        assert.strictEqual(recorded?.headers.authorization, "Bearer <redacted>")
        assert.match(recorded?.headers["content-type"] ?? "", /^application\/json/)
        assert.strictEqual(recorded?.headers.accept, "application/json")
        assert.isString(recorded?.headers["zai-sdk-ver"])
        assert.deepStrictEqual(recorded?.body, { model: "embedding-3", input: "The quick brown fox", user: "user-42" })
      }))

    it.effect("embeds a batch with chosen dimensions; the same text gives the same vector", () =>
      Effect.gen(function*() {
        const embeddings = yield* Embeddings
        const response = yield* embeddings.create({ model: "embedding-3", input: ["alpha beta", "gamma", "alpha beta"], dimensions: 256 })
        const vectors = (response.data ?? []).map((d) => Wire.vectorOf(d) ?? [])
        assert.deepStrictEqual(vectors.map((v) => v.length), [256, 256, 256])
        assert.isTrue(vectors.every(unitLength))
        assert.deepStrictEqual(vectors[0], vectors[2])
        assert.notDeepEqual(vectors[0], vectors[1])
        const again = yield* embeddings.create({ model: "embedding-3", input: "gamma", dimensions: 256 })
        assert.deepStrictEqual(Wire.vectorOf(again.data?.[0] ?? {}), vectors[1])
        const legacy = yield* embeddings.create({ model: "embedding-2", input: "gamma" })
        assert.strictEqual(Wire.vectorOf(legacy.data?.[0] ?? {})?.length, 1024)
      }))

    it.effect("decodes base64 vectors to the same numbers as float ones", () =>
      Effect.gen(function*() {
        const embeddings = yield* Embeddings
        const floats = yield* embeddings.create({ model: "embedding-3", input: "base64 please", dimensions: 512 })
        const packed = yield* embeddings.create({ model: "embedding-3", input: "base64 please", dimensions: 512, encoding_format: "base64" })
        assert.isString(packed.data?.[0]?.embedding)
        assert.deepStrictEqual(Wire.vectorOf(packed.data?.[0] ?? {}), Wire.vectorOf(floats.data?.[0] ?? {}))
      }))

    it.effect("rejects bad input naming the field, before anything is sent", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const embeddings = yield* Embeddings
        const wrongType = failureOf(
          // @ts-expect-error: a number is not a valid input (a JavaScript caller, or data from outside)
          yield* Effect.exit(embeddings.create({ model: "embedding-3", input: 42 }))
        )
        assert.strictEqual(wrongType._tag, "InvalidRequestInput")
        assert.include(wrongType.message, "input: expected a string or an array of strings, got 42")
        const emptyBatch = failureOf(yield* Effect.exit(embeddings.create({ model: "embedding-3", input: [] })))
        assert.include(emptyBatch.message, "input: expected at least one text")
        const typo = failureOf(
          yield* Effect.exit(embeddings.create({ model: "embedding-3", input: "x", ...JSON.parse('{"dimension": 256}') }))
        )
        assert.include(typo.message, 'dimension: unknown key "dimension" (did you mean "dimensions"?)')
        const fraction = failureOf(yield* Effect.exit(embeddings.create({ model: "embedding-3", input: "x", dimensions: 1.5 })))
        assert.include(fraction.message, "dimensions: expected an integer")
        const emptyText = failureOf(yield* Effect.exit(embeddings.embed("")))
        assert.include(emptyText.message, "input: expected a non-empty string")
        const badBatch = failureOf(yield* Effect.exit(embeddings.embedMany(["a"], { batchSize: 65 })))
        assert.include(badBatch.message, "batchSize")
        assert.deepStrictEqual(yield* Simulator.requests, [])
      }))

    it.effect("maps API errors to typed ZaiErrors naming the field", () =>
      Effect.gen(function*() {
        const embeddings = yield* Embeddings
        const dimensions = failureOf(yield* Effect.exit(embeddings.create({ model: "embedding-3", input: "x", dimensions: 300 })))
        assert.strictEqual(dimensions._tag, "InvalidRequestError")
        assert.strictEqual(dimensions._tag === "InvalidRequestError" ? dimensions.code : undefined, "1214")
        assert.include(dimensions.message, "dimensions")
        const model = failureOf(yield* Effect.exit(embeddings.create({ model: "text-embedding-ada", input: "x" })))
        assert.strictEqual(model._tag === "InvalidRequestError" || model._tag === "NotFoundError", true)
        assert.include(model.message, "1211")
        const tooMany = failureOf(
          yield* Effect.exit(embeddings.create({ model: "embedding-3", input: Array.from({ length: 65 }, (_, i) => `text ${i}`) }))
        )
        assert.include(tooMany.message, "input")
        const limited = failureOf(
          yield* Effect.exit(embeddings.embed("hello", { requestOptions: { headers: { "x-zai-sim-fault": "rate-limit" } } }))
        )
        assert.strictEqual(limited._tag, "RateLimitError")
        yield* Simulator.injectFaults(["insufficient-balance"])
        const broke = failureOf(yield* Effect.exit(embeddings.embed("hello")))
        assert.strictEqual(broke._tag, "InsufficientBalanceError")
        const cut = failureOf(
          yield* Effect.exit(embeddings.embed("hello", { requestOptions: { headers: { "x-zai-sim-fault": "corrupt-sse" } } }))
        )
        assert.strictEqual(cut._tag, "ResponseDecodeError")
      }))
  })

  describe("embed and embedMany", () => {
    it.effect("texts sharing words are closer than unrelated ones", () =>
      Effect.gen(function*() {
        const embeddings = yield* Embeddings
        const [cats, moreCats, money] = yield* embeddings.embedMany([
          "cats purr softly on the warm windowsill",
          "cats purr loudly on the windowsill at night",
          "quarterly revenue grew eleven percent"
        ])
        const near = Similarity.cosine(cats ?? [], moreCats ?? [])
        const far = Similarity.cosine(cats ?? [], money ?? [])
        assert.isAbove(near, 0.4)
        assert.isBelow(Math.abs(far), 0.2)
        const single = yield* embeddings.embed("cats purr softly on the warm windowsill")
        assert.deepStrictEqual(single, cats)
        const ranked = Similarity.rank(single, [
          { item: "money", vector: money ?? [] },
          { item: "cats", vector: moreCats ?? [] }
        ])
        assert.deepStrictEqual(ranked.map((r) => r.item), ["cats", "money"])
      }))

    it.effect("splits large inputs into batches of at most 64 and keeps the order", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const embeddings = yield* Embeddings
        const texts = Array.from({ length: 2 * maxBatchSize + 2 }, (_, i) => `document number ${i}`)
        const vectors = yield* embeddings.embedMany(texts, { dimensions: 256, concurrency: 2 })
        assert.strictEqual(vectors.length, texts.length)
        const requests = yield* Simulator.requests
        const sizes = requests.map((r) => {
          const body = r.body
          return typeof body === "object" && body !== null && "input" in body && Array.isArray(body.input) ? body.input.length : 0
        })
        assert.deepStrictEqual([...sizes].sort((a, b) => a - b), [2, 64, 64])
        const last = yield* embeddings.embed(texts[texts.length - 1] ?? "", { dimensions: 256 })
        assert.deepStrictEqual(vectors[vectors.length - 1], last)
        const empty = yield* embeddings.embedMany([])
        assert.deepStrictEqual(empty, [])
      }))
  })
})

describe("Embeddings: lenient decoding", () => {
  const body = JSON.stringify({
    object: "list",
    model: "embedding-3",
    data: [
      { object: "embedding", index: 1, embedding: [0, 1], score_hint: "kept" },
      { object: null, index: 0, embedding: "AACAPwAAAAA=" }
    ],
    usage: null,
    new_top_level: { nested: true }
  })
  const seen: Array<Seen> = []

  it.effect("keeps unknown fields, accepts nulls, orders vectors by index and decodes base64", () =>
    Effect.gen(function*() {
      const embeddings = yield* Embeddings
      const response = yield* embeddings.create({ model: "embedding-3", input: ["a", "b"] })
      assert.deepStrictEqual(response.new_top_level, { nested: true })
      assert.isNull(response.usage)
      assert.strictEqual(response.data?.[0]?.score_hint, "kept")
      assert.isNull(response.data?.[1]?.object)
      const vectors = yield* embeddings.embedMany(["a", "b"])
      assert.deepStrictEqual(vectors, [[1, 0], [0, 1]])
      assert.strictEqual(seen[0]?.method, "POST")
      assert.strictEqual(seen[0]?.url, "http://zai.test/api/paas/v4/embeddings")
      assert.deepStrictEqual(JSON.parse(seen[0]?.body ?? ""), { model: "embedding-3", input: ["a", "b"] })
      const missing = failureOf(yield* Effect.exit(embeddings.embedMany(["a", "b", "c"])))
      assert.strictEqual(missing._tag, "ResponseDecodeError")
    }).pipe(Effect.provide(fixedLayer(body, seen))))

  it.effect("fails with ResponseDecodeError when the vectors are null", () =>
    Effect.gen(function*() {
      const embeddings = yield* Embeddings
      const error = failureOf(yield* Effect.exit(embeddings.embed("a")))
      assert.strictEqual(error._tag, "ResponseDecodeError")
    }).pipe(Effect.provide(fixedLayer(JSON.stringify({ object: "list", data: null, model: null })))))
})
