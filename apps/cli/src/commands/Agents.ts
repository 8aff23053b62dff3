/**
 * `zai translate TEXT --to LANG` and `zai slides PROMPT --wait -o DIR` (the translation and slides agents).
 *
 * @since 0.1.0
 */
import { Argument, Command, Flag } from "effect/cli"
import * as Lazy from "../internal/Lazy.js"
import * as Wait from "../internal/Wait.js"

/**
 * The arguments and flags of `translate`.
 *
 * @since 0.1.0
 */
export const translateConfig = {
  text: Argument.String("text").pipe(Argument.withDescription("The text (default: stdin)"), Argument.optional),
  to: Flag.String("to").pipe(Flag.withDescription("Target language code (en, fr, zh-CN, ja, ...)")),
  from: Flag.String("from").pipe(Flag.withDescription("Source language code (default: detected)"), Flag.optional),
  strategy: Flag.Literals("strategy", ["general", "paraphrase", "two_step", "three_step", "reflection", "cot"]).pipe(
    Flag.withDescription("Translation strategy"),
    Flag.optional
  )
}

/**
 * Parsed `translate` input.
 *
 * @since 0.1.0
 */
export type TranslateArgs = Command.Command.Config.Infer<typeof translateConfig>

/**
 * `zai translate`.
 *
 * @since 0.1.0
 */
export const translate = Command.make("translate", translateConfig, Lazy.handler(() => import("../handlers/Translate.js"))).pipe(
  Command.withDescription("Translate text with the translation agent"),
  Command.withExamples([{ command: 'zai translate "Hello world" --to fr', description: "English to French" }])
)

/**
 * The arguments and flags of `slides`.
 *
 * @since 0.1.0
 */
export const slidesConfig = {
  prompt: Argument.String("prompt").pipe(Argument.withDescription("What the deck is about (default: stdin)"), Argument.optional),
  wait: Flag.Boolean("wait").pipe(Flag.withDescription("Wait for the rendered files (PDF, page images)"), Flag.withDefault(false)),
  output: Flag.String("output").pipe(
    Flag.withAlias("o"),
    Flag.withDescription("Download the files into this directory (implies --wait)"),
    Flag.withMetavar("DIR"),
    Flag.optional
  ),
  pdf: Flag.Boolean("pdf").pipe(Flag.withDescription("Also render a PDF"), Flag.withDefault(true)),
  pollInterval: Wait.pollInterval,
  waitTimeout: Wait.waitTimeout
}

/**
 * Parsed `slides` input.
 *
 * @since 0.1.0
 */
export type SlidesArgs = Command.Command.Config.Infer<typeof slidesConfig>

/**
 * `zai slides`.
 *
 * @since 0.1.0
 */
export const slides = Command.make("slides", slidesConfig, Lazy.handler(() => import("../handlers/Slides.js"))).pipe(
  Command.withDescription("Make a slide deck with the slides agent; --wait -o DIR downloads the PDF and page images"),
  Command.withExamples([{ command: 'zai slides "GLM models: history, uses and limits" --wait -o deck/', description: "A deck on disk" }])
)
