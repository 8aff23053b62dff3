/**
 * Opt-in JWT authentication of Z.ai: an `{id}.{secret}` API key signed into a short-lived HS256 token.
 *
 * Header `{"alg":"HS256","sign_type":"SIGN"}`, payload `{"api_key":<id>,"exp":<ms>,"timestamp":<ms>}`
 * (both times in MILLISECONDS since the epoch), signed with HMAC-SHA256 keyed by the UTF-8 secret
 * through WebCrypto (`crypto.subtle`), so it runs on Node, Deno, Bun, workers and browsers.
 *
 * @since 0.1.0
 */
import { Effect, Redacted, Result } from "effect"
import * as Base64Url from "effect/encoding/Base64Url"
import { isRecord, parseJson } from "./internal/json.js"
import { AuthenticationError } from "./ZaiError.js"

/**
 * The JOSE header of every token, in this exact key order.
 *
 * @since 0.1.0
 */
export const header = { alg: "HS256", sign_type: "SIGN" } as const

/**
 * The claims of a Z.ai token.
 *
 * @since 0.1.0
 */
export interface Payload {
  /** The id part of the API key. */
  readonly api_key: string
  /** Expiry, in milliseconds since the epoch. */
  readonly exp: number
  /** Issue time, in milliseconds since the epoch. */
  readonly timestamp: number
}

/**
 * What `sign` needs: the key's id and secret, the current time and the token lifetime, in milliseconds.
 *
 * @since 0.1.0
 */
export interface SignInput {
  readonly id: string
  readonly secret: string | Redacted.Redacted<string>
  readonly nowMs: number
  readonly ttlMs: number
}

/**
 * Splits an `{id}.{secret}` API key; `undefined` when the key does not have exactly two non-empty parts.
 *
 * @since 0.1.0
 */
export const parseApiKey = (
  apiKey: string | Redacted.Redacted<string>
): { readonly id: string; readonly secret: Redacted.Redacted<string> } | undefined => {
  const value = typeof apiKey === "string" ? apiKey : Redacted.value(apiKey)
  const parts = value.split(".")
  if (parts.length !== 2 || parts[0].length === 0 || parts[1].length === 0) return undefined
  return { id: parts[0], secret: Redacted.make(parts[1]) }
}

const encoder = new TextEncoder()

const authError = (text: string) =>
  new AuthenticationError({ message: text, serverMessage: text, isRetryable: false, attempts: 0 })

/**
 * Signs a token. Fails with `AuthenticationError` when WebCrypto is unavailable or refuses the key.
 *
 * @since 0.1.0
 */
export const sign = (input: SignInput): Effect.Effect<string, AuthenticationError> =>
  Effect.suspend(() => {
    const subtle = globalThis.crypto?.subtle
    if (subtle === undefined) return Effect.fail(authError("JWT signing needs WebCrypto (globalThis.crypto.subtle)"))
    const payload: Payload = { api_key: input.id, exp: input.nowMs + input.ttlMs, timestamp: input.nowMs }
    const signingInput = `${Base64Url.encode(JSON.stringify(header))}.${Base64Url.encode(JSON.stringify(payload))}`
    const secret = typeof input.secret === "string" ? input.secret : Redacted.value(input.secret)
    return Effect.tryPromise({
      try: async () => {
        const key = await subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
          "sign"
        ])
        const signature = await subtle.sign("HMAC", key, encoder.encode(signingInput))
        return `${signingInput}.${Base64Url.encode(new Uint8Array(signature))}`
      },
      catch: () => authError("JWT signing failed")
    })
  })

/**
 * Decodes (without verifying) the header and payload of a token; `undefined` when it is not a JWT.
 *
 * @since 0.1.0
 */
export const decodeUnverified = (
  token: string
): { readonly header: Record<string, unknown>; readonly payload: Record<string, unknown> } | undefined => {
  const parts = token.split(".")
  if (parts.length !== 3) return undefined
  const part = (text: string): Record<string, unknown> | undefined => {
    const bytes = Base64Url.decodeString(text)
    if (Result.isFailure(bytes)) return undefined
    const parsed = parseJson(bytes.success)
    return Result.isSuccess(parsed) && isRecord(parsed.success) ? parsed.success : undefined
  }
  const head = part(parts[0])
  const payload = part(parts[1])
  return head === undefined || payload === undefined ? undefined : { header: head, payload }
}
