/**
 * `@zai-kit/transport/node`: the `ZaiClient` on Node's undici (a lean `HttpClient` over `Dispatcher.dispatch`,
 * see `layerHttpClient`), with a keep-alive `Agent` whose
 * `headersTimeout` / `bodyTimeout` are switched off (0), so undici's 300 s defaults never cut a slow
 * thinking-model call before the client's own timeouts (`timeout`, `streamIdleTimeout`) do. The Agent's
 * connect timeout is the client's `connectTimeout`. Also provides Node's `FileSystem`, so
 * `Multipart.fromPath` works.
 *
 * @since 0.1.0
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Duration, Effect, Layer } from "effect"
import { HttpClient } from "effect/http"
import type * as Config from "effect/Config"
import type { Agent, Dispatcher } from "undici"
import * as UndiciClient from "./internal/undiciClient.js"
import * as ZaiClient from "./ZaiClient.js"
import * as ZaiConfig from "./ZaiConfig.js"

/**
 * Agent options used by `layerUndici`: keep-alive pooling, connect timeout from the options,
 * `headersTimeout` and `bodyTimeout` disabled (0).
 *
 * @since 0.1.0
 */
export const agentOptions = (options: Partial<ZaiConfig.Options> = {}): Agent.Options => {
  const resolved = ZaiConfig.resolve({ apiKey: "", ...options })
  return {
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 10 * 60_000,
    headersTimeout: 0,
    bodyTimeout: 0,
    connect: { timeout: Duration.toMillis(resolved.connectTimeout) }
  }
}

// @effect/platform-node sets headersTimeout: 1 h / bodyTimeout: 0 on every request; this interceptor sets both
// to 0 so only the client's Effect timeouts apply, whatever they are.
const noUndiciTimeouts: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) =>
  dispatch({ ...options, headersTimeout: 0, bodyTimeout: 0 }, handler)

/**
 * A scoped undici `Agent` (destroyed with the layer) for the given options, as the `Dispatcher` service.
 *
 * @since 0.1.0
 */
export const layerDispatcher = (options: Partial<ZaiConfig.Options> = {}): Layer.Layer<NodeHttpClient.Dispatcher> =>
  Layer.effect(
    NodeHttpClient.Dispatcher,
    Effect.acquireRelease(
      Effect.map(
        Effect.promise(() => import("undici")),
        (undici) => {
          const agent = new undici.Agent(agentOptions(options))
          return { agent, dispatcher: agent.compose(noUndiciTimeouts) }
        }
      ),
      ({ agent }) => Effect.promise(() => agent.destroy())
    ).pipe(Effect.map(({ dispatcher }) => dispatcher))
  )

/**
 * The undici `HttpClient` used by `layerUndici`: a lean client over `Dispatcher.dispatch` on a scoped keep-alive
 * `Agent` (destroyed with the layer), with undici's `headersTimeout` / `bodyTimeout` off on every request.
 * Compared with `NodeHttpClient.layerUndici` it skips, per request, the URL re-parse, the `Readable` body and its
 * promises, the `FinalizationRegistry` registration and the layer-context merge. Interrupting a call aborts the
 * request; a request run with a `Scope` (`HttpClient.withScope`) is aborted when the scope closes before its body
 * ended. With tracing enabled for a request, it goes through `HttpClient.make` (span, `traceparent`).
 *
 * @since 0.1.0
 */
export const layerHttpClient = (options: Partial<ZaiConfig.Options> = {}): Layer.Layer<HttpClient.HttpClient> =>
  Layer.effect(
    HttpClient.HttpClient,
    Effect.acquireRelease(
      Effect.map(
        Effect.promise(() => import("undici")),
        (undici) => ({ undici, agent: new undici.Agent(agentOptions(options)) })
      ),
      ({ agent }) => Effect.promise(() => agent.destroy())
    ).pipe(Effect.map(({ undici, agent }) => UndiciClient.make(agent, undici)))
  )

/**
 * Effect's own undici `HttpClient` (`NodeHttpClient.layerUndiciNoDispatcher`) on the same `Agent` settings: the
 * previous `layerHttpClient`, kept for comparison (see the package benchmark).
 *
 * @since 0.1.0
 */
export const layerEffectHttpClient = (options: Partial<ZaiConfig.Options> = {}): Layer.Layer<HttpClient.HttpClient> =>
  NodeHttpClient.layerUndiciNoDispatcher.pipe(Layer.provide(layerDispatcher(options)))

/**
 * `ZaiClient` on undici, with Node's `FileSystem` for file uploads by path.
 *
 * @since 0.1.0
 */
export const layerUndici = (options: ZaiConfig.Options): Layer.Layer<ZaiClient.ZaiClient> =>
  ZaiClient.layer(options).pipe(Layer.provide([layerHttpClient(options), NodeFileSystem.layer]))

/**
 * `ZaiClient` on Effect's own undici `HttpClient` (`layerEffectHttpClient`), for comparison.
 *
 * @since 0.1.0
 */
export const layerEffectUndici = (options: ZaiConfig.Options): Layer.Layer<ZaiClient.ZaiClient> =>
  ZaiClient.layer(options).pipe(Layer.provide([layerEffectHttpClient(options), NodeFileSystem.layer]))

/**
 * `ZaiClient` on undici configured from `ZAI_API_KEY`, `ZAI_BASE_URL` and `ZAI_REGION`, plus overrides.
 *
 * @since 0.1.0
 */
export const layerConfigUndici = (overrides?: ZaiClient.Overrides): Layer.Layer<ZaiClient.ZaiClient, Config.ConfigError> =>
  Layer.unwrap(
    Effect.gen(function* () {
      const fromConfig = yield* ZaiConfig.config
      return layerUndici(ZaiClient.mergeOverrides(fromConfig, overrides))
    })
  )
