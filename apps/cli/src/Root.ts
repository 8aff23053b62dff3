/**
 * The root `zai` command and its global flags, shared by every subcommand (accepted before or after the
 * subcommand's name): connection (`--api-key`, `--base-url`, `--region`, `--timeout`, `--max-retries`) and output
 * (`--json`, `--quiet`, `--verbose`).
 *
 * @since 0.1.0
 */
import { Effect, Option, type Redacted } from "effect"
import { Command, Flag } from "effect/cli"

/**
 * The regions of the API (see `@zai-kit/transport`'s `ZaiConfig.Region`).
 *
 * @since 0.1.0
 */
export const regions = ["intl", "cn", "coding-intl", "coding-cn"] as const

/**
 * The root command without subcommands; subcommands read the global flags with `yield* Root.settings`.
 *
 * @since 0.1.0
 */
export const root = Command.make("zai").pipe(
  Command.withSharedFlags({
    apiKey: Flag.Redacted("api-key").pipe(
      Flag.withDescription("API key (default: $ZAI_API_KEY; none: the built-in simulator)"),
      Flag.optional
    ),
    baseUrl: Flag.String("base-url").pipe(Flag.withDescription("API base URL (default: $ZAI_BASE_URL or the region's)"), Flag.optional),
    region: Flag.Literals("region", regions).pipe(Flag.withDescription("Region preset (default: $ZAI_REGION or intl)"), Flag.optional),
    timeout: Flag.Finite("timeout").pipe(
      Flag.withDescription("Seconds before one request gives up (default 600)"),
      Flag.withMetavar("SECONDS"),
      Flag.optional
    ),
    maxRetries: Flag.Int("max-retries").pipe(Flag.withDescription("Retries of a failed request (default 2)"), Flag.optional),
    json: Flag.Boolean("json").pipe(Flag.withDescription("Print results as JSON"), Flag.withDefault(false)),
    quiet: Flag.Boolean("quiet").pipe(Flag.withAlias("q"), Flag.withDescription("No progress or notices on stderr"), Flag.withDefault(false)),
    verbose: Flag.Boolean("verbose").pipe(Flag.withDescription("Show request ids, retries and timings on stderr (never the key)"), Flag.withDefault(false))
  }),
  Command.withDescription("The Z.ai (GLM) API and zai-kit pipelines from the terminal")
)

/**
 * The global flags as parsed.
 *
 * @since 0.1.0
 */
export interface Settings {
  readonly apiKey: Redacted.Redacted<string> | undefined
  readonly baseUrl: string | undefined
  readonly region: (typeof regions)[number] | undefined
  readonly timeoutSeconds: number | undefined
  readonly maxRetries: number | undefined
  readonly json: boolean
  readonly quiet: boolean
  readonly verbose: boolean
}

/**
 * The global flags of the current invocation (inside a subcommand's handler).
 *
 * @since 0.1.0
 */
export const settings = Effect.map(
  root,
  (input): Settings => ({
    apiKey: Option.getOrUndefined(input.apiKey),
    baseUrl: Option.getOrUndefined(input.baseUrl),
    region: Option.getOrUndefined(input.region),
    timeoutSeconds: Option.getOrUndefined(input.timeout),
    maxRetries: Option.getOrUndefined(input.maxRetries),
    json: input.json,
    quiet: input.quiet,
    verbose: input.verbose
  })
)

/**
 * What reading the global flags needs: the root command's context (present in every subcommand's handler).
 *
 * @since 0.1.0
 */
export type Context = Command.CommandContext<"zai">
