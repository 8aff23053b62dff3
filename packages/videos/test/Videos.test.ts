import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { NodeFileSystem } from "@effect/platform-node"
import { assert, describe, it, layer } from "@effect/vitest"
import type { Videos as Wire } from "@zai-kit/schema"
import { Simulator, TestLayers } from "@zai-kit/testing"
import { Multipart } from "@zai-kit/transport"
import { Effect, Exit, Schedule, Stream } from "effect"
import { imageDataUrl, Videos, videos } from "../src/Videos.js"
import { checkMp4, checkPng, codeOf, failureOf, fixedLayer, type Seen, layer as simLayer } from "./utils.js"

const frame = "https://example.com/first.png"
const last = "https://example.com/last.png"

const collect = (stream: Stream.Stream<Uint8Array, unknown>) =>
  Effect.map(Stream.runCollect(stream), (chunks) => new Uint8Array(Buffer.concat(chunks)))

/** One valid request per family (and per CogVideoX mode), with the thumbnail size the simulator makes for it. */
const cases: ReadonlyArray<{ readonly name: string; readonly request: Wire.VideoGenerationRequest; readonly size: string }> = [
  {
    name: "CogVideoX text to video",
    request: { model: "cogvideox-3", prompt: "A cat is playing with a ball.", quality: "quality", with_audio: true, size: "1920x1080", fps: 30 },
    size: "48x32"
  },
  {
    name: "CogVideoX image to video",
    request: { model: "cogvideox-3", image_url: frame, prompt: "Make the picture move", duration: 10, size: "1080x1920" },
    size: "32x48"
  },
  {
    name: "CogVideoX first and last frame",
    request: { model: "cogvideox-2", image_url: [frame, last], quality: "speed", off_peak: true },
    size: "48x32"
  },
  {
    name: "Vidu text to video",
    request: { model: "viduq1-text", prompt: "A paper plane over a city", style: "anime", aspect_ratio: "1:1", movement_amplitude: "small" },
    size: "48x48"
  },
  {
    name: "Vidu image to video",
    request: { model: "viduq1-image", image_url: frame, prompt: "Wind in the trees", duration: 5, with_audio: true },
    size: "48x32"
  },
  {
    name: "Vidu first and last frame",
    request: { model: "vidu2-start-end", image_url: [frame, last], size: "1280x720", movement_amplitude: "large" },
    size: "48x32"
  },
  {
    name: "Vidu reference to video",
    request: { model: "vidu2-reference", image_url: [frame, last, frame], prompt: "Two friends walk", aspect_ratio: "9:16" },
    size: "32x48"
  },
  {
    name: "a model outside the known families",
    request: { model: "vidu3-pro", prompt: "A comet", image_url: { url: frame }, fps: 24 },
    size: "48x32"
  }
]

