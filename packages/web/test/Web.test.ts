import { assert, describe, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { Effect, Exit, Stream } from "effect"
import * as SearchPro from "../src/SearchPro.js"
import * as SearchResults from "../src/SearchResults.js"
import * as WebModule from "../src/Web.js"
import { Web } from "../src/Web.js"
import { canned, failureOf, layer as webLayer } from "./utils.js"

layer(webLayer())("Web", (it) => {
  describe("search", () => {
    it.effect("POSTs the validated JSON body and ranks the corpus by the query", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const web = yield* Web
        const found = yield* web.search({
          search_engine: "search-prime",
          search_query: "offshore wind turbines",
          count: 3,
          search_intent: true
        })
        const [request] = yield* Simulator.requests
        assert.strictEqual(request?.method, "POST")
        assert.strictEqual(request?.path, "/web_search")
        assert.strictEqual(request?.headers["content-type"], "application/json")
        assert.strictEqual(request?.headers.accept, "application/json")
        assert.strictEqual(request?.headers.authorization, "Bearer <redacted>")
        assert.strictEqual(request?.auth, "api-key")
        assert.deepStrictEqual(request?.body, {
          search_engine: "search-prime",
          search_query: "offshore wind turbines",
          count: 3,
          search_intent: true
        })
        const results = found.search_result ?? []
        assert.strictEqual(results.length, 3)
        assert.strictEqual(results[0]?.link, "https://sim.zai-kit.dev/energy/offshore-wind-turbines")
        assert.strictEqual(results[0]?.title, "Offshore Wind: Bigger Turbines, Deeper Water")
        assert.strictEqual(results[0]?.refer, "ref_1")
        assert.strictEqual(results[0]?.media, "Grid Notes")
        assert.strictEqual(results[0]?.publish_date, "2024-11-02")
        assert.isAtMost((results[0]?.content ?? "").length, 500)
        assert.include(results[0]?.content ?? "", "urbine")
        assert.deepStrictEqual(found.search_intent?.[0]?.keywords, "offshore,wind,turbine")
      }))

    it.effect("is deterministic, honours count, content_size, include_image and filters", () =>
      Effect.gen(function*() {
        const web = yield* Web
        const request = { search_engine: "search_std", search_query: "typed errors in TypeScript with Effect" } as const
        const a = yield* web.search(request)
        const b = yield* web.search(request)
        assert.deepStrictEqual(
          a.search_result?.map((r) => r.link),
          b.search_result?.map((r) => r.link)
        )
        assert.strictEqual(a.search_result?.[0]?.link, "https://sim.zai-kit.dev/dev/typed-errors-with-effect")
        assert.isUndefined(a.search_intent)
        const long = yield* web.search({ ...request, count: 1, content_size: "high", include_image: true })
        assert.strictEqual(long.search_result?.length, 1)
        assert.isAbove((long.search_result?.[0]?.content ?? "").length, 500)
        assert.deepStrictEqual(long.search_result?.[0]?.images, ["https://sim.zai-kit.dev/img/typed-errors-with-effect.png"])
        const recent = yield* web.search({ ...request, search_recency_filter: "oneDay", count: 2 })
        assert.isTrue((recent.search_result ?? []).every((r) => r.link?.includes("/search/") === true))
        const elsewhere = yield* web.search({ ...request, search_domain_filter: "example.org", count: 1 })
        assert.match(elsewhere.search_result?.[0]?.link ?? "", /^https:\/\/example\.org\/search\//)
      }))

    it.effect("search → read gives the article's full text", () =>
      Effect.gen(function*() {
        const web = yield* Web
        const found = yield* web.search({ search_engine: "search-prime", search_query: "coral reef bleaching recovery" })
        const [top] = SearchResults.sources(found.search_result)
        assert.strictEqual(top?.link, "https://sim.zai-kit.dev/ocean/coral-reef-bleaching")
        const page = yield* web.read(top?.link ?? "")
        const content = page.reader_result?.content ?? ""
        assert.isTrue(content.startsWith("# What Coral Bleaching Is, and Why Reefs Sometimes Recover"))
        assert.include(content, "degree heating weeks")
        assert.include(content, "## Related reading")
        assert.strictEqual(page.reader_result?.publishedTime, "2024-08-12T08:00:00Z")
        assert.isTrue(SearchResults.toContext(SearchResults.sources(found.search_result).slice(0, 1)).startsWith("[1] What Coral"))
      }))

    it.effect("rejects bad input naming the field, before anything is sent", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const web = yield* Web
        const tooMany = failureOf(yield* Effect.exit(web.search({ search_engine: "search-prime", search_query: "wind", count: 80 })))
        assert.strictEqual(tooMany._tag, "InvalidRequestInput")
        assert.include(tooMany.message, "count")
        const longQuery = failureOf(
          yield* Effect.exit(web.search({ search_engine: "search-prime", search_query: "x".repeat(71) }))
        )
        assert.include(longQuery.message, "search_query")
        const typo = failureOf(
          yield* Effect.exit(web.search({ search_engine: "search-prime", search_query: "wind", ...JSON.parse('{"cout": 3}') }))
        )
        assert.include(typo.message, '"cout"')
        const badUrl = failureOf(yield* Effect.exit(web.read("ftp://example.com/file")))
        assert.include(badUrl.message, "url: expected an http(s) URL")
        const badFormat = failureOf(
          yield* Effect.exit(
            web.read({
              url: "https://example.com",
              // @ts-expect-error: a wrong format on purpose (a JavaScript caller, or data from outside)
              return_format: "html"
            })
          )
        )
        assert.include(badFormat.message, "return_format")
        const proBad = failureOf(yield* Effect.exit(Stream.runDrain(web.searchProStream({ model: "web-search-pro", messages: [] }))))
        assert.include(proBad.message, "messages")
        assert.deepStrictEqual(yield* Simulator.requests, [])
      }))

    it.effect("the simulator answers a bad field with a 400 in the real envelope, mapped to a typed error", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const web = yield* Web
        // extraBody is merged after validation, so it reaches the simulator's own checks
        const error = failureOf(
          yield* Effect.exit(web.search({ search_engine: "search-prime", search_query: "wind" }, { extraBody: { count: 500 } }))
        )
        assert.strictEqual(error._tag, "InvalidRequestError")
        assert.include(error.message, "count")
        if (error._tag === "InvalidRequestError") assert.strictEqual(error.code, "1214")
        const [recorded] = yield* Simulator.requests
        assert.strictEqual(recorded?.status, 400)
        const missing = failureOf(
          yield* Effect.exit(web.read("https://example.com", { extraBody: { url: null } }))
        )
        assert.include(missing.message, "url")
        const unreachable = failureOf(yield* Effect.exit(web.read("https://broken.invalid/page")))
        assert.strictEqual(unreachable._tag, "InvalidRequestError")
        assert.include(unreachable.message, "could not be fetched")
      }))

    it.effect("faults apply as on every route", () =>
      Effect.gen(function*() {
        const web = yield* Web
        const request = { search_engine: "search-prime", search_query: "grid batteries" } as const
        const limited = failureOf(yield* Effect.exit(web.search(request, { headers: { "x-zai-sim-fault": "rate-limit" } })))
        assert.strictEqual(limited._tag, "RateLimitError")
        const broke = failureOf(yield* Effect.exit(web.read("https://example.com", { headers: { "x-zai-sim-fault": "insufficient-balance" } })))
        assert.strictEqual(broke._tag, "InsufficientBalanceError")
        const garbled = failureOf(yield* Effect.exit(web.search(request, { headers: { "x-zai-sim-fault": "corrupt-sse" } })))
        assert.strictEqual(garbled._tag, "ResponseDecodeError")
      }))
  })

  describe("read", () => {
    it.effect("sends the body timeout (seconds) and options, apart from the call's own timeout", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const web = yield* Web
        const page = yield* web.read(
          {
            url: "https://sim.zai-kit.dev/cities/cycling-infrastructure",
            timeout: 30,
            return_format: "text",
            with_links_summary: true,
            with_images_summary: true,
            no_cache: true
          },
          { timeout: "45 seconds" }
        )
        const [recorded] = yield* Simulator.requests
        assert.strictEqual(recorded?.path, "/reader")
        assert.deepStrictEqual(recorded?.body, {
          url: "https://sim.zai-kit.dev/cities/cycling-infrastructure",
          timeout: 30,
          return_format: "text",
          with_links_summary: true,
          with_images_summary: true,
          no_cache: true
        })
        const result = page.reader_result
        assert.strictEqual(result?.title, "What Makes a City Good for Cycling")
        assert.isFalse((result?.content ?? "").includes("# "))
        assert.include(result?.content ?? "", "Secure parking is the overlooked half")
        assert.strictEqual(result?.links?.["Congestion Pricing: Charging for Road Space"], "https://sim.zai-kit.dev/cities/congestion-pricing")
        assert.deepStrictEqual(Object.values(result?.images ?? {}), ["https://sim.zai-kit.dev/img/cycling-infrastructure.png"])
        assert.strictEqual(result?.metadata?.keywords, "cycling, bike lanes, urban transport, cities, infrastructure, safety")
      }))

    it.effect("reads any other URL as a deterministic generated page", () =>
      Effect.gen(function*() {
        const web = yield* Web
        const a = yield* web.read("https://news.example.com/2025/tidal-power-in-scotland")
        const b = yield* web.read("https://news.example.com/2025/tidal-power-in-scotland/")
        assert.strictEqual(a.reader_result?.title, "Tidal Power In Scotland")
        assert.strictEqual(a.reader_result?.content, b.reader_result?.content)
        assert.include(a.reader_result?.content ?? "", "tidal power in scotland")
      }))
  })

  describe("searchPro", () => {
    const request = {
      model: "web-search-pro",
      messages: [{ role: "user" as const, content: "How do large language models use attention?" }]
    }

    it.effect("returns intent, results and recommendations as tool calls", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const web = yield* Web
        const answer = yield* web.searchPro({ ...request, stream: true, recent_days: 400 })
        const [recorded] = yield* Simulator.requests
        assert.strictEqual(recorded?.path, "/tools")
        assert.deepStrictEqual(recorded?.body, { ...request, recent_days: 400 })
        assert.deepStrictEqual(
          answer.choices?.[0]?.message?.tool_calls?.map((c) => c.type),
          ["search_intent", "search_result", "search_recommend"]
        )
        const collected = SearchPro.collect(answer)
        assert.strictEqual(collected.intents[0]?.query, request.messages[0].content)
        assert.strictEqual(collected.results[0]?.link, "https://sim.zai-kit.dev/ai/how-large-language-models-work")
        assert.isAbove(collected.recommendations.length, 0)
        assert.isAbove(answer.usage?.total_tokens ?? 0, 0)
      }))

    it.effect("streams the same tool calls as SSE chunks", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const web = yield* Web
        const chunks = yield* Stream.runCollect(web.searchProStream(request))
        const [recorded] = yield* Simulator.requests
        assert.strictEqual(recorded?.headers.accept, "text/event-stream")
        assert.deepStrictEqual(recorded?.body, { ...request, stream: true })
        assert.strictEqual(chunks.length, 4)
        assert.strictEqual(chunks[3]?.choices?.[0]?.finish_reason, "stop")
        const streamed = SearchPro.collectChunks(chunks)
        const plain = SearchPro.collect(yield* web.searchPro(request))
        assert.deepStrictEqual(streamed, plain)
        const accumulated = yield* SearchPro.accumulate(web.searchProStream(request))
        assert.deepStrictEqual(accumulated, plain)
      }))

    it.effect("stream faults surface as typed errors", () =>
      Effect.gen(function*() {
        const web = yield* Web
        const frame = failureOf(
          yield* Effect.exit(Stream.runDrain(web.searchProStream(request, { headers: { "x-zai-sim-fault": "error-frame;after=1" } })))
        )
        assert.strictEqual(frame._tag, "InternalServerError")
        const truncated = failureOf(
          yield* Effect.exit(Stream.runDrain(web.searchProStream(request, { headers: { "x-zai-sim-fault": "truncated-sse;after=2" } })))
        )
        assert.strictEqual(truncated._tag, "StreamParseError")
        const unknownModel = failureOf(yield* Effect.exit(web.searchPro({ ...request, model: "nope" })))
        assert.strictEqual(unknownModel._tag, "NotFoundError")
      }))
  })

  describe("module accessors", () => {
    it.effect("call the service in context", () =>
      Effect.gen(function*() {
        const found = yield* WebModule.search({ search_engine: "search-prime", search_query: "congestion pricing" })
        assert.strictEqual(found.search_result?.[0]?.link, "https://sim.zai-kit.dev/cities/congestion-pricing")
      }))
  })
})

