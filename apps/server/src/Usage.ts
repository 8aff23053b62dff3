/**
 * The `zai-server --help` text: what the program does and the environment it reads.
 *
 * @since 0.1.0
 */

/**
 * The help text printed by `zai-server --help` (and `-h`).
 *
 * @since 0.1.0
 */
export const text = `zai-server: pipelines over HTTP, an OpenAI-compatible gateway, and runs that survive a crash

Usage: zai-server [--help | --version]

Serves the API (/v1/runs, /v1/pipelines), the OpenAI-compatible gateway (/v1/chat/completions, /v1/embeddings,
/v1/models), /healthz, /readyz, /openapi.json, the API reference at /docs and a page at /. Every route but health,
docs and the page needs "Authorization: Bearer <server key>".

Environment:
  PORT, HOST                   where to listen (default 8787 on 0.0.0.0)
  ZAI_SERVER_DATA              data folder: embedded SQLite, produced files, generated key (default ./.zai-server)
  ZAI_SERVER_KEYS              comma-separated server keys (default: one generated into the data folder, printed once)
  DATABASE_URL                 PostgreSQL instead of the embedded SQLite
  ZAI_SERVER_RUNNER_ADDRESS    with PostgreSQL: this process's cluster runner address host:port (default localhost:34431)
  ZAI_SERVER_MAX_BODY_BYTES    largest request body (default 1048576; larger: 413)
  ZAI_SERVER_MAX_RUNS          runs at once in this process (default 8; more: 429)
  ZAI_SERVER_RATE_LIMIT        requests per minute per server key (default 600; more: 429)
  ZAI_SERVER_GRACE_MS          SIGTERM grace period for in-flight requests (default 10000)
  ZAI_API_KEY                  the Z.ai key (never leaves the server); unset: the embedded simulator answers
  ZAI_BASE_URL, ZAI_REGION     the Z.ai endpoint (intl | cn | coding-intl | coding-cn)
`

/**
 * What the arguments ask for: the help, the version, or to serve; an unknown argument is a usage error.
 *
 * @since 0.1.0
 */
export const parse = (
  args: ReadonlyArray<string>
): { readonly _tag: "Serve" } | { readonly _tag: "Help" } | { readonly _tag: "Version" } | { readonly _tag: "Unknown"; readonly arg: string } => {
  const [first] = args
  if (first === undefined) return { _tag: "Serve" }
  if (first === "--help" || first === "-h") return { _tag: "Help" }
  if (first === "--version" || first === "-v") return { _tag: "Version" }
  return { _tag: "Unknown", arg: first }
}
