/**
 * The `Agents` service: the Z.ai agents API over `ZaiClient` (`root: "agents"`): `invoke` / `invokeStream`
 * (`POST /v1/agents`), `asyncResult` (`POST /v1/agents/async-result`), `conversation` (`POST /v1/agents/conversation`),
 * and typed shortcuts for the known agents: `translate` / `translateStream` (general translation), `slides` (the GLM
 * slide agent, with `waitFor` and `downloadFiles`) and `videoEffect` (special-effects videos, an async handle).
 *
 * Every input is validated first (strictly, errors naming the field: `InvalidRequestInput`), so a bad request fails
 * before anything is sent. An `error: { code, message }` inside a 200 answer fails the call with the typed error of its
 * business code (`InternalServerError` when the code is unknown); on a poll whose `status` is `failed` it is the
 * task's own outcome instead: `asyncResult` / `conversation` return it, and the handles' `waitFor` fail with
 * `TaskFailedError` carrying the code and message.
 *
 * The agents root defaults to the paas base URL (`https://api.z.ai/api/paas/v4/v1/agents`, as the official SDKs call
 * it); the OpenAPI document puts it at `https://api.z.ai/api/v1/agents`. Set `agentsBaseUrl` in the client options to
 * choose.
 *
 * @since 0.1.0
 */
import { Agents as AgentSchemas, ChatCompletions, InputValidation } from "@zai-kit/schema"
import { AsyncResult, Polling, type RequestOptions, ZaiClient, ZaiError } from "@zai-kit/transport"
import { Context, type Duration, Effect, type FileSystem, Layer, type Path, type Schedule, Schema, Stream } from "effect"
import * as AgentOutput from "./AgentOutput.js"
import * as Downloads from "./Downloads.js"
import { payloadOf, toError } from "./internal/payloadError.js"

/**
 * Everything an agents call can fail with: a rejected input (before the wire) or a `ZaiError`.
 *
 * @since 0.1.0
 */
export type AgentsError = InputValidation.InvalidRequestInput | ZaiError.ZaiError

/**
 * Options of the handles' `waitFor`.
 *
 * @since 0.1.0
 */
export interface WaitOptions {
  /** Delay between polls (default `Polling.defaultSchedule`: exponential from 1 s, capped at 10 s). */
  readonly schedule?: Schedule.Schedule<unknown, unknown> | undefined
  /** Overall limit (default `Polling.defaultTimeout`, 10 minutes); then `TimeoutError` with `kind: "poll"`. */
  readonly timeout?: Duration.Input | undefined
  /** Per-call overrides applied to every poll. */
  readonly requestOptions?: RequestOptions.RequestOptions | undefined
}

// -----------------------------------------------------------------------------------------------------------------
// shortcut inputs
// -----------------------------------------------------------------------------------------------------------------

/**
 * Input of `translate`: `{ text, to, from?, strategy?, glossary?, suggestion?, request_id?, user_id? }`
 * (`from` defaults to `auto`).
 *
 * @since 0.1.0
 */
export interface TranslateInput {
  /** The text to translate. */
  readonly text: string
  /** Target language, e.g. `fr`, `en-GB`, `zh-CN`. */
  readonly to: AgentSchemas.TranslationTargetLanguage
  /** Source language (`auto`, the default, detects). */
  readonly from?: AgentSchemas.TranslationSourceLanguage
  /** `general` (default), `paraphrase`, `two_step`, `three_step`, `reflection` or `cot`. */
  readonly strategy?: AgentSchemas.TranslationStrategy
  /** Glossary id. */
  readonly glossary?: string
  /** Style or terminology guidance (`strategy_config.general.suggestion`). */
  readonly suggestion?: string
  /** Unique client request id. */
  readonly request_id?: string
  /** End-user id, 6–128 characters. */
  readonly user_id?: string
}

/**
 * The strict schema of `TranslateInput`.
 *
 * @since 0.1.0
 */
