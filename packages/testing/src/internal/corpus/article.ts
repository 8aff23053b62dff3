/**
 * The shape of one article of the simulator's built-in web corpus.
 * @internal
 */

/** One article: searchable by `/web_search`, readable in full by `/reader` at its `url`. */
export interface Article {
  /** `https://sim.zai-kit.dev/<section>/<slug>`. */
  readonly url: string
  readonly title: string
  /** One-sentence summary (the page's meta description). */
  readonly description: string
  /** The site name shown as `media`. */
  readonly site: string
  /** Publication date, `YYYY-MM-DD`. */
  readonly date: string
  /** Comma-separated keywords (the page's meta keywords). */
  readonly keywords: string
  /** Section headings keyed by the index of the paragraph they precede. */
  readonly headings?: Readonly<Record<number, string>>
  /** The body, 4–8 paragraphs. */
  readonly paragraphs: ReadonlyArray<string>
}
