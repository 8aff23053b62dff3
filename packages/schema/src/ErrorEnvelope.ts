/**
 * Parsing of Z.ai error bodies. The platform answers errors in several shapes (nested `{error:{code,message}}`
 * with a string or number code, flat `{code,message}` / `{code,msg}`, `{error:"text",code}`, the Anthropic-style
 * envelope, a `contentFilter` sibling) and gateways answer with HTML or plain text; `decodeErrorBody` turns every
 * one of them into a single `ParsedError`, and never throws.
 *
 * @since 0.1.0
 */
import { Option, Predicate, Schema } from "effect"
import { lookup } from "./BusinessCodes.js"

/**
 * One entry of the `contentFilter` array that accompanies content-filter errors.
 *
 * @since 0.1.0
 */
export interface ContentFilterEntry {
  /** Severity level reported by the platform. */
  readonly level?: number
  /** Which side was filtered (`user`, `assistant`, `history`, ...). */
  readonly role?: string
}

/**
 * The normalized content of an error body.
 *
 * @since 0.1.0
 */
export interface ParsedError {
  /** The business code (always a string, e.g. `"1113"`), when the body carries one. */
  readonly code?: string
  /** A human-readable message: the platform's own message when there is one, otherwise derived from the status and body. */
  readonly message: string
  /** The request id found in the body (`request_id`, `id`, or the last `[...]` group of an Anthropic-style message). */
  readonly requestId?: string
  /** The `contentFilter` entries of a content-filter error. */
  readonly contentFilter?: ReadonlyArray<ContentFilterEntry>
  /** The body exactly as received. */
  readonly raw: string
}

/**
 * Maximum length of a snippet of a non-JSON body quoted in a derived message.
 *
 * @since 0.1.0
 */
export const snippetMaxLength = 200

const parseJson = Schema.decodeUnknownOption(Schema.fromJsonString(Schema.Unknown))

const reasonPhrases: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  529: "Overloaded"
}

/**
 * `"HTTP 429 Too Many Requests"`: the status and its reason phrase when known.
 *
 * @since 0.1.0
 */
export const statusLine = (status: number): string => {
  const reason = reasonPhrases[status]
  return reason === undefined ? `HTTP ${status}` : `HTTP ${status} ${reason}`
}

const entities: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: "\"",
  apos: "'",
  nbsp: " "
}

const decodeEntities = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) {
      const n = Number.parseInt(name.slice(2), 16)
      return Number.isFinite(n) && n <= 0x10ffff ? String.fromCodePoint(n) : whole
    }
    if (name.startsWith("#")) {
      const n = Number.parseInt(name.slice(1), 10)
      return Number.isFinite(n) && n <= 0x10ffff ? String.fromCodePoint(n) : whole
    }
    return entities[name.toLowerCase()] ?? whole
  })

const looksLikeHtml = (text: string): boolean => /^<(!doctype|html|head|body|\?xml|[a-z][a-z0-9]*[\s>/])/i.test(text)

const stripHtml = (html: string): string =>
  decodeEntities(
    html
      .replace(/<script\b[\s\S]*?<\/script\s*>/gi, " ")
      .replace(/<style\b[\s\S]*?<\/style\s*>/gi, " ")
      .replace(/<!--[\s\S]*?-->/g, " ")
      .replace(/<[^>]*>/g, " ")
  )

const collapse = (text: string): string => text.replace(/\s+/g, " ").trim()

