/**
 * The handlers of the OpenAI-compatible gateway. Requests are validated by the SDK's own request schemas (strict,
 * errors naming the field), sent through the `Chat` / `Embeddings` services (so the SDK's retries, timeouts and error
 * decoding apply), and answered in the OpenAI shapes. A streamed answer starts only once Z.ai's first chunk arrived,
 * so a failure before it is a proper HTTP error; a failure after it ends the stream with an OpenAI error frame.
 *
 * @since 0.1.0
 */
import { Chat } from "@zai-kit/chat"
import { Embeddings } from "@zai-kit/embeddings"
import { ChatCompletions, Embeddings as EmbeddingsWire, type InputValidation, Models } from "@zai-kit/schema"
import type { ZaiError } from "@zai-kit/transport"
import { Effect, Exit, Scope, Sink, Stream } from "effect"
import { HttpServerResponse } from "effect/http"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "./Api.js"
import { normalizeChatRequest } from "./internal/openaiCompat.js"
import {
  GatewayBadRequest,
  type GatewayError,
  GatewayForbidden,
  GatewayNotFound,
  GatewayRateLimited,
  GatewayTimeout,
  GatewayUpstreamError
} from "./GatewayError.js"

/**
 * A failed SDK call as the OpenAI error the client should see (the Z.ai key and request headers are never in it).
 *
 * @since 0.1.0
 */
export const toGatewayError = (error: InputValidation.InvalidRequestInput | ZaiError.ZaiError): GatewayError => {
  switch (error._tag) {
    case "InvalidRequestInput":
      return new GatewayBadRequest({
        error: {
          message: error.message,
          type: "invalid_request_error",
          param: error.issues[0]?.path ?? null,
          code: null
        }
      })
    case "InvalidRequestError":
    case "ContextLengthError":
      return new GatewayBadRequest({
        error: { message: error.message, type: "invalid_request_error", param: null, code: error.code ?? null }
      })
    case "ContentFilterError":
    case "PermissionError":
      return new GatewayForbidden({
        error: { message: error.message, type: "permission_error", param: null, code: error.code ?? null }
      })
    case "NotFoundError":
      return new GatewayNotFound({
        error: { message: error.message, type: "not_found_error", param: null, code: error.code ?? null }
      })
    case "RateLimitError":
    case "QuotaExceededError":
    case "InsufficientBalanceError":
      return new GatewayRateLimited({
        error: { message: error.message, type: "rate_limit_error", param: null, code: error.code ?? null }
      })
    case "TimeoutError":
      return new GatewayTimeout({ error: { message: error.message, type: "timeout_error", param: null, code: null } })
    case "AuthenticationError":
      // The server's own Z.ai key was refused: a server-side problem, not the caller's key.
      return new GatewayUpstreamError({
        error: { message: "The server's Z.ai credentials were refused", type: "api_error", param: null, code: null }
      })
    default:
      return new GatewayUpstreamError({
        error: { message: error.message, type: "api_error", param: null, code: "code" in error ? error.code ?? null : null }
      })
  }
}

const encoder = new TextEncoder()
const done = encoder.encode("data: [DONE]\n\n")
const frame = (value: unknown): Uint8Array => encoder.encode(`data: ${JSON.stringify(value)}\n\n`)

/**
 * The chunks as an OpenAI SSE body: one `data:` frame per chunk, then `data: [DONE]`; a failure after the first chunk
 * becomes a final `data: {"error": ...}` frame.
 *
 * @since 0.1.0
 */
export const sseBody = <A, E extends InputValidation.InvalidRequestInput | ZaiError.ZaiError>(
  chunks: Stream.Stream<A, E>
): Stream.Stream<Uint8Array> =>
  chunks.pipe(
    Stream.map(frame),
    Stream.concat(Stream.succeed(done)),
    Stream.catch((error) => Stream.succeed(frame({ error: toGatewayError(error).error })))
  )

const streamResponse = Effect.fnUntraced(function*(chunks: Stream.Stream<unknown, Chat.ChatError>) {
  const scope = yield* Scope.make()
  const [first, rest] = yield* Stream.peel(chunks, Sink.take<unknown>(1)).pipe(
    Scope.provide(scope),
    Effect.onError(() => Scope.close(scope, Exit.void)),
    Effect.mapError(toGatewayError)
  )
  const body = sseBody(Stream.concat(Stream.fromIterable(first), rest)).pipe(
    Stream.ensuring(Scope.close(scope, Exit.void))
  )
  return HttpServerResponse.stream(body, {
    contentType: "text/event-stream",
    headers: { "cache-control": "no-cache", "x-accel-buffering": "no" }
  })
})

const created = Math.floor(Date.UTC(2025, 0, 1) / 1000)

/**
 * The models `GET /v1/models` lists: the known chat and embedding models.
 *
 * @since 0.1.0
 */
export const models = {
  object: "list" as const,
  data: [...Models.KnownChatModels, ...Models.KnownEmbeddingModels].map((id) => ({
    id,
    object: "model" as const,
    created,
    owned_by: "zhipuai"
  }))
}

/**
 * The handlers of the `gateway` group.
 *
 * @since 0.1.0
 */
export const layer = HttpApiBuilder.group(
  Api,
  "gateway",
  Effect.fnUntraced(function*(handlers) {
    const chat = yield* Chat.Chat
    const embeddings = yield* Embeddings.Embeddings
    return handlers
      .handle("chatCompletions", ({ payload }) =>
        Effect.gen(function*() {
          const request = yield* ChatCompletions.validateChatRequest(normalizeChatRequest(payload)).pipe(
            Effect.mapError(toGatewayError)
          )
          if (request.stream === true) return yield* streamResponse(chat.stream(request))
          return yield* chat.create(request).pipe(Effect.mapError(toGatewayError))
        }).pipe(Effect.withSpan("gateway.chat.completions")))
      .handle("embeddings", ({ payload }) =>
        Effect.gen(function*() {
          const request = yield* EmbeddingsWire.validateEmbeddingRequest(payload).pipe(Effect.mapError(toGatewayError))
          return yield* embeddings.create(request).pipe(Effect.mapError(toGatewayError))
        }).pipe(Effect.withSpan("gateway.embeddings")))
      .handle("models", () => Effect.succeed(models))
  })
)

