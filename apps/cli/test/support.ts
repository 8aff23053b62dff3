/**
 * Test support: runs the CLI in-process with buffers for stdout/stderr, a given stdin, environment and working
 * directory, and returns what a shell would see (exit code, stdout, stderr).
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PassThrough, Readable } from "node:stream"
import { NodeServices } from "@effect/platform-node"
import { Effect } from "effect"
import type * as Io from "../src/Io.js"
import * as Main from "../src/Main.js"

/** What a run printed and returned. */
export interface Result {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** How to run. */
export interface Options {
  /** Text on stdin (stdin is a terminal when absent). */
  readonly stdin?: string
  /** A stdin (not a terminal) that fails with this message. */
  readonly stdinError?: string
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly cwd?: string
  readonly stdoutIsTTY?: boolean
  readonly stderrIsTTY?: boolean
}

const collect = (): { readonly stream: PassThrough; readonly text: () => string } => {
  const stream = new PassThrough()
  const chunks: Array<Buffer> = []
  stream.on("data", (chunk: Buffer) => chunks.push(chunk))
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") }
}

/** A fresh temporary directory. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), "zai-cli-"))

/** Runs `zai ...argv` in-process. */
export const zai = (argv: ReadonlyArray<string>, options: Options = {}): Effect.Effect<Result> =>
  Effect.gen(function*() {
    const stdout = collect()
    const stderr = collect()
    const io: Io.Service = {
      stdout: stdout.stream,
      stderr: stderr.stream,
      stdin:
        options.stdinError !== undefined
          ? new Readable({ read() { this.destroy(new Error(options.stdinError)) } })
          : options.stdin === undefined
            ? new PassThrough()
            : Readable.from([Buffer.from(options.stdin)]),
      stdinIsTTY: options.stdin === undefined && options.stdinError === undefined,
      stdoutIsTTY: options.stdoutIsTTY ?? false,
      stderrIsTTY: options.stderrIsTTY ?? false,
      env: options.env ?? {},
      cwd: options.cwd ?? tempDir()
    }
    const code = yield* Main.runWithIo(argv, io).pipe(Effect.provide(NodeServices.layer))
    // let the PassThrough streams deliver what was written
    yield* Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))
    return { code, stdout: stdout.text(), stderr: stderr.text() }
  })

/** Flags that point the CLI at a simulator started by the test (so that it can inspect requests or inject faults). */
export const at = (url: string, key = "test-key"): ReadonlyArray<string> => ["--api-key", key, "--base-url", url]
