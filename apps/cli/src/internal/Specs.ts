/**
 * Loading pipelines for `run` and `pipelines`: the step registry of `@zai-kit/steps`, built-in names or spec files,
 * and the run's inputs from `--input key=value` / `--input-file`, converted to the types the spec declares.
 * @internal
 */
import { Pipelines, Registry } from "@zai-kit/steps"
import type { Spec } from "@zai-kit/workflow"
import { Effect, Option } from "effect"
import { parseDocument, parse as parseYaml } from "yaml"
import { UsageError } from "../Errors.js"
import * as Input from "./Input.js"

/** The spec text and file of a built-in name or a path (relative to the working directory). */
export const source = (nameOrPath: string) =>
  Effect.gen(function*() {
    const builtin = Pipelines.find(nameOrPath)
    return yield* Pipelines.read(Option.isSome(builtin) ? nameOrPath : yield* Input.resolvePath(nameOrPath)).pipe(
      // name the pipeline as the user wrote it, not as the resolved path
      Effect.mapError((error) => new Pipelines.PipelineNotFoundError({ ...error, name: nameOrPath }))
    )
  })

/** The registry of every step kind, writing into `outputDir`. */
export const registry = (outputDir: string) => Registry.make({ outputDir })

/** Parses the spec `source` with `registry`. */
export const load = (src: Pipelines.Source, reg: Spec.StepRegistry) => Pipelines.load(src.file, reg)

type Declared = Readonly<Record<string, { readonly type?: unknown }>>

const declaredInputs = (text: string): Declared => {
  const document = parseDocument(text)
  // a spec that does not parse has no declared types here: Spec.parse reports its errors, with their positions
  if (document.errors.length > 0) return {}
  const parsed: unknown = document.toJS()
  if (typeof parsed === "object" && parsed !== null && "inputs" in parsed) {
    const inputs = (parsed as { readonly inputs: unknown }).inputs
    if (typeof inputs === "object" && inputs !== null) return inputs as Declared
  }
  return {}
}

const convert = (key: string, raw: string, type: unknown): Effect.Effect<unknown, UsageError> => {
  switch (type) {
    case "number": {
      const n = Number(raw)
      return raw.trim() !== "" && Number.isFinite(n)
        ? Effect.succeed(n)
        : Effect.fail(new UsageError({ message: `--input ${key}: expects a number, got "${raw}"` }))
    }
    case "boolean":
      return raw === "true" || raw === "false"
        ? Effect.succeed(raw === "true")
        : Effect.fail(new UsageError({ message: `--input ${key}: expects true or false, got "${raw}"` }))
    case "array":
    case "object":
      return Effect.try({
        try: () => JSON.parse(raw) as unknown,
        catch: () => new UsageError({ message: `--input ${key}: expects JSON (${type}), got "${raw}"` })
      })
    default:
      return Effect.succeed(raw)
  }
}

/** The inputs of a run: the `--input-file` object, then each `--input key=value` converted to its declared type. */
export const inputs = (specText: string, pairs: ReadonlyArray<string>, file: Option.Option<string>) =>
  Effect.gen(function*() {
    const declared = declaredInputs(specText)
    const out: Record<string, unknown> = {}
    if (Option.isSome(file)) {
      const text = yield* Input.readText(file.value, "--input-file")
      const parsed = yield* Effect.try({
        try: () => parseYaml(text) as unknown,
        catch: (error) => new UsageError({ message: `--input-file: "${file.value}" is not JSON or YAML (${String(error)})` })
      })
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        return yield* new UsageError({ message: `--input-file: "${file.value}" must hold an object of named inputs` })
      }
      Object.assign(out, parsed)
    }
    for (const pair of pairs) {
      const at = pair.indexOf("=")
      if (at <= 0) return yield* new UsageError({ message: `--input expects KEY=VALUE, got "${pair}"` })
      const key = pair.slice(0, at)
      out[key] = yield* convert(key, pair.slice(at + 1), declared[key]?.type)
    }
    return out
  })
