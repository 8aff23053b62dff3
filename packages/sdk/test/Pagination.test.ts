/**
 * Paged lists: `await list()` is the first page (one request), `for await` walks every item of every page (one request
 * per page), breaking out stops fetching, and errors reject the await or throw from the loop.
 */
import { InvalidInputError, PagePromise } from "@zai-kit/sdk"
import { assert, beforeAll, describe, it } from "vitest"
import { rejection, useSimulator } from "./utils.js"

const harness = useSimulator()
const text = new TextEncoder()
const ids: Array<string> = []

const listCalls = async (path: string, since: number) =>
  (await harness.requests()).slice(since).filter((r) => r.method === "GET" && r.path === path)

describe("pagination", () => {
  beforeAll(async () => {
    const zai = harness.client()
    for (const name of ["a", "b", "c", "d", "e"]) {
      ids.push((await zai.files.create({ file: text.encode(name), filename: `${name}.txt`, purpose: "file-extract" })).id)
    }
  })

  it("await list() is the first page, with one request", async () => {
    const zai = harness.client()
    const before = (await harness.requests()).length
    const listing = zai.files.list({ limit: 2 })
    assert.instanceOf(listing, PagePromise)
    const page = await listing
    assert.lengthOf(page.data ?? [], 2)
    assert.isTrue(page.has_more)
    assert.lengthOf(await listCalls("/files", before), 1)
  })

  it("for await walks every file of every page, one request per page", async () => {
    const zai = harness.client()
    const before = (await harness.requests()).length
    const seen: Array<string> = []
    for await (const file of zai.files.list({ limit: 2 })) seen.push(file.id)
    assert.sameMembers(seen, ids)
    assert.lengthOf(seen, 5)
    const calls = await listCalls("/files", before)
    assert.lengthOf(calls, 3)
    assert.strictEqual(calls[1]?.query.after, seen[1])
  })

  it("breaking out of the loop stops fetching pages", async () => {
    const zai = harness.client()
    const before = (await harness.requests()).length
    const seen: Array<string> = []
    for await (const file of zai.files.list({ limit: 2 })) {
      seen.push(file.id)
      if (seen.length === 1) break
    }
    assert.lengthOf(seen, 1)
    assert.lengthOf(await listCalls("/files", before), 1)
  })

  it("page-number lists (knowledge) walk every page too", async () => {
    const zai = harness.client()
    const made: Array<string> = []
    for (const name of ["k1", "k2", "k3"]) made.push((await zai.knowledge.create({ embedding_id: 3, name })).id)
    const before = (await harness.requests()).length
    const all = await zai.knowledge.list({ size: 2 }).toArray()
    assert.includeMembers(
      all.map((k) => k.id),
      made
    )
    assert.isAtLeast((await listCalls("/knowledge", before)).length, 2)
  })

  it("a bad query rejects the await and throws from the loop, naming the field", async () => {
    const zai = harness.client()
    const query = { limit: 0 }
    const awaited = await rejection(zai.files.list(query))
    assert.instanceOf(awaited, InvalidInputError)
    assert.include((awaited as InvalidInputError).message, "limit")
    const looped = await rejection(
      (async () => {
        for await (const _ of zai.files.list(query)) {
          // never reached
        }
      })()
    )
    assert.instanceOf(looped, InvalidInputError)
  })
})
