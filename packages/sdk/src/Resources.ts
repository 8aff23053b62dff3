/**
 * The resource classes of the Promise client (`zai.chat`, `zai.files`, ...) and their handle types.
 *
 * @since 0.1.0
 */
export * from "./resources/Agents.js"
export * from "./resources/Audio.js"
export * from "./resources/Chat.js"
export * from "./resources/Documents.js"
export * from "./resources/Embeddings.js"
export * from "./resources/Files.js"
export * from "./resources/FineTuning.js"
export * from "./resources/Images.js"
export * from "./resources/Knowledge.js"
export * from "./resources/Videos.js"
export * from "./resources/Web.js"
