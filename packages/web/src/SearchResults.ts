/**
 * Helpers for search results: pick the usable ones and render them as numbered context for a prompt, so a search
 * can ground a chat answer (`[1] Title — link` followed by the summary).
 *
 * @since 0.1.0
 */
import type { WebSearch } from "@zai-kit/schema"

/**
 * A search result with the fields a prompt needs, all present.
 *
 * @since 0.1.0
 */
export interface Source {
  readonly title: string
  readonly link: string
  readonly content: string
  readonly media: string | undefined
  readonly publishDate: string | undefined
}

/**
 * The results that have a link, with missing titles and summaries as empty strings (`null`s dropped).
 *
 * @since 0.1.0
 */
export const sources = (results: ReadonlyArray<WebSearch.SearchResult> | null | undefined): ReadonlyArray<Source> =>
  (results ?? []).flatMap((result) =>
    typeof result.link === "string" && result.link !== ""
      ? [
          {
            title: result.title ?? "",
            link: result.link,
            content: result.content ?? "",
            media: result.media ?? undefined,
            publishDate: result.publish_date ?? undefined
          }
        ]
      : []
  )

/**
 * Options of {@link toContext}.
 *
 * @since 0.1.0
 */
export interface ContextOptions {
  /** Longest summary kept per source, in characters (default 1000). */
  readonly maxContentChars?: number | undefined
}

/**
 * Numbered sources as text for a prompt: `[1] Title — link (media, date)` then the summary, one block per source.
 *
 * @since 0.1.0
 */
export const toContext = (sourceList: ReadonlyArray<Source>, options: ContextOptions = {}): string => {
  const max = options.maxContentChars ?? 1000
  return sourceList
    .map((source, i) => {
      const meta = [source.media, source.publishDate].filter((m): m is string => m !== undefined && m !== "")
      const head = `[${i + 1}] ${source.title} — ${source.link}${meta.length > 0 ? ` (${meta.join(", ")})` : ""}`
      const body = source.content.length > max ? `${source.content.slice(0, max)}…` : source.content
      return body === "" ? head : `${head}\n${body}`
    })
    .join("\n\n")
}
