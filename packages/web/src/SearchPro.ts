/**
 * Readers of web-search-pro (`POST /tools`) answers. The API wraps its results in tool calls (one of type
 * `search_intent`, one `search_result`, one `search_recommend`, each payload an array or a single object); these
 * functions flatten a whole answer, or the chunks of a stream, into plain lists.
 *
 * @since 0.1.0
 */
import type { WebSearch } from "@zai-kit/schema"
import { Effect, Stream } from "effect"

/**
 * The flattened content of a web-search-pro answer.
 *
 * @since 0.1.0
 */
export interface Collected {
  /** The recognised intents (rewritten query, intent, keywords). */
  readonly intents: ReadonlyArray<WebSearch.SearchIntent>
  /** The search results, in order. */
  readonly results: ReadonlyArray<WebSearch.SearchResult>
  /** Recommended follow-up queries. */
  readonly recommendations: ReadonlyArray<WebSearch.SearchRecommend>
}

/**
 * Nothing collected yet.
 *
 * @since 0.1.0
 */
export const empty: Collected = { intents: [], results: [], recommendations: [] }

const many = <A>(value: ReadonlyArray<A> | A | null | undefined): ReadonlyArray<A> =>
  value === null || value === undefined ? [] : Array.isArray(value) ? value : [value as A]

/**
 * Adds the payloads of some tool calls (from a message or a stream delta).
 *
 * @since 0.1.0
 */
export const addToolCalls = (
  collected: Collected,
  calls: ReadonlyArray<WebSearch.WebSearchProToolCall> | null | undefined
): Collected => {
  let { intents, results, recommendations } = collected
  for (const call of calls ?? []) {
    intents = [...intents, ...many(call.search_intent)]
    results = [...results, ...many(call.search_result)]
    recommendations = [...recommendations, ...many(call.search_recommend)]
  }
  return { intents, results, recommendations }
}

/**
 * Flattens a non-streamed answer (every choice's `message.tool_calls`).
 *
 * @since 0.1.0
 */
export const collect = (response: WebSearch.WebSearchProResponse): Collected =>
  (response.choices ?? []).reduce((acc, choice) => addToolCalls(acc, choice.message?.tool_calls), empty)

/**
 * Flattens the chunks of a stream (every choice's `delta.tool_calls`).
 *
 * @since 0.1.0
 */
export const collectChunks = (chunks: Iterable<WebSearch.WebSearchProChunk>): Collected => {
  let acc = empty
  for (const chunk of chunks) for (const choice of chunk.choices ?? []) acc = addToolCalls(acc, choice.delta?.tool_calls)
  return acc
}

/**
 * Runs a web-search-pro stream to its end and flattens it.
 *
 * @since 0.1.0
 */
export const accumulate = <E, R>(stream: Stream.Stream<WebSearch.WebSearchProChunk, E, R>): Effect.Effect<Collected, E, R> =>
  Effect.map(Stream.runCollect(stream), collectChunks)
