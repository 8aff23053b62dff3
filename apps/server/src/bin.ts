#!/usr/bin/env node
/**
 * `zai-server`: serves the API, the OpenAI-compatible gateway, the docs and the page. Settings from the environment
 * (see `ServerConfig`); structured JSON logs on stdout; SIGTERM / SIGINT stop it gracefully.
 *
 * @since 0.1.0
 */
import { NodeRuntime } from "@effect/platform-node"
import { Cause, Exit, Layer, Logger, Runtime } from "effect"
import * as Server from "./Server.js"
import { ServerConfig } from "./ServerConfig.js"
import * as Upstream from "./Upstream.js"

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
