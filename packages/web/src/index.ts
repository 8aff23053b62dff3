/**
 * `@zai-kit/web`: web search (`POST /web_search`), the legacy web-search-pro tool (`POST /tools`, JSON or SSE) and the
 * web reader (`POST /reader`) for Z.ai, on `ZaiClient`.
 *
 * @since 0.1.0
 */

/**
 * The `Web` service (`search`, `searchPro`, `searchProStream`, `read`), its layer and module-level accessors.
 *
 * @since 0.1.0
 */
export * as Web from "./Web.js"

/**
 * Flattening web-search-pro answers and streams into intents, results and recommendations.
 *
 * @since 0.1.0
 */
export * as SearchPro from "./SearchPro.js"

/**
 * Usable search results (`sources`) and numbered prompt context (`toContext`).
 *
 * @since 0.1.0
 */
export * as SearchResults from "./SearchResults.js"
