/**
 * What `zai simulator` does.
 * @internal
 */
import { Simulator } from "@zai-kit/testing"
import { Effect } from "effect"
import type { Args } from "../commands/Simulator.js"
import { CommandFailed, UsageError } from "../Errors.js"
import * as Io from "../Io.js"
import * as Output from "../Output.js"

/** Runs the command. */
export const run = (args: Args) =>
  Effect.gen(function*() {
    if (args.port < 0 || args.port > 65535) return yield* new UsageError({ message: `--port must be between 0 and 65535, got ${args.port}` })
    const sim = yield* Simulator.start({ port: args.port, faults: args.fault }).pipe(
      Effect.mapError((e) =>
        e._tag === "InvalidFault" ? new UsageError({ message: `--fault: ${e.message}` }) : new CommandFailed({ message: `cannot start the simulator: ${e.message}` })
      )
    )
    yield* Io.outLine(sim.url)
    yield* Output.notice(`Z.ai simulator listening: ZAI_BASE_URL=${sim.url} ZAI_API_KEY=any (Ctrl-C stops it)`)
    return yield* Effect.never
  }).pipe(Effect.scoped)
