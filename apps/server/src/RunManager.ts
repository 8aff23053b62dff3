/**
 * Starts and keeps the server's runs. A run is a built-in pipeline (by name) or an inline spec, compiled with the step
 * registry of `@zai-kit/steps` writing into the run's own folder (`<data>/files/<run key>/`), started on the durable
 * engine with the `RunStore` recording it, and kept in the server's scope (not the request's): the request gets the id
 * at once. At most `maxConcurrentRuns` run at a time. At start-up, runs left `running` by a crash are resumed (or marked
 * failed with the cause) through `Runs.resume`. On shutdown the runs are interrupted and stay resumable.
 *
 * Several server processes on one PostgreSQL share the work: at start-up each registers (`Pipeline.register`) every
 * built-in pipeline and the one workflow of inline specs (`inlineWorkflow`), so whichever process the engine routes an
 * execution to can run it. An execution started by another process runs the pipeline rebuilt from its run record
 * (the built-in by name, or the inline spec from its stored text) with steps writing into the run's own folder.
 * Inline specs are named by their users, so they all run in one workflow of their own, whose body is each run's own
 * spec: two inline specs under one name never run each other's steps, and no process needs to have seen a spec before.
 *
 * @since 0.1.0
 */
import { readdir, stat } from "node:fs/promises"
import { join } from "node:path"
import { Pipelines, Registry } from "@zai-kit/steps"
import { Pipeline, Runs, RunStore, Spec } from "@zai-kit/workflow"
import { Context, Deferred, Effect, Layer, Option, Scope } from "effect"
import { WorkflowEngine } from "effect/workflow"
import { BadRequest, NotFound, TooManyRequests, Unavailable } from "./ApiError.js"
import * as SpecText from "./internal/specText.js"
import { ServerConfig } from "./ServerConfig.js"

/**
 * What to run: a built-in pipeline or an inline spec, and the inputs.
 *
 * @since 0.1.0
 */
export interface StartRequest {
  readonly pipeline?: string | undefined
  readonly spec?: string | undefined
  readonly input?: Readonly<Record<string, unknown>> | undefined
}

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** Checks, compiles and starts a run; answers with its id once it is recorded. */
  readonly start: (
    request: StartRequest
  ) => Effect.Effect<{ readonly id: string; readonly pipeline: string }, BadRequest | NotFound | TooManyRequests | Unavailable>
  /** Runs running in this process. */
  readonly active: Effect.Effect<number>
  /** The folder of the files a run produced. */
  readonly outputDir: (key: string) => string
  /** Names of the regular files in a run's folder. */
  readonly files: (key: string) => Effect.Effect<ReadonlyArray<string>>
  /** Compiles a spec text (validation, Mermaid). */
  readonly compile: (text: string, file: string) => Effect.Effect<Spec.SpecPipeline, Spec.SpecError>
}

/**
 * The workflow name (`Pipeline.withWorkflowName`) of every inline spec's run; the run record keeps the spec's name.
 *
 * @since 0.1.0
 */
export const inlineWorkflow = "zai-server/inline-spec"

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class RunManager extends Context.Service<RunManager, Service>()("@zai-kit/server/RunManager") {}

/**
 * The spec loader's errors as `BadRequest` issues with their positions (`file:line:column`).
 *
 * @since 0.1.0
 */
export const specIssues = (error: Spec.SpecError): BadRequest =>
  new BadRequest({
    message: `Invalid spec:\n${error.issues.map(Spec.formatIssue).join("\n")}`,
    issues: error.issues.map((issue) => ({
      path: `${issue.file}:${issue.line}:${issue.column}${issue.step === undefined ? "" : ` (step ${issue.step})`}`,
      message: issue.message
    }))
  })

const listFiles = (dir: string): Effect.Effect<ReadonlyArray<string>> =>
  Effect.promise(async () => {
    try {
      const names = await readdir(dir)
      const files: Array<string> = []
      for (const name of names.sort()) if ((await stat(join(dir, name))).isFile()) files.push(name)
      return files
    } catch {
      return []
    }
  })

/**
 * The manager, with the runs left `running` by an earlier process resumed (or marked failed) in its scope.
 *
 * @since 0.1.0
 */
