import { assert, describe, it } from "@effect/vitest"
import * as Png from "../src/internal/media/png.js"
import * as MediaChecks from "../src/MediaChecks.js"

describe("MediaChecks.checkPng", () => {
  const png = Png.encode(5, 3, (x, y) => [x * 40, y * 80, 128])

  it("reads the size and chunk types of a valid PNG", () => {
    assert.deepStrictEqual(MediaChecks.checkPng(png), { width: 5, height: 3, chunks: ["IHDR", "IDAT", "IEND"] })
  })

  it("throws on a bad signature or a bad CRC", () => {
    assert.throws(() => MediaChecks.checkPng(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])), /not a PNG signature/)
    const corrupt = png.slice()
    corrupt[20] = (corrupt[20] ?? 0) ^ 0xff // inside IHDR's data
    assert.throws(() => MediaChecks.checkPng(corrupt), /bad CRC in IHDR/)
  })
})
