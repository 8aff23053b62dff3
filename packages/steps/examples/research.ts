// The README's example: research-slides on any ZaiClient (the test runs it on the simulator).
import { NodeServices } from "@effect/platform-node"
import { Pipelines, Registry } from "@zai-kit/steps"
import type { ZaiClient } from "@zai-kit/transport"
import { Pipeline } from "@zai-kit/workflow"
import { Effect, Layer, Stream } from "effect"

export const research = (topic: string, outputDir: string) =>
  Effect.scoped(
    Effect.gen(function* () {
      const registry = yield* Registry.make({ outputDir }) // every step kind, services provided
      const pipeline = yield* Pipelines.load("research-slides", registry) // or a path to your own spec file
      const handle = yield* Pipeline.run(pipeline, { topic, maxSources: 3 })
      yield* Effect.forkChild(
        Stream.runForEach(handle.events, (e) => (e._tag === "StepSucceeded" ? Effect.log(`✓ ${e.step}`) : Effect.void))
      )
      return (yield* handle.result) as { deck: string; outline: string; sources: string; files: Array<string> }
    })
  )

// Registry.layerServices: every domain service on the ZaiClient; NodeServices: the file system for io.* and downloads
export const layer = <E>(client: Layer.Layer<ZaiClient.ZaiClient, E>) =>
  Layer.mergeAll(Registry.layerServices.pipe(Layer.provide(client)), NodeServices.layer)

// research("offshore wind", "./out").pipe(Effect.provide(layer(ZaiClient.layerConfigFetch())), Effect.runPromise)
