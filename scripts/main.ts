// The README's main job: runs the `research-slides` pipeline end to end (search a topic, read the top pages,
// write an outline with sources, make a slide deck) and writes the deck, outline.md and sources.md into a folder.
// With ZAI_API_KEY set it calls the real API (ZAI_BASE_URL / ZAI_REGION honoured); without it, it starts the
// built-in simulator on 127.0.0.1 and says so on stderr.
//
// Usage: pnpm run main [topic words...] [--output DIR] [--max-sources N] [--language LANG]
import { readdirSync, statSync } from "node:fs"
import { join, resolve } from "node:path"
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Pipelines, Registry } from "@zai-kit/steps"
import { type Faults, Simulator } from "@zai-kit/testing"
import type { ZaiClient } from "@zai-kit/transport"
import { layerConfigUndici, layerUndici } from "@zai-kit/transport/node"
import { Pipeline, type RunEvent } from "@zai-kit/workflow"
import { type Config, Console, Effect, Fiber, Layer, Stream } from "effect"

const usage = "usage: pnpm run main [topic words...] [--output DIR] [--max-sources N] [--language LANG]"

interface Args {
  readonly topic: string
  readonly output: string | undefined
  readonly maxSources: number
  readonly language: string | undefined
}

const parseArgs = (argv: ReadonlyArray<string>): Args | string => {
  const words: Array<string> = []
  const flags: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ""
    const flag = /^--(output|max-sources|language)(?:=(.*))?$/.exec(arg)
    if (flag !== null) {
      const value = flag[2] ?? argv[++i]
      if (value === undefined || value === "") return `--${flag[1]} needs a value\n${usage}`
      flags[flag[1] ?? ""] = value
    } else if (arg === "--help" || arg === "-h") {
      return usage
    } else if (arg.startsWith("--")) {
      return `unknown option ${arg}\n${usage}`
    } else {
      words.push(arg)
    }
  }
  const topic = words.join(" ").trim() || "offshore wind energy"
  if (topic.length > 70) return `the topic is the search query: at most 70 characters, got ${topic.length}`
  const maxSources = flags["max-sources"] === undefined ? 5 : Number(flags["max-sources"])
  if (!Number.isInteger(maxSources) || maxSources < 1 || maxSources > 20) {
    return `--max-sources expects an integer from 1 to 20, got ${flags["max-sources"]}`
  }
  return { topic, output: flags.output, maxSources, language: flags.language }
}

const stamp = (date: Date): string => date.toISOString().replace(/\.\d+Z$/, "").replace(/[-:]/g, "").replace("T", "-")

/** Every file below `dir`, relative to it, sorted. */
const filesBelow = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort()

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`

const describe = (event: RunEvent.RunEvent): string | undefined => {
  switch (event._tag) {
    case "RunStarted":
      return `▶ ${event.pipeline}`
    case "StepStarted":
      return `  … ${event.step} (${event.kind})`
    case "StepProgress":
      return event.message === undefined ? undefined : `    ${event.step}: ${event.message}`
    case "StepRetried":
      return `  ↻ ${event.step} attempt ${event.attempt} failed (${event.error}); retrying in ${seconds(event.delayMillis)}`
    case "StepSucceeded":
      return `  ✓ ${event.step} ${seconds(event.durationMillis)}${event.usage.inputTokens + event.usage.outputTokens > 0 ? `, ${event.usage.inputTokens} + ${event.usage.outputTokens} tokens` : ""}`
    case "StepFailed":
      return `  ✗ ${event.step} failed after ${event.attempts} attempt(s): ${event.error}`
    case "StepCached":
      return `  ✓ ${event.step} (cached)`
    case "RunFinished":
      return `■ ${event.status} in ${seconds(event.durationMillis)}, ${event.usage.inputTokens} input + ${event.usage.outputTokens} output tokens`
  }
}

const client: Layer.Layer<ZaiClient.ZaiClient, Config.ConfigError | Simulator.SimulatorError | Faults.InvalidFault> = process
  .env.ZAI_API_KEY
  ? layerConfigUndici()
  : Layer.unwrap(
      Effect.gen(function* () {
        const sim = yield* Simulator.Simulator
        yield* Console.error(`ZAI_API_KEY is not set: using the built-in simulator at ${sim.url}`)
        return layerUndici({ apiKey: sim.apiKey, baseUrl: sim.url })
      })
    ).pipe(Layer.provide(Simulator.layer()))

const program = (args: Args) =>
  Effect.gen(function* () {
    const outputDir = resolve(args.output ?? join("out", `research-slides-${stamp(new Date())}`))
    const registry = yield* Registry.make({ outputDir })
    const pipeline = yield* Pipelines.load("research-slides", registry)
    yield* Console.error(`Researching "${args.topic}" into ${outputDir}`)
    const outcome = yield* Effect.scoped(
      Effect.gen(function* () {
        const handle = yield* Pipeline.run(pipeline, {
          topic: args.topic,
          maxSources: args.maxSources,
          ...(args.language === undefined ? {} : { language: args.language })
        })
        const printer = yield* Effect.forkChild(
          Stream.runForEach(handle.events, (event) => {
            const line = describe(event)
            return line === undefined ? Effect.void : Console.error(line)
          })
        )
        const result = yield* Effect.result(handle.result)
        yield* Fiber.join(printer)
        return result
      })
    )
    if (outcome._tag === "Failure") {
      const error = outcome.failure
      yield* Console.error(`research-slides failed: ${error instanceof Error ? error.message : String(error)}`)
      process.exitCode = 1
      return
    }
    const output = outcome.success as { readonly deck?: string; readonly outline?: string; readonly sources?: string }
    const files = filesBelow(outputDir)
    yield* Console.log(`Wrote ${files.length} files to ${outputDir}:`)
    for (const file of files) yield* Console.log(`  ${file}`)
    if (output.deck !== undefined) yield* Console.log(`Deck: ${output.deck}`)
    if (output.outline !== undefined) yield* Console.log(`Outline: ${output.outline}`)
    if (output.sources !== undefined) yield* Console.log(`Sources: ${output.sources}`)
  })

const args = parseArgs(process.argv.slice(2))
if (typeof args === "string") {
  // bad arguments: nothing is started
  process.stderr.write(`${args}\n`)
  process.exitCode = args === usage ? 0 : 2
} else {
  program(args).pipe(
    Effect.provide(Layer.mergeAll(Registry.layerServices.pipe(Layer.provide(client)), NodeServices.layer)),
    NodeRuntime.runMain
  )
}
