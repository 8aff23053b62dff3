/**
 * `zai.chat`: chat completions (plain, streamed, asynchronous), `zai.tokenizer` and `zai.moderations`.
 *
 * @since 0.1.0
 */
import { Chat } from "@zai-kit/chat"
import type { AsyncTasks, ChatCompletions, Moderations, Tokenizer } from "@zai-kit/schema"
import type { Runner } from "../internal/runner.js"
import * as Wait from "../internal/wait.js"
import type { RequestOptions } from "../RequestOptions.js"
import { ChatCompletionStream } from "../Streams.js"
import type { Task, WaitOptions } from "../Tasks.js"

/**
 * A chat completion request (the wire format); `stream` picks the answer's shape.
 *
 * @since 0.1.0
 */
export type ChatCompletionCreateParams = ChatCompletions.ChatCompletionRequest

/**
 * `zai.chat.completions`: `POST /chat/completions`.
 *
 * @since 0.1.0
 */
export class Completions {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /**
   * Creates a completion. With `stream: true`, resolves (once the answer starts) to a `ChatCompletionStream` of
   * chunks, with `finalCompletion()`; breaking out of its loop cancels the request.
   */
  create(
    params: ChatCompletionCreateParams & { readonly stream: true },
    options?: RequestOptions
  ): Promise<ChatCompletionStream>
  create(
    params: ChatCompletionCreateParams & { readonly stream?: false | undefined },
    options?: RequestOptions
  ): Promise<ChatCompletions.ChatCompletion>
  create(
    params: ChatCompletionCreateParams,
    options?: RequestOptions
  ): Promise<ChatCompletions.ChatCompletion | ChatCompletionStream>
  create(
    params: ChatCompletionCreateParams,
    options?: RequestOptions
  ): Promise<ChatCompletions.ChatCompletion | ChatCompletionStream> {
    if (params.stream === true) return this.stream(params, options)
    return this.#runner.run((o) => Chat.Chat.use((chat) => chat.create(params, o)), options)
  }

  /** `create` with `stream: true`: the chunks as a `ChatCompletionStream`. */
  stream(params: ChatCompletionCreateParams, options?: RequestOptions): Promise<ChatCompletionStream> {
    const { stream: _stream, ...rest } = params
    return this.#runner.stream(
      (o) => Chat.stream(rest, o),
      options,
      (source) => new ChatCompletionStream(source)
    )
  }
}

/**
 * A submitted asynchronous chat completion.
 *
 * @since 0.1.0
 */
export type ChatTask = Task<AsyncTasks.AsyncTask, AsyncTasks.AsyncChatResult>

/**
 * `zai.chat.asyncCompletions`: `POST /async/chat/completions` and `GET /async-result/{id}`.
 *
 * @since 0.1.0
 */
export class AsyncCompletions {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** Submits a completion to run in the background; the task's `wait()` gives the result. */
  async create(params: ChatCompletions.AsyncChatCompletionRequest, options?: RequestOptions): Promise<ChatTask> {
    const task = await this.#runner.run((o) => Chat.Chat.use((chat) => chat.createAsync(params, o)), options)
    const id = task.id ?? ""
    return {
      id,
      task,
      retrieve: (retrieveOptions) => this.retrieve(id, retrieveOptions),
      wait: (waitOptions) => this.wait(id, waitOptions)
    }
  }

  /** The task's current state (`task_status`, and `choices` once `SUCCESS`). */
  retrieve(id: string, options?: RequestOptions): Promise<AsyncTasks.AsyncChatResult> {
    return this.#runner.run((o) => Chat.Chat.use((chat) => chat.retrieveAsync(id, o)), options)
  }

  /** Polls the task until it is done. */
  wait(id: string, options?: WaitOptions): Promise<AsyncTasks.AsyncChatResult> {
    const wait = Wait.waitOptions(options)
    return this.#runner.run(() => Chat.Chat.use((chat) => chat.waitFor(id, wait)), Wait.callOptions(options))
  }
}

/**
 * `zai.chat`.
 *
 * @since 0.1.0
 */
export class ChatResource {
  /** `POST /chat/completions`. */
  readonly completions: Completions
  /** `POST /async/chat/completions`, `GET /async-result/{id}`. */
  readonly asyncCompletions: AsyncCompletions

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.completions = new Completions(runner)
    this.asyncCompletions = new AsyncCompletions(runner)
  }
}

/**
 * `zai.tokenizer`: `POST /tokenizer`.
 *
 * @since 0.1.0
 */
export class TokenizerResource {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** How many tokens the messages (and tools) count for the model. */
  create(params: Tokenizer.TokenizerRequest, options?: RequestOptions): Promise<Tokenizer.TokenizerResponse> {
    return this.#runner.run((o) => Chat.Chat.use((chat) => chat.tokenize(params, o)), options)
  }
}

/**
 * `zai.moderations`: `POST /moderations`.
 *
 * @since 0.1.0
 */
export class ModerationsResource {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** A risk verdict per input item. */
  create(params: Moderations.ModerationRequest, options?: RequestOptions): Promise<Moderations.ModerationResponse> {
    return this.#runner.run((o) => Chat.Chat.use((chat) => chat.moderate(params, o)), options)
  }
}
