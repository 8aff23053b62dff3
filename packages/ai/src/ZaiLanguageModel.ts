/**
 * A `LanguageModel` of `effect/ai` on Z.ai GLM models, over the `Chat` service of `@zai-kit/chat`: code written
 * against Effect's AI interfaces (`LanguageModel.generateText`, `streamText`, `generateObject`, `Toolkit`s, `Chat`)
 * runs on GLM unchanged.
 *
 * ```ts
 * const program = LanguageModel.generateText({ prompt: "Hello" }).pipe(
 *   Effect.provide(ZaiLanguageModel.model("glm-4.6", { temperature: 0.2 }))
 * ) // needs Chat.Chat
 * ```
 *
 * What maps to what:
 * - prompt: system, user (text; files as content parts: images by URL, bytes or base64 as `image_url`, wav/mp3
 *   audio as `input_audio`, videos and documents by http(s) URL as `video_url` / `file_url`), assistant (text,
 *   reasoning as `reasoning_content`, tool calls) and tool results (`tool` messages);
 * - tools: user-defined and dynamic tools as `function` tools (JSON Schema of their parameters). GLM documents
 *   only `tool_choice: "auto"`, so `"none"` sends no tools, `{ tool }` and `{ oneOf }` offer only those tools, and
 *   `"required"` is sent as `"auto"` (GLM cannot be forced to call a tool);
 * - structured output (`generateObject`): `response_format: json_object` plus an instruction with the JSON Schema
 *   in the system message (GLM has no `json_schema` mode); Markdown fences around the answer are dropped;
 * - answer: text, reasoning (`reasoning_content`), tool calls, web search results as URL sources, the finish
 *   reason and usage (cached and reasoning tokens included), the request id in the finish part's `metadata.zai`;
 * - errors: every `ZaiError` (and a rejected input) as an `AiError` whose reason keeps the business code, request
 *   id and status (see `ZaiAiError`).
 *
 * @since 0.1.0
 */
import { Chat } from "@zai-kit/chat"
import type { ChatCompletions } from "@zai-kit/schema"
import type { RequestOptions } from "@zai-kit/transport"
import { Context, Effect, Layer, Stream } from "effect"
import { AiError, LanguageModel, Model, Tool } from "effect/ai"
import { prepareMessages } from "./internal/prompt.js"
import { fromChunks, fromCompletion } from "./internal/response.js"
import * as ZaiAiError from "./ZaiAiError.js"

/**
 * The provider name reported through `Model.ProviderName`.
 *
 * @since 0.1.0
 */
export const providerName = "zai"

/**
 * Request settings of the model: any field of a GLM chat request except those the `LanguageModel` call decides
 * (`model`, `messages`, `tools`, `tool_choice`, `stream`, `response_format`), plus:
 * - `extraTools`: GLM's own tools (`web_search`, `retrieval`, `mcp`) sent next to the toolkit's functions;
 * - `requestOptions`: per-call transport options (headers, timeout, retries, `extraBody`, ...);
 * - `jsonInstructions`: for `generateObject`, `true` (default) adds the JSON Schema to the system message, a string
 *   adds that text instead, `false` nothing.
 *
 * @since 0.1.0
 */
export type ConfigShape =
  & Partial<
    Omit<
      ChatCompletions.ChatCompletionRequest,
      "model" | "messages" | "tools" | "tool_choice" | "stream" | "response_format"
    >
  >
  & {
    readonly extraTools?: ReadonlyArray<ChatCompletions.WebSearchTool | ChatCompletions.RetrievalTool | ChatCompletions.McpTool>
    readonly requestOptions?: RequestOptions.RequestOptions
    readonly jsonInstructions?: boolean | string
  }

/**
 * Settings in the context, merged over (and winning against) those given to `model` / `layer`; see
 * `withConfigOverride`.
 *
 * @since 0.1.0
 */
export class Config extends Context.Service<Config, ConfigShape>()("@zai-kit/ai/ZaiLanguageModel/Config") {}

