/**
 * An in-process HTTP server that answers like the Z.ai API under `/api/paas/v4`: point `ZAI_BASE_URL` (or any
 * OpenAI-compatible client's base URL) at {@link Service.url} and nothing else changes.
 *
 * @since 0.1.0
 */
import { Context, Duration, Effect, Layer, Redacted, Result, Schema, type Scope } from "effect"
import * as Faults from "./Faults.js"
import * as Server from "./internal/server.js"

/**
 * Options of a simulator.
 *
 * @since 0.1.0
 */
export interface Options {
  /** TCP port; `0` (default) picks a free one. */
  readonly port?: number
  /** Interface to listen on (default `127.0.0.1`). */
  readonly host?: string
  /**
   * The only key accepted. Without it any non-empty Bearer token passes. A key of the form `id.secret`
   * also accepts JWTs signed with it (HS256, payload `{ api_key: id, exp, timestamp }`).
   */
  readonly apiKey?: string | Redacted.Redacted<string>
  /** Faults consumed one per request, in order (see {@link Faults}). */
  readonly faults?: ReadonlyArray<Faults.Input>
  /** Mixed into every answer's hash: another seed gives other (still deterministic) answers. */
  readonly seed?: string | number
  /** Polls of `/async-result/{id}` answered `PROCESSING` before `SUCCESS` (default 2). */
  readonly asyncPolls?: number
  /** Words per streamed content chunk (default 3). */
  readonly chunkWords?: number
  /** Pause between SSE frames (default none). */
  readonly chunkDelay?: Duration.Input
}

/**
 * One request as the simulator saw it (the `Authorization` header is redacted).
 *
 * @since 0.1.0
 */
export interface RecordedRequest {
  /** 1-based position among all requests since start (or the last reset). */
  readonly seq: number
  readonly method: string
  /** Path below the base (`/chat/completions`), or the full path when outside every base. */
  readonly path: string
  /** Full request path with query string. */
  readonly url: string
  readonly query: Readonly<Record<string, string>>
  /** Lower-cased headers; `authorization` is redacted to `Bearer <redacted>`. */
  readonly headers: Readonly<Record<string, string>>
  /** How the caller authenticated. */
  readonly auth: "none" | "api-key" | "jwt"
  /** The body parsed as JSON, else the text (`undefined` when empty). */
  readonly body: unknown
  readonly rawBody: string
  /** The fault applied, in header syntax (`rate-limit;seconds=1`), if any. */
  readonly fault: string | undefined
  /** The HTTP status answered, when one was (not for `reset` and endless stalls). */
  readonly status: number | undefined
  /** Wall-clock time the request arrived (ms since epoch). */
  readonly receivedAt: number
}


/**
 * The running simulator.
 *
 * @since 0.1.0
 */
export interface Service {
  /** Base URL to give clients: `http://127.0.0.1:<port>/api/paas/v4`. */
  readonly url: string
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string
  readonly port: number
  /** A key the simulator accepts: the configured one, else `"zai-sim-key"`. */
  readonly apiKey: string
  /** Every request received since start (or the last {@link Service.reset}), oldest first. */
  readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>>
  /** Appends faults to the queue (one is consumed per request). */
  readonly injectFaults: (faults: ReadonlyArray<Faults.Input>) => Effect.Effect<void, Faults.InvalidFault>
  /** Faults still queued. */
  readonly pendingFaults: Effect.Effect<ReadonlyArray<Faults.Fault>>
  /** Forgets recorded requests, queued faults and async tasks. */
  readonly reset: Effect.Effect<void>
}

/**
 * The simulator service.
 *
 * @since 0.1.0
 */
export class Simulator extends Context.Service<Simulator, Service>()("@zai-kit/testing/Simulator") {}

/**
 * The server could not start (port in use, bad host).
 *
 * @since 0.1.0
 */
export class SimulatorError extends Schema.TaggedError<SimulatorError>()("SimulatorError", {
  message: Schema.String
}) {}

