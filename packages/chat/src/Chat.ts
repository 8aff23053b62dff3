/**
 * The `Chat` service: chat completions over `ZaiClient`, plain (`create`), streamed (`stream`, `streamAccumulated`)
 * and asynchronous (`createAsync`, `retrieveAsync`, `waitFor`); plus token counting (`tokenize`) and content
 * moderation (`moderate`).
 *
 * Every request is validated first (strictly, with errors that name the field: `InvalidRequestInput`), so a bad
 * request fails before anything is sent.
 *
 * ```ts
 * const answer = yield* Chat.use((chat) =>
 *   chat.create({ model: "glm-4.6", messages: [{ role: "user", content: "Hello" }] })
 * )
 * ```
 *
 * @since 0.1.0
 */
import { AsyncTasks, ChatCompletions, type InputValidation, Moderations, Tokenizer } from "@zai-kit/schema"
import { AsyncResult, type RequestOptions, ZaiClient, type ZaiError } from "@zai-kit/transport"
import { Context, Effect, Layer, Stream } from "effect"
import * as StreamAccumulator from "./StreamAccumulator.js"

/**
 * Everything a chat call can fail with: a rejected input (before the wire) or a `ZaiError`.
 *
 * @since 0.1.0
 */
export type ChatError = InputValidation.InvalidRequestInput | ZaiError.ZaiError

/**
 * Options of `waitFor`: `schedule` between polls (default exponential from 1 s, capped at 10 s), overall `timeout`
 * (default 10 minutes, then `TimeoutError` with `kind: "poll"`), `requestOptions` applied to every poll.
 *
 * @since 0.1.0
 */
