/**
 * The handlers of `/healthz` and `/readyz`.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "./Api.js"
import { Unavailable } from "./ApiError.js"
import { Readiness } from "./Readiness.js"
import { Upstream } from "./Upstream.js"

/**
 * The handlers of the `system` group.
 *
 * @since 0.1.0
 */
export const layer = HttpApiBuilder.group(
  Api,
  "system",
  Effect.fnUntraced(function*(handlers) {
    const upstream = yield* Upstream
    const readiness = yield* Readiness
    return handlers
      .handle("healthz", () => Effect.succeed({ status: "ok" as const }))
      .handle("readyz", () =>
        readiness.check.pipe(
          Effect.map((checks) => ({
            status: "ready" as const,
            upstream: upstream.mode,
            storage: readiness.storage,
            checks
          })),
          Effect.mapError((message) => new Unavailable({ message }))
        ))
  })
)
