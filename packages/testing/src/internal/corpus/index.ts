/**
 * The simulator's built-in web: 15 short articles on renewable energy, large language models, TypeScript/Effect,
 * ocean science and urban transport, all under `https://sim.zai-kit.dev/`. `/web_search` ranks them by keyword
 * overlap with the query (deterministically); `/reader` returns their full text, so search → read works offline.
 * Any other URL reads as a deterministic generated page.
 * @internal
 */
import { fnv1a, rng } from "../hash.js"
import type { Article } from "./article.js"
import * as Energy from "./energy.js"
import * as Llm from "./llm.js"
import * as Ocean from "./ocean.js"
import * as Transport from "./transport.js"
import * as TypeScript from "./typescript.js"

export type { Article } from "./article.js"

/** The host of every corpus URL. */
export const host = "sim.zai-kit.dev"

/** Every article, in a fixed order. */
export const articles: ReadonlyArray<Article> = [
  ...Energy.articles,
  ...Llm.articles,
  ...TypeScript.articles,
  ...Ocean.articles,
  ...Transport.articles
]

/**
 * The date recency filters are measured from (fixed, so answers never change with the calendar). Every article is
 * older than a month before it; `oneYear` keeps the recent ones.
 */
export const referenceDate = "2025-10-01"

/** A URL without query, fragment and trailing slash, with a lower-case scheme and host. */
export const normalizeUrl = (url: string): string => {
  const match = /^(https?):\/\/([^/?#]+)([^?#]*)/i.exec(url.trim())
  if (match === null) return url.trim()
  const [, scheme = "", authority = "", path = ""] = match
  return `${scheme.toLowerCase()}://${authority.toLowerCase()}${path.replace(/\/+$/, "")}`
}

/** The article at a URL, if it is one of the corpus. */
export const byUrl = (url: string): Article | undefined => {
  const wanted = normalizeUrl(url)
  return articles.find((a) => a.url === wanted)
}

const stopwords = new Set(
  (
    "a an the and or of to in on at by for with from into about as is are was were be been it its this that these " +
    "those what which who how why when where do does did can could should would will not no vs versus new latest " +
    "best top guide news explain explained introduction"
  ).split(" ")
)

/** Lower-case search terms of a text (stop words removed, a trailing plural `s` dropped). */
export const terms = (text: string): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw === "" || stopwords.has(raw)) continue
    const term = raw.length > 3 && raw.endsWith("s") && !raw.endsWith("ss") ? raw.slice(0, -1) : raw
    if (!out.includes(term)) out.push(term)
  }
  return out
}

const countIn = (haystack: ReadonlyArray<string>, term: string): number => {
  let n = 0
  for (const word of haystack) if (word === term || (term.length >= 5 && word.startsWith(term))) n++
  return n
}

const wordsOf = (text: string): ReadonlyArray<string> =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "")
    .map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w))

/** How well an article matches the query terms: title and keywords weigh most, body occurrences are capped. */
export const score = (article: Article, queryTerms: ReadonlyArray<string>): number => {
  const title = wordsOf(article.title)
  const keywords = wordsOf(article.keywords)
  const description = wordsOf(article.description)
  const body = wordsOf(article.paragraphs.join(" "))
  let total = 0
  let matched = 0
  for (const term of queryTerms) {
    const s =
      4 * Math.min(countIn(title, term), 1) +
      3 * Math.min(countIn(keywords, term), 1) +
      2 * Math.min(countIn(description, term), 1) +
      Math.min(countIn(body, term), 4)
    if (s > 0) matched++
    total += s
  }
  // every matched term counts again, so a page matching more of the query wins over one repeating a single word
  return total + 3 * matched
}

/** Days between two `YYYY-MM-DD` dates. */
const daysBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 86_400_000

const recencyDays: Readonly<Record<string, number>> = { oneDay: 1, oneWeek: 7, oneMonth: 31, oneYear: 366 }

