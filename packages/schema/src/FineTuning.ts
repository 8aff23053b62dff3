/**
 * Fine-tuning (legacy bigmodel surface, known only from the `zhipuai` v4 SDKs; it may not exist on api.z.ai):
 * `POST /fine_tuning/jobs` and its strict request, the lenient `FineTuningJob`, job lists, job events with
 * their training metrics, and `DELETE /fine_tuning/fine_tuned_models/{model}`.
 *
 * Request schemas are strict (see `InputValidation`); response schemas keep unknown fields and accept `null`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"
import { openLiterals } from "./Models.js"

// -----------------------------------------------------------------------------
// requests
// -----------------------------------------------------------------------------

const auto = Schema.Literal("auto")

/**
 * `"auto"` or a whole number of epochs (≥ 1).
 *
 * @since 0.1.0
 */
export const EpochsSetting = Schema.Union([auto, Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))]).annotate({
  identifier: "EpochsSetting",
  expected: '"auto" or an integer ≥ 1'
})

/**
 * `"auto"` or a batch size (an integer ≥ 1).
 *
 * @since 0.1.0
 */
export const BatchSizeSetting = Schema.Union([auto, Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))]).annotate({
  identifier: "BatchSizeSetting",
  expected: '"auto" or an integer ≥ 1'
})

/**
 * `"auto"` or a learning-rate multiplier (a number > 0).
 *
 * @since 0.1.0
 */
export const LearningRateMultiplierSetting = Schema.Union([auto, Schema.Finite.check(Schema.isGreaterThan(0))]).annotate({
  identifier: "LearningRateMultiplierSetting",
  expected: '"auto" or a number > 0'
})

/**
 * `{ n_epochs?, batch_size?, learning_rate_multiplier? }`, each `"auto"` or a number.
 *
 * @since 0.1.0
 */
export const Hyperparameters = Schema.Struct({
  /** Passes over the training file. */
  n_epochs: Schema.optionalKey(EpochsSetting),
  /** Examples per batch. */
  batch_size: Schema.optionalKey(BatchSizeSetting),
  /** Scales the base learning rate. */
  learning_rate_multiplier: Schema.optionalKey(LearningRateMultiplierSetting)
}).annotate({ identifier: "Hyperparameters" })

/**
 * Fine-tuning hyperparameters.
 *
 * @since 0.1.0
 */
export type Hyperparameters = typeof Hyperparameters.Type

const nonEmpty = (identifier: string, max: number) =>
  Schema.String.check(Schema.isBetweenLength(1, max)).annotate({
    identifier,
    expected: `a string of 1 to ${max} characters`
  })

/**
 * The body of `POST /fine_tuning/jobs`: `model` and `training_file` (a file id uploaded with purpose `fine-tune`)
 * are required.
 *
 * @since 0.1.0
 */
export const CreateFineTuningJobRequest = Schema.Struct({
  /** The base model to fine-tune, e.g. `glm-4-flash`. */
  model: nonEmpty("FineTuningBaseModel", 256),
  /** Id of the training file (JSONL, uploaded with purpose `fine-tune`). */
  training_file: nonEmpty("FileId", 256),
  /** Id of the validation file. */
  validation_file: Schema.optionalKey(nonEmpty("FileId", 256)),
  /** Training hyperparameters. */
  hyperparameters: Schema.optionalKey(Hyperparameters),
  /** Up to 64 characters added to the fine-tuned model's name. */
  suffix: Schema.optionalKey(nonEmpty("FineTunedModelSuffix", 64)),
  /** Unique client request id. */
  request_id: Schema.optionalKey(nonEmpty("RequestId", 128))
}).annotate({ identifier: "CreateFineTuningJobRequest" })

/**
 * A fine-tuning job request.
 *
 * @since 0.1.0
 */
export type CreateFineTuningJobRequest = typeof CreateFineTuningJobRequest.Type

/**
 * Query of the cursor-paged lists (`GET /fine_tuning/jobs`, `GET /fine_tuning/jobs/{id}/events`):
 * `after` (the last id seen) and `limit` (1–100).
 *
 * @since 0.1.0
 */
export const ListParams = Schema.Struct({
  /** Start after this id. */
  after: Schema.optionalKey(nonEmpty("Cursor", 256)),
  /** Items per page, 1–100. */
  limit: Schema.optionalKey(
    Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100 })).annotate({ expected: "an integer from 1 to 100" })
  )
}).annotate({ identifier: "FineTuningListParams" })

/**
 * Cursor list parameters.
 *
 * @since 0.1.0
 */
