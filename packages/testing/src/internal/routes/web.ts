/**
 * Web routes: `POST /web_search`, `POST /tools` (web-search-pro, JSON or SSE) and `POST /reader`, all answered from
 * the built-in corpus (`../corpus`): search ranks its articles by keyword overlap with the query, and reading a
 * result's link returns the article's full text, so search → read gives real text offline. Any other URL reads as a
 * deterministic generated page; a host ending in `.invalid` cannot be fetched (400, code 1214 on `url`).
 * @internal
 */
import { WebReader, WebSearch } from "@zai-kit/schema"
import { Result } from "effect"
import * as Corpus from "../corpus/index.js"
import { digest } from "../hash.js"
import * as Check from "../requestCheck.js"
import * as Reply from "../reply.js"
import type { Route, RouteContext } from "../router.js"
import * as Text from "../text.js"
import type { JsonObject } from "../validate.js"

const icon = `https://${Corpus.host}/favicon.ico`

const makeId = (ctx: RouteContext, prefix: string, body: JsonObject): string =>
  `${prefix}${digest(`${ctx.state.options.seed}:${ctx.path}:${JSON.stringify(body)}`)}${String(ctx.state.nextSequence()).padStart(4, "0")}`

const now = () => Math.floor(Date.now() / 1000)

const slugOf = (url: string) => url.slice(url.lastIndexOf("/") + 1)

// -----------------------------------------------------------------------------
// POST /web_search
// -----------------------------------------------------------------------------

const intentOf = (query: string) => ({
  query,
  intent: "SEARCH_ALL",
  keywords: Corpus.terms(query).join(",")
})

const webSearch = (ctx: RouteContext): Reply.Reply => {
  const checked = Check.validJson(ctx, WebSearch.WebSearchRequest)
  if (Result.isFailure(checked)) return checked.failure
  const body = checked.success
  const query = Check.str(body, "search_query") ?? ""
  const count = Check.num(body, "count") ?? 10
  const size = Check.str(body, "content_size") === "high" ? "high" : "medium"
  const includeImages = Check.bool(body, "include_image") === true
  const hits = Corpus.search(query, {
    count,
    domain: Check.str(body, "search_domain_filter"),
    recency: Check.str(body, "search_recency_filter"),
    seed: ctx.state.options.seed
  })
  const id = makeId(ctx, "web-search-", body)
  const requestId = Check.str(body, "request_id") ?? id
  return Reply.json(
    {
      id,
      created: now(),
      request_id: requestId,
      ...(Check.bool(body, "search_intent") === true ? { search_intent: [intentOf(query)] } : {}),
      search_result: hits.map((hit, i) => ({
        title: hit.title,
        link: hit.url,
        content: Corpus.summary(hit, query, size),
        icon,
        media: hit.site,
        refer: `ref_${i + 1}`,
        publish_date: hit.date,
        images: includeImages ? [`https://${Corpus.host}/img/${slugOf(hit.url)}.png`] : []
      }))
    },
    200,
    { "x-request-id": requestId }
  )
}

// -----------------------------------------------------------------------------
// POST /tools (web-search-pro)
// -----------------------------------------------------------------------------

const lastUserText = (messages: unknown): string => {
  if (!Array.isArray(messages)) return ""
  for (let i = messages.length - 1; i >= 0; i--) {
    const message: unknown = messages[i]
    if (typeof message !== "object" || message === null || !("role" in message) || message.role !== "user") continue
    const content = "content" in message ? message.content : undefined
    if (typeof content === "string") return content
    if (Array.isArray(content)) {
      return content
        .map((part: unknown) =>
          typeof part === "object" && part !== null && "text" in part && typeof part.text === "string" ? part.text : ""
        )
        .join(" ")
        .trim()
    }
  }
  return ""
}

const recommendations = (query: string, hits: ReadonlyArray<Corpus.Hit>): ReadonlyArray<string> => {
  const fromTitles = hits.slice(0, 2).map((hit) => hit.title)
  const keys = Text.keywords(query, 2)
  return [...fromTitles, keys.length > 0 ? `${keys.join(" ")} latest developments` : "related topics"]
}

