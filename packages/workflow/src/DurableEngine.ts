/**
 * `WorkflowEngine` layers by deployment: in memory, durable on an embedded SQLite file, or shared by several
 * runner processes on PostgreSQL.
 *
 * Pipelines run on whatever `WorkflowEngine` (from `effect/workflow`) is provided; these layers pick one.
 * The durable ones are effect's own `ClusterWorkflowEngine` with SQL message and runner storage: every
 * finished activity's result is journaled, so a process killed mid-run is resumed by the next process that
 * starts on the same storage, without running finished activities again. Only the attempt that was running
 * at the crash runs again, so activities must be idempotent.
 *
 * Sharding settings come from the options (over `ShardingConfig.defaults`), never from environment variables
 * such as `HOST` or `PORT`, which `effect/cluster` would otherwise read.
 *
 * @since 0.1.0
 */
import * as NodeClusterSocket from "@effect/platform-node/NodeClusterSocket"
import * as NodeCrypto from "@effect/platform-node/NodeCrypto"
import * as PgClient from "@effect/sql-pg/PgClient"
import { SqliteClient } from "@zai-kit/sqlite"
import { type Config, Context, type Duration, Effect, Layer, Option, Redacted } from "effect"
import { ClusterWorkflowEngine, RunnerAddress, ShardingConfig, SingleRunner } from "effect/cluster"
import type { SocketServer } from "effect/socket"
import type { SqlClient, SqlError } from "effect/sql"
import { WorkflowEngine } from "effect/workflow"
import * as Registrations from "./internal/registrations.js"

/**
 * Sharding settings that may be overridden; the rest of `effect/cluster`'s `ShardingConfig`.
 *
 * @since 0.1.0
 */
export type ShardingOptions = Partial<ShardingConfig.ShardingConfig["Service"]>

/**
 * The in-memory engine of `effect/workflow` (not durable: runs die with the process).
 * The default for tests, the CLI and short-lived programs.
 *
 * @since 0.1.0
 */
export const layerMemory: Layer.Layer<WorkflowEngine.WorkflowEngine> = WorkflowEngine.layerMemory

/** effect's cluster engine, marked so that pipelines' workflow registrations outlive their runs. */
const clusterEngine = ClusterWorkflowEngine.layer.pipe(
  Layer.tap((context) => Effect.sync(() => Registrations.markShared(Context.get(context, WorkflowEngine.WorkflowEngine))))
)

const sharding = (options: ShardingOptions | undefined): ShardingConfig.ShardingConfig["Service"] => ({
  ...ShardingConfig.defaults,
  ...options
})

/**
 * A durable single-process engine on the `SqlClient` in context: `ClusterWorkflowEngine` on a
 * `SingleRunner`, with the cluster's tables (`cluster_messages`, `cluster_replies`, `cluster_locks`, ...)
 * created in that database. Use it to share a connection the program already has.
 *
 * @since 0.1.0
 */
export const layerSql = (options?: {
  /** Overrides of `ShardingConfig.defaults`. */
  readonly sharding?: ShardingOptions | undefined
}): Layer.Layer<WorkflowEngine.WorkflowEngine, Config.ConfigError, SqlClient.SqlClient> =>
  clusterEngine.pipe(
    Layer.provide(SingleRunner.layer({ shardingConfig: sharding(options?.sharding), runnerStorage: "sql" })),
    Layer.provide(NodeCrypto.layerDigest)
  )

/**
 * Options of {@link layerSqlite}.
 *
 * @since 0.1.0
 */
export interface SqliteOptions {
  /** The database file (created if missing), in WAL mode. */
  readonly filename: string
  /**
   * `"normal"` (default): the WAL is synced at checkpoints only. A finished step's journal entry survives a
   * process kill (`kill -9`); on a power loss or OS crash the last ones may be lost, and those steps run again
   * on resume (as an interrupted step does). `"full"`: every commit is synced (also survives a power loss),
   * several times slower per step.
   */
  readonly synchronous?: "full" | "normal" | undefined
  /** Overrides of `ShardingConfig.defaults`. */
  readonly sharding?: ShardingOptions | undefined
}

/**
 * A durable single-process engine on an embedded SQLite file (`@zai-kit/sqlite`). A run interrupted by a
 * crash resumes when a process starts this layer on the same file again.
 *
 * @example
 * ```ts
 * import { DurableEngine } from "@zai-kit/workflow"
 * const Engine = DurableEngine.layerSqlite({ filename: ".zai/runs.db" })
 * ```
 *
 * @since 0.1.0
 */
export const layerSqlite = (
  options: SqliteOptions
): Layer.Layer<WorkflowEngine.WorkflowEngine, Config.ConfigError | SqlError.SqlError> =>
  layerSql({ sharding: options.sharding }).pipe(
    Layer.provide(SqliteClient.layer({ filename: options.filename, synchronous: options.synchronous ?? "normal" }))
  )

/**
 * Options of {@link layerPostgres}.
 *
 * @since 0.1.0
 */
export interface PostgresOptions {
  /** `postgres://user:password@host:port/database`. */
  readonly url: string | Redacted.Redacted
  /** The address other runners use to reach this one. Default `localhost:34431`; unique per runner process. */
  readonly runnerAddress?: { readonly host: string; readonly port: number } | undefined
  /** Where this runner listens, when it differs from `runnerAddress` (e.g. `0.0.0.0` in a container). */
  readonly listenAddress?: { readonly host: string; readonly port: number } | undefined
  /**
   * How long another runner waits before taking over the shards of a runner that stopped answering.
   * Default 35 seconds; lower it for quicker takeover after a crash, at the cost of more lock refreshes.
   */
  readonly shardLockExpiration?: Duration.Input | undefined
  /** Most connections in the pool. Default 10. */
  readonly maxConnections?: number | undefined
  /** Further overrides of `ShardingConfig.defaults`. */
  readonly sharding?: ShardingOptions | undefined
}

/**
 * A durable engine for several runner processes (on one or more machines) sharing a PostgreSQL database
 * (`@effect/sql-pg`). Runners talk over TCP (`runnerAddress`); the shards, and the runs in them, of a
 * runner that dies are taken over by the others after `shardLockExpiration`, without re-running finished
 * activities.
 *
 * @since 0.1.0
 */
export const layerPostgres = (
  options: PostgresOptions
): Layer.Layer<
  WorkflowEngine.WorkflowEngine,
  Config.ConfigError | SqlError.SqlError | SocketServer.SocketServerError
> => {
  const address = (a: { readonly host: string; readonly port: number } | undefined) =>
    a === undefined ? Option.none() : Option.some(RunnerAddress.make(a.host, a.port))
  const runnerAddress = address(options.runnerAddress)
  const shardingConfig = sharding({
    ...(Option.isSome(runnerAddress) ? { runnerAddress } : {}),
    runnerListenAddress: address(options.listenAddress),
    ...(options.shardLockExpiration === undefined ? {} : { shardLockExpiration: options.shardLockExpiration }),
    ...options.sharding
  })
  return clusterEngine.pipe(
    Layer.provide(NodeClusterSocket.layer({ storage: "sql", shardingConfig })),
    Layer.provide(
      PgClient.layer({
        url: typeof options.url === "string" ? Redacted.make(options.url) : options.url,
        ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections })
      })
    )
  )
}