export type ListParams = typeof ListParams.Type

/**
 * A fine-tuning job id given as `{ id }` (path parameter).
 *
 * @since 0.1.0
 */
export const JobIdInput = Schema.Struct({ id: nonEmpty("FineTuningJobId", 256) }).annotate({ identifier: "FineTuningJobId" })

/**
 * A fine-tuned model name given as `{ model }` (path parameter).
 *
 * @since 0.1.0
 */
export const FineTunedModelInput = Schema.Struct({ model: nonEmpty("FineTunedModel", 256) }).annotate({
  identifier: "FineTunedModel"
})

/**
 * Validates an `unknown` value as a `CreateFineTuningJobRequest`: unknown keys and wrong types fail with
 * `InvalidRequestInput` naming the field, e.g. `hyperparameters.n_epochs: expected "auto" or an integer ≥ 1, got 0`.
 *
 * @since 0.1.0
 */
export const validateCreateJobRequest = makeValidator(CreateFineTuningJobRequest, "CreateFineTuningJobRequest")

/**
 * Validates the `after` / `limit` query of a fine-tuning list.
 *
 * @since 0.1.0
 */
export const validateListParams = makeValidator(ListParams, "FineTuningListParams")

/**
 * Validates a job id (`{ id }`).
 *
 * @since 0.1.0
 */
export const validateJobId = makeValidator(JobIdInput, "FineTuningJobId")

/**
 * Validates a fine-tuned model name (`{ model }`).
 *
 * @since 0.1.0
 */
export const validateFineTunedModel = makeValidator(FineTunedModelInput, "FineTunedModel")

// -----------------------------------------------------------------------------
// responses
// -----------------------------------------------------------------------------

/**
 * `create`, `validating_files`, `queued`, `running`, `succeeded`, `failed` or `cancelled` (any other string is
 * accepted and should be treated as still in progress).
 *
 * @since 0.1.0
 */
export const JobStatus = openLiterals(
  ["create", "validating_files", "queued", "running", "succeeded", "failed", "cancelled"],
  { identifier: "FineTuningJobStatus", description: "The status of a fine-tuning job" }
)

/**
 * A job status.
 *
 * @since 0.1.0
 */
export type JobStatus = typeof JobStatus.Type

/**
 * Whether a job status is final (`succeeded`, `failed` or `cancelled`).
 *
 * @since 0.1.0
 */
export const isTerminal = (status: JobStatus | null | undefined): boolean =>
  status === "succeeded" || status === "failed" || status === "cancelled"

/**
 * `"auto"`, a number, or a number sent as text (`"3"`): hyperparameter and metric values as the API reports them.
 *
 * @since 0.1.0
 */
export const NumberOrText = Schema.Union([Schema.Number, Schema.String]).annotate({ identifier: "NumberOrText" })

/**
 * A number or its text.
 *
 * @since 0.1.0
 */
export type NumberOrText = typeof NumberOrText.Type

/**
 * The hyperparameters a job reports.
 *
 * @since 0.1.0
 */
export const JobHyperparameters = lenient({
  n_epochs: maybe(NumberOrText),
  batch_size: maybe(NumberOrText),
  learning_rate_multiplier: maybe(NumberOrText)
}).annotate({ identifier: "FineTuningJobHyperparameters" })

/**
 * Reported hyperparameters.
 *
 * @since 0.1.0
 */
export type JobHyperparameters = typeof JobHyperparameters.Type

/**
 * `{ code, message, param }`: why a job failed.
 *
 * @since 0.1.0
 */
export const JobError = lenient({
  code: maybe(Schema.Union([Schema.String, Schema.Number])),
  message: maybe(Schema.String),
  param: maybe(Schema.String)
}).annotate({ identifier: "FineTuningJobError" })

/**
 * A job's error.
 *
 * @since 0.1.0
 */
export type JobError = typeof JobError.Type

/**
 * A fine-tuning job: `{ id, request_id, created_at, finished_at, model, fine_tuned_model, status, trained_tokens,
 * training_file, validation_file, result_files, hyperparameters, error }` (timestamps in Unix seconds).
 * `id` is required; every other field may be absent or `null`, and unknown fields are kept.
 *
 * @since 0.1.0
 */
export const FineTuningJob = lenient({
  id: Schema.String,
  object: maybe(Schema.String),
  request_id: maybe(Schema.String),
  created_at: maybe(Schema.Number),
  finished_at: maybe(Schema.Number),
  model: maybe(Schema.String),
  fine_tuned_model: maybe(Schema.String),
  status: maybe(JobStatus),
  trained_tokens: maybe(Schema.Number),
  training_file: maybe(Schema.String),
  validation_file: maybe(Schema.String),
  result_files: maybe(Schema.Array(Schema.String)),
  hyperparameters: maybe(JobHyperparameters),
  error: maybe(JobError)
}).annotate({ identifier: "FineTuningJob" })

