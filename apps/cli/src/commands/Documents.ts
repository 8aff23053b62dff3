/**
 * `zai ocr FILE` (layout parsing: text and layout of an image or PDF, as markdown) and `zai parse FILE` (a document
 * parsed to text by the file parser).
 *
 * @since 0.1.0
 */
import { Argument, Command, Flag } from "effect/cli"
import * as Lazy from "../internal/Lazy.js"
import * as Wait from "../internal/Wait.js"

/**
 * The arguments and flags of `ocr`.
 *
 * @since 0.1.0
 */
export const ocrConfig = {
  file: Argument.String("file").pipe(Argument.withDescription("Image or PDF: a local file or an http(s) URL")),
  model: Flag.String("model").pipe(Flag.withAlias("m"), Flag.withDescription("OCR model"), Flag.withDefault("glm-ocr"))
}

/**
 * Parsed `ocr` input.
 *
 * @since 0.1.0
 */
export type OcrArgs = Command.Command.Config.Infer<typeof ocrConfig>

/**
 * `zai ocr`.
 *
 * @since 0.1.0
 */
export const ocr = Command.make("ocr", ocrConfig, Lazy.handler(() => import("../handlers/Ocr.js"))).pipe(
  Command.withDescription("Recognise the text and layout of an image or PDF (markdown)"),
  Command.withExamples([{ command: "zai ocr scan.png > scan.md", description: "A scan to markdown" }])
)

/**
 * The arguments and flags of `parse`.
 *
 * @since 0.1.0
 */
export const parseConfig = {
  file: Argument.String("file").pipe(Argument.withDescription("The document (pdf, docx, xlsx, png, ...)")),
  tool: Flag.Literals("tool", ["lite", "expert", "prime"]).pipe(Flag.withDescription("Parser"), Flag.withDefault("lite")),
  pollInterval: Wait.pollInterval,
  waitTimeout: Wait.waitTimeout
}

/**
 * Parsed `parse` input.
 *
 * @since 0.1.0
 */
export type ParseArgs = Command.Command.Config.Infer<typeof parseConfig>

/**
 * `zai parse`.
 *
 * @since 0.1.0
 */
export const parse = Command.make("parse", parseConfig, Lazy.handler(() => import("../handlers/Parse.js"))).pipe(
  Command.withDescription("Parse a document to text (waits for the parser)"),
  Command.withExamples([{ command: "zai parse report.pdf > report.txt", description: "A PDF to text" }])
)
