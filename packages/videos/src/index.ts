/**
 * `@zai-kit/videos`: video generation for Z.ai (CogVideoX and Vidu families) on `ZaiClient`, with task handles,
 * polling and downloads.
 *
 * @since 0.1.0
 */

/**
 * The `Videos` service (`generate` → `VideoTask`, `retrieve`, `waitFor`, `download`, `downloadToFile`), its layer,
 * `videos(result)` and `imageDataUrl(file)`.
 *
 * @since 0.1.0
 */
export * as Videos from "./Videos.js"
