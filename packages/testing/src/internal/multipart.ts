/**
 * A small, synchronous `multipart/form-data` parser for the simulator's upload routes (`/files/ocr`,
 * `/files/parser/*`, and any other route that receives files). Route handlers are synchronous, so this works on the
 * request's raw bytes (`RouteContext.bodyBytes`) instead of `Response.formData()`.
 *
 * Shared by every domain: the web/documents routes created it; audio (and others) can use it as is. Parts keep
 * their bytes untouched (binary-safe); text fields are decoded as UTF-8.
 * @internal
 */
import { Result } from "effect"
import * as Reply from "./reply.js"

/** One part of a multipart body. */
export interface Part {
  /** The `name` of the part's `Content-Disposition`. */
  readonly name: string
  /** The `filename`, for file parts. */
  readonly filename: string | undefined
  /** The part's `Content-Type`, if given. */
  readonly contentType: string | undefined
  /** The part's bytes, exactly as sent. */
  readonly bytes: Uint8Array
}

/** A parsed multipart body. */
export interface Form {
  readonly parts: ReadonlyArray<Part>
  /** The first part with this name. */
  readonly get: (name: string) => Part | undefined
  /** Every part with this name (`key[]` arrays). */
  readonly getAll: (name: string) => ReadonlyArray<Part>
  /** The first text value with this name (decoded as UTF-8), if any. */
  readonly text: (name: string) => string | undefined
}

const decoder = new TextDecoder()
const encoder = new TextEncoder()

/** The boundary of a `multipart/form-data` content type, if the type is one. */
export const boundaryOf = (contentType: string | undefined): string | undefined => {
  if (contentType === undefined || !/^\s*multipart\/form-data/i.test(contentType)) return undefined
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  return match?.[1] ?? match?.[2]
}

const indexOf = (haystack: Uint8Array, needle: Uint8Array, from: number): number => {
  const first = needle[0]
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    if (haystack[i] !== first) continue
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

const headerParam = (header: string, name: string): string | undefined => {
  const match = new RegExp(`;\\s*${name}\\*?=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]+))`, "i").exec(header)
  const value = match?.[1] ?? match?.[2]?.trim()
  // browsers and undici percent-encode `"`, CR and LF in names (WHATWG multipart/form-data encoding)
  return value === undefined
    ? undefined
    : value
        .replace(/\\(.)/g, "$1")
        .replace(/%22/g, '"')
        .replace(/%0D/gi, "\r")
        .replace(/%0A/gi, "\n")
}

const make = (parts: ReadonlyArray<Part>): Form => ({
  parts,
  get: (name) => parts.find((p) => p.name === name),
  getAll: (name) => parts.filter((p) => p.name === name),
  text: (name) => {
    const part = parts.find((p) => p.name === name && p.filename === undefined)
    return part === undefined ? undefined : decoder.decode(part.bytes)
  }
})

/** Parses a body with the given boundary; `undefined` when it is not a well-formed multipart body. */
export const parse = (body: Uint8Array, boundary: string): Form | undefined => {
  const delimiter = encoder.encode(`--${boundary}`)
  const crlfcrlf = encoder.encode("\r\n\r\n")
  const parts: Array<Part> = []
  let at = indexOf(body, delimiter, 0)
  if (at === -1) return undefined
  for (;;) {
    let start = at + delimiter.length
    // `--` after a delimiter closes the body
    if (body[start] === 0x2d && body[start + 1] === 0x2d) return make(parts)
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2
    const headerEnd = indexOf(body, crlfcrlf, start)
    if (headerEnd === -1) return undefined
    const headers = decoder.decode(body.subarray(start, headerEnd)).split("\r\n")
    const next = indexOf(body, delimiter, headerEnd + 4)
    if (next === -1) return undefined
    // the part's content ends before the CRLF that precedes the next delimiter
    const end = next >= 2 && body[next - 2] === 0x0d && body[next - 1] === 0x0a ? next - 2 : next
    const disposition = headers.find((h) => /^content-disposition:/i.test(h))
    const type = headers.find((h) => /^content-type:/i.test(h))
    const name = disposition === undefined ? undefined : headerParam(disposition, "name")
    if (name !== undefined) {
      parts.push({
        name,
        filename: disposition === undefined ? undefined : headerParam(disposition, "filename"),
        contentType: type?.slice(type.indexOf(":") + 1).trim(),
        bytes: body.slice(headerEnd + 4, end)
      })
    }
    at = next
  }
}

/**
 * The multipart form of a request, or the 400 reply the real API would give: 1210 when the body is not
 * `multipart/form-data` (or is malformed).
 */
export const formOf = (ctx: {
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  readonly bodyBytes: Uint8Array
}): Result.Result<Form, Reply.ErrorReply> => {
  const header = ctx.headers["content-type"]
  const contentType = typeof header === "string" ? header : header?.[0]
  const boundary = boundaryOf(contentType)
  if (boundary === undefined) {
    return Result.fail(Reply.error(400, "1210", "The request body must be multipart/form-data."))
  }
  const form = parse(ctx.bodyBytes, boundary)
  return form === undefined
    ? Result.fail(Reply.error(400, "1210", "The multipart/form-data body is malformed."))
    : Result.succeed(form)
}
