#!/usr/bin/env node
/**
 * `zai-server`: serves the API, the OpenAI-compatible gateway, the docs and the page. Settings from the environment
 * (see `ServerConfig`); structured JSON logs on stdout; SIGTERM / SIGINT stop it gracefully.
 *
 * @since 0.1.0
 */
import { readFileSync } from "node:fs"
import { NodeRuntime } from "@effect/platform-node"
import { Cause, Exit, Layer, Logger, Runtime } from "effect"
import * as Server from "./Server.js"
import { ServerConfig } from "./ServerConfig.js"
import * as Upstream from "./Upstream.js"
import * as Usage from "./Usage.js"

const serve = () =>
  Server.layerNode.pipe(
    Layer.provide(Upstream.layer),
    Layer.provide(ServerConfig.layer),
    Layer.provide(Logger.layer([Logger.consoleJson])),
    Layer.launch,
    NodeRuntime.runMain({
      // Stopped by SIGTERM / SIGINT after the graceful shutdown: a clean exit (0), not the interrupted 130.
      teardown: (exit, onExit) =>
        Exit.isFailure(exit) && Cause.hasInterruptsOnly(exit.cause) ? onExit(0) : Runtime.defaultTeardown(exit, onExit)
    })
  )

const asked = Usage.parse(process.argv.slice(2))
if (asked._tag === "Help") process.stdout.write(Usage.text)
else if (asked._tag === "Version") {
  // the package's own manifest, one folder up from src/ and from dist/
  const manifest: { readonly version?: string } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
  process.stdout.write(`${manifest.version ?? "unknown"}\n`)
}
else if (asked._tag === "Unknown") {
  process.stderr.write(`zai-server: unknown argument ${JSON.stringify(asked.arg)} (try --help)\n`)
  process.exitCode = 2
} else serve()
