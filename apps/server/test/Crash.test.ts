/**
 * Crash safety with a real server process: `kill -9` in the middle of runs, then a restart on the same data folder
 * resumes every accepted run to completion (none lost, none left "running"); SIGTERM stops it gracefully and leaves
 * the run in flight resumable.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process"
import { statSync } from "node:fs"
import { createServer } from "node:net"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, afterEach, assert, describe, it } from "@effect/vitest"
import { Postgres } from "@zai-kit/testing"
import { tempDir } from "./support.js"

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..")
const bin = join(appDir, "dist", "bin.js")
const key = "crash-test-key-0123456789"

/** Builds `dist/` when it is missing or older than a source file (the bootstrap builds it in CI). */
const ensureBuilt = () => {
  const built = (() => {
    try {
      return statSync(bin).mtimeMs
    } catch {
      return 0
    }
  })()
  const newest = Math.max(
    ...execFileSync("find", [join(appDir, "src"), "-name", "*.ts"], { encoding: "utf8" })
      .trim()
      .split("\n")
      .map((file) => statSync(file).mtimeMs)
  )
  if (built < newest) {
    execFileSync(process.execPath, [join(appDir, "..", "..", "node_modules", "typescript", "bin", "tsc"), "-p", join(appDir, "tsconfig.build.json")], {
      stdio: "inherit"
    })
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

const children: Array<ChildProcess> = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL")
})

const start = async (dataDir: string, port: number, extraEnv: Record<string, string> = {}) => {
  const child = spawn(process.execPath, [bin], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      ZAI_SERVER_DATA: dataDir,
      ZAI_SERVER_KEYS: key,
      PORT: String(port),
      HOST: "127.0.0.1",
      ZAI_SERVER_GRACE_MS: "3000",
      ...extraEnv
    },
    stdio: ["ignore", "pipe", "pipe"]
  })
  children.push(child)
  let output = ""
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()))
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`)
    const up = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false)
    if (up) return { child, base, output: () => output }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`server did not start: ${output}`)
}

const api = async (base: string, path: string, body?: unknown) => {
  const response = await fetch(`${base}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  return { status: response.status, json: await response.json() }
}

/** Waits until the run's event stream has shown `until`, then returns. */
const waitForEvent = async (base: string, id: string, until: (frame: string) => boolean) => {
  const response = await fetch(`${base}/v1/runs/${id}/events`, { headers: { authorization: `Bearer ${key}` } })
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ""
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    text += decoder.decode(value, { stream: true })
    if (text.split("\n\n").some(until)) break
  }
  await reader.cancel()
  return text
}

