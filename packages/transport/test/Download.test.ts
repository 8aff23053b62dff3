import { NodeFileSystem } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, FileSystem, Stream } from "effect"
import { HttpClientError, HttpClientRequest } from "effect/http"
import { Download, ZaiClient } from "../src/index.js"
import { bytes, clientLayer, makeTestClient, type Reply } from "./helpers.js"

const brokenBody = Stream.concat(
  bytes("partial "),
  Stream.fail(
    new HttpClientError.HttpClientError({
      reason: new HttpClientError.TransportError({ request: HttpClientRequest.get("http://cdn.test"), cause: new Error("reset") })
    })
  )
)

const download = (reply: Reply, url: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const dir = yield* fs.makeTempDirectoryScoped()
    const path = `${dir}/out.bin`
    const { client, requests } = makeTestClient(() => Effect.succeed(reply))
    const exit = yield* Effect.exit(
      Effect.flatMap(ZaiClient.ZaiClient, (zai) => Download.toFile(zai, url, path, "test.download")).pipe(
        Effect.provide(clientLayer(client, { maxRetries: 0 }))
      )
    )
    return { exit, requests, files: yield* fs.readDirectory(dir), path, fs }
  }).pipe(Effect.scoped, Effect.provide(NodeFileSystem.layer))

describe("Download", () => {
  it.effect("toFile streams the body into the file and leaves no .partial behind", () =>
    Effect.gen(function* () {
      const reply: Reply = { _tag: "Response", status: 200, stream: bytes("ab", "cd") }
      const { exit, requests, files } = yield* download(reply, "https://cdn.test/x.mp4")
      assert.isTrue(Exit.isSuccess(exit))
      assert.deepStrictEqual(files, ["out.bin"])
      assert.strictEqual(requests[0]?.url, "https://cdn.test/x.mp4")
      // a CDN host gets no credentials
      assert.isUndefined(requests[0]?.headers.authorization)
    }))

  it.effect("a body that breaks leaves no file at all", () =>
    Effect.gen(function* () {
      const { exit, files } = yield* download({ _tag: "Response", status: 200, stream: brokenBody }, "https://cdn.test/x.mp4")
      assert.isTrue(Exit.isFailure(exit))
      assert.deepStrictEqual(files, [])
    }))

  it.effect("refuses a URL that is not absolute http(s), before any request", () =>
    Effect.gen(function* () {
      const { exit, requests } = yield* download({ _tag: "Response", status: 200, body: "x" }, "file:///etc/passwd")
      assert.strictEqual(requests.length, 0)
      const error = Exit.isFailure(exit) ? Cause.findErrorOption(exit.cause) : undefined
      assert.include(error?._tag === "Some" ? String((error.value as Error).message) : "", "url: expected an absolute http(s) URL")
    }))
})
