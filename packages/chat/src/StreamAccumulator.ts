/**
 * Folds the chunks of a streamed chat completion into a complete `ChatCompletion`.
 *
 * The fold is a pure `Accumulator` (`initial`, `add(state, chunk)`, `finish(state)`), so a UI can render the partial
 * state after every chunk (`scan`), and `accumulate` runs it over a whole `Stream`. It joins content and
 * `reasoning_content` fragments, joins tool-call argument fragments by `index` (the first fragment carries
 * `id`/`name`, later ones only argument text; whole tool calls are accepted too), keeps the top-level `web_search`
 * results wherever they arrive, the last `usage`, and the last finish reason of every choice. `null` fields and
 * `choices: null` are ignored.
 *
 * @since 0.1.0
 */
import type { ChatCompletions } from "@zai-kit/schema"
import { Effect, Stream } from "effect"

/**
 * A tool call being assembled from fragments.
 *
 * @since 0.1.0
 */
export interface ToolCallState {
  /** Position of the call in the choice (`index` on the wire). */
  readonly index: number
  /** Call id, from the first fragment that carried one. */
  readonly id: string | undefined
  /** Call type (normally `function`). */
  readonly type: string | undefined
  /** Function name, from the first fragment that carried one. */
  readonly name: string | undefined
  /** The argument text received so far (a JSON string once complete). */
  readonly arguments: string
}

/**
 * One choice being assembled.
 *
 * @since 0.1.0
 */
export interface ChoiceState {
  /** Choice index. */
  readonly index: number
  /** Role announced by the deltas (normally `assistant`). */
  readonly role: string | undefined
  /** Content received so far. */
  readonly content: string
  /** Reasoning (`reasoning_content`) received so far. */
  readonly reasoningContent: string
  /** Tool calls received so far, ordered by index. */
  readonly toolCalls: ReadonlyArray<ToolCallState>
  /** The finish reason, once a chunk carried one. */
  readonly finishReason: ChatCompletions.FinishReason | undefined
}

/**
 * The partial state of a streamed completion. Immutable: `add` returns a new state.
 *
 * @since 0.1.0
 */
export interface Accumulator {
  /** Completion id (first chunk that carried one). */
  readonly id: string | undefined
  /** Request id (first chunk that carried one). */
  readonly requestId: string | undefined
  /** Creation time, Unix seconds (first chunk that carried one). */
  readonly created: number | undefined
  /** Model id (first chunk that carried one). */
  readonly model: string | undefined
  /** Choices received so far, ordered by index. */
  readonly choices: ReadonlyArray<ChoiceState>
  /** Token usage (the last chunk that carried it; normally the final chunk). */
  readonly usage: ChatCompletions.Usage | undefined
  /** Top-level web search results (they may arrive before or after the content). */
  readonly webSearch: ReadonlyArray<ChatCompletions.WebSearchResult> | undefined
  /** Number of chunks folded in. */
  readonly chunks: number
}

/**
 * The empty state, before any chunk.
 *
 * @since 0.1.0
 */
export const initial: Accumulator = {
  id: undefined,
  requestId: undefined,
  created: undefined,
  model: undefined,
  choices: [],
  usage: undefined,
  webSearch: undefined,
  chunks: 0
}

const emptyChoice = (index: number): ChoiceState => ({
  index,
  role: undefined,
  content: "",
  reasoningContent: "",
  toolCalls: [],
  finishReason: undefined
})

const orElse = <A>(current: A | undefined, next: A | null | undefined): A | undefined =>
  current !== undefined ? current : next ?? undefined

const argumentsText = (value: ChatCompletions.ChatCompletionToolCallFunction["arguments"]): string | undefined =>
  value === undefined || value === null ? undefined : typeof value === "string" ? value : JSON.stringify(value)

const byIndex = <A extends { readonly index: number }>(items: ReadonlyArray<A>): ReadonlyArray<A> =>
  [...items].sort((a, b) => a.index - b.index)

const nextIndex = (calls: ReadonlyArray<ToolCallState>): number =>
  calls.reduce((max, call) => Math.max(max, call.index + 1), 0)

/** Folds one tool-call fragment (or whole tool call) into the calls of a choice. */
const addToolCall = (
  calls: ReadonlyArray<ToolCallState>,
  fragment: ChatCompletions.ChatCompletionToolCall
): ReadonlyArray<ToolCallState> => {
  const id = fragment.id ?? undefined
  const name = fragment.function?.name ?? undefined
  const args = argumentsText(fragment.function?.arguments)
  const wireIndex = typeof fragment.index === "number" ? fragment.index : undefined
  // Which call this fragment continues: the one at its index, unless that one already has another id (some servers
  // send every whole call with index 0); without an index, the call with the same id.
  let position = -1
  if (wireIndex !== undefined) {
    position = calls.findIndex((c) => c.index === wireIndex)
    const existing = calls[position]
    if (existing !== undefined && id !== undefined && id !== "" && existing.id !== undefined && existing.id !== id) {
      position = -1
    }
  } else if (id !== undefined) {
    position = calls.findIndex((c) => c.id === id)
  }
  const existing = calls[position]
  if (existing === undefined) {
    const index =
      wireIndex !== undefined && !calls.some((c) => c.index === wireIndex) ? wireIndex : nextIndex(calls)
    const created: ToolCallState = {
      index,
      id: id === "" ? undefined : id,
      type: fragment.type ?? undefined,
      name: name === "" ? undefined : name,
      arguments: args ?? ""
    }
    return byIndex([...calls, created])
  }
  const updated: ToolCallState = {
    index: existing.index,
    id: existing.id ?? (id === "" ? undefined : id),
    type: existing.type ?? fragment.type ?? undefined,
    name: existing.name ?? (name === "" ? undefined : name),
    // An object `arguments` is a whole value: it replaces the text instead of extending it.
    arguments:
      args === undefined
        ? existing.arguments
        : typeof fragment.function?.arguments === "string"
          ? existing.arguments + args
          : args
  }
  return calls.map((c, i) => (i === position ? updated : c))
}

