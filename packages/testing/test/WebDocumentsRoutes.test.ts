/**
 * The pieces behind the web and documents routes: the built-in corpus, the document text reader and the multipart
 * parser. (The routes themselves are exercised end to end by the `@zai-kit/web` and `@zai-kit/documents` tests.)
 */
import { assert, describe, it } from "@effect/vitest"
import { Effect, Result } from "effect"
import * as Corpus from "../src/internal/corpus/index.js"
import * as DocumentText from "../src/internal/documentText.js"
import * as Multipart from "../src/internal/multipart.js"

const encoder = new TextEncoder()

describe("corpus", () => {
  it("has 15 articles with unique sim URLs, dates and 4–8 paragraphs", () => {
    assert.strictEqual(Corpus.articles.length, 15)
    assert.strictEqual(new Set(Corpus.articles.map((a) => a.url)).size, 15)
    for (const article of Corpus.articles) {
      assert.match(article.url, /^https:\/\/sim\.zai-kit\.dev\/[a-z]+\/[a-z0-9-]+$/)
      assert.match(article.date, /^\d{4}-\d{2}-\d{2}$/)
      assert.isAtLeast(article.paragraphs.length, 4)
      assert.isAtMost(article.paragraphs.length, 8)
    }
  })

  it("ranks by keyword overlap, deterministically, and fills up with generated pages", () => {
    const options = { count: 5, domain: undefined, recency: undefined, seed: "" }
    const hits = Corpus.search("ocean currents and climate", options)
    assert.strictEqual(hits[0]?.url, "https://sim.zai-kit.dev/ocean/ocean-currents-climate")
    assert.deepStrictEqual(hits, Corpus.search("ocean currents and climate", options))
    const none = Corpus.search("zzqx unknowable", { ...options, count: 2 })
    assert.deepStrictEqual(none.map((h) => h.url), [
      "https://sim.zai-kit.dev/search/zzqx-unknowable-1",
      "https://sim.zai-kit.dev/search/zzqx-unknowable-2"
    ])
    assert.strictEqual(Corpus.page(none[0]?.url ?? "", "").title, none[0]?.title)
  })

  it("reads a corpus URL however it is written", () => {
    assert.strictEqual(Corpus.byUrl("HTTPS://SIM.ZAI-KIT.DEV/dev/typescript-strict-mode/?utm=1#top")?.title, "Getting the Most from TypeScript Strict Mode")
    const text = Corpus.render(Corpus.page("https://sim.zai-kit.dev/dev/typescript-strict-mode", ""), { format: "text", retainImages: true })
    assert.isTrue(text.startsWith("Getting the Most from TypeScript Strict Mode\n\nTyped Weekly · 2024-10-17"))
    assert.notInclude(text, "![")
  })
})

describe("documentText", () => {
  it("reads text runs of uncompressed PDF streams: escapes, hex strings, TJ spacing, one page per stream", () => {
    const stream1 = "BT /F1 12 Tf 72 720 Td (Hello \\(world\\)) Tj T* [(Second) -400 (line)] TJ ET"
    const stream2 = "BT <48692074686572652021> Tj ET"
    const compressed = "x\u009c\u00cbH\u00cd\u00c9\u00c9\u0007\u0000"
    const source = [
      "%PDF-1.7",
      "1 0 obj << /Type /Page >> endobj",
      `2 0 obj << /Length ${stream1.length} >>\nstream\n${stream1}\nendstream endobj`,
      `3 0 obj << /Length 9 /Filter /FlateDecode >>\nstream\n${compressed}\nendstream endobj`,
      "4 0 obj << /Type /Page >> endobj",
      `5 0 obj << /Length ${stream2.length} >>\nstream\n${stream2}\nendstream endobj`,
      "%%EOF"
    ].join("\n")
    const read = DocumentText.read(Uint8Array.from(source, (c) => c.charCodeAt(0)), "x.pdf")
    assert.strictEqual(read.kind, "pdf")
    assert.deepStrictEqual(read.pages, ["Hello (world)\nSecond line", "Hi there !"])
  })

  it("reads UTF-8 text and gives binary a placeholder naming size and hash", () => {
    const text = DocumentText.read(encoder.encode("第一页\fPage two"), "a.txt")
    assert.deepStrictEqual(text.pages, ["第一页", "Page two"])
    const binary = DocumentText.read(Uint8Array.from([0xff, 0xd8, 0xff, 0x00, 0x01]), "scan.jpg")
    assert.strictEqual(binary.kind, "binary")
    assert.include(binary.pages[0] ?? "", `The file scan.jpg (5 bytes, hash ${binary.hash})`)
    assert.strictEqual(binary.hash, DocumentText.read(Uint8Array.from([0xff, 0xd8, 0xff, 0x00, 0x01]), "other").hash)
  })
})

describe("multipart", () => {
  it.effect("parses fields and binary files byte for byte, as fetch encodes them", () =>
    Effect.gen(function*() {
      const bytes = Uint8Array.from({ length: 256 }, (_, i) => i)
      const form = new FormData()
      form.append("tool_type", "hand_write")
      form.append("file", new Blob([bytes], { type: "image/png" }), "scan \"1\".png")
      form.append("tags[]", "a")
      form.append("tags[]", "b")
      const request = new Request("http://x", { method: "POST", body: form })
      const body = new Uint8Array(yield* Effect.promise(() => request.arrayBuffer()))
      const parsed = Multipart.formOf({ headers: { "content-type": request.headers.get("content-type") ?? "" }, bodyBytes: body })
      assert.isTrue(Result.isSuccess(parsed))
      if (Result.isFailure(parsed)) return
      assert.strictEqual(parsed.success.text("tool_type"), "hand_write")
      const file = parsed.success.get("file")
      assert.strictEqual(file?.filename, "scan \"1\".png")
      assert.strictEqual(file?.contentType, "image/png")
      assert.deepStrictEqual(file?.bytes, bytes)
      assert.deepStrictEqual(parsed.success.getAll("tags[]").map((p) => new TextDecoder().decode(p.bytes)), ["a", "b"])
      const notMultipart = Multipart.formOf({ headers: { "content-type": "application/json" }, bodyBytes: body })
      assert.isTrue(Result.isFailure(notMultipart))
    }))
})