/**
 * Runs `self` with `overrides` merged over the settings already in the context.
 *
 * @since 0.1.0
 */
export const withConfigOverride =
  (overrides: ConfigShape) => <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, Exclude<R, Config>> =>
    Effect.flatMap(Effect.serviceOption(Config), (current) =>
      Effect.provideService(self, Config, { ...(current._tag === "Some" ? current.value : {}), ...overrides }))

const jsonInstruction = (
  options: LanguageModel.ProviderOptions,
  config: ConfigShape
): string | undefined => {
  if (options.responseFormat.type !== "json") return undefined
  const setting = config.jsonInstructions ?? true
  if (setting === false) return undefined
  if (typeof setting === "string") return setting
  const schema = JSON.stringify(Tool.getJsonSchemaFromSchema(options.responseFormat.schema))
  return `Answer with a single JSON object named "${options.responseFormat.objectName}", and nothing else, that matches this JSON Schema:\n${schema}`
}

const withSystemText = (
  messages: Array<ChatCompletions.Message>,
  text: string
): Array<ChatCompletions.Message> => {
  const first = messages[0]
  if (first !== undefined && first.role === "system") {
    return [{ role: "system", content: `${first.content}\n\n${text}` }, ...messages.slice(1)]
  }
  return [{ role: "system", content: text }, ...messages]
}

const unsupportedTool = (name: string): AiError.AiError =>
  AiError.make({
    module: "ZaiLanguageModel",
    method: "prepareTools",
    reason: new AiError.InvalidRequestError({
      parameter: `toolkit.${name}`,
      description:
        `provider-defined tool "${name}" is not a GLM tool; give GLM's own tools (web_search, retrieval, mcp) in the model config's extraTools`
    })
  })

const prepareTools = Effect.fnUntraced(function*(
  options: LanguageModel.ProviderOptions,
  config: ConfigShape
): Effect.fn.Return<
  { readonly tools?: Array<ChatCompletions.Tool>; readonly tool_choice?: "auto" },
  AiError.AiError
> {
  const extra = config.extraTools ?? []
  const choice = options.toolChoice
  let allowed = choice === "none" ? [] : options.tools
  if (typeof choice === "object") {
    const names = new Set("tool" in choice ? [choice.tool] : choice.oneOf)
    allowed = allowed.filter((tool) => names.has(tool.name))
  }
  const tools: Array<ChatCompletions.Tool> = []
  for (const tool of allowed) {
    if (Tool.isProviderDefined(tool)) return yield* unsupportedTool(tool.name)
    const parameters = yield* Effect.try({
      try: () => Tool.getJsonSchema(tool),
      catch: (error) =>
        AiError.make({
          module: "ZaiLanguageModel",
          method: "prepareTools",
          reason: new AiError.UnsupportedSchemaError({
            description: `tool ${tool.name}: ${error instanceof Error ? error.message : String(error)}`
          })
        })
    })
    const description = Tool.getDescription(tool)
    tools.push({
      type: "function",
      function: {
        name: tool.name,
        ...(description === undefined ? {} : { description }),
        parameters: { ...parameters }
      }
    })
  }
  tools.push(...extra)
  return tools.length === 0 ? {} : { tools, tool_choice: "auto" }
})

/**
 * Builds the `LanguageModel` service for `model` on the `Chat` service of the context.
 *
 * @since 0.1.0
 */
