/**
 * CPU profile of one client path (NOT a test): `node --cpu-prof --cpu-prof-dir=<dir> bench/profile.bench.ts [variant]`
 * after `pnpm --filter @zai-kit/transport bench` built dist. Variants: zai (default), zai-x32, lean, lean-timeout (the bare call in `Effect.timeoutOrElse`), undici.
 * Summarise with `node bench/profile-summary.ts <dir>/<file>.cpuprofile`.
 */
import { fork } from "node:child_process"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { ZaiClient } from "@zai-kit/transport"
import * as Node from "@zai-kit/transport/node"
import { Effect, ManagedRuntime, Schema } from "effect"
import { HttpBody, HttpClient, HttpClientRequest } from "effect/http"
import { Agent, request as undiciRequest } from "undici"

const completion = JSON.stringify({ id: "x", created: 1, model: "glm-4.6", choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Hello! ".repeat(40) } }] })

if (process.argv[2] === "server") {
  const server = createServer((request, response) => {
    request.resume()
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json", "x-request-id": "bench" })
      response.end(completion)
    })
  })
  server.keepAliveTimeout = 60_000
  server.listen(0, "127.0.0.1", () => process.send?.({ port: (server.address() as AddressInfo).port }))
} else {
  const variant = process.argv[2] ?? "zai"
  const child = fork(process.argv[1], ["server"], { stdio: "inherit", execArgv: [] })
  const port = await new Promise<number>((resolve) => child.once("message", (m: { port: number }) => resolve(m.port)))
  const base = `http://127.0.0.1:${port}/api/paas/v4`
  const N = Number(process.env.PROFILE_REQUESTS ?? 20_000)
  const request: ZaiClient.ZaiRequest = {
    method: "POST",
    path: "/chat/completions",
    operation: "chat.completions.create",
    body: { _tag: "Json", value: { model: "glm-4.6", messages: [{ role: "user", content: "Hello" }] } }
  }
  const start = process.cpuUsage()
  if (variant === "undici") {
    const agent = new Agent({ keepAliveTimeout: 60_000, headersTimeout: 0, bodyTimeout: 0 })
    const body = new TextEncoder().encode(JSON.stringify(request.body))
    for (let i = 0; i < N; i++) {
      const response = await undiciRequest(`${base}/chat/completions`, { method: "POST", body, dispatcher: agent, headers: { "content-type": "application/json" } })
      await response.body.json()
    }
    await agent.close()
  } else if (variant === "lean" || variant === "lean-timeout") {
    const runtime = ManagedRuntime.make(Node.layerHttpClient({}))
    const client = await runtime.runPromise(HttpClient.HttpClient)
    const req = HttpClientRequest.post(`${base}/chat/completions`, { body: HttpBody.uint8Array(new TextEncoder().encode("{}"), "application/json") })
    const one = Effect.flatMap(client.execute(req), (r) => Effect.map(r.text, (t): unknown => JSON.parse(t))).pipe(
      Effect.provideService(HttpClient.TracerDisabledWhen, () => true)
    )
    const timed =
      variant === "lean" ? one : Effect.timeoutOrElse(one, { duration: "60 seconds", orElse: () => Effect.fail("timeout" as const) })
    await runtime.runPromise(Effect.forEach(Array.from({ length: N }), () => timed, { discard: true }))
    await runtime.dispose()
  } else {
    const runtime = ManagedRuntime.make(Node.layerUndici({ apiKey: "bench-key", baseUrl: base }))
    const zai = await runtime.runPromise(ZaiClient.ZaiClient)
    await runtime.runPromise(
      Effect.forEach(Array.from({ length: N }), () => zai.json(request, Schema.Unknown), {
        discard: true,
        concurrency: variant === "zai-x32" ? 32 : 1
      })
    )
    await runtime.dispose()
  }
  const used = process.cpuUsage(start)
  console.log(`${variant}: ${((used.user + used.system) / N).toFixed(1)} µs/request`)
  child.kill()
}
