import { join } from "node:path"
import { assert, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { Effect } from "effect"
import { at, tempDir, zai } from "./support.js"

const json = (run: { readonly code: number; readonly stdout: string; readonly stderr: string }) => {
  assert.strictEqual(run.code, 0, run.stderr)
  return JSON.parse(run.stdout) as Record<string, unknown>
}

const keys = (value: Record<string, unknown>) => Object.keys(value).sort()

layer(Simulator.layer({ asyncPolls: 1 }), { excludeTestServices: true })("--json shapes (as in the README)", (it) => {
  it.effect("image, video, speak, parse, translate, slides", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const dir = tempDir()
      const fast = ["--poll-interval", "0.01", "--json"]

      const image = json(yield* zai([...at(sim.url), "image", "a fox", "-o", "fox.png", "--json"], { cwd: dir }))
      assert.deepStrictEqual(keys(image), ["file", "response", "url"])
      assert.strictEqual(image.file, join(dir, "fox.png"))

      const submitted = json(yield* zai([...at(sim.url), "video", "waves", "--json"]))
      assert.deepStrictEqual(keys(submitted), ["id", "task"])
      const video = json(yield* zai([...at(sim.url), "video", "waves", "--wait", ...fast]))
      assert.deepStrictEqual(keys(video), ["coverImageUrl", "id", "result", "url"])

      const speak = json(yield* zai([...at(sim.url), "speak", "hi there", "-o", "hi.wav", "--json"], { cwd: dir }))
      assert.deepStrictEqual(speak, { file: join(dir, "hi.wav"), format: "wav", voice: "tongtong" })

      const parse = json(yield* zai([...at(sim.url), "parse", "hi.wav", "--tool", "lite", ...fast], { cwd: dir }))
      assert.deepStrictEqual(keys(parse), ["content", "taskId"])

      const translate = json(yield* zai([...at(sim.url), "translate", "Hello world", "--to", "fr", "--json"]))
      assert.deepStrictEqual(keys(translate), ["completion", "from", "text", "to"])
      assert.strictEqual(translate.text, "[en→fr] Bonjour monde")

      const slides = json(yield* zai([...at(sim.url), "slides", "Tides: a, b and c", "--json"]))
      assert.deepStrictEqual(keys(slides), ["conversationId", "pages", "text"])
      const rendered = json(yield* zai([...at(sim.url), "slides", "Tides: a, b and c", "--wait", ...fast]))
      assert.deepStrictEqual(keys(rendered), ["conversationId", "imageUrls", "pages", "pdfUrl", "text"])
    }))

  it.effect("pipelines show, graph and validate", () =>
    Effect.gen(function*() {
      const show = json(yield* zai(["pipelines", "show", "meeting-minutes", "--json"]))
      assert.deepStrictEqual(keys(show), ["file", "spec"])
      const graph = json(yield* zai(["pipelines", "graph", "meeting-minutes", "--json"]))
      assert.match(String(graph.mermaid), /^flowchart TD/)
      const validate = json(yield* zai(["pipelines", "validate", "meeting-minutes", "--json"]))
      assert.deepStrictEqual(keys(validate), ["file", "name", "steps", "valid"])
      assert.strictEqual(validate.valid, true)
    }))
})
