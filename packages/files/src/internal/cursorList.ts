/**
 * Every page of a cursor-paged list (`after` = last id, `has_more`) as a stream, after validating the query once.
 * @internal
 */
import { Paging } from "@zai-kit/transport"
import { Effect, Stream } from "effect"

/** The validated query every list takes: a page size and a starting cursor. */
type CursorQuery = {
  readonly limit?: number | undefined
  readonly after?: string | undefined
}

/** A query as `ZaiClient` sends it. */
type Query = Readonly<Record<string, string | number | boolean | undefined>>

/** `validate` the query, then fetch pages lazily as the stream is read. */
export const cursorList = <Q extends CursorQuery & Query, A, E, E2>(
  validate: Effect.Effect<Q, E>,
  fetchPage: (query: Query) => Effect.Effect<
    { readonly data?: ReadonlyArray<A> | null | undefined; readonly has_more?: boolean | null | undefined },
    E2
  >
): Stream.Stream<A, E | E2> =>
  Stream.unwrap(
    Effect.map(validate, (valid) =>
      Paging.cursorPages({
        fetch: (cursor) =>
          Effect.map(fetchPage({ ...valid, ...cursor }), (page) => ({ data: page.data ?? [], has_more: page.has_more })),
        limit: valid.limit,
        after: valid.after
      }))
  )
