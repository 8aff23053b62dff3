/**
 * Web search: `POST /web_search` (the search engine API) and the legacy `POST /tools` ("web-search-pro", JSON or SSE).
 * Strict request schemas with their validators (unknown keys and wrong values fail naming the field), lenient
 * response and stream-chunk schemas (unknown fields kept, `null` accepted).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { RequestId, SensitiveWordCheck, UserId } from "./ChatCompletions.js"
import { Message } from "./ChatMessages.js"
import { PayloadError, Usage } from "./ChatResponses.js"
import { makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"
import { openLiterals } from "./Models.js"

// -----------------------------------------------------------------------------
// POST /web_search
// -----------------------------------------------------------------------------

/**
 * Known search engines of `POST /web_search`: `search-prime` (Z.ai premium), `search_std`, `search_pro`,
 * `search_pro_sogou`, `search_pro_quark`.
 *
 * @since 0.1.0
 */
export const KnownSearchEngines = ["search-prime", "search_std", "search_pro", "search_pro_sogou", "search_pro_quark"] as const

/**
 * A search engine code: any string, typed with autocompletion for the known ones.
 *
 * @since 0.1.0
 */
export const SearchEngine = openLiterals(KnownSearchEngines, {
  identifier: "SearchEngine",
  description: "The search engine code, e.g. search-prime"
})

/**
 * A search engine code.
 *
 * @since 0.1.0
 */
export type SearchEngine = typeof SearchEngine.Type

/**
 * `oneDay`, `oneWeek`, `oneMonth`, `oneYear` or `noLimit` (the default).
 *
 * @since 0.1.0
 */
export const SearchRecencyFilter = Schema.Literals(["oneDay", "oneWeek", "oneMonth", "oneYear", "noLimit"]).annotate({
  identifier: "SearchRecencyFilter"
})

/**
 * A recency filter.
 *
 * @since 0.1.0
 */
export type SearchRecencyFilter = typeof SearchRecencyFilter.Type

/**
 * `medium` (400–600 characters per summary, the default) or `high` (about 2500 characters).
 *
 * @since 0.1.0
 */
export const ContentSize = Schema.Literals(["medium", "high"]).annotate({ identifier: "ContentSize" })

/**
 * A summary size.
 *
 * @since 0.1.0
 */
export type ContentSize = typeof ContentSize.Type

/**
 * The longest `search_query` accepted: 70 characters (the limit the platform documents for a query; the OpenAPI
 * document gives none, and the SDKs that validate use 70). Should the platform raise it, `RequestOptions.extraBody`
 * (merged after validation) can carry a longer query.
 *
 * @since 0.1.0
 */
export const maxSearchQueryLength = 70

/**
 * The body of `POST /web_search`: strict (see `validateWebSearchRequest`).
 *
 * @since 0.1.0
 */
export const WebSearchRequest = Schema.Struct({
  /** The search engine, e.g. `search-prime`. */
  search_engine: SearchEngine,
  /** What to search for: 1–70 characters. */
  search_query: Schema.String.check(Schema.isBetweenLength(1, maxSearchQueryLength)),
  /** Number of results, 1–50 (default 10). */
  count: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 50 }))),
  /** Only return results from this domain (e.g. `www.example.com`). */
  search_domain_filter: Schema.optionalKey(Schema.String),
  /** Only return pages published within this period. */
  search_recency_filter: Schema.optionalKey(SearchRecencyFilter),
  /** Length of each result's `content` summary. */
  content_size: Schema.optionalKey(ContentSize),
  /** Also return the recognised search intent (`search_intent`). */
  search_intent: Schema.optionalKey(Schema.Boolean),
  /** Also return images found on the result pages. */
  include_image: Schema.optionalKey(Schema.Boolean),
  /** Unique client request id. */
  request_id: Schema.optionalKey(RequestId),
  /** End-user id, 6–128 characters. */
  user_id: Schema.optionalKey(UserId),
  /** Sensitive-word check options (approved accounts). */
  sensitive_word_check: Schema.optionalKey(SensitiveWordCheck)
}).annotate({ identifier: "WebSearchRequest" })

/**
 * A web search request.
 *
 * @since 0.1.0
 */
export type WebSearchRequest = typeof WebSearchRequest.Type

/**
 * Validates an `unknown` value as a `WebSearchRequest`, failing with `InvalidRequestInput` naming each bad field,
 * e.g. `Invalid WebSearchRequest: count: Expected a value between 1 and 50, got 80`.
 *
 * @since 0.1.0
 */
