/**
 * The page for people at `/`: plain HTML, CSS and JavaScript from the package's `page/` folder, no build step. It asks
 * for the server key (kept in `sessionStorage` only), lists the runs with live progress over their event streams,
 * links their outputs and files, and starts built-in pipelines.
 *
 * @since 0.1.0
 */
import { readFile } from "node:fs/promises"
import { Effect, type Layer } from "effect"
import { HttpRouter, HttpServerResponse } from "effect/http"

const files = [
  { route: "/", file: "index.html", contentType: "text/html; charset=utf-8" },
  { route: "/app.js", file: "app.js", contentType: "text/javascript; charset=utf-8" },
  { route: "/style.css", file: "style.css", contentType: "text/css; charset=utf-8" }
] as const

/**
 * The folder the page is served from.
 *
 * @since 0.1.0
 */
export const pageDir: URL = new URL("../page/", import.meta.url)

const securityHeaders = {
  "cache-control": "no-cache",
  "x-content-type-options": "nosniff",
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
}

/**
 * The page's routes.
 *
 * @since 0.1.0
 */
export const layer: Layer.Layer<never, never, HttpRouter.HttpRouter> = HttpRouter.use(Effect.fnUntraced(function*(router) {
  for (const { route, file, contentType } of files) {
    const body = yield* Effect.promise(() => readFile(new URL(file, pageDir), "utf8"))
    yield* router.add(
      "GET",
      route,
      Effect.succeed(HttpServerResponse.text(body, { contentType, headers: securityHeaders }))
    )
  }
}))
