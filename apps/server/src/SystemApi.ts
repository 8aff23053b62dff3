/**
 * Health endpoints, open to anyone: `GET /healthz` (the process is up) and `GET /readyz` (storage and engine ready,
 * and whether calls go to Z.ai or the embedded simulator).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import { Unavailable } from "./ApiError.js"

/**
 * The answer of `/readyz`.
 *
 * @since 0.1.0
 */
export const Readiness = Schema.Struct({
  status: Schema.Literal("ready"),
  upstream: Schema.Literals(["zai", "simulator"]),
  storage: Schema.String,
  checks: Schema.Record(Schema.String, Schema.Literal("ok"))
})

/**
 * The system group.
 *
 * @since 0.1.0
 */
export class SystemApi extends HttpApiGroup.make("system")
  .add(
    HttpApiEndpoint.get("healthz", "/healthz", { success: Schema.Struct({ status: Schema.Literal("ok") }) }),
    HttpApiEndpoint.get("readyz", "/readyz", { success: Readiness, error: Unavailable })
  )
  .annotateMerge(OpenApi.annotations({ title: "System", description: "Liveness and readiness, without a key." }))
{}
