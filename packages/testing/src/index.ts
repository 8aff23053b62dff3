/**
 * `@zai-kit/testing`: a Z.ai API simulator with fault injection, and test layers.
 *
 * @since 0.1.0
 */

/** The typed failure or the value of an `Exit`, for assertions. */
export * as Exits from "./Exits.js"
/** Per-request fault injection. */
export * as Faults from "./Faults.js"
/** Structural checks of media files (PNG). */
export * as MediaChecks from "./MediaChecks.js"

/**
 * A private, throw-away PostgreSQL server for test suites.
 *
 * @since 0.1.0
 */
export * as Postgres from "./Postgres.js"
/** A `ZaiClient` on an in-memory `HttpClient` that records requests and answers hand-written replies. */
export * as RecordingClient from "./RecordingClient.js"
/** The Z.ai simulator server. */
export * as Simulator from "./Simulator.js"
/** Test layers: the simulator with a `ZaiClient` aimed at it. */
export * as TestLayers from "./TestLayers.js"
