import { Clock, Duration, Effect, Redacted } from "effect"
import * as Jwt from "../Jwt.js"
import type * as ZaiConfig from "../ZaiConfig.js"
import { AuthenticationError, type ZaiError } from "../ZaiError.js"

/** How requests are authenticated. */
export interface Auth {
  /** The value of the `Authorization` header (`Bearer <key or JWT>`). */
  readonly header: Effect.Effect<string, AuthenticationError>
  /** The header when it never changes (bearer mode), so requests can carry it from the start. */
  readonly static: string | undefined
  /** Drops the cached JWT so the next request signs a new one. */
  readonly invalidate: Effect.Effect<void>
  /** Whether JWT mode is on. */
  readonly isJwt: boolean
  /** Replaces every secret (key, secret, issued tokens) in a text by `<redacted>`. */
  readonly scrub: (text: string) => string
}

const REDACTED = "<redacted>"

const makeScrub = (secrets: () => ReadonlyArray<string>) => (text: string): string => {
  let out = text
  for (const secret of secrets()) {
    if (secret.length >= 6 && out.includes(secret)) out = out.split(secret).join(REDACTED)
  }
  return out
}

/** Whether an error says the token expired (business code 1003, or HTTP 401). */
export const isTokenExpired = (error: ZaiError): boolean =>
  error._tag === "AuthenticationError" && (error.code === "1003" || error.status === 401)

/** Bearer auth with the raw key, or JWT auth with a cached, refreshed token. */
export const make = (resolved: ZaiConfig.Resolved, apiKey: Redacted.Redacted<string>): Auth => {
  const key = Redacted.value(apiKey)
  if (resolved.auth === "bearer") {
    const value = `Bearer ${key}`
    const secrets = [key]
    return { header: Effect.succeed(value), static: value, invalidate: Effect.void, isJwt: false, scrub: makeScrub(() => secrets) }
  }
  const parsed = Jwt.parseApiKey(apiKey)
  if (parsed === undefined) {
    const text = "JWT auth needs an API key of the form {id}.{secret}"
    const error = new AuthenticationError({ message: text, serverMessage: text, isRetryable: false, attempts: 0 })
    return { header: Effect.fail(error), static: undefined, invalidate: Effect.void, isJwt: true, scrub: makeScrub(() => [key]) }
  }
  const ttlMs = Duration.toMillis(resolved.jwtTtl)
  const refreshMs = Math.min(Duration.toMillis(resolved.jwtRefreshBefore), ttlMs / 2)
  const issued: Array<string> = [key, Redacted.value(parsed.secret)]
  let cached: { readonly header: string; readonly refreshAt: number } | undefined
  const header = Effect.flatMap(Clock.currentTimeMillis, (nowMs) => {
    if (cached !== undefined && nowMs < cached.refreshAt) return Effect.succeed(cached.header)
    return Effect.map(Jwt.sign({ id: parsed.id, secret: parsed.secret, nowMs, ttlMs }), (token) => {
      issued.push(token)
      if (issued.length > 10) issued.splice(2, 1)
      cached = { header: `Bearer ${token}`, refreshAt: nowMs + ttlMs - refreshMs }
      return cached.header
    })
  })
  const invalidate = Effect.sync(() => {
    cached = undefined
  })
  return { header, static: undefined, invalidate, isJwt: true, scrub: makeScrub(() => issued) }
}
