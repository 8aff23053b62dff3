/**
 * The `zai` command tree: the root command with its global flags and every subcommand.
 *
 * @since 0.1.0
 */
import { Command } from "effect/cli"
import * as Agents from "./commands/Agents.js"
import * as Audio from "./commands/Audio.js"
import * as Chat from "./commands/Chat.js"
import * as Completion from "./commands/Completion.js"
import * as Documents from "./commands/Documents.js"
import * as Files from "./commands/Files.js"
import * as FineTune from "./commands/FineTune.js"
import * as Knowledge from "./commands/Knowledge.js"
import * as Media from "./commands/Media.js"
import * as Pipelines from "./commands/Pipelines.js"
import * as Search from "./commands/Search.js"
import * as Simulator from "./commands/Simulator.js"
import * as Text from "./commands/Text.js"
import * as Root from "./Root.js"

/**
 * The whole tree, as the completion command sees it.
 *
 * @since 0.1.0
 */
export const CommandTree = Completion.CommandTree

/**
 * The `zai` command with every subcommand.
 *
 * @since 0.1.0
 */
export const command = Root.root.pipe(
  Command.withSubcommands([
    Chat.command,
    Search.search,
    Search.read,
    Media.image,
    Media.video,
    Audio.transcribe,
    Audio.speak,
    Documents.ocr,
    Documents.parse,
    Agents.translate,
    Agents.slides,
    Text.embed,
    Text.tokens,
    Text.moderate,
    Files.files,
    Files.batches,
    FineTune.fineTune,
    Knowledge.knowledge,
    Audio.voices,
    Pipelines.run,
    Pipelines.pipelines,
    Simulator.command,
    Completion.command
  ])
)
