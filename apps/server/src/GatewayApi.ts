/**
 * The OpenAI-compatible gateway's endpoints: `POST /v1/chat/completions` (plain and streamed, tools and reasoning
 * passed through), `POST /v1/embeddings` and `GET /v1/models`, guarded by `GatewayAuth`, errors in the OpenAI shape.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import { GatewayAuth, GatewayValidation } from "./Auth.js"
import * as GatewayError from "./GatewayError.js"

/**
 * A request body passed on to Z.ai after validation by the SDK (strict: unknown keys and bad values are a 400 naming
 * the field).
 *
 * @since 0.1.0
 */
export const JsonObject = Schema.Record(Schema.String, Schema.Unknown)

/**
 * One model of `GET /v1/models`.
 *
 * @since 0.1.0
 */
export const Model = Schema.Struct({
  id: Schema.String,
  object: Schema.Literal("model"),
  created: Schema.Number,
  owned_by: Schema.String
})

/**
 * The answer of `GET /v1/models`.
 *
 * @since 0.1.0
 */
export const ModelList = Schema.Struct({ object: Schema.Literal("list"), data: Schema.Array(Model) })

/**
 * The gateway group.
 *
 * @since 0.1.0
 */
export class GatewayApi extends HttpApiGroup.make("gateway")
  .add(
    HttpApiEndpoint.post("chatCompletions", "/v1/chat/completions", {
      payload: JsonObject.annotate({
        description: "A Z.ai chat completion request (OpenAI-compatible: model, messages, tools, thinking, stream, ...)"
      }),
      success: JsonObject.annotate({
        description: "A chat.completion object, or with `stream: true` an SSE stream of chat.completion.chunk objects ending with `data: [DONE]`"
      }),
      error: GatewayError.all
    }),
    HttpApiEndpoint.post("embeddings", "/v1/embeddings", {
      payload: JsonObject.annotate({ description: "An embeddings request: model, input (string or array), dimensions" }),
      success: JsonObject.annotate({ description: "The embeddings list" }),
      error: GatewayError.all
    }),
    HttpApiEndpoint.get("models", "/v1/models", { success: ModelList, error: GatewayError.all })
  )
  .middleware(GatewayValidation)
  .middleware(GatewayAuth)
  .annotateMerge(OpenApi.annotations({
    title: "OpenAI-compatible gateway",
    description: "Point any OpenAI client at this server (`baseURL: <server>/v1`, `apiKey: <server key>`)."
  }))
{}
