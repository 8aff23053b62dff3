import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import * as WebReader from "../src/WebReader.js"
import * as WebSearch from "../src/WebSearch.js"

const decodeJson = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S) =>
  Schema.decodeUnknownEffect(Schema.fromJsonString(schema))

describe("WebSearch", () => {
  it.effect("accepts a full request and any search engine string", () =>
    Effect.gen(function*() {
      const request = yield* WebSearch.validateWebSearchRequest({
        search_engine: "search_pro_quark",
        search_query: "offshore wind",
        count: 50,
        search_domain_filter: "www.example.com",
        search_recency_filter: "oneWeek",
        content_size: "high",
        search_intent: true,
        include_image: false,
        request_id: "r-1",
        user_id: "user-123"
      })
      assert.strictEqual(request.count, 50)
      const future = yield* WebSearch.validateWebSearchRequest({ search_engine: "search-ultra", search_query: "x" })
      assert.strictEqual(future.search_engine, "search-ultra")
    }))

  it.effect("names every bad field: unknown keys, ranges, literals, query length", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        WebSearch.validateWebSearchRequest({
          search_engine: "search-prime",
          search_query: "x".repeat(WebSearch.maxSearchQueryLength + 1),
          count: 0,
          content_size: "low",
          serch_intent: true
        })
      )
      assert.deepStrictEqual(error.issues.map((i) => i.path), ["serch_intent", "search_query", "count", "content_size"])
      assert.include(error.message, 'did you mean "search_intent"?')
      assert.include(error.message, 'content_size: expected "medium" | "high", got "low"')
      const missing = yield* Effect.flip(WebSearch.validateWebSearchRequest({ search_query: "" }))
      assert.deepStrictEqual(missing.issues.map((i) => i.path), ["search_engine", "search_query"])
    }))

  it.effect("decodes answers leniently: unknown fields kept, nulls accepted, object images", () =>
    Effect.gen(function*() {
      const answer = yield* decodeJson(WebSearch.WebSearchResponse)(JSON.stringify({
        id: "1",
        created: null,
        search_intent: [{ query: "q", intent: "SEARCH_ALL", keywords: null }],
        search_result: [{ title: "t", link: "https://a", images: ["https://i", { url: "https://j" }], rank: 1 }],
        extra: true
      }))
      assert.strictEqual(answer.extra, true)
      assert.strictEqual(answer.search_result?.[0]?.rank, 1)
      assert.isNull(answer.search_intent?.[0]?.keywords)
    }))

  it.effect("validates web-search-pro requests and decodes array or single payloads", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        WebSearch.validateWebSearchProRequest({ model: "web-search-pro", messages: [{ role: "user" }], recent_days: 1.5 })
      )
      assert.deepStrictEqual(error.issues.map((i) => i.path), ["messages[0].content", "recent_days"])
      const chunk = yield* decodeJson(WebSearch.WebSearchProChunk)(JSON.stringify({
        id: "c",
        choices: [{ index: 0, delta: { tool_calls: [{ index: 0, type: "search_result", search_result: { title: "one" } }] } }]
      }))
      const payload = chunk.choices?.[0]?.delta?.tool_calls?.[0]?.search_result
      assert.deepStrictEqual(payload, { title: "one" })
    }))
})

describe("WebReader", () => {
  it.effect("keeps the body timeout (seconds) and checks the URL and format", () =>
    Effect.gen(function*() {
      const request = yield* WebReader.validateReaderRequest({ url: "https://example.com/a?b=1", timeout: 20, return_format: "text" })
      assert.strictEqual(request.timeout, 20)
      const error = yield* Effect.flip(
        WebReader.validateReaderRequest({ url: "example.com", timeout: 0, return_format: "html", request_id: "abc" })
      )
      assert.deepStrictEqual(error.issues.map((i) => i.path), ["url", "timeout", "return_format", "request_id"])
      assert.include(error.message, "url: expected an http(s) URL")
    }))

  it.effect("decodes a reader answer with nulls and unknown fields", () =>
    Effect.gen(function*() {
      const answer = yield* decodeJson(WebReader.ReaderResponse)(JSON.stringify({
        reader_result: {
          title: "T",
          content: "# T",
          publishedTime: null,
          images: { logo: "https://i", broken: null },
          links: null,
          metadata: { keywords: "a" },
          word_count: 2
        },
        usage: { tokens: 5 }
      }))
      assert.strictEqual(answer.reader_result?.word_count, 2)
      assert.isNull(answer.reader_result?.images?.broken)
      assert.deepStrictEqual(answer.usage, { tokens: 5 })
    }))
})
