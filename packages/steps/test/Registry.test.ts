import { assert, describe, expectTypeOf, layer } from "@effect/vitest"
import { Pipeline, type Spec, Step } from "@zai-kit/workflow"
import { Effect, Schema, SchemaAST } from "effect"
import { Pipelines, Registry } from "../src/index.js"
import { layer as testLayer, tempDir } from "./support.js"

const expected = [
  "web.search",
  "web.read",
  "chat.complete",
  "chat.summarize",
  "chat.extract",
  "agents.translate",
  "agents.slides",
  "images.generate",
  "videos.generate",
  "audio.transcribe",
  "audio.speak",
  "documents.ocr",
  "documents.parse",
  "embeddings.embed",
  "files.upload",
  "io.read",
  "io.write"
]

describe("Registry", () => {
  layer(testLayer)((it) => {
    it.effect("has every step kind, each a step named after its kind with object input and output schemas", () =>
      Effect.gen(function* () {
        const registry = yield* Registry.make({ outputDir: tempDir() })
        assert.deepStrictEqual(Object.keys(registry).sort(), [...expected].sort())
        assert.deepStrictEqual([...Registry.kinds].sort(), [...expected].sort())
        for (const [kind, step] of Object.entries(registry)) {
          assert.isTrue(Step.isStep(step), kind)
          assert.strictEqual(step.name, kind)
          assert.isString(step.description)
          assert.strictEqual(SchemaAST.toEncoded(step.input.ast)._tag, "Objects", `${kind} input`)
          assert.strictEqual(SchemaAST.toType(step.output.ast)._tag, "Objects", `${kind} output`)
          assert.isDefined(step.policies.timeout, `${kind} has a timeout`)
        }
        // API steps retry (retryable errors only); local file steps do not
        assert.isDefined(registry["web.search"]?.policies.retry)
        assert.isUndefined(registry["io.write"]?.policies.retry)
      }))

    it.effect("a spec pipeline compiled on the registry needs no services (R = never)", () =>
      Effect.gen(function* () {
        const registry: Spec.StepRegistry = yield* Registry.make({ outputDir: tempDir() })
        const pipeline = yield* Pipelines.load("research-slides", registry)
        const run = Pipeline.execute(pipeline, { topic: "tides" })
        expectTypeOf(run).toEqualTypeOf<Effect.Effect<unknown, unknown, never>>()
        assert.isTrue(Schema.isSchema(registry["chat.summarize"]?.input))
      }))
  })
})
