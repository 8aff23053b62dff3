/**
 * What `zai pipelines` does. Validation and graphs build the step registry but send nothing, so they need no API
 * key and start no simulator.
 * @internal
 */
import { Layers } from "@zai-kit/sdk"
import { Pipelines } from "@zai-kit/steps"
import { ZaiClient } from "@zai-kit/transport"
import { Spec } from "@zai-kit/workflow"
import { Effect, Layer } from "effect"
import type { PipelinesArgs } from "../commands/Pipelines.js"
import * as Io from "../Io.js"
import * as Output from "../Output.js"
import * as Specs from "../internal/Specs.js"

// The registry needs the domain services to exist; validating a spec never calls them. The client points at a
// closed local port so that a call, were one made, would fail instead of reaching anything.
const offline = Layers.layerServices.pipe(Layer.provide(ZaiClient.layerFetch({ apiKey: "offline", baseUrl: "http://127.0.0.1:9", maxRetries: 0 })))

const compile = (nameOrPath: string) =>
  Effect.gen(function*() {
    const io = yield* Io.Io
    const src = yield* Specs.source(nameOrPath)
    const reg = yield* Specs.registry(io.cwd)
    return { src, pipeline: yield* Specs.load(src, reg) }
  }).pipe(Effect.provide(offline))

/** Runs the command. */
export const run = (args: PipelinesArgs) =>
  Effect.gen(function*() {
    switch (args._tag) {
      case "list":
        return yield* Output.result(
          Pipelines.builtin.map((b) => ({ name: b.name, description: b.description })),
          (list) => Output.table(["NAME", "DESCRIPTION"], list.map((b) => [b.name, b.description]))
        )
      case "show": {
        const src = yield* Specs.source(args.pipeline)
        return yield* Output.result({ file: src.file, spec: src.text }, (s) => s.spec.trimEnd())
      }
      case "graph": {
        const { pipeline } = yield* compile(args.pipeline)
        const mermaid = yield* Spec.graph(pipeline)
        return yield* Output.result({ mermaid }, (g) => g.mermaid.trimEnd())
      }
      case "validate": {
        const { pipeline, src } = yield* compile(args.pipeline)
        const report = yield* Spec.validate(pipeline)
        return yield* Output.result({ valid: true, file: src.file, ...report }, (r) =>
          [`${r.file}: valid pipeline "${r.name}", ${r.steps.length} steps`, ...r.steps.map((s) => `  ${s}`)].join("\n")
        )
      }
    }
  })
