/**
 * Readers of a `ChatCompletion` (streamed-and-accumulated or not): the answer text, the reasoning, the tool calls,
 * the finish reason, and the assistant message to append to the conversation.
 *
 * @since 0.1.0
 */
import type { ChatCompletions } from "@zai-kit/schema"
import type { ToolCallRequest } from "./Tool.js"

/**
 * The first choice of a completion (the API returns one), if any.
 *
 * @since 0.1.0
 */
export const firstChoice = (
  completion: ChatCompletions.ChatCompletion
): ChatCompletions.ChatCompletionChoice | undefined => completion.choices?.[0]

/**
 * The answer text of the first choice (`""` when there is none).
 *
 * @since 0.1.0
 */
export const text = (completion: ChatCompletions.ChatCompletion): string =>
  firstChoice(completion)?.message?.content ?? ""

/**
 * The reasoning (`reasoning_content`) of the first choice, when the model thought aloud.
 *
 * @since 0.1.0
 */
export const reasoning = (completion: ChatCompletions.ChatCompletion): string | undefined =>
  firstChoice(completion)?.message?.reasoning_content ?? undefined

/**
 * Why the first choice stopped (`stop`, `tool_calls`, `length`, `sensitive`, ...), when known.
 *
 * @since 0.1.0
 */
export const finishReason = (completion: ChatCompletions.ChatCompletion): ChatCompletions.FinishReason | undefined =>
  firstChoice(completion)?.finish_reason ?? undefined

/**
 * The function calls the first choice asks for (calls of other types, run by the platform itself, are left out).
 * Object-valued `arguments` are rendered as JSON text.
 *
 * @since 0.1.0
 */
export const toolCalls = (completion: ChatCompletions.ChatCompletion): ReadonlyArray<ToolCallRequest> => {
  const calls = firstChoice(completion)?.message?.tool_calls ?? []
  const out: Array<ToolCallRequest> = []
  calls.forEach((call, position) => {
    if (call.type !== undefined && call.type !== null && call.type !== "function") return
    const args = call.function?.arguments
    out.push({
      id: call.id ?? `call_${call.index ?? position}`,
      name: call.function?.name ?? "",
      arguments: args === undefined || args === null ? "" : typeof args === "string" ? args : JSON.stringify(args)
    })
  })
  return out
}

/**
 * The assistant message to append to the conversation before the next turn: its content, its reasoning (needed
 * when `thinking.clear_thinking` is `false`) and its tool calls.
 *
 * @since 0.1.0
 */
export const assistantMessage = (completion: ChatCompletions.ChatCompletion): ChatCompletions.AssistantMessage => {
  const message = firstChoice(completion)?.message
  const reasoningContent = message?.reasoning_content ?? undefined
  const calls = message?.tool_calls ?? []
  const wireCalls: Array<ChatCompletions.ToolCall> = calls.map((call, position) => {
    const args = call.function?.arguments
    return {
      id: call.id ?? `call_${call.index ?? position}`,
      type: call.type ?? "function",
      ...(call.function === undefined || call.function === null
        ? {}
        : {
            function: {
              name: call.function.name ?? "",
              arguments: args === undefined || args === null ? "" : typeof args === "string" ? args : JSON.stringify(args)
            }
          })
    }
  })
  return {
    role: "assistant",
    content: message?.content ?? (wireCalls.length > 0 ? null : ""),
    ...(reasoningContent === undefined || reasoningContent === "" ? {} : { reasoning_content: reasoningContent }),
    ...(wireCalls.length === 0 ? {} : { tool_calls: wireCalls })
  }
}

/**
 * Token usage summed over several completions (a tool loop's steps); fields no completion reported stay absent.
 *
 * @since 0.1.0
 */
export const sumUsage = (completions: ReadonlyArray<ChatCompletions.ChatCompletion>): ChatCompletions.Usage => {
  const total = (key: "prompt_tokens" | "completion_tokens" | "total_tokens"): number | undefined => {
    let sum: number | undefined
    for (const completion of completions) {
      const value = completion.usage?.[key]
      if (typeof value === "number") sum = (sum ?? 0) + value
    }
    return sum
  }
  const prompt = total("prompt_tokens")
  const completion = total("completion_tokens")
  const all = total("total_tokens")
  return {
    ...(prompt === undefined ? {} : { prompt_tokens: prompt }),
    ...(completion === undefined ? {} : { completion_tokens: completion }),
    ...(all === undefined ? {} : { total_tokens: all })
  }
}
