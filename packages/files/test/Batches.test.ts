import { assert, describe, it, layer } from "@effect/vitest"
import type { Batches as BatchSchemas } from "@zai-kit/schema"
import { Simulator, TestLayers } from "@zai-kit/testing"
import { Effect, Exit, Stream } from "effect"
import { Batches } from "../src/Batches.js"
import { Files } from "../src/Files.js"
import { failureOf, layer as filesLayer, layerReplying, type Seen } from "./utils.js"

const encoder = new TextEncoder()

const line = (customId: string, content: string, url = "/v4/chat/completions") =>
  JSON.stringify({ custom_id: customId, method: "POST", url, body: { model: "glm-4.6", messages: [{ role: "user", content }] } })

const uploadInput = (lines: ReadonlyArray<string>) =>
  Effect.flatMap(Files, (files) =>
    files.upload({ file: encoder.encode(`${lines.join("\n")}\n`), filename: "input.jsonl", purpose: "batch" }))

layer(filesLayer({ asyncPolls: 2 }))("Batches on the simulator", (it) => {
  it.effect("create sends the JSON body and answers a validating batch", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const batches = yield* Batches
      const input = yield* uploadInput([line("a", "Hello")])
      const batch = yield* batches.create({
        input_file_id: input.id,
        endpoint: "/v4/chat/completions",
        completion_window: "24h",
        metadata: { project: "tests" }
      })
      assert.match(batch.id, /^batch_/)
      assert.strictEqual(batch.object, "batch")
      assert.strictEqual(batch.status, "validating")
      assert.strictEqual(batch.input_file_id, input.id)
      assert.strictEqual(batch.endpoint, "/v4/chat/completions")
      assert.deepStrictEqual(batch.metadata, { project: "tests" })
      assert.deepStrictEqual(batch.request_counts, { total: 1, completed: 0, failed: 0 })
      assert.isNumber(batch.created_at)
      assert.isNull(batch.output_file_id)

      const recorded = (yield* Simulator.requests).at(-1)
      assert.strictEqual(recorded?.method, "POST")
      assert.strictEqual(recorded?.path, "/batches")
      assert.strictEqual(recorded?.headers["content-type"], "application/json")
      assert.deepStrictEqual(recorded?.body, {
        input_file_id: input.id,
        endpoint: "/v4/chat/completions",
        completion_window: "24h",
        metadata: { project: "tests" }
      })
    }))

  it.effect("rejects bad input naming the field, before anything is sent", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const batches = yield* Batches
      const error = failureOf(
        yield* Effect.exit(
          batches.create({
            input_file_id: "",
            // @ts-expect-error: not a batch endpoint
            endpoint: "/v4/images/generations",
            auto_delete: true
          })
        )
      )
      assert.strictEqual(error._tag, "InvalidRequestInput")
      if (error._tag !== "InvalidRequestInput") return
      assert.sameMembers(error.issues.map((i) => i.path), ["input_file_id", "endpoint", "auto_delete"])
      assert.include(error.message, 'expected "/v4/chat/completions" | "/v4/embeddings" | "/v1/chat/completions" | "/v1/embeddings"')
      const badId = failureOf(yield* Effect.exit(batches.retrieve("")))
      assert.strictEqual(badId._tag, "InvalidRequestInput")
      assert.lengthOf(yield* Simulator.requests, 0)
    }))

  it.effect("the simulator checks the input file: unknown id and wrong purpose are 400s naming input_file_id", () =>
    Effect.gen(function*() {
      const batches = yield* Batches
      const files = yield* Files
      const unknown = failureOf(yield* Effect.exit(batches.create({ input_file_id: "file-nope", endpoint: "/v4/chat/completions" })))
      assert.strictEqual(unknown._tag, "InvalidRequestError")
      assert.include(unknown.message, "input_file_id")
      const agentFile = yield* files.upload({ file: encoder.encode("x"), filename: "x.txt", purpose: "agent" })
      const wrong = failureOf(yield* Effect.exit(batches.create({ input_file_id: agentFile.id, endpoint: "/v4/chat/completions" })))
      assert.include(wrong.message, "a batch needs purpose batch")
    }))

  it.effect("waitFor polls through in_progress and finalizing to completed, with the output written", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const batches = yield* Batches
      const files = yield* Files
      const input = yield* uploadInput([line("q1", "Tell me about tea"), line("q2", "Tell me about coffee")])
      const created = yield* batches.create({ input_file_id: input.id, endpoint: "/v4/chat/completions" })
      const fiber = yield* Effect.forkChild(batches.waitFor(created.id))
      const exit = yield* TestLayers.drive(fiber, { step: "1 second" })
      if (!Exit.isSuccess(exit)) return assert.fail(String(exit.cause))
      const batch = exit.value
      assert.strictEqual(batch.status, "completed")
      assert.deepStrictEqual(batch.request_counts, { total: 2, completed: 2, failed: 0 })
      assert.isNumber(batch.in_progress_at)
      assert.isNumber(batch.finalizing_at)
      assert.isNumber(batch.completed_at)
      assert.isNull(batch.error_file_id)

      const polls = (yield* Simulator.requests).filter((r) => r.method === "GET" && r.path === `/batches/${created.id}`)
      assert.lengthOf(polls, 3)

      const output = yield* files.contentText(batch.output_file_id ?? "")
      const lines = output.trim().split("\n").map((l) => JSON.parse(l))
      assert.deepStrictEqual(lines.map((l) => l.custom_id), ["q1", "q2"])
      assert.strictEqual(lines[0].response.status_code, 200)
      assert.match(lines[0].response.body.choices[0].message.content, /^Summary of: Tell me about tea/)
      // the input file is deleted once the batch is done (auto_delete_input_file defaults to true)
      assert.strictEqual(failureOf(yield* Effect.exit(files.retrieve(input.id)))._tag, "NotFoundError")
    }))

  it.effect("a batch that fails validation ends `failed`: TaskFailedError with the batch's first error", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const batches = yield* Batches
      const input = yield* uploadInput([line("a", "Hi"), line("b", "Hi", "/v4/embeddings")])
      const created = yield* batches.create({ input_file_id: input.id, endpoint: "/v4/chat/completions" })
      const fiber = yield* Effect.forkChild(batches.waitFor(created.id))
      const error = failureOf(yield* TestLayers.drive(fiber, { step: "1 second" }))
      assert.strictEqual(error._tag, "TaskFailedError")
      if (error._tag !== "TaskFailedError") return
      assert.strictEqual(error.taskStatus, "failed")
      assert.strictEqual(error.taskId, created.id)
      assert.strictEqual(error.code, "1214")
      assert.include(error.message, "does not match the batch endpoint")
      assert.include(error.message, "(line 2)")
      const batch = error.result as BatchSchemas.Batch
      assert.strictEqual(batch.errors?.data?.[0]?.param, "url")
    }))

  it.effect("the fault task-failed on creation makes the batch fail", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const batches = yield* Batches
      const input = yield* uploadInput([line("a", "Hi")])
      const created = yield* batches.create(
        { input_file_id: input.id, endpoint: "/v4/chat/completions" },
        { headers: { "x-zai-sim-fault": "task-failed" } }
      )
      const fiber = yield* Effect.forkChild(batches.waitFor(created.id))
      const error = failureOf(yield* TestLayers.drive(fiber, { step: "1 second" }))
      assert.strictEqual(error._tag, "TaskFailedError")
    }))

  it.effect("cancel: cancelling, then cancelled (a TaskFailedError for waitFor); a finished batch cannot be cancelled", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const batches = yield* Batches
      const input = yield* uploadInput([line("a", "Hi")])
      const created = yield* batches.create({ input_file_id: input.id, endpoint: "/v4/chat/completions" })
      const cancelling = yield* batches.cancel(created.id)
      assert.strictEqual(cancelling.status, "cancelling")
      assert.isNumber(cancelling.cancelling_at)
      const recorded = (yield* Simulator.requests).at(-1)
      assert.strictEqual(recorded?.method, "POST")
      assert.strictEqual(recorded?.path, `/batches/${created.id}/cancel`)

      const fiber = yield* Effect.forkChild(batches.waitFor(created.id))
      const error = failureOf(yield* TestLayers.drive(fiber, { step: "1 second" }))
      assert.strictEqual(error._tag, "TaskFailedError")
      if (error._tag !== "TaskFailedError") return
      assert.strictEqual(error.taskStatus, "cancelled")

      const again = failureOf(yield* Effect.exit(batches.cancel(created.id)))
      assert.strictEqual(again._tag, "InvalidRequestError")
      assert.include(again.message, "cannot be cancelled")
    }))

  it.effect("list streams every batch, newest first, following `after`", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const batches = yield* Batches
      const ids: Array<string> = []
      for (let i = 0; i < 3; i++) {
        const input = yield* uploadInput([line(`r${i}`, "Hi")])
        ids.push((yield* batches.create({ input_file_id: input.id, endpoint: "/v4/chat/completions" })).id)
      }
      const before = (yield* Simulator.requests).length
      const all = yield* Stream.runCollect(batches.list({ limit: 2 }))
      assert.deepStrictEqual(all.map((b) => b.id), [...ids].reverse())
      const pages = (yield* Simulator.requests).slice(before)
      assert.deepStrictEqual(pages.map((r) => [r.method, r.path]), [["GET", "/batches"], ["GET", "/batches"]])
      assert.deepStrictEqual(pages.map((r) => r.query), [{ limit: "2" }, { limit: "2", after: ids[1] }])
      const page = yield* batches.listPage({ limit: 1 })
      assert.strictEqual(page.first_id, ids[2])
      assert.isTrue(page.has_more)
    }))
})

