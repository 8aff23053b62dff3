/**
 * `@zai-kit/images`: image generation for Z.ai (`glm-image`, CogView) on `ZaiClient`: synchronous, or as a task
 * with polling, and downloads of the generated files.
 *
 * @since 0.1.0
 */

/**
 * The `Images` service (`generate`, `generateAsync` → `ImageTask`, `retrieve`, `waitFor`, `download`,
 * `downloadToFile`), its layer, and `urls`.
 *
 * @since 0.1.0
 */
export * as Images from "./Images.js"
