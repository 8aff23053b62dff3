/**
 * Benchmark of the Promise client (NOT a test): what the facade adds over calling the Effect service directly, both
 * against raw `fetch` in the same run.
 *
 * Run: `pnpm --filter @zai-kit/sdk bench` (builds dist first; Node runs this file with type stripping). The server
 * runs in a child process, so `process.cpuUsage()` measures the client only.
 *
 * Measures client CPU per call (µs) and wall time per call (ms), sequential:
 * 1. a JSON chat completion: `fetch` + `JSON.parse` (baseline), `Chat.create` on a `ManagedRuntime` over
 *    `Zai.layer` (Effect), `zai.chat.completions.create` (facade);
 * 2. a 100-chunk SSE chat stream: `fetch` + a line splitter + `JSON.parse` per chunk, `Chat.stream` drained, and the
 *    facade's `for await` over `create({ stream: true })`.
 */
import { fork } from "node:child_process"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { Chat, Zai } from "@zai-kit/sdk"
import { ManagedRuntime, Stream } from "effect"

const completion = JSON.stringify({
  id: "20250101000000abcdef",
  request_id: "20250101000000abcdef",
  created: 1735689600,
  model: "glm-4.6",
  choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Hello! How can I help you today? ".repeat(8) } }],
  usage: { prompt_tokens: 12, completion_tokens: 64, total_tokens: 76 }
})
const chunks = 100
const sse =
  `${Array.from(
    { length: chunks },
    (_, i) =>
      `data: ${JSON.stringify({ id: "c", created: 1735689600, model: "glm-4.6", choices: [{ index: 0, delta: { role: "assistant", content: `token ${i} ` } }] })}\n\n`
  ).join("")}data: [DONE]\n\n`

if (process.argv[2] === "server") {
  const server = createServer((request, response) => {
    let body = ""
    request.on("data", (part) => {
      body += part
    })
    request.on("end", () => {
      if (body.includes('"stream":true')) {
        response.writeHead(200, { "content-type": "text/event-stream" })
        response.end(sse)
      } else {
        response.writeHead(200, { "content-type": "application/json" })
        response.end(completion)
      }
    })
  })
  server.keepAliveTimeout = 60_000
  server.listen(0, "127.0.0.1", () => process.send?.((server.address() as AddressInfo).port))
} else {
  const child = fork(new URL(import.meta.url).pathname, ["server"])
  const port = await new Promise<number>((resolve) => child.once("message", (m) => resolve(Number(m))))
  const baseUrl = `http://127.0.0.1:${port}/api/paas/v4`
  const request = { model: "glm-4.6", messages: [{ role: "user" as const, content: "Hello" }] }

  const measure = async (name: string, n: number, call: () => Promise<unknown>) => {
    for (let i = 0; i < Math.min(200, n); i++) await call() // warm-up
    const cpu = process.cpuUsage()
    const start = performance.now()
    for (let i = 0; i < n; i++) await call()
    const wall = performance.now() - start
    const used = process.cpuUsage(cpu)
    const row = { name, cpuUs: (used.user + used.system) / n, wallMs: wall / n }
    console.log(`${name.padEnd(34)} ${row.cpuUs.toFixed(0).padStart(6)} µs CPU/call ${row.wallMs.toFixed(3).padStart(8)} ms/call`)
    return row
  }

  const rawJson = () =>
    fetch(`${baseUrl}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer k", "content-type": "application/json" },
      body: JSON.stringify(request)
    }).then((r) => r.json())
  const rawStream = async () => {
    const response = await fetch(`${baseUrl}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer k", "content-type": "application/json" },
      body: JSON.stringify({ ...request, stream: true })
    })
    const decoder = new TextDecoder()
    let buffer = ""
    let count = 0
    for await (const part of response.body ?? []) {
      buffer += decoder.decode(part, { stream: true })
      let at = buffer.indexOf("\n\n")
      while (at >= 0) {
        const data = buffer.slice(6, at)
        buffer = buffer.slice(at + 2)
        if (data !== "[DONE]") {
          JSON.parse(data)
          count++
        }
        at = buffer.indexOf("\n\n")
      }
    }
    return count
  }

  const runtime = ManagedRuntime.make(Zai.layer({ apiKey: "k", baseUrl, maxRetries: 0 }))
  const effectJson = () => runtime.runPromise(Chat.create(request))
  const effectStream = () => runtime.runPromise(Stream.runDrain(Chat.stream(request)))
  const zai = new Zai({ apiKey: "k", baseURL: baseUrl, maxRetries: 0 })
  const facadeJson = () => zai.chat.completions.create(request)
  const facadeStream = async () => {
    let count = 0
    for await (const _ of await zai.chat.completions.create({ ...request, stream: true })) count++
    return count
  }

  const runs = Number(process.env.BENCH_RUNS ?? 2)
  for (let run = 1; run <= runs; run++) {
    console.log(`\nrun ${run}: JSON completion (sequential, 1000 calls)`)
    const j = [await measure("fetch + JSON.parse", 1000, rawJson), await measure("Effect Chat.create", 1000, effectJson), await measure("facade chat.completions.create", 1000, facadeJson)]
    console.log(`facade / Effect CPU ${(j[2].cpuUs / j[1].cpuUs).toFixed(2)}×, facade / fetch ${(j[2].cpuUs / j[0].cpuUs).toFixed(2)}×`)
    console.log(`run ${run}: ${chunks}-chunk stream (sequential, 300 calls)`)
    const s = [await measure("fetch + splitter + JSON.parse", 300, rawStream), await measure("Effect Chat.stream drained", 300, effectStream), await measure("facade for await", 300, facadeStream)]
    console.log(`facade / Effect CPU ${(s[2].cpuUs / s[1].cpuUs).toFixed(2)}×, facade / fetch ${(s[2].cpuUs / s[0].cpuUs).toFixed(2)}×`)
  }
  await zai.close()
  await runtime.dispose()
  child.kill()
}
