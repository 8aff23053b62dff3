/**
 * What a route answers, as data. The server writes it to the socket and applies body faults to it.
 * @internal
 */

/** A JSON answer. */
export interface JsonReply {
  readonly _tag: "Json"
  readonly status: number
  readonly body: unknown
  readonly headers?: Readonly<Record<string, string>>
}

/** An error in the real Z.ai envelope `{"error":{"code":"1214","message":"..."}}` (plus optional sibling fields). */
export interface ErrorReply {
  readonly _tag: "Error"
  readonly status: number
  readonly code: string
  readonly message: string
  /** Extra top-level fields next to `error` (e.g. `contentFilter`). */
  readonly extra?: Readonly<Record<string, unknown>>
  readonly headers?: Readonly<Record<string, string>>
}

/** A Server-Sent Events answer: each event is one `data: <json>\n\n` frame, then `data: [DONE]\n\n`. */
export interface SseReply {
  readonly _tag: "Sse"
  readonly events: ReadonlyArray<unknown>
  readonly headers?: Readonly<Record<string, string>>
}

/** Any other body (HTML error pages, binary content). */
export interface RawReply {
  readonly _tag: "Raw"
  readonly status: number
  readonly contentType: string
  readonly body: string | Uint8Array
  readonly headers?: Readonly<Record<string, string>>
}

/** What a route handler returns. */
export type Reply = JsonReply | ErrorReply | SseReply | RawReply

/** A JSON reply. */
export const json = (body: unknown, status = 200, headers?: Readonly<Record<string, string>>): JsonReply =>
  headers === undefined ? { _tag: "Json", status, body } : { _tag: "Json", status, body, headers }

/** An error reply in the real envelope. */
export const error = (
  status: number,
  code: string,
  message: string,
  options: { readonly extra?: Readonly<Record<string, unknown>>; readonly headers?: Readonly<Record<string, string>> } = {}
): ErrorReply => ({ _tag: "Error", status, code, message, ...options })

/** An SSE reply. */
export const sse = (events: ReadonlyArray<unknown>): SseReply => ({ _tag: "Sse", events })

/** A raw reply. */
export const raw = (status: number, contentType: string, body: string | Uint8Array): RawReply => ({
  _tag: "Raw",
  status,
  contentType,
  body
})

/** 400, business code 1213: a required field is absent. */
export const fieldMissing = (field: string): ErrorReply =>
  error(400, "1213", `The parameter ${field} is missing (required field not received).`)

/** 400, business code 1214: a field has an invalid value. */
export const fieldInvalid = (field: string, detail: string): ErrorReply =>
  error(400, "1214", `The parameter ${field} is invalid: ${detail}`)

/** The body of an error reply. */
export const errorBody = (reply: ErrorReply): Record<string, unknown> => ({
  error: { code: reply.code, message: reply.message },
  ...reply.extra
})