const resolveFaults = (inputs: ReadonlyArray<Faults.Input>): Result.Result<ReadonlyArray<Faults.Fault>, Faults.InvalidFault> => {
  const out: Array<Faults.Fault> = []
  for (const input of inputs) {
    const fault = Faults.fromInput(input)
    if (Result.isFailure(fault)) return Result.fail(fault.failure)
    out.push(fault.success)
  }
  return Result.succeed(out)
}

/**
 * Starts a simulator in the current scope; it stops (dropping open connections) when the scope closes.
 *
 * @since 0.1.0
 */
export const start = Effect.fn("Simulator.start")(function* (
  options: Options = {}
): Effect.fn.Return<Service, SimulatorError | Faults.InvalidFault, Scope.Scope> {
  const faults = resolveFaults(options.faults ?? [])
  if (Result.isFailure(faults)) return yield* faults.failure
  const apiKey = options.apiKey === undefined ? undefined : Redacted.isRedacted(options.apiKey) ? Redacted.value(options.apiKey) : options.apiKey
  const config: Server.Config = {
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    faults: faults.success,
    options: {
      apiKey,
      seed: String(options.seed ?? ""),
      asyncPolls: Math.max(0, options.asyncPolls ?? 2),
      chunkWords: Math.max(1, options.chunkWords ?? 3),
      chunkDelayMs: options.chunkDelay === undefined ? 0 : Duration.toMillis(options.chunkDelay)
    }
  }
  const running = yield* Effect.acquireRelease(
    Effect.callback<Server.Running, SimulatorError>((resume) => {
      Server.start(config, (result) =>
        resume(
          Result.isSuccess(result)
            ? Effect.succeed(result.success)
            : Effect.fail(new SimulatorError({ message: `cannot listen on ${config.host}:${config.port}: ${result.failure.message}` }))
        )
      )
    }),
    (server) => Effect.callback<void>((resume) => server.close(() => resume(Effect.void)))
  )
  const origin = `http://${running.host.includes(":") ? `[${running.host}]` : running.host}:${running.port}`
  return Simulator.of({
    url: `${origin}${Server.basePaths[0]}`,
    origin,
    port: running.port,
    apiKey: apiKey ?? "zai-sim-key",
    requests: Effect.sync(() => running.recorded.map((r) => ({ ...r }))),
    injectFaults: (inputs) =>
      Effect.suspend(() => {
        const resolved = resolveFaults(inputs)
        if (Result.isFailure(resolved)) return Effect.fail(resolved.failure)
        running.queue.push(...resolved.success)
        return Effect.void
      }),
    pendingFaults: Effect.sync(() => [...running.queue]),
    reset: Effect.sync(() => running.reset())
  })
})

/**
 * A layer that starts a simulator on 127.0.0.1 (random port by default) and stops it when the layer's scope closes.
 *
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<Simulator, SimulatorError | Faults.InvalidFault> =>
  Layer.effect(Simulator, start(options))

/**
 * The recorded requests of the simulator in context.
 *
 * @since 0.1.0
 */
export const requests: Effect.Effect<ReadonlyArray<RecordedRequest>, never, Simulator> = Simulator.use((s) => s.requests)

/**
 * The multipart body of a recorded request, parsed by the platform's own `FormData` parser (text fields exact, file
 * parts as `File`s with their name and type).
 *
 * @since 0.1.0
 */
export const formData = (request: {
  readonly headers: Readonly<Record<string, string>>
  readonly rawBody: string
}): Effect.Effect<FormData> =>
  Effect.promise(() =>
    new Response(request.rawBody, { headers: { "content-type": request.headers["content-type"] ?? "" } }).formData()
  )

/**
 * Queues faults on the simulator in context.
 *
 * @since 0.1.0
 */
export const injectFaults = (faults: ReadonlyArray<Faults.Input>): Effect.Effect<void, Faults.InvalidFault, Simulator> =>
  Simulator.use((s) => s.injectFaults(faults))

/**
 * Resets the simulator in context.
 *
 * @since 0.1.0
 */
export const reset: Effect.Effect<void, never, Simulator> = Simulator.use((s) => s.reset)
