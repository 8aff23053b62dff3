import { assert, describe, it } from "@effect/vitest"
import { Schema } from "effect"
import {
  AudioModel,
  ChatModel,
  EmbeddingModel,
  ImageModel,
  KnownAudioModels,
  KnownChatModels,
  KnownEmbeddingModels,
  KnownImageModels,
  KnownOcrModels,
  KnownVideoModels,
  OcrModel,
  type OpenString,
  VideoModel
} from "../src/Models.js"

describe("Models", () => {
  const families = [
    { schema: ChatModel, known: KnownChatModels },
    { schema: EmbeddingModel, known: KnownEmbeddingModels },
    { schema: ImageModel, known: KnownImageModels },
    { schema: VideoModel, known: KnownVideoModels },
    { schema: AudioModel, known: KnownAudioModels },
    { schema: OcrModel, known: KnownOcrModels }
  ] as const

  it("lists each family without duplicates", () => {
    for (const { known } of families) {
      assert.strictEqual(new Set(known).size, known.length)
    }
    for (const id of ["glm-4.6", "glm-4.6v", "glm-4.5-air", "glm-4.5v", "glm-4.7", "glm-5", "glm-5.1", "glm-4-long", "glm-z1-air"]) {
      assert.include(KnownChatModels, id)
    }
    assert.deepStrictEqual([...KnownEmbeddingModels].sort(), ["embedding-2", "embedding-3"])
    assert.include(KnownVideoModels, "vidu2-reference")
    assert.deepStrictEqual([...KnownAudioModels], ["glm-asr-2512", "glm-tts"])
  })

  it("accepts known and unknown ids, rejects non-strings", () => {
    for (const { schema, known } of families) {
      const decode = Schema.decodeUnknownSync(schema)
      for (const id of known) assert.strictEqual(decode(id), id)
      assert.strictEqual(decode("some-future-model-2099"), "some-future-model-2099")
      assert.throws(() => decode(42))
      assert.strictEqual(Schema.encodeSync(schema)("x-model"), "x-model")
    }
  })

  it("types known ids as literals while accepting any string", () => {
    const known: ChatModel = "glm-4.6"
    const custom: ChatModel = "my-fine-tune"
    const open: OpenString<"a" | "b"> = "c"
    // A KnownChatModel is assignable to ChatModel, and ChatModel to string.
    const asString: string = known
    assert.deepStrictEqual([known, custom, open, asString], ["glm-4.6", "my-fine-tune", "c", "glm-4.6"])
  })
})
