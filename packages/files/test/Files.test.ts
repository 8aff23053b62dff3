import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator, TestLayers } from "@zai-kit/testing"
import { Multipart, ZaiClient } from "@zai-kit/transport"
import { Effect, Exit, FileSystem, Schema, Stream } from "effect"
import { Files } from "../src/Files.js"
import { failureOf, formOf, inputFailure, layer as filesLayer, layerReplying } from "./utils.js"

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const jsonl = '{"custom_id":"a"}\n'

const lastRequest = Effect.map(Simulator.requests, (all) => {
  const last = all[all.length - 1]
  if (last === undefined) throw new Error("no request recorded")
  return last
})

layer(filesLayer())("Files on the simulator", (it) => {
  describe("upload", () => {
    it.effect("sends multipart `purpose` and `file` (name and type given) and decodes the FileObject", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const files = yield* Files
        const file = yield* files.upload({
          file: encoder.encode(jsonl),
          filename: "requests.jsonl",
          contentType: "application/jsonl",
          purpose: "batch"
        })
        assert.match(file.id, /^file-/)
        assert.strictEqual(file.object, "file")
        assert.strictEqual(file.bytes, jsonl.length)
        assert.strictEqual(file.filename, "requests.jsonl")
        assert.strictEqual(file.purpose, "batch")
        assert.isNumber(file.created_at)

        const recorded = yield* lastRequest
        assert.strictEqual(recorded.method, "POST")
        assert.strictEqual(recorded.path, "/files")
        assert.match(recorded.headers["content-type"] ?? "", /^multipart\/form-data; boundary=/)
        assert.strictEqual(recorded.headers.authorization, "Bearer <redacted>")
        assert.strictEqual(recorded.headers.accept, "application/json")
        assert.isDefined(recorded.headers["zai-sdk-ver"])
        const form = yield* formOf(recorded)
        assert.deepStrictEqual([...form.keys()], ["purpose", "file"])
        assert.strictEqual(form.get("purpose"), "batch")
        const part = form.get("file")
        assert.instanceOf(part, File)
        if (!(part instanceof File)) return
        assert.strictEqual(part.name, "requests.jsonl")
        assert.strictEqual(part.type, "application/jsonl")
        assert.strictEqual(yield* Effect.promise(() => part.text()), jsonl)
      }))

    it.effect("takes a path (name and type inferred), a File, a byte Stream and a Multipart.FileInput", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const files = yield* Files
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        yield* fs.writeFileString(`${dir}/train.jsonl`, jsonl)

        const byPath = yield* files.upload({ file: `${dir}/train.jsonl`, purpose: "fine-tune" })
        assert.strictEqual(byPath.filename, "train.jsonl")
        const pathForm = yield* formOf(yield* lastRequest)
        const pathPart = pathForm.get("file")
        assert.isTrue(pathPart instanceof File && pathPart.type === "application/jsonl")

        const binary = new Uint8Array([0, 255, 128, 10, 13, 0xc3])
        const fromFile = yield* files.upload({ file: new File([binary], "logo.png", { type: "image/png" }), purpose: "agent" })
        assert.strictEqual(fromFile.filename, "logo.png")
        assert.strictEqual(fromFile.bytes, binary.length)
        // binary-exact round trip through the simulator's store
        const back = yield* Stream.mkUint8Array(files.content(fromFile.id))
        assert.deepStrictEqual([...back], [...binary])

        const streamed = yield* files.upload({
          file: Stream.make(encoder.encode("chunk one "), encoder.encode("chunk two")),
          filename: "notes.txt",
          purpose: "file-extract"
        })
        assert.strictEqual(streamed.bytes, "chunk one chunk two".length)
        const streamForm = yield* formOf(yield* lastRequest)
        const streamPart = streamForm.get("file")
        assert.isTrue(streamPart instanceof File && streamPart.type === "text/plain")

        const input = yield* files.upload({ file: Multipart.fromBytes(encoder.encode("x"), { filename: "x.pdf" }), purpose: "agent" })
        assert.strictEqual(input.filename, "x.pdf")
      }))

    it.effect("rejects bad input naming the field, before anything is sent", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const files = yield* Files
        const retrieval = inputFailure(
          yield* Effect.exit(
            // @ts-expect-error: retrieval uploads go through uploadKnowledge
            files.upload({ file: encoder.encode("x"), purpose: "retrieval" })
          )
        )
        assert.strictEqual(retrieval._tag, "InvalidRequestInput")
        assert.strictEqual(retrieval.issues[0]?.path, "purpose")
        assert.include(retrieval.message, '"fine-tune" | "batch"')

        const typo = inputFailure(
          yield* Effect.exit(
            // @ts-expect-error: misspelt key on purpose
            files.upload({ file: encoder.encode("x"), purpose: "batch", purpos: "batch" })
          )
        )
        assert.deepStrictEqual(typo.issues.map((i) => i.path), ["purpos"])
        assert.include(typo.message, 'did you mean "purpose"')

        const noFile = inputFailure(
          yield* Effect.exit(
            // @ts-expect-error: the file is missing on purpose
            files.upload({ purpose: "batch" })
          )
        )
        assert.strictEqual(noFile.issues[0]?.path, "file")
        assert.include(noFile.issues[0]?.message ?? "", "missing")

        const wrongFile = inputFailure(
          yield* Effect.exit(
            // @ts-expect-error: a number is not a file
            files.upload({ file: 42, purpose: "batch", filename: "" })
          )
        )
        assert.deepStrictEqual(wrongFile.issues.map((i) => i.path), ["file", "filename"])
        assert.include(wrongFile.message, "expected a path, Uint8Array, Blob, byte Stream or Multipart.FileInput, got 42")

        assert.lengthOf(yield* Simulator.requests, 0)
      }))

    it.effect("the simulator answers a 400 naming the field for a bad upload", () =>
      Effect.gen(function*() {
        const files = yield* Files
        const notJsonl = failureOf(
          yield* Effect.exit(files.upload({ file: encoder.encode("x"), filename: "x.txt", purpose: "batch" }))
        )
        assert.strictEqual(notJsonl._tag, "InvalidRequestError")
        if (notJsonl._tag !== "InvalidRequestError") return
        assert.strictEqual(notJsonl.status, 400)
        assert.strictEqual(notJsonl.code, "1214")
        assert.include(notJsonl.message, "parameter file is invalid")
      }))
  })

  describe("uploadKnowledge", () => {
    it.effect("flattens custom_separator[] and upload_detail[i][field], answers successInfos and failedInfos", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const files = yield* Files
        const client = yield* ZaiClient.ZaiClient
        const base = yield* client.json(
          {
            method: "POST",
            path: "/knowledge",
            operation: "test.knowledge.create",
            body: { _tag: "Json", value: { embedding_id: 3, name: "Manuals" } }
          },
          Schema.Struct({ id: Schema.String })
        )
        const result = yield* files.uploadKnowledge({
          knowledge_id: base.id,
          file: encoder.encode("How to reset the router."),
          filename: "faq.txt",
          sentence_size: 300,
          custom_separator: ["##", "。"],
          upload_detail: [
            { url: "https://example.com/manual.pdf", knowledge_type: 1, file_name: "manual.pdf", custom_separator: ["---"] },
            { url: "https://example.com/spec.docx", knowledge_type: 5, callback_header: { "x-token": "t" } }
          ]
        })
        assert.deepStrictEqual(result.successInfos?.map((s) => s.filename), ["faq.txt", "manual.pdf", "spec.docx"])
        assert.isTrue(result.successInfos?.every((s) => typeof s.documentId === "string" && s.documentId.startsWith("doc-")))
        assert.deepStrictEqual(result.failedInfos, [])

        const form = yield* formOf(yield* lastRequest)
        assert.strictEqual(form.get("purpose"), "retrieval")
        assert.strictEqual(form.get("knowledge_id"), base.id)
        assert.strictEqual(form.get("sentence_size"), "300")
        assert.deepStrictEqual(form.getAll("custom_separator[]"), ["##", "。"])
        assert.strictEqual(form.get("upload_detail[0][url]"), "https://example.com/manual.pdf")
        assert.strictEqual(form.get("upload_detail[0][knowledge_type]"), "1")
        assert.strictEqual(form.get("upload_detail[0][file_name]"), "manual.pdf")
        assert.deepStrictEqual(form.getAll("upload_detail[0][custom_separator][]"), ["---"])
        assert.strictEqual(form.get("upload_detail[1][url]"), "https://example.com/spec.docx")
        assert.strictEqual(form.get("upload_detail[1][callback_header][x-token]"), "t")

        const unsupported = yield* files.uploadKnowledge({ knowledge_id: base.id, file: encoder.encode("MZ"), filename: "tool.exe" })
        assert.deepStrictEqual(unsupported.successInfos, [])
        assert.strictEqual(unsupported.failedInfos?.[0]?.filename, "tool.exe")
        assert.include(unsupported.failedInfos?.[0]?.failReason ?? "", "Unsupported")

        // the knowledge upload is listed under its knowledge base
        const listed = yield* files.listPage({ knowledge_id: base.id, page: 1, limit: 10 })
        assert.deepStrictEqual(listed.data?.map((f) => f.filename), ["faq.txt"])
      }))

    it.effect("sends field values byte for byte (a bare \\n separator stays \\n) and escapes quotes in the filename", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const files = yield* Files
        const client = yield* ZaiClient.ZaiClient
        const base = yield* client.json(
          {
            method: "POST",
            path: "/knowledge",
            operation: "test.knowledge.create",
            body: { _tag: "Json", value: { embedding_id: 3, name: "Lines" } }
          },
          Schema.Struct({ id: Schema.String })
        )
        const result = yield* files.uploadKnowledge({
          knowledge_id: base.id,
          file: encoder.encode("line one\nline two"),
          filename: 'notes "v2".txt',
          custom_separator: ["\n"]
        })
        assert.deepStrictEqual(result.successInfos?.map((s) => s.filename), ['notes "v2".txt'])
        const recorded = yield* lastRequest
        assert.include(recorded.rawBody, 'name="custom_separator[]"\r\n\r\n\n\r\n--')
        assert.notInclude(recorded.rawBody, 'name="custom_separator[]"\r\n\r\n\r\n')
        assert.include(recorded.rawBody, 'filename="notes %22v2%22.txt"')
        const form = yield* formOf(recorded)
        assert.deepStrictEqual(form.getAll("custom_separator[]"), ["\n"])
        const file = form.get("file")
        assert.isTrue(file instanceof File && file.name === 'notes "v2".txt')
      }))

    it.effect("rejects an upload without file or upload_detail, and bad documents, naming the field", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const files = yield* Files
        const empty = inputFailure(yield* Effect.exit(files.uploadKnowledge({ knowledge_id: "kb-1" })))
        assert.strictEqual(empty.issues[0]?.path, "file")
        const bad = inputFailure(
          yield* Effect.exit(
            files.uploadKnowledge({
              knowledge_id: "",
              upload_detail: [{ url: "ftp://example.com/a.pdf", knowledge_type: 0 }]
            })
          )
        )
        assert.deepStrictEqual(bad.issues.map((i) => i.path), [
          "knowledge_id",
          "upload_detail[0].url",
          "upload_detail[0].knowledge_type"
        ])
        assert.include(bad.message, "expected an http(s) URL")
        assert.lengthOf(yield* Simulator.requests, 0)
      }))
  })

  describe("list", () => {
    it.effect("streams every page, following `after` = the last id", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const files = yield* Files
        const uploaded: Array<string> = []
        for (let i = 0; i < 5; i++) {
          const file = yield* files.upload({ file: encoder.encode(`file ${i}`), filename: `f${i}.txt`, purpose: "agent" })
          uploaded.push(file.id)
        }
        yield* files.upload({ file: encoder.encode(jsonl), filename: "other.jsonl", purpose: "batch" })
        const before = (yield* Simulator.requests).length

        const all = yield* Stream.runCollect(files.list({ purpose: "agent", limit: 2 }))
        assert.deepStrictEqual(all.map((f) => f.id), [...uploaded].reverse())

        const pages = (yield* Simulator.requests).slice(before)
        assert.deepStrictEqual(pages.map((r) => r.method), ["GET", "GET", "GET"])
        assert.deepStrictEqual(pages.map((r) => r.path), ["/files", "/files", "/files"])
        assert.deepStrictEqual(pages.map((r) => r.query), [
          { purpose: "agent", limit: "2" },
          { purpose: "agent", limit: "2", after: uploaded[3] },
          { purpose: "agent", limit: "2", after: uploaded[1] }
        ])

        const page = yield* files.listPage({ limit: 2, order: "asc" })
        assert.deepStrictEqual(page.data?.map((f) => f.id), uploaded.slice(0, 2))
        assert.isTrue(page.has_more)
        assert.strictEqual(page.object, "list")

        const badLimit = failureOf(yield* Effect.exit(Stream.runCollect(files.list({ limit: 0 }))))
        assert.strictEqual(badLimit._tag, "InvalidRequestInput")
        if (badLimit._tag !== "InvalidRequestInput") return
        assert.strictEqual(badLimit.issues[0]?.path, "limit")
      }))

    it.effect("a fault on a later page fails the stream with the typed error", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const files = yield* Files
        for (let i = 0; i < 3; i++) yield* files.upload({ file: encoder.encode("x"), filename: `f${i}.txt`, purpose: "agent" })
        yield* Simulator.injectFaults(["none", "server-error"])
        const error = failureOf(yield* Effect.exit(Stream.runCollect(files.list({ limit: 2 }))))
        assert.strictEqual(error._tag, "InternalServerError")
        const faults = (yield* Simulator.requests).map((r) => r.fault)
        assert.deepStrictEqual(faults.slice(-2), [undefined, "server-error"])
      }))
  })

  describe("retrieve, content, delete", () => {
    it.effect("reads a file back as its object, bytes, text and a file on disk, then deletes it", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const files = yield* Files
        const fs = yield* FileSystem.FileSystem
        const text = "première ligne\nzweite Zeile\n"
        const uploaded = yield* files.upload({ file: encoder.encode(text), filename: "lines.txt", purpose: "file-extract" })

        const retrieved = yield* files.retrieve(uploaded.id)
        assert.deepStrictEqual(retrieved, uploaded)
        assert.strictEqual((yield* lastRequest).path, `/files/${uploaded.id}`)

        assert.strictEqual(yield* files.contentText(uploaded.id), text)
        const content = yield* lastRequest
        assert.strictEqual(content.method, "GET")
        assert.strictEqual(content.path, `/files/${uploaded.id}/content`)
        assert.strictEqual(content.headers.accept, "application/binary")
        assert.strictEqual(decoder.decode(yield* Stream.mkUint8Array(files.content(uploaded.id))), text)

        const dir = yield* fs.makeTempDirectoryScoped()
        yield* files.contentToFile(uploaded.id, `${dir}/copy.txt`)
        assert.strictEqual(yield* fs.readFileString(`${dir}/copy.txt`), text)

        const deleted = yield* files.delete(uploaded.id)
        assert.deepStrictEqual(deleted, { id: uploaded.id, object: "file", deleted: true })
        assert.strictEqual((yield* lastRequest).method, "DELETE")
        const gone = failureOf(yield* Effect.exit(files.retrieve(uploaded.id)))
        assert.strictEqual(gone._tag, "NotFoundError")
        const noContent = failureOf(yield* Effect.exit(files.contentText(uploaded.id)))
        assert.strictEqual(noContent._tag, "NotFoundError")
      }))

    it.effect("rejects an empty id before sending", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const files = yield* Files
        const error = failureOf(yield* Effect.exit(files.retrieve("")))
        assert.strictEqual(error._tag, "InvalidRequestInput")
        if (error._tag !== "InvalidRequestInput") return
        assert.strictEqual(error.issues[0]?.path, "file_id")
        assert.lengthOf(yield* Simulator.requests, 0)
      }))

    it.effect("an upload retried after a rate limit resends the whole multipart body", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const files = yield* Files
        yield* Simulator.injectFaults(["rate-limit"])
        const fiber = yield* Effect.forkChild(
          files.upload({ file: encoder.encode(jsonl), filename: "retry.jsonl", purpose: "batch" }, { maxRetries: 1 })
        )
        const exit = yield* TestLayers.drive(fiber, { step: "250 millis" })
        assert.isTrue(Exit.isSuccess(exit))
        const posts = yield* Simulator.requests
        assert.deepStrictEqual(posts.map((r) => r.status), [429, 200])
        const forms = yield* Effect.forEach(posts, formOf)
        assert.deepStrictEqual(forms.map((f) => f.get("purpose")), ["batch", "batch"])
      }))
  })
})