/**
 * A fine-tuning job.
 *
 * @since 0.1.0
 */
export type FineTuningJob = typeof FineTuningJob.Type

/**
 * One page of `GET /fine_tuning/jobs`: `{ object, data, has_more }`.
 *
 * @since 0.1.0
 */
export const FineTuningJobList = lenient({
  object: maybe(Schema.String),
  data: maybe(Schema.Array(FineTuningJob)),
  has_more: maybe(Schema.Boolean)
}).annotate({ identifier: "FineTuningJobList" })

/**
 * A page of jobs.
 *
 * @since 0.1.0
 */
export type FineTuningJobList = typeof FineTuningJobList.Type

/**
 * The training metrics of an event: `{ epoch, current_steps, total_steps, loss, eval_loss, acc, learning_rate,
 * elapsed_time, remaining_time, ... }`. Values may come as numbers or text.
 *
 * @since 0.1.0
 */
export const JobEventMetrics = lenient({
  epoch: maybe(NumberOrText),
  current_steps: maybe(NumberOrText),
  total_steps: maybe(NumberOrText),
  trained_tokens: maybe(NumberOrText),
  loss: maybe(NumberOrText),
  eval_loss: maybe(NumberOrText),
  acc: maybe(NumberOrText),
  eval_acc: maybe(NumberOrText),
  learning_rate: maybe(NumberOrText),
  elapsed_time: maybe(NumberOrText),
  remaining_time: maybe(NumberOrText)
}).annotate({ identifier: "FineTuningJobEventMetrics" })

/**
 * Training metrics.
 *
 * @since 0.1.0
 */
export type JobEventMetrics = typeof JobEventMetrics.Type

/**
 * One job event: `{ id, type, level, message, created_at, data }` (`data` holds the metrics of a training step).
 *
 * @since 0.1.0
 */
export const FineTuningJobEvent = lenient({
  id: maybe(Schema.String),
  object: maybe(Schema.String),
  type: maybe(Schema.String),
  level: maybe(Schema.String),
  message: maybe(Schema.String),
  created_at: maybe(Schema.Number),
  data: maybe(JobEventMetrics)
}).annotate({ identifier: "FineTuningJobEvent" })

/**
 * A job event.
 *
 * @since 0.1.0
 */
export type FineTuningJobEvent = typeof FineTuningJobEvent.Type

/**
 * One page of `GET /fine_tuning/jobs/{id}/events`: `{ object, data, has_more }`.
 *
 * @since 0.1.0
 */
export const FineTuningJobEventList = lenient({
  object: maybe(Schema.String),
  data: maybe(Schema.Array(FineTuningJobEvent)),
  has_more: maybe(Schema.Boolean)
}).annotate({ identifier: "FineTuningJobEventList" })

/**
 * A page of events.
 *
 * @since 0.1.0
 */
export type FineTuningJobEventList = typeof FineTuningJobEventList.Type

/**
 * `deleting` or `deleted` (any other string is accepted).
 *
 * @since 0.1.0
 */
export const DeleteStatus = openLiterals(["deleting", "deleted"], {
  identifier: "FineTunedModelDeleteStatus",
  description: "Where the deletion of a fine-tuned model stands"
})

/**
 * A delete status.
 *
 * @since 0.1.0
 */
export type DeleteStatus = typeof DeleteStatus.Type

/**
 * The answer of `DELETE /fine_tuning/fine_tuned_models/{model}`: `{ request_id, model_name, delete_status }`.
 *
 * @since 0.1.0
 */
export const FineTunedModelDeleted = lenient({
  request_id: maybe(Schema.String),
  model_name: maybe(Schema.String),
  delete_status: maybe(DeleteStatus)
}).annotate({ identifier: "FineTunedModelDeleted" })

/**
 * A fine-tuned model deletion.
 *
 * @since 0.1.0
 */
export type FineTunedModelDeleted = typeof FineTunedModelDeleted.Type

/**
 * A metric value as a number: numbers as is, numeric text parsed, anything else `undefined`.
 *
 * @since 0.1.0
 */
export const metricValue = (value: NumberOrText | null | undefined): number | undefined => {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined
  if (typeof value !== "string" || value.trim() === "") return undefined
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : undefined
}
