/**
 * `zai embed TEXT...` (vectors), `zai tokens TEXT` (token count) and `zai moderate TEXT` (risk verdict).
 *
 * @since 0.1.0
 */
import { Argument, Command, Flag } from "effect/cli"
import * as Lazy from "../internal/Lazy.js"

/**
 * The arguments and flags of `embed`.
 *
 * @since 0.1.0
 */
export const embedConfig = {
  texts: Argument.String("text").pipe(Argument.withDescription("Texts to embed (default: stdin, one per line)"), Argument.variadic()),
  model: Flag.String("model").pipe(Flag.withAlias("m"), Flag.withDescription("Embedding model"), Flag.withDefault("embedding-3")),
  dimensions: Flag.Int("dimensions").pipe(Flag.withDescription("Vector size (embedding-3: 256, 512, 1024 or 2048)"), Flag.optional)
}

/**
 * Parsed `embed` input.
 *
 * @since 0.1.0
 */
export type EmbedArgs = Command.Command.Config.Infer<typeof embedConfig>

/**
 * `zai embed`.
 *
 * @since 0.1.0
 */
export const embed = Command.make("embed", embedConfig, Lazy.handler(() => import("../handlers/Embed.js"))).pipe(
  Command.withDescription("Embed texts: one JSON array of numbers per line (--json: the whole response)"),
  Command.withExamples([{ command: 'zai embed "first text" "second text" --dimensions 256', description: "Two vectors" }])
)

/**
 * The arguments and flags of `tokens` and `moderate`.
 *
 * @since 0.1.0
 */
export const tokensConfig = {
  text: Argument.String("text").pipe(Argument.withDescription("The text (default: stdin)"), Argument.optional),
  model: Flag.String("model").pipe(Flag.withAlias("m"), Flag.withDescription("Chat model"), Flag.withDefault("glm-4.6"))
}

/**
 * Parsed `tokens` input.
 *
 * @since 0.1.0
 */
export type TokensArgs = Command.Command.Config.Infer<typeof tokensConfig>

/**
 * `zai tokens`.
 *
 * @since 0.1.0
 */
export const tokens = Command.make("tokens", tokensConfig, Lazy.handler(() => import("../handlers/Tokens.js"))).pipe(
  Command.withDescription("Count the tokens of a text for a model"),
  Command.withExamples([{ command: "zai tokens < prompt.txt", description: "Tokens of a file" }])
)

/**
 * The arguments and flags of `moderate`.
 *
 * @since 0.1.0
 */
export const moderateConfig = {
  text: Argument.String("text").pipe(Argument.withDescription("The text (default: stdin)"), Argument.optional)
}

/**
 * Parsed `moderate` input.
 *
 * @since 0.1.0
 */
export type ModerateArgs = Command.Command.Config.Infer<typeof moderateConfig>

/**
 * `zai moderate`.
 *
 * @since 0.1.0
 */
export const moderate = Command.make("moderate", moderateConfig, Lazy.handler(() => import("../handlers/Moderate.js"))).pipe(
  Command.withDescription("Check a text for risky content: risk level and types"),
  Command.withExamples([{ command: 'zai moderate "some user comment"', description: "One verdict" }])
)
