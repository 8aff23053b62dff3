/**
 * Runs the `zai` command line on an argv: parses it with `effect/cli`, runs the command, reports failures on stderr
 * and returns the exit code (`0` success, `1` API or pipeline failure, `2` usage error, `130` interrupted). Tests run
 * it in-process with buffers for the streams; `bin.ts` runs it on the real process.
 *
 * @since 0.1.0
 */
import { Console, Effect, Exit, type Layer, References } from "effect"
import { CliOutput, Command } from "effect/cli"
import * as Cli from "./Cli.js"
import { ExitCode } from "./Errors.js"
import * as Io from "./Io.js"
import * as Style from "./Style.js"

/**
 * The version printed by `zai --version`.
 *
 * @since 0.1.0
 */
export const version = "0.1.0"

/**
 * Help on stdout; a usage error only as the error (with `effect/cli`'s "did you mean" suggestions) and a pointer to
 * the help, on stderr.
 *
 * @since 0.1.0
 */
export const presenter = (io: Io.Service): CliOutput.Presenter => {
  const stdoutFormatter = CliOutput.defaultFormatter({ colors: Style.colorsAllowed(io, "stdout") })
  const stderrFormatter = CliOutput.defaultFormatter({ colors: Style.colorsAllowed(io, "stderr") })
  return {
    present: (event) =>
      Effect.sync(() => {
        switch (event._tag) {
          case "Help":
            io.stdout.write(`${stdoutFormatter.formatHelpDoc(event.helpDoc)}\n`)
            return
          case "Version":
            io.stdout.write(`${stdoutFormatter.formatVersion(event.name, event.version)}\n`)
            return
          case "InvalidInvocation":
            io.stderr.write(`${stderrFormatter.formatErrors(event.errors)}\n`)
            io.stderr.write(`Run '${event.commandPath.join(" ")} --help' for usage.\n`)
            return
        }
      })
  }
}

/**
 * Runs `zai` with `argv` (without the node and script paths) and returns the exit code; never fails.
 *
 * @since 0.1.0
 */
export const run = (argv: ReadonlyArray<string>): Effect.Effect<number, never, Io.Io | Command.Environment> =>
  Effect.gen(function*() {
    const io = yield* Io.Io
    const exit = yield* Command.runWith(Cli.command, { version, renderErrors: true })(argv).pipe(
      Effect.provideService(CliOutput.Presenter, presenter(io)),
      Effect.provideService(Console.Console, Io.console(io)),
      // logs (e.g. with --log-level) are diagnostics: stderr, never mixed into results
      Effect.provideService(References.LogToStderr, true),
      Effect.provideService(Cli.CommandTree, Cli.command),
      Effect.exit
    )
    if (Exit.isSuccess(exit)) return ExitCode.ok
    const Failure = yield* Effect.promise(() => import("./Failure.js"))
    const report = Failure.reportCause(exit.cause)
    if (report.lines.length > 0) {
      const style = Style.forStderr(io)
      const [first, ...rest] = report.lines
      io.stderr.write(`${style.red(`zai: ${first ?? ""}`)}\n${rest.map((line) => `${line}\n`).join("")}`)
    }
    return report.exitCode
  })

/**
 * Runs `run` with an `Io` service.
 *
 * @since 0.1.0
 */
export const runWithIo = (
  argv: ReadonlyArray<string>,
  io: Io.Service
): Effect.Effect<number, never, Command.Environment> => Effect.provideService(run(argv), Io.Io, io)

/**
 * A type helper for layers that provide `Command.Environment`.
 *
 * @since 0.1.0
 */
export type EnvironmentLayer = Layer.Layer<Command.Environment>
