/**
 * Where requests go: the real API when an API key is configured (`--api-key` or `ZAI_API_KEY`), otherwise the
 * embedded simulator from `@zai-kit/testing`, said once on stderr. Provides every domain service on that client
 * (`@zai-kit/sdk`'s `Layers.layerServices`),
 * and with `--verbose` a tracer and logger that print each request's operation, status, request id, attempts and
 * time, and each retry, on stderr; never a header or the key.
 *
 * @since 0.1.0
 */
import { Layers } from "@zai-kit/sdk"
import { Simulator } from "@zai-kit/testing"
import type { ZaiClient, ZaiConfig } from "@zai-kit/transport"
import { layerUndici } from "@zai-kit/transport/node"
import { Cause, Duration, Effect, Layer, Logger, Redacted, References, Tracer } from "effect"
import { CommandFailed, UsageError } from "./Errors.js"
import * as Io from "./Io.js"
import * as Root from "./Root.js"
import * as Style from "./Style.js"

/**
 * Every domain service the commands use (`@zai-kit/sdk`'s `Layers.Services`).
 *
 * @since 0.1.0
 */
export type Services = Layers.Services

/**
 * The domain services on the `ZaiClient` of the context (`@zai-kit/sdk`'s `Layers.layerServices`).
 *
 * @since 0.1.0
 */
export const servicesLayer: Layer.Layer<Services, never, ZaiClient.ZaiClient> = Layers.layerServices

const isRegion = (value: string): value is ZaiConfig.Region => (Root.regions as ReadonlyArray<string>).includes(value)

/**
 * The client options from the flags and the environment, without the key; fails with `UsageError` on a bad
 * `ZAI_REGION`.
 *
 * @since 0.1.0
 */
export const connection = (
  settings: Root.Settings,
  env: Io.Service["env"]
): Effect.Effect<Omit<ZaiConfig.Options, "apiKey">, UsageError> => {
  const envRegion = env.ZAI_REGION !== undefined && env.ZAI_REGION !== "" ? env.ZAI_REGION : undefined
  if (settings.region === undefined && envRegion !== undefined && !isRegion(envRegion)) {
    return Effect.fail(new UsageError({ message: `ZAI_REGION must be one of ${Root.regions.join(", ")}, got "${envRegion}"` }))
  }
  const region = settings.region ?? (envRegion !== undefined && isRegion(envRegion) ? envRegion : undefined)
  const envBase = env.ZAI_BASE_URL !== undefined && env.ZAI_BASE_URL !== "" ? env.ZAI_BASE_URL : undefined
  const baseUrl = settings.baseUrl ?? envBase
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/i.test(baseUrl)) {
    return Effect.fail(new UsageError({ message: `--base-url (or ZAI_BASE_URL) must be an http(s) URL, got "${baseUrl}"` }))
  }
  if (settings.timeoutSeconds !== undefined && !(settings.timeoutSeconds > 0)) {
    return Effect.fail(new UsageError({ message: `--timeout must be a positive number of seconds, got ${settings.timeoutSeconds}` }))
  }
  if (settings.maxRetries !== undefined && settings.maxRetries < 0) {
    return Effect.fail(new UsageError({ message: `--max-retries must be 0 or more, got ${settings.maxRetries}` }))
  }
  return Effect.succeed({
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(settings.timeoutSeconds !== undefined ? { timeout: Duration.seconds(settings.timeoutSeconds) } : {}),
    ...(settings.maxRetries !== undefined ? { maxRetries: settings.maxRetries } : {})
  })
}

/**
 * The API key from `--api-key`, else `ZAI_API_KEY`; `undefined` when neither is set (or empty).
 *
 * @since 0.1.0
 */
export const apiKeyOf = (settings: Root.Settings, env: Io.Service["env"]): Redacted.Redacted<string> | undefined => {
  if (settings.apiKey !== undefined && Redacted.value(settings.apiKey) !== "") return settings.apiKey
  const fromEnv = env.ZAI_API_KEY
  return fromEnv !== undefined && fromEnv !== "" ? Redacted.make(fromEnv) : undefined
}

const nanosToMillis = (nanos: bigint): number => Number(nanos / 1_000_000n)

/**
 * A tracer that prints one line per API call when its span ends: operation, method and path, status, request id,
 * attempts and elapsed time (attributes set by `@zai-kit/transport`, which never records headers).
 *
 * @since 0.1.0
 */
