#!/usr/bin/env node
/**
 * `zai-simulator [--port N] [--api-key K] [--fault F]...`: serves the Z.ai simulator and prints its base URL.
 *
 * @since 0.1.0
 */
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Command } from "effect/cli"
import { Effect } from "effect"
import { command } from "./internal/cli.js"

command.pipe(Command.run({ version: "0.1.0" }), Effect.provide(NodeServices.layer), NodeRuntime.runMain)
