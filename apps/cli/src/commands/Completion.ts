/**
 * `zai completion bash|zsh|fish`: prints a shell completion script for every command and flag.
 *
 * @since 0.1.0
 */
import { Context, Effect } from "effect"
import { Argument, Command, Completions } from "effect/cli"
import * as Io from "../Io.js"

/**
 * The whole command tree (provided by `Main`), which the completion script describes.
 *
 * @since 0.1.0
 */
export class CommandTree extends Context.Service<CommandTree, Command.Command.Any>()("@zai-kit/cli/CommandTree") {}

/**
 * The command.
 *
 * @since 0.1.0
 */
export const command = Command.make(
  "completion",
  { shell: Argument.Literals("shell", ["bash", "zsh", "fish"]).pipe(Argument.withDescription("The shell")) },
  Effect.fnUntraced(function*({ shell }) {
    const tree = yield* CommandTree
    yield* Io.outLine(Completions.generate("zai", shell, Completions.fromCommand(tree)))
  })
).pipe(
  Command.withDescription("Print a shell completion script (bash, zsh or fish)"),
  Command.withExamples([
    { command: "zai completion bash > /etc/bash_completion.d/zai", description: "Install bash completions" },
    { command: "zai completion zsh > ~/.zfunc/_zai", description: "Install zsh completions" },
    { command: "zai completion fish > ~/.config/fish/completions/zai.fish", description: "Install fish completions" }
  ])
)
