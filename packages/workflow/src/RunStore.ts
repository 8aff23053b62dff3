/**
 * The durable record of pipeline runs: each run's status, input, output, error and usage, the state of
 * each of its steps, and its event log with a per-run sequence number.
 *
 * `Pipeline.run` records into the `RunStore` in the context. The default records nothing (so runs cost
 * nothing extra when no store is set); provide `layerMemory` (this process only) or `layerSql` (any
 * `effect/sql` `SqlClient`: SQLite through `@zai-kit/sqlite`, PostgreSQL through `@effect/sql-pg`; the
 * tables are created when missing) to keep the record. `Runs` lists, inspects, watches, cancels and
 * resumes what a store holds.
 *
 * Values (run input and output, step outputs) are stored as JSON.
 *
 * @since 0.1.0
 */
import { Clock, Context, Deferred, Effect, Exit, Layer, Option, PubSub, Schema } from "effect"
import { SqlClient, type SqlError } from "effect/sql"
import { RunEvent, Usage } from "./RunEvent.js"

/** Where a run stands. `running` until it ends; the other three are final. */
export const RunStatus = Schema.Literals(["running", "succeeded", "failed", "cancelled"])
/** Where a run stands (type). */
export type RunStatus = typeof RunStatus.Type

/** The state of one step (one path: `read#2`, `refine@3/critique`) of a run, kept up to date from its events. */
export const StepState = Schema.Struct({
  /** The step kind (the `Step`'s name). */
  kind: Schema.String,
  /** `running` after `StepStarted`, then `succeeded` (also when served from the cache) or `failed`. */
  status: Schema.Literals(["running", "succeeded", "failed"]),
  /** Attempts made so far (retries included). */
  attempts: Schema.Number,
  /** Wall time of the step's attempts and the delays between them, once it ended. */
  durationMillis: Schema.optionalKey(Schema.Number),
  usage: Usage,
  /** The failure, once the step failed for good. */
  error: Schema.optionalKey(Schema.String),
  /** Whether the output came from the `StepCache` (the step did not run). */
  cached: Schema.Boolean,
  /** The step's output (encoded by its output schema), once it succeeded. */
  output: Schema.optionalKey(Schema.Unknown),
  startedAt: Schema.optionalKey(Schema.Number),
  finishedAt: Schema.optionalKey(Schema.Number)
})
/** The state of one step (type). */
export type StepState = typeof StepState.Type

/** A run without its step states: what `list` returns. */
export const RunSummary = Schema.Struct({
  /** The execution id (`RunHandle.id`). */
  id: Schema.String,
  /** The run key the execution id derives from; running the same pipeline with it joins the same execution. */
  key: Schema.String,
  /** The pipeline name (`Pipeline.name`). */
  pipeline: Schema.String,
  status: RunStatus,
  /** The run input, encoded as JSON by the pipeline's input schema. */
  input: Schema.Unknown,
  /** The source text of an inline spec, so that a restarted process can compile it again. */
  spec: Schema.optionalKey(Schema.String),
  /** The output, once the run succeeded. */
  output: Schema.optionalKey(Schema.Unknown),
  /** Why the run failed or was cancelled. */
  error: Schema.optionalKey(Schema.String),
  /** Token usage summed over the steps so far. */
  usage: Usage,
  /** Epoch milliseconds on the Effect clock. */
  createdAt: Schema.Number,
  updatedAt: Schema.Number
})
/** A run without its step states (type). */
export type RunSummary = typeof RunSummary.Type

/** A run with the state of each of its steps, by path: what `get` (and `Runs.inspect`) return. */
export const RunRecord = Schema.Struct({
  ...RunSummary.fields,
  steps: Schema.Record(Schema.String, StepState)
})
/** A run with its step states (type). */
export type RunRecord = typeof RunRecord.Type

/** A stored event and its sequence number within its run (1-based, no gaps). */
export interface StoredEvent {
  readonly seq: number
  readonly event: RunEvent
}

/** What a new run record starts with. */
export interface NewRun {
  readonly id: string
  readonly key: string
  readonly pipeline: string
  readonly input: unknown
  readonly spec?: string | undefined
}

