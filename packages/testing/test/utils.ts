/**
 * Plain-fetch helpers for the simulator tests (no dependency on the transport package).
 */
import { Effect, Schema } from "effect"
import type * as Simulator from "../src/Simulator.js"

/** The connection failed or was cut (fetch rejected). */
export class FetchFailed extends Schema.TaggedError<FetchFailed>()("FetchFailed", { message: Schema.String }) {}

const fetchFailed = (error: unknown) => new FetchFailed({ message: error instanceof Error ? error.message : String(error) })

/** An HTTP answer, fully read. */
export interface HttpResult {
  readonly status: number
  readonly headers: Headers
  readonly text: string
}

/** Parses the body as JSON. */
export const json = <A = Record<string, unknown>>(result: HttpResult): A => JSON.parse(result.text) as A

/** Sends a request and reads the whole body; fails when the connection breaks. */
export const request = (url: string, init: RequestInit = {}): Effect.Effect<HttpResult, FetchFailed> =>
  Effect.tryPromise({
    try: async () => {
      const response = await fetch(url, init)
      const text = await response.text()
      return { status: response.status, headers: response.headers, text }
    },
    catch: fetchFailed
  })

/** The default headers of a JSON call with the simulator's key. */
export const headers = (sim: Simulator.Service, extra: Record<string, string> = {}): Record<string, string> => ({
  authorization: `Bearer ${sim.apiKey}`,
  "content-type": "application/json",
  ...extra
})

/** POSTs a JSON body to a path below the base URL. */
export const post = (
  sim: Simulator.Service,
  path: string,
  body: unknown,
  extra: Record<string, string> = {}
): Effect.Effect<HttpResult, FetchFailed> =>
  request(`${sim.url}${path}`, { method: "POST", headers: headers(sim, extra), body: JSON.stringify(body) })

/** GETs a path below the base URL. */
export const get = (sim: Simulator.Service, path: string, extra: Record<string, string> = {}) =>
  request(`${sim.url}${path}`, { headers: headers(sim, extra) })

/** Splits an SSE body into its `data:` payloads (raw text). */
export const sseData = (text: string): ReadonlyArray<string> =>
  text
    .split("\n\n")
    .filter((frame) => frame !== "")
    .map((frame) => (frame.startsWith("data: ") ? frame.slice("data: ".length) : frame))

/** Reads a streamed answer until the body ends or `ms` pass without new bytes. */
export const readUntilIdle = (
  url: string,
  init: RequestInit,
  ms: number
): Effect.Effect<{ readonly status: number; readonly text: string; readonly ended: "done" | "idle" | "error" }, FetchFailed> =>
  Effect.tryPromise({
    try: async () => {
      const controller = new AbortController()
      const response = await fetch(url, { ...init, signal: controller.signal })
      const body = response.body
      if (body === null) return { status: response.status, text: "", ended: "done" as const }
      const reader = body.getReader()
      const decoder = new TextDecoder()
      let text = ""
      for (;;) {
        let timer: ReturnType<typeof setTimeout> | undefined
        const idle = new Promise<"idle">((resolve) => {
          timer = setTimeout(() => resolve("idle"), ms)
        })
        const next = await Promise.race([reader.read().catch(() => "error" as const), idle])
        clearTimeout(timer)
        if (next === "idle" || next === "error") {
          controller.abort()
          return { status: response.status, text, ended: next }
        }
        if (next.done) return { status: response.status, text, ended: "done" as const }
        text += decoder.decode(next.value, { stream: true })
      }
    },
    catch: fetchFailed
  })

/** A chat request body. */
export const chatBody = (content: string, extra: Record<string, unknown> = {}) => ({
  model: "glm-4.6",
  messages: [{ role: "user", content }],
  ...extra
})

/** Wire shape of a completion, for assertions. */
export interface Completion {
  readonly id: string
  readonly request_id: string
  readonly created: number
  readonly model: string
  readonly object: string
  readonly choices: ReadonlyArray<{
    readonly index: number
    readonly finish_reason: string
    readonly message: {
      readonly role: string
      readonly content: string
      readonly reasoning_content?: string
      readonly tool_calls?: ReadonlyArray<{
        readonly id: string
        readonly type: string
        readonly index: number
        readonly function: { readonly name: string; readonly arguments: string }
      }>
    }
  }>
  readonly usage: {
    readonly prompt_tokens: number
    readonly completion_tokens: number
    readonly total_tokens: number
    readonly prompt_tokens_details: { readonly cached_tokens: number }
    readonly completion_tokens_details?: { readonly reasoning_tokens: number }
  }
  readonly web_search?: ReadonlyArray<Record<string, string>>
}

/** Wire shape of a chunk, for assertions. */
export interface Chunk {
  readonly id: string
  readonly object: string
  readonly choices: ReadonlyArray<{
    readonly index: number
    readonly finish_reason?: string
    readonly delta: {
      readonly role?: string
      readonly content?: string
      readonly reasoning_content?: string
      readonly tool_calls?: ReadonlyArray<{
        readonly index: number
        readonly id?: string
        readonly type?: string
        readonly function: { readonly name?: string; readonly arguments?: string }
      }>
    }
  }>
  readonly usage?: Completion["usage"]
  readonly web_search?: ReadonlyArray<Record<string, string>>
}

/** The error envelope. */
export interface Envelope {
  readonly error: { readonly code: string; readonly message: string }
  readonly contentFilter?: ReadonlyArray<{ readonly level: number; readonly role: string }>
}
