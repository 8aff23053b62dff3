/**
 * `zai run PIPELINE [--input key=value ...] [--input-file FILE] [--output DIR]` and
 * `zai pipelines list|show|graph|validate`.
 *
 * @since 0.1.0
 */
import { Argument, Command, Flag } from "effect/cli"
import * as Lazy from "../internal/Lazy.js"

const pipeline = Argument.String("pipeline").pipe(Argument.withDescription("A spec file (.yaml, .json) or a built-in pipeline's name"))

/**
 * The arguments and flags of `run`.
 *
 * @since 0.1.0
 */
export const runConfig = {
  pipeline,
  input: Flag.String("input").pipe(
    Flag.withDescription("An input as key=value (repeatable; numbers, booleans and JSON follow the declared type)"),
    Flag.withMetavar("KEY=VALUE"),
    Flag.atLeast(0)
  ),
  inputFile: Flag.String("input-file").pipe(
    Flag.withDescription("Inputs from a JSON or YAML file (--input values win)"),
    Flag.withMetavar("FILE"),
    Flag.optional
  ),
  output: Flag.String("output").pipe(
    Flag.withAlias("o"),
    Flag.withDescription("Directory for the files the pipeline writes and outputs.json (default: .)"),
    Flag.withMetavar("DIR"),
    Flag.optional
  )
}

/**
 * Parsed `run` input.
 *
 * @since 0.1.0
 */
export type RunArgs = Command.Command.Config.Infer<typeof runConfig>

/**
 * `zai run`.
 *
 * @since 0.1.0
 */
export const run = Command.make("run", runConfig, Lazy.handler(() => import("../handlers/Run.js"))).pipe(
  Command.withDescription("Run a pipeline: live progress per step on stderr, outputs written to --output (--json: events as JSON lines)"),
  Command.withExamples([
    { command: 'zai run research-slides --input topic="GLM models" -o out/', description: "A built-in pipeline" },
    { command: "zai run ./minutes.yaml --input audio=meeting.wav --json", description: "A spec file, events as JSON" }
  ])
)

/**
 * The subcommands' arguments.
 *
 * @since 0.1.0
 */
export const pipelinesConfigs = {
  list: {},
  show: { pipeline },
  graph: { pipeline },
  validate: { pipeline }
}

type Infer<K extends keyof typeof pipelinesConfigs> = { readonly _tag: K } & Command.Command.Config.Infer<(typeof pipelinesConfigs)[K]>

/**
 * Parsed `pipelines` input.
 *
 * @since 0.1.0
 */
export type PipelinesArgs = Infer<"list"> | Infer<"show"> | Infer<"graph"> | Infer<"validate">

const handler = Lazy.handler(() => import("../handlers/Pipelines.js"))

/**
 * `zai pipelines`.
 *
 * @since 0.1.0
 */
export const pipelines = Command.make("pipelines").pipe(
  Command.withDescription("Built-in pipelines and spec files: list, show, graph (Mermaid), validate"),
  Command.withSubcommands([
    Command.make("list", pipelinesConfigs.list, (a) => handler({ _tag: "list", ...a })).pipe(
      Command.withDescription("List the built-in pipelines")
    ),
    Command.make("show", pipelinesConfigs.show, (a) => handler({ _tag: "show", ...a })).pipe(
      Command.withDescription("Print a pipeline's spec")
    ),
    Command.make("graph", pipelinesConfigs.graph, (a) => handler({ _tag: "graph", ...a })).pipe(
      Command.withDescription("Print a pipeline's steps as a Mermaid flowchart")
    ),
    Command.make("validate", pipelinesConfigs.validate, (a) => handler({ _tag: "validate", ...a })).pipe(
      Command.withDescription("Check a spec file without running it (errors name file, line and step)")
    )
  ])
)
