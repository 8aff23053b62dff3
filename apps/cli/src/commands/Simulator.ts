/**
 * `zai simulator [--port N]`: serves the built-in Z.ai simulator on 127.0.0.1 until Ctrl-C.
 *
 * @since 0.1.0
 */
import { Command, Flag } from "effect/cli"
import * as Lazy from "../internal/Lazy.js"

/**
 * The flags.
 *
 * @since 0.1.0
 */
export const config = {
  port: Flag.Int("port").pipe(Flag.withAlias("p"), Flag.withDescription("TCP port (0: a free one)"), Flag.withDefault(0)),
  fault: Flag.String("fault").pipe(
    Flag.withDescription("Queue a fault, e.g. rate-limit;seconds=2 (repeatable; one is used per request)"),
    Flag.atLeast(0)
  )
}

/**
 * Parsed input.
 *
 * @since 0.1.0
 */
export type Args = Command.Command.Config.Infer<typeof config>

/**
 * `zai simulator`.
 *
 * @since 0.1.0
 */
export const command = Command.make("simulator", config, Lazy.handler(() => import("../handlers/Simulator.js"))).pipe(
  Command.withDescription("Serve the built-in Z.ai simulator on 127.0.0.1 (prints its base URL; Ctrl-C stops it)"),
  Command.withExamples([
    { command: "zai simulator --port 8787", description: "Then: ZAI_BASE_URL=http://127.0.0.1:8787/api/paas/v4 ZAI_API_KEY=any zai chat hi" }
  ])
)
