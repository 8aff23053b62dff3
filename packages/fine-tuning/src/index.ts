/**
 * `@zai-kit/fine-tuning`: fine-tuning jobs (create, list, retrieve, cancel, delete, events, wait) and fine-tuned
 * models on `ZaiClient`. Legacy bigmodel surface: these endpoints may not exist on api.z.ai.
 *
 * @since 0.1.0
 */

/**
 * The `FineTuning` service (`create`, `list`, `listPage`, `retrieve`, `cancel`, `delete`, `events`, `eventsPage`,
 * `deleteModel`, `waitFor`) and its layer.
 *
 * @since 0.1.0
 */
export * as FineTuning from "./FineTuning.js"
