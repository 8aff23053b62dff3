import { assert, describe, it, layer } from "@effect/vitest"
import type { ChatCompletions } from "@zai-kit/schema"
import { Simulator, TestLayers } from "@zai-kit/testing"
import { Effect, Exit } from "effect"
import * as BatchJsonl from "../src/BatchJsonl.js"
import { failureOf, formOf, layer as filesLayer } from "./utils.js"

const ask = (content: string): ChatCompletions.ChatCompletionRequest => ({
  model: "glm-4.6",
  messages: [{ role: "user", content }]
})

describe("BatchJsonl.encode", () => {
  it.effect("writes one `{ custom_id, method, url, body }` line per request, on the v4 endpoint by default", () =>
    Effect.gen(function*() {
      const encoded = yield* BatchJsonl.encode([
        BatchJsonl.chat("a", { ...ask("Hi"), temperature: 0.2, stream: false }),
        BatchJsonl.chat("b", ask("Bye"))
      ])
      assert.strictEqual(encoded.endpoint, "/v4/chat/completions")
      assert.strictEqual(
        encoded.jsonl,
        '{"custom_id":"a","method":"POST","url":"/v4/chat/completions","body":{"model":"glm-4.6","messages":[{"role":"user","content":"Hi"}],"temperature":0.2}}\n' +
          '{"custom_id":"b","method":"POST","url":"/v4/chat/completions","body":{"model":"glm-4.6","messages":[{"role":"user","content":"Bye"}]}}\n'
      )
      const v1 = yield* BatchJsonl.encode([BatchJsonl.embedding("e", { model: "embedding-3", input: ["x", "y"], dimensions: 256 })], {
        apiVersion: "v1"
      })
      assert.strictEqual(v1.endpoint, "/v1/embeddings")
      assert.deepStrictEqual(v1.lines, [
        { custom_id: "e", method: "POST", url: "/v1/embeddings", body: { model: "embedding-3", input: ["x", "y"], dimensions: 256 } }
      ])
    }))

  it.effect("collects every problem, with paths into the array", () =>
    Effect.gen(function*() {
      const error = failureOf(
        yield* Effect.exit(
          BatchJsonl.encode([
            BatchJsonl.chat("a", ask("ok")),
            // @ts-expect-error: a wrong role on purpose
            BatchJsonl.chat("b", { model: "glm-4.6", messages: [{ role: "bot", content: "hi" }] }),
            BatchJsonl.chat("a", { ...ask("again"), stream: true }),
            BatchJsonl.embedding("c", { model: "embedding-3", input: "x" }),
            // @ts-expect-error: an unknown key on purpose
            { kind: "chat", custom_id: "", body: ask("x"), priority: 1 }
          ])
        )
      )
      assert.strictEqual(error.subject, "BatchRequests")
      assert.deepStrictEqual(error.issues.map((i) => i.path), [
        "[1].body.messages[0].role",
        "[2].custom_id",
        "[2].body.stream",
        "[3].kind",
        "[4].priority",
        "[4].custom_id"
      ])
      assert.include(error.message, '[1].body.messages[0].role: expected "system" | "user" | "assistant" | "tool", got "bot"')
      assert.include(error.message, "[2].custom_id: duplicate of [0].custom_id")
      assert.include(error.message, '[3].kind: expected "chat" like [0] (a batch runs one endpoint), got "embeddings"')

      const empty = failureOf(yield* Effect.exit(BatchJsonl.encode([])))
      assert.strictEqual(empty.message, "Invalid BatchRequests: expected at least one request")
      const badEmbedding = failureOf(
        yield* Effect.exit(BatchJsonl.encode([BatchJsonl.embedding("e", { model: "embedding-3", input: [] })]))
      )
      assert.strictEqual(badEmbedding.issues[0]?.path, "[0].body.input")
    }))
})

describe("BatchJsonl results", () => {
  const output = [
    JSON.stringify({
      id: "r2",
      custom_id: "b",
      response: {
        status_code: 200,
        request_id: "req-b",
        body: { id: "c-b", choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "B", reasoning_content: null } }], usage: null, extra: 1 }
      },
      error: null,
      tenant: "t"
    }),
    "",
    JSON.stringify({ custom_id: "a", response: { status_code: 200, body: { id: "c-a", choices: null } } })
  ].join("\n")
  const errors = `${JSON.stringify({
    custom_id: "c",
    response: { status_code: 400, body: { error: { code: "1211", message: "Unknown model" } } },
    error: null
  })}\n${JSON.stringify({ custom_id: "d", response: null, error: "timed out" })}\n`

  it.effect("reads output and error lines into typed results, in the requested order", () =>
    Effect.gen(function*() {
      const results = yield* BatchJsonl.chatResults(output, { errors, order: ["a", "b", "c", "d", "e"] })
      assert.deepStrictEqual(results.map((r) => [r.custom_id, r._tag]), [
        ["a", "Succeeded"],
        ["b", "Succeeded"],
        ["c", "Failed"],
        ["d", "Failed"],
        ["e", "Failed"]
      ])
      const [a, b, c, d, e] = results
      if (a?._tag !== "Succeeded" || b?._tag !== "Succeeded") return assert.fail("expected successes")
      assert.strictEqual(a.body.choices, null)
      assert.strictEqual(b.body.choices?.[0]?.message?.content, "B")
      assert.strictEqual((b.body as Record<string, unknown>).extra, 1)
      assert.strictEqual(b.request_id, "req-b")
      assert.strictEqual((b.line as Record<string, unknown>).tenant, "t")
      if (c?._tag !== "Failed" || d?._tag !== "Failed" || e?._tag !== "Failed") return assert.fail("expected failures")
      assert.deepStrictEqual([c.status_code, c.code, c.message], [400, "1211", "Unknown model"])
      assert.deepStrictEqual([d.status_code, d.code, d.message], [undefined, undefined, "timed out"])
      assert.strictEqual(e.line, undefined)
      assert.include(e.message, "no result")

      const fileOrder = yield* BatchJsonl.chatResults(output)
      assert.deepStrictEqual(fileOrder.map((r) => r.custom_id), ["b", "a"])
    }))

  it.effect("a line that is not a result line is a BatchOutputError with its line number", () =>
    Effect.gen(function*() {
      const error = failureOf(yield* Effect.exit(BatchJsonl.parseOutput('{"custom_id":"a"}\n\n{not json\n')))
      assert.strictEqual(error._tag, "BatchOutputError")
      assert.strictEqual(error.line, 3)
      assert.strictEqual(error.raw, "{not json")
      const badBody = failureOf(
        yield* Effect.exit(BatchJsonl.chatResults(JSON.stringify({ custom_id: "a", response: { status_code: 200, body: "text" } })))
      )
      assert.include(badBody.message, "does not match ChatCompletion")
    }))
})

