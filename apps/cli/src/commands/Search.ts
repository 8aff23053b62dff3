/**
 * `zai search QUERY`: web search; `zai read URL`: a page as markdown or text.
 *
 * @since 0.1.0
 */
import { Argument, Command, Flag } from "effect/cli"
import * as Lazy from "../internal/Lazy.js"

/**
 * The arguments and flags of `search`.
 *
 * @since 0.1.0
 */
export const searchConfig = {
  query: Argument.String("query").pipe(Argument.withDescription("What to search for (1-70 characters; default: stdin)"), Argument.optional),
  engine: Flag.String("engine").pipe(Flag.withDescription("Search engine"), Flag.withDefault("search_std")),
  count: Flag.Int("count").pipe(Flag.withAlias("n"), Flag.withDescription("Number of results (1-50)"), Flag.optional),
  domain: Flag.String("domain").pipe(Flag.withDescription("Only results from this domain"), Flag.optional),
  recency: Flag.Literals("recency", ["oneDay", "oneWeek", "oneMonth", "oneYear", "noLimit"]).pipe(
    Flag.withDescription("Only pages published within this period"),
    Flag.optional
  )
}

/**
 * Parsed `search` input.
 *
 * @since 0.1.0
 */
export type SearchArgs = Command.Command.Config.Infer<typeof searchConfig>

/**
 * `zai search`.
 *
 * @since 0.1.0
 */
export const search = Command.make("search", searchConfig, Lazy.handler(() => import("../handlers/Search.js"))).pipe(
  Command.withDescription("Search the web: title, link and summary of each result"),
  Command.withExamples([{ command: 'zai search "GLM-4.6 release" -n 5', description: "Five results" }])
)

/**
 * The arguments and flags of `read`.
 *
 * @since 0.1.0
 */
export const readConfig = {
  url: Argument.String("url").pipe(Argument.withDescription("The page (http or https URL)")),
  format: Flag.Literals("format", ["markdown", "text"]).pipe(Flag.withDescription("Content format"), Flag.withDefault("markdown")),
  noCache: Flag.Boolean("no-cache").pipe(Flag.withDescription("Bypass the reader's cache"), Flag.withDefault(false))
}

/**
 * Parsed `read` input.
 *
 * @since 0.1.0
 */
export type ReadArgs = Command.Command.Config.Infer<typeof readConfig>

/**
 * `zai read`.
 *
 * @since 0.1.0
 */
export const read = Command.make("read", readConfig, Lazy.handler(() => import("../handlers/Read.js"))).pipe(
  Command.withDescription("Read a web page: its content as markdown (or text)"),
  Command.withExamples([{ command: "zai read https://example.com > page.md", description: "Save a page as markdown" }])
)
