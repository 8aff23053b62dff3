/**
 * `@zai-kit/chat`: chat completions for Z.ai GLM models on `ZaiClient`: plain, streaming (with a pure chunk
 * accumulator), async with polling, a schema-first tool-calling loop, and structured output.
 *
 * @since 0.1.0
 */

/**
 * The `Chat` service (`create`, `stream`, `streamAccumulated`, `createAsync`, `retrieveAsync`, `waitFor`) and its layer.
 *
 * @since 0.1.0
 */
export * as Chat from "./Chat.js"

/**
 * Readers of a completion: text, reasoning, tool calls, finish reason, the assistant message for the next turn.
 *
 * @since 0.1.0
 */
export * as Completion from "./Completion.js"

/**
 * The pure fold of stream chunks into a complete completion (`initial`, `add`, `finish`, `scan`, `accumulate`).
 *
 * @since 0.1.0
 */
export * as StreamAccumulator from "./StreamAccumulator.js"

/**
 * `generateObject`: JSON-object answers decoded through a Schema.
 *
 * @since 0.1.0
 */
export * as StructuredOutput from "./StructuredOutput.js"

/**
 * Schema-first function tools (`Tool.make`).
 *
 * @since 0.1.0
 */
export * as Tool from "./Tool.js"

/**
 * The tool-calling loop (`runTools`).
 *
 * @since 0.1.0
 */
export * as ToolLoop from "./ToolLoop.js"
