/**
 * `@zai-kit/steps`: ready-made pipeline steps over the Z.ai services and the named pipelines shipped as spec files.
 *
 * @since 0.1.0
 */

/** `agents.translate` and `agents.slides`. */
export * as AgentsSteps from "./AgentsSteps.js"
/** `audio.transcribe` and `audio.speak`. */
export * as AudioSteps from "./AudioSteps.js"
/** `chat.complete`, `chat.summarize` (map-reduce) and `chat.extract` (JSON Schema). */
export * as ChatSteps from "./ChatSteps.js"
/** `documents.ocr` and `documents.parse`. */
export * as DocumentsSteps from "./DocumentsSteps.js"
/** `embeddings.embed`. */
export * as EmbeddingsSteps from "./EmbeddingsSteps.js"
/** `files.upload`. */
export * as FilesSteps from "./FilesSteps.js"
/** `images.generate`. */
export * as ImagesSteps from "./ImagesSteps.js"
/** `io.read` and `io.write` (paths inside the output directory). */
export * as IoSteps from "./IoSteps.js"
/** The shipped pipelines and loading by name or path. */
export * as Pipelines from "./Pipelines.js"
/** Every step kind in one registry, services provided. */
export * as Registry from "./Registry.js"
/** The errors the steps add. */
export * as StepErrors from "./StepErrors.js"
/** `videos.generate`. */
export * as VideosSteps from "./VideosSteps.js"
/** `web.search` and `web.read`. */
export * as WebSteps from "./WebSteps.js"