describe("lenient decoding", () => {
  const body = JSON.stringify({
    id: "ws-1",
    created: 1735700000,
    request_id: null,
    search_intent: null,
    search_result: [
      {
        title: "A",
        link: "https://a.example",
        content: null,
        icon: null,
        media: "A site",
        refer: "ref_1",
        publish_date: null,
        images: [{ url: "https://a.example/i.png" }, "https://a.example/j.png"],
        score: 0.93
      },
      { title: null, link: null }
    ],
    new_field: { nested: true }
  })
  const { layer: cannedLayer, seen } = canned(body)

  layer(cannedLayer)((it) => {
    it.effect("keeps unknown fields and tolerates nulls", () =>
      Effect.gen(function*() {
        const found = yield* WebModule.search({ search_engine: "search-prime", search_query: "anything" })
        assert.strictEqual(found.new_field !== undefined, true)
        assert.deepStrictEqual(found.new_field, { nested: true })
        assert.isNull(found.search_intent)
        assert.strictEqual(found.search_result?.[0]?.score, 0.93)
        assert.isNull(found.search_result?.[0]?.content)
        assert.strictEqual(found.search_result?.[0]?.images?.length, 2)
        const sources = SearchResults.sources(found.search_result)
        assert.deepStrictEqual(sources, [
          { title: "A", link: "https://a.example", content: "", media: "A site", publishDate: undefined }
        ])
        assert.strictEqual(SearchResults.toContext(sources), "[1] A — https://a.example (A site)")
        assert.strictEqual(seen[0]?.url, "http://zai.test/api/paas/v4/web_search")
      }))

    it.effect("accepts single-object tool-call payloads from web-search-pro", () =>
      Effect.gen(function*() {
        const exit = yield* Effect.exit(WebModule.searchPro({ model: "web-search-pro", messages: [{ role: "user", content: "x" }] }))
        assert.isTrue(Exit.isSuccess(exit))
        const collected = SearchPro.collect({
          choices: [
            {
              message: {
                tool_calls: [
                  { type: "search_result", search_result: { title: "One", link: "https://one.example" } },
                  { type: "search_recommend", search_recommend: null }
                ]
              }
            }
          ]
        })
        assert.strictEqual(collected.results[0]?.title, "One")
        assert.deepStrictEqual(collected.recommendations, [])
      }))
  })
})
