/**
 * The settings of a `zai-server`, read from the environment (`PORT`, `ZAI_SERVER_DATA`, `ZAI_SERVER_KEYS`,
 * `DATABASE_URL` and the limits), with defaults that make `pnpm zai-server` work with nothing set.
 *
 * @since 0.1.0
 */
import { Config, Context, Duration, Layer, Option, Redacted, Schema } from "effect"

/**
 * The resolved settings.
 *
 * @since 0.1.0
 */
export interface Settings {
  /** TCP port to listen on (`PORT`, default 8787; 0 picks a free one). */
  readonly port: number
  /** Interface to bind (`HOST`, default `0.0.0.0`). */
  readonly host: string
  /** Folder for the embedded database, produced files and the generated server key (`ZAI_SERVER_DATA`, default `./.zai-server`). */
  readonly dataDir: string
  /** Server keys from `ZAI_SERVER_KEYS` (comma-separated); empty: one is generated into `dataDir`. */
  readonly serverKeys: ReadonlyArray<Redacted.Redacted<string>>
  /** PostgreSQL connection string (`DATABASE_URL`); absent: embedded SQLite in `dataDir`. */
  readonly databaseUrl: Option.Option<Redacted.Redacted<string>>
  /**
   * With PostgreSQL: where this process's effect/cluster runner listens and is reached by the others
   * (`ZAI_SERVER_RUNNER_ADDRESS`, `host:port`, default `localhost:34431`); unique per server process.
   */
  readonly runnerAddress: Option.Option<{ readonly host: string; readonly port: number }>
  /** Largest accepted request body in bytes (`ZAI_SERVER_MAX_BODY_BYTES`, default 1 MiB); larger: 413. */
  readonly maxBodyBytes: number
  /** Runs that may be running at once (`ZAI_SERVER_MAX_RUNS`, default 8); more: 429. */
  readonly maxConcurrentRuns: number
  /** Requests per minute per server key (`ZAI_SERVER_RATE_LIMIT`, default 600); more: 429 with `Retry-After`. */
  readonly ratePerMinute: number
  /** How long in-flight requests may take to finish after SIGTERM (`ZAI_SERVER_GRACE_MS`, default 10 s). */
  readonly shutdownGrace: Duration.Duration
}

const positiveInt = (name: string, fallback: number) =>
  Config.schema(Schema.Int.check(Schema.isGreaterThan(0)), name).pipe(Config.withDefault(fallback))

/**
 * The `Config` of the settings.
 *
 * @since 0.1.0
 */
export const config: Config.Config<Settings> = Config.all({
  port: Config.Port("PORT").pipe(Config.withDefault(8787)),
  host: Config.String("HOST").pipe(Config.withDefault("0.0.0.0")),
  dataDir: Config.String("ZAI_SERVER_DATA").pipe(Config.withDefault("./.zai-server")),
  serverKeys: Config.Redacted("ZAI_SERVER_KEYS").pipe(
    Config.map((keys) =>
      Redacted.value(keys)
        .split(",")
        .map((key) => key.trim())
        .filter((key) => key.length > 0)
        .map((key) => Redacted.make(key))
    ),
    Config.withDefault<ReadonlyArray<Redacted.Redacted<string>>>([])
  ),
  databaseUrl: Config.Redacted("DATABASE_URL").pipe(Config.option),
  runnerAddress: Config.schema(
    Schema.String.check(Schema.isPattern(/^[^:\s]+:\d{1,5}$/, { expected: "host:port" })),
    "ZAI_SERVER_RUNNER_ADDRESS"
  ).pipe(
    Config.map((text) => {
      const at = text.lastIndexOf(":")
      return { host: text.slice(0, at), port: Number(text.slice(at + 1)) }
    }),
    Config.option
  ),
  maxBodyBytes: positiveInt("ZAI_SERVER_MAX_BODY_BYTES", 1024 * 1024),
  maxConcurrentRuns: positiveInt("ZAI_SERVER_MAX_RUNS", 8),
  ratePerMinute: positiveInt("ZAI_SERVER_RATE_LIMIT", 600),
  shutdownGrace: positiveInt("ZAI_SERVER_GRACE_MS", 10_000).pipe(Config.map((ms) => Duration.millis(ms)))
})

/**
 * The settings as a service.
 *
 * @since 0.1.0
 */
export class ServerConfig extends Context.Service<ServerConfig, Settings>()("@zai-kit/server/ServerConfig") {
  /** Settings read from the environment. */
  static readonly layer: Layer.Layer<ServerConfig, Config.ConfigError> = Layer.effect(ServerConfig, config)
}

/**
 * Settings with the defaults, overridden by `overrides` (for tests and embedding).
 *
 * @since 0.1.0
 */
export const make = (overrides: Partial<Settings> = {}): Settings => ({
  port: 8787,
  host: "0.0.0.0",
  dataDir: "./.zai-server",
  serverKeys: [],
  databaseUrl: Option.none(),
  runnerAddress: Option.none(),
  maxBodyBytes: 1024 * 1024,
  maxConcurrentRuns: 8,
  ratePerMinute: 600,
  shutdownGrace: Duration.seconds(10),
  ...overrides
})

/**
 * The settings given, as a layer.
 *
 * @since 0.1.0
 */
export const layerWith = (overrides: Partial<Settings> = {}): Layer.Layer<ServerConfig> =>
  Layer.succeed(ServerConfig, make(overrides))
