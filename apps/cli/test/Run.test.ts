import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { Effect } from "effect"
import { at, tempDir, zai } from "./support.js"

const spec = `name: mini-research
description: Search a topic, read the results, write a note
inputs:
  topic:
    type: string
    required: true
  count:
    type: number
    default: 2
steps:
  - id: search
    uses: web.search
    with:
      query: "\${{ input.topic }}"
      count: "\${{ input.count }}"
  - id: read
    uses: web.read
    forEach: "\${{ steps.search.output.urls }}"
    concurrency: 2
    with:
      url: "\${{ item }}"
  - id: note
    uses: io.write
    with:
      path: note.md
      content: "# \${{ input.topic }}\\n\\n\${{ steps.search.output.query }}\\n"
outputs:
  note: "\${{ steps.note.output.path }}"
  urls: "\${{ steps.search.output.urls }}"
`

const specDir = (): string => {
  const dir = tempDir()
  writeFileSync(join(dir, "mini.yaml"), spec)
  return dir
}

layer(Simulator.layer(), { excludeTestServices: true })("zai run", (it) => {
  it.effect("runs a spec file: --json streams every event as a JSON line, then the outputs; outputs.json is written", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const dir = specDir()
      const run = yield* zai([...at(sim.url), "run", "mini.yaml", "--input", "topic=tidal energy", "--input", "count=3", "-o", "out", "--json"], {
        cwd: dir
      })
      assert.strictEqual(run.code, 0, run.stderr)
      const lines = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { _tag: string; step?: string; status?: string })
      assert.strictEqual(lines[0]?._tag, "RunStarted")
      const finished = lines.findIndex((e) => e._tag === "RunFinished")
      assert.strictEqual(lines[finished]?.status, "succeeded")
      const succeeded = lines.filter((e) => e._tag === "StepSucceeded").map((e) => e.step)
      for (const step of ["search", "read#0", "read#1", "read#2", "note"]) assert.include(succeeded, step)
      const last = lines[lines.length - 1] as unknown as { _tag: string; output: { note: string; urls: ReadonlyArray<string> } }
      assert.strictEqual(last._tag, "RunOutput")
      assert.strictEqual(last.output.note, join(dir, "out", "note.md"))
      assert.strictEqual(last.output.urls.length, 3)
      assert.strictEqual(readFileSync(join(dir, "out", "note.md"), "utf8").split("\n")[0], "# tidal energy")
      assert.deepStrictEqual(JSON.parse(readFileSync(join(dir, "out", "outputs.json"), "utf8")), last.output)
    }))

  it.effect("without a terminal: plain progress lines on stderr, the outputs and where they are", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const dir = specDir()
      const run = yield* zai([...at(sim.url), "run", "mini.yaml", "--input", "topic=glaciers"], { cwd: dir })
      assert.strictEqual(run.code, 0, run.stderr)
      assert.match(run.stderr, /run \S+: pipeline mini-research started/)
      assert.include(run.stderr, "search (web.search): started")
      assert.match(run.stderr, /read#1: succeeded in \d+\.\ds/)
      assert.match(run.stderr, /run \S+: succeeded in/)
      assert.include(run.stdout, `note: ${join(dir, "note.md")}`)
      assert.include(run.stderr, `outputs written to ${join(dir, "outputs.json")}`)
    }))

  it.effect("on a terminal: a live view with one line per step and forEach items done / total", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const dir = specDir()
      const run = yield* zai([...at(sim.url), "run", "mini.yaml", "--input", "topic=volcanoes"], { cwd: dir, stderrIsTTY: true, env: { NO_COLOR: "1" } })
      assert.strictEqual(run.code, 0, run.stderr)
      assert.match(run.stderr, /✓ read +web\.read succeeded 2\/2 \d+\.\ds/)
      assert.match(run.stderr, /✓ note +io\.write succeeded/)
    }))

  it.effect("a missing required input is a usage error naming it (exit 2), before any request", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      const run = yield* zai([...at(sim.url), "run", "mini.yaml"], { cwd: specDir() })
      assert.strictEqual(run.code, 2)
      assert.include(run.stderr, "topic")
      assert.strictEqual((yield* sim.requests).length, 0)
    }))

  it.effect("--input values follow the declared types: a bad number is a usage error", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const run = yield* zai([...at(sim.url), "run", "mini.yaml", "--input", "topic=x", "--input", "count=many"], { cwd: specDir() })
      assert.strictEqual(run.code, 2)
      assert.include(run.stderr, '--input count: expects a number, got "many"')
      const malformed = yield* zai([...at(sim.url), "run", "mini.yaml", "--input", "topic"], { cwd: specDir() })
      assert.strictEqual(malformed.code, 2)
      assert.include(malformed.stderr, "--input expects KEY=VALUE")
    }))

  it.effect("--input-file gives inputs from YAML or JSON", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const dir = specDir()
      writeFileSync(join(dir, "inputs.json"), JSON.stringify({ topic: "coral reefs", count: 1 }))
      const run = yield* zai([...at(sim.url), "run", "mini.yaml", "--input-file", "inputs.json", "--json"], { cwd: dir })
      assert.strictEqual(run.code, 0, run.stderr)
      const last = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}")
      assert.strictEqual(last.output.urls.length, 1)
    }))

  it.effect("a failing step fails the run with exit 1 and the API's code", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      yield* sim.injectFaults(["insufficient-balance"])
      const run = yield* zai([...at(sim.url), "run", "mini.yaml", "--input", "topic=x", "--json"], { cwd: specDir() })
      assert.strictEqual(run.code, 1)
      assert.include(run.stderr, "1113")
      const events = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { _tag: string; status?: string })
      assert.strictEqual(events.find((e) => e._tag === "RunFinished")?.status, "failed")
    }))

  it.effect("runs a built-in pipeline by name", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      const dir = tempDir()
      const run = yield* zai([...at(sim.url), "run", "research-slides", "--input", "topic=tidal energy", "--input", "maxSources=2", "-o", "out", "-q"], {
        cwd: dir
      })
      assert.strictEqual(run.code, 0, run.stderr)
      assert.isTrue(existsSync(join(dir, "out", "slides.pdf")))
      assert.include(run.stdout, `outline: ${join(dir, "out", "outline.md")}`)
    }))
})