/** @internal */
const layerManager = Layer.effect(
  RunManager,
  Effect.gen(function*() {
    const settings = yield* ServerConfig
    const scope = yield* Effect.scope
    const services = yield* Effect.context<Registry.Services>()
    const store = yield* RunStore.RunStore
    const engine = yield* Effect.serviceOption(WorkflowEngine.WorkflowEngine)
    // Runs live in the server's scope with the storage of the server, whatever fiber started them.
    const withStorage = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      effect.pipe(
        Effect.provideService(RunStore.RunStore, store),
        (e) => (Option.isSome(engine) ? Effect.provideService(e, WorkflowEngine.WorkflowEngine, engine.value) : e)
      )
    const filesDir = join(settings.dataDir, "files")
    const outputDir = (key: string) => join(filesDir, key)
    const registryFor = (key: string) => Registry.make({ outputDir: outputDir(key) }).pipe(Effect.provideContext(services))
    let active = 0

    const keep = <A, E>(handleResult: Effect.Effect<A, E>) =>
      Effect.forkIn(
        Effect.exit(handleResult).pipe(Effect.ensuring(Effect.sync(() => active--))),
        scope
      )

    const compileFor = Effect.fnUntraced(function*(request: StartRequest, key: string) {
      if ((request.pipeline === undefined) === (request.spec === undefined)) {
        return yield* new BadRequest({
          message: "Give exactly one of `pipeline` (a built-in pipeline's name) and `spec` (an inline spec)",
          issues: [{ path: "payload", message: "expected exactly one of pipeline, spec" }]
        })
      }
      const registry = yield* registryFor(key)
      if (request.pipeline !== undefined) {
        const found = Pipelines.find(request.pipeline)
        if (Option.isNone(found)) {
          return yield* new NotFound({
            message: `No built-in pipeline "${request.pipeline}"; there are: ${Pipelines.builtinNames.join(", ")}`
          })
        }
        const source = yield* Pipelines.read(found.value.file).pipe(
          Effect.mapError((error) => new Unavailable({ message: error.message }))
        )
        const pipeline = yield* Spec.parse(source.text, { file: `${found.value.name}.yaml`, registry }).pipe(
          Effect.mapError(specIssues)
        )
        return { pipeline, text: source.text, inline: false }
      }
      const text = request.spec ?? ""
      const pipeline = yield* Spec.parse(text, { file: "spec", registry }).pipe(Effect.mapError(specIssues))
      return { pipeline: Pipeline.withWorkflowName(pipeline, inlineWorkflow), text, inline: true }
    })

    const start = Effect.fn("RunManager.start")(function*(request: StartRequest) {
      if (active >= settings.maxConcurrentRuns) {
        return yield* new TooManyRequests({
          message: `Too many runs at once (limit ${settings.maxConcurrentRuns}): retry when one has finished`,
          retryAfterSeconds: 5
        })
      }
      const key = crypto.randomUUID()
      const { pipeline, text, inline } = yield* compileFor(request, key)
      const header = SpecText.header(text)
      if (Option.isSome(header)) {
        yield* Spec.checkInputs(pipeline.name, header.value.inputs ?? {})(request.input ?? {}).pipe(
          Effect.mapError((error) =>
            new BadRequest({
              message: `Invalid input for pipeline "${pipeline.name}": ${error.message}`,
              issues: error.issues.map((issue) => ({
                path: issue.input === "" ? "payload.input" : `payload.input.${issue.input}`,
                message: issue.message
              }))
            })
          )
        )
      }
      active++
      const started = yield* Deferred.make<string, RunStore.RunStoreError>()
      yield* Effect.gen(function*() {
        const handle = yield* Pipeline.run(pipeline, request.input ?? {}, { key, ...(inline ? { spec: text } : {}) })
        yield* Deferred.succeed(started, handle.id)
        yield* Effect.exit(handle.result)
      }).pipe(
        Effect.scoped,
        withStorage,
        Effect.catch((error) => Deferred.fail(started, error)),
        Effect.ensuring(Effect.sync(() => active--)),
        Effect.annotateLogs({ runKey: key, pipeline: pipeline.name }),
        Effect.withSpan("run", { attributes: { pipeline: pipeline.name } }),
        Effect.forkIn(scope)
      )
      const id = yield* Deferred.await(started).pipe(
        Effect.mapError((error) => new Unavailable({ message: `The run could not be recorded: ${error.message}` }))
      )
      yield* Effect.logInfo("run started").pipe(Effect.annotateLogs({ runId: id, pipeline: pipeline.name }))
      return { id, pipeline: pipeline.name }
    })

    const lookup = (run: RunStore.RunSummary) =>
      Effect.gen(function*() {
        const registry = yield* registryFor(run.key)
        if (run.spec !== undefined) {
          const compiled = yield* Spec.parse(run.spec, { file: "spec", registry })
          const inlined = Pipeline.withWorkflowName(compiled, inlineWorkflow)
          // Runs of an inline spec recorded before inline specs had a workflow of their own ran under their name.
          return Option.some((yield* Pipeline.executionId(inlined, run.key)) === run.id ? inlined : compiled)
        }
        const found = Pipelines.find(run.pipeline)
        if (Option.isNone(found)) return Option.none()
        return Option.some(yield* Pipelines.load(found.value.file, registry))
      })

    // The pipeline an execution this process did not start runs: rebuilt from its run record, with its own folder.
    const resolve = (workflow: string) => ({ key, executionId }: { readonly key: string; readonly executionId: string }) =>
      Effect.gen(function*() {
        const run = yield* Effect.orElseSucceed(store.get(executionId), () => Option.none())
        const found: Option.Option<Pipeline.Any> = Option.isSome(run)
          ? yield* lookup(run.value)
          : workflow === inlineWorkflow
          ? Option.none()
          : yield* Effect.flatMap(registryFor(key), (registry) =>
            Option.match(Pipelines.find(workflow), {
              onNone: () => Effect.succeed(Option.none()),
              onSome: (builtin) => Effect.map(Pipelines.load(builtin.file, registry), Option.some)
            }))
        if (Option.isNone(found)) {
          return yield* new Unavailable({ message: `execution ${executionId}: no run record to rebuild its pipeline from` })
        }
        return found.value
      }).pipe(
        Effect.mapError((error) =>
          error instanceof Unavailable
            ? error
            : new Unavailable({ message: `execution ${executionId}: its pipeline cannot be rebuilt: ${error.message}` })
        )
      )

    // Every pipeline this process may be asked to execute, registered ahead of any run (a no-op on the memory engine).
    const templates = yield* registryFor("validate").pipe(
      Effect.flatMap((registry) =>
        Effect.forEach(Pipelines.builtin, (builtin) => Pipelines.load(builtin.file, registry))
      ),
      Effect.orDie
    )
    yield* Effect.forEach(templates, (template) => Pipeline.register(template, { resolve: resolve(template.name) })).pipe(
      withStorage
    )
    const [first] = templates
    if (first !== undefined) {
      // Specs all take any input: a compiled spec stands for the payload schema of every inline spec.
      yield* Pipeline.register(Pipeline.withWorkflowName(first, inlineWorkflow), { resolve: resolve(inlineWorkflow) })
        .pipe(withStorage)
    }

    const report = yield* Runs.resume(lookup).pipe(Scope.provide(scope), withStorage)
    for (const handle of report.resumed) {
      active++
      yield* keep(handle.result)
    }
    if (report.resumed.length > 0 || report.failed.length > 0) {
      yield* Effect.logInfo("runs left by an earlier process").pipe(
        Effect.annotateLogs({
          resumed: report.resumed.map((handle) => handle.id),
          failed: report.failed.map((failure) => `${failure.id}: ${failure.error}`)
        })
      )
    }

    return RunManager.of({
      start,
      active: Effect.sync(() => active),
      outputDir,
      files: (key) => listFiles(outputDir(key)),
      compile: (text, file) =>
        Effect.flatMap(registryFor("validate"), (registry) => Spec.parse(text, { file, registry }))
    })
  })
)

/**
 * The manager as a layer (needs the settings, the storage and the steps' services).
 *
 * @since 0.1.0
 */
export const layer = layerManager
