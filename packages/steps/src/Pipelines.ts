/**
 * The named pipelines shipped with the package as spec files (`pipelines/*.yaml`), and loading a pipeline by name
 * or by path.
 *
 * | name | what it does |
 * |---|---|
 * | `research-slides` | search a topic → read the top pages → outline with sources → slide deck; writes the deck, `outline.md` and `sources.md` |
 * | `translate-document` | parse a PDF/DOCX → translate → write the translation |
 * | `meeting-minutes` | transcribe a recording → summary, decisions, action items → write `minutes.md` |
 *
 * ```ts
 * const registry = yield* Registry.make({ outputDir })
 * const pipeline = yield* Pipelines.load("research-slides", registry) // or a path to your own spec file
 * ```
 *
 * @since 0.1.0
 */
import { readFile } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import { Spec } from "@zai-kit/workflow"
import { Effect, Option, Schema } from "effect"

/** A pipeline shipped with the package. */
export interface Builtin {
  readonly name: string
  readonly description: string
  /** Absolute path of the shipped spec file. */
  readonly file: string
}

const shipped = (name: string, description: string): Builtin => ({
  name,
  description,
  file: fileURLToPath(new URL(`../pipelines/${name}.yaml`, import.meta.url))
})

/** The pipelines shipped with the package. */
export const builtin: ReadonlyArray<Builtin> = [
  shipped(
    "research-slides",
    "Search a topic, read the top pages, write an outline with sources, and make a slide deck from it"
  ),
  shipped("translate-document", "Parse a document (PDF, DOCX, ...), translate it, and write the translation"),
  shipped("meeting-minutes", "Transcribe a meeting recording and write minutes: summary, decisions and action items")
]

/** The names of the shipped pipelines. */
export const builtinNames: ReadonlyArray<string> = builtin.map((b) => b.name)

/** A shipped pipeline by name. */
export const find = (name: string): Option.Option<Builtin> => Option.fromUndefinedOr(builtin.find((b) => b.name === name))

/** Neither a shipped pipeline nor a readable spec file. */
export class PipelineNotFoundError extends Schema.TaggedError<PipelineNotFoundError>()("PipelineNotFoundError", {
  /** The name or path asked for. */
  name: Schema.String,
  /** Why the path could not be read, when it looked like a path. */
  reason: Schema.optional(Schema.String),
  /** The shipped pipelines. */
  builtin: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `no pipeline "${this.name}"${this.reason === undefined ? "" : ` (${this.reason})`}: give a spec file path or one of the built-in pipelines: ${this.builtin.join(", ")}`
  }
}

/** The text of a pipeline's spec: a shipped pipeline by name, or a spec file by path. */
export interface Source {
  readonly file: string
  readonly text: string
}

/** Read a pipeline's spec: a shipped name, or a path to a YAML/JSON file. */
export const read = (nameOrPath: string): Effect.Effect<Source, PipelineNotFoundError> => {
  const found = find(nameOrPath)
  const file = Option.isSome(found) ? found.value.file : nameOrPath
  return Effect.tryPromise({
    try: () => readFile(file, "utf8"),
    catch: (error) =>
      new PipelineNotFoundError({
        name: nameOrPath,
        builtin: [...builtinNames],
        ...(Option.isSome(found) || /\.(ya?ml|json)$/i.test(nameOrPath) || nameOrPath.includes("/")
          ? { reason: (error as { readonly code?: string }).code === "ENOENT" ? `${file} does not exist` : String(error) }
          : {})
      })
  }).pipe(Effect.map((text) => ({ file, text })))
}

/** Load and compile a pipeline (a shipped name, or a spec file path) against a step registry. */
export const load = (
  nameOrPath: string,
  registry: Spec.StepRegistry
): Effect.Effect<Spec.SpecPipeline, Spec.SpecError | PipelineNotFoundError> =>
  Effect.flatMap(read(nameOrPath), (source) => Spec.parse(source.text, { file: source.file, registry }))
