/**
 * What OpenAI clients send that Z.ai does not take, removed before validation: the `index` of tool calls echoed back
 * in assistant messages, the empty OpenAI-only fields of an echoed assistant message (`refusal`, `annotations`,
 * `audio`, `function_call` when null), and `stream_options` (Z.ai always sends `usage` on the last chunk, which is
 * what `include_usage` asks for). Everything else is validated strictly.
 */
const assistantNullable = ["refusal", "annotations", "audio", "function_call"] as const

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

const normalizeMessage = (message: unknown): unknown => {
  if (!isObject(message) || message.role !== "assistant") return message
  const out: Record<string, unknown> = { ...message }
  for (const key of assistantNullable) {
    if (out[key] === null || (key === "annotations" && Array.isArray(out[key]) && out[key].length === 0)) delete out[key]
  }
  if (Array.isArray(out.tool_calls)) {
    out.tool_calls = out.tool_calls.map((call) => {
      if (!isObject(call) || !("index" in call)) return call
      const { index: _index, ...rest } = call
      return rest
    })
  }
  return out
}

/** The chat request with the OpenAI-only echoes removed. */
export const normalizeChatRequest = (payload: Readonly<Record<string, unknown>>): Record<string, unknown> => {
  const { stream_options: _streamOptions, ...rest } = payload
  return Array.isArray(rest.messages) ? { ...rest, messages: rest.messages.map(normalizeMessage) } : rest
}
