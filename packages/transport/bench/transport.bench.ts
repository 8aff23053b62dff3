/**
 * Benchmark of @zai-kit/transport against raw undici and raw fetch (NOT a test).
 *
 * Run: `pnpm --filter @zai-kit/transport bench` (builds dist first; Node runs this file with type stripping).
 * The server runs in a child process, so `process.cpuUsage()` measures the client only.
 *
 * Measures:
 * 1. client CPU per JSON request, sequential and 32 concurrent: ZaiClient (undici layer) vs `undici.request` vs `fetch`,
 *    and the bare HttpClients underneath (this package's lean undici client vs Effect's `NodeHttpClient` undici layer);
 * 2. client CPU per SSE event, bulk (one write) and paced (one write per event): ZaiClient.stream vs a raw line splitter;
 * 3. connections opened by 200 sequential streams;
 * 4. the package's own CPU per call, on an in-memory HttpClient (ZaiClient vs a bare HttpClient call).
 */
import { fork } from "node:child_process"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { ZaiClient } from "@zai-kit/transport"
import * as Node from "@zai-kit/transport/node"
import { Effect, Layer, ManagedRuntime, Schema, Stream } from "effect"
import { HttpBody, HttpClient, HttpClientRequest, HttpClientResponse } from "effect/http"
import { Agent, request as undiciRequest } from "undici"

// BENCH_SCHEMA_JIT=1: Effect's schema JIT compiler (an application-wide opt-in, imported before any schema is built)
if (process.env.BENCH_SCHEMA_JIT === "1") await import("effect/schema/SchemaJITCompiler/enable")

// -----------------------------------------------------------------------------------------------------------------
// server (child process)
// -----------------------------------------------------------------------------------------------------------------

const completion = JSON.stringify({
  id: "20250101000000abcdef",
  request_id: "20250101000000abcdef",
  created: 1735689600,
  model: "glm-4.6",
  choices: [
    {
      index: 0,
      finish_reason: "stop",
      message: { role: "assistant", content: "Hello! How can I help you today? ".repeat(8), reasoning_content: "The user greets me." }
    }
  ],
  usage: { prompt_tokens: 12, completion_tokens: 64, total_tokens: 76 }
})

const chunkFrame = (i: number) =>
  `data: ${JSON.stringify({
    id: "20250101000000abcdef",
    created: 1735689600,
    model: "glm-4.6",
    choices: [{ index: 0, delta: { role: "assistant", content: `token ${i} ` } }]
  })}\n\n`

const runServer = () => {
  let connections = 0
  // sockets that served a stream since the last /reset
  const streamSockets = new Set<object>()
  const bulkCache = new Map<number, Buffer>()
  const bulk = (n: number) => {
    let body = bulkCache.get(n)
    if (body === undefined) {
      body = Buffer.from(`${Array.from({ length: n }, (_, i) => chunkFrame(i)).join("")}data: [DONE]\n\n`)
      bulkCache.set(n, body)
    }
    return body
  }
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume()
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://x")
      if (url.pathname === "/stats") {
        response.writeHead(200, { "content-type": "application/json" })
        response.end(JSON.stringify({ connections, streamSockets: streamSockets.size }))
        return
      }
      if (url.pathname === "/reset") {
        connections = 0
        streamSockets.clear()
        response.end("{}")
        return
      }
      if (url.pathname.endsWith("/stream")) {
        streamSockets.add(request.socket)
        const n = Number(url.searchParams.get("events") ?? "1000")
        response.writeHead(200, { "content-type": "text/event-stream", "x-request-id": "bench" })
        if (url.searchParams.get("paced") === "1") {
          let i = 0
          const next = () => {
            if (i < n) {
              response.write(chunkFrame(i++))
              setImmediate(next)
            } else {
              response.end("data: [DONE]\n\n")
            }
          }
          next()
        } else {
          response.end(bulk(n))
        }
        return
      }
      response.writeHead(200, { "content-type": "application/json", "x-request-id": "bench" })
      response.end(completion)
    })
  })
  server.keepAliveTimeout = 60_000
  server.on("connection", () => connections++)
  server.listen(0, "127.0.0.1", () => {
    process.send?.({ port: (server.address() as AddressInfo).port })
  })
}

