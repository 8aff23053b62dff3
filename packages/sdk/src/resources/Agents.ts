/**
 * `zai.agents` (`POST /v1/agents`, `/v1/agents/async-result`, `/v1/agents/conversation`, with helpers for the
 * translation, slide and video-effect agents) and `zai.assistant` (`/assistant`, `/assistant/list`,
 * `/assistant/conversation/list`).
 *
 * @since 0.1.0
 */
import { Agents, Assistant } from "@zai-kit/agents"
import type { Agents as AgentSchemas, Assistant as AssistantSchemas } from "@zai-kit/schema"
import { Effect, Stream } from "effect"
import type { Runner } from "../internal/runner.js"
import * as Wait from "../internal/wait.js"
import type { PagePromise } from "../Pagination.js"
import type { RequestOptions } from "../RequestOptions.js"
import { ZaiStream } from "../Streams.js"
import type { WaitOptions } from "../Tasks.js"

/**
 * A deck's exported files.
 *
 * @since 0.1.0
 */
export type SlideFiles = Omit<Agents.SlideFiles, "downloadFiles">

/**
 * How `SlideDeck.wait()` polls: `WaitOptions` plus `includePdf`, `pages` and `via`.
 *
 * @since 0.1.0
 */
export interface SlideWaitOptions extends WaitOptions {
  /** Ask for the PDF export too (default true). */
  readonly includePdf?: boolean | undefined
  /** Pages (and sizes) to export. */
  readonly pages?: ReadonlyArray<AgentSchemas.SlidePageSize> | undefined
  /** Which endpoint to poll: `conversation` (default) or `async-result`. */
  readonly via?: "conversation" | "async-result" | undefined
}

/**
 * A deck made by the slide agent.
 *
 * @since 0.1.0
 */
export interface SlideDeck extends Omit<Agents.SlideDeck, "poll" | "waitFor"> {
  /** Polls until the deck's files (PDF, page images) are listed. */
  readonly wait: (options?: SlideWaitOptions) => Promise<SlideFiles>
}

/**
 * A finished special-effects video.
 *
 * @since 0.1.0
 */
export type VideoEffectResult = Omit<Agents.VideoEffectResult, "downloadFiles">

/**
 * A submitted special-effects video.
 *
 * @since 0.1.0
 */
export interface VideoEffectTask extends Omit<Agents.VideoEffectTask, "poll" | "waitFor"> {
  /** One `POST /v1/agents/async-result`. */
  readonly retrieve: (options?: RequestOptions) => Promise<AgentSchemas.AgentAsyncResult>
  /** Polls until the video is ready. */
  readonly wait: (options?: WaitOptions) => Promise<VideoEffectResult>
}

/**
 * `zai.agents`.
 *
 * @since 0.1.0
 */
