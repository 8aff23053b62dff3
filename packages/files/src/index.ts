/**
 * `@zai-kit/files`: files and batches for Z.ai on `ZaiClient`: uploads (every purpose, knowledge bases), listing
 * as self-paging streams, file content as bytes, text or a file on disk, batches with polling, and typed JSONL
 * batch input and results.
 *
 * @since 0.1.0
 */

/**
 * The `Files` service (`upload`, `uploadKnowledge`, `list`, `listPage`, `retrieve`, `delete`, `content`,
 * `contentText`, `contentToFile`) and its layer.
 *
 * @since 0.1.0
 */
export * as Files from "./Files.js"

/**
 * The `Batches` service (`create`, `retrieve`, `list`, `listPage`, `cancel`, `waitFor`) and its layer.
 *
 * @since 0.1.0
 */
export * as Batches from "./Batches.js"

/**
 * Typed batch files: `chat` / `embedding` requests, `encode` (validated JSONL), `chatResults` / `embeddingResults`
 * (typed output), and `runBatch` (upload → create → wait → results in one call).
 *
 * @since 0.1.0
 */
export * as BatchJsonl from "./BatchJsonl.js"