export const validateWebSearchRequest = makeValidator(WebSearchRequest, "WebSearchRequest")

/**
 * The recognised intent of a query: `{ query (rewritten), intent (e.g. SEARCH_ALL), keywords }`.
 *
 * @since 0.1.0
 */
export const SearchIntent = lenient({
  index: maybe(Schema.Number),
  query: maybe(Schema.String),
  intent: maybe(Schema.String),
  keywords: maybe(Schema.String)
}).annotate({ identifier: "SearchIntent" })

/**
 * A search intent.
 *
 * @since 0.1.0
 */
export type SearchIntent = typeof SearchIntent.Type

/**
 * An image of a search result: normally a URL, sometimes an object (`{ url, ... }`).
 *
 * @since 0.1.0
 */
export const SearchResultImage = Schema.Union([Schema.String, Schema.Record(Schema.String, Schema.Unknown)]).annotate({
  identifier: "SearchResultImage"
})

/**
 * A search result image.
 *
 * @since 0.1.0
 */
export type SearchResultImage = typeof SearchResultImage.Type

/**
 * One search result: `{ title, link, content (summary), icon, media (site name), refer (e.g. ref_1), publish_date, images }`.
 *
 * @since 0.1.0
 */
export const SearchResult = lenient({
  index: maybe(Schema.Number),
  title: maybe(Schema.String),
  link: maybe(Schema.String),
  content: maybe(Schema.String),
  icon: maybe(Schema.String),
  media: maybe(Schema.String),
  refer: maybe(Schema.String),
  publish_date: maybe(Schema.String),
  images: maybe(Schema.Array(SearchResultImage))
}).annotate({ identifier: "SearchResult" })

/**
 * A search result.
 *
 * @since 0.1.0
 */
export type SearchResult = typeof SearchResult.Type

/**
 * The answer of `POST /web_search`: `{ id, created, request_id, search_intent[], search_result[] }`.
 *
 * @since 0.1.0
 */
export const WebSearchResponse = lenient({
  id: maybe(Schema.String),
  created: maybe(Schema.Number),
  request_id: maybe(Schema.String),
  search_intent: maybe(Schema.Array(SearchIntent)),
  search_result: maybe(Schema.Array(SearchResult))
}).annotate({ identifier: "WebSearchResponse" })

/**
 * A web search answer.
 *
 * @since 0.1.0
 */
export type WebSearchResponse = typeof WebSearchResponse.Type

// -----------------------------------------------------------------------------
// POST /tools (web-search-pro)
// -----------------------------------------------------------------------------

/**
 * Known models of `POST /tools`: `web-search-pro`.
 *
 * @since 0.1.0
 */
export const KnownWebSearchProModels = ["web-search-pro"] as const

/**
 * A `POST /tools` model id: any string, typed with autocompletion for the known ones.
 *
 * @since 0.1.0
 */
export const WebSearchProModel = openLiterals(KnownWebSearchProModels, {
  identifier: "WebSearchProModel",
  description: "The web-search tool model, e.g. web-search-pro"
})

/**
 * A `POST /tools` model id.
 *
 * @since 0.1.0
 */
export type WebSearchProModel = typeof WebSearchProModel.Type

/**
 * The body of `POST /tools` (legacy web-search-pro): strict (see `validateWebSearchProRequest`).
 *
 * @since 0.1.0
 */
export const WebSearchProRequest = Schema.Struct({
  /** The tool model, `web-search-pro`. */
  model: WebSearchProModel,
  /** The conversation whose last user message is searched; at least one message. */
  messages: Schema.Array(Message).check(Schema.isMinLength(1)),
  /** Stream the answer as SSE chunks (set by `searchProStream`). */
  stream: Schema.optionalKey(Schema.Boolean),
  /** Search scope (e.g. a site or a vertical). */
  scope: Schema.optionalKey(Schema.String),
  /** Location hint for the search (e.g. a country code). */
  location: Schema.optionalKey(Schema.String),
  /** Only pages from the last N days (≥ 1). */
  recent_days: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))),
  /** Unique client request id. */
  request_id: Schema.optionalKey(RequestId)
}).annotate({ identifier: "WebSearchProRequest" })

/**
 * A web-search-pro request.
 *
 * @since 0.1.0
 */
export type WebSearchProRequest = typeof WebSearchProRequest.Type

/**
 * Validates an `unknown` value as a `WebSearchProRequest` (same rules as `validateWebSearchRequest`).
 *
 * @since 0.1.0
 */
