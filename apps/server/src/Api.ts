/**
 * The whole HTTP API of `zai-server` as one `HttpApi`: its OpenAPI document is served at `/openapi.json` and a docs
 * page at `/docs`.
 *
 * @since 0.1.0
 */
import { HttpApi, OpenApi } from "effect/http-api"
import { GatewayApi } from "./GatewayApi.js"
import { RunsApi } from "./RunsApi.js"
import { SystemApi } from "./SystemApi.js"

/**
 * The API.
 *
 * @since 0.1.0
 */
export class Api extends HttpApi.make("zai-server")
  .add(SystemApi)
  .add(GatewayApi)
  .add(RunsApi)
  .annotateMerge(OpenApi.annotations({
    title: "zai-server",
    version: "0.1.0",
    description:
      "Pipelines over HTTP and an OpenAI-compatible gateway to Z.ai. Every route but /healthz, /readyz, /openapi.json and /docs needs `Authorization: Bearer <server key>`."
  }))
{}
