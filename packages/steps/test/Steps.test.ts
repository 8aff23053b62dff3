import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, layer } from "@effect/vitest"
import { MediaChecks, Simulator } from "@zai-kit/testing"
import { Pipeline, Spec, Step } from "@zai-kit/workflow"
import { Effect } from "effect"
import { Registry } from "../src/index.js"
import { layer as testLayer, runStep, stepOf, tempDir } from "./support.js"


/** The message of a rejected input, decoded as a spec pipeline would (before any call). */
const badInput = (kind: Registry.Kind, input: unknown) =>
  Effect.gen(function* () {
    const step = yield* stepOf(kind, tempDir())
    const error = yield* Effect.flip(Step.decodeInput(step)(input))
    return error.message
  })

const requestsTo = (path: string) =>
  Effect.map(Simulator.Simulator, (sim) => sim.requests).pipe(
    Effect.flatten,
    Effect.map((all) => all.filter((r) => r.path.endsWith(path)))
  )

/** A one-page PDF whose content stream draws `text` (uncompressed, as the simulator's parser reads it). */
const pdfWith = (text: string): Uint8Array => {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`
  return new TextEncoder().encode(
    [
      "%PDF-1.4",
      "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
      "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
      "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj",
      `4 0 obj << /Length ${stream.length} >> stream`,
      stream,
      "endstream endobj",
      "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj",
      "trailer << /Root 1 0 R >>",
      "%%EOF",
      ""
    ].join("\n")
  )
}

describe("steps", () => {
  layer(testLayer)((it) => {
    it.effect("web.search: results with their URLs; a query over 70 characters is rejected naming query", () =>
      Effect.gen(function* () {
        const step = yield* stepOf("web.search", tempDir())
        const { output, events } = yield* runStep(step, { query: "offshore wind turbines", count: 3 })
        const out = output as { results: ReadonlyArray<{ url: string; title: string }>; urls: ReadonlyArray<string> }
        assert.strictEqual(out.results.length, 3)
        assert.deepStrictEqual(out.urls, out.results.map((r) => r.url))
        assert.isTrue(events.some((e) => e._tag === "StepProgress" && e.message === '3 results for "offshore wind turbines"'))
        const message = yield* badInput("web.search", { query: "x".repeat(71) })
        assert.include(message, `["query"]`)
        assert.include(message, "70")
      }))

    it.effect("web.read: a page as Markdown cut to maxChars; a non-http URL is rejected naming url", () =>
      Effect.gen(function* () {
        const search = yield* stepOf("web.search", tempDir())
        const found = (yield* runStep(search, { query: "grid batteries" })).output as { urls: ReadonlyArray<string> }
        const read = yield* stepOf("web.read", tempDir())
        const { output } = yield* runStep(read, { url: found.urls[0], maxChars: 200 })
        const page = output as { url: string; title: string; content: string }
        assert.strictEqual(page.url, found.urls[0])
        assert.isAbove(page.title.length, 0)
        assert.strictEqual(page.content.length, 200)
        assert.include(yield* badInput("web.read", { url: "ftp://example.com/x" }), `["url"]`)
      }))

    it.effect("chat.complete: the answer and its token usage; an empty prompt is rejected naming prompt", () =>
      Effect.gen(function* () {
        const step = yield* stepOf("chat.complete", tempDir())
        const { output, events } = yield* runStep(step, { prompt: "Explain tidal energy", system: "Be brief" })
        const answer = output as { text: string; model: string }
        assert.include(answer.text, "tidal")
        assert.strictEqual(answer.model, "glm-4.6")
        const done = events.find((e) => e._tag === "StepSucceeded")
        assert.isTrue(done?._tag === "StepSucceeded" && done.usage.inputTokens > 0 && done.usage.outputTokens > 0)
        const sent = (yield* requestsTo("/chat/completions")).at(-1)?.body as { messages: ReadonlyArray<{ role: string }> }
        assert.deepStrictEqual(sent.messages.map((m) => m.role), ["system", "user"])
        assert.include(yield* badInput("chat.complete", { prompt: "" }), `["prompt"]`)
      }))

    it.effect("chat.summarize: short input in one call, sources numbered and kept", () =>
      Effect.gen(function* () {
        const step = yield* stepOf("chat.summarize", tempDir())
        const before = (yield* requestsTo("/chat/completions")).length
        const { output } = yield* runStep(step, {
          documents: [
            { title: "Tides", url: "https://a.test/tides", content: "Tidal stream turbines work like underwater windmills." },
            { content: "An unsourced note about wave energy." },
            { title: "Waves", url: "https://b.test/waves", content: "Wave energy converters ride the swell." }
          ],
          instructions: "Write an outline."
        })
        const summary = output as { summary: string; sources: ReadonlyArray<unknown>; sourcesMarkdown: string; chunks: number }
        assert.strictEqual(summary.chunks, 1)
        assert.strictEqual((yield* requestsTo("/chat/completions")).length - before, 1)
        assert.deepStrictEqual(summary.sources, [
          { index: 1, title: "Tides", url: "https://a.test/tides" },
          { index: 2, title: "Waves", url: "https://b.test/waves" }
        ])
        assert.strictEqual(summary.sourcesMarkdown, "1. [Tides](https://a.test/tides)\n2. [Waves](https://b.test/waves)")
        const sent = (yield* requestsTo("/chat/completions")).at(-1)?.body as { messages: ReadonlyArray<{ content: string }> }
        assert.include(sent.messages[1]?.content ?? "", "[2] Waves — https://b.test/waves")
        assert.include(sent.messages[0]?.content ?? "", "Write an outline.")
        assert.include(yield* badInput("chat.summarize", { text: "  " }), `["text"]`)
        assert.include(yield* badInput("chat.summarize", { text: "x", chunkTokens: 10 }), `["chunkTokens"]`)
      }))

    it.effect("chat.summarize: long input is chunked (tokenizer-calibrated), mapped concurrently, then reduced", () =>
      Effect.gen(function* () {
        const step = yield* stepOf("chat.summarize", tempDir())
        const paragraph = (i: number) =>
          `Paragraph ${i} explains how offshore wind farm number ${i} connects its turbines to the grid through a substation and export cables.`
        const text = Array.from({ length: 40 }, (_, i) => paragraph(i)).join("\n\n")
        const chatBefore = (yield* requestsTo("/chat/completions")).length
        const tokBefore = (yield* requestsTo("/tokenizer")).length
        const { output, events } = yield* runStep(step, { text, chunkTokens: 300, concurrency: 3 })
        const summary = output as { summary: string; chunks: number; inputTokens: number }
        assert.isAbove(summary.chunks, 3)
        assert.isAbove(summary.inputTokens, 300)
        assert.strictEqual((yield* requestsTo("/tokenizer")).length - tokBefore, 1)
        const calls = (yield* requestsTo("/chat/completions")).slice(chatBefore)
        // one call per chunk, then at least the final call
        assert.isAtLeast(calls.length, summary.chunks + 1)
        const firstRound = calls.filter((c) => JSON.stringify(c.body).includes(`of ${summary.chunks}) of a longer material`))
        assert.strictEqual(firstRound.length, summary.chunks)
        const progress = events.filter((e) => e._tag === "StepProgress").map((e) => (e._tag === "StepProgress" ? e.message : ""))
        assert.include(progress, `round 1: ${summary.chunks}/${summary.chunks} chunks summarized`)
        const done = events.find((e) => e._tag === "StepSucceeded")
        assert.isTrue(done?._tag === "StepSucceeded" && done.usage.inputTokens > 0)
        assert.isAbove(summary.summary.length, 0)
      }))

    it.effect("chat.extract: a value matching the JSON Schema and its Markdown; a bad schema is a JsonSchemaError", () =>
      Effect.gen(function* () {
        const step = yield* stepOf("chat.extract", tempDir())
        const schema = {
          type: "object",
          properties: { decisions: { type: "array", items: { type: "string" } }, owner: { type: "string" } },
          required: ["decisions", "owner"]
        }
        const { output } = yield* runStep(step, { text: "We decided to ship on Friday. Ana owns the release.", schema })
        const extracted = output as { value: { decisions: ReadonlyArray<string>; owner: string }; markdown: string }
        assert.isArray(extracted.value.decisions)
        assert.isString(extracted.value.owner)
        assert.match(extracted.markdown, /^## Decisions\n\n- .+\n\n## Owner\n\n.+$/)
        const sent = (yield* requestsTo("/chat/completions")).at(-1)?.body as { response_format: unknown; messages: ReadonlyArray<{ content: string }> }
        assert.deepStrictEqual(sent.response_format, { type: "json_object" })
        assert.include(sent.messages[0]?.content ?? "", JSON.stringify(schema))
        const bad = yield* Effect.flip(
          step.run({ text: "x", schema: { type: "object", properties: { a: { type: "string", pattern: "^a" } } } })
        )
        assert.strictEqual((bad as { _tag: string })._tag, "JsonSchemaError")
        assert.include((bad as Error).message, "chat.extract: schema is not a usable JSON Schema")
        assert.include(yield* badInput("chat.extract", { text: "x", schema: "object" }), `["schema"]`)
      }))

    it.effect("agents.translate: the translated text; an empty target language is rejected naming to", () =>
      Effect.gen(function* () {
        const step = yield* stepOf("agents.translate", tempDir())
        const { output } = yield* runStep(step, { text: "Hello world", to: "fr" })
        const translated = output as { text: string; to: string; parts: number }
        assert.strictEqual(translated.to, "fr")
        assert.strictEqual(translated.parts, 1)
        assert.notStrictEqual(translated.text, "Hello world")
        assert.isAbove(translated.text.length, 0)
        const long = yield* runStep(step, { text: Array.from({ length: 6 }, () => "word ".repeat(80).trim()).join("\n\n"), to: "fr", chunkChars: 900 })
        assert.strictEqual((long.output as { parts: number }).parts, 3)
        assert.include(yield* badInput("agents.translate", { text: "Hi", to: "" }), `["to"]`)
      }))

    it.effect("agents.slides: waits, downloads the PDF and page images into dir, writes the preview; an escaping dir sends nothing", () =>
      Effect.gen(function* () {
        const out = tempDir()
        const step = yield* stepOf("agents.slides", out)
        const { output, events } = yield* runStep(step, { prompt: "Ocean energy: waves, tides and offshore wind", dir: "deck" })
        const deck = output as { pdf: string; images: ReadonlyArray<string>; preview: string; files: ReadonlyArray<string>; pages: ReadonlyArray<string> }
        assert.strictEqual(deck.pdf, join(out, "deck", "slides.pdf"))
        assert.deepStrictEqual(deck.images, deck.pages.map((_, i) => join(out, "deck", `slide-0${i + 1}.png`)))
        assert.strictEqual(readFileSync(deck.pdf).subarray(0, 5).toString("latin1"), "%PDF-")
        assert.strictEqual(deck.images.length, deck.pages.length)
        for (const image of deck.images) MediaChecks.checkPng(readFileSync(image))
        assert.strictEqual(deck.preview, join(out, "deck", "slides.html"))
        const html = readFileSync(deck.preview, "utf8")
        assert.strictEqual(html.match(/<img /g)?.length, deck.images.length)
        for (const file of deck.files) assert.isTrue(existsSync(file))
        assert.isTrue(events.some((e) => e._tag === "StepProgress" && (e.message ?? "").startsWith("downloading")))
        const before = (yield* requestsTo("/v1/agents")).length
        const error = yield* Effect.flip(step.run({ prompt: "x", dir: "../escape" }))
        assert.strictEqual((error as { _tag: string })._tag, "PathOutsideOutputDirError")
        assert.include((error as Error).message, `dir "../escape" escapes the output directory ${out}`)
        assert.strictEqual((yield* requestsTo("/v1/agents")).length, before)
      }))

    it.effect("images.generate: saves a PNG; a bad size is rejected naming size", () =>
      Effect.gen(function* () {
        const step = yield* stepOf("images.generate", tempDir())
        const { output } = yield* runStep(step, { prompt: "a lighthouse at dawn", size: "1024x768", dir: "img" })
        const images = output as { files: ReadonlyArray<string>; urls: ReadonlyArray<string> }
        assert.strictEqual(images.files.length, 1)
        const info = MediaChecks.checkPng(readFileSync(images.files[0] ?? ""))
        assert.isAbove(info.width, info.height)
        assert.include(yield* badInput("images.generate", { prompt: "x", size: "big" }), `["size"]`)
      }))

    it.effect("videos.generate: waits and saves the MP4 and its cover; neither prompt nor imageUrl is rejected naming prompt", () =>
      Effect.gen(function* () {
        const step = yield* stepOf("videos.generate", tempDir())
        const { output } = yield* runStep(step, { prompt: "waves rolling onto a beach" })
        const video = output as { videos: ReadonlyArray<string>; covers: ReadonlyArray<string> }
        assert.strictEqual(video.videos.length, 1)
        assert.strictEqual(readFileSync(video.videos[0] ?? "").subarray(4, 8).toString("latin1"), "ftyp")
        MediaChecks.checkPng(readFileSync(video.covers[0] ?? ""))
        assert.include(yield* badInput("videos.generate", {}), `["prompt"]`)
      }))

    it.effect("audio.speak writes a WAV that audio.transcribe reads back; bad inputs name text and file", () =>
      Effect.gen(function* () {
        const out = tempDir()
        const speak = yield* stepOf("audio.speak", out)
        const { output } = yield* runStep(speak, { text: "We ship on Friday.", path: "audio/hello.wav" })
        const wav = output as { path: string; bytes: number }
        assert.strictEqual(wav.path, join(out, "audio", "hello.wav"))
        const bytes = readFileSync(wav.path)
        assert.strictEqual(bytes.length, wav.bytes)
        assert.strictEqual(bytes.subarray(0, 4).toString("latin1"), "RIFF")
        assert.strictEqual(bytes.subarray(8, 12).toString("latin1"), "WAVE")
        const transcribe = yield* stepOf("audio.transcribe", out)
        const heard = (yield* runStep(transcribe, { file: wav.path })).output as { text: string }
        assert.strictEqual(heard.text, "We ship on Friday.")
        assert.include(yield* badInput("audio.speak", { text: "x".repeat(1025), path: "a.wav" }), `["text"]`)
        assert.include(yield* badInput("audio.transcribe", { file: "" }), `["file"]`)
        const missing = yield* Effect.flip(transcribe.run({ file: join(out, "nope.wav") }))
        assert.strictEqual((missing as { _tag: string })._tag, "LocalFileError")
      }))

    it.effect("documents.parse and documents.ocr read a PDF; a bad tool is rejected naming tool", () =>
      Effect.gen(function* () {
        const dir = tempDir()
        const file = join(dir, "report.pdf")
        writeFileSync(file, pdfWith("Quarterly revenue grew by twelve percent"))
        const parse = yield* stepOf("documents.parse", dir)
        const parsed = (yield* runStep(parse, { file })).output as { text: string }
        assert.include(parsed.text, "Quarterly revenue grew by twelve percent")
        const ocr = yield* stepOf("documents.ocr", dir)
        const recognized = (yield* runStep(ocr, { file })).output as { markdown: string; pages: number }
        assert.include(recognized.markdown, "Quarterly revenue grew by twelve percent")
        assert.strictEqual(recognized.pages, 1)
        assert.include(yield* badInput("documents.parse", { file, tool: "ultra" }), `["tool"]`)
        assert.include(yield* badInput("documents.ocr", { file: "" }), `["file"]`)
      }))

    it.effect("embeddings.embed: one vector per text with usage; an empty list is rejected naming texts", () =>
      Effect.gen(function* () {
        const step = yield* stepOf("embeddings.embed", tempDir())
        const { output, events } = yield* runStep(step, { texts: ["tidal power", "wave power"], dimensions: 256 })
        const embedded = output as { vectors: ReadonlyArray<ReadonlyArray<number>>; dimensions: number }
        assert.strictEqual(embedded.vectors.length, 2)
        assert.strictEqual(embedded.dimensions, 256)
        const done = events.find((e) => e._tag === "StepSucceeded")
        assert.isTrue(done?._tag === "StepSucceeded" && done.usage.inputTokens > 0)
        assert.include(yield* badInput("embeddings.embed", { texts: [] }), `["texts"]`)
        assert.include(yield* badInput("embeddings.embed", { texts: ["a"], dimensions: 300 }), `["dimensions"]`)
      }))

    it.effect("files.upload: the uploaded file's id and name; an unknown purpose is rejected naming purpose", () =>
      Effect.gen(function* () {
        const dir = tempDir()
        const file = join(dir, "requests.jsonl")
        writeFileSync(file, `${JSON.stringify({ custom_id: "1", method: "POST", url: "/v4/chat/completions", body: { model: "glm-4.6", messages: [{ role: "user", content: "hi" }] } })}\n`)
        const step = yield* stepOf("files.upload", dir)
        const uploaded = (yield* runStep(step, { file, purpose: "batch" })).output as { id: string; filename: string; purpose: string }
        assert.isAbove(uploaded.id.length, 0)
        assert.strictEqual(uploaded.filename, "requests.jsonl")
        assert.strictEqual(uploaded.purpose, "batch")
        assert.include(yield* badInput("files.upload", { file, purpose: "anything" }), `["purpose"]`)
      }))

    it.effect("io.write and io.read stay inside the output directory", () =>
      Effect.gen(function* () {
        const out = join(tempDir(), "out") // its parent is a fresh directory too
        const write = yield* stepOf("io.write", out)
        const written = (yield* runStep(write, { path: "notes/a.md", content: "héllo\n" })).output as { path: string; bytes: number }
        assert.deepStrictEqual(written, { path: join(out, "notes", "a.md"), bytes: 7 })
        const read = yield* stepOf("io.read", out)
        const back = (yield* runStep(read, { path: "notes/a.md" })).output as { content: string }
        assert.strictEqual(back.content, "héllo\n")
        // an absolute path is refused too (a harmless one, in another temporary directory)
        const absolute = join(tempDir(), "absolute.md")
        for (const path of ["../outside.md", "notes/../../outside.md", absolute]) {
          const error = yield* Effect.flip(write.run({ path, content: "x" }))
          assert.strictEqual((error as { _tag: string })._tag, "PathOutsideOutputDirError", path)
          const readError = yield* Effect.flip(read.run({ path }))
          assert.strictEqual((readError as { _tag: string })._tag, "PathOutsideOutputDirError", path)
        }
        assert.isFalse(existsSync(join(out, "..", "outside.md")))
        assert.isFalse(existsSync(absolute))
        assert.include(yield* badInput("io.write", { path: "", content: "x" }), `["path"]`)
        assert.include(yield* badInput("io.write", { path: "a" }), `["content"]`)
      }))

    it.effect("a spec argument that is only known at run time is checked before the call (StepInputError naming it)", () =>
      Effect.gen(function* () {
        const registry = yield* Registry.make({ outputDir: tempDir() })
        const pipeline = yield* Spec.parse(
          `name: s
inputs:
  n: { type: number }
steps:
  - id: search
    uses: web.search
    with: { query: tides, count: "\${{ input.n }}" }
`,
          { file: "s.yaml", registry }
        )
        const before = (yield* requestsTo("/web_search")).length
        const error = yield* Effect.flip(Pipeline.execute(pipeline, { n: 80 }))
        assert.strictEqual((error as { _tag: string })._tag, "StepInputError")
        assert.include((error as Error).message, 'step "search" got an invalid input')
        assert.include((error as Error).message, `["count"]`)
        assert.strictEqual((yield* requestsTo("/web_search")).length, before)
      }))
  })
})
