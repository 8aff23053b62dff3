/**
 * The pipelines and runs API: start a run (a built-in pipeline by name or an inline spec, plus inputs), list and
 * inspect runs, follow their events over SSE (replay, then live; `Last-Event-ID` resumes), cancel them, download the
 * files they produced; list, show (with the Mermaid graph) and validate pipelines. Guarded by `ApiAuth`.
 *
 * @since 0.1.0
 */
import { RunStore, Spec } from "@zai-kit/workflow"
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "effect/http-api"
import { BadRequest, Conflict, NotFound, TooManyRequests, Unavailable } from "./ApiError.js"
import { ApiAuth, ApiValidation } from "./Auth.js"

/**
 * The body of `POST /v1/runs`: exactly one of `pipeline` (a built-in pipeline's name) and `spec` (an inline spec,
 * YAML or JSON text), and the run's `input`.
 *
 * @since 0.1.0
 */
export const StartRun = Schema.Struct({
  pipeline: Schema.optionalKey(Schema.String.check(Schema.isNonEmpty())),
  spec: Schema.optionalKey(Schema.String.check(Schema.isNonEmpty())),
  input: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown))
}).annotate({ identifier: "StartRun" })

/**
 * The answer of `POST /v1/runs` (202): the run's id, at once.
 *
 * @since 0.1.0
 */
export const StartedRun = Schema.Struct({
  id: Schema.String,
  pipeline: Schema.String,
  status: RunStore.RunStatus,
  events: Schema.String
}).annotate({ identifier: "StartedRun" })

/**
 * A run as `GET /v1/runs/{id}` answers it: the stored record plus the names of the files it produced.
 *
 * @since 0.1.0
 */
export const RunDetails = Schema.Struct({
  ...RunStore.RunRecord.fields,
  files: Schema.Array(Schema.String)
}).annotate({ identifier: "RunDetails" })

/**
 * A page of `GET /v1/runs`.
 *
 * @since 0.1.0
 */
export const RunList = Schema.Struct({
  runs: Schema.Array(RunStore.RunSummary),
  nextCursor: Schema.optionalKey(Schema.String)
}).annotate({ identifier: "RunList" })

/**
 * One input a pipeline declares.
 *
 * @since 0.1.0
 */
export const PipelineInput = Schema.Struct({ name: Schema.String, ...Spec.InputSpec.fields })

/**
 * A pipeline of `GET /v1/pipelines`.
 *
 * @since 0.1.0
 */
export const PipelineSummary = Schema.Struct({
  name: Schema.String,
  description: Schema.String,
  inputs: Schema.Array(PipelineInput)
}).annotate({ identifier: "PipelineSummary" })

/**
 * `GET /v1/pipelines/{name}`: the summary, its steps, the spec text and its Mermaid graph.
 *
 * @since 0.1.0
 */
export const PipelineDetails = Schema.Struct({
  ...PipelineSummary.fields,
  steps: Schema.Array(Schema.String),
  spec: Schema.String,
  mermaid: Schema.String
}).annotate({ identifier: "PipelineDetails" })

/**
 * `POST /v1/pipelines/validate` body: the spec text.
 *
 * @since 0.1.0
 */
export const ValidateSpec = Schema.Struct({ spec: Schema.String }).annotate({ identifier: "ValidateSpec" })

/**
 * A valid spec: its name, steps and Mermaid graph.
 *
 * @since 0.1.0
 */
export const Validated = Schema.Struct({
  valid: Schema.Literal(true),
  name: Schema.String,
  steps: Schema.Array(Schema.String),
  mermaid: Schema.String
}).annotate({ identifier: "Validated" })

const RunId = { id: Schema.String }

/**
 * The runs group.
 *
 * @since 0.1.0
 */
export class RunsApi extends HttpApiGroup.make("runs")
  .add(
    HttpApiEndpoint.post("start", "/v1/runs", {
      payload: StartRun,
      success: StartedRun.pipe(HttpApiSchema.status(202)),
      error: [BadRequest, NotFound, TooManyRequests, Unavailable]
    }),
    HttpApiEndpoint.get("list", "/v1/runs", {
      query: {
        status: Schema.optionalKey(RunStore.RunStatus),
        pipeline: Schema.optionalKey(Schema.String),
        limit: Schema.optionalKey(Schema.NumberFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 200 }))),
        cursor: Schema.optionalKey(Schema.String)
      },
      success: RunList,
      error: BadRequest
    }),
    HttpApiEndpoint.get("get", "/v1/runs/:id", { params: RunId, success: RunDetails, error: NotFound }),
    HttpApiEndpoint.get("events", "/v1/runs/:id/events", {
      params: RunId,
      query: { after: Schema.optionalKey(Schema.NumberFromString.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0))) },
      success: Schema.String.pipe(HttpApiSchema.asText({ contentType: "text/event-stream" })).annotate({
        description:
          "Server-sent events: `id: <seq>`, `event: <RunEvent _tag>`, `data: <RunEvent JSON>`; past events first, then live ones, ending after RunFinished. Reconnect with `Last-Event-ID` (or `?after=<seq>`) to resume."
      }),
      error: NotFound
    }),
    HttpApiEndpoint.post("cancel", "/v1/runs/:id/cancel", {
      params: RunId,
      success: RunDetails,
      error: [NotFound, Conflict]
    }),
    HttpApiEndpoint.get("file", "/v1/runs/:id/files/:name", {
      params: { id: Schema.String, name: Schema.String },
      success: Schema.Uint8Array.pipe(HttpApiSchema.asUint8Array()).annotate({ description: "The file's bytes" }),
      error: [NotFound, BadRequest]
    }),
    HttpApiEndpoint.get("pipelines", "/v1/pipelines", { success: Schema.Array(PipelineSummary) }),
    HttpApiEndpoint.get("pipeline", "/v1/pipelines/:name", {
      params: { name: Schema.String },
      success: PipelineDetails,
      error: NotFound
    }),
    HttpApiEndpoint.post("validate", "/v1/pipelines/validate", {
      payload: ValidateSpec,
      success: Validated,
      error: BadRequest
    })
  )
  .middleware(ApiValidation)
  .middleware(ApiAuth)
  .annotateMerge(OpenApi.annotations({
    title: "Pipelines and runs",
    description: "Start built-in or inline pipelines, follow and cancel their runs, download what they produced."
  }))
{}
