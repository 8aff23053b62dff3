import { SqliteClient } from "@zai-kit/sqlite"
import { Effect } from "effect"
import { Migrator, SqlClient } from "effect/sql"

const migrations = Migrator.fromRecord({
  "1_create_notes": Effect.flatMap(SqlClient.SqlClient, (sql) => sql`CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)`)
})

export const program = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* Migrator.make({})({ loader: migrations })
  yield* sql.withTransaction(sql`INSERT INTO notes ${sql.insert([{ text: "search" }, { text: "summarize" }])}`)
  return yield* sql<{ id: number; text: string }>`SELECT id, text FROM notes WHERE id > ${0} ORDER BY id`
})

// A file path (WAL, synchronous=FULL) or ":memory:"
export const SqlLive = SqliteClient.layer({ filename: ":memory:" })

// Effect.runPromise(program.pipe(Effect.provide(SqlLive))).then(console.log)
