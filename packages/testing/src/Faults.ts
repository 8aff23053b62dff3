/**
 * Per-request fault injection for the Z.ai simulator.
 *
 * A fault is chosen for each request, in this order:
 * 1. the request header `x-zai-sim-fault: <kind>[;param=value...]` (e.g. `rate-limit;seconds=2`);
 * 2. else the next entry of the fault queue (from `Simulator.layer({ faults })` or `Simulator.injectFaults`).
 * Every request takes one entry off the queue, even when a header overrides it, so
 * `faults: ["server-error", "server-error"]` means "the first two requests fail, the third succeeds".
 * `"none"` is a queue entry that lets one request through untouched.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"

/**
 * The request header that selects a fault for one request.
 *
 * @since 0.1.0
 */
export const header = "x-zai-sim-fault"

/**
 * Every fault kind the simulator knows.
 *
 * @since 0.1.0
 */
export const kinds = [
  "none",
  "rate-limit",
  "insufficient-balance",
  "quota-exceeded",
  "server-error",
  "overloaded",
  "content-filter",
  "auth",
  "html-error",
  "reset",
  "stall-before",
  "stall-inside",
  "truncated-sse",
  "concatenated-sse",
  "corrupt-sse",
  "error-frame",
  "network-error-finish",
  "task-failed"
] as const

/**
 * A fault kind (see the package README for the exact wire behaviour of each).
 *
 * @since 0.1.0
 */
export type Kind = (typeof kinds)[number]

/**
 * One fault to apply to one request. Parameters that do not apply to a kind are ignored.
 *
 * @since 0.1.0
 */
export interface Fault {
  /** What goes wrong. */
  readonly kind: Kind
  /** HTTP status override for the error-status kinds (`server-error;status=503`). */
  readonly status?: number
  /** Business code override (`rate-limit;code=1303`). */
  readonly code?: string
  /** Error message override. */
  readonly message?: string
  /** `Retry-After` header value in seconds (`rate-limit`, default 1; `overloaded` only when given). */
  readonly seconds?: number
  /** Milliseconds to stall (`stall-before`, `stall-inside`); absent means "forever" (until the client gives up). */
  readonly ms?: number
  /** SSE data frames sent before the fault strikes (stream kinds and `reset`); defaults per kind. */
  readonly after?: number
}

/**
 * A fault given as data or as the header text (`"rate-limit;seconds=2"`).
 *
 * @since 0.1.0
 */
export type Input = Fault | Kind | string

/**
 * A fault text that does not parse.
 *
 * @since 0.1.0
 */
export class InvalidFault extends Schema.TaggedError<InvalidFault>()("InvalidFault", {
  input: Schema.String,
  message: Schema.String
}) {}

const isKind = (text: string): text is Kind => (kinds as ReadonlyArray<string>).includes(text)

const intParam = (input: string, key: string, value: string): Result.Result<number, InvalidFault> => {
  const n = Number(value)
  return Number.isFinite(n) && n >= 0
    ? Result.succeed(n)
    : Result.fail(new InvalidFault({ input, message: `parameter ${key} must be a non-negative number, got "${value}"` }))
}

/**
 * Builds a fault.
 *
 * @since 0.1.0
 */
export const make = (kind: Kind, params: Omit<Fault, "kind"> = {}): Fault => ({ kind, ...params })

/**
 * Parses the header syntax `<kind>[;param=value...]`; parameters: `status`, `code`, `message`, `seconds`, `ms`, `after`.
 *
 * @since 0.1.0
 */
export const parse = (input: string): Result.Result<Fault, InvalidFault> => {
  const [head = "", ...rest] = input.split(";").map((part) => part.trim())
  const kind = head.toLowerCase()
  if (!isKind(kind)) {
    return Result.fail(new InvalidFault({ input, message: `unknown fault "${head}", expected one of: ${kinds.join(", ")}` }))
  }
  let fault: { -readonly [K in keyof Fault]: Fault[K] } = { kind }
  for (const part of rest) {
    if (part === "") continue
    const eq = part.indexOf("=")
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase()
    const value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1).trim())
    switch (key) {
      case "code":
        fault = { ...fault, code: value }
        break
      case "message":
        fault = { ...fault, message: value }
        break
      case "status":
      case "seconds":
      case "retry-after":
      case "ms":
      case "after": {
        const n = intParam(input, key, value)
        if (Result.isFailure(n)) return Result.fail(n.failure)
        const field = key === "retry-after" ? "seconds" : key
        fault = { ...fault, [field]: n.success }
        break
      }
      default:
        return Result.fail(new InvalidFault({ input, message: `unknown parameter "${key}"` }))
    }
  }
  return Result.succeed(fault)
}

/**
 * Normalises an {@link Input} to a {@link Fault}.
 *
 * @since 0.1.0
 */
export const fromInput = (input: Input): Result.Result<Fault, InvalidFault> =>
  typeof input === "string" ? parse(input) : Result.succeed(input)

/**
 * Formats a fault in the header syntax (inverse of {@link parse}).
 *
 * @since 0.1.0
 */
export const format = (fault: Fault): string => {
  const params: Array<string> = [fault.kind]
  if (fault.status !== undefined) params.push(`status=${fault.status}`)
  if (fault.code !== undefined) params.push(`code=${fault.code}`)
  if (fault.message !== undefined) params.push(`message=${encodeURIComponent(fault.message)}`)
  if (fault.seconds !== undefined) params.push(`seconds=${fault.seconds}`)
  if (fault.ms !== undefined) params.push(`ms=${fault.ms}`)
  if (fault.after !== undefined) params.push(`after=${fault.after}`)
  return params.join(";")
}

/**
 * The request headers that select `fault` for one request: `{ "x-zai-sim-fault": "..." }`.
 *
 * @since 0.1.0
 */
export const headers = (fault: Input): Record<string, string> => ({
  [header]: typeof fault === "string" ? fault : format(fault)
})

/**
 * Kinds that answer with an HTTP error status and the real error envelope (no body streaming).
 *
 * @since 0.1.0
 */
export const statusKinds: ReadonlyArray<Kind> = [
  "rate-limit",
  "insufficient-balance",
  "quota-exceeded",
  "server-error",
  "overloaded",
  "content-filter",
  "auth",
  "html-error"
]

/**
 * Kinds that corrupt an otherwise successful (streamed or JSON) body.
 *
 * @since 0.1.0
 */
export const bodyKinds: ReadonlyArray<Kind> = [
  "stall-inside",
  "truncated-sse",
  "concatenated-sse",
  "corrupt-sse",
  "error-frame",
  "network-error-finish"
]
