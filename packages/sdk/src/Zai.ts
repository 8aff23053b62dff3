/**
 * The Promise client, shaped like openai-node, over every operation of the API; and, as statics, the Effect layers
 * (`Zai.layer`, `Zai.layerConfig`, `Zai.layerServices`).
 *
 * ```ts
 * import { Zai } from "@zai-kit/sdk"
 *
 * const zai = new Zai() // apiKey from ZAI_API_KEY
 * const completion = await zai.chat.completions.create({
 *   model: "glm-4.6",
 *   messages: [{ role: "user", content: "Hello" }]
 * })
 * console.log(completion.choices?.[0]?.message?.content)
 * await zai.close()
 * ```
 *
 * Every call takes a last `{ signal, timeout, headers, maxRetries, ... }` argument; failures reject with the
 * `Error` subclasses of `Errors` (`ZaiError` and one class per category). Internally each client runs the Effect
 * services on one `ManagedRuntime`, built on first use and released by `close()` (or `await using`).
 *
 * @since 0.1.0
 */
import type { ZaiClient, ZaiConfig } from "@zai-kit/transport"
import type { Config, Layer } from "effect"
import * as Errors from "./Errors.js"
import * as Layers from "./Layers.js"
import * as Options from "./internal/options.js"
import { Runner } from "./internal/runner.js"
import type { ClientOptions } from "./RequestOptions.js"
import { AgentsResource, AssistantResource } from "./resources/Agents.js"
import { AudioResource } from "./resources/Audio.js"
import { ChatResource, ModerationsResource, TokenizerResource } from "./resources/Chat.js"
import { DocumentsResource } from "./resources/Documents.js"
import { EmbeddingsResource } from "./resources/Embeddings.js"
import { BatchesResource, FilesResource } from "./resources/Files.js"
import { FineTuningResource } from "./resources/FineTuning.js"
import { ImagesResource } from "./resources/Images.js"
import { KnowledgeResource } from "./resources/Knowledge.js"
import { VideosResource } from "./resources/Videos.js"
import { WebResource } from "./resources/Web.js"

/**
 * The Z.ai client.
 *
 * @since 0.1.0
 */
export class Zai {
  /** Every domain service and its `ZaiClient`, from options (undici on Node, `fetch` elsewhere). */
  static readonly layer: (options: ZaiConfig.Options) => Layer.Layer<Layers.Services | ZaiClient.ZaiClient> = Layers.layer
  /** Every domain service and its `ZaiClient`, from `ZAI_API_KEY` / `ZAI_BASE_URL` / `ZAI_REGION` plus overrides. */
  static readonly layerConfig: (
    overrides?: ZaiClient.Overrides
  ) => Layer.Layer<Layers.Services | ZaiClient.ZaiClient, Config.ConfigError> = Layers.layerConfig
  /** Every domain service on the `ZaiClient` of the context. */
  static readonly layerServices: Layer.Layer<Layers.Services, never, ZaiClient.ZaiClient> = Layers.layerServices
  /** Which HTTP stack this runtime uses (`"undici"` on Node, `"fetch"` elsewhere). */
  static readonly transport = Layers.transport

  /** Base class of every error (for `instanceof Zai.ZaiError`). */
  static readonly ZaiError = Errors.ZaiError
  /** HTTP 401 / missing key. */
  static readonly AuthenticationError = Errors.AuthenticationError
  /** HTTP 403. */
  static readonly PermissionError = Errors.PermissionError
  /** Code 1113. */
  static readonly InsufficientBalanceError = Errors.InsufficientBalanceError
  /** Quota used up. */
  static readonly QuotaExceededError = Errors.QuotaExceededError
  /** HTTP 429. */
  static readonly RateLimitError = Errors.RateLimitError
  /** Content moderation. */
  static readonly ContentFilterError = Errors.ContentFilterError
  /** Context window exceeded. */
  static readonly ContextLengthError = Errors.ContextLengthError
  /** HTTP 400. */
  static readonly InvalidRequestError = Errors.InvalidRequestError
  /** HTTP 404. */
  static readonly NotFoundError = Errors.NotFoundError
  /** HTTP 409. */
  static readonly ConflictError = Errors.ConflictError
  /** Overloaded. */
  static readonly ServerOverloadedError = Errors.ServerOverloadedError
  /** HTTP 5xx. */
  static readonly InternalServerError = Errors.InternalServerError
  /** Rejected before sending. */
  static readonly InvalidInputError = Errors.InvalidInputError
  /** A client-side time limit. */
  static readonly TimeoutError = Errors.TimeoutError
  /** Connection failure. */
  static readonly ConnectionError = Errors.ConnectionError
  /** Unparseable stream. */
  static readonly StreamParseError = Errors.StreamParseError
  /** Unexpected answer shape. */
  static readonly ResponseDecodeError = Errors.ResponseDecodeError
  /** A failed asynchronous task. */
  static readonly TaskFailedError = Errors.TaskFailedError
  /** The caller aborted. */
  static readonly AbortError = Errors.AbortError

  readonly #runner: Runner

  /** `POST /chat/completions`, `POST /async/chat/completions`, `GET /async-result/{id}`. */
  readonly chat: ChatResource
  /** `POST /tokenizer`. */
  readonly tokenizer: TokenizerResource
  /** `POST /moderations`. */
  readonly moderations: ModerationsResource
  /** `POST /embeddings`. */
  readonly embeddings: EmbeddingsResource
  /** `POST /images/generations`, `POST /async/images/generations`. */
  readonly images: ImagesResource
  /** `POST /videos/generations`. */
  readonly videos: VideosResource
  /** Transcriptions, speech, voice customization and voices. */
  readonly audio: AudioResource
  /** Web search, search-pro and the reader. */
  readonly web: WebResource
  /** OCR, handwriting and file parsing. */
  readonly documents: DocumentsResource
  /** `/files`. */
  readonly files: FilesResource
  /** `/batches`. */
  readonly batches: BatchesResource
  /** `/fine_tuning`. */
  readonly fineTuning: FineTuningResource
  /** `/knowledge` and `/document`. */
  readonly knowledge: KnowledgeResource
  /** `/v1/agents`. */
  readonly agents: AgentsResource
  /** `/assistant`. */
  readonly assistant: AssistantResource

  /**
   * A client. Throws `AuthenticationError` without an API key (option or `ZAI_API_KEY`), `InvalidInputError` on a
   * bad option. Nothing is connected before the first call.
   */
  constructor(options: ClientOptions = {}) {
    const runner = new Runner(Layers.layer(Options.clientOptions(options)))
    this.#runner = runner
    this.chat = new ChatResource(runner)
    this.tokenizer = new TokenizerResource(runner)
    this.moderations = new ModerationsResource(runner)
    this.embeddings = new EmbeddingsResource(runner)
    this.images = new ImagesResource(runner)
    this.videos = new VideosResource(runner)
    this.audio = new AudioResource(runner)
    this.web = new WebResource(runner)
    this.documents = new DocumentsResource(runner)
    this.files = new FilesResource(runner)
    this.batches = new BatchesResource(runner)
    this.fineTuning = new FineTuningResource(runner)
    this.knowledge = new KnowledgeResource(runner)
    this.agents = new AgentsResource(runner)
    this.assistant = new AssistantResource(runner)
  }

  /** Releases the client's runtime and pooled connections; later calls reject. */
  close(): Promise<void> {
    return this.#runner.close()
  }

  /** `await using zai = new Zai()` closes the client at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close()
  }
}