/** Whether a domain filter admits a URL (the filter's host, or a subdomain of it). */
export const domainMatches = (url: string, filter: string): boolean => {
  const wanted = filter.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, "").replace(/^www\./, "")
  const urlHost = (/^https?:\/\/([^/?#]+)/i.exec(url)?.[1] ?? "").toLowerCase().replace(/^www\./, "")
  return wanted === "" || urlHost === wanted || urlHost.endsWith(`.${wanted}`)
}

/** One search hit: an article (or a generated page) with its score. */
export interface Hit {
  readonly url: string
  readonly title: string
  readonly site: string
  readonly date: string
  readonly paragraphs: ReadonlyArray<string>
  readonly score: number
}

const articleHit = (article: Article, s: number): Hit => ({
  url: article.url,
  title: article.title,
  site: article.site,
  date: article.date,
  paragraphs: article.paragraphs,
  score: s
})

/** Options of {@link search}. */
export interface SearchOptions {
  readonly count: number
  readonly domain: string | undefined
  readonly recency: string | undefined
  readonly seed: string
}

/**
 * The ranked hits for a query: corpus articles sharing terms with it (best first, ties by URL), filtered by domain
 * and recency; when fewer than `count` match, generated pages about the query fill the list (their URLs read as
 * generated pages too).
 */
export const search = (query: string, options: SearchOptions): ReadonlyArray<Hit> => {
  const queryTerms = terms(query)
  const maxAge = options.recency === undefined ? undefined : recencyDays[options.recency]
  const ranked = articles
    .map((article) => ({ article, s: score(article, queryTerms) }))
    .filter(({ article, s }) =>
      s > 0 &&
      (options.domain === undefined || domainMatches(article.url, options.domain)) &&
      (maxAge === undefined || daysBetween(article.date, referenceDate) <= maxAge)
    )
    .sort((a, b) => b.s - a.s || (a.article.url < b.article.url ? -1 : 1))
    .map(({ article, s }) => articleHit(article, s))
  const hits = ranked.slice(0, options.count)
  const fillers = Math.min(options.count - hits.length, 3)
  for (let i = 0; i < fillers; i++) hits.push(generatedHit(query, i, options))
  return hits
}

const slugOf = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "page"

const generatedHit = (query: string, index: number, options: SearchOptions): Hit => {
  const filterHost = options.domain?.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, "")
  const siteHost = filterHost === undefined || filterHost === "" ? host : filterHost
  const url = `https://${siteHost}/search/${slugOf(query)}-${index + 1}`
  const page = generatedPage(url, options.seed)
  const date = options.recency === undefined || options.recency === "noLimit" ? page.date : referenceDate
  return { url, title: page.title, site: page.site, date, paragraphs: page.paragraphs, score: 0 }
}

/** Cuts a text at a sentence end at most `max` characters long (or at a word if no sentence fits). */
export const clip = (text: string, max: number): string => {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  const sentence = cut.lastIndexOf(". ")
  if (sentence > max / 2) return cut.slice(0, sentence + 1)
  const space = cut.lastIndexOf(" ")
  return `${cut.slice(0, space > 0 ? space : max)}…`
}

/**
 * The summary shown as a search result's `content`: starting at the paragraph that best matches the query,
 * about 500 characters (`medium`) or 2500 (`high`).
 */
export const summary = (hit: Hit, query: string, size: "medium" | "high"): string => {
  const queryTerms = terms(query)
  let best = 0
  let bestScore = -1
  hit.paragraphs.forEach((paragraph, i) => {
    const words = wordsOf(paragraph)
    const s = queryTerms.reduce((n, t) => n + Math.min(countIn(words, t), 2), 0)
    if (s > bestScore) {
      best = i
      bestScore = s
    }
  })
  const max = size === "high" ? 2500 : 500
  let text = ""
  for (let i = best; i < hit.paragraphs.length && text.length < max; i++) {
    text = text === "" ? (hit.paragraphs[i] ?? "") : `${text} ${hit.paragraphs[i] ?? ""}`
  }
  return clip(text, max)
}

/** A page generated for a URL outside the corpus. */
export interface GeneratedPage {
  readonly url: string
  readonly title: string
  readonly site: string
  readonly date: string
  readonly description: string
  readonly paragraphs: ReadonlyArray<string>
}

const openers: ReadonlyArray<(topic: string) => string> = [
  (t) => `This page gives a short overview of ${t}. It was generated by the zai-kit simulator, which has no access to the internet, so its content is illustrative rather than factual.`,
  (t) => `The following notes collect the main ideas around ${t}. The zai-kit simulator wrote them from the address alone; read them as placeholder text, not as a source.`,
  (t) => `An introduction to ${t}, produced offline by the zai-kit simulator. The same address always yields the same text, which makes it useful in tests.`
]

const middles: ReadonlyArray<(topic: string, word: string) => string> = [
  (t, w) => `People who work with ${t} usually start by asking what problem it solves. In most accounts the answer involves ${w}, and the rest of the discussion follows from how that is handled.`,
  (t, w) => `A common misconception is that ${t} is a single technique. In practice it is a family of related approaches, and ${w} is where they differ most.`,
  (t, w) => `Costs and benefits depend heavily on context. For ${t}, the trade-offs around ${w} tend to dominate any comparison between options.`,
  (t, w) => `History matters here as well. Early work on ${t} paid little attention to ${w}; later practitioners found that it shaped almost every decision.`,
  (t, w) => `Measuring progress is harder than it looks. Reports about ${t} often quote a single number, while the details of ${w} explain most of the variation.`
]

const closers: ReadonlyArray<(topic: string) => string> = [
  (t) => `In short, ${t} rewards careful attention to detail. The pages of the simulator's built-in corpus under https://${host}/ contain longer, hand-written articles.`,
  (t) => `Whatever the next developments in ${t}, the basic questions stay the same: what it costs, who benefits, and how results are checked.`
]

const ignoredPathWords = new Set(
  ["html", "htm", "php", "aspx", "index", "search", "www", "png", "jpg", "jpeg", "gif", "webp", "pdf", "bmp", "tiff"]
)

const titleCase = (words: ReadonlyArray<string>): string =>
  words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ")

/** A deterministic page for any URL: its title from the path, its text from templates seeded by the URL. */
export const generatedPage = (url: string, seed: string): GeneratedPage => {
  const normalized = normalizeUrl(url)
  const urlHost = /^https?:\/\/([^/]+)/i.exec(normalized)?.[1] ?? host
  const path = normalized.replace(/^https?:\/\/[^/]+/i, "")
  const pathWords = path
    .replace(/%[0-9a-fA-F]{2}/g, " ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "" && !/^\d+$/.test(w) && !ignoredPathWords.has(w.toLowerCase()))
  const hostWords = urlHost.split(".").filter((w) => !["www", "com", "org", "net", "dev", "io", "cn", "ai"].includes(w))
  const words = (pathWords.length > 0 ? pathWords : hostWords).slice(0, 6).map((w) => w.toLowerCase())
  const topic = words.length > 0 ? words.join(" ") : "this site"
  const r = rng(fnv1a(`${seed}|${normalized}`))
  const day = 1 + r.int(28)
  const month = 1 + r.int(9)
  const key = words[words.length - 1] ?? "the subject"
  const middleCount = 2 + r.int(3)
  const start = r.int(middles.length)
  const paragraphs = [
    r.pick(openers)(topic),
    ...Array.from({ length: middleCount }, (_, i) => middles[(start + i) % middles.length]?.(topic, i % 2 === 0 ? key : topic) ?? ""),
    r.pick(closers)(topic)
  ]
  const title = words.length > 0 ? titleCase(words) : titleCase(hostWords.length > 0 ? hostWords : ["Untitled", "Page"])
  return {
    url: normalized,
    title,
    site: urlHost.replace(/^www\./, ""),
    date: `2025-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    description: `Notes on ${topic}, generated by the zai-kit simulator.`,
    paragraphs
  }
}

/** Options of {@link render}. */
export interface RenderOptions {
  readonly format: "markdown" | "text"
  readonly retainImages: boolean
}

/** A page ready for the reader. */
export interface Page {
  readonly url: string
  readonly title: string
  readonly site: string
  readonly date: string
  readonly description: string
  readonly keywords: string
  readonly headings: Readonly<Record<number, string>>
  readonly paragraphs: ReadonlyArray<string>
  /** Other pages this one links to (related articles), text → URL. */
  readonly links: Readonly<Record<string, string>>
  /** Images of the page, alt text → URL. */
  readonly images: Readonly<Record<string, string>>
}

/** The page at a URL: a corpus article, or a generated page. */
export const page = (url: string, seed: string): Page => {
  const article = byUrl(url)
  if (article !== undefined) {
    const section = article.url.replace(/\/[^/]+$/, "")
    const related = articles.filter((a) => a !== article && a.url.startsWith(`${section}/`))
    const slug = article.url.slice(article.url.lastIndexOf("/") + 1)
    return {
      url: article.url,
      title: article.title,
      site: article.site,
      date: article.date,
      description: article.description,
      keywords: article.keywords,
      headings: article.headings ?? {},
      paragraphs: article.paragraphs,
      links: Object.fromEntries(related.map((a) => [a.title, a.url])),
      images: { [`Illustration: ${article.title}`]: `https://${host}/img/${slug}.png` }
    }
  }
  const generated = generatedPage(url, seed)
  return {
    ...generated,
    keywords: terms(generated.title).join(", "),
    headings: {},
    links: {},
    images: {}
  }
}

/** The page's content as markdown (title, byline, headings, image, related links) or as plain text. */
export const render = (p: Page, options: RenderOptions): string => {
  const markdown = options.format === "markdown"
  const blocks: Array<string> = [markdown ? `# ${p.title}` : p.title, `${p.site} · ${p.date}`]
  const images = Object.entries(p.images)
  p.paragraphs.forEach((paragraph, i) => {
    const heading = p.headings[i]
    if (heading !== undefined) blocks.push(markdown ? `## ${heading}` : heading)
    blocks.push(paragraph)
    if (i === 0 && options.retainImages && markdown) for (const [alt, src] of images) blocks.push(`![${alt}](${src})`)
  })
  const links = Object.entries(p.links)
  if (links.length > 0) {
    blocks.push(markdown ? "## Related reading" : "Related reading")
    blocks.push(links.map(([text, href]) => (markdown ? `- [${text}](${href})` : `- ${text} (${href})`)).join("\n"))
  }
  return blocks.join("\n\n")
}
