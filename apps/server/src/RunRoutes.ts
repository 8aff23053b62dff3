/**
 * The handlers of the pipelines and runs API (`RunsApi`).
 *
 * @since 0.1.0
 */
import { stat } from "node:fs/promises"
import { join } from "node:path"
import { Pipelines } from "@zai-kit/steps"
import { Runs, type RunStore, Spec } from "@zai-kit/workflow"
import { Effect, Option, Stream } from "effect"
import { HttpServerRequest, HttpServerResponse } from "effect/http"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "./Api.js"
import { BadRequest, Conflict, NotFound } from "./ApiError.js"
import * as SpecText from "./internal/specText.js"
import { inlineWorkflow, RunManager, specIssues } from "./RunManager.js"

const encoder = new TextEncoder()

/**
 * One stored event as an SSE frame: `id` is its sequence number, `event` its tag.
 *
 * @since 0.1.0
 */
export const sseFrame = (stored: RunStore.StoredEvent): Uint8Array =>
  encoder.encode(`id: ${stored.seq}\nevent: ${stored.event._tag}\ndata: ${JSON.stringify(stored.event)}\n\n`)

const heartbeat = encoder.encode(": keep-alive\n\n")

const notFound = (id: string) => new NotFound({ message: `No run with id ${id}` })

const safeName = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,254}$/

const inputsOf = (text: string) => {
  const header = SpecText.header(text)
  if (Option.isNone(header)) return []
  return Object.entries(header.value.inputs ?? {}).map(([name, spec]) => ({ name, ...spec }))
}

/**
 * The handlers of the `runs` group.
 *
 * @since 0.1.0
 */
export const layer = HttpApiBuilder.group(
  Api,
  "runs",
  Effect.fnUntraced(function*(handlers) {
    const manager = yield* RunManager
    const inspect = (id: string) =>
      Runs.inspect(id).pipe(
        Effect.catchTag("RunNotFoundError", () => Effect.fail(notFound(id))),
        Effect.catchTag("RunStoreError", Effect.die)
      )
    const details = (record: RunStore.RunRecord) =>
      Effect.map(manager.files(record.key), (files) => ({ ...record, files }))
    const readBuiltin = (name: string) =>
      Effect.gen(function*() {
        const found = Pipelines.find(name)
        if (Option.isNone(found)) return yield* new NotFound({ message: `No built-in pipeline "${name}"` })
        const source = yield* Pipelines.read(found.value.file).pipe(Effect.orDie)
        return { builtin: found.value, text: source.text }
      })

    return handlers
      .handle("start", ({ payload }) =>
        Effect.map(manager.start(payload), ({ id, pipeline }) => ({
          id,
          pipeline,
          status: "running" as const,
          events: `/v1/runs/${id}/events`
        })))
      .handle("list", ({ query }) =>
        Runs.list(query).pipe(
          Effect.map(({ runs, nextCursor }) => (nextCursor === undefined ? { runs } : { runs, nextCursor })),
          Effect.catchTag("RunQueryError", (error) =>
            Effect.fail(new BadRequest({ message: error.message, issues: [{ path: `query.${error.field}`, message: error.message }] }))),
          Effect.catchTag("RunStoreError", Effect.die)
        ))
      .handle("get", ({ params }) => Effect.flatMap(inspect(params.id), details))
      .handle("events", ({ params, query }) =>
        Effect.gen(function*() {
          yield* inspect(params.id)
          const request = yield* HttpServerRequest.HttpServerRequest
          const lastEventId = Number(request.headers["last-event-id"] ?? Number.NaN)
          const afterSeq = Number.isInteger(lastEventId) && lastEventId >= 0 ? lastEventId : query.after ?? 0
          const events = Runs.watch(params.id, { afterSeq }).pipe(
            Stream.map(sseFrame),
            Stream.catch((error) =>
              Stream.succeed(encoder.encode(`event: error\ndata: ${JSON.stringify({ message: error.message })}\n\n`)))
          )
          const body = Stream.merge(events, Stream.map(Stream.tick("15 seconds"), () => heartbeat), { haltStrategy: "left" })
          return HttpServerResponse.stream(body, {
            contentType: "text/event-stream",
            headers: { "cache-control": "no-cache", "x-accel-buffering": "no" }
          })
        }))
      .handle("cancel", ({ params }) =>
        Effect.gen(function*() {
          const record = yield* inspect(params.id)
          if (record.status !== "running") {
            return yield* new Conflict({ message: `Run ${params.id} is already ${record.status}` })
          }
          // An inline spec's execution is addressed by the workflow of inline specs (a run in another process).
          const cancelled = yield* Runs.cancel(params.id, {
            workflowName: (run) => (run.spec === undefined ? run.pipeline : inlineWorkflow)
          }).pipe(
            Effect.catchTag("RunNotFoundError", () => Effect.fail(notFound(params.id))),
            Effect.catchTag("RunStoreError", Effect.die)
          )
          return yield* details(cancelled)
        }))
      .handle("file", ({ params }) =>
        Effect.gen(function*() {
          if (!safeName.test(params.name) || params.name.includes("..")) {
            return yield* new BadRequest({
              message: `Invalid file name "${params.name}"`,
              issues: [{ path: "params.name", message: "expected a plain file name (no folders)" }]
            })
          }
          const record = yield* inspect(params.id)
          const path = join(manager.outputDir(record.key), params.name)
          const isFile = yield* Effect.promise(() => stat(path).then((s) => s.isFile(), () => false))
          if (!isFile) return yield* new NotFound({ message: `Run ${params.id} has no file "${params.name}"` })
          const response = yield* HttpServerResponse.file(path).pipe(Effect.orDie)
          return HttpServerResponse.setHeader(
            response,
            "content-disposition",
            `attachment; filename="${params.name.replaceAll('"', "")}"`
          )
        }))
      .handle("pipelines", () =>
        Effect.forEach(Pipelines.builtin, (builtin) =>
          Effect.map(readBuiltin(builtin.name).pipe(Effect.orDie), ({ text }) => ({
            name: builtin.name,
            description: builtin.description,
            inputs: inputsOf(text)
          }))))
      .handle("pipeline", ({ params }) =>
        Effect.gen(function*() {
          const { builtin, text } = yield* readBuiltin(params.name)
          const pipeline = yield* manager.compile(text, `${builtin.name}.yaml`).pipe(Effect.orDie)
          const report = yield* Spec.validate(pipeline).pipe(Effect.orDie)
          const mermaid = yield* Spec.graph(pipeline).pipe(Effect.orDie)
          return {
            name: builtin.name,
            description: builtin.description,
            inputs: inputsOf(text),
            steps: report.steps,
            spec: text,
            mermaid
          }
        }))
      .handle("validate", ({ payload }) =>
        Effect.gen(function*() {
          const pipeline = yield* manager.compile(payload.spec, "spec").pipe(Effect.mapError(specIssues))
          const report = yield* Spec.validate(pipeline).pipe(Effect.mapError(specIssues))
          const mermaid = yield* Spec.graph(pipeline).pipe(Effect.mapError(specIssues))
          return { valid: true as const, name: report.name, steps: report.steps, mermaid }
        }))
  })
)
