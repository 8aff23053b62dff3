/**
 * Where runs, their events and the durable workflow state live: embedded SQLite in the data folder by default
 * (`<ZAI_SERVER_DATA>/zai-server.db`, WAL, `synchronous = FULL`), PostgreSQL when `DATABASE_URL` is set (then several
 * server processes share the work as effect/cluster runners). Provides the `RunStore` (on the same database), the
 * `WorkflowEngine`, the `SqlClient` and the `Readiness` checks of the database.
 *
 * @since 0.1.0
 */
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { PgClient } from "@effect/sql-pg"
import { SqliteClient } from "@zai-kit/sqlite"
import { DurableEngine, RunStore } from "@zai-kit/workflow"
import { Effect, Layer, Option, type Redacted } from "effect"
import { SqlClient } from "effect/sql"
import * as Readiness from "./Readiness.js"
import { ServerConfig } from "./ServerConfig.js"

/**
 * The name of the SQLite database file inside the data folder.
 *
 * @since 0.1.0
 */
export const databaseFile = "zai-server.db"

const readiness = (storage: string) =>
  Layer.effect(
    Readiness.Readiness,
    Effect.map(SqlClient.SqlClient, (sql) =>
      Readiness.make(storage, {
        // The run store's table and the durable engine's message table answer (their migrations ran).
        storage: sql`select count(*) as n from zai_runs where 1 = 0`.pipe(
          Effect.asVoid,
          Effect.mapError((error) => error.message)
        ),
        engine: sql`select count(*) as n from cluster_messages where 1 = 0`.pipe(
          Effect.asVoid,
          Effect.mapError((error) => error.message)
        )
      }))
  )

/**
 * SQLite in `dataDir`: the run store, the durable engine and readiness on one connection.
 *
 * @since 0.1.0
 */
export const layerSqlite = (dataDir: string) => {
  const filename = join(dataDir, databaseFile)
  return Layer.mergeAll(RunStore.layerSql, DurableEngine.layerSql(), readiness(`sqlite:${filename}`)).pipe(
    Layer.provideMerge(
      Layer.unwrap(Effect.sync(() => {
        mkdirSync(dataDir, { recursive: true, mode: 0o700 })
        return SqliteClient.layer({ filename })
      }))
    )
  )
}

/**
 * PostgreSQL at `url`: the run store and readiness on a pool, the engine as a cluster runner sharing the database.
 *
 * @since 0.1.0
 */
export const layerPostgres = (
  url: Redacted.Redacted<string>,
  runnerAddress: Option.Option<{ readonly host: string; readonly port: number }> = Option.none()
) =>
  Layer.mergeAll(
    Layer.merge(RunStore.layerSql, readiness("postgres")).pipe(Layer.provideMerge(PgClient.layer({ url }))),
    DurableEngine.layerPostgres({
      url,
      ...(Option.isSome(runnerAddress) ? { runnerAddress: runnerAddress.value } : {}),
      // A crashed runner's shards are taken over after 10 s instead of 35 s.
      shardLockExpiration: "10 seconds"
    })
  )

/**
 * Storage from the settings: PostgreSQL when `DATABASE_URL` is set, else SQLite in the data folder.
 *
 * @since 0.1.0
 */
export const layer = Layer.unwrap(
  Effect.map(ServerConfig, (settings) =>
    Option.isSome(settings.databaseUrl)
      ? layerPostgres(settings.databaseUrl.value, settings.runnerAddress)
      : layerSqlite(settings.dataDir))
)
