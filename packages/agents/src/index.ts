/**
 * `@zai-kit/agents`: the Z.ai agents (general translation, GLM slides, special-effects videos, any other agent id)
 * and the assistant API, on `ZaiClient`.
 *
 * @since 0.1.0
 */

/**
 * The `Agents` service (`invoke`, `invokeStream`, `asyncResult`, `conversation`, `translate`, `translateStream`,
 * `slides`, `videoEffect`), its handles and layer.
 *
 * @since 0.1.0
 */
export * as Agents from "./Agents.js"

/**
 * Readers of agent answers: text, files (`file_url`, `image_url`, `video_url`), tool steps, slide pages.
 *
 * @since 0.1.0
 */
export * as AgentOutput from "./AgentOutput.js"

/**
 * The `Assistant` service (`run`, `runStream`, `list`, `conversations`, `conversationsPage`) and readers of its answers.
 *
 * @since 0.1.0
 */
export * as Assistant from "./Assistant.js"

/**
 * Downloading agent files into a directory (credentials only for the API's own hosts).
 *
 * @since 0.1.0
 */
export * as Downloads from "./Downloads.js"