export const TranslateInput: Schema.Codec<TranslateInput> = Schema.Struct({
  text: Schema.String.check(Schema.isMinLength(1)),
  to: AgentSchemas.TranslationTargetLanguage,
  from: Schema.optionalKey(AgentSchemas.TranslationSourceLanguage),
  strategy: Schema.optionalKey(AgentSchemas.TranslationStrategy),
  glossary: Schema.optionalKey(Schema.String),
  suggestion: Schema.optionalKey(Schema.String),
  request_id: Schema.optionalKey(ChatCompletions.RequestId),
  user_id: Schema.optionalKey(ChatCompletions.UserId)
}).annotate({ identifier: "TranslateInput" })

/**
 * A translation: the translated text, the languages asked for, and the whole answer.
 *
 * @since 0.1.0
 */
export interface Translation {
  readonly text: string
  readonly from: string
  readonly to: string
  readonly completion: AgentSchemas.AgentCompletion
}

/**
 * Input of `slides`: `{ prompt, conversation_id?, request_id?, user_id? }`; a `conversation_id` changes that deck.
 *
 * @since 0.1.0
 */
export interface SlidesInput {
  /** What the deck (or the change to it) should be. */
  readonly prompt: string
  /** An earlier deck to change. */
  readonly conversation_id?: string
  /** Unique client request id. */
  readonly request_id?: string
  /** End-user id, 6–128 characters. */
  readonly user_id?: string
}

/**
 * The strict schema of `SlidesInput`.
 *
 * @since 0.1.0
 */
export const SlidesInput: Schema.Codec<SlidesInput> = Schema.Struct({
  prompt: Schema.String.check(Schema.isMinLength(1)),
  conversation_id: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  request_id: Schema.optionalKey(ChatCompletions.RequestId),
  user_id: Schema.optionalKey(ChatCompletions.UserId)
}).annotate({ identifier: "SlidesInput" })

/**
 * Input of `videoEffect`: `{ template, image_url, prompt?, request_id?, user_id? }`.
 *
 * @since 0.1.0
 */
export interface VideoEffectInput {
  /** `french_kiss`, `bodyshake` or `sexy_me`. */
  readonly template: AgentSchemas.VideoEffectTemplate
  /** The picture to animate: an `http(s)` URL or a `data:image/...;base64,` URL. */
  readonly image_url: string
  /** Extra guidance. */
  readonly prompt?: string
  /** Unique client request id. */
  readonly request_id?: string
  /** End-user id, 6–128 characters. */
  readonly user_id?: string
}

/**
 * The strict schema of `VideoEffectInput`.
 *
 * @since 0.1.0
 */
export const VideoEffectInput: Schema.Codec<VideoEffectInput> = Schema.Struct({
  template: AgentSchemas.VideoEffectTemplate,
  image_url: Schema.String.check(Schema.isMinLength(1)),
  prompt: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1))),
  request_id: Schema.optionalKey(ChatCompletions.RequestId),
  user_id: Schema.optionalKey(ChatCompletions.UserId)
}).annotate({ identifier: "VideoEffectInput" })

const validateTranslateInput = InputValidation.makeValidator(TranslateInput, "TranslateInput")
const validateSlidesInput = InputValidation.makeValidator(SlidesInput, "SlidesInput")
const validateVideoEffectInput = InputValidation.makeValidator(VideoEffectInput, "VideoEffectInput")

// -----------------------------------------------------------------------------------------------------------------
// handles
// -----------------------------------------------------------------------------------------------------------------

/**
 * Options of `SlideDeck.waitFor`.
 *
 * @since 0.1.0
 */
export interface SlideWaitOptions extends WaitOptions {
  /** Ask for the PDF export too (default true); without it the deck is ready once page images exist. */
  readonly includePdf?: boolean | undefined
  /** Pages (and sizes) to export. */
  readonly pages?: ReadonlyArray<AgentSchemas.SlidePageSize> | undefined
  /** Which endpoint to poll: `conversation` (default) or `async-result`. */
  readonly via?: "conversation" | "async-result" | undefined
}

/**
 * A deck's exported files.
 *
 * @since 0.1.0
 */
