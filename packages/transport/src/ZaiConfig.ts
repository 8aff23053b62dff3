/**
 * Configuration of the Z.ai client: region presets, options, their resolved (secret-free) form, and a
 * `Config` that reads `ZAI_API_KEY`, `ZAI_BASE_URL` and `ZAI_REGION`.
 *
 * @since 0.1.0
 */
import { Config, Duration, Option, Redacted, Schema } from "effect"
import type { HttpClient } from "effect/http"

/**
 * The four platform endpoints: `intl` (api.z.ai, the default), `cn` (open.bigmodel.cn), and the GLM
 * Coding Plan endpoints `coding-intl` / `coding-cn`.
 *
 * @since 0.1.0
 */
export const Region = Schema.Literals(["intl", "cn", "coding-intl", "coding-cn"])

/**
 * `"intl" | "cn" | "coding-intl" | "coding-cn"`.
 *
 * @since 0.1.0
 */
export type Region = typeof Region.Type

/**
 * Base URL of each region.
 *
 * @since 0.1.0
 */
export const regionBaseUrls: Readonly<Record<Region, string>> = {
  intl: "https://api.z.ai/api/paas/v4",
  cn: "https://open.bigmodel.cn/api/paas/v4",
  "coding-intl": "https://api.z.ai/api/coding/paas/v4",
  "coding-cn": "https://open.bigmodel.cn/api/coding/paas/v4"
}

/**
 * The base URL of a region preset.
 *
 * @since 0.1.0
 */
export const regionBaseUrl = (region: Region): string => regionBaseUrls[region]

/**
 * The region used when neither `baseUrl` nor `region` is given.
 *
 * @since 0.1.0
 */
export const defaultRegion: Region = "intl"

/**
 * Defaults: 2 retries, 10 min per non-streaming attempt, 10 s connect, 2 min stream idle, JWT valid 30 min
 * and refreshed 1 min before expiry, SSE events up to 10 Mi characters.
 *
 * @since 0.1.0
 */
export const defaults = {
  maxRetries: 2,
  timeout: Duration.minutes(10),
  connectTimeout: Duration.seconds(10),
  streamIdleTimeout: Duration.minutes(2),
  jwtTtl: Duration.minutes(30),
  jwtRefreshBefore: Duration.minutes(1),
  maxEventSize: 10 * 1024 * 1024,
  sourceChannel: "zai-kit"
} as const

/**
 * Client options. Only `apiKey` is required.
 *
 * @since 0.1.0
 */
export interface Options {
  /** The API key; held as `Redacted` (a plain string is wrapped at once). */
  readonly apiKey: Redacted.Redacted<string> | string
  /** Base URL of the paas API; wins over `region`. */
  readonly baseUrl?: string | undefined
  /** Region preset for the base URL (`intl` by default). */
  readonly region?: Region | undefined
  /** `bearer` (default) sends the key as is; `jwt` signs an `id.secret` key into a short-lived token. */
  readonly auth?: "bearer" | "jwt" | undefined
  /** Lifetime of a JWT (30 min by default). */
  readonly jwtTtl?: Duration.Input | undefined
  /** How long before expiry a cached JWT is replaced (1 min by default). */
  readonly jwtRefreshBefore?: Duration.Input | undefined
  /** Retries after the first attempt (2 by default). */
  readonly maxRetries?: number | undefined
  /** Time limit of one attempt of a non-streaming call, and of the connection/headers phase of a stream (10 min). */
  readonly timeout?: Duration.Input | undefined
  /** TCP/TLS connect limit, applied by the transport (the node layer's undici Agent); 10 s by default. */
  readonly connectTimeout?: Duration.Input | undefined
  /** Longest silence inside a stream or a binary body before it fails with `TimeoutError` kind `stream-idle` (2 min). */
  readonly streamIdleTimeout?: Duration.Input | undefined
  /** Largest SSE event accepted, in characters (10 Mi by default). */
  readonly maxEventSize?: number | undefined
  /** Headers added to every request (after the defaults, before per-request headers). */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** `Accept-Language` sent with every request (e.g. `en-US,en`). */
  readonly acceptLanguage?: string | undefined
  /** Root of the agents API (`root: "agents"` requests). Defaults to the paas base URL, as the official SDKs do. */
  readonly agentsBaseUrl?: string | undefined
  /** Value of the `x-source-channel` header (`zai-kit` by default). */
  readonly sourceChannel?: string | undefined
  /** Hook applied to the `HttpClient` before use: proxies, logging, extra middleware, a test client. */
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
}

