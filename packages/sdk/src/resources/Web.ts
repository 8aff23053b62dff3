/**
 * `zai.web`: web search (`POST /web_search`), search-pro tool (`POST /tools`) and the page reader (`POST /reader`).
 *
 * @since 0.1.0
 */
import type { WebReader, WebSearch } from "@zai-kit/schema"
import { Web } from "@zai-kit/web"
import { Effect, Stream } from "effect"
import type { Runner } from "../internal/runner.js"
import type { RequestOptions } from "../RequestOptions.js"
import { ZaiStream } from "../Streams.js"

/**
 * `zai.web`.
 *
 * @since 0.1.0
 */
export class WebResource {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** Searches the web (`search_result`). */
  search(params: WebSearch.WebSearchRequest, options?: RequestOptions): Promise<WebSearch.WebSearchResponse> {
    return this.#runner.run((o) => Web.Web.use((web) => web.search(params, o)), options)
  }

  /** The search-pro tool; with `stream: true`, a stream of its chunks. */
  searchPro(
    params: WebSearch.WebSearchProRequest & { readonly stream: true },
    options?: RequestOptions
  ): Promise<ZaiStream<WebSearch.WebSearchProChunk>>
  searchPro(
    params: WebSearch.WebSearchProRequest & { readonly stream?: false | undefined },
    options?: RequestOptions
  ): Promise<WebSearch.WebSearchProResponse>
  searchPro(
    params: WebSearch.WebSearchProRequest,
    options?: RequestOptions
  ): Promise<WebSearch.WebSearchProResponse | ZaiStream<WebSearch.WebSearchProChunk>> {
    const { stream, ...rest } = params
    if (stream === true) {
      return this.#runner.stream(
        (o) => Stream.unwrap(Web.Web.use((web) => Effect.succeed(web.searchProStream(rest, o)))),
        options,
        (source) => new ZaiStream(source)
      )
    }
    return this.#runner.run((o) => Web.Web.use((web) => web.searchPro(rest, o)), options)
  }

  /** Reads a page (a URL, or a full reader request) as markdown or text. */
  read(params: WebReader.ReaderRequest | string, options?: RequestOptions): Promise<WebReader.ReaderResponse> {
    return this.#runner.run((o) => Web.Web.use((web) => web.read(params, o)), options)
  }
}
