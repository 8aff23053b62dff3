/**
 * `@zai-kit/testing`: a Z.ai API simulator with fault injection, and test layers.
 *
 * @since 0.1.0
 */

/** Per-request fault injection. */
export * as Faults from "./Faults.js"
/** The Z.ai simulator server. */
export * as Simulator from "./Simulator.js"
/** Test layers: the simulator with a `ZaiClient` aimed at it. */
export * as TestLayers from "./TestLayers.js"
