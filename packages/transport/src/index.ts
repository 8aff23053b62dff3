/**
 * `@zai-kit/transport`: the Z.ai client (`ZaiClient`) with config, auth, retries, timeouts, SSE, typed errors,
 * polling, paging and multipart uploads. Platform-agnostic; `@zai-kit/transport/node` adds the undici layer.
 *
 * @since 0.1.0
 */

/**
 * Region presets, options, resolved configuration and the `ZAI_*` environment `Config`.
 *
 * @since 0.1.0
 */
export * as ZaiConfig from "./ZaiConfig.js"

/**
 * The `ZaiClient` service and its layers.
 *
 * @since 0.1.0
 */
export * as ZaiClient from "./ZaiClient.js"

/**
 * Typed errors, one class per category.
 *
 * @since 0.1.0
 */
export * as ZaiError from "./ZaiError.js"

/**
 * Per-call overrides.
 *
 * @since 0.1.0
 */
export * as RequestOptions from "./RequestOptions.js"

/**
 * The byte-level SSE decoder.
 *
 * @since 0.1.0
 */
export * as Sse from "./Sse.js"

/**
 * `pollUntilDone` for async tasks.
 *
 * @since 0.1.0
 */
export * as Polling from "./Polling.js"

/**
 * `GET /async-result/{id}` of async tasks: task-id checks, retrieve and wait until done.
 *
 * @since 0.1.0
 */
export * as AsyncResult from "./AsyncResult.js"

/**
 * Downloads of linked files: streamed, and written to disk atomically.
 *
 * @since 0.1.0
 */
export * as Download from "./Download.js"

/**
 * Cursor and page-number paging as streams of items.
 *
 * @since 0.1.0
 */
export * as Paging from "./Paging.js"

/**
 * File inputs and multipart bodies.
 *
 * @since 0.1.0
 */
export * as Multipart from "./Multipart.js"

/**
 * Opt-in JWT signing.
 *
 * @since 0.1.0
 */
export * as Jwt from "./Jwt.js"
