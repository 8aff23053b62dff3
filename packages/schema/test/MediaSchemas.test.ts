import { existsSync, readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import * as Embeddings from "../src/Embeddings.js"
import * as Images from "../src/Images.js"
import * as Videos from "../src/Videos.js"

const messageOf = <A, R>(effect: Effect.Effect<A, { readonly message: string }, R>) =>
  Effect.map(Effect.flip(effect), (error) => error.message)

describe("Embeddings", () => {
  it.effect("accepts one text or a batch, and names the field of every problem", () =>
    Effect.gen(function*() {
      const full = {
        model: "embedding-3",
        input: ["a", "b"],
        dimensions: 512,
        encoding_format: "base64" as const,
        user: "u",
        request_id: "r-1",
        sensitive_word_check: { type: "ALL", status: "DISABLE" }
      }
      assert.deepStrictEqual(yield* Embeddings.validateEmbeddingRequest(full), full)
      assert.include(yield* messageOf(Embeddings.validateEmbeddingRequest({ model: "embedding-3", input: 42 })), "input: expected a string or an array of strings, got 42")
      assert.include(yield* messageOf(Embeddings.validateEmbeddingRequest({ model: "embedding-3", input: ["a", 3] })), "input[1]: expected string, got 3")
      assert.include(yield* messageOf(Embeddings.validateEmbeddingRequest({ model: "embedding-3", input: "x", dimensions: 0 })), "dimensions: expected an integer between 1 and 65536, got 0")
      assert.include(yield* messageOf(Embeddings.validateEmbeddingRequest({ model: "embedding-3", input: "x", encoding_format: "int8" })), 'encoding_format: expected "float" | "base64", got "int8"')
      assert.include(yield* messageOf(Embeddings.validateEmbeddingRequest({ input: "x" })), "model: missing (required)")
    }))

  it("decodes base64 vectors and reads vectors of either encoding", () => {
    assert.deepStrictEqual(Embeddings.decodeBase64Embedding("AACAPwAAAAA="), [1, 0])
    assert.isUndefined(Embeddings.decodeBase64Embedding("not base64!"))
    assert.isUndefined(Embeddings.decodeBase64Embedding("AAAA")) // 3 bytes: not whole float32 values
    assert.deepStrictEqual(Embeddings.vectorOf({ embedding: [0.5, 0.5] }), [0.5, 0.5])
    assert.deepStrictEqual(Embeddings.vectorOf({ embedding: "AAAAPw==" }), [0.5])
    assert.isUndefined(Embeddings.vectorOf({ embedding: null }))
  })

  it.effect("decodes answers leniently", () =>
    Effect.gen(function*() {
      const decoded = yield* Schema.decodeUnknownEffect(Embeddings.EmbeddingResponse)({
        object: "list",
        model: null,
        data: [{ index: 0, embedding: [1], extra: "kept" }],
        usage: { prompt_tokens: 3, total_tokens: 3, completion_tokens: null },
        more: 1
      })
      assert.strictEqual(decoded.more, 1)
      assert.strictEqual(decoded.data?.[0]?.extra, "kept")
    }))
})

describe("Images", () => {
  it.effect("validates sync and async requests, naming the field", () =>
    Effect.gen(function*() {
      const full = {
        model: "cogview-4-250304",
        prompt: "A cat",
        quality: "standard" as const,
        size: "1024x1024",
        n: 1,
        style: "vivid",
        response_format: "url" as const,
        user: "u",
        user_id: "user-123",
        request_id: "r-1",
        watermark_enabled: true,
        sensitive_word_check: { type: "ALL" }
      }
      assert.deepStrictEqual(yield* Images.validateImageRequest(full), full)
      assert.include(yield* messageOf(Images.validateImageRequest({ ...full, size: "1024*1024" })), "size: expected a size WIDTHxHEIGHT such as 1280x1280")
      assert.include(yield* messageOf(Images.validateImageRequest({ ...full, n: 0 })), "n: expected an integer between 1 and 10, got 0")
      assert.include(yield* messageOf(Images.validateAsyncImageRequest({ model: "glm-image", prompt: "x", n: 1 })), 'n: unknown key "n"')
      assert.include(yield* messageOf(Images.validateAsyncImageRequest({ model: "glm-image" })), "prompt: missing (required)")
    }))
})

describe("Videos", () => {
  it("picks the family from the model id", () => {
    assert.strictEqual(Videos.familyOf("cogvideox-3"), "cogvideox")
    assert.strictEqual(Videos.familyOf("CogVideoX-Flash"), "cogvideox")
    assert.strictEqual(Videos.familyOf("viduq1-text"), "vidu-text")
    assert.strictEqual(Videos.familyOf("viduq2-image"), "vidu-image")
    assert.strictEqual(Videos.familyOf("vidu2-start-end"), "vidu-start-end")
    assert.strictEqual(Videos.familyOf("vidu2-reference"), "vidu-reference")
    assert.strictEqual(Videos.familyOf("vidu3-pro"), "generic")
    assert.strictEqual(Videos.familyOf("sora"), "generic")
  })

  it.effect("validates each family with its own fields", () =>
    Effect.gen(function*() {
      const cog = { model: "cogvideox-3", image_url: ["a", "b"], quality: "speed" as const, fps: 60 as const, duration: 10 as const }
      assert.deepStrictEqual(yield* Videos.validateVideoRequest(cog), cog)
      assert.include(yield* messageOf(Videos.validateVideoRequest({ ...cog, image_url: ["a", "b", "c"] })), "image_url: expected 1 to 2 images")
      assert.include(yield* messageOf(Videos.validateVideoRequest({ model: "cogvideox-3" })), "prompt: missing: give prompt, image_url, or both")
      assert.include(yield* messageOf(Videos.validateVideoRequest({ model: "viduq1-text", prompt: "x", fps: 30 })), '(Vidu text to video): fps: unknown key "fps"')
      assert.include(yield* messageOf(Videos.validateVideoRequest({ model: "viduq1-image", image_url: ["a"] })), "image_url: expected string")
      assert.include(yield* messageOf(Videos.validateVideoRequest({ model: "vidu2-start-end", image_url: [] })), "image_url: expected 1 to 2 images")
      assert.include(yield* messageOf(Videos.validateVideoRequest({ model: "vidu2-reference", image_url: ["a"], aspect_ratio: "4:3" })), 'aspect_ratio: expected "16:9" | "9:16" | "1:1", got "4:3"')
      assert.include(yield* messageOf(Videos.validateVideoRequest({ model: "other", movement_amplitude: "huge" })), "movement_amplitude")
      assert.include(yield* messageOf(Videos.validateVideoRequest("nope")), "Invalid VideoGenerationRequest")
    }))

  it.effect("decodes results leniently", () =>
    Effect.gen(function*() {
      const decoded = yield* Schema.decodeUnknownEffect(Videos.AsyncVideoResult)({
        task_status: "SUCCESS",
        video_result: [{ url: "u", cover_image_url: null, extra: 1 }],
        error: null,
        unknown: "kept"
      })
      assert.strictEqual(decoded.unknown, "kept")
      assert.strictEqual(decoded.video_result?.[0]?.extra, 1)
    }))
})

// The OpenAPI document is reference material next to the repository; this check skips cleanly without it.
const specUrl = new URL("../../../../shared/spec/zai-openapi.json", import.meta.url)
const hasSpec = existsSync(specUrl)

type JsonSchema = { readonly properties?: Record<string, unknown>; readonly allOf?: ReadonlyArray<unknown>; readonly $ref?: string }

describe.skipIf(!hasSpec)("OpenAPI conformance (images, videos)", () => {
  const spec: { components: { schemas: Record<string, JsonSchema> } } = hasSpec ? JSON.parse(readFileSync(specUrl, "utf8")) : { components: { schemas: {} } }
  const resolve = (schema: JsonSchema): JsonSchema => (schema.$ref !== undefined ? resolve(spec.components.schemas[schema.$ref.split("/").pop() ?? ""] ?? {}) : schema)
  const propertiesOf = (name: string): ReadonlyArray<string> => {
    const walk = (schema: JsonSchema): ReadonlyArray<string> => {
      const resolved = resolve(schema)
      return [...Object.keys(resolved.properties ?? {}), ...(resolved.allOf ?? []).flatMap((s) => walk(s as JsonSchema))]
    }
    return walk(spec.components.schemas[name] ?? {})
  }
  const keysOf = (schema: { readonly fields: Readonly<Record<string, unknown>> }) => Object.keys(schema.fields)

  const requests: ReadonlyArray<[string, { readonly fields: Readonly<Record<string, unknown>> }]> = [
    ["CreateImageRequest", Images.ImageGenerationRequest],
    ["AsyncCreateImageRequest", Images.AsyncImageGenerationRequest],
    ["CogVideoX3Request", Videos.CogVideoXRequest],
    ["ViduText2VideoRequest", Videos.ViduTextRequest],
    ["ViduImage2VideoRequest", Videos.ViduImageRequest],
    ["ViduFrames2VideoRequest", Videos.ViduStartEndRequest],
    ["ViduReference2VideoRequest", Videos.ViduReferenceRequest]
  ]
  for (const [name, schema] of requests) {
    it(`${name}: every documented field is accepted`, () => {
      const documented = propertiesOf(name)
      assert.isAbove(documented.length, 0)
      for (const field of documented) assert.include(keysOf(schema), field, `${name}.${field}`)
    })
  }

  const responses: ReadonlyArray<[string, { readonly schema: { readonly fields: Readonly<Record<string, unknown>> } }]> = [
    ["ImageGenerationResponse", Images.ImageGenerationResponse],
    ["AsyncImageGenerationResponse", Images.AsyncImageResult],
    ["AsyncVideoGenerationResponse", Videos.AsyncVideoResult]
  ]
  for (const [name, schema] of responses) {
    it(`${name}: every documented field is declared`, () => {
      for (const field of propertiesOf(name)) assert.include(keysOf(schema.schema), field, `${name}.${field}`)
    })
  }
})
