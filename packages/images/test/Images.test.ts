import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { NodeFileSystem } from "@effect/platform-node"
import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator, TestLayers } from "@zai-kit/testing"
import { Effect, Exit, Stream } from "effect"
import { Images, urls } from "../src/Images.js"
import { checkPng, codeOf, failureOf, fixedLayer, type Seen, layer as simLayer } from "./utils.js"

const kitten = { model: "glm-image", prompt: "A small kitten on a sunny windowsill" } as const

const collect = (stream: Stream.Stream<Uint8Array, unknown>) =>
  Effect.map(Stream.runCollect(stream), (chunks) => new Uint8Array(Buffer.concat(chunks)))

layer(simLayer({ asyncPolls: 2 }))("Images", (it) => {
  describe("generate", () => {
    it.effect("sends the request as JSON and returns a URL to a real PNG", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const images = yield* Images
        const result = yield* images.generate({ ...kitten, size: "1568x1056", quality: "hd", watermark_enabled: false })
        assert.isNumber(result.created)
        assert.strictEqual(result.content_filter?.[0]?.role, "assistant")
        const [url] = urls(result)
        const sim = yield* Simulator.Simulator
        assert.isTrue(url?.startsWith(`${sim.url}/sim-files/img-`))

        const [post] = yield* Simulator.requests
        assert.strictEqual(post?.method, "POST")
        assert.strictEqual(post?.path, "/images/generations")
        assert.strictEqual(post?.headers.authorization, "Bearer <redacted>")
        assert.match(post?.headers["content-type"] ?? "", /^application\/json/)
        assert.deepStrictEqual(post?.body, { ...kitten, size: "1568x1056", quality: "hd", watermark_enabled: false })

        const png = yield* collect(images.download(url ?? ""))
        const info = checkPng(png)
        assert.deepStrictEqual(info.chunks, ["IHDR", "IDAT", "IEND"])
        assert.strictEqual(info.width, 64)
        assert.strictEqual(info.height, 43) // the aspect ratio of 1568x1056
        const download = (yield* Simulator.requests)[1]
        assert.strictEqual(download?.method, "GET")
        assert.match(download?.path ?? "", /^\/sim-files\/img-[0-9a-f]{16}-64x43\.png$/)
        assert.strictEqual(download?.headers.accept, "*/*")
        assert.strictEqual(download?.auth, "api-key")

        // the same file on another origin (as a CDN link would be) is fetched without the key
        const foreign = (url ?? "").replace("//127.0.0.1:", "//localhost:")
        assert.notStrictEqual(foreign, url)
        assert.deepStrictEqual(yield* collect(images.download(foreign)), png)
        const cdn = (yield* Simulator.requests).at(-1)
        assert.strictEqual(cdn?.auth, "none")
        assert.isUndefined(cdn?.headers.authorization)
        assert.isUndefined(cdn?.headers["x-source-channel"])
      }))

    it.effect("is deterministic: the same prompt gives the same image, another prompt another one", () =>
      Effect.gen(function*() {
        const images = yield* Images
        const first = urls(yield* images.generate(kitten))
        const again = urls(yield* images.generate(kitten))
        const other = urls(yield* images.generate({ ...kitten, prompt: "A lighthouse in a storm" }))
        assert.deepStrictEqual(first, again)
        assert.notDeepEqual(first, other)
        const a = yield* collect(images.download(first[0] ?? ""))
        const b = yield* collect(images.download(other[0] ?? ""))
        assert.notDeepEqual(a, b)
      }))

    it.effect("answers base64 images with response_format b64_json", () =>
      Effect.gen(function*() {
        const images = yield* Images
        const result = yield* images.generate({ model: "cogview-4", prompt: "A red bicycle", response_format: "b64_json" })
        const encoded = result.data?.[0]?.b64_json ?? ""
        assert.strictEqual(checkPng(new Uint8Array(Buffer.from(encoded, "base64"))).width, 64)
        assert.deepStrictEqual(urls(result), [])
      }))

    it.effect("rejects bad input naming the field, before anything is sent", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const images = yield* Images
        const size = failureOf(yield* Effect.exit(images.generate({ ...kitten, size: "big" })))
        assert.strictEqual(size._tag, "InvalidRequestInput")
        assert.include(size.message, 'size: expected a size WIDTHxHEIGHT such as 1280x1280, got "big"')
        // @ts-expect-error: the quality is wrong on purpose (a JavaScript caller, or data from outside)
        const quality = failureOf(yield* Effect.exit(images.generate({ ...kitten, quality: "ultra" })))
        assert.include(quality.message, 'quality: expected "hd" | "standard", got "ultra"')
        const typo = failureOf(yield* Effect.exit(images.generate({ model: "glm-image", ...JSON.parse('{"promt": "x", "prompt": "y"}') })))
        assert.include(typo.message, 'promt: unknown key "promt" (did you mean "prompt"?)')
        const user = failureOf(yield* Effect.exit(images.generateAsync({ ...kitten, user_id: "abc" })))
        assert.include(user.message, "user_id")
        const emptyPrompt = failureOf(yield* Effect.exit(images.generate({ ...kitten, prompt: "" })))
        assert.include(emptyPrompt.message, "prompt: expected a non-empty prompt")
        const url = failureOf(yield* Effect.exit(Stream.runDrain(images.download("/relative/path.png"))))
        assert.include(url.message, "url: expected an absolute http(s) URL")
        const id = failureOf(yield* Effect.exit(images.retrieve("../etc/passwd")))
        assert.strictEqual(id._tag, "InvalidRequestInput")
        assert.deepStrictEqual(yield* Simulator.requests, [])
      }))

    it.effect("maps API errors and faults to typed ZaiErrors", () =>
      Effect.gen(function*() {
        const images = yield* Images
        const size = failureOf(yield* Effect.exit(images.generate({ ...kitten, size: "1000x1000" })))
        assert.strictEqual(size._tag, "InvalidRequestError")
        assert.include(size.message, "size")
        assert.strictEqual(codeOf(size), "1214")
        const model = failureOf(yield* Effect.exit(images.generate({ ...kitten, model: "dall-e-3" })))
        assert.include(model.message, "1211")
        const limited = failureOf(yield* Effect.exit(images.generate(kitten, { headers: { "x-zai-sim-fault": "rate-limit" } })))
        assert.strictEqual(limited._tag, "RateLimitError")
        const filtered = failureOf(yield* Effect.exit(images.generate(kitten, { headers: { "x-zai-sim-fault": "content-filter" } })))
        assert.strictEqual(filtered._tag, "ContentFilterError")
        const sim = yield* Simulator.Simulator
        const missing = failureOf(yield* Effect.exit(Stream.runDrain(images.download(`${sim.url}/sim-files/nothing.png`))))
        assert.strictEqual(missing._tag, "NotFoundError")
        const [url] = urls(yield* images.generate(kitten))
        const broken = failureOf(
          yield* Effect.exit(Stream.runDrain(images.download(url ?? "", { headers: { "x-zai-sim-fault": "server-error" } })))
        )
        assert.strictEqual(broken._tag, "InternalServerError")
      }))
  })

  describe("generateAsync", () => {
    it.effect("submits a task and waits for its image on the TestClock", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const images = yield* Images
        const task = yield* images.generateAsync({ ...kitten, size: "1280x1280" })
        assert.strictEqual(task.task.task_status, "PROCESSING")
        assert.strictEqual(task.task.model, "glm-image")
        const early = yield* task.retrieve()
        assert.strictEqual(early.task_status, "PROCESSING")
        const fiber = yield* Effect.forkChild(task.waitFor())
        const exit = yield* TestLayers.drive(fiber, { step: "1 second" })
        assert.isTrue(Exit.isSuccess(exit))
        const done = Exit.isSuccess(exit) ? exit.value : undefined
        assert.strictEqual(done?.task_status, "SUCCESS")
        assert.strictEqual(done?.id, task.id)
        const [url] = urls(done ?? {})
        assert.strictEqual(checkPng(yield* collect(images.download(url ?? ""))).width, 64)
        const requests = yield* Simulator.requests
        assert.strictEqual(requests[0]?.path, "/async/images/generations")
        assert.deepStrictEqual(requests[0]?.body, { ...kitten, size: "1280x1280" })
        const polls = requests.filter((r) => r.method === "GET" && r.path === `/async-result/${task.id}`)
        assert.strictEqual(polls.length, 3) // two PROCESSING answers, then SUCCESS
        // resuming from the id gives the same result
        const resumed = yield* images.waitFor(task.id)
        assert.deepStrictEqual(urls(resumed), [url])
      }))

    it.effect("fails with TaskFailedError carrying the task's code; only glm-image runs async", () =>
      Effect.gen(function*() {
        const images = yield* Images
        const task = yield* images.generateAsync(kitten, { headers: { "x-zai-sim-fault": "task-failed" } })
        const fiber = yield* Effect.forkChild(task.waitFor({ timeout: "1 minute" }))
        const error = failureOf(yield* TestLayers.drive(fiber, { step: "1 second" }))
        assert.strictEqual(error._tag, "TaskFailedError")
        assert.strictEqual(codeOf(error), "1234")
        assert.include(error.message, "network error")
        const cogview = failureOf(yield* Effect.exit(images.generateAsync({ ...kitten, model: "cogview-4" })))
        assert.strictEqual(codeOf(cogview), "1212")
      }))
  })

  describe("downloadToFile", () => {
    it.effect("writes the image to a file; a failed download leaves none", () =>
      Effect.gen(function*() {
        const dir = mkdtempSync(join(tmpdir(), "zai-images-"))
        yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(dir, { recursive: true, force: true })))
        const images = yield* Images
        const [url] = urls(yield* images.generate(kitten))
        const path = join(dir, "kitten.png")
        yield* images.downloadToFile(url ?? "", path)
        assert.strictEqual(checkPng(new Uint8Array(readFileSync(path))).width, 64)
        const sim = yield* Simulator.Simulator
        const failed = yield* Effect.exit(images.downloadToFile(`${sim.url}/sim-files/none.png`, join(dir, "none.png")))
        assert.isTrue(Exit.isFailure(failed))
        assert.throws(() => readFileSync(join(dir, "none.png")))
      }).pipe(Effect.provide(NodeFileSystem.layer), Effect.scoped))
  })
})

