import { readFileSync, rmSync } from "node:fs"
import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator, TestLayers } from "@zai-kit/testing"
import { ConfigProvider, Exit } from "effect"
// README example: start
import { NodeFileSystem } from "@effect/platform-node"
import { ZaiClient } from "@zai-kit/transport"
import { Videos } from "@zai-kit/videos"
import { Effect, Layer } from "effect"

const program = Effect.gen(function*() {
  const videos = yield* Videos.Videos
  // the request is checked against its family (picked from `model`): here CogVideoX, first and last frame
  const task = yield* videos.generate({
    model: "cogvideox-3",
    prompt: "The flower opens",
    image_url: ["https://example.com/bud.png", "https://example.com/bloom.png"],
    quality: "speed"
  })
  const done = yield* task.waitFor({ timeout: "15 minutes" }) // polls GET /async-result/{id} with backoff
  const [video] = Videos.videos(done)
  yield* videos.downloadToFile(video?.url ?? "", "flower.mp4")
  yield* videos.downloadToFile(video?.coverImageUrl ?? "", "flower.png")
  return task.id
}).pipe(
  Effect.provide(Layer.mergeAll(Videos.Videos.layer.pipe(Layer.provide(ZaiClient.layerConfigFetch())), NodeFileSystem.layer))
) // reads ZAI_API_KEY
// README example: end

layer(Simulator.layer())("README example", (it) => {
  it.effect("runs against the simulator", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const config = ConfigProvider.fromUnknown({ ZAI_API_KEY: sim.apiKey, ZAI_BASE_URL: sim.url })
      const fiber = yield* Effect.forkChild(program.pipe(Effect.provide(ConfigProvider.layer(config))))
      const exit = yield* TestLayers.drive(fiber, { step: "1 second" })
      const video = readFileSync("flower.mp4")
      const cover = readFileSync("flower.png")
      rmSync("flower.mp4")
      rmSync("flower.png")
      assert.isTrue(Exit.isSuccess(exit))
      assert.strictEqual(video.subarray(4, 8).toString("latin1"), "ftyp")
      assert.strictEqual(cover.subarray(1, 4).toString("latin1"), "PNG")
      const paths = (yield* Simulator.requests).map((r) => r.path)
      assert.strictEqual(paths[0], "/videos/generations")
      assert.isTrue(paths.some((p) => p.startsWith("/async-result/")))
      assert.isTrue(paths.slice(-2).every((p) => p.startsWith("/sim-files/")))
    }))
})

describe("README", () => {
  it("shows exactly the tested example", () => {
    const source = readFileSync(new URL("./readme-example.test.ts", import.meta.url), "utf8")
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
    const shown = /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    const start = source.indexOf("// README example: start\n") + "// README example: start\n".length
    const end = source.indexOf("// README example: end")
    assert.strictEqual(shown, source.slice(start, end))
  })
})
