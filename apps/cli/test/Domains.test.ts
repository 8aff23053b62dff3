import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, layer } from "@effect/vitest"
import { MediaChecks, Simulator } from "@zai-kit/testing"
import { Effect } from "effect"
import { at, tempDir, zai } from "./support.js"

const ok = (run: { readonly code: number; readonly stderr: string }) => assert.strictEqual(run.code, 0, run.stderr)

const fast = ["--poll-interval", "0.01"]

layer(Simulator.layer({ asyncPolls: 1 }), { excludeTestServices: true })("every domain command on the simulator", (it) => {
  it.effect("search prints numbered results; --json the response", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const run = yield* zai([...at(sim.url), "search", "language models", "-n", "2"])
      ok(run)
      assert.match(run.stdout, /^1\. .+\n {3}https?:\/\//)
      assert.include(run.stdout, "\n\n2. ")
      const json = yield* zai([...at(sim.url), "search", "language models", "-n", "2", "--json"])
      assert.strictEqual(JSON.parse(json.stdout).search_result.length, 2)
    }))

  it.effect("read prints the page's content", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const run = yield* zai([...at(sim.url), "read", "https://example.com"])
      ok(run)
      assert.include(run.stdout, "Example")
      const bad = yield* zai([...at(sim.url), "read", "not-a-url"])
      assert.strictEqual(bad.code, 2)
      assert.include(bad.stderr, "url")
    }))

  it.effect("image -o writes a PNG and prints its path", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const dir = tempDir()
      const run = yield* zai([...at(sim.url), "image", "a red fox in snow", "-o", "fox.png"], { cwd: dir })
      ok(run)
      assert.strictEqual(run.stdout.trim(), join(dir, "fox.png"))
      MediaChecks.checkPng(readFileSync(join(dir, "fox.png")))
      const url = yield* zai([...at(sim.url), "image", "a red fox", "--json"])
      assert.match(JSON.parse(url.stdout).url, /^http:\/\/127\.0\.0\.1:\d+\//)
    }))

  it.effect("video prints the task id; --wait -o writes the MP4 with progress on stderr", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const dir = tempDir()
      const submitted = yield* zai([...at(sim.url), "video", "waves at dusk"])
      ok(submitted)
      assert.match(submitted.stdout.trim(), /^\S+$/)
      const run = yield* zai([...at(sim.url), "video", "waves at dusk", "--wait", "-o", "waves.mp4", ...fast], { cwd: dir })
      ok(run)
      const mp4 = readFileSync(join(dir, "waves.mp4"))
      assert.strictEqual(mp4.subarray(4, 8).toString("latin1"), "ftyp")
      assert.match(run.stderr, /video \S+: done after \d+\.\ds/)
    }))

  it.effect("speak -o writes a WAV that transcribe reads back", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const dir = tempDir()
      ok(yield* zai([...at(sim.url), "speak", "good morning everyone", "-o", "hello.wav"], { cwd: dir }))
      assert.strictEqual(readFileSync(join(dir, "hello.wav")).subarray(0, 4).toString("latin1"), "RIFF")
      const run = yield* zai([...at(sim.url), "transcribe", "hello.wav"], { cwd: dir })
      ok(run)
      assert.strictEqual(run.stdout.trim(), "good morning everyone")
      const missing = yield* zai([...at(sim.url), "transcribe", "nope.wav"], { cwd: dir })
      assert.strictEqual(missing.code, 2)
      assert.include(missing.stderr, 'FILE: cannot read "nope.wav" (ENOENT)')
    }))

  it.effect("ocr prints markdown; parse waits for the parser and prints the text", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const dir = tempDir()
      writeFileSync(join(dir, "notes.txt"), "Quarterly results were strong.")
      const ocr = yield* zai([...at(sim.url), "ocr", "https://example.com/scan.png"], { cwd: dir })
      ok(ocr)
      assert.isAbove(ocr.stdout.trim().length, 0)
      const parse = yield* zai([...at(sim.url), "parse", "notes.txt", ...fast], { cwd: dir })
      ok(parse)
      assert.include(parse.stdout, "Quarterly results were strong.")
    }))

  it.effect("translate prints the translation; the text may come from stdin", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const run = yield* zai([...at(sim.url), "translate", "--to", "fr"], { stdin: "Hello world" })
      ok(run)
      assert.strictEqual(run.stdout.trim(), "[en→fr] Bonjour monde")
    }))

  it.effect("slides --wait -o DIR downloads the PDF and page images", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const dir = tempDir()
      const run = yield* zai([...at(sim.url), "slides", "Tides: causes, energy and risks", "--wait", "-o", "deck", ...fast], { cwd: dir })
      ok(run)
      const files = run.stdout.trim().split("\n")
      const pdf = files.find((f) => f.endsWith(".pdf"))
      assert.isDefined(pdf)
      assert.strictEqual(readFileSync(pdf ?? "").subarray(0, 5).toString("latin1"), "%PDF-")
      assert.isAbove(files.filter((f) => f.endsWith(".png")).length, 0)
    }))

  it.effect("embed prints one vector per text; --json the response", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const run = yield* zai([...at(sim.url), "embed", "first text", "second text", "--dimensions", "256"])
      ok(run)
      const lines = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as ReadonlyArray<number>)
      assert.deepStrictEqual(lines.map((v) => v.length), [256, 256])
      const stdin = yield* zai([...at(sim.url), "embed", "--json"], { stdin: "one\ntwo\nthree\n" })
      assert.strictEqual(JSON.parse(stdin.stdout).data.length, 3)
    }))

  it.effect("tokens prints a count; moderate a verdict", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const tokens = yield* zai([...at(sim.url), "tokens", "hello world, how are you"])
      ok(tokens)
      assert.match(tokens.stdout.trim(), /^\d+$/)
      const moderate = yield* zai([...at(sim.url), "moderate", "a friendly comment", "--json"])
      ok(moderate)
      assert.isArray(JSON.parse(moderate.stdout).result_list)
    }))

  it.effect("files upload, list, get, content and delete", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const dir = tempDir()
      const line = JSON.stringify({ custom_id: "r1", method: "POST", url: "/v4/chat/completions", body: { model: "glm-4.6", messages: [{ role: "user", content: "hi" }] } })
      writeFileSync(join(dir, "requests.jsonl"), `${line}\n`)
      const upload = yield* zai([...at(sim.url), "files", "upload", "requests.jsonl", "--purpose", "batch"], { cwd: dir })
      ok(upload)
      const id = upload.stdout.trim()
      const list = yield* zai([...at(sim.url), "files", "list", "--json"])
      assert.include(JSON.parse(list.stdout).map((f: { id: string }) => f.id), id)
      const get = yield* zai([...at(sim.url), "files", "get", id])
      assert.include(get.stdout, "filename: requests.jsonl")
      const content = yield* zai([...at(sim.url), "files", "content", id])
      assert.strictEqual(content.stdout, `${line}\n`)
      ok(yield* zai([...at(sim.url), "files", "content", id, "-o", "copy.jsonl"], { cwd: dir }))
      assert.strictEqual(readFileSync(join(dir, "copy.jsonl"), "utf8"), `${line}\n`)
      ok(yield* zai([...at(sim.url), "files", "delete", id]))
      const gone = yield* zai([...at(sim.url), "files", "get", id])
      assert.strictEqual(gone.code, 1)
    }))

  it.effect("batches create --wait, get, list", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const dir = tempDir()
      const line = JSON.stringify({ custom_id: "r1", method: "POST", url: "/v4/chat/completions", body: { model: "glm-4.6", messages: [{ role: "user", content: "hi" }] } })
      writeFileSync(join(dir, "in.jsonl"), `${line}\n`)
      const fileId = (yield* zai([...at(sim.url), "files", "upload", "in.jsonl", "--purpose", "batch"], { cwd: dir })).stdout.trim()
      const run = yield* zai([...at(sim.url), "batches", "create", fileId, "--wait", ...fast])
      ok(run)
      assert.include(run.stdout, "status: completed")
      assert.include(run.stdout, "requests: 1/1 done")
      const id = /id: (\S+)/.exec(run.stdout)?.[1] ?? ""
      const json = yield* zai([...at(sim.url), "batches", "get", id, "--json"])
      assert.strictEqual(JSON.parse(json.stdout).status, "completed")
      const list = yield* zai([...at(sim.url), "batches", "list"])
      assert.include(list.stdout, id)
    }))

  it.effect("fine-tune create, wait, events, list", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const dir = tempDir()
      const line = JSON.stringify({ messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }] })
      writeFileSync(join(dir, "train.jsonl"), `${line}\n`)
      const fileId = (yield* zai([...at(sim.url), "files", "upload", "train.jsonl", "--purpose", "fine-tune"], { cwd: dir })).stdout.trim()
      const created = yield* zai([...at(sim.url), "fine-tune", "create", "--model", "glm-4-flash", "--training-file", fileId])
      ok(created)
      const id = created.stdout.trim()
      const waited = yield* zai([...at(sim.url), "fine-tune", "wait", id, ...fast])
      ok(waited)
      assert.include(waited.stdout, "status: succeeded")
      const events = yield* zai([...at(sim.url), "fine-tune", "events", id, "--json"])
      assert.isAbove(JSON.parse(events.stdout).length, 0)
      const list = yield* zai([...at(sim.url), "fine-tune", "list"])
      assert.include(list.stdout, id)
    }))

  it.effect("knowledge create, list, upload, document --wait, capacity, delete", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const dir = tempDir()
      const created = yield* zai([...at(sim.url), "knowledge", "create", "handbook", "--description", "the staff handbook"])
      ok(created)
      const id = created.stdout.trim()
      assert.include((yield* zai([...at(sim.url), "knowledge", "list"])).stdout, "handbook")
      writeFileSync(join(dir, "leave.txt"), "Staff get 25 days of leave.")
      const upload = yield* zai([...at(sim.url), "knowledge", "upload", id, "leave.txt", "--json"], { cwd: dir })
      ok(upload)
      const documentId = JSON.parse(upload.stdout).successInfos[0].documentId as string
      const document = yield* zai([...at(sim.url), "knowledge", "document", documentId, "--wait", ...fast])
      ok(document)
      assert.include(document.stdout, "state: done")
      ok(yield* zai([...at(sim.url), "knowledge", "capacity"]))
      ok(yield* zai([...at(sim.url), "knowledge", "delete", id]))
    }))

  it.effect("voices list, clone and delete", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const dir = tempDir()
      const list = yield* zai([...at(sim.url), "voices", "list", "--type", "OFFICIAL"])
      ok(list)
      assert.include(list.stdout, "tongtong")
      ok(yield* zai([...at(sim.url), "speak", "my own voice sample", "-o", "sample.wav"], { cwd: dir }))
      const fileId = (yield* zai([...at(sim.url), "files", "upload", "sample.wav", "--purpose", "voice-clone-input"], { cwd: dir })).stdout.trim()
      const cloned = yield* zai([...at(sim.url), "voices", "clone", "my-voice", "--file-id", fileId, "--text", "Hello from my voice"])
      ok(cloned)
      const voice = cloned.stdout.trim()
      assert.include((yield* zai([...at(sim.url), "voices", "list", "--type", "PRIVATE"])).stdout, voice)
      ok(yield* zai([...at(sim.url), "voices", "delete", voice]))
    }))
})
