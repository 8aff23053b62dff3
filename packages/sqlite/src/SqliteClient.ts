/**
 * An `effect/sql` `SqlClient` over Node's built-in `node:sqlite` (`DatabaseSync`).
 *
 * No published Effect SQLite driver loads with effect 4.1 (the `@effect/sql-sqlite-*` packages exist only
 * as 4.0 betas importing removed paths), while effect 4.1 core ships the pieces of one
 * (`SqlClient.makeSqliteAcquirers`, `Statement.makeCompilerSqlite`, `SqlError.classifySqliteError`).
 * This module wires them to `node:sqlite`. Replace it with the official driver once a stable 4.x
 * `@effect/sql-sqlite-node` is published: the public surface is the plain `SqlClient` service.
 *
 * The database is opened in WAL mode with `synchronous = FULL` (every acknowledged commit survives a
 * process kill or power loss; `synchronous: "normal"` keeps the first and trades the second for speed), a busy timeout, foreign keys on and an LRU cache of prepared statements.
 * One connection serves the process; fibers take turns through a semaphore, and transactions start with
 * `BEGIN IMMEDIATE` so that two processes sharing a file wait on the busy timeout instead of deadlocking.
 *
 * @since 0.1.0
 */
import { Config, Effect, Layer, Semaphore, Stream } from "effect"
import { Reactivity } from "effect/reactivity"
import { SqlClient, type SqlConnection, SqlError, Statement } from "effect/sql"
import type * as NodeSqlite from "node:sqlite"

/**
 * The value of `SqlClient.driver` for clients made by this module.
 *
 * @since 0.1.0
 */
export const driver = "zai-kit-node-sqlite"

/**
 * Options for opening a database.
 *
 * @since 0.1.0
 */
export interface SqliteClientConfig {
  /** Path of the database file, or `":memory:"` for a private in-memory database. */
  readonly filename: string
  /** How long a statement waits for another process's lock before failing with `LockTimeoutError`, in milliseconds. Default 5000. */
  readonly busyTimeoutMs?: number | undefined
  /**
   * `"full"` (default): every commit is synced to disk, so it survives a process kill and a power loss.
   * `"normal"`: in WAL mode, commits are synced at checkpoints only: a commit still survives a process kill
   * (`kill -9`), but the last ones may be lost on a power loss or OS crash; commits are several times faster.
   */
  readonly synchronous?: "full" | "normal" | undefined
  /** How many prepared statements to keep. Default 200. */
  readonly statementCacheSize?: number | undefined
  /** Renames identifiers written through `sql(...)` before they reach SQLite (e.g. camelCase to snake_case). */
  readonly transformQueryNames?: ((name: string) => string) | undefined
  /** Renames result columns before rows are returned (e.g. snake_case to camelCase). */
  readonly transformResultNames?: ((name: string) => string) | undefined
}

type NodeSqliteModule = typeof NodeSqlite
type SqlInput = NodeSqlite.SQLInputValue

let sqliteModule: NodeSqliteModule | undefined

/**
 * Loads `node:sqlite`, dropping only the "SQLite is an experimental feature" warning Node 22 prints
 * on first load. Every other warning goes through untouched.
 */
const loadSqlite = (): NodeSqliteModule => {
  if (sqliteModule !== undefined) return sqliteModule
  const emitWarning = process.emitWarning
  const filtered = (warning: string | Error, ...rest: Array<unknown>): void => {
    const text = typeof warning === "string" ? warning : warning.message
    const type = typeof rest[0] === "string" ? rest[0] : typeof warning === "string" ? undefined : warning.name
    if (type === "ExperimentalWarning" && /SQLite is an experimental feature/.test(text)) return
    Reflect.apply(emitWarning, process, [warning, ...rest])
  }
  process.emitWarning = filtered as typeof process.emitWarning
  try {
    sqliteModule = process.getBuiltinModule("node:sqlite")
  } finally {
    process.emitWarning = emitWarning
  }
  return sqliteModule
}

const toInput = (value: unknown): SqlInput => {
  switch (typeof value) {
    case "boolean":
      return value ? 1 : 0
    case "undefined":
      return null
    case "string":
    case "number":
    case "bigint":
      return value
    default:
      if (value === null || value instanceof Uint8Array) return value
      if (value instanceof Date) return value.toISOString()
      return JSON.stringify(value)
  }
}

const sqlError = (cause: unknown, operation: string, message: string): SqlError.SqlError => {
  // node:sqlite reports SQLite's (extended) result code as `errcode`; the classifier reads `errno`.
  if (cause instanceof Error && "errcode" in cause && !("errno" in cause)) {
    Object.defineProperty(cause, "errno", { value: cause.errcode, enumerable: false })
  }
  return new SqlError.SqlError({ reason: SqlError.classifySqliteError(cause, { message, operation }) })
}

/**
 * Opens the database and builds a `SqlClient` on it; the database is closed when the scope closes.
 *
 * @since 0.1.0
 */
