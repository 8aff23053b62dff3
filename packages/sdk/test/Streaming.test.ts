/**
 * Streams of the Promise client: chunks as an async iterable, `break` cancelling the request (the server sees its
 * connection close), `abort()` and the caller's signal, `finalCompletion()`, errors before and inside the stream.
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { AbortError, AuthenticationError, InternalServerError, Zai } from "@zai-kit/sdk"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { rejection, useSimulator } from "./utils.js"

const harness = useSimulator()
const messages = [{ role: "user" as const, content: "Tell me about green tea and its history" }]

/** Waits (in real time, at most `ms`) until `condition` holds. */
const eventually = async (condition: () => boolean, ms = 5_000): Promise<boolean> => {
  const end = Date.now() + ms
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10))
  return condition()
}

/** An endless SSE server: one chunk every 10 ms until the client goes away; records when connections close. */
const endless = (() => {
  let server: Server | undefined
  const state = { opened: 0, closed: 0, written: 0 }
  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume()
      state.opened++
      response.writeHead(200, { "content-type": "text/event-stream" })
      let n = 0
      const timer = setInterval(() => {
        const chunk = { id: "c1", object: "chat.completion.chunk", choices: [{ index: 0, delta: { content: `w${n++} ` } }] }
        response.write(`data: ${JSON.stringify(chunk)}\n\n`)
        state.written++
      }, 10)
      response.on("close", () => {
        clearInterval(timer)
        state.closed++
      })
    })
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve))
  })
  afterAll(async () => {
    server?.closeAllConnections()
    await new Promise((resolve) => server?.close(resolve))
  })
  return {
    state,
    client: () => new Zai({ apiKey: "k", baseURL: `http://127.0.0.1:${(server?.address() as AddressInfo | undefined)?.port}/api/paas/v4`, maxRetries: 0 })
  }
})()

describe("streaming", () => {
  it("yields chunks, and breaking out of the loop closes the connection", async () => {
    const zai = endless.client()
    const before = { ...endless.state }
    const stream = await zai.chat.completions.create({ model: "glm-4.6", messages, stream: true })
    const seen: Array<string> = []
    for await (const chunk of stream) {
      seen.push(chunk.choices?.[0]?.delta?.content ?? "")
      if (seen.length === 3) break
    }
    assert.deepStrictEqual(seen, ["w0 ", "w1 ", "w2 "])
    assert.strictEqual(endless.state.opened, before.opened + 1)
    assert.isTrue(await eventually(() => endless.state.closed === before.closed + 1), "the server saw no close")
    const written = endless.state.written
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.strictEqual(endless.state.written, written, "the server kept writing after the break")
    await zai.close()
  })

  it("stream.abort() ends the loop with AbortError and closes the connection", async () => {
    const zai = endless.client()
    const before = endless.state.closed
    const stream = await zai.chat.completions.create({ model: "glm-4.6", messages, stream: true })
    const seen: Array<unknown> = []
    const error = await rejection(
      (async () => {
        for await (const chunk of stream) {
          seen.push(chunk)
          if (seen.length === 2) stream.abort()
        }
      })()
    )
    assert.instanceOf(error, AbortError)
    assert.isTrue(await eventually(() => endless.state.closed === before + 1))
    await zai.close()
  })

  it("the caller's signal aborts a running stream", async () => {
    const zai = endless.client()
    const before = endless.state.closed
    const controller = new AbortController()
    const stream = await zai.chat.completions.create({ model: "glm-4.6", messages, stream: true }, { signal: controller.signal })
    let count = 0
    const error = await rejection(
      (async () => {
        for await (const _ of stream) {
          if (++count === 2) controller.abort()
        }
      })()
    )
    assert.instanceOf(error, AbortError)
    assert.isTrue(await eventually(() => endless.state.closed === before + 1))
    await zai.close()
  })

  it("close() on the client closes a stream nobody reads", async () => {
    const zai = endless.client()
    const before = endless.state.closed
    const stream = await zai.chat.completions.create({ model: "glm-4.6", messages, stream: true })
    assert.isFalse(stream.consumed)
    await zai.close()
    assert.isTrue(await eventually(() => endless.state.closed === before + 1), "the server saw no close")
  })

  it("finalCompletion() folds the whole stream into the same answer create() gives", async () => {
    const zai = harness.client()
    const plain = await zai.chat.completions.create({ model: "glm-4.6", messages })
    const stream = await zai.chat.completions.create({ model: "glm-4.6", messages, stream: true })
    const final = await stream.finalCompletion()
    assert.strictEqual(final.choices?.[0]?.message?.content, plain.choices?.[0]?.message?.content)
    assert.strictEqual(final.choices?.[0]?.finish_reason, "stop")
    assert.isAbove(final.usage?.total_tokens ?? 0, 0)
  })

  it("finalCompletion() after a loop folds the chunks the loop read", async () => {
    const zai = harness.client()
    const stream = await zai.chat.completions.create({ model: "glm-4.6", messages, stream: true })
    let text = ""
    for await (const chunk of stream) text += chunk.choices?.[0]?.delta?.content ?? ""
    const final = await stream.finalCompletion()
    assert.strictEqual(final.choices?.[0]?.message?.content, text)
    assert.isAbove(text.length, 10)
  })

  it("accumulates streamed tool calls in finalCompletion()", async () => {
    const zai = harness.client()
    const stream = await zai.chat.completions.create({
      model: "glm-4.6",
      messages: [{ role: "user", content: "What is the weather in paris?" }],
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }
          }
        }
      ],
      tool_stream: true,
      stream: true
    })
    const final = await stream.finalCompletion()
    const call = final.choices?.[0]?.message?.tool_calls?.[0]
    assert.strictEqual(call?.function?.name, "get_weather")
    const args = call?.function?.arguments
    assert.property(typeof args === "string" ? JSON.parse(args) : args, "city")
  })

  it("a refused stream rejects the create() call itself, before any loop", async () => {
    const zai = harness.client()
    await harness.faults(["auth"])
    const error = await rejection(zai.chat.completions.create({ model: "glm-4.6", messages, stream: true }))
    assert.instanceOf(error, AuthenticationError)
    assert.strictEqual((error as AuthenticationError).status, 401)
  })

  it("an error frame in the middle of the stream throws from the loop after the chunks before it", async () => {
    const zai = harness.client()
    await harness.faults(["error-frame"])
    const stream = await zai.chat.completions.create({ model: "glm-4.6", messages, stream: true })
    const seen: Array<unknown> = []
    const error = await rejection(
      (async () => {
        for await (const chunk of stream) seen.push(chunk)
      })()
    )
    assert.instanceOf(error, InternalServerError)
    assert.strictEqual((error as InternalServerError).code, "1234")
    assert.lengthOf(seen, 1)
  })

  it("a stream can be iterated only once", async () => {
    const zai = harness.client()
    const stream = await zai.chat.completions.create({ model: "glm-4.6", messages, stream: true })
    await stream.toArray()
    assert.throws(() => stream[Symbol.asyncIterator](), /only once/)
  })
})
