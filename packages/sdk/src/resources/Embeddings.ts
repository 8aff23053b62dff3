/**
 * `zai.embeddings`: `POST /embeddings`.
 *
 * @since 0.1.0
 */
import { Embeddings } from "@zai-kit/embeddings"
import type { Embeddings as Wire } from "@zai-kit/schema"
import type { Runner } from "../internal/runner.js"
import type { RequestOptions } from "../RequestOptions.js"

/**
 * `zai.embeddings`.
 *
 * @since 0.1.0
 */
export class EmbeddingsResource {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** Embeds one text or several (`input`), as the API answers it (`data[i].embedding`, `usage`). */
  create(params: Wire.EmbeddingRequest, options?: RequestOptions): Promise<Wire.EmbeddingResponse> {
    return this.#runner.run((o) => Embeddings.Embeddings.use((service) => service.create(params, o)), options)
  }
}