/** What `setStatus` may set along with the status. */
export interface StatusPatch {
  readonly output?: unknown
  readonly error?: string | undefined
  /** The run's `RunFinished`, appended in the same step as the status change (and only when it changes). */
  readonly event?: RunEvent | undefined
}

/** Filters and paging of `list` (newest first). */
export interface ListOptions {
  readonly status?: RunStatus | undefined
  readonly pipeline?: string | undefined
  /** Runs per page, 1 to 1000 (default 50). */
  readonly limit?: number | undefined
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string | undefined
}

/** A page of runs; `nextCursor` is there when more runs follow. */
export interface RunPage {
  readonly runs: ReadonlyArray<RunSummary>
  readonly nextCursor?: string | undefined
}

/** The storage failed, or what it held could not be read back. */
export class RunStoreError extends Schema.TaggedError<RunStoreError>()("RunStoreError", {
  operation: Schema.String,
  message: Schema.String
}) {}

/** A `list` query with a bad field (limit, cursor, status). */
export class RunQueryError extends Schema.TaggedError<RunQueryError>()("RunQueryError", {
  field: Schema.String,
  message: Schema.String
}) {}

/** The store of runs. */
export interface Service {
  /** Whether this store keeps anything (`false` only for `none`, the default). */
  readonly recording: boolean
  /** Store a new run as `running`. `false` when a run with this id is already stored (a rejoined run). */
  readonly create: (run: NewRun) => Effect.Effect<boolean, RunStoreError>
  /**
   * Append an event to a run's log (updating its step states and usage); returns its sequence number. The log
   * of a final run is closed (its `RunFinished` is the last event): nothing is appended and the answer is 0.
   */
  readonly appendEvent: (
    runId: string,
    event: RunEvent,
    options?: {
      /** The step's (JSON-encoded) output, kept with a `StepSucceeded` in the same write. */
      readonly output?: unknown
    }
  ) => Effect.Effect<number, RunStoreError>
  /** Record a step's (JSON-encoded) output. */
  readonly setStepOutput: (runId: string, step: string, output: unknown) => Effect.Effect<void, RunStoreError>
  /**
   * Move a `running` run to `status`, with its output or error. `false` (and nothing changes) when the run
   * is missing or already final: the first final status wins.
   */
  readonly setStatus: (runId: string, status: RunStatus, patch?: StatusPatch) => Effect.Effect<boolean, RunStoreError>
  /** A run with its step states. */
  readonly get: (runId: string) => Effect.Effect<Option.Option<RunRecord>, RunStoreError>
  /** A page of runs, newest first, optionally only those with a status or of a pipeline. */
  readonly list: (options?: ListOptions) => Effect.Effect<RunPage, RunStoreError | RunQueryError>
  /** A run's events after `afterSeq` (default 0: all), in order. */
  readonly events: (
    runId: string,
    options?: { readonly afterSeq?: number | undefined }
  ) => Effect.Effect<ReadonlyArray<StoredEvent>, RunStoreError>
  /**
   * Ids of runs whose log or status changed through this store, in this process (wakes `Runs.watch`).
   * Sliding: a subscriber that falls more than 1024 changes behind loses the oldest.
   */
  readonly changes: PubSub.PubSub<string>
}

/** A store that keeps nothing: the default, so runs cost nothing extra when no store is set. */
export const none: Service = {
  recording: false,
  create: () => Effect.succeed(true),
  appendEvent: () => Effect.succeed(0),
  setStepOutput: () => Effect.void,
  setStatus: () => Effect.succeed(false),
  get: () => Effect.succeed(Option.none()),
  list: () => Effect.succeed({ runs: [] }),
  events: () => Effect.succeed([]),
  changes: Effect.runSync(PubSub.sliding<string>(1))
}

// A slow watcher may miss a wake-up when many runs change at once: it then finds the events by polling.
const changesCapacity = 1024

/** The store runs are recorded into; defaults to `none` (records nothing). */
export const RunStore = Context.Reference<Service>("@zai-kit/workflow/RunStore", { defaultValue: () => none })

