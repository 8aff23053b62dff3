/**
 * End to end on the bundled entry (`dist/zai.js`, built once here): a child process per case, for what needs a real
 * process — piped stdin, Ctrl-C (SIGINT) and the bundle itself.
 */
import { execFileSync, spawn } from "node:child_process"
import { cpSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { assert, beforeAll, describe, it, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { Effect, Schedule } from "effect"
import { at, tempDir } from "./support.js"

const root = fileURLToPath(new URL("..", import.meta.url))
const bin = join(root, "dist", "zai.js")

interface Exit {
  readonly code: number | null
  readonly signal: string | null
  readonly stdout: string
  readonly stderr: string
}

/** Spawns the bundled `zai`; `interrupt` (if given) runs once the process is up and may send it a signal. */
const spawnZai = (
  args: ReadonlyArray<string>,
  options: { readonly stdin?: string; readonly cwd?: string; readonly bin?: string } = {}
) =>
  Effect.callback<{ readonly child: ReturnType<typeof spawn>; readonly done: Promise<Exit>; readonly stdout: () => string }>((resume) => {
    const { ZAI_API_KEY: _k, ZAI_BASE_URL: _u, ZAI_REGION: _r, ...env } = process.env
    const child = spawn(process.execPath, [options.bin ?? bin, ...args], {
      env: { ...env, NO_COLOR: "1" },
      stdio: ["pipe", "pipe", "pipe"],
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {})
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()))
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()))
    const done = new Promise<Exit>((r) => child.on("close", (code, signal) => r({ code, signal, stdout, stderr })))
    if (options.stdin !== undefined) child.stdin.end(options.stdin)
    resume(Effect.succeed({ child, done, stdout: () => stdout }))
    return Effect.sync(() => child.kill("SIGKILL"))
  })

beforeAll(() => {
  execFileSync(process.execPath, [join(root, "scripts", "bundle.ts")], { stdio: "inherit" })
}, 60_000)

describe("the bundled entry", () => {
  it.live("prints help and exits 0", () =>
    Effect.gen(function*() {
      const { done } = yield* spawnZai(["--help"])
      const exit = yield* Effect.promise(() => done)
      assert.strictEqual(exit.code, 0)
      assert.include(exit.stdout, "SUBCOMMANDS")
    }))

  it.live("reads a prompt piped on stdin and says once that it uses the embedded simulator", () =>
    Effect.gen(function*() {
      const { done } = yield* spawnZai(["chat"], { stdin: "Tell me about tidal energy\n" })
      const exit = yield* Effect.promise(() => done)
      assert.strictEqual(exit.code, 0, exit.stderr)
      assert.include(exit.stdout, "tidal energy")
      assert.strictEqual(exit.stderr.match(/built-in simulator/g)?.length, 1)
    }))

  it.live("runs a built-in pipeline from the bundle (its spec files ship next to it)", () =>
    Effect.gen(function*() {
      const { done } = yield* spawnZai(["pipelines", "validate", "meeting-minutes"])
      const exit = yield* Effect.promise(() => done)
      assert.strictEqual(exit.code, 0, exit.stderr)
      assert.include(exit.stdout, 'valid pipeline "meeting-minutes"')
    }))

  it.live("is self-contained: a copy of dist/ outside the repository (no node_modules) runs a pipeline", () =>
    Effect.gen(function*() {
      const copy = join(tempDir(), "zai")
      cpSync(join(root, "dist"), copy, { recursive: true })
      const work = tempDir()
      const { done } = yield* spawnZai(["run", "meeting-minutes", "--help"], { bin: join(copy, "zai.js"), cwd: work })
      assert.strictEqual((yield* Effect.promise(() => done)).code, 0)
      const chat = yield* spawnZai(["chat", "-q", "hello from a copy"], { bin: join(copy, "zai.js"), cwd: work })
      const exit = yield* Effect.promise(() => chat.done)
      assert.strictEqual(exit.code, 0, exit.stderr)
      assert.include(exit.stdout, "hello from a copy")
    }))

  it.live("Ctrl-C on `zai simulator` stops it with exit code 130", () =>
    Effect.gen(function*() {
      const { child, done, stdout } = yield* spawnZai(["simulator", "--port", "0"])
      yield* Effect.sync(stdout).pipe(
        Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: (text) => text.includes("http://127.0.0.1:") }),
        Effect.timeout("20 seconds")
      )
      child.kill("SIGINT")
      const exit = yield* Effect.promise(() => done)
      assert.strictEqual(exit.code, 130)
    }))
})

layer(Simulator.layer(), { excludeTestServices: true })("Ctrl-C during a request", (it) => {
  it.effect("cancels the request in flight and exits 130", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      yield* sim.injectFaults(["stall-before"])
      const { child, done } = yield* spawnZai([...at(sim.url), "chat", "this answer never comes"])
      yield* sim.requests.pipe(
        Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: (requests) => requests.length > 0 }),
        Effect.timeout("20 seconds")
      )
      child.kill("SIGINT")
      const exit = yield* Effect.promise(() => done)
      assert.strictEqual(exit.code, 130, exit.stderr)
      assert.strictEqual(exit.stdout, "")
      assert.notInclude(exit.stderr, "at ")
    }))

  it.effect("cancels a pipeline run: the step in flight is interrupted and zai exits 130", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      yield* sim.injectFaults(["stall-before"])
      const dir = tempDir()
      writeFileSync(join(dir, "s.yaml"), 'name: s\nsteps:\n  - id: search\n    uses: web.search\n    with: { query: "tides" }\n')
      const { child, done, stdout } = yield* spawnZai([...at(sim.url), "run", "s.yaml", "--json"], { cwd: dir })
      yield* sim.requests.pipe(
        Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: (requests) => requests.length > 0 }),
        Effect.timeout("20 seconds")
      )
      yield* Effect.sync(stdout).pipe(
        Effect.repeat({ schedule: Schedule.spaced("20 millis"), until: (text) => text.includes("StepStarted") }),
        Effect.timeout("20 seconds")
      )
      child.kill("SIGINT")
      const exit = yield* Effect.promise(() => done)
      assert.strictEqual(exit.code, 130, exit.stderr)
      assert.notInclude(exit.stdout, "RunOutput")
    }))
})