export const verboseTracer = (io: Io.Service): Tracer.Tracer => {
  const style = Style.forStderr(io)
  return Tracer.make({
    span: (options) => {
      const span = new Tracer.NativeSpan(options)
      const end = span.end.bind(span)
      span.end = (endTime, exit) => {
        end(endTime, exit)
        if (options.kind !== "client") return
        const a = span.attributes
        const parts = [`${a.get("http.request.method") ?? ""} ${a.get("url.path") ?? ""}`.trim()]
        const status = a.get("http.response.status_code")
        if (status !== undefined) parts.push(`status ${String(status)}`)
        const error = a.get("error.type")
        if (error !== undefined) parts.push(String(error))
        const requestId = a.get("zai.request_id")
        if (requestId !== undefined) parts.push(`request id ${String(requestId)}`)
        const attempts = a.get("zai.attempts")
        if (attempts !== undefined) parts.push(`attempts ${String(attempts)}`)
        parts.push(`${nanosToMillis(endTime - options.startTime)} ms`)
        io.stderr.write(`${style.dim(`[verbose] ${options.name}: ${parts.join(", ")}`)}\n`)
      }
      return span
    }
  })
}

/**
 * A logger that prints log lines (retries from the transport, debug and up) with their annotations on stderr.
 *
 * @since 0.1.0
 */
export const verboseLogger = (io: Io.Service): Logger.Logger<unknown, void> => {
  const style = Style.forStderr(io)
  return Logger.make((options) => {
    const annotations = options.fiber.getRef(References.CurrentLogAnnotations)
    const fields = Object.entries(annotations).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    const message = Array.isArray(options.message) ? options.message.map(String).join(" ") : String(options.message)
    io.stderr.write(`${style.dim(`[verbose] ${message}${fields.length > 0 ? ` ${fields.join(" ")}` : ""}`)}\n`)
  })
}

/**
 * The `ZaiClient` for this invocation: the real API with a key, the embedded simulator without one (noticed once on
 * stderr unless `--quiet`).
 *
 * @since 0.1.0
 */
export const clientLayer = (
  settings: Root.Settings,
  io: Io.Service
): Layer.Layer<ZaiClient.ZaiClient, UsageError | CommandFailed> =>
  Layer.unwrap(
    Effect.gen(function*() {
      const options = yield* connection(settings, io.env)
      const key = apiKeyOf(settings, io.env)
      const describe = (baseUrl: string) => {
        if (!settings.verbose) return Effect.void
        const timeout = options.timeout !== undefined ? `${Duration.toSeconds(Duration.fromInputUnsafe(options.timeout))} s` : "default"
        return Io.errLine(
          Style.forStderr(io).dim(
            `[verbose] base URL ${baseUrl}, key ${key === undefined ? "none (simulator)" : "set"}, timeout ${timeout}, max retries ${options.maxRetries ?? "default"}`
          )
        ).pipe(Effect.provideService(Io.Io, io))
      }
      if (key !== undefined) {
        yield* describe(options.baseUrl ?? `region ${options.region ?? "intl"}`)
        return layerUndici({ ...options, apiKey: key })
      }
      if (options.baseUrl !== undefined) {
        // an explicit base URL without a key is a mistake to point out, not a reason to switch to the simulator
        return yield* new UsageError({
          message: `a base URL is set (${settings.baseUrl !== undefined ? "--base-url" : "ZAI_BASE_URL"}) but no API key: give --api-key or ZAI_API_KEY (any value for a simulator), or unset it to use the built-in simulator`
        })
      }
      return Layer.unwrap(
        Effect.gen(function*() {
          const sim = yield* Simulator.Simulator
          if (!settings.quiet) {
            yield* Io.errLine(
              Style.forStderr(io).yellow(`zai: no API key (--api-key or ZAI_API_KEY): using the built-in simulator at ${sim.url}`)
            ).pipe(Effect.provideService(Io.Io, io))
          }
          yield* describe(sim.url)
          return layerUndici({ ...options, baseUrl: sim.url, apiKey: sim.apiKey })
        })
      ).pipe(
        Layer.provide(
          Simulator.layer().pipe(
            Layer.catchCause((cause) =>
              Layer.effect(
                Simulator.Simulator,
                Effect.fail(new CommandFailed({ message: `could not start the simulator: ${Cause.pretty(cause)}` }))
              )
            )
          )
        )
      )
    })
  )

/**
 * Runs `effect` with every domain service on this invocation's client (and the verbose tracer and logger when asked).
 *
 * @since 0.1.0
 */
export const provide = <A, E, R>(
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, E | UsageError | CommandFailed, Exclude<R, Services> | Io.Io | Root.Context> =>
  Effect.gen(function*() {
    const settings = yield* Root.settings
    const io = yield* Io.Io
    const services = servicesLayer.pipe(Layer.provide(clientLayer(settings, io)))
    const run = Effect.provide(effect, services)
    if (!settings.verbose) return yield* run
    return yield* run.pipe(
      Effect.provideService(Tracer.Tracer, verboseTracer(io)),
      Effect.provide(Logger.layer([verboseLogger(io)])),
      Effect.provideService(References.MinimumLogLevel, "Debug")
    )
  })