const addChoice = (choice: ChoiceState, part: ChatCompletions.ChatCompletionChunkChoice): ChoiceState => {
  const delta = part.delta ?? undefined
  let toolCalls = choice.toolCalls
  for (const fragment of delta?.tool_calls ?? []) toolCalls = addToolCall(toolCalls, fragment)
  return {
    index: choice.index,
    role: orElse(choice.role, delta?.role),
    content: choice.content + (delta?.content ?? ""),
    reasoningContent: choice.reasoningContent + (delta?.reasoning_content ?? ""),
    toolCalls,
    finishReason: part.finish_reason ?? choice.finishReason
  }
}

/**
 * Folds one chunk into the state. Pure: the given state is left untouched.
 *
 * @since 0.1.0
 */
export const add = (state: Accumulator, chunk: ChatCompletions.ChatCompletionChunk): Accumulator => {
  let choices = state.choices
  for (const part of chunk.choices ?? []) {
    const index = typeof part.index === "number" ? part.index : 0
    const position = choices.findIndex((c) => c.index === index)
    const current = choices[position] ?? emptyChoice(index)
    const next = addChoice(current, part)
    choices = position === -1 ? byIndex([...choices, next]) : choices.map((c, i) => (i === position ? next : c))
  }
  const webSearch = chunk.web_search !== undefined && chunk.web_search !== null && chunk.web_search.length > 0
    ? chunk.web_search
    : state.webSearch
  return {
    id: orElse(state.id, chunk.id),
    requestId: orElse(state.requestId, chunk.request_id),
    created: orElse(state.created, chunk.created),
    model: orElse(state.model, chunk.model),
    choices,
    usage: chunk.usage ?? state.usage,
    webSearch,
    chunks: state.chunks + 1
  }
}

/**
 * Folds many chunks, in order.
 *
 * @since 0.1.0
 */
export const addAll = (state: Accumulator, chunks: Iterable<ChatCompletions.ChatCompletionChunk>): Accumulator => {
  let out = state
  for (const chunk of chunks) out = add(out, chunk)
  return out
}

/**
 * The tool calls of a state in the wire shape of a completion message.
 *
 * @since 0.1.0
 */
export const toolCallsOf = (choice: ChoiceState): ReadonlyArray<ChatCompletions.ChatCompletionToolCall> =>
  choice.toolCalls.map((call) => ({
    index: call.index,
    id: call.id ?? `call_${call.index}`,
    type: call.type ?? "function",
    function: { name: call.name ?? "", arguments: call.arguments }
  }))

/**
 * The completion the state amounts to, in the shape of a non-streamed `ChatCompletion`: each choice gets a message
 * `{ role, content, reasoning_content?, tool_calls? }`; `usage` and `web_search` are set when they arrived.
 * May be called on a partial state.
 *
 * @since 0.1.0
 */
export const finish = (state: Accumulator): ChatCompletions.ChatCompletion => ({
  ...(state.id === undefined ? {} : { id: state.id }),
  ...(state.requestId === undefined ? {} : { request_id: state.requestId }),
  ...(state.created === undefined ? {} : { created: state.created }),
  ...(state.model === undefined ? {} : { model: state.model }),
  object: "chat.completion",
  choices: state.choices.map((choice) => ({
    index: choice.index,
    finish_reason: choice.finishReason ?? null,
    message: {
      role: choice.role ?? "assistant",
      content: choice.content,
      ...(choice.reasoningContent === "" ? {} : { reasoning_content: choice.reasoningContent }),
      ...(choice.toolCalls.length === 0 ? {} : { tool_calls: toolCallsOf(choice) })
    }
  })),
  ...(state.usage === undefined ? {} : { usage: state.usage }),
  ...(state.webSearch === undefined ? {} : { web_search: state.webSearch })
})

/**
 * The running state after each chunk of a stream (for live display); the last element is the final state.
 *
 * @since 0.1.0
 */
export const scan = <E, R>(
  chunks: Stream.Stream<ChatCompletions.ChatCompletionChunk, E, R>
): Stream.Stream<Accumulator, E, R> => chunks.pipe(Stream.scan(() => initial, add), Stream.drop(1))

/**
 * Runs a chunk stream to its end and returns the complete completion.
 *
 * @since 0.1.0
 */
export const accumulate = <E, R>(
  chunks: Stream.Stream<ChatCompletions.ChatCompletionChunk, E, R>
): Effect.Effect<ChatCompletions.ChatCompletion, E, R> =>
  chunks.pipe(Stream.runFold(() => initial, add), Effect.map(finish))