// -----------------------------------------------------------------------------------------------------------------
// client
// -----------------------------------------------------------------------------------------------------------------

const ChatCompletion = Schema.Struct({
  id: Schema.String,
  created: Schema.Number,
  model: Schema.String,
  choices: Schema.Array(
    Schema.Struct({
      index: Schema.Number,
      finish_reason: Schema.NullOr(Schema.String),
      message: Schema.Struct({
        role: Schema.String,
        content: Schema.optionalKey(Schema.NullOr(Schema.String)),
        reasoning_content: Schema.optionalKey(Schema.NullOr(Schema.String))
      })
    })
  ),
  usage: Schema.optionalKey(
    Schema.Struct({ prompt_tokens: Schema.Number, completion_tokens: Schema.Number, total_tokens: Schema.Number })
  )
})

const ChatChunk = Schema.Struct({
  id: Schema.String,
  created: Schema.Number,
  model: Schema.String,
  choices: Schema.Array(
    Schema.Struct({
      index: Schema.Number,
      delta: Schema.Struct({ role: Schema.optionalKey(Schema.String), content: Schema.optionalKey(Schema.String) })
    })
  )
})

const cpuMicros = (): number => {
  const usage = process.cpuUsage()
  return usage.user + usage.system
}

/** Runs `body` and returns client CPU µs per unit of work. */
const measure = async (units: number, body: () => Promise<void>): Promise<number> => {
  const start = cpuMicros()
  await body()
  return (cpuMicros() - start) / units
}

// a different, reproducible order in every round: whatever runs right after another variant pays for its JIT
// and pool state, so no variant may always follow the same one
const shuffled = <A>(items: ReadonlyArray<A>, seed: number): Array<A> => {
  const out = [...items]
  let state = (seed + 1) * 2654435761
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648
    const j = state % (i + 1)
    const tmp = out[i]
    out[i] = out[j]
    out[j] = tmp
  }
  return out
}

const median = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

