import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it, layer } from "@effect/vitest"
import { Pipeline, Spec, type Step } from "@zai-kit/workflow"
import { Effect, Option, Stream } from "effect"
import { Pipelines, Registry } from "../src/index.js"
import { layer as testLayer, tempDir } from "./support.js"

const pdfText = (bytes: Buffer): string => bytes.toString("latin1")

/** A one-page PDF whose (uncompressed) content stream draws `text`. */
const onePagePdf = (text: string): string => {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`
  return [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj",
    `4 0 obj << /Length ${stream.length} >> stream`,
    stream,
    "endstream endobj",
    "trailer << /Root 1 0 R >>",
    "%%EOF",
    ""
  ].join("\n")
}

describe("Pipelines", () => {
  it("lists the three shipped pipelines with their files", () => {
    assert.deepStrictEqual(Pipelines.builtinNames, ["research-slides", "translate-document", "meeting-minutes"])
    for (const b of Pipelines.builtin) {
      assert.isTrue(existsSync(b.file), b.file)
      assert.include(readFileSync(b.file, "utf8"), `name: ${b.name}\n`)
    }
    assert.strictEqual(Option.getOrThrow(Pipelines.find("meeting-minutes")).name, "meeting-minutes")
    assert.isTrue(Option.isNone(Pipelines.find("research-slide")))
  })

  layer(testLayer)((it) => {
    it.effect("every shipped file passes Spec.validate against the registry", () =>
      Effect.gen(function* () {
        const registry = yield* Registry.make({ outputDir: tempDir() })
        for (const b of Pipelines.builtin) {
          const report = yield* Spec.validate({ text: readFileSync(b.file, "utf8"), file: b.file, registry })
          assert.strictEqual(report.name, b.name)
          assert.isAbove(report.steps.length, 2)
        }
        const research = yield* Spec.validate({ ...(yield* Pipelines.read("research-slides")), registry })
        assert.deepStrictEqual(research.steps, [
          "search (web.search)",
          "read (web.read)",
          "outline (chat.summarize)",
          "slides (agents.slides)",
          "writeOutline (io.write)",
          "writeSources (io.write)"
        ])
      }))

    it.effect("load: an unknown name fails with PipelineNotFoundError listing the built-in names", () =>
      Effect.gen(function* () {
        const registry = yield* Registry.make({ outputDir: tempDir() })
        const error = yield* Effect.flip(Pipelines.load("reserch-slides", registry))
        assert.strictEqual(error._tag, "PipelineNotFoundError")
        assert.strictEqual(
          error.message,
          'no pipeline "reserch-slides": give a spec file path or one of the built-in pipelines: research-slides, translate-document, meeting-minutes'
        )
        const missing = yield* Effect.flip(Pipelines.load("/nonexistent/spec.yaml", registry))
        assert.include(missing.message, "/nonexistent/spec.yaml does not exist")
      }))

    it.effect("load: a spec file by path, with its errors positioned in that file", () =>
      Effect.gen(function* () {
        const dir = tempDir()
        const file = join(dir, "mine.yaml")
        writeFileSync(file, "name: mine\nsteps:\n  - id: s\n    uses: web.serch\n    with: { query: x }\n")
        const registry = yield* Registry.make({ outputDir: dir })
        const error = yield* Effect.flip(Pipelines.load(file, registry))
        assert.strictEqual(error._tag, "SpecError")
        assert.strictEqual(error.message, `${file}:4:11: step "s": unknown step kind "web.serch" (did you mean "web.search"?)`)
      }))

    it.effect("research-slides runs end to end: deck PDF, page images, preview, outline and sources", () =>
      Effect.gen(function* () {
        const out = tempDir()
        const registry = yield* Registry.make({ outputDir: out })
        const pipeline = yield* Pipelines.load("research-slides", registry)
        const handle = yield* Pipeline.run(pipeline, { topic: "offshore wind turbines", maxSources: 3 })
        const output = (yield* handle.result) as Record<string, unknown>
        const events = yield* Stream.runCollect(handle.events)
        const deck = output.deck as string
        assert.strictEqual(deck, join(out, "slides.pdf"))
        const pdf = readFileSync(deck)
        assert.strictEqual(pdf.subarray(0, 5).toString("latin1"), "%PDF-")
        assert.include(pdfText(pdf.subarray(-32)), "%%EOF")
        assert.match(pdfText(pdf), /\/Type\s*\/Page\b/)
        const outline = readFileSync(output.outline as string, "utf8")
        assert.strictEqual(output.outline, join(out, "outline.md"))
        assert.isAbove(outline.length, 50)
        const sources = readFileSync(output.sources as string, "utf8")
        assert.match(sources, /^# Sources: offshore wind turbines\n\n1\. \[.+\]\(https?:\/\/.+\)\n2\. /)
        assert.strictEqual(sources.match(/^\d+\. /gm)?.length, 3)
        const preview = readFileSync(output.preview as string, "utf8")
        assert.include(preview, "<img src=")
        for (const file of output.files as ReadonlyArray<string>) assert.isTrue(existsSync(file), file)
        const succeeded = events.filter((e) => e._tag === "StepSucceeded").map((e) => e.step)
        assert.includeMembers(succeeded, ["search", "read#0", "read#1", "read#2", "outline", "slides", "writeOutline", "writeSources"])
        const finished = events[events.length - 1]
        assert.strictEqual(finished?._tag, "RunFinished")
        if (finished?._tag === "RunFinished") assert.isAbove(finished.usage.inputTokens, 0)
      }))

    it.effect("translate-document runs end to end: parse a PDF, translate, write the translation", () =>
      Effect.gen(function* () {
        const out = tempDir()
        const source = join(tempDir(), "memo.pdf")
        writeFileSync(source, onePagePdf("Hello world, the meeting is on Monday"))
        const registry = yield* Registry.make({ outputDir: out })
        const pipeline = yield* Pipelines.load("translate-document", registry)
        const output = (yield* Pipeline.execute(pipeline, { file: source, to: "fr", output: "memo.fr.md" })) as Record<string, unknown>
        assert.strictEqual(output.translation, join(out, "memo.fr.md"))
        assert.strictEqual(output.to, "fr")
        const text = readFileSync(join(out, "memo.fr.md"), "utf8")
        assert.include(text, "Bonjour")
        assert.include(text, "Monday")
      }))

    it.effect("meeting-minutes runs end to end: transcribe, summarize, extract decisions and action items, write minutes.md", () =>
      Effect.gen(function* () {
        const out = tempDir()
        const registry = yield* Registry.make({ outputDir: out })
        const speak = registry["audio.speak"] as Step.Step<{ readonly text: string; readonly path: string }, unknown, unknown>
        const spoken = "We decided to launch the pilot in March. Ana will draft the budget by Friday."
        yield* Pipeline.execute(Pipeline.make(speak), { text: spoken, path: "meeting.wav" })
        const pipeline = yield* Pipelines.load("meeting-minutes", registry)
        const output = (yield* Pipeline.execute(pipeline, { audio: join(out, "meeting.wav"), title: "Pilot kick-off" })) as Record<
          string,
          unknown
        >
        assert.strictEqual(output.minutes, join(out, "minutes.md"))
        assert.isArray(output.decisions)
        assert.isArray(output.actionItems)
        const minutes = readFileSync(join(out, "minutes.md"), "utf8")
        assert.match(minutes, /^# Pilot kick-off\n\n## Summary\n\n.+\n\n## Decisions\n\n- .+\n\n## Action items\n\n- Task: .+/s)
        assert.include(minutes, `## Transcript\n\n${spoken}\n`)
      }))
  })
})
