/**
 * `zai chat [PROMPT]`: one chat completion (prompt from the argument or stdin), streamed to a terminal, the final
 * text when piped, the full response with `--json`; structured output with `--json-schema FILE`; vision with
 * `--image`; an interactive session with history with `-i`.
 *
 * @since 0.1.0
 */
import { Argument, Command, Flag } from "effect/cli"
import * as Lazy from "../internal/Lazy.js"

/**
 * The default chat model.
 *
 * @since 0.1.0
 */
export const defaultModel = "glm-4.6"

/**
 * The arguments and flags.
 *
 * @since 0.1.0
 */
export const config = {
    prompt: Argument.String("prompt").pipe(Argument.withDescription("The prompt (default: stdin; - reads stdin)"), Argument.optional),
    model: Flag.String("model").pipe(Flag.withAlias("m"), Flag.withDescription("Chat model"), Flag.withDefault(defaultModel)),
    system: Flag.String("system").pipe(Flag.withAlias("s"), Flag.withDescription("System prompt"), Flag.optional),
    thinking: Flag.Boolean("thinking").pipe(Flag.withDescription("Enable deep thinking"), Flag.withDefault(false)),
    showReasoning: Flag.Boolean("show-reasoning").pipe(
      Flag.withDescription("Show the model's reasoning (dimmed, on stderr)"),
      Flag.withDefault(false)
    ),
    temperature: Flag.Finite("temperature").pipe(Flag.withDescription("Sampling temperature (0-1)"), Flag.optional),
    maxTokens: Flag.Int("max-tokens").pipe(Flag.withDescription("Most tokens in the answer"), Flag.optional),
    image: Flag.String("image").pipe(
      Flag.withDescription("An image (URL or local file) to ask about; repeatable"),
      Flag.withMetavar("PATH|URL"),
      Flag.atLeast(0)
    ),
    jsonSchema: Flag.String("json-schema").pipe(
      Flag.withDescription("Answer as JSON matching this JSON Schema file (printed as JSON)"),
      Flag.withMetavar("FILE"),
      Flag.optional
    ),
    interactive: Flag.Boolean("interactive").pipe(
      Flag.withAlias("i"),
      Flag.withDescription("Interactive session with history (lines from stdin)"),
      Flag.withDefault(false)
    )
  }

/**
 * The parsed arguments and flags.
 *
 * @since 0.1.0
 */
export type Args = Command.Command.Config.Infer<typeof config>

/**
 * The command.
 *
 * @since 0.1.0
 */
export const command = Command.make(
  "chat",
  config,
  Lazy.handler(() => import("../handlers/Chat.js"))
).pipe(
  Command.withDescription("Chat with a GLM model: streams to a terminal, prints the text when piped, --json for the whole response"),
  Command.withExamples([
    { command: 'zai chat "Why is the sky blue?"', description: "Ask one question" },
    { command: "cat notes.txt | zai chat --system 'Summarise' ", description: "Prompt from stdin" },
    { command: "zai chat --image photo.png 'What is in this picture?'", description: "Ask about an image" },
    { command: "zai chat --json-schema person.json 'Ada Lovelace'", description: "Structured output" },
    { command: "zai chat -i", description: "Interactive session" }
  ])
)