const waitSettled = async (base: string, id: string, timeoutMs = 90_000) => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { json } = await api(base, `/v1/runs/${id}`)
    if (json.status !== "running") return json
    if (Date.now() > deadline) throw new Error(`run ${id} still running`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

const inlineSpec = `name: crash-inline
inputs:
  topic:
    type: string
    required: true
steps:
  - id: search
    uses: web.search
    with:
      query: "\${{ input.topic }}"
  - id: slides
    uses: agents.slides
    with:
      prompt: "Slides about \${{ input.topic }}"
outputs:
  deck: "\${{ steps.slides.output.pdf }}"
`

describe("crash safety with a real server process", () => {
  it("kill -9 mid-run, restart: every accepted run is resumed to completion, none stuck running", { timeout: 240_000 }, async () => {
    ensureBuilt()
    const dataDir = tempDir("zai-server-crash-")
    const port = await freePort()
    const first = await start(dataDir, port)
    const a = await api(first.base, "/v1/runs", { pipeline: "research-slides", input: { topic: "green tea" } })
    const b = await api(first.base, "/v1/runs", { spec: inlineSpec, input: { topic: "jasmine tea" } })
    assert.strictEqual(a.status, 202)
    assert.strictEqual(b.status, 202)
    // Kill once the first run has finished its first step (and before it is done).
    const seen = await waitForEvent(first.base, a.json.id, (frame) => frame.includes("event: StepSucceeded"))
    assert.notInclude(seen, "event: RunFinished")
    first.child.kill("SIGKILL")
    await new Promise((resolve) => first.child.once("exit", resolve))
    assert.strictEqual(first.child.signalCode, "SIGKILL")

    const second = await start(dataDir, port)
    const runA = await waitSettled(second.base, a.json.id)
    const runB = await waitSettled(second.base, b.json.id)
    assert.strictEqual(runA.status, "succeeded", JSON.stringify(runA.error))
    assert.strictEqual(runB.status, "succeeded", JSON.stringify(runB.error))
    assert.isTrue(runA.files.some((f: string) => f.endsWith(".pdf")))
    const running = await api(second.base, "/v1/runs?status=running")
    assert.deepStrictEqual(running.json.runs, [])
    // The event log is whole: numbered without gaps, one RunFinished at the end.
    const events = await waitForEvent(second.base, a.json.id, (frame) => frame.includes("event: RunFinished"))
    const ids = events.split("\n\n").filter((f) => f.includes("data: ")).map((f) => Number(/^id: (\d+)/m.exec(f)?.[1]))
    assert.deepStrictEqual(ids, ids.map((_, i) => i + 1))
    assert.strictEqual(events.split("event: RunFinished").length - 1, 1)
    second.child.kill("SIGKILL")
  })

  it("SIGTERM stops gracefully (exit 0) and leaves the run in flight resumable", { timeout: 240_000 }, async () => {
    ensureBuilt()
    const dataDir = tempDir("zai-server-term-")
    const port = await freePort()
    const first = await start(dataDir, port)
    const a = await api(first.base, "/v1/runs", { pipeline: "research-slides", input: { topic: "matcha" } })
    await waitForEvent(first.base, a.json.id, (frame) => frame.includes("event: StepSucceeded"))
    first.child.kill("SIGTERM")
    const code = await new Promise<number | null>((resolve) => first.child.once("exit", (c) => resolve(c)))
    assert.strictEqual(code, 0, first.output())
    const refused = await fetch(`${first.base}/healthz`).then(() => "answered", () => "refused")
    assert.strictEqual(refused, "refused")

    const second = await start(dataDir, port)
    const run = await waitSettled(second.base, a.json.id)
    assert.strictEqual(run.status, "succeeded", JSON.stringify(run.error))
    assert.include(second.output(), a.json.id)
    // Structured request logs with request ids; the server key never appears in them.
    const lines = second.output().split("\n").filter((line) => line.startsWith("{"))
    const request = lines.map((line) => JSON.parse(line)).find((entry) => entry.message === "request")
    assert.match(request?.annotations?.requestId ?? "", /^req_/)
    assert.isNumber(request?.annotations?.status)
    assert.notInclude(first.output() + second.output(), key)
    assert.include(first.output(), "ZAI_API_KEY is not set: calls go to the embedded Z.ai simulator")
    second.child.kill("SIGKILL")
  })
})

// A private PostgreSQL (installed from Debian when missing); when it cannot be had the test fails with the reason.
const postgres = await Postgres.startPostgres()
afterAll(() => {
  if (typeof postgres !== "string") postgres.stop()
})

// The same name as `inlineSpec`, other steps: a run of one must never run the other's steps.
const sameNameSpec = inlineSpec.replace("  - id: slides\n", "  - id: deck\n").replace("steps.slides.", "steps.deck.")

describe("on PostgreSQL (DATABASE_URL): several server processes share the runs", () => {
  it("runs started on A and B all succeed whichever process executes them; kill -9 of A mid-run, restart: its runs are resumed", { timeout: 240_000 }, async () => {
    if (typeof postgres === "string") return assert.fail(`no PostgreSQL for this test: ${postgres}`)
    ensureBuilt()
    assert.notStrictEqual(sameNameSpec, inlineSpec)
    const dataDir = tempDir("zai-server-pg-")
    const [portA, portB, runnerA, runnerB] = [await freePort(), await freePort(), await freePort(), await freePort()]
    const env = (runner: number) => ({ DATABASE_URL: postgres.url, ZAI_SERVER_RUNNER_ADDRESS: `localhost:${runner}` })
    const a = await start(dataDir, portA, env(runnerA))
    const b = await start(dataDir, portB, env(runnerB))
    const ready = await fetch(`${a.base}/readyz`).then((r) => r.json())
    assert.strictEqual(ready.storage, "postgres")

    // Under load: runs of a built-in pipeline and of two inline specs with one name, started on both processes. The
    // engine routes each execution to the runner owning its shard: about half of them run on the other process, which
    // never started them (before `Pipeline.register` they failed there: "Entity type ... not registered").
    const requests = [
      { pipeline: "research-slides", input: { topic: "oolong" } },
      { spec: inlineSpec, input: { topic: "sencha" } },
      { spec: sameNameSpec, input: { topic: "hojicha" } },
      { pipeline: "research-slides", input: { topic: "darjeeling" } }
    ]
    const started: Array<{ readonly id: string; readonly spec: string | undefined }> = []
    for (const server of [a, b]) {
      for (const request of requests) {
        const response = await api(server.base, "/v1/runs", request)
        assert.strictEqual(response.status, 202, JSON.stringify(response.json))
        started.push({ id: response.json.id, spec: request.spec })
      }
    }
    for (const run of started) {
      const settled = await waitSettled(b.base, run.id, 120_000)
      assert.strictEqual(settled.status, "succeeded", `${run.id}: ${JSON.stringify(settled.error)}`)
      if (run.spec !== undefined) {
        // The user's name in the record; each run ran its own spec's steps.
        assert.strictEqual(settled.pipeline, "crash-inline")
        assert.deepStrictEqual(Object.keys(settled.steps).sort(), run.spec === inlineSpec ? ["search", "slides"] : ["deck", "search"])
      } else {
        assert.isTrue(settled.files.some((f: string) => f.endsWith(".pdf")), JSON.stringify(settled.files))
      }
    }

    // kill -9 of A mid-run; its runs stay running until A starts again and resumes them.
    const mid = await api(a.base, "/v1/runs", { pipeline: "research-slides", input: { topic: "puer tea" } })
    const midInline = await api(a.base, "/v1/runs", { spec: sameNameSpec, input: { topic: "genmaicha" } })
    assert.strictEqual(mid.status, 202)
    assert.strictEqual(midInline.status, 202)
    const seen = await waitForEvent(a.base, mid.json.id, (frame) => frame.includes("event: StepSucceeded"))
    assert.notInclude(seen, "event: RunFinished")
    a.child.kill("SIGKILL")
    await new Promise((resolve) => a.child.once("exit", resolve))
    const again = await start(dataDir, portA, env(runnerA))
    for (const id of [mid.json.id, midInline.json.id]) {
      const settled = await waitSettled(again.base, id, 120_000)
      assert.strictEqual(settled.status, "succeeded", `${id}: ${JSON.stringify(settled.error)}`)
      // B serves the same record and the whole event log.
      const fromB = await api(b.base, `/v1/runs/${id}`)
      assert.strictEqual(fromB.json.status, "succeeded")
      const events = await waitForEvent(b.base, id, (frame) => frame.includes("event: RunFinished"))
      assert.include(events, "event: RunStarted")
      assert.strictEqual(events.split("event: RunFinished").length - 1, 1)
    }
    const running = await api(b.base, "/v1/runs?status=running")
    assert.deepStrictEqual(running.json.runs, [])
    again.child.kill("SIGKILL")
    b.child.kill("SIGKILL")
  })
})