/**
 * The resolved configuration, without any secret.
 *
 * @since 0.1.0
 */
export interface Resolved {
  readonly baseUrl: string
  readonly agentsBaseUrl: string
  readonly region: Region | undefined
  readonly auth: "bearer" | "jwt"
  readonly jwtTtl: Duration.Duration
  readonly jwtRefreshBefore: Duration.Duration
  readonly maxRetries: number
  readonly timeout: Duration.Duration
  readonly connectTimeout: Duration.Duration
  readonly streamIdleTimeout: Duration.Duration
  readonly maxEventSize: number
  readonly headers: Readonly<Record<string, string>>
  readonly acceptLanguage: string | undefined
  readonly sourceChannel: string
}

const stripSlash = (url: string): string => (url.endsWith("/") ? url.replace(/\/+$/, "") : url)

const duration = (input: Duration.Input | undefined, fallback: Duration.Duration): Duration.Duration =>
  input === undefined ? fallback : Option.getOrElse(Duration.fromInput(input), () => fallback)

/**
 * Resolves options: the base URL from `baseUrl`, else `region`, else `intl`; defaults for everything else.
 *
 * @since 0.1.0
 */
export const resolve = (options: Options): Resolved => {
  const region = options.baseUrl === undefined ? (options.region ?? defaultRegion) : options.region
  const baseUrl = stripSlash(options.baseUrl ?? regionBaseUrl(region ?? defaultRegion))
  const maxRetries = options.maxRetries
  return {
    baseUrl,
    agentsBaseUrl: stripSlash(options.agentsBaseUrl ?? baseUrl),
    region,
    auth: options.auth ?? "bearer",
    jwtTtl: duration(options.jwtTtl, defaults.jwtTtl),
    jwtRefreshBefore: duration(options.jwtRefreshBefore, defaults.jwtRefreshBefore),
    maxRetries:
      maxRetries !== undefined && Number.isFinite(maxRetries) && maxRetries >= 0
        ? Math.floor(maxRetries)
        : defaults.maxRetries,
    timeout: duration(options.timeout, defaults.timeout),
    connectTimeout: duration(options.connectTimeout, defaults.connectTimeout),
    streamIdleTimeout: duration(options.streamIdleTimeout, defaults.streamIdleTimeout),
    maxEventSize: options.maxEventSize ?? defaults.maxEventSize,
    headers: options.headers ?? {},
    acceptLanguage: options.acceptLanguage,
    sourceChannel: options.sourceChannel ?? defaults.sourceChannel
  }
}

/**
 * The API key of the options, as `Redacted`.
 *
 * @since 0.1.0
 */
export const apiKey = (options: Options): Redacted.Redacted<string> =>
  typeof options.apiKey === "string" ? Redacted.make(options.apiKey) : options.apiKey

/**
 * Reads `ZAI_API_KEY` (required, redacted), `ZAI_BASE_URL` and `ZAI_REGION` (both optional).
 *
 * @since 0.1.0
 */
export const config: Config.Config<Options> = Config.all({
  apiKey: Config.Redacted("ZAI_API_KEY"),
  baseUrl: Config.option(Config.String("ZAI_BASE_URL")),
  region: Config.option(Config.schema(Region, "ZAI_REGION"))
}).pipe(
  Config.map(({ apiKey, baseUrl, region }): Options => {
    const base = Option.getOrUndefined(baseUrl)
    const preset = Option.getOrUndefined(region)
    return {
      apiKey,
      ...(base !== undefined && base.length > 0 ? { baseUrl: base } : {}),
      ...(preset !== undefined ? { region: preset } : {})
    }
  })
)
