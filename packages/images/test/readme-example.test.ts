import { readFileSync, rmSync } from "node:fs"
import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator, TestLayers } from "@zai-kit/testing"
import { ConfigProvider, Exit } from "effect"
// README example: start
import { NodeFileSystem } from "@effect/platform-node"
import { Images } from "@zai-kit/images"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Layer } from "effect"

const program = Effect.gen(function*() {
  const images = yield* Images.Images
  // synchronous: the answer carries a temporary URL (valid 30 days)
  const now = yield* images.generate({ model: "cogview-4", prompt: "A paper boat on a pond", size: "1024x1024" })
  yield* images.downloadToFile(Images.urls(now)[0] ?? "", "boat.png")
  // asynchronous (glm-image): a task handle, polled with backoff until SUCCESS (or TaskFailedError)
  const task = yield* images.generateAsync({ model: "glm-image", prompt: "A lighthouse at dawn" })
  const done = yield* task.waitFor({ timeout: "5 minutes" })
  return Images.urls(done)
}).pipe(
  Effect.provide(Layer.mergeAll(Images.Images.layer.pipe(Layer.provide(ZaiClient.layerConfigFetch())), NodeFileSystem.layer))
) // reads ZAI_API_KEY
// README example: end

layer(Simulator.layer())("README example", (it) => {
  it.effect("runs against the simulator", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const config = ConfigProvider.fromUnknown({ ZAI_API_KEY: sim.apiKey, ZAI_BASE_URL: sim.url })
      const fiber = yield* Effect.forkChild(program.pipe(Effect.provide(ConfigProvider.layer(config))))
      const exit = yield* TestLayers.drive(fiber, { step: "1 second" })
      const written = readFileSync("boat.png")
      rmSync("boat.png")
      assert.isTrue(Exit.isSuccess(exit))
      assert.match(Exit.isSuccess(exit) ? (exit.value[0] ?? "") : "", /\/sim-files\/img-[0-9a-f]{16}-64x64\.png$/)
      assert.deepStrictEqual([...written.subarray(1, 4)], [0x50, 0x4e, 0x47]) // "PNG"
      const paths = (yield* Simulator.requests).map((r) => r.path)
      assert.deepStrictEqual(paths.slice(0, 3), ["/images/generations", paths[1], "/async/images/generations"])
      assert.isTrue(paths.slice(3).every((p) => p.startsWith("/async-result/")))
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
