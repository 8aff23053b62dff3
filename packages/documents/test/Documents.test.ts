import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert, describe, layer } from "@effect/vitest"
import { Simulator, TestLayers } from "@zai-kit/testing"
import { Multipart } from "@zai-kit/transport"
import { Effect, Exit, Schedule, Stream } from "effect"
import * as DocumentsModule from "../src/Documents.js"
import { Documents } from "../src/Documents.js"
import { canned, failureOf, formOf, layer as documentsLayer, pdf } from "./utils.js"

const twoPages = pdf([
  ["Quarterly Report (Draft)", "Revenue grew by twelve percent"],
  ["Outlook", "Costs are expected to fall next year"]
])

const letter = "Dear Ada,\nThank you for the lovely notebook.\n\nSee you on Sunday!\n"

const dir = mkdtempSync(join(tmpdir(), "zai-kit-documents-"))
const notesPath = join(dir, "meeting-notes.md")
writeFileSync(notesPath, "# Meeting notes\n\nWe agreed to ship the parser on Friday.\n")
const pdfPath = join(dir, "report.pdf")
writeFileSync(pdfPath, twoPages)

const base64Of = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64")

layer(documentsLayer({ asyncPolls: 2 }))("Documents", (it) => {
  describe("layoutParsing", () => {
    it.effect("sends bytes as a base64 data URL and returns the PDF's text, page by page", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const documents = yield* Documents
        const parsed = yield* documents.layoutParsing({ file: twoPages, need_layout_visualization: true })
        const [request] = yield* Simulator.requests
        assert.strictEqual(request?.method, "POST")
        assert.strictEqual(request?.path, "/layout_parsing")
        assert.strictEqual(request?.headers["content-type"], "application/json")
        assert.deepStrictEqual(request?.body, {
          model: "glm-ocr",
          need_layout_visualization: true,
          file: `data:application/pdf;base64,${base64Of(twoPages)}`
        })
        assert.strictEqual(parsed.model, "glm-ocr")
        assert.strictEqual(parsed.data_info?.num_pages, 2)
        assert.strictEqual(parsed.layout_details?.length, 2)
        assert.deepStrictEqual(
          parsed.layout_details?.[0]?.map((d) => d.content),
          ["Quarterly Report (Draft)", "Revenue grew by twelve percent"]
        )
        assert.strictEqual(parsed.layout_details?.[1]?.[1]?.label, "text")
        assert.strictEqual(parsed.layout_details?.[1]?.[1]?.bbox_2d?.length, 4)
        assert.include(parsed.md_results ?? "", "Costs are expected to fall next year")
        assert.strictEqual(parsed.layout_visualization?.length, 2)
        assert.isAbove(parsed.usage?.total_tokens ?? 0, 0)
        const secondPage = yield* documents.ocr({ file: twoPages, start_page_id: 2, end_page_id: 2 })
        assert.strictEqual(secondPage.md_results, "Outlook\n\nCosts are expected to fall next year")
        assert.strictEqual(secondPage.data_info?.pages?.length, 1)
      }))

    it.effect("takes a URL as is, a path, base64 and a Blob", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const documents = yield* Documents
        const url = "https://sim.zai-kit.dev/energy/grid-batteries-storage"
        const fromUrl = yield* documents.layoutParsing({ file: url })
        assert.isTrue((fromUrl.md_results ?? "").startsWith("# Grid Batteries and the End of the Evening Peak"))
        const fromObject = yield* documents.layoutParsing({ file: { url } })
        assert.strictEqual(fromObject.md_results, fromUrl.md_results)
        const fromPath = yield* documents.layoutParsing({ file: pdfPath })
        assert.include(fromPath.md_results ?? "", "Revenue grew by twelve percent")
        const fromBase64 = yield* documents.layoutParsing({ file: { base64: base64Of(twoPages), contentType: "application/pdf" } })
        assert.strictEqual(fromBase64.md_results, fromPath.md_results)
        const fromBlob = yield* documents.layoutParsing({ file: new Blob([letter], { type: "text/plain" }) })
        assert.include(fromBlob.md_results ?? "", "Thank you for the lovely notebook.")
        const image = yield* documents.layoutParsing({ file: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]) })
        assert.include(image.md_results ?? "", "8 bytes, hash")
        const bodies = (yield* Simulator.requests).map((r) => r.body)
        assert.deepStrictEqual(bodies[0], { model: "glm-ocr", file: url })
        assert.deepStrictEqual(bodies[3], { model: "glm-ocr", file: `data:application/pdf;base64,${base64Of(twoPages)}` })
        assert.match(String((bodies[4] as { file: string }).file), /^data:text\/plain;base64,/)
        assert.match(String((bodies[5] as { file: string }).file), /^data:image\/png;base64,/)
      }))

    it.effect("rejects bad input naming every field, before anything is sent", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const documents = yield* Documents
        const error = failureOf(
          yield* Effect.exit(
            documents.layoutParsing({
              // a wrong file and an unknown key on purpose (a JavaScript caller, or data from outside)
              file: 42,
              start_page_id: 0,
              ...JSON.parse('{"return_crop_image": true}')
            })
          )
        )
        assert.strictEqual(error._tag, "InvalidRequestInput")
        if (error._tag === "InvalidRequestInput") {
          assert.deepStrictEqual(
            error.issues.map((i) => i.path),
            ["file", "return_crop_image", "start_page_id"]
          )
        }
        assert.include(error.message, "file: expected a URL, { url }, { base64 }, a path")
        assert.include(error.message, 'did you mean "return_crop_images"')
        const pages = failureOf(yield* Effect.exit(documents.layoutParsing({ file: twoPages, start_page_id: 3, end_page_id: 2 })))
        assert.include(pages.message, "end_page_id: expected a page number ≥ start_page_id (3), got 2")
        const badUrl = failureOf(yield* Effect.exit(documents.layoutParsing({ file: { url: "file:///etc/passwd" } })))
        assert.include(badUrl.message, "file.url")
        const missing = failureOf(yield* Effect.exit(documents.layoutParsing({ file: join(dir, "nope.pdf") })))
        assert.strictEqual(missing._tag, "InvalidRequestError")
        assert.include(missing.message, "nope.pdf")
        assert.deepStrictEqual(yield* Simulator.requests, [])
      }))

    it.effect("the simulator's 400 names the field", () =>
      Effect.gen(function*() {
        const documents = yield* Documents
        const error = failureOf(
          yield* Effect.exit(documents.layoutParsing({ file: twoPages }, { extraBody: { start_page_id: 9 } }))
        )
        assert.strictEqual(error._tag, "InvalidRequestError")
        assert.include(error.message, "start_page_id")
        const badBase64 = failureOf(yield* Effect.exit(documents.layoutParsing({ file: { base64: "***" } })))
        assert.include(badBase64.message, "file")
      }))
  })

  describe("handwriting", () => {
    it.effect("uploads multipart with the file named after its sniffed type and reads it line by line", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const documents = yield* Documents
        const result = yield* documents.handwriting({
          file: new TextEncoder().encode(letter),
          language_type: "ENG",
          probability: true
        })
        const [request] = yield* Simulator.requests
        assert.strictEqual(request?.path, "/files/ocr")
        assert.match(request?.headers["content-type"] ?? "", /^multipart\/form-data; boundary=/)
        const form = yield* formOf(request ?? { headers: {}, rawBody: "" })
        assert.strictEqual(form.get("tool_type"), "hand_write")
        assert.strictEqual(form.get("language_type"), "ENG")
        assert.strictEqual(form.get("probability"), "true")
        const file = form.get("file")
        assert.instanceOf(file, File)
        if (file instanceof File) {
          assert.strictEqual(file.name, "document.txt")
          assert.strictEqual(file.type, "text/plain")
          assert.strictEqual(yield* Effect.promise(() => file.text()), letter)
        }
        assert.strictEqual(result.status, "succeeded")
        assert.strictEqual(result.words_result_num, 3)
        assert.deepStrictEqual(
          result.words_result?.map((w) => w.words),
          ["Dear Ada,", "Thank you for the lovely notebook.", "See you on Sunday!"]
        )
        assert.isAbove(result.words_result?.[0]?.probability?.average ?? 0, 0.89)
        assert.strictEqual(result.words_result?.[1]?.location?.top, 96)
        const plain = yield* documents.handwriting({ file: notesPath })
        assert.isUndefined(plain.words_result?.[0]?.probability)
        const [, second] = yield* Simulator.requests
        const secondForm = yield* formOf(second ?? { headers: {}, rawBody: "" })
        const named = secondForm.get("file")
        assert.strictEqual(named instanceof File ? named.name : undefined, "meeting-notes.md")
        assert.strictEqual(named instanceof File ? named.type : undefined, "text/markdown")
      }))

    it.effect("validates the fields and the file together; faults apply", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const documents = yield* Documents
        const error = failureOf(
          yield* Effect.exit(
            documents.handwriting({
              // @ts-expect-error: no file, a wrong tool on purpose
              tool_type: "print",
              // @ts-expect-error: not a boolean on purpose
              probability: "yes"
            })
          )
        )
        assert.strictEqual(error._tag, "InvalidRequestInput")
        if (error._tag === "InvalidRequestInput") {
          assert.deepStrictEqual(error.issues.map((i) => i.path), ["file", "tool_type", "probability"])
        }
        assert.deepStrictEqual(yield* Simulator.requests, [])
        const limited = failureOf(
          yield* Effect.exit(documents.handwriting({ file: notesPath }, { headers: { "x-zai-sim-fault": "rate-limit" } }))
        )
        assert.strictEqual(limited._tag, "RateLimitError")
        const missingTool = failureOf(
          yield* Effect.exit(documents.handwriting({ file: notesPath }, { extraBody: { language_type: "english" } }))
        )
        assert.include(missingTool.message, "language_type")
      }))
  })

  describe("parse", () => {
    it.effect("creates a task, then waitFor polls the text result until it succeeds", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const documents = yield* Documents
        const report = new File(["# Report\n\nSales rose in every region.\n"], "report.md", { type: "text/markdown" })
        const task = yield* documents.parse({ file: report })
        const [create] = yield* Simulator.requests
        assert.strictEqual(create?.path, "/files/parser/create")
        const form = yield* formOf(create ?? { headers: {}, rawBody: "" })
        assert.strictEqual(form.get("tool_type"), "lite")
        assert.strictEqual(form.get("file_type"), "MD")
        const file = form.get("file")
        assert.strictEqual(file instanceof File ? file.name : undefined, "report.md")
        const fiber = yield* Effect.forkChild(task.waitFor({ schedule: Schedule.spaced("1 second") }))
        const exit = yield* TestLayers.drive(fiber, { step: "250 millis" })
        assert.isTrue(Exit.isSuccess(exit))
        if (Exit.isSuccess(exit)) assert.strictEqual(exit.value, "# Report\n\nSales rose in every region.")
        const polls = (yield* Simulator.requests).filter((r) => r.method === "GET")
        assert.strictEqual(polls.length, 3)
        assert.strictEqual(polls[0]?.path, `/files/parser/result/${task.taskId}/text`)
        const link = yield* task.downloadLink()
        assert.strictEqual(link, `https://sim.zai-kit.dev/files/parser/${task.taskId}/result.zip`)
        const again = yield* documents.parseTask(task.taskId)
        const once = yield* again.result("text")
        assert.strictEqual(once.status, "succeeded")
        assert.isNull(once.parsing_result_url)
      }))

    it.effect("reports processing without waiting, a failed task as TaskFailedError, and times out", () =>
      Effect.gen(function*() {
        const documents = yield* Documents
        const task = yield* documents.parse({ file: pdfPath, tool_type: "expert" })
        const first = yield* task.result("text")
        assert.strictEqual(first.status, "processing")
        assert.isNull(first.content)
        const failing = yield* documents.parse({ file: pdfPath }, { headers: { "x-zai-sim-fault": "task-failed" } })
        const failedFiber = yield* Effect.forkChild(failing.waitFor({ schedule: Schedule.spaced("1 second") }))
        const failed = failureOf(yield* TestLayers.drive(failedFiber, { step: "250 millis" }))
        assert.strictEqual(failed._tag, "TaskFailedError")
        assert.include(failed.message, "The file could not be parsed.")
        const slow = yield* documents.parse({ file: pdfPath })
        const slowFiber = yield* Effect.forkChild(slow.waitFor({ schedule: Schedule.spaced("1 second"), timeout: "1500 millis" }))
        const timedOut = failureOf(yield* TestLayers.drive(slowFiber, { step: "250 millis" }))
        assert.strictEqual(timedOut._tag, "TimeoutError")
        if (timedOut._tag === "TimeoutError") assert.strictEqual(timedOut.kind, "poll")
      }))

    it.effect("parseSync answers at once; a byte stream is sniffed and typed", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const documents = yield* Documents
        const result = yield* documents.parseSync({ file: Stream.make(new TextEncoder().encode(letter)) })
        const [request] = yield* Simulator.requests
        assert.strictEqual(request?.path, "/files/parser/sync")
        const form = yield* formOf(request ?? { headers: {}, rawBody: "" })
        assert.strictEqual(form.get("tool_type"), "prime-sync")
        assert.strictEqual(form.get("file_type"), "TXT")
        assert.strictEqual(result.status, "succeeded")
        assert.strictEqual(result.content, letter.trim())
        const fromPdf = yield* DocumentsModule.parseSync({ file: Multipart.fromPath(pdfPath, { filename: "q3.pdf" }) })
        assert.include(fromPdf.content ?? "", "Quarterly Report (Draft)")
        assert.include(fromPdf.content ?? "", "Costs are expected to fall next year")
      }))

    it.effect("rejects bad parse input and bad task ids before anything is sent", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const documents = yield* Documents
        const error = failureOf(
          yield* Effect.exit(
            documents.parse({
              file: notesPath,
              // @ts-expect-error: a wrong tool on purpose
              tool_type: "pro"
            })
          )
        )
        assert.include(error.message, 'tool_type: expected "lite" | "expert" | "prime", got "pro"')
        const badId = failureOf(yield* Effect.exit(documents.parseResult("../../etc", "text")))
        assert.strictEqual(badId._tag, "InvalidRequestInput")
        const badFormat = failureOf(
          yield* Effect.exit(
            documents.parseResult(
              "task-1",
              // @ts-expect-error: a wrong format on purpose
              "pdf"
            )
          )
        )
        assert.include(badFormat.message, "format_type")
        assert.deepStrictEqual(yield* Simulator.requests, [])
        const unknown = failureOf(yield* Effect.exit(documents.parseResult("no-such-task", "text")))
        assert.strictEqual(unknown._tag, "NotFoundError")
      }))
  })
})

