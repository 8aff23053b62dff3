/**
 * What `zai run` does: loads the pipeline, checks the inputs, runs it on the domain services (the real API or the
 * simulator), shows its events, writes `outputs.json` into the output directory and prints where the outputs are.
 * Ctrl-C cancels the run (in-flight steps are interrupted).
 * @internal
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { Pipeline, type RunEvent } from "@zai-kit/workflow"
import { Clock, Effect, Fiber, Option, Stream } from "effect"
import * as Backend from "../Backend.js"
import type { RunArgs } from "../commands/Pipelines.js"
import { CommandFailed } from "../Errors.js"
import * as Input from "../internal/Input.js"
import * as Specs from "../internal/Specs.js"
import * as Io from "../Io.js"
import * as Output from "../Output.js"
import * as Root from "../Root.js"
import * as RunView from "../RunView.js"
import * as Style from "../Style.js"

const show = (events: Stream.Stream<RunEvent.RunEvent>) =>
  Effect.gen(function*() {
    const io = yield* Io.Io
    const settings = yield* Root.settings
    if (settings.json) return yield* Stream.runForEach(events, (event) => Io.outLine(JSON.stringify(event)))
    if (settings.quiet) return yield* Stream.runDrain(events)
    if (!io.stderrIsTTY) {
      return yield* Stream.runForEach(events, (event) => {
        const text = RunView.line(event)
        return text === undefined ? Effect.void : Io.errLine(text)
      })
    }
    const style = Style.forStderr(io)
    const model = RunView.empty()
    let drawn = 0
    const redraw = Effect.gen(function*() {
      const now = yield* Clock.currentTimeMillis
      const lines = RunView.render(model, now, style)
      const up = drawn > 0 ? `\x1b[${drawn}F` : ""
      yield* Io.err(`${up}${lines.map((l) => `\x1b[2K${l}\n`).join("")}`)
      drawn = lines.length
    })
    const ticker = yield* Effect.forkChild(Effect.forever(Effect.andThen(Effect.sleep("200 millis"), redraw)))
    yield* Stream.runForEach(events, (event) => Effect.andThen(Effect.sync(() => RunView.update(model, event)), redraw))
    yield* Fiber.interrupt(ticker)
    yield* redraw
    if (model.finished !== undefined) {
      const text = RunView.line(model.finished)
      if (text !== undefined) yield* Io.errLine(style.dim(text))
    }
  })

/** Runs the command. */
export const run = Effect.fnUntraced(function*(args: RunArgs) {
  const outputDir = yield* Input.resolvePath(Option.getOrElse(args.output, () => "."))
  const src = yield* Specs.source(args.pipeline)
  const input = yield* Specs.inputs(src.text, args.input, args.inputFile)
  const settings = yield* Root.settings
  const output = yield* Backend.provide(
    Effect.gen(function*() {
      const registry = yield* Specs.registry(outputDir)
      const pipeline = yield* Specs.load(src, registry)
      yield* Effect.tryPromise({
        try: () => mkdir(outputDir, { recursive: true }),
        catch: (e) => new CommandFailed({ message: `cannot create ${outputDir}: ${String(e)}` })
      })
      const handle = yield* Pipeline.run(pipeline, input).pipe(
        Effect.mapError((e) => new CommandFailed({ message: `cannot start the run: ${e.message}` }))
      )
      const viewer = yield* Effect.forkChild(show(handle.events))
      const result = yield* Effect.exit(handle.result.pipe(Effect.onInterrupt(() => handle.cancel)))
      // the event stream ends with RunFinished, also when the run failed: show all of it before reporting
      yield* Fiber.join(viewer)
      return yield* result
    }).pipe(Effect.scoped)
  )
  const file = join(outputDir, "outputs.json")
  yield* Effect.tryPromise({
    try: () => writeFile(file, `${JSON.stringify(output, null, 2)}\n`),
    catch: (e) => new CommandFailed({ message: `cannot write ${file}: ${String(e)}` })
  })
  if (settings.json) return yield* Io.outLine(JSON.stringify({ _tag: "RunOutput", outputDir, file, output }))
  const lines =
    typeof output === "object" && output !== null && !Array.isArray(output)
      ? Object.entries(output).map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
      : [JSON.stringify(output)]
  yield* Io.outLine(lines.join("\n"))
  yield* Output.notice(`outputs written to ${file}`)
})