describe("Batches on hand-written answers", () => {
  const batchBody = (status: string | null) => ({
    id: "batch_1",
    object: "batch",
    status,
    request_counts: null,
    errors: status === "expired" ? { object: "list", data: [{ code: "batch_expired", line: null, message: "Not done in 24h", param: null }] } : null,
    output_file_id: null,
    completion_window: "24h",
    region: "cn-north"
  })

  it.effect("keeps unknown fields and tolerates nulls; `expired` fails waitFor with its error", () => {
    const seen: Array<Seen> = []
    return Effect.gen(function*() {
      const batches = yield* Batches
      const first = yield* batches.retrieve("batch_1")
      assert.strictEqual(first.status, null)
      assert.strictEqual(first.request_counts, null)
      assert.strictEqual((first as Record<string, unknown>).region, "cn-north")
      const fiber = yield* Effect.forkChild(batches.waitFor("batch_1", { schedule: undefined }))
      const error = failureOf(yield* TestLayers.drive(fiber, { step: "1 second" }))
      assert.strictEqual(error._tag, "TaskFailedError")
      if (error._tag !== "TaskFailedError") return
      assert.strictEqual(error.taskStatus, "expired")
      assert.strictEqual(error.code, "batch_expired")
      assert.include(error.message, "Not done in 24h")
      assert.isTrue(seen.every((s) => s.method === "GET" && s.url === "http://zai.test/api/paas/v4/batches/batch_1"))
    }).pipe(
      Effect.provide(layerReplying((_, index) => ({ body: batchBody(index === 0 ? null : index < 3 ? "in_progress" : "expired") }), seen))
    )
  })

  it.effect("waitFor gives up with TimeoutError (kind poll) after its timeout", () =>
    Effect.gen(function*() {
      const batches = yield* Batches
      const fiber = yield* Effect.forkChild(batches.waitFor("batch_1", { timeout: "30 seconds" }))
      const error = failureOf(yield* TestLayers.drive(fiber, { step: "1 second" }))
      assert.strictEqual(error._tag, "TimeoutError")
      if (error._tag !== "TimeoutError") return
      assert.strictEqual(error.kind, "poll")
    }).pipe(Effect.provide(layerReplying(() => ({ body: batchBody("in_progress") })))))
})