const cap = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`)

/**
 * A short, single-line, tag-free snippet of a body, at most `snippetMaxLength` characters.
 *
 * @since 0.1.0
 */
export const snippet = (bodyText: string): string => {
  const trimmed = bodyText.trim()
  return cap(collapse(looksLikeHtml(trimmed) ? stripHtml(trimmed) : trimmed), snippetMaxLength)
}

const derivedMessage = (status: number, bodyText: string): string => {
  const text = snippet(bodyText)
  return text === "" ? statusLine(status) : `${statusLine(status)}: ${text}`
}

const asCode = (value: unknown): string | undefined => {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined
  if (typeof value === "string") {
    const trimmed = value.trim()
    return trimmed === "" ? undefined : trimmed
  }
  return undefined
}

const asText = (value: unknown): string | undefined => {
  if (typeof value !== "string") return undefined
  const trimmed = value.trim()
  return trimmed === "" ? undefined : trimmed
}

const firstDefined = <A>(values: ReadonlyArray<A | undefined>): A | undefined => {
  for (const value of values) {
    if (value !== undefined) return value
  }
  return undefined
}

const asContentFilter = (value: unknown): ReadonlyArray<ContentFilterEntry> | undefined => {
  if (!Array.isArray(value)) return undefined
  const entries: Array<ContentFilterEntry> = []
  for (const item of value) {
    if (!Predicate.isObject(item)) continue
    const record = item as Readonly<Record<string, unknown>>
    const levelRaw = record.level
    const level = typeof levelRaw === "number"
      ? levelRaw
      : typeof levelRaw === "string" && levelRaw.trim() !== "" && Number.isFinite(Number(levelRaw))
      ? Number(levelRaw)
      : undefined
    const role = asText(record.role)
    entries.push({ ...(level === undefined ? {} : { level }), ...(role === undefined ? {} : { role }) })
  }
  return entries
}

const asRecord = (value: unknown): Readonly<Record<string, unknown>> | undefined =>
  Predicate.isObject(value) && !Array.isArray(value) ? (value as Readonly<Record<string, unknown>>) : undefined

// "[1113][rate_limit][20250101-abc]" style prefixes (Anthropic-compatible route).
const bracketGroups = (message: string): ReadonlyArray<string> => {
  const prefix = /^(?:\[[^\]\n]*\])+/.exec(message)
  if (prefix === null) return []
  return Array.from(prefix[0].matchAll(/\[([^\]\n]*)\]/g), (m) => m[1] ?? "")
}

const fromObject = (status: number, body: Readonly<Record<string, unknown>>, raw: string): ParsedError => {
  const nested = asRecord(body.error)
  const message = firstDefined([
    asText(nested?.message),
    asText(nested?.msg),
    asText(body.error),
    asText(body.message),
    asText(body.msg),
    asText(body.error_msg),
    asText(body.detail)
  ])
  const groups = message === undefined ? [] : bracketGroups(message)
  const code = firstDefined([
    asCode(nested?.code),
    asCode(body.code),
    asCode(body.error_code),
    groups.length > 0 && /^\d+$/.test(groups[0] ?? "") ? groups[0] : undefined
  ])
  const requestId = firstDefined([
    asText(body.request_id),
    asText(nested?.request_id),
    asText(body.requestId),
    asText(body.id),
    groups.length >= 3 ? asText(groups[groups.length - 1]) : undefined
  ])
  const contentFilter = firstDefined([
    asContentFilter(body.contentFilter),
    asContentFilter(body.content_filter),
    asContentFilter(nested?.contentFilter),
    asContentFilter(nested?.content_filter)
  ])
  const known = lookup(code)
  const finalMessage = message ??
    (known === undefined ? derivedMessage(status, raw) : `${statusLine(status)}: ${known.meaning}`)
  return {
    ...(code === undefined ? {} : { code }),
    message: finalMessage,
    ...(requestId === undefined ? {} : { requestId }),
    ...(contentFilter === undefined ? {} : { contentFilter }),
    raw
  }
}

/**
 * Parses an error body of any known shape. Never throws: a body that is not JSON (HTML page, plain text, empty)
 * yields a message made of the HTTP status and a trimmed, tag-free snippet of the body.
 *
 * @example
 * decodeErrorBody(429, '{"error":{"code":"1113","message":"Insufficient balance"}}')
 * // { code: "1113", message: "Insufficient balance", raw: "..." }
 *
 * @since 0.1.0
 */
export const decodeErrorBody = (status: number, bodyText: string): ParsedError => {
  const trimmed = bodyText.trim()
  const json = trimmed === "" ? Option.none() : parseJson(trimmed)
  if (Option.isSome(json)) {
    const record = asRecord(json.value)
    if (record !== undefined) return fromObject(status, record, bodyText)
    const text = asText(json.value)
    if (text !== undefined) return { message: text, raw: bodyText }
  }
  return { message: derivedMessage(status, bodyText), raw: bodyText }
}