// -----------------------------------------------------------------------------------------------------------------
// shared logic
// -----------------------------------------------------------------------------------------------------------------

const zeroUsage = { inputTokens: 0, outputTokens: 0 }

type Tokens = typeof Usage.Type

const addUsage = (a: Tokens, b: Tokens): Tokens => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens
})

/** The state of a step after one of its events (`undefined` for events that are not about a step). */
export const applyEvent = (state: StepState | undefined, event: RunEvent): StepState | undefined => {
  switch (event._tag) {
    case "StepStarted":
      return { kind: event.kind, status: "running", attempts: 1, usage: zeroUsage, cached: false, startedAt: event.at }
    case "StepRetried":
      return {
        ...(state ?? { kind: event.kind, usage: zeroUsage, cached: false }),
        status: "running",
        attempts: event.attempt + 1
      }
    case "StepSucceeded":
    case "StepFailed": {
      const base = state ?? { kind: event.kind, cached: false }
      return {
        ...base,
        kind: event.kind,
        status: event._tag === "StepSucceeded" ? "succeeded" : "failed",
        attempts: event.attempts,
        durationMillis: event.durationMillis,
        usage: event.usage,
        ...(event._tag === "StepFailed" ? { error: event.error } : {}),
        finishedAt: event.at
      }
    }
    case "StepCached":
      return {
        kind: event.kind,
        status: "succeeded",
        attempts: 0,
        durationMillis: 0,
        usage: zeroUsage,
        cached: true,
        startedAt: event.at,
        finishedAt: event.at
      }
    default:
      return state
  }
}

/** The usage an event adds to its run's total. */
const usageOf = (event: RunEvent): Tokens | undefined =>
  event._tag === "StepSucceeded" || event._tag === "StepFailed" ? event.usage : undefined

const stepOf = (event: RunEvent): string | undefined => ("step" in event ? event.step : undefined)

const encodeCursor = (createdAt: number, id: string): string =>
  Buffer.from(JSON.stringify([createdAt, id]), "utf8").toString("base64url")

const Cursor = Schema.fromJsonString(Schema.Tuple([Schema.Number, Schema.String]))

const decodeCursor = (cursor: string): Effect.Effect<readonly [number, string], RunQueryError> =>
  Schema.decodeUnknownEffect(Cursor)(Buffer.from(cursor, "base64url").toString("utf8")).pipe(
    Effect.mapError(
      () => new RunQueryError({ field: "cursor", message: "cursor must be a nextCursor returned by list" })
    )
  )

interface Query {
  readonly status: RunStatus | undefined
  readonly pipeline: string | undefined
  readonly limit: number
  readonly after: readonly [number, string] | undefined
}

const statuses: ReadonlyArray<string> = RunStatus.literals

const checkQuery = (options: ListOptions | undefined): Effect.Effect<Query, RunQueryError> =>
  Effect.gen(function* () {
    const limit = options?.limit ?? 50
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      return yield* new RunQueryError({ field: "limit", message: `limit must be an integer from 1 to 1000, got ${limit}` })
    }
    const status = options?.status
    if (status !== undefined && !statuses.includes(status)) {
      return yield* new RunQueryError({
        field: "status",
        message: `status must be one of ${statuses.join(", ")}, got ${JSON.stringify(status)}`
      })
    }
    const after = options?.cursor === undefined ? undefined : yield* decodeCursor(options.cursor)
    return { status, pipeline: options?.pipeline, limit, after }
  })

/** JSON text of a value (`undefined` as `null`), failing typed on what JSON cannot hold (BigInt, cycles). */
const toJson = (operation: string, value: unknown): Effect.Effect<string, RunStoreError> =>
  Effect.try({
    try: () => JSON.stringify(value === undefined ? null : value),
    catch: (error) =>
      new RunStoreError({ operation, message: `value is not JSON: ${error instanceof Error ? error.message : String(error)}` })
  })

const fromJson = (operation: string, text: string): Effect.Effect<unknown, RunStoreError> =>
  Effect.try({
    try: (): unknown => JSON.parse(text),
    catch: () => new RunStoreError({ operation, message: "stored JSON is corrupt" })
  })