describe("Images: lenient decoding", () => {
  it.effect("keeps unknown fields and accepts nulls in a generation answer", () => {
    const seen: Array<Seen> = []
    const body = JSON.stringify({
      created: null,
      data: [{ url: "https://cdn.example.com/a.png", revised_prompt: null, tint: "warm" }, { url: null, b64_json: null }],
      content_filter: null,
      brand_new_field: [1, 2]
    })
    return Effect.gen(function*() {
      const images = yield* Images
      const result = yield* images.generate(kitten)
      assert.deepStrictEqual(result.brand_new_field, [1, 2])
      assert.isNull(result.created)
      assert.isNull(result.content_filter)
      assert.strictEqual(result.data?.[0]?.tint, "warm")
      assert.deepStrictEqual(urls(result), ["https://cdn.example.com/a.png"])
      assert.strictEqual(seen[0]?.method, "POST")
      assert.strictEqual(seen[0]?.url, "http://zai.test/api/paas/v4/images/generations")
      assert.deepStrictEqual(JSON.parse(seen[0]?.body ?? ""), kitten)
    }).pipe(Effect.provide(fixedLayer(body, seen)))
  })

  it.effect("keeps unknown fields and accepts nulls in an async result", () => {
    const seen: Array<Seen> = []
    const body = JSON.stringify({
      id: "task-1",
      request_id: null,
      model: "glm-image",
      task_status: "SUCCESS",
      image_result: [{ url: "https://cdn.example.com/b.png", width: 1280 }],
      billing: { units: 1 }
    })
    return Effect.gen(function*() {
      const images = yield* Images
      const result = yield* images.waitFor("task-1")
      assert.deepStrictEqual(result.billing, { units: 1 })
      assert.strictEqual(result.image_result?.[0]?.width, 1280)
      assert.deepStrictEqual(urls(result), ["https://cdn.example.com/b.png"])
      assert.strictEqual(seen[0]?.method, "GET")
      assert.strictEqual(seen[0]?.url, "http://zai.test/api/paas/v4/async-result/task-1")
    }).pipe(Effect.provide(fixedLayer(body, seen)))
  })
})
