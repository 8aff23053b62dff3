/**
 * `embeddings.embed`: vectors of texts with `@zai-kit/embeddings` (batched by the service).
 *
 * @since 0.1.0
 */
import { Embeddings } from "@zai-kit/embeddings"
import { type PipelineError, Step, StepContext } from "@zai-kit/workflow"
import { Effect, Schema } from "effect"
import { apiRetry } from "./internal/policies.js"
import * as Usage from "./internal/usage.js"

/** Input of `embeddings.embed`. */
export const EmbedInput = Schema.Struct({
  /** The texts, at least one. */
  texts: Schema.Array(Schema.String.check(Schema.isMinLength(1))).check(Schema.isMinLength(1)),
  /** The model (default `embedding-3`). */
  model: Schema.optional(Schema.String.check(Schema.isMinLength(1))),
  /** Vector size (`embedding-3`: 256, 512, 1024 or 2048). */
  dimensions: Schema.optional(Schema.Literals([256, 512, 1024, 2048]))
})

/** Output of `embeddings.embed`: one vector per text, in order. */
export const EmbedOutput = Schema.Struct({
  vectors: Schema.Array(Schema.Array(Schema.Number)),
  model: Schema.String,
  dimensions: Schema.Number
})

/** The `embeddings.*` steps, typed. */
export interface Steps {
  readonly "embeddings.embed": Step.Step<typeof EmbedInput.Type, typeof EmbedOutput.Type, Embeddings.EmbeddingsError | PipelineError.StepTimeoutError>
}

/** The `embeddings.*` steps. */
export const make: Effect.Effect<Steps, never, Embeddings.Embeddings> = Effect.gen(function* () {
  const embeddings = yield* Embeddings.Embeddings
  return {
    "embeddings.embed": Step.make({
      name: "embeddings.embed",
      description: "Embed texts as vectors",
      input: EmbedInput,
      output: EmbedOutput,
      run: (input) =>
        Effect.gen(function* () {
          const model = input.model ?? Embeddings.defaultModel
          const vectors: Array<ReadonlyArray<number>> = []
          for (let start = 0; start < input.texts.length; start += Embeddings.maxBatchSize) {
            const batch = input.texts.slice(start, start + Embeddings.maxBatchSize)
            const response = yield* embeddings.create({
              model,
              input: batch,
              ...(input.dimensions === undefined ? {} : { dimensions: input.dimensions })
            })
            yield* Usage.report(response.usage)
            vectors.push(...(yield* Embeddings.vectors(response, batch.length)))
            yield* StepContext.progress({ message: `${vectors.length}/${input.texts.length} vectors`, fraction: vectors.length / input.texts.length })
          }
          return { vectors, model, dimensions: vectors[0]?.length ?? 0 }
        }),
      retry: apiRetry,
      timeout: "5 minutes"
    })
  }
})