export interface SlideFiles {
  readonly conversationId: string
  /** The PDF (`file_url`), when exported. */
  readonly pdfUrl: string | undefined
  /** One image per page (`image_url`). */
  readonly imageUrls: ReadonlyArray<string>
  /** Every file, in the order the API lists them. */
  readonly files: ReadonlyArray<AgentOutput.AgentFile>
  /** The last poll's answer. */
  readonly answer: AgentSchemas.AgentConversation
  /** Downloads every file into `dir` (see `Downloads`). */
  readonly downloadFiles: (
    dir: string,
    options?: Downloads.DownloadOptions
  ) => Effect.Effect<ReadonlyArray<Downloads.DownloadedFile>, Downloads.DownloadFailure, FileSystem.FileSystem | Path.Path>
}

/**
 * The answer of the slide agent, and a handle on the deck.
 *
 * @since 0.1.0
 */
export interface SlideDeck {
  readonly conversationId: string
  readonly agentId: string
  /** The agent's closing text. */
  readonly text: string
  /** The pages it made (HTML of each `insert_page` step). */
  readonly pages: ReadonlyArray<AgentOutput.SlidePage>
  /** The whole answer. */
  readonly completion: AgentSchemas.AgentCompletion
  /** One `POST /v1/agents/conversation` (with `include_pdf: true`). */
  readonly poll: Effect.Effect<AgentSchemas.AgentConversation, AgentsError>
  /** Polls until the deck's files are listed (`failed` → `TaskFailedError`), then gives them. */
  readonly waitFor: (options?: SlideWaitOptions) => Effect.Effect<SlideFiles, AgentsError>
}

/**
 * A finished special-effects video.
 *
 * @since 0.1.0
 */
export interface VideoEffectResult {
  readonly asyncId: string
  /** The video(s) (`video_url`). */
  readonly videoUrls: ReadonlyArray<string>
  /** Cover images (`image_url`), when given. */
  readonly imageUrls: ReadonlyArray<string>
  /** The last poll's answer. */
  readonly answer: AgentSchemas.AgentAsyncResult
  /** Downloads the video(s) and covers into `dir` (see `Downloads`). */
  readonly downloadFiles: (
    dir: string,
    options?: Downloads.DownloadOptions
  ) => Effect.Effect<ReadonlyArray<Downloads.DownloadedFile>, Downloads.DownloadFailure, FileSystem.FileSystem | Path.Path>
}

/**
 * A submitted special-effects video: its `async_id` and a handle to poll it.
 *
 * @since 0.1.0
 */
export interface VideoEffectTask {
  readonly asyncId: string
  readonly agentId: string
  /** The status of the submission (`pending`). */
  readonly status: string | undefined
  /** The whole submission answer. */
  readonly completion: AgentSchemas.AgentCompletion
  /** One `POST /v1/agents/async-result`. */
  readonly poll: Effect.Effect<AgentSchemas.AgentAsyncResult, AgentsError>
  /** Polls until `success` (`failed` → `TaskFailedError` with the task's code and message). */
  readonly waitFor: (options?: WaitOptions) => Effect.Effect<VideoEffectResult, AgentsError>
}

