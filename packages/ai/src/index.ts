/**
 * `@zai-kit/ai`: an `effect/ai` `LanguageModel` provider for Z.ai GLM models, over `@zai-kit/chat`.
 *
 * @since 0.1.0
 */

/**
 * `ZaiLanguageModel.model("glm-4.6", config?)` / `ZaiLanguageModel.layer({ model, config })`: GLM as Effect's
 * `LanguageModel` (text, streaming, tools, structured output, reasoning).
 *
 * @since 0.1.0
 */
export * as ZaiLanguageModel from "./ZaiLanguageModel.js"

/**
 * The mapping of `@zai-kit` errors into `AiError` (business code, request id and status kept in `metadata.zai`).
 *
 * @since 0.1.0
 */
export * as ZaiAiError from "./ZaiAiError.js"
