/**
 * The client itself: options and their checks, the API key from `ZAI_API_KEY`, per-call `signal`, `timeout`,
 * `headers` and `maxRetries`, `close()` and `Symbol.asyncDispose`.
 */
import { AbortError, AuthenticationError, InvalidInputError, RateLimitError, TimeoutError, Zai } from "@zai-kit/sdk"
import { afterEach, assert, describe, it } from "vitest"
import { rejection, useSimulator } from "./utils.js"

const harness = useSimulator()
const messages = [{ role: "user" as const, content: "Hello" }]
const savedKey = process.env.ZAI_API_KEY

afterEach(() => {
  if (savedKey === undefined) delete process.env.ZAI_API_KEY
  else process.env.ZAI_API_KEY = savedKey
})

describe("client options", () => {
  it("reads the API key from ZAI_API_KEY", async () => {
    process.env.ZAI_API_KEY = harness.sim().apiKey
    const zai = new Zai({ baseURL: harness.sim().url, maxRetries: 0 })
    const answer = await zai.chat.completions.create({ model: "glm-4.6", messages })
    assert.isString(answer.choices?.[0]?.message?.content)
    const last = (await harness.requests()).at(-1)
    assert.strictEqual(last?.auth, "api-key")
    await zai.close()
  })

  it("throws AuthenticationError without any key", () => {
    delete process.env.ZAI_API_KEY
    assert.throws(() => new Zai({ baseURL: "http://127.0.0.1:1/api/paas/v4" }), AuthenticationError, /ZAI_API_KEY/)
  })

  it("throws InvalidInputError naming a bad option", () => {
    const bad = [
      [{ apiKey: "k", timeout: -1 }, "timeout"],
      [{ apiKey: "k", maxRetries: 1.5 }, "maxRetries"],
      [{ apiKey: "k", region: "mars" }, "region"],
      [{ apiKey: "k", baseURL: "ftp://x" }, "baseURL"],
      [{ apiKey: "" }, "apiKey"]
    ] as const
    for (const [options, field] of bad) {
      const error = (() => {
        try {
          new Zai(options as ConstructorParameters<typeof Zai>[0])
        } catch (e) {
          return e
        }
        return undefined
      })()
      assert.instanceOf(error, InvalidInputError, field)
      assert.strictEqual((error as InvalidInputError).issues[0]?.path, field)
      assert.include((error as InvalidInputError).message, field)
    }
  })

  it("sends defaultHeaders and per-call headers", async () => {
    const zai = harness.client({ defaultHeaders: { "x-team": "tea" } })
    await zai.chat.completions.create({ model: "glm-4.6", messages }, { headers: { "x-call": "one" } })
    const last = (await harness.requests()).at(-1)
    assert.strictEqual(last?.headers["x-team"], "tea")
    assert.strictEqual(last?.headers["x-call"], "one")
  })
})

describe("per-call options", () => {
  it("signal: aborting rejects with AbortError at once, and an aborted signal sends nothing", async () => {
    const zai = harness.client()
    const controller = new AbortController()
    const started = Date.now()
    const pending = zai.chat.completions.create(
      { model: "glm-4.6", messages },
      { signal: controller.signal, headers: { "x-zai-sim-fault": "stall-before" } }
    )
    setTimeout(() => controller.abort(), 50)
    assert.instanceOf(await rejection(pending), AbortError)
    assert.isBelow(Date.now() - started, 5_000)
    const before = (await harness.requests()).length
    assert.instanceOf(await rejection(zai.chat.completions.create({ model: "glm-4.6", messages }, { signal: controller.signal })), AbortError)
    assert.strictEqual((await harness.requests()).length, before)
  })

  it("signal: aborting a wait() stops polling", async () => {
    const zai = harness.client()
    const task = await zai.videos.generate({ model: "cogvideox-3", prompt: "A cat" })
    const controller = new AbortController()
    const pending = task.wait({ pollInterval: 60_000, signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    assert.instanceOf(await rejection(pending), AbortError)
  })

  it("timeout: a call that gets no answer rejects with TimeoutError after the per-call limit", async () => {
    const zai = harness.client()
    const started = Date.now()
    const error = await rejection(
      zai.chat.completions.create({ model: "glm-4.6", messages }, { timeout: 200, headers: { "x-zai-sim-fault": "stall-before" } })
    )
    assert.instanceOf(error, TimeoutError)
    assert.strictEqual((error as TimeoutError).kind, "total")
    const elapsed = Date.now() - started
    assert.isAtLeast(elapsed, 150)
    assert.isBelow(elapsed, 5_000)
  })

  it("timeout: a bad value is rejected naming the field", async () => {
    const zai = harness.client()
    const error = await rejection(zai.chat.completions.create({ model: "glm-4.6", messages }, { timeout: 0 }))
    assert.instanceOf(error, InvalidInputError)
    assert.strictEqual((error as InvalidInputError).issues[0]?.path, "timeout")
  })

  it("maxRetries: per call, over the client's", async () => {
    const zai = harness.client({ maxRetries: 0 })
    await harness.faults(["rate-limit;seconds=0", "rate-limit;seconds=0"])
    const answer = await zai.chat.completions.create({ model: "glm-4.6", messages }, { maxRetries: 2 })
    assert.isString(answer.choices?.[0]?.message?.content)
    await harness.faults(["rate-limit;seconds=0"])
    assert.instanceOf(await rejection(zai.chat.completions.create({ model: "glm-4.6", messages })), RateLimitError)
  })

  it("requestId: sent as the body's request_id", async () => {
    const zai = harness.client()
    await zai.chat.completions.create({ model: "glm-4.6", messages }, { requestId: "req-facade-1" })
    const last = (await harness.requests()).at(-1)
    assert.strictEqual((last?.body as { request_id?: string } | undefined)?.request_id, "req-facade-1")
  })
})

describe("lifecycle", () => {
  it("close() releases the client; later calls reject", async () => {
    const zai = harness.client()
    await zai.embeddings.create({ model: "embedding-3", input: "tea" })
    await zai.close()
    const error = await rejection(zai.embeddings.create({ model: "embedding-3", input: "tea" }))
    assert.match(String(error), /closed/)
  })

  it("await using closes the client at the end of the block", async () => {
    let kept: Zai | undefined
    {
      await using zai = new Zai({ apiKey: harness.sim().apiKey, baseURL: harness.sim().url, maxRetries: 0 })
      kept = zai
      await zai.tokenizer.create({ model: "glm-4.6", messages })
    }
    assert.match(String(await rejection(kept.tokenizer.create({ model: "glm-4.6", messages }))), /closed/)
  })

  it("uses undici on Node", () => {
    assert.strictEqual(Zai.transport, "undici")
  })
})