layer(simLayer({ asyncPolls: 2 }))("Videos", (it) => {
  describe("generate and waitFor", () => {
    for (const { name, request, size } of cases) {
      it.effect(`${name}: sends the request, polls the task, serves a real MP4 and a PNG cover`, () =>
        Effect.gen(function*() {
          yield* Simulator.reset
          const service = yield* Videos
          const task = yield* service.generate(request, { requestId: `req-${request.model}` })
          assert.strictEqual(task.task.task_status, "PROCESSING")
          assert.strictEqual(task.task.model, request.model)
          assert.strictEqual(task.task.request_id, `req-${request.model}`)
          const fiber = yield* Effect.forkChild(task.waitFor())
          const exit = yield* TestLayers.drive(fiber, { step: "1 second" })
          const done = Exit.isSuccess(exit) ? exit.value : undefined
          assert.strictEqual(done?.task_status, "SUCCESS", String(exit))
          const [video] = videos(done ?? {})

          const requests = yield* Simulator.requests
          assert.strictEqual(requests[0]?.method, "POST")
          assert.strictEqual(requests[0]?.path, "/videos/generations")
          assert.match(requests[0]?.headers["content-type"] ?? "", /^application\/json/)
          assert.strictEqual(requests[0]?.headers.authorization, "Bearer <redacted>")
          assert.deepStrictEqual(requests[0]?.body, { ...request, request_id: `req-${request.model}` })
          const polls = requests.filter((r) => r.method === "GET" && r.path === `/async-result/${task.id}`)
          assert.strictEqual(polls.length, 3)

          const mp4 = checkMp4(yield* collect(service.download(video?.url ?? "")))
          assert.strictEqual(mp4.brand, "isom")
          assert.deepStrictEqual(mp4.topLevel, ["ftyp", "moov", "mdat"])
          assert.strictEqual(`${mp4.width}x${mp4.height}`, size)
          assert.strictEqual(mp4.profile, 66)
          assert.strictEqual(mp4.frames, 8)
          assert.isTrue(mp4.nalTypes.every((t) => t === 5))
          assert.strictEqual(mp4.seconds, 1)
          const cover = checkPng(yield* collect(service.download(video?.coverImageUrl ?? "")))
          assert.strictEqual(`${cover.width}x${cover.height}`, size)
          // on another origin (a CDN link) the same file comes without the key
          const foreign = (video?.url ?? "").replace("//127.0.0.1:", "//localhost:")
          assert.strictEqual(checkMp4(yield* collect(service.download(foreign))).frames, 8)
          const cdn = (yield* Simulator.requests).at(-1)
          assert.strictEqual(cdn?.auth, "none")
          assert.isUndefined(cdn?.headers.authorization)
        }))
    }

    it.effect("is deterministic, and resumes from a stored id", () =>
      Effect.gen(function*() {
        const service = yield* Videos
        const request: Wire.VideoGenerationRequest = { model: "cogvideox-flash", prompt: "Rain on a window" }
        const first = yield* service.generate(request)
        const second = yield* service.generate(request)
        assert.notStrictEqual(first.id, second.id)
        const a = yield* Effect.forkChild(service.waitFor(first.id, { schedule: Schedule.spaced("2 seconds") }))
        const b = yield* Effect.forkChild(second.waitFor())
        const [ea, eb] = [yield* TestLayers.drive(a, { step: "1 second" }), yield* TestLayers.drive(b, { step: "1 second" })]
        assert.deepStrictEqual(Exit.isSuccess(ea) ? videos(ea.value) : [], Exit.isSuccess(eb) ? videos(eb.value) : ["different"])
        const early = yield* (yield* service.generate({ ...request, prompt: "Snow" })).retrieve()
        assert.strictEqual(early.task_status, "PROCESSING")
      }))
  })

  describe("errors", () => {
    it.effect("rejects fields of another family and bad values naming the field, before anything is sent", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const service = yield* Videos
        const foreign = failureOf(yield* Effect.exit(service.generate({ model: "cogvideox-3", prompt: "x", aspect_ratio: "16:9" })))
        assert.strictEqual(foreign._tag, "InvalidRequestInput")
        assert.include(foreign.message, "(CogVideoX): aspect_ratio: unknown key")
        const neither = failureOf(yield* Effect.exit(service.generate({ model: "cogvideox-3" })))
        assert.include(neither.message, "prompt: missing: give prompt, image_url, or both")
        const fps = failureOf(yield* Effect.exit(service.generate({ model: "cogvideox-3", prompt: "x", fps: 24 })))
        assert.include(fps.message, "fps: expected 30 | 60, got 24")
        const noPrompt = failureOf(yield* Effect.exit(service.generate({ model: "viduq1-text", style: "anime" })))
        assert.include(noPrompt.message, "(Vidu text to video): prompt: missing (required)")
        const tooMany = failureOf(yield* Effect.exit(service.generate({ model: "vidu2-reference", image_url: [frame, frame, frame, frame] })))
        assert.include(tooMany.message, "image_url: expected 1 to 3 images")
        const quality = failureOf(yield* Effect.exit(service.generate({ model: "viduq1-image", image_url: frame, quality: "speed" })))
        assert.include(quality.message, 'quality: unknown key "quality"')
        const user = failureOf(yield* Effect.exit(service.generate({ model: "cogvideox-3", prompt: "x", user_id: "abc" })))
        assert.include(user.message, "user_id")
        const id = failureOf(yield* Effect.exit(service.waitFor("a/b")))
        assert.strictEqual(id._tag, "InvalidRequestInput")
        const url = failureOf(yield* Effect.exit(Stream.runDrain(service.download("video.mp4"))))
        assert.include(url.message, "url: expected an absolute http(s) URL")
        assert.deepStrictEqual(yield* Simulator.requests, [])
      }))

    it.effect("maps the API's 400s naming the field, and faults, to typed ZaiErrors", () =>
      Effect.gen(function*() {
        const service = yield* Videos
        const image = failureOf(yield* Effect.exit(service.generate({ model: "viduq1-image", image_url: "not a url" })))
        assert.strictEqual(image._tag, "InvalidRequestError")
        assert.strictEqual(codeOf(image), "1214")
        assert.include(image.message, "image_url")
        const second = failureOf(yield* Effect.exit(service.generate({ model: "vidu2-start-end", image_url: [frame, "ftp://x"] })))
        assert.include(second.message, "image_url[1]")
        const size = failureOf(yield* Effect.exit(service.generate({ model: "cogvideox-3", prompt: "x", size: "1000x1000" })))
        assert.include(size.message, "size")
        const mode = failureOf(
          yield* Effect.exit(service.generate({ model: "cogvideox-3", image_url: [frame, last], quality: "quality" }))
        )
        assert.include(mode.message, "quality")
        const model = failureOf(yield* Effect.exit(service.generate({ model: "sora-2", prompt: "x" })))
        assert.include(model.message, "1211")
        const limited = failureOf(
          yield* Effect.exit(service.generate({ model: "cogvideox-3", prompt: "x" }, { headers: { "x-zai-sim-fault": "rate-limit" } }))
        )
        assert.strictEqual(limited._tag, "RateLimitError")
        const unknown = failureOf(yield* Effect.exit(service.retrieve("no-such-task")))
        assert.strictEqual(unknown._tag, "NotFoundError")
      }))

    it.effect("a failed task fails with TaskFailedError; a slow one times out", () =>
      Effect.gen(function*() {
        const service = yield* Videos
        const failing = yield* service.generate({ model: "cogvideox-3", prompt: "x" }, { headers: { "x-zai-sim-fault": "task-failed" } })
        const error = failureOf(yield* TestLayers.drive(yield* Effect.forkChild(failing.waitFor()), { step: "1 second" }))
        assert.strictEqual(error._tag, "TaskFailedError")
        assert.strictEqual(codeOf(error), "1234")
        const slow = yield* service.generate({ model: "cogvideox-3", prompt: "slow" })
        const waited = slow.waitFor({ schedule: Schedule.spaced("1 second"), timeout: "1500 millis" })
        const timeout = failureOf(yield* TestLayers.drive(yield* Effect.forkChild(waited), { step: "100 millis" }))
        assert.strictEqual(timeout._tag, "TimeoutError")
        assert.strictEqual(timeout._tag === "TimeoutError" ? timeout.kind : undefined, "poll")
      }))
  })

  describe("files", () => {
    it.effect("downloads a video to a file, and sends local images as data URLs", () =>
      Effect.gen(function*() {
        const dir = mkdtempSync(join(tmpdir(), "zai-videos-"))
        yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(dir, { recursive: true, force: true })))
        const service = yield* Videos
        const task = yield* service.generate({ model: "cogvideox-3", prompt: "A sailing boat" })
        const exit = yield* TestLayers.drive(yield* Effect.forkChild(task.waitFor()), { step: "1 second" })
        const [video] = Exit.isSuccess(exit) ? videos(exit.value) : []
        const path = join(dir, "boat.mp4")
        yield* service.downloadToFile(video?.url ?? "", path)
        assert.strictEqual(checkMp4(new Uint8Array(readFileSync(path))).frames, 8)

        // a local image: the cover PNG written to disk, then read back as a path, bytes, Blob and stream
        const png = yield* collect(service.download(video?.coverImageUrl ?? ""))
        const pngPath = join(dir, "start.png")
        writeFileSync(pngPath, png)
        const expected = `data:image/png;base64,${Buffer.from(png).toString("base64")}`
        assert.strictEqual(yield* imageDataUrl(Multipart.fromPath(pngPath)), expected)
        assert.strictEqual(yield* imageDataUrl(Multipart.fromBytes(png, { filename: "start.png" })), expected)
        assert.strictEqual(yield* imageDataUrl(Multipart.fromBlob(new Blob([png], { type: "image/png" }))), expected)
        assert.strictEqual(yield* imageDataUrl(Multipart.fromStream(Stream.make(png.subarray(0, 10), png.subarray(10)), { contentType: "image/png" })), expected)
        const notImage = yield* Effect.exit(imageDataUrl(Multipart.fromBytes(png)))
        assert.include(failureOf(notImage).message, "is not an image")
        const fromLocal = yield* service.generate({ model: "viduq1-image", image_url: yield* imageDataUrl(Multipart.fromPath(pngPath)) })
        assert.strictEqual(fromLocal.task.task_status, "PROCESSING")
      }).pipe(Effect.provide(NodeFileSystem.layer), Effect.scoped))
  })
})

