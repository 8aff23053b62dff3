/**
 * The `zai-server` program as modules, for its tests and benchmark (the package publishes the `zai-server` bin, no library entry).
 *
 * @since 0.1.0
 */

/** The whole HTTP API (OpenAPI document, docs page). */
export * as Api from "./Api.js"
/** Errors of the pipelines and runs API. */
export * as ApiError from "./ApiError.js"
/** Server-key guards and request validation. */
export * as Auth from "./Auth.js"
/** The OpenAI-compatible gateway's handlers. */
export * as Gateway from "./Gateway.js"
/** The OpenAI-compatible gateway's endpoints. */
export * as GatewayApi from "./GatewayApi.js"
/** Errors of the gateway, in the OpenAI shape. */
export * as GatewayError from "./GatewayError.js"
/** The page for people at `/`. */
export * as Page from "./Page.js"
/** Per-key request rate limit. */
export * as RateLimiter from "./RateLimiter.js"
/** What `/readyz` checks. */
export * as Readiness from "./Readiness.js"
/** Request ids, request logs and the body-size limit. */
export * as RequestMiddleware from "./RequestMiddleware.js"
/** Starts and keeps runs; resumes those left by a crash. */
export * as RunManager from "./RunManager.js"
/** The handlers of the pipelines and runs API. */
export * as RunRoutes from "./RunRoutes.js"
/** The pipelines and runs API's endpoints. */
export * as RunsApi from "./RunsApi.js"
/** The server as layers. */
export * as Server from "./Server.js"
/** Settings from the environment. */
export * as ServerConfig from "./ServerConfig.js"
/** Server keys. */
export * as ServerKeys from "./ServerKeys.js"
/** Storage: SQLite or PostgreSQL. */
export * as Storage from "./Storage.js"
/** `/healthz` and `/readyz`. */
export * as System from "./System.js"
/** The health endpoints. */
export * as SystemApi from "./SystemApi.js"
/** Z.ai or the embedded simulator. */
export * as Upstream from "./Upstream.js"
