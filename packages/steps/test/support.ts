import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { NodeServices } from "@effect/platform-node"
import { type Faults, type Simulator, TestLayers } from "@zai-kit/testing"
import type { ZaiClient } from "@zai-kit/transport"
import { Pipeline, type RunEvent, type Step } from "@zai-kit/workflow"
import { Effect, Layer, Stream } from "effect"
import { Registry } from "../src/index.js"

/** The simulator (tasks finish on the first poll), a ZaiClient on it without retries, every domain service, Node's file system. */
export const layer: Layer.Layer<
  Registry.DomainServices | Simulator.Simulator | ZaiClient.ZaiClient | NodeServices.NodeServices,
  Simulator.SimulatorError | Faults.InvalidFault
> = Layer.mergeAll(
  Registry.layerServices.pipe(
    Layer.provideMerge(TestLayers.layerZaiClient({ simulator: { asyncPolls: 0 }, client: { maxRetries: 0 } }))
  ),
  NodeServices.layer
)

/** A fresh temporary directory. */
export const tempDir = (prefix = "zai-steps-"): string => mkdtempSync(join(tmpdir(), prefix))

/** Run one step as a one-step pipeline (through the workflow engine, so its output schema is exercised), with its events. */
export const runStep = <In, Out, E>(
  step: Step.Step<In, Out, E>,
  input: In
): Effect.Effect<{ readonly output: Out; readonly events: ReadonlyArray<RunEvent.RunEvent> }, unknown> =>
  Effect.scoped(
    Effect.gen(function* () {
      const handle = yield* Pipeline.run(Pipeline.make(step), input)
      const output = yield* handle.result
      // late subscribers get the whole history, ending at RunFinished
      const events: ReadonlyArray<RunEvent.RunEvent> = yield* Stream.runCollect(handle.events)
      return { output, events }
    })
  )

/** The registry on an output directory, with one kind picked out. */
export const stepOf = (kind: Registry.Kind, outputDir: string) =>
  Effect.map(Registry.make({ outputDir }), (registry) => registry[kind] as Step.Step<unknown, unknown, unknown>)