describe("Videos: lenient decoding", () => {
  it.effect("keeps unknown fields and accepts nulls in a submission and a result", () => {
    const seen: Array<Seen> = []
    const body = JSON.stringify({
      id: "video-task-9",
      request_id: null,
      model: "cogvideox-3",
      task_status: "SUCCESS",
      video_result: [
        { url: "https://cdn.example.com/v.mp4", cover_image_url: null, duration_ms: 5000 },
        { url: null, cover_image_url: "https://cdn.example.com/c.png" }
      ],
      queue_position: null,
      surprise: { nested: [1] }
    })
    return Effect.gen(function*() {
      const service = yield* Videos
      const task = yield* service.generate({ model: "cogvideox-3", prompt: "x" })
      assert.strictEqual(task.id, "video-task-9")
      assert.deepStrictEqual(task.task.surprise, { nested: [1] })
      const result = yield* task.waitFor()
      assert.isNull(result.queue_position)
      assert.strictEqual(result.video_result?.[0]?.duration_ms, 5000)
      assert.deepStrictEqual(videos(result), [{ url: "https://cdn.example.com/v.mp4", coverImageUrl: undefined }])
      assert.deepStrictEqual(
        seen.map((s) => `${s.method} ${s.url}`),
        ["POST http://zai.test/api/paas/v4/videos/generations", "GET http://zai.test/api/paas/v4/async-result/video-task-9"]
      )
      assert.deepStrictEqual(JSON.parse(seen[0]?.body ?? ""), { model: "cogvideox-3", prompt: "x" })
    }).pipe(Effect.provide(fixedLayer(body, seen)))
  })
})
