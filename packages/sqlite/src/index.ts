/**
 * `@zai-kit/sqlite`: an `effect/sql` `SqlClient` over Node's built-in `node:sqlite`, until a stable
 * Effect 4 SQLite driver exists.
 *
 * @since 0.1.0
 */

/**
 * The driver: `make`, `layer`, `layerConfig`.
 *
 * @since 0.1.0
 */
export * as SqliteClient from "./SqliteClient.js"
