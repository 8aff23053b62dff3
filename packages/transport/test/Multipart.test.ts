import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { NodeFileSystem } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { Multipart } from "../src/index.js"

const text = (blob: FormDataEntryValue | null) =>
  blob instanceof Blob ? Effect.promise(() => blob.text()) : Effect.succeed(String(blob))

describe("Multipart", () => {
  it("flattens nested fields as key[sub] and key[]", () => {
    const parts = Multipart.flatten({
      a: "x",
      n: 1,
      b: true,
      skip: null,
      none: undefined,
      obj: { k: "v", deep: { z: 2 } },
      list: ["p", "q"],
      objects: [{ url: "u1" }, { url: "u2" }]
    })
    assert.deepStrictEqual(
      parts.map((p) => (p._tag === "Text" ? [p.name, p.value] : [p.name, "<file>"])),
      [
        ["a", "x"],
        ["n", "1"],
        ["b", "true"],
        ["obj[k]", "v"],
        ["obj[deep][z]", "2"],
        ["list[]", "p"],
        ["list[]", "q"],
        ["objects[][url]", "u1"],
        ["objects[][url]", "u2"]
      ]
    )
  })

  it("infers content types from names", () => {
    assert.strictEqual(Multipart.contentTypeFor("a.jsonl"), "application/jsonl")
    assert.strictEqual(Multipart.contentTypeFor("a.PNG"), "image/png")
    assert.strictEqual(Multipart.contentTypeFor("a.pdf"), "application/pdf")
    assert.strictEqual(Multipart.contentTypeFor("a.wav"), "audio/wav")
    assert.strictEqual(Multipart.contentTypeFor("noext"), "application/octet-stream")
  })

  it.effect("reads every kind of file input", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(join(tmpdir(), "zai-kit-mp-"))
      const path = join(dir, "notes.txt")
      writeFileSync(path, "from disk")
      const form = yield* Multipart.formData({
        bytes: new TextEncoder().encode("raw bytes"),
        named: Multipart.fromBytes(new TextEncoder().encode("{}"), { filename: "x.json" }),
        blob: new File(["file body"], "photo.png", { type: "image/png" }),
        stream: Multipart.fromStream(Stream.make(new TextEncoder().encode("str"), new TextEncoder().encode("eam")), {
          filename: "s.mp3"
        }),
        path: Multipart.fromPath(path),
        typed: Multipart.fromPath(path, { filename: "renamed.md", contentType: "text/x-custom" })
      }).pipe(Effect.provide(NodeFileSystem.layer))
      const file = (name: string) => form.get(name) as File
      assert.strictEqual(yield* text(form.get("bytes")), "raw bytes")
      assert.strictEqual(file("named").name, "x.json")
      assert.strictEqual(file("named").type, "application/json")
      assert.strictEqual(file("blob").name, "photo.png")
      assert.strictEqual(yield* text(form.get("stream")), "stream")
      assert.strictEqual(file("stream").type, "audio/mpeg")
      assert.strictEqual(file("path").name, "notes.txt")
      assert.strictEqual(file("path").type, "text/plain")
      assert.strictEqual(yield* text(form.get("path")), "from disk")
      assert.strictEqual(file("typed").name, "renamed.md")
      assert.strictEqual(file("typed").type, "text/x-custom")
    }))

  it.effect("a path without a FileSystem, or a missing file, is a typed InvalidRequestError", () =>
    Effect.gen(function* () {
      const noFs = yield* Effect.flip(Multipart.formData({ f: Multipart.fromPath("/nope.txt") }))
      assert.strictEqual(noFs._tag, "InvalidRequestError")
      assert.include(noFs.message, "FileSystem")
      const missing = yield* Effect.flip(
        Multipart.formData({ f: Multipart.fromPath("/definitely/not/here.txt") }).pipe(Effect.provide(NodeFileSystem.layer))
      )
      assert.strictEqual(missing._tag, "InvalidRequestError")
    }))

  it.effect("encode builds the body byte for byte: bare \\n kept, names and filenames escaped, a type per file", () =>
    Effect.gen(function* () {
      const encoded = yield* Multipart.encode({
        custom_separator: ["\n", "\r\n", "。"],
        'we"ird\nname': "v",
        file: Multipart.fromBytes(new Uint8Array([0, 13, 10, 255]), { filename: 'my "report"\r\n.pdf' }),
        other: Multipart.fromBytes(new Uint8Array([1]))
      })
      const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(encoded.contentType)?.[1] ?? ""
      assert.isAbove(boundary.length, 20)
      const latin1 = Array.from(encoded.body, (b) => String.fromCharCode(b)).join("")
      const utf8 = (text: string) => Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join("")
      assert.strictEqual(
        latin1,
        [
          `--${boundary}\r\nContent-Disposition: form-data; name="custom_separator[]"\r\n\r\n\n\r\n`,
          `--${boundary}\r\nContent-Disposition: form-data; name="custom_separator[]"\r\n\r\n\r\n\r\n`,
          `--${boundary}\r\nContent-Disposition: form-data; name="custom_separator[]"\r\n\r\n${utf8("。")}\r\n`,
          `--${boundary}\r\nContent-Disposition: form-data; name="we%22ird%0Aname"\r\n\r\nv\r\n`,
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="my %22report%22%0D%0A.pdf"\r\n` +
            `Content-Type: application/pdf\r\n\r\n\u0000\r\n\u00ff\r\n`,
          `--${boundary}\r\nContent-Disposition: form-data; name="other"; filename="file"\r\n` +
            `Content-Type: application/octet-stream\r\n\r\n\u0001\r\n`,
          `--${boundary}--\r\n`
        ].join("")
      )
      // the platform's parser reads it back (separators exact)
      const form = yield* Effect.promise(() =>
        new Response(encoded.body.slice(), { headers: { "content-type": encoded.contentType } }).formData()
      )
      assert.deepStrictEqual(form.getAll("custom_separator[]"), ["\n", "\r\n", "。"])
      assert.strictEqual(yield* text(form.get("other")), "\u0001")
    }))
})
