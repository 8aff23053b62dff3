import { assert, describe, it, layer } from "@effect/vitest"
import { FineTuning as Schemas } from "@zai-kit/schema"
import { Simulator } from "@zai-kit/testing"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Exit, Fiber, Schema, Stream } from "effect"
import { FineTuning, isFailed, isSettled } from "../src/FineTuning.js"
import { driveClock, failureOf, layer as fineTuningLayer, withBody } from "./utils.js"

const request: Schemas.CreateFineTuningJobRequest = {
  model: "glm-4-flash",
  training_file: "file-train-001",
  validation_file: "file-valid-001",
  hyperparameters: { n_epochs: 2, batch_size: "auto", learning_rate_multiplier: 0.5 },
  suffix: "support-bot"
}

layer(fineTuningLayer({ asyncPolls: 2 }))("FineTuning", (it) => {
  describe("create", () => {
    it.effect("sends the validated body as JSON and decodes the job (nulls included)", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const ft = yield* FineTuning
        const job = yield* ft.create(request)
        assert.match(job.id, /^ftjob-[0-9a-f]{16}$/)
        assert.strictEqual(job.status, "validating_files")
        assert.strictEqual(job.model, "glm-4-flash")
        assert.strictEqual(job.training_file, "file-train-001")
        assert.strictEqual(job.validation_file, "file-valid-001")
        assert.isNull(job.fine_tuned_model)
        assert.isNull(job.finished_at)
        assert.isNull(job.error)
        assert.deepStrictEqual(job.result_files, [])
        assert.deepStrictEqual(job.hyperparameters, { n_epochs: 2, batch_size: "auto", learning_rate_multiplier: 0.5 })
        assert.strictEqual(job.object, "fine_tuning.job")
        const [sent] = yield* Simulator.requests
        assert.strictEqual(sent?.method, "POST")
        assert.strictEqual(sent?.path, "/fine_tuning/jobs")
        assert.strictEqual(sent?.auth, "api-key")
        assert.match(sent?.headers["content-type"] ?? "", /^application\/json/)
        assert.strictEqual(sent?.headers.accept, "application/json")
        assert.strictEqual(sent?.headers["x-source-channel"], "zai-kit")
        assert.isString(sent?.headers["zai-sdk-ver"])
        assert.deepStrictEqual(JSON.parse(sent?.rawBody ?? ""), request)
      }))

    it.effect("passes requestId and extraBody into the body", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const ft = yield* FineTuning
        const job = yield* ft.create(request, { requestId: "req-ft-000001", extraBody: { note: "extra" } })
        assert.strictEqual(job.request_id, "req-ft-000001")
        const [sent] = yield* Simulator.requests
        assert.deepStrictEqual(sent?.body, { ...request, request_id: "req-ft-000001", note: "extra" })
      }))

    it.effect("rejects bad input naming each field, before anything is sent", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const ft = yield* FineTuning
        const error = failureOf(
          yield* Effect.exit(
            ft.create({
              model: "glm-4-flash",
              training_file: "",
              hyperparameters: { n_epochs: 0, batch_size: "auto" },
              // @ts-expect-error: an unknown key on purpose (a JavaScript caller, or data from outside)
              sufix: "typo"
            })
          )
        )
        assert.strictEqual(error._tag, "InvalidRequestInput")
        assert.include(error.message, 'unknown key "sufix" (did you mean "suffix"?)')
        assert.include(error.message, "training_file: expected a string of 1 to 256 characters")
        assert.include(error.message, "hyperparameters.n_epochs")
        assert.lengthOf(yield* Simulator.requests, 0)
      }))

    it.effect("the simulator answers 400 naming the bad field when validation is bypassed", () =>
      Effect.gen(function*() {
        const client = yield* ZaiClient.ZaiClient
        const send = (value: unknown) =>
          Effect.flip(
            client.json(
              { method: "POST", path: "/fine_tuning/jobs", operation: "test", body: { _tag: "Json", value } },
              Schema.Unknown
            )
          )
        const missing = yield* send({ model: "glm-4-flash" })
        assert.strictEqual(missing._tag, "InvalidRequestError")
        assert.strictEqual(missing.status, 400)
        assert.strictEqual(missing.code, "1213")
        assert.include(missing.message, "training_file")
        const invalid = yield* send({ model: "glm-4-flash", training_file: "f", hyperparameters: { batch_size: "big" } })
        assert.strictEqual(invalid.code, "1214")
        assert.include(invalid.message, "hyperparameters.batch_size")
        const model = yield* send({ model: "gpt-4o", training_file: "f" })
        assert.strictEqual(model.code, "1211")
      }))
  })

  describe("lifecycle", () => {
    it.effect("waitFor polls until succeeded under the test clock; events show a falling loss", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const ft = yield* FineTuning
        const job = yield* ft.create(request)
        const fiber = yield* Effect.forkChild(ft.waitFor(job.id))
        assert.isTrue(Exit.isSuccess(yield* driveClock(fiber)))
        const done = yield* Fiber.join(fiber)
        assert.strictEqual(done.status, "succeeded")
        assert.match(done.fine_tuned_model ?? "", /^ft:glm-4-flash:support-bot:[0-9a-f]{8}$/)
        assert.isAbove(done.trained_tokens ?? 0, 0)
        assert.isNumber(done.finished_at)
        assert.lengthOf(done.result_files ?? [], 1)
        const polls = (yield* Simulator.requests).filter((r) => r.method === "GET")
        // queued, running (epoch 1), running (epoch 2), succeeded
        assert.lengthOf(polls, 4)
        assert.isTrue(polls.every((r) => r.path === `/fine_tuning/jobs/${job.id}`))

        const events = yield* Stream.runCollect(ft.events(job.id))
        assert.isAbove(events.length, 5)
        const times = events.map((e) => e.created_at ?? 0)
        assert.deepStrictEqual(times, [...times].sort((a, b) => b - a), "newest first")
        const losses = events
          .filter((e) => e.type === "metrics")
          .reverse()
          .map((e) => Schemas.metricValue(e.data?.loss))
        assert.lengthOf(losses, 2)
        const [first, second] = losses
        assert.isTrue(first !== undefined && second !== undefined && second < first, "the loss goes down")
        assert.strictEqual(events[0]?.message, "The job has successfully completed")
      }))

    it.effect("events page by cursor (`after` = last id, `limit`)", () =>
      Effect.gen(function*() {
        const ft = yield* FineTuning
        const job = yield* ft.create(request)
        yield* ft.retrieve(job.id)
        yield* ft.retrieve(job.id)
        const all = yield* Stream.runCollect(ft.events(job.id))
        const sim = yield* Simulator.Simulator
        const before = (yield* sim.requests).length
        const paged = yield* Stream.runCollect(ft.events(job.id, { limit: 2 }))
        const pageRequests = (yield* sim.requests).slice(before)
        assert.deepStrictEqual(
          paged.map((e) => e.id),
          all.map((e) => e.id)
        )
        assert.lengthOf(pageRequests, Math.ceil(all.length / 2))
        assert.strictEqual(pageRequests[0]?.query.limit, "2")
        assert.isUndefined(pageRequests[0]?.query.after)
        assert.strictEqual(pageRequests[1]?.query.after, all[1]?.id)
        const page = yield* ft.eventsPage(job.id, { limit: 1 })
        assert.strictEqual(page.has_more, true)
        assert.lengthOf(page.data ?? [], 1)
      }))

    it.effect("list pages through every job lazily", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const ft = yield* FineTuning
        const created = yield* Effect.forEach([1, 2, 3, 4, 5], (n) => ft.create({ ...request, suffix: `s${n}` }))
        const all = yield* Stream.runCollect(ft.list({ limit: 2 }))
        assert.deepStrictEqual(
          all.map((j) => j.id),
          created.map((j) => j.id).reverse()
        )
        const lists = (yield* Simulator.requests).filter((r) => r.method === "GET")
        assert.deepStrictEqual(
          lists.map((r) => r.url.replace(/^\/api\/paas\/v4/, "")),
          [
            "/fine_tuning/jobs?limit=2",
            `/fine_tuning/jobs?after=${created[3]?.id}&limit=2`,
            `/fine_tuning/jobs?after=${created[1]?.id}&limit=2`
          ]
        )
        const before = (yield* Simulator.requests).length
        const firstThree = yield* Stream.runCollect(ft.list({ limit: 2 }).pipe(Stream.take(3)))
        assert.lengthOf(firstThree, 3)
        assert.lengthOf((yield* Simulator.requests).slice(before), 2, "only the pages needed are fetched")
        const page = yield* ft.listPage({ limit: 10 })
        assert.strictEqual(page.object, "list")
        assert.strictEqual(page.has_more, false)
      }))

    it.effect("list rejects a bad limit before anything is sent", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const ft = yield* FineTuning
        const error = failureOf(yield* Effect.exit(Stream.runCollect(ft.list({ limit: 500 }))))
        assert.strictEqual(error._tag, "InvalidRequestInput")
        assert.include(error.message, "limit: expected an integer from 1 to 100, got 500")
        assert.lengthOf(yield* Simulator.requests, 0)
      }))

    it.effect("cancel stops an unfinished job; waitFor then returns it; a second cancel is refused", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const ft = yield* FineTuning
        const job = yield* ft.create(request)
        const cancelled = yield* ft.cancel(job.id)
        assert.strictEqual(cancelled.status, "cancelled")
        const [, sent] = yield* Simulator.requests
        assert.strictEqual(sent?.method, "POST")
        assert.strictEqual(sent?.path, `/fine_tuning/jobs/${job.id}/cancel`)
        assert.isUndefined(sent?.body)
        const waited = yield* ft.waitFor(job.id)
        assert.isTrue(isSettled(waited))
        const again = failureOf(yield* Effect.exit(ft.cancel(job.id)))
        assert.strictEqual(again._tag, "InvalidRequestError")
      }))

    it.effect("a failed job fails waitFor with TaskFailedError carrying its error", () =>
      Effect.gen(function*() {
        const ft = yield* FineTuning
        yield* Simulator.injectFaults(["task-failed;code=1214;message=The training file has no valid examples."])
        const job = yield* ft.create(request)
        const fiber = yield* Effect.forkChild(ft.waitFor(job.id))
        const error = failureOf(yield* driveClock(fiber))
        assert.strictEqual(error._tag, "TaskFailedError")
        if (error._tag !== "TaskFailedError") return
        assert.strictEqual(error.taskId, job.id)
        assert.strictEqual(error.taskStatus, "failed")
        assert.strictEqual(error.code, "1214")
        assert.include(error.message, "The training file has no valid examples.")
        const result = Schema.decodeUnknownSync(Schemas.FineTuningJob)(error.result)
        assert.isTrue(isFailed(result))
        assert.strictEqual(result.error?.param, "training_file")
      }))

    it.effect("waitFor gives up with a poll TimeoutError", () =>
      Effect.gen(function*() {
        const ft = yield* FineTuning
        const job = yield* ft.create({ ...request, hyperparameters: { n_epochs: 10 } })
        const fiber = yield* Effect.forkChild(ft.waitFor(job.id, { timeout: "1500 millis" }))
        const error = failureOf(yield* driveClock(fiber, "1 second"))
        assert.strictEqual(error._tag, "TimeoutError")
        if (error._tag === "TimeoutError") assert.strictEqual(error.kind, "poll")
      }))

    it.effect("delete forgets a job; retrieve then fails with NotFoundError", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const ft = yield* FineTuning
        const job = yield* ft.create(request)
        const deleted = yield* ft.delete(job.id)
        assert.strictEqual(deleted.id, job.id)
        const [, sent] = yield* Simulator.requests
        assert.strictEqual(sent?.method, "DELETE")
        assert.strictEqual(sent?.path, `/fine_tuning/jobs/${job.id}`)
        const error = failureOf(yield* Effect.exit(ft.retrieve(job.id)))
        assert.strictEqual(error._tag, "NotFoundError")
        const badId = failureOf(yield* Effect.exit(ft.retrieve("")))
        assert.strictEqual(badId._tag, "InvalidRequestInput")
        assert.include(badId.message, "id: expected a string of 1 to 256 characters")
      }))

    it.effect("deleteModel: deleting, then deleted, then NotFoundError; the name is URL-encoded", () =>
      Effect.gen(function*() {
        const ft = yield* FineTuning
        const job = yield* ft.create({ ...request, hyperparameters: { n_epochs: 1 } })
        const fiber = yield* Effect.forkChild(ft.waitFor(job.id))
        yield* driveClock(fiber)
        const model = (yield* Fiber.join(fiber)).fine_tuned_model ?? ""
        const sim = yield* Simulator.Simulator
        const before = (yield* sim.requests).length
        const first = yield* ft.deleteModel(model)
        assert.strictEqual(first.model_name, model)
        assert.strictEqual(first.delete_status, "deleting")
        assert.isString(first.request_id)
        const second = yield* ft.deleteModel(model)
        assert.strictEqual(second.delete_status, "deleted")
        const gone = failureOf(yield* Effect.exit(ft.deleteModel(model)))
        assert.strictEqual(gone._tag, "NotFoundError")
        const [sent] = (yield* sim.requests).slice(before)
        assert.strictEqual(sent?.method, "DELETE")
        assert.strictEqual(sent?.url, `/api/paas/v4/fine_tuning/fine_tuned_models/${encodeURIComponent(model)}`)
      }))
  })

  describe("faults", () => {
    it.effect("a rate limit maps to RateLimitError, a corrupt body to ResponseDecodeError", () =>
      Effect.gen(function*() {
        const ft = yield* FineTuning
        const job = yield* ft.create(request)
        const limited = failureOf(yield* Effect.exit(ft.retrieve(job.id, { headers: { "x-zai-sim-fault": "rate-limit" } })))
        assert.strictEqual(limited._tag, "RateLimitError")
        if (limited._tag === "RateLimitError") assert.strictEqual(limited.status, 429)
        const corrupt = failureOf(yield* Effect.exit(ft.listPage({}, { headers: { "x-zai-sim-fault": "corrupt-sse" } })))
        assert.strictEqual(corrupt._tag, "ResponseDecodeError")
        yield* Simulator.injectFaults(["server-error"])
        const server = failureOf(yield* Effect.exit(ft.create(request)))
        assert.strictEqual(server._tag, "InternalServerError")
      }))
  })
})