const decodeEvent = Schema.decodeUnknownEffect(RunEvent)

const readEvent = (runId: string, value: unknown): Effect.Effect<RunEvent, RunStoreError> =>
  Effect.mapError(
    decodeEvent(value),
    (issue) => new RunStoreError({ operation: "events", message: `stored event of run ${runId} is invalid: ${issue.message}` })
  )

// -----------------------------------------------------------------------------------------------------------------
// memory
// -----------------------------------------------------------------------------------------------------------------

interface MemoryRun {
  summary: RunSummary
  readonly steps: Map<string, StepState>
  readonly events: Array<StoredEvent>
  readonly order: number
}

/** A fresh store in this process's memory (values round-trip through JSON, as in the SQL store). */
export const makeMemory: Effect.Effect<Service> = Effect.gen(function* () {
  const changes = yield* PubSub.sliding<string>(changesCapacity)
  const runs = new Map<string, MemoryRun>()
  let order = 0
  const touch = (runId: string) => Effect.asVoid(PubSub.publish(changes, runId))
  const json = (operation: string, value: unknown) =>
    Effect.flatMap(toJson(operation, value), (text) => fromJson(operation, text))
  const missing = (operation: string, runId: string) => new RunStoreError({ operation, message: `no run ${runId}` })
  const service: Service = {
    recording: true,
    changes,
    create: (run) =>
      Effect.gen(function* () {
        if (runs.has(run.id)) return false
        const input = yield* json("create", run.input)
        const at = yield* Clock.currentTimeMillis
        runs.set(run.id, {
          summary: {
            id: run.id,
            key: run.key,
            pipeline: run.pipeline,
            status: "running",
            input,
            ...(run.spec === undefined ? {} : { spec: run.spec }),
            usage: zeroUsage,
            createdAt: at,
            updatedAt: at
          },
          steps: new Map(),
          events: [],
          order: order++
        })
        yield* touch(run.id)
        return true
      }),
    appendEvent: (runId, event, options) =>
      Effect.gen(function* () {
        const run = runs.get(runId)
        if (run === undefined) return yield* missing("appendEvent", runId)
        if (run.summary.status !== "running") return 0
        const stored = (yield* json("appendEvent", event)) as RunEvent
        const given = options?.output === undefined ? undefined : yield* json("appendEvent", options.output)
        const seq = run.events.length + 1
        run.events.push({ seq, event: stored })
        const step = stepOf(event)
        if (step !== undefined) {
          const next = applyEvent(run.steps.get(step), event)
          if (next !== undefined) {
            const output = given !== undefined && next.status === "succeeded" ? { output: given } : outputOf(run.steps.get(step), next)
            run.steps.set(step, { ...next, ...output })
          }
        }
        const usage = usageOf(event)
        run.summary = {
          ...run.summary,
          ...(usage === undefined ? {} : { usage: addUsage(run.summary.usage, usage) }),
          updatedAt: yield* Clock.currentTimeMillis
        }
        yield* touch(runId)
        return seq
      }),
    setStepOutput: (runId, step, output) =>
      Effect.gen(function* () {
        const run = runs.get(runId)
        if (run === undefined) return yield* missing("setStepOutput", runId)
        const value = yield* json("setStepOutput", output)
        const state = run.steps.get(step)
        if (state !== undefined) run.steps.set(step, { ...state, output: value })
      }),
    setStatus: (runId, status, patch) =>
      Effect.gen(function* () {
        const run = runs.get(runId)
        if (run === undefined || run.summary.status !== "running") return false
        const output = patch !== undefined && "output" in patch ? yield* json("setStatus", patch.output) : undefined
        const event = patch?.event === undefined ? undefined : ((yield* json("setStatus", patch.event)) as RunEvent)
        run.summary = {
          ...run.summary,
          status,
          ...(output === undefined ? {} : { output }),
          ...(patch?.error === undefined ? {} : { error: patch.error }),
          updatedAt: yield* Clock.currentTimeMillis
        }
        if (event !== undefined) run.events.push({ seq: run.events.length + 1, event })
        yield* touch(runId)
        return true
      }),
    get: (runId) =>
      Effect.sync(() => {
        const run = runs.get(runId)
        return run === undefined
          ? Option.none()
          : Option.some({ ...run.summary, steps: Object.fromEntries(run.steps) })
      }),
    list: (options) =>
      Effect.map(checkQuery(options), (query) => {
        const after = query.after
        const matching = [...runs.values()]
          .filter(
            (r) =>
              (query.status === undefined || r.summary.status === query.status) &&
              (query.pipeline === undefined || r.summary.pipeline === query.pipeline)
          )
          .sort((a, b) => b.summary.createdAt - a.summary.createdAt || compareIds(b.summary.id, a.summary.id))
          .filter(
            (r) =>
              after === undefined ||
              r.summary.createdAt < after[0] ||
              (r.summary.createdAt === after[0] && compareIds(r.summary.id, after[1]) < 0)
          )
        return page(matching.slice(0, query.limit + 1).map((r) => r.summary), query.limit)
      }),
    events: (runId, options) =>
      Effect.sync(() => {
        const afterSeq = options?.afterSeq ?? 0
        return (runs.get(runId)?.events ?? []).filter((e) => e.seq > afterSeq)
      })
  }
  return service
})

