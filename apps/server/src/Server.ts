/**
 * The whole server as layers: the HTTP API (OpenAPI at `/openapi.json`, docs at `/docs`), the page at `/`, the
 * request middleware, auth and limits, over the upstream `ZaiClient` (Z.ai or the embedded simulator).
 *
 * @since 0.1.0
 */
import { createServer } from "node:http"
import { NodeHttpServer, NodeServices } from "@effect/platform-node"
import { Registry } from "@zai-kit/steps"
import { Effect, Layer } from "effect"
import { HttpRouter } from "effect/http"
import { HttpApiBuilder, HttpApiScalar } from "effect/http-api"
import { Api } from "./Api.js"
import * as Auth from "./Auth.js"
import * as Gateway from "./Gateway.js"
import * as Page from "./Page.js"
import { RateLimiter } from "./RateLimiter.js"
import * as RequestMiddleware from "./RequestMiddleware.js"
import * as RunManager from "./RunManager.js"
import * as RunRoutes from "./RunRoutes.js"
import * as Storage from "./Storage.js"
import { ServerConfig } from "./ServerConfig.js"
import { ServerKeys } from "./ServerKeys.js"
import * as System from "./System.js"

/**
 * Every route: the API's groups with their handlers, `/openapi.json`, `/docs`, the page and the global middleware.
 *
 * @since 0.1.0
 */
export const routes = Layer.mergeAll(
  HttpApiBuilder.layer(Api, { openapiPath: "/openapi.json" }).pipe(
    Layer.provide([System.layer, Gateway.layer, RunRoutes.layer]),
    Layer.provide([Auth.layerApi, Auth.layerGateway, Auth.layerApiValidation, Auth.layerGatewayValidation])
  ),
  HttpApiScalar.layer(Api, { path: "/docs" }),
  Page.layer,
  RequestMiddleware.layer
)

/**
 * The services the routes need, on top of `ServerConfig`, the upstream `ZaiClient` and the platform.
 *
 * @since 0.1.0
 */
export const layerServices = Layer.mergeAll(ServerKeys.layer, RateLimiter.layer, RunManager.layer).pipe(
  Layer.provideMerge(Registry.layerServices),
  Layer.provideMerge(Storage.layer)
)

/**
 * The server on Node's HTTP server, on `ServerConfig`'s port, with the graceful-shutdown grace period.
 *
 * @since 0.1.0
 */
export const layerNode = Layer.unwrap(Effect.map(ServerConfig, (settings) =>
  HttpRouter.serve(routes, { disableLogger: true }).pipe(
    Layer.provide(layerServices),
    Layer.provide(NodeHttpServer.layer(createServer, {
      port: settings.port,
      host: settings.host,
      gracefulShutdownTimeout: settings.shutdownGrace
    })),
    Layer.provide(NodeServices.layer)
  )))