const searchPro = (ctx: RouteContext): Reply.Reply => {
  const checked = Check.validJson(ctx, WebSearch.WebSearchProRequest)
  if (Result.isFailure(checked)) return checked.failure
  const body = checked.success
  const model = Check.str(body, "model") ?? ""
  if (!/^web-search/i.test(model)) return Reply.error(400, "1211", `The model ${model} does not exist.`)
  const query = lastUserText(body.messages)
  if (query === "") return Reply.fieldInvalid("messages", "no user message to search for")
  const recentDays = Check.num(body, "recent_days")
  const recency = recentDays === undefined ? undefined : recentDays <= 1 ? "oneDay" : recentDays <= 7 ? "oneWeek" : recentDays <= 31 ? "oneMonth" : recentDays <= 366 ? "oneYear" : undefined
  const hits = Corpus.search(query, {
    count: 5,
    domain: Check.str(body, "scope"),
    recency,
    seed: ctx.state.options.seed
  })
  const id = makeId(ctx, "search-pro-", body)
  const requestId = Check.str(body, "request_id") ?? id
  const created = now()
  const callId = (kind: string) => `call_${digest(`${id}:${kind}`)}`
  const calls = [
    { id: callId("intent"), type: "search_intent", search_intent: [{ index: 0, ...intentOf(query) }] },
    {
      id: callId("result"),
      type: "search_result",
      search_result: hits.map((hit, i) => ({
        index: 0,
        title: hit.title,
        link: hit.url,
        content: Corpus.summary(hit, query, "medium"),
        icon,
        media: hit.site,
        refer: `ref_${i + 1}`,
        publish_date: hit.date
      }))
    },
    {
      id: callId("recommend"),
      type: "search_recommend",
      search_recommend: recommendations(query, hits).map((q) => ({ index: 0, query: q }))
    }
  ]
  const promptTokens = Text.tokens(query)
  const completionTokens = Text.tokens(JSON.stringify(calls))
  const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens }
  const head = { id, created, request_id: requestId, model }
  const headers = { "x-request-id": requestId }
  if (Check.bool(body, "stream") === true) {
    const events = [
      ...calls.map((call, index) => ({
        ...head,
        choices: [{ index: 0, delta: { role: "tool", tool_calls: [{ index, ...call }] } }]
      })),
      { ...head, choices: [{ index: 0, finish_reason: "stop", delta: { role: "tool" } }], usage }
    ]
    return { ...Reply.sse(events), headers }
  }
  return Reply.json(
    { ...head, choices: [{ index: 0, finish_reason: "stop", message: { role: "tool", tool_calls: calls } }], usage },
    200,
    headers
  )
}

// -----------------------------------------------------------------------------
// POST /reader
// -----------------------------------------------------------------------------

const reader = (ctx: RouteContext): Reply.Reply => {
  const checked = Check.validJson(ctx, WebReader.ReaderRequest)
  if (Result.isFailure(checked)) return checked.failure
  const body = checked.success
  const url = Check.str(body, "url") ?? ""
  const urlHost = (/^https?:\/\/([^/?#:]+)/i.exec(url)?.[1] ?? "").toLowerCase()
  if (urlHost.endsWith(".invalid")) return Reply.fieldInvalid("url", `the page ${url} could not be fetched`)
  const format = Check.str(body, "return_format") === "text" ? "text" : "markdown"
  const page = Corpus.page(url, ctx.state.options.seed)
  const content = Corpus.render(page, { format, retainImages: Check.bool(body, "retain_images") !== false })
  const id = makeId(ctx, "reader-", body)
  const requestId = Check.str(body, "request_id") ?? id
  return Reply.json(
    {
      id,
      created: now(),
      request_id: requestId,
      model: "reader",
      reader_result: {
        title: page.title,
        description: page.description,
        url: page.url,
        content,
        publishedTime: `${page.date}T08:00:00Z`,
        metadata: {
          description: page.description,
          keywords: page.keywords,
          viewport: "width=device-width, initial-scale=1",
          "og:site_name": page.site
        },
        external: { stylesheet: { [`https://${Corpus.host}/style.css`]: { type: "text/css" } } },
        ...(Check.bool(body, "with_images_summary") === true ? { images: page.images } : {}),
        ...(Check.bool(body, "with_links_summary") === true ? { links: page.links } : {})
      }
    },
    200,
    { "x-request-id": requestId }
  )
}

/** Web routes. */
export const routes: ReadonlyArray<Route> = [
  { method: "POST", path: "/web_search", handle: webSearch },
  { method: "POST", path: "/tools", handle: searchPro },
  { method: "POST", path: "/reader", handle: reader }
]