// -----------------------------------------------------------------------------------------------------------------
// service
// -----------------------------------------------------------------------------------------------------------------

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /**
   * `POST /v1/agents` without streaming (`stream: false` is sent to the slide agent, which streams by default):
   * validates (the request shape is picked from `agent_id`), sends, decodes the `AgentCompletion`.
   */
  readonly invoke: (
    request: AgentSchemas.AgentRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<AgentSchemas.AgentCompletion, AgentsError>
  /** `POST /v1/agents` with `stream: true`: the typed events, ending at `[DONE]`; an error event fails typed. */
  readonly invokeStream: (
    request: AgentSchemas.AgentRequest,
    options?: RequestOptions.RequestOptions
  ) => Stream.Stream<AgentSchemas.AgentCompletionChunk, AgentsError>
  /** `POST /v1/agents/async-result`: the state of an async agent task (`pending` / `success` / `failed`). */
  readonly asyncResult: (
    request: AgentSchemas.AgentAsyncResultRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<AgentSchemas.AgentAsyncResult, AgentsError>
  /** `POST /v1/agents/conversation`: a conversation's output files (slides: PDF and page images). */
  readonly conversation: (
    request: AgentSchemas.AgentConversationRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<AgentSchemas.AgentConversation, AgentsError>
  /** `general_translation`: the translated text. */
  readonly translate: (input: TranslateInput, options?: RequestOptions.RequestOptions) => Effect.Effect<Translation, AgentsError>
  /** `general_translation` streamed: the pieces of translated text as they arrive. */
  readonly translateStream: (input: TranslateInput, options?: RequestOptions.RequestOptions) => Stream.Stream<string, AgentsError>
  /** `slides_glm_agent`: makes (or, with `conversation_id`, changes) a deck; `waitFor` then gives its files. */
  readonly slides: (input: SlidesInput, options?: RequestOptions.RequestOptions) => Effect.Effect<SlideDeck, AgentsError>
  /** `vidu_template_agent`: submits an image and a template; the handle's `waitFor` gives the video. */
  readonly videoEffect: (input: VideoEffectInput, options?: RequestOptions.RequestOptions) => Effect.Effect<VideoEffectTask, AgentsError>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Agents extends Context.Service<Agents, Service>()("@zai-kit/agents/Agents") {
  /**
   * The service on the `ZaiClient` of the context.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<Agents, never, ZaiClient.ZaiClient> = Layer.effect(
    Agents,
    Effect.gen(function*() {
      const client = yield* ZaiClient.ZaiClient
      return make(client)
    })
  )
}

const requestIdOf = (answer: { readonly request_id?: string | null | undefined; readonly id?: string | null | undefined }) =>
  answer.request_id ?? answer.id ?? undefined

const missingField = (what: string, field: string, answer: unknown) =>
  new ZaiError.ResponseDecodeError({
    message: ZaiError.formatMessage({ text: `${what}: the answer has no ${field}`, status: 200, attempts: 1 }),
    status: 200,
    isRetryable: false,
    attempts: 1,
    raw: JSON.stringify(answer).slice(0, 4096)
  })

/**
 * Builds the service on a client.
 *
 * @since 0.1.0
 */
export const make = (client: ZaiClient.Service): Service => {
  // an error in a 200 body fails the call, unless it is a polled task's own failure (`status: "failed"`)
  const checked = <A extends { readonly error?: unknown; readonly status?: string | null | undefined; readonly request_id?: string | null | undefined; readonly id?: string | null | undefined }>(
    what: string,
    answer: A,
    failedIsData: boolean
  ): Effect.Effect<A, ZaiError.ApiError> => {
    const payload = payloadOf(answer.error)
    if (payload === undefined || (failedIsData && answer.status === "failed")) return Effect.succeed(answer)
    return Effect.fail(toError(payload, { what, requestId: requestIdOf(answer) }))
  }

  const send = (valid: AgentSchemas.AgentRequest, options: RequestOptions.RequestOptions | undefined) => {
    const rest = Object.fromEntries(Object.entries(valid).filter(([key]) => key !== "stream"))
    const value = AgentSchemas.familyOf(valid.agent_id) === "slides" ? { ...rest, stream: false } : rest
    return client
      .json(
        { method: "POST", path: "/v1/agents", operation: "agents.invoke", root: "agents", body: { _tag: "Json", value }, options },
        AgentSchemas.AgentCompletion
      )
      .pipe(Effect.flatMap((answer) => checked(`Agent ${valid.agent_id}`, answer, false)))
  }

  const invoke = Effect.fn("Agents.invoke")(function*(request: AgentSchemas.AgentRequest, options?: RequestOptions.RequestOptions) {
    const valid = yield* AgentSchemas.validateAgentRequest(request)
    return yield* send(valid, options)
  })

  const invokeStream = (
    request: AgentSchemas.AgentRequest,
    options?: RequestOptions.RequestOptions
  ): Stream.Stream<AgentSchemas.AgentCompletionChunk, AgentsError> =>
    Stream.unwrap(
      Effect.map(AgentSchemas.validateAgentRequest(request), (valid) =>
        client.stream(
          {
            method: "POST",
            path: "/v1/agents",
            operation: "agents.invoke_stream",
            root: "agents",
            body: { _tag: "Json", value: { ...valid, stream: true } },
            options
          },
          AgentSchemas.AgentCompletionChunk
        )
      )
    )

  const asyncResult = Effect.fn("Agents.asyncResult")(function*(
    request: AgentSchemas.AgentAsyncResultRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* AgentSchemas.validateAgentAsyncResultRequest(request)
    const answer = yield* client.json(
      {
        method: "POST",
        path: "/v1/agents/async-result",
        operation: "agents.async_result",
        root: "agents",
        body: { _tag: "Json", value: valid },
        options
      },
      AgentSchemas.AgentAsyncResult
    )
    return yield* checked(`Agent task ${valid.async_id ?? valid.conversation_id ?? ""}`, answer, true)
  })

  const conversation = Effect.fn("Agents.conversation")(function*(
    request: AgentSchemas.AgentConversationRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* AgentSchemas.validateAgentConversationRequest(request)
    const answer = yield* client.json(
      {
        method: "POST",
        path: "/v1/agents/conversation",
        operation: "agents.conversation",
        root: "agents",
        body: { _tag: "Json", value: valid },
        options
      },
      AgentSchemas.AgentConversation
    )
    return yield* checked(`Agent conversation ${valid.conversation_id}`, answer, true)
  })

  const translationRequest = (input: TranslateInput, stream: boolean): AgentSchemas.TranslationAgentRequest => ({
    agent_id: AgentSchemas.translationAgentId,
    messages: [{ role: "user", content: [{ type: "text", text: input.text }] }],
    ...(stream ? { stream: true } : {}),
    custom_variables: {
      source_lang: input.from ?? "auto",
      target_lang: input.to,
      ...(input.glossary !== undefined ? { glossary: input.glossary } : {}),
      ...(input.strategy !== undefined ? { strategy: input.strategy } : {}),
      ...(input.suggestion !== undefined ? { strategy_config: { general: { suggestion: input.suggestion } } } : {})
    },
    ...(input.request_id !== undefined ? { request_id: input.request_id } : {}),
    ...(input.user_id !== undefined ? { user_id: input.user_id } : {})
  })

  const translate = Effect.fn("Agents.translate")(function*(input: TranslateInput, options?: RequestOptions.RequestOptions) {
    const valid = yield* validateTranslateInput(input)
    const completion = yield* invoke(translationRequest(valid, false), options)
    return { text: AgentOutput.text(completion), from: valid.from ?? "auto", to: valid.to, completion } satisfies Translation
  })

  const translateStream = (input: TranslateInput, options?: RequestOptions.RequestOptions): Stream.Stream<string, AgentsError> =>
    Stream.unwrap(
      Effect.map(validateTranslateInput(input), (valid) =>
        invokeStream(translationRequest(valid, true), options).pipe(
          Stream.map(AgentOutput.text),
          Stream.filter((piece) => piece !== "")
        )
      )
    )

  const slideFiles = (conversationId: string, answer: AgentSchemas.AgentConversation): SlideFiles => {
    const files = AgentOutput.files(answer)
    return {
      conversationId,
      pdfUrl: AgentOutput.fileUrls(answer)[0],
      imageUrls: AgentOutput.imageUrls(answer),
      files,
      answer,
      downloadFiles: (dir, downloadOptions) => Downloads.downloadAll(client, files.map((f) => f.url), dir, downloadOptions)
    }
  }

  const slides = Effect.fn("Agents.slides")(function*(input: SlidesInput, options?: RequestOptions.RequestOptions) {
    const valid = yield* validateSlidesInput(input)
    const agentId = AgentSchemas.slidesAgentId
    const completion = yield* invoke(
      {
        agent_id: agentId,
        messages: [{ role: "user", content: [{ type: "text", text: valid.prompt }] }],
        ...(valid.conversation_id !== undefined ? { conversation_id: valid.conversation_id } : {}),
        ...(valid.request_id !== undefined ? { request_id: valid.request_id } : {}),
        ...(valid.user_id !== undefined ? { user_id: valid.user_id } : {})
      },
      options
    )
    const conversationId = completion.conversation_id ?? valid.conversation_id
    if (conversationId === undefined) return yield* missingField("Slide agent", "conversation_id", completion)
    const pollWith = (wait: SlideWaitOptions | undefined): Effect.Effect<AgentSchemas.AgentConversation, AgentsError> => {
      const variables = {
        include_pdf: wait?.includePdf ?? true,
        ...(wait?.pages !== undefined ? { pages: wait.pages } : {})
      }
      return wait?.via === "async-result"
        ? asyncResult({ agent_id: agentId, conversation_id: conversationId, custom_variables: variables }, wait.requestOptions)
        : conversation({ agent_id: agentId, conversation_id: conversationId, custom_variables: variables }, wait?.requestOptions)
    }
    const waitFor = (wait?: SlideWaitOptions): Effect.Effect<SlideFiles, AgentsError> => {
      const includePdf = wait?.includePdf ?? true
      return Polling.pollUntilDone({
        poll: pollWith(wait),
        isDone: (answer) =>
          answer.status !== "failed" &&
          (includePdf ? AgentOutput.fileUrls(answer).length > 0 : AgentOutput.imageUrls(answer).length > 0),
        isFailed: (answer) => answer.status === "failed",
        schedule: wait?.schedule,
        timeout: wait?.timeout,
        taskId: conversationId,
        status: (answer) => answer.status ?? undefined
      }).pipe(
        Effect.map((answer) => slideFiles(conversationId, answer)),
        Effect.catchTag("TaskFailedError", (error) => Effect.fail(AsyncResult.withReportedError(error, payloadOf(errorField(error.result)))))
      )
    }
    return {
      conversationId,
      agentId: completion.agent_id ?? agentId,
      text: AgentOutput.text(completion),
      pages: AgentOutput.slidePages(completion),
      completion,
      poll: pollWith(undefined),
      waitFor
    } satisfies SlideDeck
  })

  const videoEffect = Effect.fn("Agents.videoEffect")(function*(input: VideoEffectInput, options?: RequestOptions.RequestOptions) {
    const valid = yield* validateVideoEffectInput(input)
    const agentId = AgentSchemas.videoEffectsAgentId
    const completion = yield* invoke(
      {
        agent_id: agentId,
        messages: [
          {
            role: "user",
            content: [
              ...(valid.prompt !== undefined ? [{ type: "text" as const, text: valid.prompt }] : []),
              { type: "image_url" as const, image_url: valid.image_url }
            ]
          }
        ],
        custom_variables: { template: valid.template },
        ...(valid.request_id !== undefined ? { request_id: valid.request_id } : {}),
        ...(valid.user_id !== undefined ? { user_id: valid.user_id } : {})
      },
      options
    )
    const asyncId = completion.async_id
    if (asyncId === undefined || asyncId === null || asyncId === "") {
      return yield* missingField("Video effects agent", "async_id", completion)
    }
    const poll = asyncResult({ agent_id: agentId, async_id: asyncId })
    const waitFor = (wait?: WaitOptions): Effect.Effect<VideoEffectResult, AgentsError> =>
      Polling.pollUntilDone({
        poll: wait?.requestOptions === undefined ? poll : asyncResult({ agent_id: agentId, async_id: asyncId }, wait.requestOptions),
        isDone: (answer) => answer.status === "success",
        isFailed: (answer) => answer.status === "failed",
        schedule: wait?.schedule,
        timeout: wait?.timeout,
        taskId: asyncId,
        status: (answer) => answer.status ?? undefined
      }).pipe(
        Effect.catchTag("TaskFailedError", (error) => Effect.fail(AsyncResult.withReportedError(error, payloadOf(errorField(error.result))))),
        Effect.flatMap((answer) => {
          const videoUrls = AgentOutput.videoUrls(answer)
          if (videoUrls.length === 0) return Effect.fail(missingField(`Video effect ${asyncId}`, "video_url", answer))
          const imageUrls = AgentOutput.imageUrls(answer)
          return Effect.succeed({
            asyncId,
            videoUrls,
            imageUrls,
            answer,
            downloadFiles: (dir, downloadOptions) =>
              Downloads.downloadAll(client, [...videoUrls, ...imageUrls], dir, downloadOptions)
          } satisfies VideoEffectResult)
        })
      )
    return {
      asyncId,
      agentId: completion.agent_id ?? agentId,
      status: completion.status ?? undefined,
      completion,
      poll,
      waitFor
    } satisfies VideoEffectTask
  })

  return Agents.of({ invoke, invokeStream, asyncResult, conversation, translate, translateStream, slides, videoEffect })
}

const errorField = (result: unknown): unknown =>
  typeof result === "object" && result !== null && "error" in result ? result.error : undefined

// -----------------------------------------------------------------------------------------------------------------
// accessors
// -----------------------------------------------------------------------------------------------------------------

/**
 * `invoke` on the `Agents` service of the context.
 *
 * @since 0.1.0
 */
export const invoke = (
  request: AgentSchemas.AgentRequest,
  options?: RequestOptions.RequestOptions
): Effect.Effect<AgentSchemas.AgentCompletion, AgentsError, Agents> => Agents.use((agents) => agents.invoke(request, options))

/**
 * `invokeStream` on the `Agents` service of the context.
 *
 * @since 0.1.0
 */
export const invokeStream = (
  request: AgentSchemas.AgentRequest,
  options?: RequestOptions.RequestOptions
): Stream.Stream<AgentSchemas.AgentCompletionChunk, AgentsError, Agents> =>
  Stream.unwrap(Agents.use((agents) => Effect.succeed(agents.invokeStream(request, options))))

/**
 * `asyncResult` on the `Agents` service of the context.
 *
 * @since 0.1.0
 */
export const asyncResult = (
  request: AgentSchemas.AgentAsyncResultRequest,
  options?: RequestOptions.RequestOptions
): Effect.Effect<AgentSchemas.AgentAsyncResult, AgentsError, Agents> => Agents.use((agents) => agents.asyncResult(request, options))

/**
 * `conversation` on the `Agents` service of the context.
 *
 * @since 0.1.0
 */
export const conversation = (
  request: AgentSchemas.AgentConversationRequest,
  options?: RequestOptions.RequestOptions
): Effect.Effect<AgentSchemas.AgentConversation, AgentsError, Agents> => Agents.use((agents) => agents.conversation(request, options))

/**
 * `translate` on the `Agents` service of the context.
 *
 * @since 0.1.0
 */
export const translate = (
  input: TranslateInput,
  options?: RequestOptions.RequestOptions
): Effect.Effect<Translation, AgentsError, Agents> => Agents.use((agents) => agents.translate(input, options))

/**
 * `translateStream` on the `Agents` service of the context.
 *
 * @since 0.1.0
 */
export const translateStream = (
  input: TranslateInput,
  options?: RequestOptions.RequestOptions
): Stream.Stream<string, AgentsError, Agents> => Stream.unwrap(Agents.use((agents) => Effect.succeed(agents.translateStream(input, options))))

/**
 * `slides` on the `Agents` service of the context.
 *
 * @since 0.1.0
 */
export const slides = (input: SlidesInput, options?: RequestOptions.RequestOptions): Effect.Effect<SlideDeck, AgentsError, Agents> =>
  Agents.use((agents) => agents.slides(input, options))

/**
 * `videoEffect` on the `Agents` service of the context.
 *
 * @since 0.1.0
 */
export const videoEffect = (
  input: VideoEffectInput,
  options?: RequestOptions.RequestOptions
): Effect.Effect<VideoEffectTask, AgentsError, Agents> => Agents.use((agents) => agents.videoEffect(input, options))
