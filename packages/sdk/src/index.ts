/**
 * `@zai-kit/sdk`: every zai-kit service in one layer (`Zai.layer`, `Zai.layerConfig`, `Zai.layerServices`), and a
 * Promise client shaped like openai-node (`new Zai({ apiKey })`) for code that does not use Effect.
 *
 * @since 0.1.0
 */

/**
 * The Promise client, with the Effect layers as statics.
 *
 * @since 0.1.0
 */
export { Zai, Zai as default } from "./Zai.js"

/**
 * The error classes of the Promise client, for `instanceof`.
 *
 * @since 0.1.0
 */
export {
  AbortError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  ContentFilterError,
  ContextLengthError,
  InsufficientBalanceError,
  InternalServerError,
  InvalidInputError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  QuotaExceededError,
  RateLimitError,
  ResponseDecodeError,
  ServerOverloadedError,
  StreamParseError,
  TaskFailedError,
  TimeoutError,
  ZaiError
} from "./Errors.js"

/**
 * The error classes of the Promise client, as a namespace.
 *
 * @since 0.1.0
 */
export * as Errors from "./Errors.js"

/**
 * The Effect layers: every domain service at once.
 *
 * @since 0.1.0
 */
export * as Layers from "./Layers.js"

/**
 * Options of the client and of each call.
 *
 * @since 0.1.0
 */
export type { ClientOptions, RequestOptions } from "./RequestOptions.js"

/**
 * Streamed answers (`ZaiStream`, `ChatCompletionStream`).
 *
 * @since 0.1.0
 */
export * as Streams from "./Streams.js"
export { ChatCompletionStream, ZaiStream } from "./Streams.js"

/**
 * Paged lists (`PagePromise`).
 *
 * @since 0.1.0
 */
export { PagePromise } from "./Pagination.js"

/**
 * Task handles (`Task`, `WaitOptions`).
 *
 * @since 0.1.0
 */
export type { Task, WaitOptions } from "./Tasks.js"

/**
 * The resource classes of the client (`zai.chat`, `zai.files`, ...), for their types.
 *
 * @since 0.1.0
 */
export * as Resources from "./Resources.js"

/**
 * The domain services, for Effect code: each module holds its `Context.Service` class and functions
 * (`Chat.Chat`, `Chat.create`, ...), as in the domain packages.
 *
 * @since 0.1.0
 */
export { Agents, Assistant } from "@zai-kit/agents"
export { Audio, Voices } from "@zai-kit/audio"
export { Chat } from "@zai-kit/chat"
export { Documents } from "@zai-kit/documents"
export { Embeddings } from "@zai-kit/embeddings"
export { Batches, Files } from "@zai-kit/files"
export { FineTuning } from "@zai-kit/fine-tuning"
export { Images } from "@zai-kit/images"
export { Knowledge } from "@zai-kit/knowledge"
export { Videos } from "@zai-kit/videos"
export { Web } from "@zai-kit/web"

/**
 * The `effect/ai` `LanguageModel` provider for GLM, from `@zai-kit/ai`: `ZaiLanguageModel.model("glm-4.6")` over the
 * `Chat` service that `Zai.layer` provides.
 *
 * @since 0.1.0
 */
export { ZaiAiError, ZaiLanguageModel } from "@zai-kit/ai"
