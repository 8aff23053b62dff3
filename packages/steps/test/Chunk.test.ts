import { assert, describe, it } from "@effect/vitest"
import { chunk, estimateTokens } from "../src/internal/chunk.js"

const length = (text: string) => text.length

describe("chunking for map-reduce summaries", () => {
  it("estimates a token per four Latin characters and one per CJK character", () => {
    assert.strictEqual(estimateTokens("abcdefgh"), 2)
    assert.strictEqual(estimateTokens("海上风电"), 4)
    assert.strictEqual(estimateTokens("wind 风电"), 2 + 2)
  })

  it("keeps blocks whole and packs them while they fit", () => {
    assert.deepStrictEqual(chunk(["aaaa", "bbbb", "cccc"], 10, length), ["aaaa\n\nbbbb", "cccc"])
    assert.deepStrictEqual(chunk(["aaaa"], 10, length), ["aaaa"])
  })

  it("splits a block larger than the limit at paragraphs, then sentences, then characters", () => {
    assert.deepStrictEqual(chunk(["one two\n\nthree four\n\nfive"], 12, length), ["one two", "three four", "five"])
    assert.deepStrictEqual(chunk(["First one. Second one. Third one."], 22, length), ["First one. Second one.", "Third one."])
    const cut = chunk(["x".repeat(25)], 10, length)
    assert.deepStrictEqual(cut.map((c) => c.length), [10, 10, 5])
    assert.strictEqual(cut.join(""), "x".repeat(25))
  })

  it("never returns a chunk over the limit, and loses no text", () => {
    const blocks = Array.from({ length: 30 }, (_, i) => `Block ${i}. ${"Some words here. ".repeat(i % 7)}`.trim())
    const chunks = chunk(blocks, 60, length)
    for (const c of chunks) assert.isAtMost(c.length, 60, c)
    const words = (text: string) => text.split(/\s+/).filter((w) => w !== "")
    assert.deepStrictEqual(words(chunks.join(" ")), words(blocks.join(" ")))
  })
})