export const make = Effect.fnUntraced(function*(options: {
  readonly model: string
  readonly config?: ConfigShape | undefined
}): Effect.fn.Return<LanguageModel.LanguageModel, never, Chat.Chat> {
  const chat = yield* Chat.Chat
  const configOf = Effect.map(Effect.serviceOption(Config), (context): ConfigShape => ({
    ...options.config,
    ...(context._tag === "Some" ? context.value : {})
  }))

  const makeRequest = Effect.fnUntraced(function*(
    providerOptions: LanguageModel.ProviderOptions
  ): Effect.fn.Return<
    { readonly request: ChatCompletions.ChatCompletionRequest; readonly config: ConfigShape },
    AiError.AiError
  > {
    const config = yield* configOf
    const mapper = new Tool.NameMapper(providerOptions.tools)
    const messages = yield* prepareMessages(providerOptions.prompt, (name) => mapper.getProviderName(name))
    const instruction = jsonInstruction(providerOptions, config)
    const tools = yield* prepareTools(providerOptions, config)
    const { extraTools: _extra, requestOptions: _requestOptions, jsonInstructions: _json, ...fields } = config
    const request: ChatCompletions.ChatCompletionRequest = {
      ...fields,
      model: options.model,
      messages: instruction === undefined ? messages : withSystemText(messages, instruction),
      ...tools,
      ...(providerOptions.responseFormat.type === "json" ? { response_format: { type: "json_object" } } : {})
    }
    // The GenAI semantic-convention attributes `Telemetry.addGenAIAnnotations` would set, with the keys spelled out
    // (it converts every key from camelCase on each call).
    const span = providerOptions.span
    span.attribute("gen_ai.provider.name", providerName)
    span.attribute("gen_ai.operation.name", "chat")
    span.attribute("gen_ai.request.model", options.model)
    if (request.temperature !== undefined) span.attribute("gen_ai.request.temperature", request.temperature)
    if (request.top_p !== undefined) span.attribute("gen_ai.request.top_p", request.top_p)
    if (request.max_tokens !== undefined) span.attribute("gen_ai.request.max_tokens", request.max_tokens)
    return { request, config }
  })

  const convertOptions = (providerOptions: LanguageModel.ProviderOptions) => {
    const mapper = new Tool.NameMapper(providerOptions.tools)
    return {
      customName: (name: string) => mapper.getCustomName(name),
      json: providerOptions.responseFormat.type === "json"
    }
  }

  return yield* LanguageModel.make({
    generateText: Effect.fnUntraced(function*(providerOptions) {
      const { request, config } = yield* makeRequest(providerOptions)
      const completion = yield* chat.create(request, config.requestOptions).pipe(
        Effect.mapError((error) => ZaiAiError.fromChatError(error, "generateText"))
      )
      const span = providerOptions.span
      if (completion.id !== null && completion.id !== undefined) span.attribute("gen_ai.response.id", completion.id)
      if (completion.model !== null && completion.model !== undefined) span.attribute("gen_ai.response.model", completion.model)
      const usage = completion.usage
      if (usage?.prompt_tokens !== null && usage?.prompt_tokens !== undefined) {
        span.attribute("gen_ai.usage.input_tokens", usage.prompt_tokens)
      }
      if (usage?.completion_tokens !== null && usage?.completion_tokens !== undefined) {
        span.attribute("gen_ai.usage.output_tokens", usage.completion_tokens)
      }
      return yield* fromCompletion(completion, convertOptions(providerOptions))
    }),
    streamText: (providerOptions) =>
      Stream.unwrap(
        Effect.map(makeRequest(providerOptions), ({ request, config }) =>
          fromChunks(
            chat.stream(request, config.requestOptions).pipe(
              Stream.mapError((error) => ZaiAiError.fromChatError(error, "streamText"))
            ),
            convertOptions(providerOptions)
          ))
      )
  })
})

/**
 * The `LanguageModel` layer for `model` (needs `Chat.Chat`).
 *
 * @since 0.1.0
 */
export const layer = (options: {
  readonly model: string
  readonly config?: ConfigShape | undefined
}): Layer.Layer<LanguageModel.LanguageModel, never, Chat.Chat> => Layer.effect(LanguageModel.LanguageModel, make(options))

/**
 * The model as an `effect/ai` `Model`: a layer providing `LanguageModel` plus the provider name (`"zai"`) and
 * model name, usable with `Effect.provide` and in `ExecutionPlan`s (needs `Chat.Chat`).
 *
 * @since 0.1.0
 */
export const model = (
  modelId: string,
  config?: ConfigShape
): Model.Model<typeof providerName, LanguageModel.LanguageModel, Chat.Chat> =>
  Model.make(providerName, modelId, layer({ model: modelId, config }))