export const validateWebSearchProRequest = makeValidator(WebSearchProRequest, "WebSearchProRequest")

/**
 * A recommended follow-up query: `{ index, query }`.
 *
 * @since 0.1.0
 */
export const SearchRecommend = lenient({
  index: maybe(Schema.Number),
  query: maybe(Schema.String)
}).annotate({ identifier: "SearchRecommend" })

/**
 * A recommended query.
 *
 * @since 0.1.0
 */
export type SearchRecommend = typeof SearchRecommend.Type

const oneOrMany = <S extends Schema.Top>(item: S) => Schema.Union([Schema.Array(item), item])

/**
 * A tool call of a web-search-pro answer: `{ id, type (search_intent | search_result | search_recommend), ... }`,
 * each payload an array (or, in some answers, a single object). In a stream delta `index` keys the call.
 *
 * @since 0.1.0
 */
export const WebSearchProToolCall = lenient({
  index: maybe(Schema.Number),
  id: maybe(Schema.String),
  type: maybe(Schema.String),
  search_intent: maybe(oneOrMany(SearchIntent)),
  search_result: maybe(oneOrMany(SearchResult)),
  search_recommend: maybe(oneOrMany(SearchRecommend))
}).annotate({ identifier: "WebSearchProToolCall" })

/**
 * A web-search-pro tool call.
 *
 * @since 0.1.0
 */
export type WebSearchProToolCall = typeof WebSearchProToolCall.Type

/**
 * The message of a web-search-pro choice, or the delta of a stream choice: `{ role, content, tool_calls }`.
 *
 * @since 0.1.0
 */
export const WebSearchProMessage = lenient({
  role: maybe(Schema.String),
  content: maybe(Schema.String),
  tool_calls: maybe(Schema.Array(WebSearchProToolCall))
}).annotate({ identifier: "WebSearchProMessage" })

/**
 * A web-search-pro message.
 *
 * @since 0.1.0
 */
export type WebSearchProMessage = typeof WebSearchProMessage.Type

/**
 * One choice of a web-search-pro answer: `{ index, finish_reason, message }`.
 *
 * @since 0.1.0
 */
export const WebSearchProChoice = lenient({
  index: maybe(Schema.Number),
  finish_reason: maybe(Schema.String),
  message: maybe(WebSearchProMessage)
}).annotate({ identifier: "WebSearchProChoice" })

/**
 * A web-search-pro choice.
 *
 * @since 0.1.0
 */
export type WebSearchProChoice = typeof WebSearchProChoice.Type

/**
 * The answer of `POST /tools` without streaming: `{ id, created, request_id, choices[{ message{ tool_calls } }], usage }`.
 *
 * @since 0.1.0
 */
export const WebSearchProResponse = lenient({
  id: maybe(Schema.String),
  created: maybe(Schema.Number),
  request_id: maybe(Schema.String),
  model: maybe(Schema.String),
  choices: maybe(Schema.Array(WebSearchProChoice)),
  usage: maybe(Usage)
}).annotate({ identifier: "WebSearchProResponse" })

/**
 * A web-search-pro answer.
 *
 * @since 0.1.0
 */
export type WebSearchProResponse = typeof WebSearchProResponse.Type

/**
 * One choice of a web-search-pro stream chunk: `{ index, finish_reason, delta }`.
 *
 * @since 0.1.0
 */
export const WebSearchProChunkChoice = lenient({
  index: maybe(Schema.Number),
  finish_reason: maybe(Schema.String),
  delta: maybe(WebSearchProMessage)
}).annotate({ identifier: "WebSearchProChunkChoice" })

/**
 * A web-search-pro stream choice.
 *
 * @since 0.1.0
 */
export type WebSearchProChunkChoice = typeof WebSearchProChunkChoice.Type

/**
 * One `data:` payload of a web-search-pro stream: `{ id, created, choices[{ delta{ tool_calls } }], usage, error }`.
 *
 * @since 0.1.0
 */
export const WebSearchProChunk = lenient({
  id: maybe(Schema.String),
  created: maybe(Schema.Number),
  request_id: maybe(Schema.String),
  model: maybe(Schema.String),
  choices: maybe(Schema.Array(WebSearchProChunkChoice)),
  usage: maybe(Usage),
  error: maybe(Schema.Union([PayloadError, Schema.String]))
}).annotate({ identifier: "WebSearchProChunk" })

/**
 * A web-search-pro stream chunk.
 *
 * @since 0.1.0
 */
export type WebSearchProChunk = typeof WebSearchProChunk.Type
