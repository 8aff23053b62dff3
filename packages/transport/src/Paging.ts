/**
 * Paging as `Stream`s of items: cursor paging (`after` = last id, `limit`, `has_more`; files, batches,
 * fine-tuning jobs and events) and page/size paging (knowledge bases, documents).
 *
 * Pages are fetched lazily, one at a time, as the stream is consumed.
 *
 * @since 0.1.0
 */
import { Effect, Option, Stream } from "effect"

/**
 * The cursor of the next request: `after` is the id of the last item seen (absent for the first page).
 *
 * @since 0.1.0
 */
export interface Cursor {
  readonly after?: string | undefined
  readonly limit?: number | undefined
}

/**
 * One cursor page, as the API answers it.
 *
 * @since 0.1.0
 */
export interface CursorPage<A> {
  readonly data: ReadonlyArray<A>
  readonly has_more?: boolean | null | undefined
}

/**
 * Options of `cursorPages`.
 *
 * @since 0.1.0
 */
export interface CursorOptions<A, E, R> {
  /** Fetches one page. */
  readonly fetch: (cursor: Cursor) => Effect.Effect<CursorPage<A>, E, R>
  /** Page size sent as `limit`. */
  readonly limit?: number | undefined
  /** Start after this id. */
  readonly after?: string | undefined
  /** The id of an item (its `id` field by default). */
  readonly idOf?: ((item: A) => string | undefined) | undefined
  /** Stop after this many pages. */
  readonly maxPages?: number | undefined
}

const defaultId = (item: unknown): string | undefined =>
  typeof item === "object" && item !== null && "id" in item && typeof item.id === "string" ? item.id : undefined

/**
 * Every item of a cursor-paged list. Stops when `has_more` is false, a page is empty, the last id does not
 * advance, a page without `has_more` is shorter than `limit`, or `maxPages` is reached.
 *
 * @since 0.1.0
 */
export const cursorPages = <A, E, R>(options: CursorOptions<A, E, R>): Stream.Stream<A, E, R> => {
  const idOf = options.idOf ?? defaultId
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY
  interface State {
    readonly after: string | undefined
    readonly page: number
  }
  return Stream.paginate<State, A, E, R>({ after: options.after, page: 1 }, (state) =>
    Effect.map(
      options.fetch({
        ...(state.after !== undefined ? { after: state.after } : {}),
        ...(options.limit !== undefined ? { limit: options.limit } : {})
      }),
      (page): readonly [ReadonlyArray<A>, Option.Option<State>] => {
        const items = page.data
        const last = items.length > 0 ? idOf(items[items.length - 1]) : undefined
        const more =
          page.has_more === true ||
          ((page.has_more === undefined || page.has_more === null) &&
            options.limit !== undefined &&
            items.length >= options.limit)
        const next =
          more && items.length > 0 && last !== undefined && last !== state.after && state.page < maxPages
            ? Option.some({ after: last, page: state.page + 1 })
            : Option.none()
        return [items, next]
      }
    )
  )
}

/**
 * The page request of page/size paging (`page` counts from `startPage`, 1 by default).
 *
 * @since 0.1.0
 */
export interface PageRequest {
  readonly page: number
  readonly size: number
}

/**
 * One numbered page: its items and, when the API says, the total count or whether more pages exist.
 *
 * @since 0.1.0
 */
export interface NumberedPage<A> {
  readonly items: ReadonlyArray<A>
  readonly total?: number | undefined
  readonly hasMore?: boolean | undefined
}

/**
 * Options of `pageNumberPages`.
 *
 * @since 0.1.0
 */
export interface PageNumberOptions<A, E, R> {
  /** Fetches one page (map the API's `list` / `data` field to `items`). */
  readonly fetch: (request: PageRequest) => Effect.Effect<NumberedPage<A>, E, R>
  /** Page size (20 by default). */
  readonly size?: number | undefined
  /** First page number (1 by default). */
  readonly startPage?: number | undefined
  /** Stop after this many pages. */
  readonly maxPages?: number | undefined
}

/**
 * Every item of a page/size-paged list. Stops at an empty or short page, when `hasMore` is false, when
 * `total` items were seen, or after `maxPages`.
 *
 * @since 0.1.0
 */
export const pageNumberPages = <A, E, R>(options: PageNumberOptions<A, E, R>): Stream.Stream<A, E, R> => {
  const size = options.size ?? 20
  const start = options.startPage ?? 1
  const maxPages = options.maxPages ?? Number.POSITIVE_INFINITY
  interface State {
    readonly page: number
    readonly seen: number
  }
  return Stream.paginate<State, A, E, R>({ page: start, seen: 0 }, (state) =>
    Effect.map(options.fetch({ page: state.page, size }), (page): readonly [ReadonlyArray<A>, Option.Option<State>] => {
      const seen = state.seen + page.items.length
      const more =
        page.items.length > 0 &&
        page.hasMore !== false &&
        (page.hasMore === true || page.items.length >= size) &&
        (page.total === undefined || seen < page.total) &&
        state.page - start + 1 < maxPages
      return [page.items, more ? Option.some({ page: state.page + 1, seen }) : Option.none()]
    })
  )
}
