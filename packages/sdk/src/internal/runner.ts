/** Runs the Effect services behind the Promise client, on one `ManagedRuntime` per client. */
import type { RequestOptions as Transport, ZaiClient } from "@zai-kit/transport"
import { Effect, Exit, type Layer, ManagedRuntime, Stream } from "effect"
import * as Errors from "../Errors.js"
import type { Services } from "../Layers.js"
import { PagePromise } from "../Pagination.js"
import type { RequestOptions } from "../RequestOptions.js"
import type { StreamSource } from "../Streams.js"
import * as ErrorMapping from "./errors.js"
import * as Options from "./options.js"

/** The context every call runs in. */
export type Context = Services | ZaiClient.ZaiClient

/** How a call is built from the transport's per-call options. */
export type Build<T> = (options: Transport.RequestOptions | undefined) => T

/** The runtime of one client, and the ways to call through it. */
export class Runner {
  readonly #runtime: ManagedRuntime.ManagedRuntime<Context, never>
  #closed = false

  constructor(layer: Layer.Layer<Context>) {
    this.#runtime = ManagedRuntime.make(layer)
  }

  #checkOpen(): void {
    if (this.#closed) throw new Errors.ZaiError("This Zai client is closed.", { tag: "Closed" })
  }

  /** Runs one call to its end; rejects with a `ZaiError`. */
  async run<A, E>(build: Build<Effect.Effect<A, E, Context>>, options?: RequestOptions): Promise<A> {
    this.#checkOpen()
    const signal = options?.signal
    if (signal?.aborted === true) throw ErrorMapping.aborted()
    const effect = build(Options.requestOptions(options, signal))
    const exit = await this.#runtime.runPromiseExit(effect, signal === undefined ? undefined : { signal })
    if (Exit.isSuccess(exit)) return exit.value
    throw ErrorMapping.fromCause(exit.cause, signal)
  }

  /**
   * Starts a stream and waits for its first item, so that a request the API refuses rejects here (not in the
   * loop); `make` wraps the source (as a `ZaiStream` or a subclass).
   */
  async stream<A, E, S>(
    build: Build<Stream.Stream<A, E, Context>>,
    options: RequestOptions | undefined,
    make: (source: StreamSource<A>) => S
  ): Promise<S> {
    this.#checkOpen()
    const userSignal = options?.signal
    if (userSignal?.aborted === true) throw ErrorMapping.aborted()
    const controller = new AbortController()
    const stream = build(Options.requestOptions(options, controller.signal))
    const context = await this.#runtime.context()
    const iterator = Stream.toAsyncIterableWith(stream, context)[Symbol.asyncIterator]()
    let closing: Promise<void> | undefined
    const close = (): Promise<void> => {
      closing ??= Promise.resolve(iterator.return?.()).then(() => undefined)
      return closing
    }
    const onUserAbort = () => controller.abort()
    userSignal?.addEventListener("abort", onUserAbort, { once: true })
    controller.signal.addEventListener(
      "abort",
      () => {
        userSignal?.removeEventListener("abort", onUserAbort)
        void close()
      },
      { once: true }
    )
    const next = async (): Promise<IteratorResult<A, undefined>> => {
      try {
        const result = await iterator.next()
        if (controller.signal.aborted) throw ErrorMapping.aborted()
        if (result.done === true) {
          userSignal?.removeEventListener("abort", onUserAbort)
          return { done: true, value: undefined }
        }
        return result
      } catch (error) {
        userSignal?.removeEventListener("abort", onUserAbort)
        if (controller.signal.aborted) throw ErrorMapping.aborted()
        throw ErrorMapping.fromUnknown(error)
      }
    }
    const first = await next().catch(async (error: unknown) => {
      await close()
      throw error
    })
    let pending: IteratorResult<A, undefined> | undefined = first
    return make({
      next: () => {
        if (pending !== undefined) {
          const result = pending
          pending = undefined
          return Promise.resolve(result)
        }
        return next()
      },
      close,
      controller
    })
  }

  /** A list call: the first page on `await`, every item of every page on `for await`. */
  page<P, A, E1, E2>(
    first: Build<Effect.Effect<P, E1, Context>>,
    all: Build<Stream.Stream<A, E2, Context>>,
    options?: RequestOptions
  ): PagePromise<P, A> {
    return new PagePromise<P, A>(
      () => this.run(first, options),
      () => ({
        [Symbol.asyncIterator]: (): AsyncIterator<A, undefined> => {
          let started: Promise<AsyncIterator<A, undefined>> | undefined
          let iterator: AsyncIterator<A, undefined> | undefined
          const start = () => {
            started ??= this.stream(all, options, (source) => ({ source })).then(({ source }) => {
              const it: AsyncIterator<A, undefined> = {
                next: source.next,
                return: async () => {
                  await source.close()
                  return { done: true, value: undefined }
                }
              }
              iterator = it
              return it
            })
            return started
          }
          return {
            next: async () => (await start()).next(),
            return: async (): Promise<IteratorResult<A, undefined>> => {
              if (iterator !== undefined) await iterator.return?.()
              return { done: true, value: undefined }
            }
          }
        }
      })
    )
  }

  /** Closes the runtime: pooled connections are released; later calls reject. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#runtime.dispose()
  }
}

/** Reads a whole byte stream into one array. */
export const collectBytes = <E, R>(stream: Stream.Stream<Uint8Array, E, R>): Effect.Effect<Uint8Array, E, R> =>
  Effect.map(Stream.runCollect(stream), (chunks) => {
    let size = 0
    for (const chunk of chunks) size += chunk.length
    const out = new Uint8Array(size)
    let offset = 0
    for (const chunk of chunks) {
      out.set(chunk, offset)
      offset += chunk.length
    }
    return out
  })
