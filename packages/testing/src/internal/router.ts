/**
 * A small path router: route entries with `:param` segments, matched against the path below `/api/paas/v4`.
 * @internal
 */
import type { IncomingHttpHeaders } from "node:http"
import type { Fault } from "../Faults.js"
import type { Reply } from "./reply.js"
import type { State } from "./state.js"

/** HTTP methods the routes use. */
export type Method = "GET" | "POST" | "PUT" | "DELETE" | "PATCH"

/** Everything a handler gets to build its answer. */
export interface RouteContext {
  readonly method: Method
  /** Path below the base (`/chat/completions`). */
  readonly path: string
  /** `:param` values from the route path. */
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  readonly headers: IncomingHttpHeaders
  /** The body as text (empty string when absent). */
  readonly rawBody: string
  /** The body as received, byte for byte (multipart uploads: parse with `multipart.ts`). */
  readonly bodyBytes: Uint8Array
  /** The body parsed as JSON, or `undefined` when absent or not JSON (see `bodyError`). */
  readonly body: unknown
  /** Set when a body was sent with a JSON content type but does not parse. */
  readonly bodyError: string | undefined
  /** Shared simulator state (options, async tasks, counters). */
  readonly state: State
  /** The fault chosen for this request (only body faults and `task-failed` reach a handler). */
  readonly fault: Fault | undefined
}

/** One route: other domains add their own files under `routes/` and list them in `routes/index.ts`. */
export interface Route {
  readonly method: Method
  /** Path below `/api/paas/v4`, with `:name` parameters (`/async-result/:id`). */
  readonly path: string
  readonly handle: (ctx: RouteContext) => Reply
  /** Answers without the `Authorization` check (media URLs, served like a CDN would serve them). */
  readonly public?: boolean | undefined
}

interface Compiled {
  readonly route: Route
  readonly segments: ReadonlyArray<string>
}

/** The outcome of matching a request. */
export type Match =
  | { readonly _tag: "Found"; readonly route: Route; readonly params: Readonly<Record<string, string>> }
  | { readonly _tag: "MethodNotAllowed"; readonly allowed: ReadonlyArray<Method> }
  | { readonly _tag: "NotFound" }

const split = (path: string): ReadonlyArray<string> => path.split("/").filter((s) => s !== "")

/** Builds a matcher over a list of routes; static segments win over parameters when both match. */
export const make = (routes: ReadonlyArray<Route>) => {
  const compiled: ReadonlyArray<Compiled> = routes
    .map((route) => ({ route, segments: split(route.path) }))
    .sort((a, b) => staticWeight(b.segments) - staticWeight(a.segments))
  return (method: Method | string, path: string): Match => {
    const parts = split(path)
    const allowed: Array<Method> = []
    for (const { route, segments } of compiled) {
      const params = matchSegments(segments, parts)
      if (params === undefined) continue
      if (route.method === method) return { _tag: "Found", route, params }
      allowed.push(route.method)
    }
    return allowed.length > 0 ? { _tag: "MethodNotAllowed", allowed } : { _tag: "NotFound" }
  }
}

const staticWeight = (segments: ReadonlyArray<string>): number =>
  segments.reduce((n, s) => n + (s.startsWith(":") ? 0 : 1), 0)

const matchSegments = (
  segments: ReadonlyArray<string>,
  parts: ReadonlyArray<string>
): Record<string, string> | undefined => {
  if (segments.length !== parts.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]
    const part = parts[i]
    if (segment === undefined || part === undefined) return undefined
    if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(part)
    else if (segment !== part) return undefined
  }
  return params
}
