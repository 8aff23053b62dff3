import { assert, describe, layer } from "@effect/vitest"
import { Effect, Schedule } from "effect"
import { baseUrl, call, layerServer, serverKey } from "./support.js"

/** Reads an SSE body into its frames. */
const readSse = (path: string, headers: Record<string, string> = {}) =>
  Effect.flatMap(baseUrl, (base) =>
    Effect.promise(async () => {
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${serverKey}`, ...headers } })
      const text = await response.text()
      const frames = text
        .split("\n\n")
        .filter((block) => block.includes("data: "))
        .map((block) => {
          const field = (name: string) => block.split("\n").find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2)
          return { id: field("id"), event: field("event"), data: JSON.parse(field("data") ?? "null") }
        })
      return { status: response.status, contentType: response.headers.get("content-type"), frames }
    }))

const waitFinished = (id: string) =>
  call(`/v1/runs/${id}`).pipe(
    Effect.flatMap((r) => (r.json.status === "running" ? Effect.fail("running" as const) : Effect.succeed(r.json))),
    Effect.retry({ schedule: Schedule.spaced("100 millis"), times: 300 })
  )

const inlineSpec = `name: shout
description: Upper-cases a note and writes it
inputs:
  note:
    type: string
    required: true
steps:
  - id: write
    uses: io.write
    with:
      path: note.txt
      content: "\${{ input.note }}"
outputs:
  file: "\${{ steps.write.output.path }}"
`

describe("runs API", () => {
  layer(layerServer(), { excludeTestServices: true })((it) => {
    it.effect("a built-in pipeline: started at once, events replayed then live, finished with its files", () =>
      Effect.gen(function*() {
        const started = yield* call("/v1/runs", { body: { pipeline: "research-slides", input: { topic: "green tea" } } })
        assert.strictEqual(started.status, 202)
        assert.strictEqual(started.json.status, "running")
        assert.strictEqual(started.json.pipeline, "research-slides")
        const id: string = started.json.id
        const sse = yield* readSse(`/v1/runs/${id}/events`)
        assert.strictEqual(sse.status, 200)
        assert.include(sse.contentType ?? "", "text/event-stream")
        assert.strictEqual(sse.frames[0]?.event, "RunStarted")
        assert.strictEqual(sse.frames.at(-1)?.event, "RunFinished")
        assert.deepStrictEqual(sse.frames.map((f) => Number(f.id)), sse.frames.map((_, i) => i + 1))
        assert.isTrue(sse.frames.some((f) => f.event === "StepSucceeded" && f.data.step === "slides"))
        const run = yield* waitFinished(id)
        assert.strictEqual(run.status, "succeeded", JSON.stringify(run.error))
        assert.strictEqual(run.steps.slides.status, "succeeded")
        assert.include(run.files, "outline.md")
        const pdf = String(run.files.find((f) => f.endsWith(".pdf")))
        assert.match(pdf, /\.pdf$/)
        const file = yield* call(`/v1/runs/${id}/files/${encodeURIComponent(pdf)}`)
        assert.strictEqual(file.status, 200)
        assert.isTrue(file.text.startsWith("%PDF"))
        assert.include(file.headers.get("content-disposition") ?? "", pdf)

        // Last-Event-ID resumes after the given event; ?after= does the same.
        const resumed = yield* readSse(`/v1/runs/${id}/events`, { "last-event-id": "3" })
        assert.strictEqual(resumed.frames[0]?.id, "4")
        assert.strictEqual(resumed.frames.length, sse.frames.length - 3)
        assert.deepStrictEqual(resumed.frames.map((f) => f.data), sse.frames.slice(3).map((f) => f.data))
        const after = yield* readSse(`/v1/runs/${id}/events?after=${sse.frames.length - 1}`)
        assert.deepStrictEqual(after.frames.map((f) => f.event), ["RunFinished"])

        const listed = yield* call("/v1/runs?pipeline=research-slides&status=succeeded")
        assert.strictEqual(listed.status, 200)
        assert.isTrue(listed.json.runs.some((r) => r.id === id))
        const none = yield* call("/v1/runs?status=failed&pipeline=research-slides")
        assert.isFalse(none.json.runs.some((r) => r.id === id))

        const cancelFinished = yield* call(`/v1/runs/${id}/cancel`, { method: "POST" })
        assert.strictEqual(cancelFinished.status, 409)
        assert.strictEqual(cancelFinished.json._tag, "Conflict")
      }))

    it.effect("an inline spec runs and writes its file; its inputs are checked first", () =>
      Effect.gen(function*() {
        const started = yield* call("/v1/runs", { body: { spec: inlineSpec, input: { note: "hello there" } } })
        assert.strictEqual(started.status, 202, started.text)
        const run = yield* waitFinished(started.json.id)
        assert.strictEqual(run.status, "succeeded", JSON.stringify(run.error))
        assert.deepStrictEqual<unknown>(run.files, ["note.txt"])
        const file = yield* call(`/v1/runs/${started.json.id}/files/note.txt`)
        assert.strictEqual(file.text, "hello there")
        const missing = yield* call("/v1/runs", { body: { spec: inlineSpec, input: {} } })
        assert.strictEqual(missing.status, 400)
        assert.strictEqual(missing.json.issues[0].path, "payload.input.note")
        assert.include(missing.json.issues[0].message, "required")
      }))

    it.effect("the list is paged with a cursor", () =>
      Effect.gen(function*() {
        const ids: Array<string> = []
        for (const note of ["one", "two", "three"]) {
          const started = yield* call("/v1/runs", { body: { spec: inlineSpec, input: { note } } })
          ids.push(String(started.json.id))
          yield* waitFinished(String(started.json.id))
        }
        const seen: Array<string> = []
        let cursor: string | undefined
        let pages = 0
        do {
          const page = yield* call(`/v1/runs?pipeline=shout&limit=2${cursor === undefined ? "" : `&cursor=${encodeURIComponent(cursor)}`}`)
          assert.strictEqual(page.status, 200)
          assert.isAtMost(page.json.runs.length, 2)
          for (const run of page.json.runs) seen.push(String(run.id))
          cursor = page.json.nextCursor === undefined ? undefined : String(page.json.nextCursor)
          pages++
        } while (cursor !== undefined && pages < 10)
        assert.isAtLeast(pages, 2)
        for (const id of ids) assert.include(seen, id)
        assert.strictEqual(new Set(seen).size, seen.length)
      }))

    it.effect("an invalid inline spec is a 400 with the loader's positioned errors", () =>
      Effect.gen(function*() {
        const bad = `name: broken\nsteps:\n  - id: one\n    uses: chat.nope\n`
        const started = yield* call("/v1/runs", { body: { spec: bad } })
        assert.strictEqual(started.status, 400)
        assert.strictEqual(started.json._tag, "BadRequest")
        assert.match(started.json.issues[0].path, /^spec:4:\d+/)
        assert.include(started.json.issues[0].message, "chat.nope")
        const validated = yield* call("/v1/pipelines/validate", { body: { spec: bad } })
        assert.strictEqual(validated.status, 400)
        assert.match(validated.json.issues[0].path, /^spec:4:\d+/)
        const good = yield* call("/v1/pipelines/validate", { body: { spec: inlineSpec } })
        assert.strictEqual(good.status, 200)
        assert.strictEqual(good.json.name, "shout")
        assert.include(good.json.mermaid, "flowchart")
      }))

    it.effect("bad requests name the field; unknown runs, pipelines and files are 404", () =>
      Effect.gen(function*() {
        const both = yield* call("/v1/runs", { body: { pipeline: "research-slides", spec: inlineSpec } })
        assert.strictEqual(both.status, 400)
        const wrongType = yield* call("/v1/runs", { body: { pipeline: 42 } })
        assert.strictEqual(wrongType.status, 400)
        assert.strictEqual(wrongType.json.issues[0].path, "payload.pipeline")
        const badLimit = yield* call("/v1/runs?limit=0")
        assert.strictEqual(badLimit.status, 400)
        assert.strictEqual(badLimit.json.issues[0].path, "query.limit")
        const badStatus = yield* call("/v1/runs?status=sleeping")
        assert.strictEqual(badStatus.status, 400)
        assert.strictEqual(badStatus.json.issues[0].path, "query.status")
        const unknownPipeline = yield* call("/v1/runs", { body: { pipeline: "nope" } })
        assert.strictEqual(unknownPipeline.status, 404)
        assert.include(unknownPipeline.json.message, "research-slides")
        for (const path of ["/v1/runs/nope", "/v1/runs/nope/events", "/v1/runs/nope/files/a.txt", "/v1/pipelines/nope"]) {
          const r = yield* call(path)
          assert.strictEqual(r.status, 404, path)
          assert.strictEqual(r.json._tag, "NotFound", path)
        }
        const cancelUnknown = yield* call("/v1/runs/nope/cancel", { method: "POST" })
        assert.strictEqual(cancelUnknown.status, 404)
        const traversal = yield* call("/v1/runs/nope/files/..%2F..%2Fserver-key")
        assert.strictEqual(traversal.status, 400)
      }))

    it.effect("pipelines: the built-ins with their inputs, one with its Mermaid graph", () =>
      Effect.gen(function*() {
        const list = yield* call("/v1/pipelines")
        assert.deepStrictEqual(list.json.map((p) => String(p.name)), ["research-slides", "translate-document", "meeting-minutes"])
        const topic = list.json[0].inputs.find((i) => i.name === "topic")
        assert.deepInclude<unknown>(topic, { name: "topic", type: "string", required: true })
        const one = yield* call("/v1/pipelines/research-slides")
        assert.strictEqual(one.status, 200)
        assert.include(one.json.mermaid, "flowchart TD")
        assert.include(one.json.spec, "uses: agents.slides")
        assert.isAbove(one.json.steps.length, 3)
      }))

    it.effect("cancel a running run", () =>
      Effect.gen(function*() {
        const started = yield* call("/v1/runs", { body: { pipeline: "research-slides", input: { topic: "oolong tea" } } })
        const cancelled = yield* call(`/v1/runs/${started.json.id}/cancel`, { method: "POST" })
        assert.strictEqual(cancelled.status, 200, cancelled.text)
        assert.strictEqual(cancelled.json.status, "cancelled")
        const sse = yield* readSse(`/v1/runs/${started.json.id}/events`)
        assert.strictEqual(sse.frames.at(-1)?.event, "RunFinished")
        assert.strictEqual(sse.frames.at(-1)?.data.status, "cancelled")
      }))
  })

  layer(layerServer({ maxConcurrentRuns: 1 }), { excludeTestServices: true })("limits", (it) => {
    it.effect("concurrent runs over the limit are a 429", () =>
      Effect.gen(function*() {
        const first = yield* call("/v1/runs", { body: { pipeline: "research-slides", input: { topic: "white tea" } } })
        assert.strictEqual(first.status, 202)
        const second = yield* call("/v1/runs", { body: { pipeline: "research-slides", input: { topic: "black tea" } } })
        assert.strictEqual(second.status, 429)
        assert.strictEqual(second.json._tag, "TooManyRequests")
        yield* waitFinished(first.json.id)
        const third = yield* call("/v1/runs", { body: { pipeline: "research-slides", input: { topic: "black tea" } } })
        assert.strictEqual(third.status, 202)
      }))
  })
})
