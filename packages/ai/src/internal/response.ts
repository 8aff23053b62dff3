/**
 * Response conversion: GLM completions and stream chunks into effect's encoded response parts.
 * @internal
 */
import { StructuredOutput } from "@zai-kit/chat"
import type { ChatCompletions } from "@zai-kit/schema"
import { Effect, Stream } from "effect"
import { AiError, type Response, Tool } from "effect/ai"

/** Maps GLM's finish reason; a `stop` with tool calls counts as `tool-calls`. */
export const finishReason = (
  reason: string | null | undefined,
  hasToolCalls: boolean
): Response.FinishReason => {
  switch (reason) {
    case "stop":
      return hasToolCalls ? "tool-calls" : "stop"
    case "tool_calls":
      return "tool-calls"
    case "length":
    case "model_context_window_exceeded":
      return "length"
    case "sensitive":
      return "content-filter"
    case "network_error":
      return "error"
    case null:
    case undefined:
      return hasToolCalls ? "tool-calls" : "unknown"
    default:
      return "other"
  }
}

/** GLM usage as effect's `Usage` (cached prompt tokens as `cacheRead`, reasoning tokens apart from text). */
export const usage = (u: ChatCompletions.Usage | null | undefined): typeof Response.Usage.Encoded => {
  const prompt = u?.prompt_tokens ?? undefined
  const cached = u?.prompt_tokens_details?.cached_tokens ?? undefined
  const completion = u?.completion_tokens ?? undefined
  const reasoning = u?.completion_tokens_details?.reasoning_tokens ?? undefined
  return {
    inputTokens: {
      ...(prompt === undefined ? {} : { total: prompt }),
      ...(cached === undefined ? {} : { cacheRead: cached }),
      ...(prompt === undefined ? {} : { uncached: prompt - (cached ?? 0) })
    },
    outputTokens: {
      ...(completion === undefined ? {} : { total: completion }),
      ...(reasoning === undefined ? {} : { reasoning }),
      ...(completion === undefined ? {} : { text: completion - (reasoning ?? 0) })
    }
  }
}

const timestamp = (created: number | null | undefined): string | undefined =>
  created === null || created === undefined ? undefined : new Date(created * 1000).toISOString()

/** Z.ai details of a response, as `metadata.zai` of the finish part. */
export interface FinishMetadata {
  readonly requestId?: string
  readonly finishReason?: string
}

declare module "effect/ai/Response" {
  /** The request id and GLM's own finish reason. */
  export interface FinishPartMetadata {
    readonly zai?: FinishMetadata | null
  }
}

const finishMetadata = (requestId: string | null | undefined, reason: string | null | undefined) => {
  const zai: FinishMetadata = {
    ...(requestId === null || requestId === undefined ? {} : { requestId }),
    ...(reason === null || reason === undefined ? {} : { finishReason: reason })
  }
  return { zai: { ...zai } }
}

const metadataPart = (
  c: { readonly id?: string | null; readonly model?: string | null; readonly created?: number | null }
): Response.ResponseMetadataPartEncoded => {
  const time = timestamp(c.created)
  return {
    type: "response-metadata",
    ...(c.id === null || c.id === undefined ? {} : { id: c.id }),
    ...(c.model === null || c.model === undefined ? {} : { modelId: c.model }),
    ...(time === undefined ? {} : { timestamp: time })
  }
}

const sourceParts = (
  results: ReadonlyArray<ChatCompletions.WebSearchResult> | null | undefined,
  seen: Set<string>
): Array<Response.UrlSourcePartEncoded> => {
  const out: Array<Response.UrlSourcePartEncoded> = []
  for (const [i, r] of (results ?? []).entries()) {
    const url = r.link ?? undefined
    if (url === undefined || url === "" || seen.has(url)) continue
    seen.add(url)
    out.push({ type: "source", sourceType: "url", id: r.refer ?? `ref_${i + 1}`, url, title: r.title ?? url })
  }
  return out
}

/** Parses tool arguments (JSON text, or an object some models send as is); empty text is `{}`. */
export const parseArguments = (
  args: string | Readonly<Record<string, unknown>> | null | undefined,
  toolName: string,
  method: string
): Effect.Effect<unknown, AiError.AiError> => {
  if (args !== null && typeof args === "object") return Effect.succeed(args)
  const text = args === null || args === undefined || args.trim() === "" ? "{}" : args
  return Effect.try({
    try: () => Tool.unsafeSecureJsonParse(text),
    catch: (cause) =>
      AiError.make({
        module: "ZaiLanguageModel",
        method,
        reason: new AiError.ToolParameterValidationError({
          toolName,
          description: `the arguments of ${toolName} are not JSON (${cause instanceof Error ? cause.message : String(cause)}): ${text}`
        })
      })
  })
}

/** Options shared by both conversions. */
export interface ConvertOptions {
  /** The tool name effect knows for the name the model used. */
  readonly customName: (providerName: string) => string
  /** `true` when a JSON object was asked for: the text is reduced to its JSON (fences and prose dropped). */
  readonly json: boolean
}