describe("lenient decoding of hand-written answers", () => {
  const job = {
    id: "ftjob-handwritten",
    object: "fine_tuning.job",
    request_id: null,
    created_at: 1_700_000_000,
    finished_at: null,
    model: "glm-4-flash",
    fine_tuned_model: null,
    status: "preparing_gpus",
    trained_tokens: null,
    training_file: "file-1",
    validation_file: null,
    result_files: null,
    hyperparameters: { n_epochs: "3", batch_size: null, warmup_ratio: 0.1 },
    error: { code: 500, message: null, param: null },
    organization_id: "org-42",
    integrations: [{ type: "wandb" }]
  }

  it.effect("keeps unknown fields, accepts nulls, open statuses and numbers as text", () => {
    const { layer, seen } = withBody(JSON.stringify(job))
    return Effect.gen(function*() {
      const ft = yield* FineTuning
      const decoded = yield* ft.retrieve("ftjob-handwritten")
      assert.strictEqual(decoded.status, "preparing_gpus")
      assert.strictEqual(decoded.organization_id, "org-42")
      assert.deepStrictEqual(decoded.integrations, [{ type: "wandb" }])
      assert.isNull(decoded.result_files)
      assert.strictEqual(decoded.hyperparameters?.n_epochs, "3")
      assert.strictEqual(decoded.hyperparameters?.warmup_ratio, 0.1)
      assert.strictEqual(decoded.error?.code, 500)
      assert.isFalse(isSettled(decoded))
      assert.strictEqual(seen[0]?.method, "GET")
      assert.strictEqual(seen[0]?.url, "http://zai.test/api/paas/v4/fine_tuning/jobs/ftjob-handwritten")
      assert.strictEqual(seen[0]?.headers.authorization, "Bearer sk-test")
    }).pipe(Effect.provide(layer))
  })

  it.effect("events: metric values as text, missing ids, `data: null`", () => {
    const page = {
      object: "list",
      has_more: null,
      data: [
        { id: null, type: "metrics", level: "info", message: "step", created_at: 1, data: { loss: "0.25", epoch: 1, custom: true } },
        { type: "message", message: "hello", data: null, extra: [1, 2] }
      ],
      trace: "t-1"
    }
    const { layer } = withBody(JSON.stringify(page))
    return Effect.gen(function*() {
      const ft = yield* FineTuning
      const events = yield* Stream.runCollect(ft.events("ftjob-1", { limit: 10 }))
      assert.lengthOf(events, 2)
      assert.strictEqual(Schemas.metricValue(events[0]?.data?.loss), 0.25)
      assert.strictEqual(events[0]?.data?.custom, true)
      assert.isNull(events[1]?.data)
      assert.deepStrictEqual(events[1]?.extra, [1, 2])
    }).pipe(Effect.provide(layer))
  })

  it.effect("a body missing the job id is a ResponseDecodeError", () => {
    const { layer } = withBody(JSON.stringify({ status: "running" }))
    return Effect.gen(function*() {
      const ft = yield* FineTuning
      const error = failureOf(yield* Effect.exit(ft.retrieve("x")))
      assert.strictEqual(error._tag, "ResponseDecodeError")
    }).pipe(Effect.provide(layer))
  })
})