layer(filesLayer({ asyncPolls: 1 }))("BatchJsonl.runBatch on the simulator", (it) => {
  it.effect("uploads, creates, waits and reads chat results in input order; failed lines come from the error file", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const fiber = yield* Effect.forkChild(
        BatchJsonl.runBatch(
          [
            BatchJsonl.chat("tea", ask("Tell me about green tea")),
            BatchJsonl.chat("nope", { ...ask("Hello"), model: "unknown-model-x" }),
            BatchJsonl.chat("coffee", ask("Tell me about coffee beans"))
          ],
          { metadata: { run: "test" } }
        )
      )
      const exit = yield* TestLayers.drive(fiber, { step: "1 second" })
      if (!Exit.isSuccess(exit)) return assert.fail(String(exit.cause))
      const run = exit.value
      assert.strictEqual(run.batch.status, "completed")
      assert.deepStrictEqual(run.batch.request_counts, { total: 3, completed: 2, failed: 1 })
      assert.strictEqual(run.inputFile.purpose, "batch")
      assert.deepStrictEqual(run.results.map((r) => [r.custom_id, r._tag]), [
        ["tea", "Succeeded"],
        ["nope", "Failed"],
        ["coffee", "Succeeded"]
      ])
      const [tea, nope] = run.results
      if (tea?._tag !== "Succeeded" || nope?._tag !== "Failed") return assert.fail("unexpected results")
      assert.match(tea.body.choices?.[0]?.message?.content ?? "", /^Summary of: Tell me about green tea/)
      assert.strictEqual(nope.code, "1211")
      assert.strictEqual(nope.status_code, 400)

      const requests = yield* Simulator.requests
      assert.deepStrictEqual(
        requests.map((r) => `${r.method} ${r.path.replace(/(file|batch)[-_][0-9a-f]+/g, "$1")}`),
        [
          "POST /files",
          "POST /batches",
          "GET /batches/batch",
          "GET /batches/batch",
          "GET /files/file/content",
          "GET /files/file/content"
        ]
      )
      const [upload, create] = requests
      if (upload === undefined || create === undefined) return
      const form = yield* formOf(upload)
      assert.strictEqual(form.get("purpose"), "batch")
      const file = form.get("file")
      assert.isTrue(file instanceof File && file.name === "batch-input.jsonl" && file.type === "application/jsonl")
      assert.deepStrictEqual(create.body, { input_file_id: run.inputFile.id, endpoint: "/v4/chat/completions", metadata: { run: "test" } })
    }))

  it.effect("runs embeddings batches, decoding EmbeddingResponse bodies", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const fiber = yield* Effect.forkChild(
        BatchJsonl.runBatch([
          BatchJsonl.embedding("one", { model: "embedding-3", input: "green tea", dimensions: 256 }),
          BatchJsonl.embedding("two", { model: "embedding-3", input: ["coffee", "beans"], dimensions: 256 })
        ])
      )
      const exit = yield* TestLayers.drive(fiber, { step: "1 second" })
      if (!Exit.isSuccess(exit)) return assert.fail(String(exit.cause))
      const [one, two] = exit.value.results
      if (one?._tag !== "Succeeded" || two?._tag !== "Succeeded") return assert.fail("expected successes")
      assert.lengthOf(one.body.data ?? [], 1)
      assert.lengthOf(two.body.data ?? [], 2)
      const vector = two.body.data?.[1]?.embedding
      assert.isTrue(Array.isArray(vector) && vector.length === 256)
      assert.strictEqual(exit.value.batch.endpoint, "/v4/embeddings")
    }))

  it.effect("a batch that fails fails runBatch with TaskFailedError; bad requests fail before anything is sent", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const fiber = yield* Effect.forkChild(
        BatchJsonl.runBatch([BatchJsonl.chat("a", ask("Hi"))], {
          requestOptions: { headers: { "x-zai-sim-fault": "task-failed" } }
        })
      )
      const error = failureOf(yield* TestLayers.drive(fiber, { step: "1 second" }))
      assert.strictEqual(error._tag, "TaskFailedError")

      yield* Simulator.reset
      const invalid = failureOf(
        yield* Effect.exit(BatchJsonl.runBatch([BatchJsonl.chat("a", { ...ask("Hi"), temperature: 3 })]))
      )
      assert.strictEqual(invalid._tag, "InvalidRequestInput")
      assert.lengthOf(yield* Simulator.requests, 0)
    }))
})