describe("zai pipelines", () => {
  it.live("list names the built-in pipelines", () =>
    Effect.gen(function*() {
      const run = yield* zai(["pipelines", "list"])
      assert.strictEqual(run.code, 0)
      for (const name of ["research-slides", "translate-document", "meeting-minutes"]) assert.include(run.stdout, name)
      const json = yield* zai(["pipelines", "list", "--json"])
      assert.strictEqual(JSON.parse(json.stdout).length, 3)
    }))

  it.live("show prints a spec; graph a Mermaid flowchart; neither needs a key or starts the simulator", () =>
    Effect.gen(function*() {
      const show = yield* zai(["pipelines", "show", "meeting-minutes"])
      assert.strictEqual(show.code, 0)
      assert.include(show.stdout, "name: meeting-minutes")
      const graph = yield* zai(["pipelines", "graph", "mini.yaml"], { cwd: specDir() })
      assert.strictEqual(graph.code, 0, graph.stderr)
      assert.match(graph.stdout, /^flowchart TD\n/)
      assert.include(graph.stdout, "search: web.search")
      assert.notInclude(graph.stderr, "simulator")
    }))

  it.live("validate reports the steps, or the spec's errors with file and line (exit 2)", () =>
    Effect.gen(function*() {
      const dir = specDir()
      const good = yield* zai(["pipelines", "validate", "mini.yaml"], { cwd: dir })
      assert.strictEqual(good.code, 0, good.stderr)
      assert.include(good.stdout, 'valid pipeline "mini-research", 3 steps')
      writeFileSync(join(dir, "bad.yaml"), "name: bad\nsteps:\n  - id: s\n    uses: web.serch\n    with: { query: x }\n")
      const bad = yield* zai(["pipelines", "validate", "bad.yaml"], { cwd: dir })
      assert.strictEqual(bad.code, 2)
      assert.match(bad.stderr, /bad\.yaml:4:\d+: step "s": unknown step kind "web\.serch" \(did you mean "web\.search"\?\)/)
      const missing = yield* zai(["pipelines", "validate", "nope"], { cwd: dir })
      assert.strictEqual(missing.code, 2)
      assert.include(missing.stderr, 'no pipeline "nope"')
    }))
})
