/**
 * `@zai-kit/schema`: pure Effect Schemas for the Z.ai / Zhipu GLM API, in the wire format (snake_case).
 * Request schemas are strict (unknown keys are an error naming the key); response schemas are lenient
 * (unknown keys kept, `null` accepted where the API may send it). The bottom layer of zai-kit.
 *
 * @since 0.1.0
 */

/**
 * `POST /chat/completions`: strict request (messages, content parts, tools, every option) with `validateChatRequest`,
 * lenient response (`ChatCompletion`) and stream chunk (`ChatCompletionChunk`).
 *
 * @since 0.1.0
 */
export * as ChatCompletions from "./ChatCompletions.js"

/**
 * Asynchronous tasks: `AsyncTask` (submission answer), `AsyncChatResult`, the generic `AsyncResult`, `TaskStatus`.
 *
 * @since 0.1.0
 */
export * as AsyncTasks from "./AsyncTasks.js"

/**
 * `POST /tokenizer`: `TokenizerRequest`, `TokenizerResponse` and `validateTokenizerRequest`.
 *
 * @since 0.1.0
 */
export * as Tokenizer from "./Tokenizer.js"

/**
 * `POST /moderations`: `ModerationRequest`, `ModerationResponse` and `validateModerationRequest`.
 *
 * @since 0.1.0
 */
export * as Moderations from "./Moderations.js"

/**
 * Files (`/files`): strict upload, knowledge-upload and list inputs; lenient `FileObject`, `FileList`, `FileDeleted`,
 * `KnowledgeUploadResult`.
 *
 * @since 0.1.0
 */
export * as Files from "./Files.js"

/**
 * Batches (`/batches`): strict create and list inputs and JSONL input lines; lenient `Batch`, `BatchList` and output lines.
 *
 * @since 0.1.0
 */
export * as Batches from "./Batches.js"

/**
 * Known model ids per family (chat, embedding, image, video, audio, OCR); every family accepts any string.
 *
 * @since 0.1.0
 */
export * as Models from "./Models.js"

/**
 * Strict input validation with readable errors (`InvalidRequestInput`), shared by every request schema.
 *
 * @since 0.1.0
 */
export * as InputValidation from "./InputValidation.js"

/**
 * `decodeErrorBody`: turns any error body (JSON of every known shape, HTML, plain text) into a `ParsedError`.
 *
 * @since 0.1.0
 */
export * as ErrorEnvelope from "./ErrorEnvelope.js"

/**
 * The business error codes of the platform as data, with their category and retryability.
 *
 * @since 0.1.0
 */
export * as BusinessCodes from "./BusinessCodes.js"

/**
 * Audio (`/audio/transcriptions`, `/audio/speech`, `/audio/customization`): strict request fields with
 * validators (speech input ≤ 1024 characters, speed, volume, stream-only options), lenient `Transcription`,
 * `TranscriptionChunk` and `SpeechChunk`.
 *
 * @since 0.1.0
 */
export * as Audio from "./Audio.js"

/**
 * Voice cloning (`/voice/clone`, `/voice/delete`, `/voice/list`): strict requests, lenient results, and the
 * camelCase list query (`toListQuery`).
 *
 * @since 0.1.0
 */
export * as Voice from "./Voice.js"

/**
 * Fine-tuning (legacy bigmodel surface): strict `CreateFineTuningJobRequest` and list parameters with validators,
 * lenient `FineTuningJob`, job and event pages, `FineTunedModelDeleted`.
 *
 * @since 0.1.0
 */
export * as FineTuning from "./FineTuning.js"

/**
 * Knowledge bases and documents (legacy bigmodel surface): strict create/update requests and list parameters with
 * validators, lenient `KnowledgeInfo`, `KnowledgeList`, `KnowledgeCapacity`, `KnowledgeDocument`, `EmptyResponse`.
 *
 * @since 0.1.0
 */
export * as Knowledge from "./Knowledge.js"

/**
 * `POST /embeddings`: strict `EmbeddingRequest` (one text or a batch) with `validateEmbeddingRequest`, lenient
 * `EmbeddingResponse`, and `decodeBase64Embedding` / `vectorOf` for `base64`-encoded vectors.
 *
 * @since 0.1.0
 */
export * as Embeddings from "./Embeddings.js"

/**
 * Image generation: strict `ImageGenerationRequest` / `AsyncImageGenerationRequest` with validators, lenient
 * `ImageGenerationResponse` and `AsyncImageResult` (`image_result`).
 *
 * @since 0.1.0
 */
export * as Images from "./Images.js"

/**
 * Video generation: one strict request schema per model family (CogVideoX; Vidu text, image, start-end, reference),
 * `validateVideoRequest` (picks the family from `model`), lenient `AsyncVideoResult` (`video_result`).
 *
 * @since 0.1.0
 */
export * as Videos from "./Videos.js"

/**
 * `POST /web_search` (strict `WebSearchRequest` with `validateWebSearchRequest`, lenient `WebSearchResponse`) and the
 * legacy `POST /tools` web-search-pro (`WebSearchProRequest`, `WebSearchProResponse`, `WebSearchProChunk`).
 *
 * @since 0.1.0
 */
export * as WebSearch from "./WebSearch.js"

/**
 * `POST /reader`: strict `ReaderRequest` with `validateReaderRequest`, lenient `ReaderResponse`.
 *
 * @since 0.1.0
 */
export * as WebReader from "./WebReader.js"

/**
 * Documents: layout parsing (`LayoutParsingRequest`, `LayoutParsingResponse`), handwriting OCR and the file parser
 * (strict text fields of the multipart requests, lenient `HandwritingOcrResponse`, `FileParserTask`, `FileParserResult`).
 *
 * @since 0.1.0
 */
export * as Documents from "./Documents.js"

/**
 * Agents (`/v1/agents`, `/v1/agents/async-result`, `/v1/agents/conversation`): strict requests per agent
 * (`TranslationAgentRequest`, `VideoEffectsAgentRequest`, `SlidesAgentRequest`, `GenericAgentRequest`) with
 * `validateAgentRequest`, lenient `AgentCompletion`, `AgentCompletionChunk`, `AgentAsyncResult`, `AgentConversation`.
 *
 * @since 0.1.0
 */
export * as Agents from "./Agents.js"

/**
 * The assistant API (`/assistant`, `/assistant/list`, `/assistant/conversation/list`): strict `AssistantRequest`,
 * `AssistantListRequest`, `ConversationListRequest` with validators; lenient `AssistantCompletion` (also each stream
 * event), `AssistantSupportList`, `ConversationUsageListResponse`.
 *
 * @since 0.1.0
 */
export * as Assistant from "./Assistant.js"
