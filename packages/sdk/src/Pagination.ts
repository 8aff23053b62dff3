/**
 * Paged lists of the Promise client, as in openai-node: `await zai.files.list()` gives the first page (the API's
 * list object), `for await (const file of zai.files.list())` walks every item of every page, fetching pages as the
 * loop goes (breaking out stops fetching).
 *
 * @since 0.1.0
 */

/**
 * A list call: awaitable for its first page, async iterable over all items.
 *
 * @since 0.1.0
 */
export class PagePromise<Page, Item> implements PromiseLike<Page>, AsyncIterable<Item> {
  readonly #first: () => Promise<Page>
  readonly #all: () => AsyncIterable<Item>
  #page: Promise<Page> | undefined

  /** Built by the client; not meant to be called directly. @internal */
  constructor(first: () => Promise<Page>, all: () => AsyncIterable<Item>) {
    this.#first = first
    this.#all = all
  }

  /** The first page (requested once, on the first `await`). */
  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is awaitable by design, like openai-node's
  then<A = Page, B = never>(
    onfulfilled?: ((value: Page) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null
  ): Promise<A | B> {
    this.#page ??= this.#first()
    return this.#page.then(onfulfilled, onrejected)
  }

  /** Like `Promise.prototype.catch`, on the first page. */
  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page | B> {
    return this.then(undefined, onrejected)
  }

  /** Every item of every page, fetched as the loop goes. */
  [Symbol.asyncIterator](): AsyncIterator<Item> {
    return this.#all()[Symbol.asyncIterator]()
  }

  /** Reads every item of every page into an array. */
  async toArray(): Promise<Array<Item>> {
    const out: Array<Item> = []
    for await (const item of this) out.push(item)
    return out
  }
}
