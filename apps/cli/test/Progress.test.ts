import { PassThrough } from "node:stream"
import { NodeServices } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import { Command } from "effect/cli"
import { TestClock } from "effect/testing"
import * as Io from "../src/Io.js"
import * as Progress from "../src/Progress.js"
import * as Root from "../src/Root.js"

/** Runs `body` inside a `zai` subcommand (which provides the global flags) with stderr captured. */
const withProgress = (argv: ReadonlyArray<string>, stderrIsTTY: boolean, body: Effect.Effect<void, never, Io.Io | Root.Context>) =>
  Effect.gen(function*() {
    const stderr = new PassThrough()
    const chunks: Array<string> = []
    stderr.on("data", (chunk: Buffer) => chunks.push(chunk.toString()))
    const io: Io.Service = {
      stdout: new PassThrough(),
      stderr,
      stdin: new PassThrough(),
      stdinIsTTY: true,
      stdoutIsTTY: false,
      stderrIsTTY,
      env: { NO_COLOR: "1" },
      cwd: "/"
    }
    const cli = Root.root.pipe(Command.withSubcommands([Command.make("wait", {}, () => body)]))
    const fiber = yield* Command.runWith(cli, { version: "0" })(["wait", ...argv]).pipe(
      Effect.provideService(Io.Io, io),
      Effect.provide(NodeServices.layer),
      Effect.forkChild
    )
    yield* TestClock.adjust("90 seconds")
    yield* Fiber.join(fiber)
    return chunks.join("")
  })

const ninetySeconds = Progress.track("video v1", () => Effect.sleep("90 seconds"))

describe("Progress (on the test clock)", () => {
  it.effect("without a terminal: a line when the wait starts and one with the elapsed time when it ends", () =>
    Effect.gen(function*() {
      const stderr = yield* withProgress([], false, ninetySeconds)
      assert.strictEqual(stderr, "video v1…\nvideo v1: done after 1m30s\n")
    }))

  it.effect("on a terminal: a redrawn spinner line with the elapsed time and the status, then a final mark", () =>
    Effect.gen(function*() {
      const stderr = yield* withProgress(
        [],
        true,
        Progress.track("video v1", (handle) => Effect.andThen(handle.update("PROCESSING"), Effect.sleep("90 seconds")))
      )
      assert.include(stderr, "\r\x1b[K")
      assert.include(stderr, "video v1 45.0s PROCESSING")
      assert.isTrue(stderr.endsWith("✓ video v1 1m30s\n"))
    }))

  it.effect("nothing with --quiet", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* withProgress(["-q"], false, ninetySeconds), "")
    }))
})
