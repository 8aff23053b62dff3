import { Result } from "effect"

/** `JSON.parse` as a `Result`: the failure carries the parser's message. */
export const parseJson = (text: string): Result.Result<unknown, string> =>
  Result.try({
    try: (): unknown => JSON.parse(text),
    catch: (cause) => (cause instanceof Error ? cause.message : "invalid JSON")
  })

/** `JSON.stringify` as a `Result` (it throws on BigInt and cycles). */
export const stringifyJson = (value: unknown): Result.Result<string, string> =>
  Result.try({
    try: () => JSON.stringify(value) ?? "null",
    catch: (cause) => (cause instanceof Error ? cause.message : "value cannot be encoded as JSON")
  })

/** Whether a value is a plain JSON object. */
export const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)
