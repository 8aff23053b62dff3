/**
 * The process's standard streams and environment as a service, so that every command writes results to `stdout`,
 * diagnostics to `stderr`, and reads `stdin`, through one place that tests can replace with buffers.
 *
 * @since 0.1.0
 */
import { Console as NodeConsole } from "node:console"
import type { Readable, Writable } from "node:stream"
import { Context, Effect } from "effect"

/**
 * The streams, their terminal status, the environment and the working directory.
 *
 * @since 0.1.0
 */
export interface Service {
  /** Results go here. */
  readonly stdout: Writable
  /** Progress and diagnostics go here. */
  readonly stderr: Writable
  /** Input (prompts, texts, interactive sessions). */
  readonly stdin: Readable
  /** Whether `stdin` is a terminal (then it is never read for input). */
  readonly stdinIsTTY: boolean
  /** Whether `stdout` is a terminal (then chat streams tokens and tables are aligned). */
  readonly stdoutIsTTY: boolean
  /** Whether `stderr` is a terminal (then progress redraws one line and colours may be used). */
  readonly stderrIsTTY: boolean
  /** The environment (`ZAI_API_KEY`, `ZAI_BASE_URL`, `ZAI_REGION`, `NO_COLOR`). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** The directory relative paths are resolved against. */
  readonly cwd: string
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Io extends Context.Service<Io, Service>()("@zai-kit/cli/Io") {}

/**
 * The real process: `process.stdout`, `process.stderr`, `process.stdin`, `process.env`, `process.cwd()`.
 *
 * @since 0.1.0
 */
export const fromProcess = (): Service => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  stdinIsTTY: process.stdin.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
  cwd: process.cwd()
})

/**
 * A `Console` over the service's streams (`log` to stdout, `error` to stderr), so that output of `effect/cli`
 * (help, version, completions) lands where the command's own output does.
 *
 * @since 0.1.0
 */
export const console = (io: Service): InstanceType<typeof NodeConsole> => new NodeConsole({ stdout: io.stdout, stderr: io.stderr, colorMode: false })

/**
 * Writes text to stdout.
 *
 * @since 0.1.0
 */
export const out = (text: string): Effect.Effect<void, never, Io> => Io.use((io) => Effect.sync(() => void io.stdout.write(text)))

/**
 * Writes a line to stdout.
 *
 * @since 0.1.0
 */
export const outLine = (text: string): Effect.Effect<void, never, Io> => out(`${text}\n`)

/**
 * Writes text to stderr.
 *
 * @since 0.1.0
 */
export const err = (text: string): Effect.Effect<void, never, Io> => Io.use((io) => Effect.sync(() => void io.stderr.write(text)))

/**
 * Writes a line to stderr.
 *
 * @since 0.1.0
 */
export const errLine = (text: string): Effect.Effect<void, never, Io> => err(`${text}\n`)

/**
 * Reads stdin to its end as UTF-8 text (interruptible: Ctrl-C while waiting cancels the read); a read error fails
 * with the `UsageError` built by `onError`.
 *
 * @since 0.1.0
 */
export const readStdin = <E>(onError: (error: Error) => E): Effect.Effect<string, E, Io> =>
  Io.use((io) =>
    Effect.callback<string, E>((resume) => {
      const chunks: Array<Buffer> = []
      const onData = (chunk: Buffer | string) => void chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk)
      const onEnd = () => {
        cleanup()
        resume(Effect.succeed(Buffer.concat(chunks).toString("utf8")))
      }
      const onFailure = (error: Error) => {
        cleanup()
        resume(Effect.fail(onError(error)))
      }
      const cleanup = () => {
        io.stdin.off("data", onData)
        io.stdin.off("end", onEnd)
        io.stdin.off("error", onFailure)
      }
      io.stdin.on("data", onData)
      io.stdin.on("end", onEnd)
      io.stdin.on("error", onFailure)
      io.stdin.resume()
      return Effect.sync(() => {
        cleanup()
        io.stdin.pause()
      })
    })
  )
