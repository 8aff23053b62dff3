import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import {
  type CreateFineTuningJobRequest,
  FineTuningJob,
  FineTuningJobEventList,
  FineTunedModelDeleted,
  isTerminal,
  metricValue,
  validateCreateJobRequest,
  validateFineTunedModel,
  validateJobId,
  validateListParams
} from "../src/FineTuning.js"

const full: CreateFineTuningJobRequest = {
  model: "glm-4-flash",
  training_file: "file-1",
  validation_file: "file-2",
  hyperparameters: { n_epochs: "auto", batch_size: 8, learning_rate_multiplier: 0.2 },
  suffix: "bot",
  request_id: "req-1"
}

describe("CreateFineTuningJobRequest", () => {
  it.effect("accepts every documented field", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* validateCreateJobRequest(full), full)
    }))

  it.effect("names each bad field, unknown keys included", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        validateCreateJobRequest({
          model: 4,
          hyperparameters: { n_epochs: 1.5, batch_size: "big", learning_rate_multiplier: 0, warmup: 1 },
          suffix: "x".repeat(65)
        })
      )
      assert.strictEqual(error._tag, "InvalidRequestInput")
      const paths = error.issues.map((i) => i.path)
      assert.includeMembers(paths, [
        "model",
        "training_file",
        "hyperparameters.n_epochs",
        "hyperparameters.batch_size",
        "hyperparameters.learning_rate_multiplier",
        "hyperparameters.warmup",
        "suffix"
      ])
      assert.include(error.message, 'hyperparameters.batch_size: expected "auto" or an integer ≥ 1, got "big"')
      assert.include(error.message, "training_file: missing (required)")
    }))

  it.effect("list parameters, job ids and model names", () =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* validateListParams({ after: "ftjob-1", limit: 100 }), { after: "ftjob-1", limit: 100 })
      const limit = yield* Effect.flip(validateListParams({ limit: 0, page: 2 }))
      assert.include(limit.message, "limit: expected an integer from 1 to 100, got 0")
      assert.include(limit.message, 'unknown key "page"')
      assert.include((yield* Effect.flip(validateJobId({ id: "" }))).message, "id: expected a string of 1 to 256 characters")
      assert.include((yield* Effect.flip(validateFineTunedModel({ model: 1 }))).message, "model: expected")
    }))
})

describe("responses", () => {
  it("FineTuningJob keeps unknown fields and accepts nulls and open statuses", () => {
    const job = Schema.decodeUnknownSync(FineTuningJob)({
      id: "ftjob-1",
      status: "paused",
      fine_tuned_model: null,
      result_files: null,
      hyperparameters: { n_epochs: "3", extra: true },
      error: { code: "1214", message: "bad file", param: null },
      seed: 42
    })
    assert.strictEqual(job.status, "paused")
    assert.isNull(job.fine_tuned_model)
    assert.strictEqual(job.hyperparameters?.extra, true)
    assert.strictEqual(job.seed, 42)
    assert.isFalse(isTerminal(job.status))
    assert.isTrue(isTerminal("cancelled"))
    assert.throws(() => Schema.decodeUnknownSync(FineTuningJob)({ status: "running" }))
  })

  it("events and model deletions", () => {
    const page = Schema.decodeUnknownSync(FineTuningJobEventList)({
      data: [{ id: "e1", data: { loss: "0.5", epoch: 1, eval_acc: null } }, { message: "no id" }],
      has_more: null
    })
    assert.strictEqual(metricValue(page.data?.[0]?.data?.loss), 0.5)
    assert.isUndefined(metricValue("n/a"))
    assert.isUndefined(metricValue(null))
    const deleted = Schema.decodeUnknownSync(FineTunedModelDeleted)({ model_name: "ft:x", delete_status: "purged" })
    assert.strictEqual(deleted.delete_status, "purged")
  })
})