/** The parts of a whole completion. */
export const fromCompletion = (
  completion: ChatCompletions.ChatCompletion,
  options: ConvertOptions
): Effect.Effect<Array<Response.PartEncoded>, AiError.AiError> =>
  Effect.gen(function*() {
  const parts: Array<Response.PartEncoded> = [metadataPart(completion)]
  const choice = completion.choices?.[0]
  const message = choice?.message
  const reasoning = message?.reasoning_content ?? ""
  if (reasoning !== "") parts.push({ type: "reasoning", text: reasoning })
  const content = message?.content ?? ""
  if (content !== "") parts.push({ type: "text", text: options.json ? StructuredOutput.extractJson(content) : content })
  let hasToolCalls = false
  for (const [index, call] of (message?.tool_calls ?? []).entries()) {
    const name = options.customName(call.function?.name ?? "unknown_tool")
    const params = yield* parseArguments(call.function?.arguments, name, "generateText")
    hasToolCalls = true
    parts.push({ type: "tool-call", id: call.id ?? `${completion.id ?? "call"}_${index}`, name, params })
  }
  parts.push(...sourceParts(completion.web_search, new Set()))
  parts.push({
    type: "finish",
    reason: finishReason(choice?.finish_reason, hasToolCalls),
    usage: usage(completion.usage),
    metadata: finishMetadata(completion.request_id, choice?.finish_reason)
  })
  return parts
  })

interface ActiveCall {
  readonly id: string
  name: string
  args: string
}

/**
 * The stream parts of a chunk stream: text and reasoning as start / delta / end, tool-call arguments as
 * `tool-params-*` then a whole `tool-call` at the end, web search results as sources, and a final `finish`.
 * With `json`, the text is buffered and sent once at the end, reduced to its JSON.
 */
export const fromChunks = <E>(
  chunks: Stream.Stream<ChatCompletions.ChatCompletionChunk, E>,
  options: ConvertOptions
): Stream.Stream<Response.StreamPartEncoded, E | AiError.AiError> =>
  Stream.suspend(() => {
    let metadataSent = false
    let textOpen = false
    let reasoningOpen = false
    let jsonText = ""
    let baseId = "glm"
    let lastReason: string | null | undefined
    let requestId: string | null | undefined
    let lastUsage: ChatCompletions.Usage | null | undefined
    const seenSources = new Set<string>()
    const calls = new Map<number, ActiveCall>()

    const closeReasoning = (parts: Array<Response.StreamPartEncoded>) => {
      if (reasoningOpen) {
        reasoningOpen = false
        parts.push({ type: "reasoning-end", id: `${baseId}_reasoning` })
      }
    }

    const onChunk = (chunk: ChatCompletions.ChatCompletionChunk): Array<Response.StreamPartEncoded> => {
      const parts: Array<Response.StreamPartEncoded> = []
      if (!metadataSent) {
        metadataSent = true
        baseId = chunk.id ?? baseId
        parts.push(metadataPart(chunk))
      }
      requestId = chunk.request_id ?? requestId
      if (chunk.usage !== null && chunk.usage !== undefined) lastUsage = chunk.usage
      parts.push(...sourceParts(chunk.web_search, seenSources))
      const choice = chunk.choices?.[0]
      if (choice === undefined) return parts
      if (choice.finish_reason !== null && choice.finish_reason !== undefined) lastReason = choice.finish_reason
      const delta = choice.delta
      const reasoning = delta?.reasoning_content ?? ""
      if (reasoning !== "") {
        if (!reasoningOpen) {
          reasoningOpen = true
          parts.push({ type: "reasoning-start", id: `${baseId}_reasoning` })
        }
        parts.push({ type: "reasoning-delta", id: `${baseId}_reasoning`, delta: reasoning })
      }
      const content = delta?.content ?? ""
      if (content !== "") {
        closeReasoning(parts)
        if (options.json) {
          jsonText += content
        } else {
          if (!textOpen) {
            textOpen = true
            parts.push({ type: "text-start", id: `${baseId}_text` })
          }
          parts.push({ type: "text-delta", id: `${baseId}_text`, delta: content })
        }
      }
      for (const [position, call] of (delta?.tool_calls ?? []).entries()) {
        closeReasoning(parts)
        const index = call.index ?? position
        const fragment = call.function?.arguments
        const text = fragment === null || fragment === undefined
          ? ""
          : typeof fragment === "string"
          ? fragment
          : JSON.stringify(fragment)
        const active = calls.get(index)
        if (active === undefined) {
          const id = call.id ?? `${baseId}_call_${index}`
          const name = options.customName(call.function?.name ?? "unknown_tool")
          calls.set(index, { id, name, args: text })
          parts.push({ type: "tool-params-start", id, name })
        } else {
          if (call.function?.name !== null && call.function?.name !== undefined) {
            active.name = options.customName(call.function.name)
          }
          active.args += text
        }
        if (text !== "") parts.push({ type: "tool-params-delta", id: calls.get(index)?.id ?? "", delta: text })
      }
      return parts
    }

    const finish = Effect.gen(function*() {
      const parts: Array<Response.StreamPartEncoded> = []
      closeReasoning(parts)
      if (options.json && jsonText !== "") {
        const id = `${baseId}_text`
        parts.push({ type: "text-start", id })
        parts.push({ type: "text-delta", id, delta: StructuredOutput.extractJson(jsonText) })
        parts.push({ type: "text-end", id })
      }
      if (textOpen) parts.push({ type: "text-end", id: `${baseId}_text` })
      for (const call of calls.values()) {
        const params = yield* parseArguments(call.args, call.name, "streamText")
        parts.push({ type: "tool-params-end", id: call.id })
        parts.push({ type: "tool-call", id: call.id, name: call.name, params })
      }
      parts.push({
        type: "finish",
        reason: finishReason(lastReason, calls.size > 0),
        usage: usage(lastUsage),
        metadata: finishMetadata(requestId, lastReason)
      })
      return parts
    })

    return chunks.pipe(
      Stream.map(onChunk),
      Stream.concat(Stream.fromEffect(finish)),
      Stream.flattenIterable
    )
  })