describe("lenient decoding", () => {
  const layoutBody = JSON.stringify({
    id: "lp-1",
    created: 1735700000,
    model: "GLM-OCR",
    md_results: "# Title",
    layout_details: [[{ index: 0, label: "doc_title", bbox_2d: null, content: "# Title", width: 1000, height: null, score: 0.98 }], null],
    layout_visualization: null,
    data_info: { num_pages: 2, pages: null },
    usage: null,
    request_id: null,
    new_field: [1, 2]
  })
  const layout = canned(layoutBody)

  layer(layout.layer)((it) => {
    it.effect("keeps unknown fields and tolerates nulls", () =>
      Effect.gen(function*() {
        const parsed = yield* DocumentsModule.layoutParsing({ file: "https://example.com/scan.png" })
        assert.deepStrictEqual(parsed.new_field, [1, 2])
        assert.strictEqual(parsed.layout_details?.[0]?.[0]?.label, "doc_title")
        assert.strictEqual(parsed.layout_details?.[0]?.[0]?.score, 0.98)
        assert.isNull(parsed.layout_details?.[0]?.[0]?.bbox_2d)
        assert.isNull(parsed.layout_details?.[1])
        assert.isNull(parsed.usage)
        assert.strictEqual(layout.seen[0]?.url, "http://zai.test/api/paas/v4/layout_parsing")
      }))
  })

  const rawText = canned("Plain parsed text, no JSON envelope.", "text/plain")
  layer(rawText.layer)((it) => {
    it.effect("reads a bare text result as the content", () =>
      Effect.gen(function*() {
        const task = yield* DocumentsModule.parseTask("task-raw")
        const text = yield* task.waitFor()
        assert.strictEqual(text, "Plain parsed text, no JSON envelope.")
        assert.strictEqual(rawText.seen[0]?.url, "http://zai.test/api/paas/v4/files/parser/result/task-raw/text")
      }))
  })

  const boolStatus = canned(JSON.stringify({ task_id: "t", status: true, message: "ok", content: "Done", parsing_result_url: null, extra: {} }))
  layer(boolStatus.layer)((it) => {
    it.effect("accepts a boolean status", () =>
      Effect.gen(function*() {
        const result = yield* DocumentsModule.parseSync({ file: new Uint8Array([1, 2, 3]) })
        assert.strictEqual(result.status, true)
        assert.deepStrictEqual(result.extra, {})
        const text = yield* (yield* DocumentsModule.parseTask("t")).waitFor()
        assert.strictEqual(text, "Done")
      }))
  })
})