// A rerun step (a resumed attempt) keeps no stale output; a succeeded step keeps the output recorded before.
const outputOf = (previous: StepState | undefined, next: StepState): { readonly output?: unknown } =>
  next.status === "succeeded" && previous?.output !== undefined ? { output: previous.output } : {}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const page = (rows: ReadonlyArray<RunSummary>, limit: number): RunPage => {
  if (rows.length <= limit) return { runs: rows }
  const runs = rows.slice(0, limit)
  const last = runs[runs.length - 1]
  return last === undefined ? { runs } : { runs, nextCursor: encodeCursor(last.createdAt, last.id) }
}

/** A layer with a fresh in-memory store (this process only: nothing survives it). */
export const layerMemory: Layer.Layer<never> = Layer.effectContext(
  Effect.map(makeMemory, (store) => Context.make(RunStore, store))
)

// -----------------------------------------------------------------------------------------------------------------
// SQL
// -----------------------------------------------------------------------------------------------------------------

interface RunRow {
  readonly id: string
  readonly run_key: string
  readonly pipeline: string
  readonly status: string
  readonly input: string
  readonly spec: string | null
  readonly output: string | null
  readonly error: string | null
  readonly usage: string
  readonly created_at: number | string
  readonly updated_at: number | string
}

const runColumns = "id, run_key, pipeline, status, input, spec, output, error, usage, created_at, updated_at"

const decodeStatus = Schema.decodeUnknownEffect(RunStatus)
const decodeUsage = Schema.decodeUnknownEffect(Usage)
const decodeStep = Schema.decodeUnknownEffect(StepState)

const storeError = (operation: string) => (error: SqlError.SqlError) =>
  new RunStoreError({ operation, message: error.message })

/**
 * A store on the `SqlClient` in the context (SQLite, PostgreSQL, ...): tables `zai_runs`, `zai_run_steps` and
 * `zai_run_events`, created when missing. Several processes may share the database: `Runs.watch` in one sees
 * the events another records, by polling. Appends that arrive while a commit is under way are written
 * together in the next transaction (group commit); each caller still waits for its own event's commit.
 */
