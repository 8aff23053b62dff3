import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { Paging } from "../src/index.js"

const items = Array.from({ length: 7 }, (_, i) => ({ id: `item-${i}` }))

describe("Paging.cursorPages", () => {
  it.effect("follows `after` = last id while has_more, lazily", () =>
    Effect.gen(function* () {
      const calls: Array<Paging.Cursor> = []
      const stream = Paging.cursorPages({
        limit: 3,
        fetch: (cursor) =>
          Effect.sync(() => {
            calls.push(cursor)
            const start = cursor.after === undefined ? 0 : items.findIndex((i) => i.id === cursor.after) + 1
            const data = items.slice(start, start + (cursor.limit ?? 3))
            return { data, has_more: start + data.length < items.length }
          })
      })
      const firstFour = yield* Stream.runCollect(Stream.take(stream, 4))
      assert.deepStrictEqual(
        firstFour.map((i) => i.id),
        ["item-0", "item-1", "item-2", "item-3"]
      )
      assert.strictEqual(calls.length, 2)
      calls.length = 0
      const all = yield* Stream.runCollect(stream)
      assert.strictEqual(all.length, 7)
      assert.deepStrictEqual(calls, [{ limit: 3 }, { after: "item-2", limit: 3 }, { after: "item-5", limit: 3 }])
    }))

  it.effect("without has_more, stops at a short page; never loops on a cursor that does not advance", () =>
    Effect.gen(function* () {
      let calls = 0
      const noFlag = yield* Stream.runCollect(
        Paging.cursorPages({
          limit: 5,
          fetch: (cursor) => Effect.sync(() => ({ data: cursor.after === undefined ? items.slice(0, 5) : items.slice(5) }))
        })
      )
      assert.strictEqual(noFlag.length, 7)
      const stuck = yield* Stream.runCollect(
        Paging.cursorPages({
          fetch: () =>
            Effect.sync(() => {
              calls++
              return { data: items.slice(0, 2), has_more: true }
            })
        })
      )
      assert.strictEqual(stuck.length, 4)
      assert.strictEqual(calls, 2)
    }))
})

describe("Paging.pageNumberPages", () => {
  it.effect("requests page/size until a short page or the total", () =>
    Effect.gen(function* () {
      const requests: Array<Paging.PageRequest> = []
      const all = yield* Stream.runCollect(
        Paging.pageNumberPages({
          size: 3,
          fetch: (request) =>
            Effect.sync(() => {
              requests.push(request)
              const start = (request.page - 1) * request.size
              return { items: items.slice(start, start + request.size), total: items.length }
            })
        })
      )
      assert.strictEqual(all.length, 7)
      assert.deepStrictEqual(requests, [
        { page: 1, size: 3 },
        { page: 2, size: 3 },
        { page: 3, size: 3 }
      ])
      const exact = yield* Stream.runCollect(
        Paging.pageNumberPages({ size: 7, fetch: () => Effect.succeed({ items, total: 7 }) })
      )
      assert.strictEqual(exact.length, 7)
      const capped = yield* Stream.runCollect(Paging.pageNumberPages({ size: 1, maxPages: 2, fetch: () => Effect.succeed({ items: [1] }) }))
      assert.deepStrictEqual(capped, [1, 1])
    }))
})
