/**
 * Streamed answers of the Promise client: `ZaiStream` is an async iterable of chunks (`for await`), single use.
 * Leaving the loop early (`break`, `return`, a thrown error) or calling `abort()` cancels the request and closes
 * its connection. `ChatCompletionStream` adds `finalCompletion()`, the chunks folded into one `ChatCompletion`.
 *
 * ```ts
 * const stream = await zai.chat.completions.create({ model: "glm-4.6", messages, stream: true })
 * for await (const chunk of stream) process.stdout.write(chunk.choices?.[0]?.delta?.content ?? "")
 * ```
 *
 * @since 0.1.0
 */
import { StreamAccumulator } from "@zai-kit/chat"
import type { ChatCompletions } from "@zai-kit/schema"

/**
 * Where a `ZaiStream` takes its items from (built by the client).
 *
 * @since 0.1.0
 */
export interface StreamSource<T> {
  /** The next item, or the end; rejects with a `ZaiError`. */
  readonly next: () => Promise<IteratorResult<T, undefined>>
  /** Stops the request and releases the connection. */
  readonly close: () => Promise<void>
  /** Aborting it stops the request. */
  readonly controller: AbortController
}

/**
 * A stream of items from one request.
 *
 * @since 0.1.0
 */
export class ZaiStream<T> implements AsyncIterable<T> {
  /** Abort it (or call `abort()`) to cancel the request. */
  readonly controller: AbortController
  readonly #source: StreamSource<T>
  #consumed = false
  #finished = false

  /** Built by the client; not meant to be called directly. @internal */
  constructor(source: StreamSource<T>) {
    this.#source = source
    this.controller = source.controller
  }

  /** Iterates the items once; breaking out of the loop cancels the request. */
  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    if (this.#consumed) {
      throw new Error("This stream has already been iterated; a ZaiStream can be read only once.")
    }
    this.#consumed = true
    return {
      next: async () => {
        if (this.#finished) return { done: true, value: undefined }
        const result = await this.#source.next().catch(async (error: unknown) => {
          this.#finished = true
          await this.#source.close()
          throw error
        })
        if (result.done === true) {
          this.#finished = true
          await this.#source.close()
        } else {
          this.onItem(result.value)
        }
        return result
      },
      return: async () => {
        this.#finished = true
        await this.#source.close()
        return { done: true, value: undefined }
      }
    }
  }

  /** Whether the stream is being or has been iterated. */
  get consumed(): boolean {
    return this.#consumed
  }

  /** Called for each item as it is read (subclasses accumulate). */
  protected onItem(_item: T): void {}

  /** Cancels the request and closes its connection; a pending read rejects with `AbortError`. */
  abort(): void {
    this.controller.abort()
  }

  /** Reads every remaining item into an array. */
  async toArray(): Promise<Array<T>> {
    const out: Array<T> = []
    for await (const item of this) out.push(item)
    return out
  }
}

/**
 * The streamed chunks of `POST /chat/completions`, with the complete answer at the end.
 *
 * @since 0.1.0
 */
export class ChatCompletionStream extends ZaiStream<ChatCompletions.ChatCompletionChunk> {
  #state: StreamAccumulator.Accumulator = StreamAccumulator.initial

  protected override onItem(chunk: ChatCompletions.ChatCompletionChunk): void {
    this.#state = StreamAccumulator.add(this.#state, chunk)
  }

  /**
   * The whole answer folded into one `ChatCompletion` (content, `reasoning_content`, tool calls, `web_search`,
   * usage). Called instead of a loop, it reads the stream to its end; called after a loop, it folds the chunks
   * that loop read.
   */
  async finalCompletion(): Promise<ChatCompletions.ChatCompletion> {
    if (!this.consumed) {
      const iterator = this[Symbol.asyncIterator]()
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
        // onItem folds each chunk
      }
    }
    return StreamAccumulator.finish(this.#state)
  }
}