export const makeSql: Effect.Effect<Service, RunStoreError, SqlClient.SqlClient> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql.withTransaction(
    Effect.gen(function* () {
      yield* sql`CREATE TABLE IF NOT EXISTS zai_runs (
        id TEXT PRIMARY KEY,
        run_key TEXT NOT NULL,
        pipeline TEXT NOT NULL,
        status TEXT NOT NULL,
        input TEXT NOT NULL,
        spec TEXT,
        output TEXT,
        error TEXT,
        usage TEXT NOT NULL,
        last_seq INTEGER NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      )`
      yield* sql`CREATE INDEX IF NOT EXISTS zai_runs_created ON zai_runs (created_at, id)`
      yield* sql`CREATE INDEX IF NOT EXISTS zai_runs_status ON zai_runs (status, created_at)`
      yield* sql`CREATE TABLE IF NOT EXISTS zai_run_steps (
        run_id TEXT NOT NULL,
        path TEXT NOT NULL,
        state TEXT NOT NULL,
        output TEXT,
        PRIMARY KEY (run_id, path)
      )`
      yield* sql`CREATE TABLE IF NOT EXISTS zai_run_events (
        run_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        event TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
      )`
    })
  ).pipe(Effect.mapError(storeError("create tables")))
  const changes = yield* PubSub.sliding<string>(changesCapacity)
  const touch = (runId: string) => Effect.asVoid(PubSub.publish(changes, runId))

  const summaryOf = (row: RunRow): Effect.Effect<RunSummary, RunStoreError> =>
    Effect.gen(function* () {
      const operation = "read run"
      const status = yield* Effect.mapError(
        decodeStatus(row.status),
        () => new RunStoreError({ operation, message: `run ${row.id} has an unknown status ${row.status}` })
      )
      const usage = yield* Effect.flatMap(fromJson(operation, row.usage), (u) =>
        Effect.mapError(decodeUsage(u), () => new RunStoreError({ operation, message: `run ${row.id} has invalid usage` }))
      )
      const input = yield* fromJson(operation, row.input)
      const output = row.output === null ? undefined : yield* fromJson(operation, row.output)
      return {
        id: row.id,
        key: row.run_key,
        pipeline: row.pipeline,
        status,
        input,
        ...(row.spec === null ? {} : { spec: row.spec }),
        ...(output === undefined || output === null ? {} : { output }),
        ...(row.error === null ? {} : { error: row.error }),
        usage,
        createdAt: Number(row.created_at),
        updatedAt: Number(row.updated_at)
      }
    })

  const readStep = (runId: string, text: string): Effect.Effect<StepState, RunStoreError> =>
    Effect.flatMap(fromJson("read step", text), (value) =>
      Effect.mapError(
        decodeStep(value),
        (issue) => new RunStoreError({ operation: "read step", message: `step of run ${runId} is invalid: ${issue.message}` })
      )
    )

  /** Append within a transaction: taking the run's row first serialises appends to one run. */
  const append = (runId: string, event: RunEvent, text: string, at: number, closing: boolean, given?: string) =>
    Effect.gen(function* () {
      const usage = usageOf(event)
      const step = stepOf(event)
      const open = closing ? sql.literal("") : sql.literal("AND status = 'running'")
      const bumped = yield* sql<{ readonly last_seq: number | string; readonly usage: string }>`UPDATE zai_runs
        SET last_seq = last_seq + 1, updated_at = ${at} WHERE id = ${runId} ${open} RETURNING last_seq, usage`
      const row = bumped[0]
      if (row === undefined) {
        const exists = yield* sql<{ readonly id: string }>`SELECT id FROM zai_runs WHERE id = ${runId}`
        if (exists.length > 0) return 0
        return yield* new RunStoreError({ operation: "appendEvent", message: `no run ${runId}` })
      }
      const seq = Number(row.last_seq)
      yield* sql`INSERT INTO zai_run_events ${sql.insert({ run_id: runId, seq, event: text })}`
      if (usage !== undefined) {
        const total = yield* Effect.flatMap(fromJson("appendEvent", row.usage), (u) =>
          Effect.mapError(decodeUsage(u), () => new RunStoreError({ operation: "appendEvent", message: "invalid usage" }))
        )
        yield* sql`UPDATE zai_runs SET usage = ${JSON.stringify(addUsage(total, usage))} WHERE id = ${runId}`
      }
      if (step !== undefined) {
        const rows = yield* sql<{ readonly state: string; readonly output: string | null }>`SELECT state, output
          FROM zai_run_steps WHERE run_id = ${runId} AND path = ${step}`
        const previous = rows[0] === undefined ? undefined : yield* readStep(runId, rows[0].state)
        const next = applyEvent(previous, event)
        if (next !== undefined) {
          // A rerun step (a resumed attempt) keeps no stale output; a succeeded one keeps the recorded output.
          const output = next.status === "succeeded" ? (given ?? rows[0]?.output ?? null) : null
          yield* sql`INSERT INTO zai_run_steps ${sql.insert({ run_id: runId, path: step, state: JSON.stringify(next), output })}
            ON CONFLICT (run_id, path) DO UPDATE SET state = excluded.state, output = excluded.output`
        }
      }
      return seq
    })

  // Group commit: appends that arrive while a batch is being written go together in the next transaction
  // (one durable commit for many events: concurrent steps and runs). The first caller writes; the others wait.
  interface Queued {
    readonly runId: string
    readonly event: RunEvent
    readonly text: string
    readonly given: string | undefined
    readonly at: number
    readonly done: Deferred.Deferred<number, RunStoreError>
  }
  let queue: Array<Queued> = []
  let flushing = false
  const settle = (entry: Queued, exit: Exit.Exit<number, RunStoreError | SqlError.SqlError>) =>
    Deferred.done(
      entry.done,
      Exit.mapError(exit, (error) => (error._tag === "SqlError" ? storeError("appendEvent")(error) : error))
    )
  const writeOne = (entry: Queued) =>
    Effect.flatMap(
      Effect.exit(sql.withTransaction(append(entry.runId, entry.event, entry.text, entry.at, false, entry.given))),
      (exit) => settle(entry, exit)
    )
  const flush: Effect.Effect<void> = Effect.uninterruptible(
    Effect.whileLoop({
      while: () => queue.length > 0,
      body: () => {
        const batch = queue
        queue = []
        if (batch.length === 1) return Effect.asVoid(writeOne(batch[0] as Queued))
        return Effect.flatMap(
          Effect.exit(
            sql.withTransaction(
              Effect.forEach(batch, (entry) => append(entry.runId, entry.event, entry.text, entry.at, false, entry.given))
            )
          ),
          (exit) =>
            Exit.isSuccess(exit)
              ? Effect.forEach(batch, (entry, i) => settle(entry, Exit.succeed(exit.value[i] ?? 0)), { discard: true })
              : // One bad entry (e.g. an unknown run) must not fail the others: write them one by one.
                Effect.forEach(batch, writeOne, { discard: true })
        )
      },
      step: () => undefined
    })
  )
  // Become the writer unless one is at work; after writing, look again (an entry may have come meanwhile).
  const drain: Effect.Effect<void> = Effect.suspend(() => {
    if (flushing || queue.length === 0) return Effect.void
    flushing = true
    // Let the fibers that are ready run first, so that their appends join this batch.
    return Effect.andThen(Effect.yieldNow, flush).pipe(
      Effect.ensuring(
        Effect.sync(() => {
          flushing = false
        })
      ),
      Effect.andThen(drain)
    )
  })

  const service: Service = {
    recording: true,
    changes,
    create: (run) =>
      Effect.gen(function* () {
        const input = yield* toJson("create", run.input)
        const at = yield* Clock.currentTimeMillis
        const inserted = yield* sql<{ readonly id: string }>`INSERT INTO zai_runs ${sql.insert({
          id: run.id,
          run_key: run.key,
          pipeline: run.pipeline,
          status: "running",
          input,
          spec: run.spec ?? null,
          output: null,
          error: null,
          usage: JSON.stringify(zeroUsage),
          last_seq: 0,
          created_at: at,
          updated_at: at
        })} ON CONFLICT (id) DO NOTHING RETURNING id`.pipe(Effect.mapError(storeError("create")))
        if (inserted.length > 0) yield* touch(run.id)
        return inserted.length > 0
      }),
    appendEvent: (runId, event, options) =>
      Effect.gen(function* () {
        const text = yield* toJson("appendEvent", event)
        const given = options?.output === undefined ? undefined : yield* toJson("appendEvent", options.output)
        const at = yield* Clock.currentTimeMillis
        const done = yield* Deferred.make<number, RunStoreError>()
        queue.push({ runId, event, text, given, at, done })
        yield* drain
        const seq = yield* Deferred.await(done)
        if (seq > 0) yield* touch(runId)
        return seq
      }),
    setStepOutput: (runId, step, output) =>
      Effect.flatMap(toJson("setStepOutput", output), (text) =>
        sql`UPDATE zai_run_steps SET output = ${text} WHERE run_id = ${runId} AND path = ${step}`.pipe(
          Effect.mapError(storeError("setStepOutput")),
          Effect.asVoid
        )
      ),
    setStatus: (runId, status, patch) =>
      Effect.gen(function* () {
        const output = patch !== undefined && "output" in patch ? yield* toJson("setStatus", patch.output) : null
        const event = patch?.event
        const text = event === undefined ? undefined : yield* toJson("setStatus", event)
        const at = yield* Clock.currentTimeMillis
        const changed = yield* sql
          .withTransaction(
            Effect.gen(function* () {
              const updated = yield* sql<{ readonly id: string }>`UPDATE zai_runs
                SET status = ${status}, output = ${output}, error = ${patch?.error ?? null}, updated_at = ${at}
                WHERE id = ${runId} AND status = 'running' RETURNING id`
              if (updated.length === 0) return false
              if (event !== undefined && text !== undefined) yield* append(runId, event, text, at, true)
              return true
            })
          )
          .pipe(Effect.mapError((error) => (error._tag === "SqlError" ? storeError("setStatus")(error) : error)))
        if (changed) yield* touch(runId)
        return changed
      }),
    get: (runId) =>
      Effect.gen(function* () {
        const rows = yield* sql<RunRow>`SELECT ${sql.literal(runColumns)} FROM zai_runs WHERE id = ${runId}`.pipe(
          Effect.mapError(storeError("get"))
        )
        const row = rows[0]
        if (row === undefined) return Option.none()
        const summary = yield* summaryOf(row)
        const stepRows = yield* sql<{ readonly path: string; readonly state: string; readonly output: string | null }>`
          SELECT path, state, output FROM zai_run_steps WHERE run_id = ${runId}`.pipe(Effect.mapError(storeError("get")))
        const steps: Record<string, StepState> = {}
        for (const stepRow of stepRows) {
          const state = yield* readStep(runId, stepRow.state)
          const output = stepRow.output === null ? undefined : yield* fromJson("get", stepRow.output)
          steps[stepRow.path] = output === undefined ? state : { ...state, output }
        }
        return Option.some({ ...summary, steps })
      }),
    list: (options) =>
      Effect.gen(function* () {
        const query = yield* checkQuery(options)
        const clauses = [
          ...(query.status === undefined ? [] : [sql`status = ${query.status}`]),
          ...(query.pipeline === undefined ? [] : [sql`pipeline = ${query.pipeline}`]),
          ...(query.after === undefined
            ? []
            : [sql`(created_at < ${query.after[0]} OR (created_at = ${query.after[0]} AND id < ${query.after[1]}))`])
        ]
        const where = clauses.length === 0 ? sql.literal("") : sql`WHERE ${sql.and(clauses)}`
        const rows = yield* sql<RunRow>`SELECT ${sql.literal(runColumns)} FROM zai_runs ${where}
          ORDER BY created_at DESC, id DESC LIMIT ${query.limit + 1}`.pipe(Effect.mapError(storeError("list")))
        const summaries = yield* Effect.forEach(rows, summaryOf)
        return page(summaries, query.limit)
      }),
    events: (runId, options) =>
      Effect.gen(function* () {
        const rows = yield* sql<{ readonly seq: number | string; readonly event: string }>`SELECT seq, event
          FROM zai_run_events WHERE run_id = ${runId} AND seq > ${options?.afterSeq ?? 0} ORDER BY seq`.pipe(
          Effect.mapError(storeError("events"))
        )
        return yield* Effect.forEach(rows, (row) =>
          Effect.map(
            Effect.flatMap(fromJson("events", row.event), (value) => readEvent(runId, value)),
            (event) => ({ seq: Number(row.seq), event })
          )
        )
      })
  }
  return service
})

/** A layer with a store on the `SqlClient` in the context (tables created when missing). */
export const layerSql: Layer.Layer<never, RunStoreError, SqlClient.SqlClient> = Layer.effectContext(
  Effect.map(makeSql, (store) => Context.make(RunStore, store))
)
