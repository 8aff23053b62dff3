/**
 * `@zai-kit/knowledge`: knowledge bases (create, update, list, delete, capacity) and their documents (update,
 * retrieve, delete, wait for embedding) on `ZaiClient`. Legacy bigmodel surface: these endpoints may not exist on
 * api.z.ai.
 *
 * @since 0.1.0
 */

/**
 * The `Knowledge` service (`create`, `update`, `list`, `listPage`, `delete`, `capacity`, `updateDocument`,
 * `retrieveDocument`, `deleteDocument`, `waitForEmbedding`), its layer, and `embeddingState`.
 *
 * @since 0.1.0
 */
export * as Knowledge from "./Knowledge.js"