export class AgentsResource {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** Calls an agent (`agent_id` picks the request shape); with `stream: true`, a stream of its chunks. */
  invoke(
    params: AgentSchemas.AgentRequest & { readonly stream: true },
    options?: RequestOptions
  ): Promise<ZaiStream<AgentSchemas.AgentCompletionChunk>>
  invoke(params: AgentSchemas.AgentRequest, options?: RequestOptions): Promise<AgentSchemas.AgentCompletion>
  invoke(
    params: AgentSchemas.AgentRequest,
    options?: RequestOptions
  ): Promise<AgentSchemas.AgentCompletion | ZaiStream<AgentSchemas.AgentCompletionChunk>> {
    if ("stream" in params && params.stream === true) {
      return this.#runner.stream(
        (o) => Stream.unwrap(Agents.Agents.use((agents) => Effect.succeed(agents.invokeStream(params, o)))),
        options,
        (source) => new ZaiStream(source)
      )
    }
    return this.#runner.run((o) => Agents.Agents.use((agents) => agents.invoke(params, o)), options)
  }

  /** The state of an asynchronous agent task (`POST /v1/agents/async-result`). */
  asyncResult(
    params: AgentSchemas.AgentAsyncResultRequest,
    options?: RequestOptions
  ): Promise<AgentSchemas.AgentAsyncResult> {
    return this.#runner.run((o) => Agents.Agents.use((agents) => agents.asyncResult(params, o)), options)
  }

  /** A conversation's state and files (`POST /v1/agents/conversation`). */
  conversation(
    params: AgentSchemas.AgentConversationRequest,
    options?: RequestOptions
  ): Promise<AgentSchemas.AgentConversation> {
    return this.#runner.run((o) => Agents.Agents.use((agents) => agents.conversation(params, o)), options)
  }

  /** Translates a text with the translation agent. */
  translate(input: Agents.TranslateInput, options?: RequestOptions): Promise<Agents.Translation> {
    return this.#runner.run((o) => Agents.Agents.use((agents) => agents.translate(input, o)), options)
  }

  /** Makes (or changes) a slide deck; its `wait()` gives the exported files. */
  async slides(input: Agents.SlidesInput, options?: RequestOptions): Promise<SlideDeck> {
    const deck = await this.#runner.run((o) => Agents.Agents.use((agents) => agents.slides(input, o)), options)
    const { poll: _poll, waitFor, ...rest } = deck
    return {
      ...rest,
      wait: (waitOptions) => {
        const base = Wait.waitOptions(waitOptions)
        const wait: Agents.SlideWaitOptions = {
          ...base,
          ...(waitOptions?.includePdf === undefined ? {} : { includePdf: waitOptions.includePdf }),
          ...(waitOptions?.pages === undefined ? {} : { pages: waitOptions.pages }),
          ...(waitOptions?.via === undefined ? {} : { via: waitOptions.via })
        }
        return this.#runner.run(
          () => Effect.map(waitFor(wait), ({ downloadFiles: _download, ...files }) => files),
          Wait.callOptions(waitOptions)
        )
      }
    }
  }

  /** Submits a special-effects video; its `wait()` gives the video URLs. */
  async videoEffect(input: Agents.VideoEffectInput, options?: RequestOptions): Promise<VideoEffectTask> {
    const task = await this.#runner.run((o) => Agents.Agents.use((agents) => agents.videoEffect(input, o)), options)
    const { poll, waitFor, ...rest } = task
    return {
      ...rest,
      retrieve: (retrieveOptions) => this.#runner.run(() => poll, retrieveOptions),
      wait: (waitOptions) => {
        const wait = Wait.waitOptions(waitOptions)
        return this.#runner.run(
          () => Effect.map(waitFor(wait), ({ downloadFiles: _download, ...result }) => result),
          Wait.callOptions(waitOptions)
        )
      }
    }
  }
}

/**
 * `zai.assistant`.
 *
 * @since 0.1.0
 */
export class AssistantResource {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** Runs an assistant; with `stream: true`, a stream of its answers as they grow. */
  run(
    params: AssistantSchemas.AssistantRequest & { readonly stream: true },
    options?: RequestOptions
  ): Promise<ZaiStream<AssistantSchemas.AssistantCompletion>>
  run(
    params: AssistantSchemas.AssistantRequest & { readonly stream?: false | undefined },
    options?: RequestOptions
  ): Promise<AssistantSchemas.AssistantCompletion>
  run(
    params: AssistantSchemas.AssistantRequest,
    options?: RequestOptions
  ): Promise<AssistantSchemas.AssistantCompletion | ZaiStream<AssistantSchemas.AssistantCompletion>> {
    const { stream, ...rest } = params
    if (stream === true) {
      return this.#runner.stream(
        (o) => Stream.unwrap(Assistant.Assistant.use((assistant) => Effect.succeed(assistant.runStream(rest, o)))),
        options,
        (source) => new ZaiStream(source)
      )
    }
    return this.#runner.run((o) => Assistant.Assistant.use((assistant) => assistant.run(rest, o)), options)
  }

  /** The assistants available (all, or the ids asked for). */
  list(
    params?: AssistantSchemas.AssistantListRequest,
    options?: RequestOptions
  ): Promise<ReadonlyArray<AssistantSchemas.AssistantSupport>> {
    return this.#runner.run((o) => Assistant.Assistant.use((assistant) => assistant.list(params, o)), options)
  }

  /** Awaited: the first page of an assistant's conversations; iterated: every one of every page. */
  conversations(
    params: AssistantSchemas.ConversationListRequest,
    options?: RequestOptions
  ): PagePromise<AssistantSchemas.ConversationUsageList, AssistantSchemas.ConversationUsage> {
    return this.#runner.page(
      (o) => Assistant.Assistant.use((assistant) => assistant.conversationsPage(params, o)),
      (o) =>
        Stream.unwrap(
          Assistant.Assistant.use((assistant) =>
            Effect.succeed(assistant.conversations(params, o === undefined ? undefined : { requestOptions: o }))
          )
        ),
      options
    )
  }
}
