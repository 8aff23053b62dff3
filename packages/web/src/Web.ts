/**
 * The `Web` service: web search (`search`, `POST /web_search`), the legacy web-search-pro tool (`searchPro` and
 * `searchProStream`, `POST /tools`) and the web reader (`read`, `POST /reader`), over `ZaiClient`.
 *
 * Every request is validated first (strictly, with errors that name the field: `InvalidRequestInput`), so a bad
 * request fails before anything is sent.
 *
 * ```ts
 * const found = yield* Web.search({ search_engine: "search-prime", search_query: "offshore wind turbines" })
 * const page = yield* Web.read(found.search_result?.[0]?.link ?? "https://example.com")
 * ```
 *
 * @since 0.1.0
 */
import { type InputValidation, WebReader, WebSearch } from "@zai-kit/schema"
import { type RequestOptions, ZaiClient, type ZaiError } from "@zai-kit/transport"
import { Context, Effect, Layer, Stream } from "effect"

/**
 * Everything a web call can fail with: a rejected input (before the wire) or a `ZaiError`.
 *
 * @since 0.1.0
 */
export type WebError = InputValidation.InvalidRequestInput | ZaiError.ZaiError

/**
 * What `read` accepts: a full `ReaderRequest`, or just the URL.
 *
 * @since 0.1.0
 */
export type ReadInput = WebReader.ReaderRequest | string

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** `POST /web_search`: validates, sends, decodes the `WebSearchResponse` (`search_result`, `search_intent`). */
  readonly search: (
    request: WebSearch.WebSearchRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<WebSearch.WebSearchResponse, WebError>
  /** `POST /tools` (web-search-pro) without streaming: the search intent, results and recommendations as tool calls. */
  readonly searchPro: (
    request: WebSearch.WebSearchProRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<WebSearch.WebSearchProResponse, WebError>
  /** `POST /tools` (web-search-pro) with `stream: true`: the typed chunks, ending at `[DONE]`. */
  readonly searchProStream: (
    request: WebSearch.WebSearchProRequest,
    options?: RequestOptions.RequestOptions
  ) => Stream.Stream<WebSearch.WebSearchProChunk, WebError>
  /**
   * `POST /reader`: reads a page (a URL, or a full `ReaderRequest`) and returns its content as markdown or text.
   * The request's `timeout` is the reader's own fetch limit in seconds (a body field); the HTTP call's limit is
   * `options.timeout`.
   */
  readonly read: (input: ReadInput, options?: RequestOptions.RequestOptions) => Effect.Effect<WebReader.ReaderResponse, WebError>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Web extends Context.Service<Web, Service>()("@zai-kit/web/Web") {
  /**
   * The service on the `ZaiClient` of the context.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<Web, never, ZaiClient.ZaiClient> = Layer.effect(
    Web,
    Effect.gen(function*() {
      const client = yield* ZaiClient.ZaiClient
      return make(client)
    })
  )
}

/**
 * Builds the service on a client.
 *
 * @since 0.1.0
 */
export const make = (client: ZaiClient.Service): Service => {
  const search = Effect.fn("Web.search")(function*(
    request: WebSearch.WebSearchRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* WebSearch.validateWebSearchRequest(request)
    return yield* client.json(
      { method: "POST", path: "/web_search", operation: "web.search", body: { _tag: "Json", value: valid }, options },
      WebSearch.WebSearchResponse
    )
  })

  const searchPro = Effect.fn("Web.searchPro")(function*(
    request: WebSearch.WebSearchProRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* WebSearch.validateWebSearchProRequest(request)
    const { stream: _stream, ...body } = valid
    return yield* client.json(
      { method: "POST", path: "/tools", operation: "web.search_pro", body: { _tag: "Json", value: body }, options },
      WebSearch.WebSearchProResponse
    )
  })

  const searchProStream = (
    request: WebSearch.WebSearchProRequest,
    options?: RequestOptions.RequestOptions
  ): Stream.Stream<WebSearch.WebSearchProChunk, WebError> =>
    Stream.unwrap(
      Effect.map(WebSearch.validateWebSearchProRequest(request), (valid) =>
        client.stream(
          {
            method: "POST",
            path: "/tools",
            operation: "web.search_pro.stream",
            body: { _tag: "Json", value: { ...valid, stream: true } },
            options
          },
          WebSearch.WebSearchProChunk
        )
      )
    )

  const read = Effect.fn("Web.read")(function*(input: ReadInput, options?: RequestOptions.RequestOptions) {
    const valid = yield* WebReader.validateReaderRequest(typeof input === "string" ? { url: input } : input)
    return yield* client.json(
      { method: "POST", path: "/reader", operation: "web.read", body: { _tag: "Json", value: valid }, options },
      WebReader.ReaderResponse
    )
  })

  return Web.of({ search, searchPro, searchProStream, read })
}

/**
 * `search` on the `Web` service of the context.
 *
 * @since 0.1.0
 */
export const search = (
  request: WebSearch.WebSearchRequest,
  options?: RequestOptions.RequestOptions
): Effect.Effect<WebSearch.WebSearchResponse, WebError, Web> => Web.use((web) => web.search(request, options))

/**
 * `searchPro` on the `Web` service of the context.
 *
 * @since 0.1.0
 */
export const searchPro = (
  request: WebSearch.WebSearchProRequest,
  options?: RequestOptions.RequestOptions
): Effect.Effect<WebSearch.WebSearchProResponse, WebError, Web> => Web.use((web) => web.searchPro(request, options))

/**
 * `searchProStream` on the `Web` service of the context.
 *
 * @since 0.1.0
 */
export const searchProStream = (
  request: WebSearch.WebSearchProRequest,
  options?: RequestOptions.RequestOptions
): Stream.Stream<WebSearch.WebSearchProChunk, WebError, Web> =>
  Stream.unwrap(Web.use((web) => Effect.succeed(web.searchProStream(request, options))))

/**
 * `read` on the `Web` service of the context.
 *
 * @since 0.1.0
 */
export const read = (
  input: ReadInput,
  options?: RequestOptions.RequestOptions
): Effect.Effect<WebReader.ReaderResponse, WebError, Web> => Web.use((web) => web.read(input, options))
