/**
 * `web.search` and `web.read`: web search and the web reader of `@zai-kit/web`.
 *
 * `web.search` gives the results and their `urls` (what a `forEach` of `web.read` iterates over); `web.read` gives
 * a page as Markdown (or text), optionally cut to `maxChars`.
 *
 * @since 0.1.0
 */
import { WebSearch } from "@zai-kit/schema"
import { SearchResults, Web } from "@zai-kit/web"
import { type PipelineError, Step, StepContext } from "@zai-kit/workflow"
import { Effect, Schema } from "effect"
import { apiRetry } from "./internal/policies.js"

/** Input of `web.search`. */
export const SearchInput = Schema.Struct({
  /** What to search for, 1–70 characters. */
  query: Schema.String.check(Schema.isBetweenLength(1, WebSearch.maxSearchQueryLength)),
  /** Number of results, 1–50 (default 5). */
  count: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 50 }))),
  /** The search engine (default `search-prime`). */
  engine: Schema.optional(Schema.String.check(Schema.isMinLength(1))),
  /** Only pages from this domain. */
  domain: Schema.optional(Schema.String.check(Schema.isMinLength(1))),
  /** Only pages published within this period. */
  recency: Schema.optional(WebSearch.SearchRecencyFilter)
})

/** One search result. */
export const SearchHit = Schema.Struct({
  title: Schema.String,
  url: Schema.String,
  summary: Schema.String,
  site: Schema.optional(Schema.String),
  date: Schema.optional(Schema.String)
})

/** Output of `web.search`: the results with a link, and their URLs. */
export const SearchOutput = Schema.Struct({
  query: Schema.String,
  results: Schema.Array(SearchHit),
  urls: Schema.Array(Schema.String)
})

/** Input of `web.read`. */
export const ReadInput = Schema.Struct({
  /** The page, an http(s) URL. */
  url: Schema.String.check(Schema.isPattern(/^https?:\/\/\S+$/i, { expected: "an http(s) URL" })),
  /** `markdown` (default) or `text`. */
  format: Schema.optional(Schema.Literals(["markdown", "text"])),
  /** Seconds the reader may spend fetching the page, 1–600. */
  timeout: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 600 }))),
  /** Keep at most this many characters of the content. */
  maxChars: Schema.optional(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)))
})

/** Output of `web.read`. */
export const ReadOutput = Schema.Struct({
  url: Schema.String,
  title: Schema.String,
  content: Schema.String,
  description: Schema.optional(Schema.String)
})

/** The `web.*` steps, typed. */
export interface Steps {
  readonly "web.search": Step.Step<typeof SearchInput.Type, typeof SearchOutput.Type, Web.WebError | PipelineError.StepTimeoutError>
  readonly "web.read": Step.Step<typeof ReadInput.Type, typeof ReadOutput.Type, Web.WebError | PipelineError.StepTimeoutError>
}

/** The `web.*` steps. */
export const make: Effect.Effect<Steps, never, Web.Web> = Effect.gen(function* () {
  const web = yield* Web.Web
  return {
    "web.search": Step.make({
      name: "web.search",
      description: "Search the web",
      input: SearchInput,
      output: SearchOutput,
      run: (input) =>
        Effect.gen(function* () {
          const found = yield* web.search({
            search_engine: input.engine ?? "search-prime",
            search_query: input.query,
            count: input.count ?? 5,
            ...(input.domain === undefined ? {} : { search_domain_filter: input.domain }),
            ...(input.recency === undefined ? {} : { search_recency_filter: input.recency })
          })
          const results = SearchResults.sources(found.search_result).map((s) => ({
            title: s.title,
            url: s.link,
            summary: s.content,
            ...(s.media === undefined ? {} : { site: s.media }),
            ...(s.publishDate === undefined ? {} : { date: s.publishDate })
          }))
          yield* StepContext.progress(`${results.length} results for "${input.query}"`)
          return { query: input.query, results, urls: results.map((r) => r.url) }
        }),
      retry: apiRetry,
      timeout: "1 minute"
    }),
    "web.read": Step.make({
      name: "web.read",
      description: "Read a web page as Markdown or text",
      input: ReadInput,
      output: ReadOutput,
      run: (input) =>
        Effect.gen(function* () {
          const page = yield* web.read({
            url: input.url,
            return_format: input.format ?? "markdown",
            ...(input.timeout === undefined ? {} : { timeout: input.timeout })
          })
          const result = page.reader_result
          const full = result?.content ?? ""
          const content = input.maxChars !== undefined && full.length > input.maxChars ? full.slice(0, input.maxChars) : full
          yield* StepContext.progress(`read ${input.url} (${content.length} characters)`)
          return {
            url: input.url,
            title: result?.title ?? input.url,
            content,
            ...(typeof result?.description === "string" && result.description !== "" ? { description: result.description } : {})
          }
        }),
      retry: apiRetry,
      timeout: "2 minutes"
    })
  }
})