describe("Files decoding", () => {
  it.effect("keeps unknown fields and tolerates nulls", () =>
    Effect.gen(function*() {
      const files = yield* Files
      const page = yield* files.listPage({ limit: 1 })
      assert.strictEqual(page.has_more, null)
      const [file] = page.data ?? []
      assert.strictEqual(file?.id, "f-1")
      assert.strictEqual(file?.bytes, null)
      assert.strictEqual(file?.filename, null)
      assert.strictEqual(file?.purpose, "a-new-purpose")
      assert.deepStrictEqual(file?.status_details, { reason: "scanning" })
      assert.deepStrictEqual((file as Record<string, unknown> | undefined)?.sha256, "abc")
      assert.strictEqual((page as Record<string, unknown>).trace, 7)

      const knowledge = yield* files.uploadKnowledge({ knowledge_id: "kb", upload_detail: [{ url: "https://x.test/a", knowledge_type: 1 }] })
      assert.strictEqual(knowledge.failedInfos, null)
      assert.deepStrictEqual(knowledge.successInfos?.[0], { documentId: "d-1", filename: null, pages: 3 })
    }).pipe(
      Effect.provide(
        layerReplying((request) =>
          request.method === "GET"
            ? {
              body: {
                object: "list",
                data: [{ id: "f-1", bytes: null, filename: null, purpose: "a-new-purpose", created_at: 1, status_details: { reason: "scanning" }, sha256: "abc" }],
                has_more: null,
                trace: 7
              }
            }
            : { body: { successInfos: [{ documentId: "d-1", filename: null, pages: 3 }], failedInfos: null } })
      )
    ))

  it.effect("a body without the required id is a ResponseDecodeError", () =>
    Effect.gen(function*() {
      const files = yield* Files
      const error = failureOf(yield* Effect.exit(files.retrieve("f-1")))
      assert.strictEqual(error._tag, "ResponseDecodeError")
    }).pipe(Effect.provide(layerReplying(() => ({ body: { object: "file", id: null } })))))
})
