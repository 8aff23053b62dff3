/**
 * Per-key request rate limit: a token bucket per server key, refilled continuously at the configured rate per minute,
 * read from the Effect `Clock` (so tests drive it with `TestClock`).
 *
 * @since 0.1.0
 */
import { Clock, Context, Effect, Layer } from "effect"
import { ServerConfig } from "./ServerConfig.js"

/**
 * The verdict for one request: allowed, or refused with the seconds until a request would be allowed.
 *
 * @since 0.1.0
 */
export type Verdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number }

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** Takes one request from `key`'s bucket. */
  readonly take: (key: string) => Effect.Effect<Verdict>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class RateLimiter extends Context.Service<RateLimiter, Service>()("@zai-kit/server/RateLimiter") {
  /** A limiter at `ServerConfig.ratePerMinute`. */
  static readonly layer: Layer.Layer<RateLimiter, never, ServerConfig> = Layer.effect(
    RateLimiter,
    Effect.map(ServerConfig, (settings) => make(settings.ratePerMinute))
  )
}

/**
 * A limiter allowing `perMinute` requests per minute per key, with bursts up to `perMinute`.
 *
 * @since 0.1.0
 */
export const make = (perMinute: number): Service => {
  const buckets = new Map<string, { tokens: number; at: number }>()
  const perMs = perMinute / 60_000
  return {
    take: (key) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        const bucket = buckets.get(key) ?? { tokens: perMinute, at: now }
        bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * perMs)
        bucket.at = now
        buckets.set(key, bucket)
        if (bucket.tokens >= 1) {
          bucket.tokens -= 1
          return { allowed: true } as const
        }
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) } as const
      })
  }
}
