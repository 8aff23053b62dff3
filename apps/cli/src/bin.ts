#!/usr/bin/env node
/**
 * The `zai` executable: runs the command line on `process.argv` with the real streams; Ctrl-C interrupts the
 * running command (in-flight requests are cancelled) and exits with 130.
 *
 * @since 0.1.0
 */
// deep imports: the package's barrel would also load its HTTP client and server at start-up
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Effect, Exit } from "effect"
import * as Io from "./Io.js"
import * as Main from "./Main.js"

const program: Effect.Effect<number> = Main.runWithIo(process.argv.slice(2), Io.fromProcess()).pipe(
  Effect.provide(NodeServices.layer)
)

NodeRuntime.runMain(program, {
  disableErrorReporting: true,
  teardown: (exit, onExit) => onExit(Exit.isSuccess(exit) ? (exit.value as number) : Exit.hasInterrupts(exit) ? 130 : 1)
})
