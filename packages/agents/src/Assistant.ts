/**
 * The `Assistant` service: the assistant API over `ZaiClient`: `run` / `runStream` (`POST /assistant`), `list`
 * (`POST /assistant/list`) and `conversations` (`POST /assistant/conversation/list`, every conversation as a `Stream`,
 * pages fetched as it is consumed) or `conversationsPage` (one page).
 *
 * Every request is validated first (`InvalidRequestInput` naming the field, nothing sent). A failed answer
 * (`status: "failed"` with `last_error`, an `error` field, or a `{ code, msg }` envelope whose code is not 200) fails
 * with the typed error of its business code.
 *
 * @since 0.1.0
 */
import { Assistant as AssistantSchemas, type InputValidation } from "@zai-kit/schema"
import { Paging, type RequestOptions, ZaiClient, type ZaiError } from "@zai-kit/transport"
import { Context, Effect, Layer, Stream } from "effect"
import { payloadOf, toError } from "./internal/payloadError.js"

/**
 * Everything an assistant call can fail with: a rejected input (before the wire) or a `ZaiError`.
 *
 * @since 0.1.0
 */
export type AssistantError = InputValidation.InvalidRequestInput | ZaiError.ZaiError

/**
 * Options of `conversations`.
 *
 * @since 0.1.0
 */