const pool = async (total: number, concurrency: number, task: () => Promise<void>) => {
  let started = 0
  const worker = async () => {
    while (started < total) {
      started++
      await task()
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}

const main = async () => {
  const child = fork(process.argv[1], ["server"], { stdio: "inherit" })
  const port = await new Promise<number>((resolve) => child.once("message", (m: { port: number }) => resolve(m.port)))
  const origin = `http://127.0.0.1:${port}`
  const base = `${origin}/api/paas/v4`
  const body = JSON.stringify({ model: "glm-4.6", messages: [{ role: "user", content: "Hello" }] })
  const bodyBytes = new TextEncoder().encode(body)
  const headers = { "content-type": "application/json", accept: "application/json", authorization: "Bearer bench-key" }

  const agent = new Agent({ keepAliveTimeout: 60_000, headersTimeout: 0, bodyTimeout: 0 })
  const rawUndici = async () => {
    const response = await undiciRequest(`${base}/chat/completions`, {
      method: "POST",
      headers,
      body: bodyBytes,
      dispatcher: agent
    })
    await response.body.json()
  }
  const rawFetch = async () => {
    const response = await fetch(`${base}/chat/completions`, { method: "POST", headers, body })
    await response.json()
  }

  const runtime = ManagedRuntime.make(Node.layerUndici({ apiKey: "bench-key", baseUrl: base }))
  const zai = await runtime.runPromise(ZaiClient.ZaiClient)
  const chatRequest: ZaiClient.ZaiRequest = {
    method: "POST",
    path: "/chat/completions",
    operation: "chat.completions.create",
    body: { _tag: "Json", value: { model: "glm-4.6", messages: [{ role: "user", content: "Hello" }] } }
  }
  const zaiSequential = (n: number, schema: typeof ChatCompletion | typeof Schema.Unknown) =>
    runtime.runPromise(Effect.forEach(Array.from({ length: n }), () => zai.json(chatRequest, schema), { discard: true }))
  const zaiConcurrent = (n: number, schema: typeof ChatCompletion | typeof Schema.Unknown) =>
    runtime.runPromise(
      Effect.forEach(Array.from({ length: n }), () => zai.json(chatRequest, schema), { discard: true, concurrency: 32 })
    )
  // the same ZaiClient on Effect's own undici HttpClient (the previous layerUndici), for before/after
  const effectRuntime = ManagedRuntime.make(Node.layerEffectUndici({ apiKey: "bench-key", baseUrl: base }))
  const zaiOnEffect = await effectRuntime.runPromise(ZaiClient.ZaiClient)
  const zaiEffectSequential = (n: number) =>
    effectRuntime.runPromise(Effect.forEach(Array.from({ length: n }), () => zaiOnEffect.json(chatRequest, ChatCompletion), { discard: true }))
  const zaiEffectConcurrent = (n: number) =>
    effectRuntime.runPromise(
      Effect.forEach(Array.from({ length: n }), () => zaiOnEffect.json(chatRequest, ChatCompletion), { discard: true, concurrency: 32 })
    )

  // the floors: bare HttpClient calls (text + JSON.parse, HttpClient's span off as in ZaiClient), on this package's
  // lean undici client (Node.layerHttpClient) and on Effect's NodeHttpClient undici layer (same Agent settings)
  const floorRequest = HttpClientRequest.post(`${base}/chat/completions`, {
    headers,
    body: HttpBody.uint8Array(bodyBytes, "application/json")
  })
  const floor = async (layer: Layer.Layer<HttpClient.HttpClient>) => {
    const floorRuntime = ManagedRuntime.make(layer)
    const client = await floorRuntime.runPromise(HttpClient.HttpClient)
    const one = Effect.flatMap(client.execute(floorRequest), (response) =>
      Effect.map(response.text, (text): unknown => JSON.parse(text))
    ).pipe(Effect.provideService(HttpClient.TracerDisabledWhen, () => true))
    return {
      runtime: floorRuntime,
      sequential: (n: number) => floorRuntime.runPromise(Effect.forEach(Array.from({ length: n }), () => one, { discard: true })),
      concurrent: (n: number) =>
        floorRuntime.runPromise(Effect.forEach(Array.from({ length: n }), () => one, { discard: true, concurrency: 32 }))
    }
  }
  const leanFloor = await floor(Node.layerHttpClient({}))
  const effectFloor = await floor(Node.layerEffectHttpClient({}))
  const effectSequential = effectFloor.sequential
  const effectConcurrent = effectFloor.concurrent

  const N = Number(process.env.BENCH_REQUESTS ?? 1000)
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)

  // warm-up
  for (let i = 0; i < 500; i++) await rawUndici()
  for (let i = 0; i < 500; i++) await rawFetch()
  await zaiSequential(500, ChatCompletion)
  await zaiSequential(500, Schema.Unknown)
  await zaiConcurrent(500, ChatCompletion)
  await pool(500, 32, rawUndici)
  await effectSequential(500)
  await effectConcurrent(500)
  await leanFloor.sequential(500)
  await leanFloor.concurrent(500)
  await zaiEffectSequential(500)
  await zaiEffectConcurrent(500)

  // paired runs: every round runs every variant (in a shuffled order), ratios are taken within a round
  const results: Record<string, Array<number>> = {}
  const add = (name: string, value: number) => {
    results[name] ??= []
    results[name].push(value)
  }
  const variants: ReadonlyArray<readonly [string, () => Promise<void>]> = [
    ["undici seq", async () => {
      for (let i = 0; i < N; i++) await rawUndici()
    }],
    ["zai seq (unknown)", () => zaiSequential(N, Schema.Unknown)],
    ["zai seq (schema)", () => zaiSequential(N, ChatCompletion)],
    ["effect http seq", () => effectSequential(N)],
    ["effect http x32", () => effectConcurrent(N)],
    ["lean http seq", () => leanFloor.sequential(N)],
    ["lean http x32", () => leanFloor.concurrent(N)],
    ["zai/effect-layer seq", () => zaiEffectSequential(N)],
    ["zai/effect-layer x32", () => zaiEffectConcurrent(N)],
    ["fetch seq", async () => {
      for (let i = 0; i < N; i++) await rawFetch()
    }],
    ["undici x32", () => pool(N, 32, rawUndici)],
    ["zai x32 (schema)", () => zaiConcurrent(N, ChatCompletion)],
    ["fetch x32", () => pool(N, 32, rawFetch)]
  ]
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of shuffled(variants, round)) add(name, await measure(N, run))
  }

  // SSE
  const rawSse = async (events: number, paced: boolean) => {
    const response = await undiciRequest(`${base}/chat/completions/stream?events=${events}&paced=${paced ? 1 : 0}`, {
      method: "POST",
      headers,
      body: bodyBytes,
      dispatcher: agent
    })
    const decoder = new TextDecoder()
    let buffer = ""
    let count = 0
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true })
      const lines = buffer.split("\n")
      buffer = lines.pop() ?? ""
      for (const line of lines) {
        if (!line.startsWith("data: ")) continue
        const data = line.slice(6)
        if (data === "[DONE]") continue
        JSON.parse(data)
        count++
      }
    }
    if (count !== events) throw new Error(`raw SSE saw ${count} events`)
  }
  const zaiSse = (events: number, paced: boolean, schema: typeof ChatChunk | typeof Schema.Unknown) =>
    runtime.runPromise(
      Effect.flatMap(
        Stream.runCount(
          zai.stream({ ...chatRequest, path: `/chat/completions/stream?events=${events}&paced=${paced ? 1 : 0}` }, schema)
        ),
        (count) => (count === events ? Effect.void : Effect.die(new Error(`zai SSE saw ${count} events`)))
      )
    )
  const BULK = 20_000
  const PACED = 2_000
  await rawSse(BULK, false)
  await zaiSse(BULK, false, ChatChunk)
  await zaiSse(BULK, false, Schema.Unknown)
  await rawSse(PACED, true)
  await zaiSse(PACED, true, ChatChunk)
  const sseVariants: ReadonlyArray<readonly [string, number, () => Promise<void>]> = [
    ["sse bulk raw", BULK, () => rawSse(BULK, false)],
    ["sse bulk zai (schema)", BULK, () => zaiSse(BULK, false, ChatChunk)],
    ["sse bulk zai (unknown)", BULK, () => zaiSse(BULK, false, Schema.Unknown)],
    ["sse paced raw", PACED, () => rawSse(PACED, true)],
    ["sse paced zai (schema)", PACED, () => zaiSse(PACED, true, ChatChunk)],
    ["sse paced zai (unknown)", PACED, () => zaiSse(PACED, true, Schema.Unknown)]
  ]
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, units, run] of shuffled(sseVariants, round)) add(name, await measure(units, run))
  }

  // the package's own CPU: ZaiClient vs a bare HttpClient call, both on an in-memory HttpClient (no I/O, no scheduling)
  const memoryBody = completion
  const memory = HttpClient.make((request) =>
    Effect.succeed(
      HttpClientResponse.fromWeb(request, new Response(memoryBody, { status: 200, headers: { "content-type": "application/json" } }))
    )
  )
  const memoryRuntime = ManagedRuntime.make(
    ZaiClient.layer({ apiKey: "bench-key", baseUrl: base }).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, memory)))
  )
  const memoryZai = await memoryRuntime.runPromise(ZaiClient.ZaiClient)
  const memoryFloor = Effect.flatMap(memory.execute(floorRequest), (response) =>
    Effect.map(response.text, (text): unknown => JSON.parse(text))
  ).pipe(Effect.provideService(HttpClient.TracerDisabledWhen, () => true))
  const M = 20_000
  const memoryVariants: ReadonlyArray<readonly [string, () => Promise<void>]> = [
    ["in-memory HttpClient", () => memoryRuntime.runPromise(Effect.forEach(Array.from({ length: M }), () => memoryFloor, { discard: true }))],
    [
      "in-memory ZaiClient",
      () =>
        memoryRuntime.runPromise(
          Effect.forEach(Array.from({ length: M }), () => memoryZai.json(chatRequest, Schema.Unknown), { discard: true })
        )
    ]
  ]
  for (const [, run] of memoryVariants) await run()
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of shuffled(memoryVariants, round)) add(name, await measure(M, run))
  }
  await memoryRuntime.dispose()

  // connections for 200 sequential streams, on a fresh client
  await fetch(`${origin}/reset`)
  const fresh = ManagedRuntime.make(Node.layerUndici({ apiKey: "bench-key", baseUrl: base }))
  const freshClient = await fresh.runPromise(ZaiClient.ZaiClient)
  await fresh.runPromise(
    Effect.forEach(
      Array.from({ length: 200 }),
      () => Stream.runDrain(freshClient.stream({ ...chatRequest, path: "/chat/completions/stream?events=20" }, ChatChunk)),
      { discard: true }
    )
  )
  const stats = (await (await fetch(`${origin}/stats`)).json()) as { connections: number; streamSockets: number }
  const streamConnections = stats.streamSockets

  const m = (name: string) => median(results[name])
  const row = (name: string, value: number, unit: string) => console.log(`${name.padEnd(26)} ${value.toFixed(2).padStart(9)} ${unit}`)
  console.log(`\nNode ${process.version}, ${N} requests per variant x ${ROUNDS} paired rounds; client CPU only (medians)\n`)
  for (const [name] of [...variants, ...sseVariants, ...memoryVariants]) row(name, m(name), name.startsWith("sse") ? "µs/event" : "µs/request")
  const ratio = (a: string, b: string, target?: number) => {
    const value = median(results[a].map((x, i) => x / results[b][i]))
    const verdict = target === undefined ? "(reference)" : `(target ≤ ${target}x) ${value <= target ? "OK" : "MISSED"}`
    console.log(`${`${a} / ${b}`.padEnd(48)} ${value.toFixed(2)}x  ${verdict}`)
  }
  console.log("\nratios (median of the per-round ratios):")
  ratio("zai seq (schema)", "undici seq", 1.5)
  ratio("zai seq (unknown)", "undici seq", 1.5)
  ratio("zai x32 (schema)", "undici x32", 1.5)
  ratio("zai seq (schema)", "fetch seq")
  ratio("effect http seq", "undici seq")
  ratio("effect http x32", "undici x32")
  ratio("lean http seq", "undici seq")
  ratio("lean http x32", "undici x32")
  ratio("zai/effect-layer seq", "undici seq")
  ratio("zai/effect-layer x32", "undici x32")
  ratio("zai seq (unknown)", "lean http seq")
  ratio("zai x32 (schema)", "lean http x32")
  ratio("zai seq (unknown)", "effect http seq")
  ratio("zai x32 (schema)", "effect http x32")
  ratio("in-memory ZaiClient", "in-memory HttpClient")
  ratio("sse bulk zai (unknown)", "sse bulk raw", 1.2)
  ratio("sse bulk zai (schema)", "sse bulk raw", 1.2)
  ratio("sse paced zai (unknown)", "sse paced raw", 1.2)
  ratio("sse paced zai (schema)", "sse paced raw", 1.2)
  console.log(
    `connections for 200 sequential streams: ${streamConnections} (target 1–2) ${streamConnections >= 1 && streamConnections <= 2 ? "OK" : "MISSED"}`
  )

  await fresh.dispose()
  await leanFloor.runtime.dispose()
  await effectFloor.runtime.dispose()
  await effectRuntime.dispose()
  await runtime.dispose()
  await agent.close()
  child.kill()
}

if (process.argv[2] === "server") runServer()
else await main()
