/**
 * `@zai-kit/conformance` (private): the table of every HTTP operation of the Z.ai API and the zai-kit functions that
 * call it, and a sample generator for JSON Schema, used by the OpenAPI conformance tests.
 *
 * @since 0.1.0
 */

/**
 * The 53 HTTP operations (`operations`), with their callers, streaming / async / paging flags and OpenAPI presence.
 *
 * @since 0.1.0
 */
export * as Operations from "./operations.js"

/**
 * `sample(schema, options)`: one plausible value of a JSON Schema (`$ref`, `oneOf` / `anyOf` / `allOf`, examples).
 *
 * @since 0.1.0
 */
export * as SampleFromJsonSchema from "./sampleFromJsonSchema.js"