export type WaitOptions = AsyncResult.WaitOptions

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** `POST /chat/completions` without streaming: validates, sends, decodes the `ChatCompletion`. */
  readonly create: (
    request: ChatCompletions.ChatCompletionRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<ChatCompletions.ChatCompletion, ChatError>
  /** `POST /chat/completions` with `stream: true`: the typed chunks, ending at `[DONE]`. */
  readonly stream: (
    request: ChatCompletions.ChatCompletionRequest,
    options?: RequestOptions.RequestOptions
  ) => Stream.Stream<ChatCompletions.ChatCompletionChunk, ChatError>
  /** `stream` folded into a complete `ChatCompletion` (see `StreamAccumulator`). */
  readonly streamAccumulated: (
    request: ChatCompletions.ChatCompletionRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<ChatCompletions.ChatCompletion, ChatError>
  /** `POST /async/chat/completions`: submits the request, returns the task (`id`, `task_status`). */
  readonly createAsync: (
    request: ChatCompletions.AsyncChatCompletionRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<AsyncTasks.AsyncTask, ChatError>
  /** `GET /async-result/{id}`: the task's current state (and its result once `SUCCESS`). */
  readonly retrieveAsync: (
    id: string,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<AsyncTasks.AsyncChatResult, ChatError>
  /**
   * Polls `GET /async-result/{id}` until `SUCCESS` (returning the result); `FAIL` fails with `TaskFailedError`
   * (carrying the task's error code and message), running out of time with `TimeoutError` (`kind: "poll"`).
   */
  readonly waitFor: (id: string, options?: WaitOptions) => Effect.Effect<AsyncTasks.AsyncChatResult, ChatError>
  /** `POST /tokenizer`: how many tokens `messages` (and `tools`) count for `model` (prompt, image, video, total). */
  readonly tokenize: (
    request: Tokenizer.TokenizerRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Tokenizer.TokenizerResponse, ChatError>
  /** `POST /moderations`: a risk verdict (`risk_level`, `risk_type`) per input item (text, image, video, audio URL). */
  readonly moderate: (
    request: Moderations.ModerationRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Moderations.ModerationResponse, ChatError>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Chat extends Context.Service<Chat, Service>()("@zai-kit/chat/Chat") {
  /**
   * The service on the `ZaiClient` of the context.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<Chat, never, ZaiClient.ZaiClient> = Layer.effect(
    Chat,
    Effect.gen(function*() {
      const client = yield* ZaiClient.ZaiClient
      return make(client)
    })
  )
}

/**
 * Builds the service on a client.
 *
 * @since 0.1.0
 */
export const make = (client: ZaiClient.Service): Service => {
  const create = Effect.fn("Chat.create")(function*(
    request: ChatCompletions.ChatCompletionRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* ChatCompletions.validateChatRequest(request)
    const { stream: _stream, ...body } = valid
    return yield* client.json(
      { method: "POST", path: "/chat/completions", operation: "chat.completions.create", body: { _tag: "Json", value: body }, options },
      ChatCompletions.ChatCompletion
    )
  })

  const stream = (
    request: ChatCompletions.ChatCompletionRequest,
    options?: RequestOptions.RequestOptions
  ): Stream.Stream<ChatCompletions.ChatCompletionChunk, ChatError> =>
    Stream.unwrap(
      Effect.map(ChatCompletions.validateChatRequest(request), (valid) =>
        client.stream(
          {
            method: "POST",
            path: "/chat/completions",
            operation: "chat.completions.stream",
            body: { _tag: "Json", value: { ...valid, stream: true } },
            options
          },
          ChatCompletions.ChatCompletionChunk
        )
      )
    )

  const streamAccumulated = Effect.fn("Chat.streamAccumulated")(function*(
    request: ChatCompletions.ChatCompletionRequest,
    options?: RequestOptions.RequestOptions
  ) {
    return yield* StreamAccumulator.accumulate(stream(request, options))
  })

  const createAsync = Effect.fn("Chat.createAsync")(function*(
    request: ChatCompletions.AsyncChatCompletionRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* ChatCompletions.validateAsyncChatRequest(request)
    return yield* client.json(
      {
        method: "POST",
        path: "/async/chat/completions",
        operation: "chat.completions.create_async",
        body: { _tag: "Json", value: valid },
        options
      },
      AsyncTasks.AsyncTask
    )
  })

  const retrieveAsync = Effect.fn("Chat.retrieveAsync")(function*(id: string, options?: RequestOptions.RequestOptions) {
    return yield* AsyncResult.retrieve(client, AsyncTasks.AsyncChatResult, "chat.async_result.retrieve", id, options)
  })

  const waitFor = Effect.fn("Chat.waitFor")(function*(id: string, options?: WaitOptions) {
    return yield* AsyncResult.waitFor(id, retrieveAsync(id, options?.requestOptions), options)
  })

  const tokenize = Effect.fn("Chat.tokenize")(function*(
    request: Tokenizer.TokenizerRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* Tokenizer.validateTokenizerRequest(request)
    return yield* client.json(
      { method: "POST", path: "/tokenizer", operation: "tokenizer.create", body: { _tag: "Json", value: valid }, options },
      Tokenizer.TokenizerResponse
    )
  })

  const moderate = Effect.fn("Chat.moderate")(function*(
    request: Moderations.ModerationRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* Moderations.validateModerationRequest(request)
    return yield* client.json(
      { method: "POST", path: "/moderations", operation: "moderations.create", body: { _tag: "Json", value: valid }, options },
      Moderations.ModerationResponse
    )
  })

  return Chat.of({ create, stream, streamAccumulated, createAsync, retrieveAsync, waitFor, tokenize, moderate })
}

/**
 * `create` on the `Chat` service of the context.
 *
 * @since 0.1.0
 */
export const create = (
  request: ChatCompletions.ChatCompletionRequest,
  options?: RequestOptions.RequestOptions
): Effect.Effect<ChatCompletions.ChatCompletion, ChatError, Chat> => Chat.use((chat) => chat.create(request, options))

/**
 * `stream` on the `Chat` service of the context.
 *
 * @since 0.1.0
 */
export const stream = (
  request: ChatCompletions.ChatCompletionRequest,
  options?: RequestOptions.RequestOptions
): Stream.Stream<ChatCompletions.ChatCompletionChunk, ChatError, Chat> =>
  Stream.unwrap(Chat.use((chat) => Effect.succeed(chat.stream(request, options))))

/**
 * `streamAccumulated` on the `Chat` service of the context.
 *
 * @since 0.1.0
 */
export const streamAccumulated = (
  request: ChatCompletions.ChatCompletionRequest,
  options?: RequestOptions.RequestOptions
): Effect.Effect<ChatCompletions.ChatCompletion, ChatError, Chat> =>
  Chat.use((chat) => chat.streamAccumulated(request, options))

/**
 * `createAsync` on the `Chat` service of the context.
 *
 * @since 0.1.0
 */
export const createAsync = (
  request: ChatCompletions.AsyncChatCompletionRequest,
  options?: RequestOptions.RequestOptions
): Effect.Effect<AsyncTasks.AsyncTask, ChatError, Chat> => Chat.use((chat) => chat.createAsync(request, options))

/**
 * `retrieveAsync` on the `Chat` service of the context.
 *
 * @since 0.1.0
 */
export const retrieveAsync = (
  id: string,
  options?: RequestOptions.RequestOptions
): Effect.Effect<AsyncTasks.AsyncChatResult, ChatError, Chat> => Chat.use((chat) => chat.retrieveAsync(id, options))

/**
 * `waitFor` on the `Chat` service of the context.
 *
 * @since 0.1.0
 */
export const waitFor = (id: string, options?: WaitOptions): Effect.Effect<AsyncTasks.AsyncChatResult, ChatError, Chat> =>
  Chat.use((chat) => chat.waitFor(id, options))

/**
 * `tokenize` on the `Chat` service of the context.
 *
 * @since 0.1.0
 */
export const tokenize = (
  request: Tokenizer.TokenizerRequest,
  options?: RequestOptions.RequestOptions
): Effect.Effect<Tokenizer.TokenizerResponse, ChatError, Chat> => Chat.use((chat) => chat.tokenize(request, options))

/**
 * `moderate` on the `Chat` service of the context.
 *
 * @since 0.1.0
 */
export const moderate = (
  request: Moderations.ModerationRequest,
  options?: RequestOptions.RequestOptions
): Effect.Effect<Moderations.ModerationResponse, ChatError, Chat> => Chat.use((chat) => chat.moderate(request, options))