export interface ConversationsOptions {
  /** Stop after this many pages. */
  readonly maxPages?: number | undefined
  /** Per-call overrides applied to every page request. */
  readonly requestOptions?: RequestOptions.RequestOptions | undefined
}

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** `POST /assistant` without streaming: the whole answer (its text in `choices[0].delta.content`). */
  readonly run: (
    request: AssistantSchemas.AssistantRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<AssistantSchemas.AssistantCompletion, AssistantError>
  /** `POST /assistant` with `stream: true`: one full `AssistantCompletion` per event, each with its increment. */
  readonly runStream: (
    request: AssistantSchemas.AssistantRequest,
    options?: RequestOptions.RequestOptions
  ) => Stream.Stream<AssistantSchemas.AssistantCompletion, AssistantError>
  /** `POST /assistant/list`: the assistants asked for (every available one without `assistant_id_list`). */
  readonly list: (
    request?: AssistantSchemas.AssistantListRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<ReadonlyArray<AssistantSchemas.AssistantSupport>, AssistantError>
  /** `POST /assistant/conversation/list`: one page of an assistant's conversations. */
  readonly conversationsPage: (
    request: AssistantSchemas.ConversationListRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<AssistantSchemas.ConversationUsageList, AssistantError>
  /** Every conversation of an assistant, from `page` (1 by default), `page_size` per request (10 by default). */
  readonly conversations: (
    request: AssistantSchemas.ConversationListRequest,
    options?: ConversationsOptions
  ) => Stream.Stream<AssistantSchemas.ConversationUsage, AssistantError>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Assistant extends Context.Service<Assistant, Service>()("@zai-kit/agents/Assistant") {
  /**
   * The service on the `ZaiClient` of the context.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<Assistant, never, ZaiClient.ZaiClient> = Layer.effect(
    Assistant,
    Effect.gen(function*() {
      const client = yield* ZaiClient.ZaiClient
      return make(client)
    })
  )
}

const okCodes = new Set(["0", "200"])

// a `{ code, msg }` envelope whose code says failure
const envelopeError = (what: string, answer: { readonly code?: number | string | null | undefined; readonly msg?: string | null | undefined }) => {
  if (answer.code === undefined || answer.code === null || okCodes.has(String(answer.code))) return undefined
  return toError({ code: String(answer.code), message: answer.msg ?? undefined }, { what })
}

// a failed answer: `status: "failed"` / `last_error`, or an `error` field
const answerError = (answer: AssistantSchemas.AssistantCompletion) => {
  const what = `Assistant ${answer.assistant_id ?? ""}`.trim()
  const context = { what, requestId: answer.request_id ?? answer.id ?? undefined }
  const reported = payloadOf(answer.error) ?? payloadOf(answer.last_error)
  if (reported !== undefined) return toError(reported, context)
  if (answer.status === "failed") return toError({ message: "the answer has status failed" }, context)
  return undefined
}

const checkAnswer = (answer: AssistantSchemas.AssistantCompletion): Effect.Effect<AssistantSchemas.AssistantCompletion, ZaiError.ApiError> => {
  const error = answerError(answer)
  return error === undefined ? Effect.succeed(answer) : Effect.fail(error)
}

/**
 * Builds the service on a client.
 *
 * @since 0.1.0
 */
export const make = (client: ZaiClient.Service): Service => {
  const run = Effect.fn("Assistant.run")(function*(request: AssistantSchemas.AssistantRequest, options?: RequestOptions.RequestOptions) {
    const valid = yield* AssistantSchemas.validateAssistantRequest(request)
    const { stream: _stream, ...body } = valid
    const answer = yield* client.json(
      { method: "POST", path: "/assistant", operation: "assistant.run", body: { _tag: "Json", value: body }, options },
      AssistantSchemas.AssistantCompletion
    )
    return yield* checkAnswer(answer)
  })

  const runStream = (
    request: AssistantSchemas.AssistantRequest,
    options?: RequestOptions.RequestOptions
  ): Stream.Stream<AssistantSchemas.AssistantCompletion, AssistantError> =>
    Stream.unwrap(
      Effect.map(AssistantSchemas.validateAssistantRequest(request), (valid) =>
        client
          .stream(
            {
              method: "POST",
              path: "/assistant",
              operation: "assistant.run_stream",
              body: { _tag: "Json", value: { ...valid, stream: true } },
              options
            },
            AssistantSchemas.AssistantCompletion
          )
          .pipe(Stream.mapEffect(checkAnswer))
      )
    )

  const list = Effect.fn("Assistant.list")(function*(
    request?: AssistantSchemas.AssistantListRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* AssistantSchemas.validateAssistantListRequest(request ?? {})
    const answer = yield* client.json(
      { method: "POST", path: "/assistant/list", operation: "assistant.list", body: { _tag: "Json", value: valid }, options },
      AssistantSchemas.AssistantSupportList
    )
    const error = envelopeError("Assistant list", answer)
    if (error !== undefined) return yield* error
    return answer.data ?? []
  })

  const fetchPage = (valid: AssistantSchemas.ConversationListRequest, options: RequestOptions.RequestOptions | undefined) =>
    Effect.gen(function*() {
      const answer = yield* client.json(
        {
          method: "POST",
          path: "/assistant/conversation/list",
          operation: "assistant.conversation.list",
          body: { _tag: "Json", value: valid },
          options
        },
        AssistantSchemas.ConversationUsageListResponse
      )
      const error = envelopeError(`Conversations of ${valid.assistant_id}`, answer)
      if (error !== undefined) return yield* error
      return answer.data ?? { conversation_list: [], has_more: false }
    })

  const conversationsPage = Effect.fn("Assistant.conversationsPage")(function*(
    request: AssistantSchemas.ConversationListRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* AssistantSchemas.validateConversationListRequest(request)
    return yield* fetchPage(valid, options)
  })

  const conversations = (
    request: AssistantSchemas.ConversationListRequest,
    options?: ConversationsOptions
  ): Stream.Stream<AssistantSchemas.ConversationUsage, AssistantError> =>
    Stream.unwrap(
      Effect.map(AssistantSchemas.validateConversationListRequest(request), (valid) =>
        Paging.pageNumberPages({
          fetch: ({ page, size }) =>
            Effect.map(fetchPage({ ...valid, page, page_size: size }, options?.requestOptions), (data) => ({
              items: data.conversation_list ?? [],
              ...(typeof data.has_more === "boolean" ? { hasMore: data.has_more } : {})
            })),
          size: valid.page_size ?? 10,
          startPage: valid.page ?? 1,
          maxPages: options?.maxPages
        })
      )
    )

  return Assistant.of({ run, runStream, list, conversationsPage, conversations })
}

// -----------------------------------------------------------------------------------------------------------------
// readers
// -----------------------------------------------------------------------------------------------------------------

/**
 * The text of an answer (or of one stream event): the `content` of its `content` deltas.
 *
 * @since 0.1.0
 */
export const text = (answer: AssistantSchemas.AssistantCompletion): string =>
  (answer.choices ?? [])
    .flatMap((choice) => {
      const delta = choice.delta
      if (delta === null || delta === undefined || typeof delta.content !== "string") return []
      return delta.type === undefined || delta.type === null || delta.type === "content" ? [delta.content] : []
    })
    .join("")

/**
 * The tool steps of an answer (or of one stream event).
 *
 * @since 0.1.0
 */
export const toolCalls = (answer: AssistantSchemas.AssistantCompletion): ReadonlyArray<AssistantSchemas.AssistantToolCall> =>
  (answer.choices ?? []).flatMap((choice) => choice.delta?.tool_calls ?? [])

/**
 * A streamed answer put together: its text, its tool steps, and the last event (with the final `status` and `usage`).
 *
 * @since 0.1.0
 */
export interface Collected {
  readonly text: string
  readonly toolCalls: ReadonlyArray<AssistantSchemas.AssistantToolCall>
  readonly last: AssistantSchemas.AssistantCompletion | undefined
  readonly conversationId: string | undefined
}

/**
 * Folds the events of `runStream` into one `Collected`.
 *
 * @since 0.1.0
 */
export const collect = <E, R>(events: Stream.Stream<AssistantSchemas.AssistantCompletion, E, R>): Effect.Effect<Collected, E, R> =>
  Stream.runFold(
    events,
    (): Collected => ({ text: "", toolCalls: [], last: undefined, conversationId: undefined }),
    (acc, event) => ({
      text: acc.text + text(event),
      toolCalls: [...acc.toolCalls, ...toolCalls(event)],
      last: event,
      conversationId: event.conversation_id ?? acc.conversationId
    })
  )

// -----------------------------------------------------------------------------------------------------------------
// accessors
// -----------------------------------------------------------------------------------------------------------------

/**
 * `run` on the `Assistant` service of the context.
 *
 * @since 0.1.0
 */
export const run = (
  request: AssistantSchemas.AssistantRequest,
  options?: RequestOptions.RequestOptions
): Effect.Effect<AssistantSchemas.AssistantCompletion, AssistantError, Assistant> => Assistant.use((a) => a.run(request, options))

/**
 * `runStream` on the `Assistant` service of the context.
 *
 * @since 0.1.0
 */
export const runStream = (
  request: AssistantSchemas.AssistantRequest,
  options?: RequestOptions.RequestOptions
): Stream.Stream<AssistantSchemas.AssistantCompletion, AssistantError, Assistant> =>
  Stream.unwrap(Assistant.use((a) => Effect.succeed(a.runStream(request, options))))

/**
 * `list` on the `Assistant` service of the context.
 *
 * @since 0.1.0
 */
export const list = (
  request?: AssistantSchemas.AssistantListRequest,
  options?: RequestOptions.RequestOptions
): Effect.Effect<ReadonlyArray<AssistantSchemas.AssistantSupport>, AssistantError, Assistant> => Assistant.use((a) => a.list(request, options))

/**
 * `conversationsPage` on the `Assistant` service of the context.
 *
 * @since 0.1.0
 */
export const conversationsPage = (
  request: AssistantSchemas.ConversationListRequest,
  options?: RequestOptions.RequestOptions
): Effect.Effect<AssistantSchemas.ConversationUsageList, AssistantError, Assistant> =>
  Assistant.use((a) => a.conversationsPage(request, options))

/**
 * `conversations` on the `Assistant` service of the context.
 *
 * @since 0.1.0
 */
export const conversations = (
  request: AssistantSchemas.ConversationListRequest,
  options?: ConversationsOptions
): Stream.Stream<AssistantSchemas.ConversationUsage, AssistantError, Assistant> =>
  Stream.unwrap(Assistant.use((a) => Effect.succeed(a.conversations(request, options))))
