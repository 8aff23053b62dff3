/**
 * Gateway overhead of zai-server (NOT a test). Run: `pnpm --filter @zai-kit/server bench` (builds dist first; Node
 * runs this file with type stripping, `--expose-gc` for the memory part).
 *
 * 1. Latency: the official `openai` client, non-streaming chat completions, straight to the embedded Z.ai simulator
 *    (the raw baseline) and through the server's gateway to the same simulator, interleaved one by one in the same
 *    run. The figure is the p50 (and p90) of each and the difference: the latency the gateway adds. Target p50 <= 1 ms.
 * 2. Memory: N concurrent streaming completions (slow chunks, so they are all open at once), straight to the simulator
 *    and through the gateway; heap and RSS growth at the peak, divided by N. The gateway's cost per stream is the
 *    difference of the two. Measured at N = 100 and N = 500: flat means the per-stream figure does not grow with N.
 *
 * Server and simulator run in this process (request logs off), as do the clients; wall times on a shared machine
 * include waiting for a core, so the load average is printed with the figures.
 */
import { mkdtempSync } from "node:fs"
import { createServer } from "node:http"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { NodeHttpServer } from "@effect/platform-node"
import { Simulator } from "@zai-kit/testing"
import { Effect, Layer, Logger, Redacted } from "effect"
import { HttpRouter, HttpServer } from "effect/http"
import OpenAI from "openai"
import { Server, ServerConfig, Upstream } from "../src/index.js"

const key = "bench-server-key"

const serverWith = (simulator: Simulator.Options) =>
  HttpRouter.serve(Server.routes, { disableLogger: true, disableListenLog: true }).pipe(
    Layer.provide(Server.layerServices),
    Layer.provideMerge(Upstream.layerSimulator(simulator)),
    Layer.provideMerge(
      ServerConfig.layerWith({
        serverKeys: [Redacted.make(key)],
        dataDir: mkdtempSync(join(tmpdir(), "zai-server-bench-")),
        ratePerMinute: 1_000_000_000
      })
    ),
    Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
    Layer.provide(Logger.layer([]))
  )

const pct = (xs: ReadonlyArray<number>, p: number) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN
}

const mb = (bytes: number) => bytes / (1024 * 1024)

const gc = () => {
  const collect = (globalThis as { gc?: () => void }).gc
  if (collect !== undefined) {
    collect()
    collect()
  }
}

const main = Effect.gen(function*() {
  const fast = yield* Layer.build(serverWith({}))
  const slow = yield* Layer.build(serverWith({ chunkDelay: "40 millis", chunkWords: 2 }))
  const urls = (context: typeof fast) => {
    const server = Effect.runSync(Effect.provideContext(Effect.map(HttpServer.HttpServer, (s) => s), context))
    const sim = Effect.runSync(Effect.provideContext(Effect.map(Simulator.Simulator, (s) => s), context))
    const address = server.address
    const port = address._tag === "UnixPathAddress" ? 0 : address.port
    return { gateway: `http://127.0.0.1:${port}/v1`, sim: sim.url, simKey: sim.apiKey }
  }
  const f = urls(fast)
  const s = urls(slow)
  yield* Effect.promise(() => run(f, s))
}).pipe(Effect.scoped)

const request = {
  model: "glm-4.6",
  messages: [{ role: "user" as const, content: "Hello GLM, tell me three things about green tea and its history" }]
}

const run = async (
  fast: { gateway: string; sim: string; simKey: string },
  slow: { gateway: string; sim: string; simKey: string }
) => {
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`)
  // --- latency ---------------------------------------------------------------------------------------------------
  const direct = new OpenAI({ apiKey: fast.simKey, baseURL: fast.sim, maxRetries: 0 })
  const viaGateway = new OpenAI({ apiKey: key, baseURL: fast.gateway, maxRetries: 0 })
  const time = async (client: OpenAI) => {
    const t0 = performance.now()
    const completion = await client.chat.completions.create(request)
    if (completion.choices[0]?.message.content === undefined) throw new Error("no content")
    return performance.now() - t0
  }
  for (let i = 0; i < 200; i++) {
    await time(direct)
    await time(viaGateway)
  }
  const rounds = 1000
  const a: Array<number> = []
  const b: Array<number> = []
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      a.push(await time(direct))
      b.push(await time(viaGateway))
    } else {
      b.push(await time(viaGateway))
      a.push(await time(direct))
    }
  }
  const line = (name: string, xs: Array<number>) =>
    `${name.padEnd(22)} p50 ${pct(xs, 0.5).toFixed(3)} ms   p90 ${pct(xs, 0.9).toFixed(3)} ms   p99 ${pct(xs, 0.99).toFixed(3)} ms`
  console.log(`\nlatency, non-streaming chat completion, ${rounds} calls each, interleaved`)
  console.log(line("direct to simulator", a))
  console.log(line("through the gateway", b))
  console.log(
    `gateway adds            p50 ${(pct(b, 0.5) - pct(a, 0.5)).toFixed(3)} ms   p90 ${(pct(b, 0.9) - pct(a, 0.9)).toFixed(3)} ms   (target p50 <= 1 ms)`
  )

  // --- memory ----------------------------------------------------------------------------------------------------
  const streams = async (client: OpenAI, n: number) => {
    gc()
    const before = process.memoryUsage()
    let opened = 0
    let peak = { heap: 0, rss: 0 }
    let release: () => void = () => {}
    const allOpen = new Promise<void>((resolve) => (release = resolve))
    const one = async () => {
      const stream = await client.chat.completions.create({ ...request, stream: true })
      let first = true
      let chunks = 0
      for await (const chunk of stream) {
        chunks += chunk.choices.length
        if (first) {
          first = false
          if (++opened === n) release()
        }
      }
      return chunks
    }
    const all = Promise.all(Array.from({ length: n }, one))
    await allOpen
    const at = process.memoryUsage()
    peak = { heap: at.heapUsed - before.heapUsed, rss: at.rss - before.rss }
    const chunks = (await all).reduce((x, y) => x + y, 0)
    if (chunks < n) throw new Error("streams ended early")
    return peak
  }
  const directSlow = new OpenAI({ apiKey: slow.simKey, baseURL: slow.sim, maxRetries: 0 })
  const gatewaySlow = new OpenAI({ apiKey: key, baseURL: slow.gateway, maxRetries: 0 })
  await streams(directSlow, 50)
  await streams(gatewaySlow, 50)
  console.log(`\nmemory, concurrent streaming completions (all open at once), growth at the peak per stream`)
  for (const n of [100, 500]) {
    const d = await streams(directSlow, n)
    const g = await streams(gatewaySlow, n)
    console.log(
      `${String(n).padStart(3)} streams  direct heap ${(mb(d.heap) / n).toFixed(3)} MB/stream rss ${(mb(d.rss) / n).toFixed(3)}   ` +
        `gateway heap ${(mb(g.heap) / n).toFixed(3)} MB/stream rss ${(mb(g.rss) / n).toFixed(3)}   ` +
        `gateway's own: heap ${(mb(g.heap - d.heap) / n).toFixed(3)} MB/stream`
    )
  }
}

await Effect.runPromise(main)