export const make = Effect.fn("SqliteClient.make")(function*(config: SqliteClientConfig) {
  const sqlite = yield* Effect.try({
    try: loadSqlite,
    catch: (cause) => sqlError(cause, "connect", "node:sqlite is not available (Node >= 22.13 is required)")
  })
  const db = yield* Effect.acquireRelease(
    Effect.try({
      try: () => new sqlite.DatabaseSync(config.filename, { timeout: config.busyTimeoutMs ?? 5000 }),
      catch: (cause) => sqlError(cause, "connect", `Cannot open SQLite database ${config.filename}`)
    }),
    (db) => Effect.sync(() => db.isOpen && db.close())
  )
  const cacheSize = config.statementCacheSize ?? 200
  const cache = new Map<string, NodeSqlite.StatementSync>()
  const prepare = (sql: string): NodeSqlite.StatementSync => {
    const cached = cache.get(sql)
    if (cached !== undefined) {
      cache.delete(sql)
      cache.set(sql, cached)
      return cached
    }
    const statement = db.prepare(sql)
    cache.set(sql, statement)
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string)
    return statement
  }
  const run = <A>(operation: string, sql: string, f: () => A): Effect.Effect<A, SqlError.SqlError> =>
    Effect.try({ try: f, catch: (cause) => sqlError(cause, operation, `Failed to execute statement: ${sql}`) })
  const rows = (statement: NodeSqlite.StatementSync, params: ReadonlyArray<unknown>) =>
    statement.all(...params.map(toInput))
  const values = (statement: NodeSqlite.StatementSync, params: ReadonlyArray<unknown>) => {
    statement.setReturnArrays(true)
    try {
      return statement.all(...params.map(toInput)) as unknown as ReadonlyArray<ReadonlyArray<unknown>>
    } finally {
      statement.setReturnArrays(false)
    }
  }
  const transform = <A extends object>(
    result: ReadonlyArray<A>,
    transformRows: (<B extends object>(rows: ReadonlyArray<B>) => ReadonlyArray<B>) | undefined
  ) => (transformRows === undefined ? result : transformRows(result))

  const connection: SqlConnection.Connection = {
    execute: (sql, params, transformRows) =>
      run("execute", sql, () => transform(rows(prepare(sql), params), transformRows)),
    executeRaw: (sql, params) =>
      run("executeRaw", sql, () => {
        const statement = prepare(sql)
        return statement.columns().length > 0 ? rows(statement, params) : statement.run(...params.map(toInput))
      }),
    // `DatabaseSync` is synchronous: a stream reads all rows at once, then emits them.
    executeStream: (sql, params, transformRows) =>
      Stream.fromIterableEffect(run("executeStream", sql, () => transform(rows(prepare(sql), params), transformRows))),
    executeValues: (sql, params) => run("executeValues", sql, () => values(prepare(sql), params)),
    executeValuesUnprepared: (sql, params) => run("executeValues", sql, () => values(db.prepare(sql), params)),
    executeUnprepared: (sql, params, transformRows) =>
      run("executeUnprepared", sql, () => transform(rows(db.prepare(sql), params), transformRows))
  }

  yield* run("connect", "PRAGMA", () => {
    if (config.filename !== ":memory:") db.exec("PRAGMA journal_mode = WAL")
    db.exec(`PRAGMA synchronous = ${config.synchronous === "normal" ? "NORMAL" : "FULL"}`)
    db.exec("PRAGMA foreign_keys = ON")
  })

  const semaphore = yield* Semaphore.make(1)
  const acquirers = SqlClient.makeSqliteAcquirers({
    connection: Effect.succeed(connection),
    semaphore,
    isTransaction: () => db.isTransaction
  })
  // Close only once no fiber holds the connection.
  yield* Effect.addFinalizer(() => semaphore.withPermit(Effect.sync(() => db.isOpen && db.close())))
  return yield* SqlClient.make({
    acquirer: acquirers.acquirer,
    borrower: acquirers.borrower,
    transactionAcquirer: acquirers.transactionAcquirer,
    onCommitFailure: acquirers.onCommitFailure,
    isTransaction: acquirers.isTransaction,
    compiler: Statement.makeCompilerSqlite(config.transformQueryNames),
    driver,
    beginTransaction: "BEGIN IMMEDIATE",
    releaseSavepoint: (name) => `RELEASE SAVEPOINT ${name}`,
    spanAttributes: [["db.system.name", "sqlite"]],
    transformRows:
      config.transformResultNames === undefined
        ? undefined
        : Statement.defaultTransforms(config.transformResultNames).array
  })
})

/**
 * A layer providing `SqlClient` on the given database file (and the `Reactivity` it needs).
 *
 * @example
 * ```ts
 * import { SqliteClient } from "@zai-kit/sqlite"
 * const Sql = SqliteClient.layer({ filename: "runs.db" })
 * ```
 *
 * @since 0.1.0
 */
export const layer = (config: SqliteClientConfig): Layer.Layer<SqlClient.SqlClient, SqlError.SqlError> =>
  Layer.effect(SqlClient.SqlClient, make(config)).pipe(Layer.provide(Reactivity.layer))

/**
 * Like {@link layer}, with the options read from `Config` (e.g. `Config.string("DATABASE_FILE")`).
 *
 * @since 0.1.0
 */
export const layerConfig = (
  config: Config.Wrap<SqliteClientConfig>
): Layer.Layer<SqlClient.SqlClient, Config.ConfigError | SqlError.SqlError> =>
  Layer.effect(
    SqlClient.SqlClient,
    Effect.flatMap(Config.unwrap(config), make)
  ).pipe(Layer.provide(Reactivity.layer))
