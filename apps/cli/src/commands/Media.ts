/**
 * `zai image PROMPT -o FILE` and `zai video PROMPT [--image ...] --wait -o FILE`.
 *
 * @since 0.1.0
 */
import { Argument, Command, Flag } from "effect/cli"
import * as Lazy from "../internal/Lazy.js"
import * as Wait from "../internal/Wait.js"

/**
 * The arguments and flags of `image`.
 *
 * @since 0.1.0
 */
export const imageConfig = {
  prompt: Argument.String("prompt").pipe(Argument.withDescription("What to draw (default: stdin)"), Argument.optional),
  model: Flag.String("model").pipe(Flag.withAlias("m"), Flag.withDescription("Image model"), Flag.withDefault("cogview-4")),
  size: Flag.String("size").pipe(Flag.withDescription("WIDTHxHEIGHT, e.g. 1024x1024"), Flag.optional),
  quality: Flag.Literals("quality", ["hd", "standard"]).pipe(Flag.withDescription("Quality"), Flag.optional),
  output: Flag.String("output").pipe(Flag.withAlias("o"), Flag.withDescription("Write the image to this file"), Flag.withMetavar("FILE"), Flag.optional)
}

/**
 * Parsed `image` input.
 *
 * @since 0.1.0
 */
export type ImageArgs = Command.Command.Config.Infer<typeof imageConfig>

/**
 * `zai image`.
 *
 * @since 0.1.0
 */
export const image = Command.make("image", imageConfig, Lazy.handler(() => import("../handlers/Image.js"))).pipe(
  Command.withDescription("Generate an image: prints its URL, or writes it with -o"),
  Command.withExamples([{ command: 'zai image "a red fox in snow" -o fox.png', description: "Draw and save" }])
)

/**
 * The arguments and flags of `video`.
 *
 * @since 0.1.0
 */
export const videoConfig = {
  prompt: Argument.String("prompt").pipe(Argument.withDescription("What the video shows (default: stdin)"), Argument.optional),
  model: Flag.String("model").pipe(Flag.withAlias("m"), Flag.withDescription("Video model"), Flag.withDefault("cogvideox-3")),
  image: Flag.String("image").pipe(
    Flag.withDescription("A start image (URL or local file)"),
    Flag.withMetavar("PATH|URL"),
    Flag.optional
  ),
  size: Flag.String("size").pipe(Flag.withDescription("WIDTHxHEIGHT, e.g. 1920x1080"), Flag.optional),
  wait: Flag.Boolean("wait").pipe(Flag.withDescription("Wait for the video (else print the task id)"), Flag.withDefault(false)),
  output: Flag.String("output").pipe(
    Flag.withAlias("o"),
    Flag.withDescription("Write the video to this file (implies --wait)"),
    Flag.withMetavar("FILE"),
    Flag.optional
  ),
  pollInterval: Wait.pollInterval,
  waitTimeout: Wait.waitTimeout
}

/**
 * Parsed `video` input.
 *
 * @since 0.1.0
 */
export type VideoArgs = Command.Command.Config.Infer<typeof videoConfig>

/**
 * `zai video`.
 *
 * @since 0.1.0
 */
export const video = Command.make("video", videoConfig, Lazy.handler(() => import("../handlers/Video.js"))).pipe(
  Command.withDescription("Generate a video: prints the task id, or waits (--wait) and writes it (-o)"),
  Command.withExamples([
    { command: 'zai video "waves at dusk" --wait -o waves.mp4', description: "Generate and save" },
    { command: "zai video 'make it move' --image still.png --wait -o moving.mp4", description: "From an image" }
  ])
)
