/**
 * Errors of the Promise client: `Error` subclasses per category, `instanceof ZaiError`, carrying status, business
 * code, request id, `isRetryable`, `retryAfterMs` and `attempts`; bad input rejected before the wire, naming the
 * field; no secret in any error.
 */
import {
  AuthenticationError,
  ContentFilterError,
  InsufficientBalanceError,
  InternalServerError,
  InvalidInputError,
  InvalidRequestError,
  NotFoundError,
  QuotaExceededError,
  RateLimitError,
  ServerOverloadedError,
  TaskFailedError,
  Zai,
  ZaiError
} from "@zai-kit/sdk"
import { assert, describe, it } from "vitest"
import { rejection, useSimulator } from "./utils.js"

const secret = "sk-facade-secret.0123456789abcdef"
const harness = useSimulator({ apiKey: secret })
const messages = [{ role: "user" as const, content: "Hello" }]

/** Everything an error would show when logged or serialised. */
const rendered = (error: unknown): string => {
  const e = error as Error
  return [String(e), e.stack ?? "", JSON.stringify(e), JSON.stringify(Object.entries(e))].join("\n")
}

describe("errors", () => {
  const table = [
    { fault: "rate-limit;seconds=3", type: RateLimitError, status: 429, code: "1302", retryable: true },
    { fault: "insufficient-balance", type: InsufficientBalanceError, status: 429, code: "1113", retryable: false },
    { fault: "quota-exceeded", type: QuotaExceededError, status: 429, code: "1304", retryable: false },
    { fault: "server-error", type: InternalServerError, status: 500, code: "500", retryable: true },
    { fault: "overloaded", type: ServerOverloadedError, status: 503, code: "1312", retryable: true },
    { fault: "auth", type: AuthenticationError, status: 401, code: "1002", retryable: false },
    { fault: "content-filter", type: ContentFilterError, status: 400, code: "1301", retryable: false }
  ] as const
  for (const row of table) {
    it(`${row.fault} rejects with ${row.type.name} carrying status ${row.status}, code ${row.code}`, async () => {
      const zai = harness.client()
      await harness.faults([row.fault])
      const error = await rejection(zai.chat.completions.create({ model: "glm-4.6", messages }))
      assert.instanceOf(error, row.type)
      assert.instanceOf(error, ZaiError)
      assert.instanceOf(error, Error)
      assert.instanceOf(error, Zai.ZaiError)
      const e = error as ZaiError
      assert.strictEqual(e.name, row.type.name)
      assert.strictEqual(e.status, row.status)
      assert.strictEqual(e.code, row.code)
      assert.strictEqual(e.isRetryable, row.retryable)
      assert.strictEqual(e.attempts, 1)
      assert.strictEqual(e.tag, row.type.name)
      assert.isString(e.requestId)
      assert.notInclude(rendered(error), secret)
    })
  }

  it("a rate limit carries the server's Retry-After in ms", async () => {
    const zai = harness.client()
    await harness.faults(["rate-limit;seconds=3"])
    const error = (await rejection(zai.chat.completions.create({ model: "glm-4.6", messages }))) as RateLimitError
    assert.strictEqual(error.retryAfterMs, 3000)
  })

  it("a content-filter error carries the verdicts", async () => {
    const zai = harness.client()
    await harness.faults(["content-filter"])
    const error = (await rejection(zai.chat.completions.create({ model: "glm-4.6", messages }))) as ContentFilterError
    assert.deepStrictEqual(error.contentFilter, [{ level: 1, role: "user" }])
  })

  it("retries follow maxRetries, and the error counts the attempts", async () => {
    const zai = harness.client({ maxRetries: 1 })
    await harness.faults(["server-error", "server-error"])
    const error = (await rejection(zai.chat.completions.create({ model: "glm-4.6", messages }))) as InternalServerError
    assert.strictEqual(error.attempts, 2)
    assert.deepStrictEqual((await harness.requests()).slice(-2).map((r) => r.status), [500, 500])
  })

  it("a 404 from the API is a NotFoundError", async () => {
    const zai = harness.client()
    const error = await rejection(zai.files.retrieve("file-does-not-exist"))
    assert.instanceOf(error, NotFoundError)
    assert.strictEqual((error as NotFoundError).status, 404)
  })

  it("a request the API rejects (unknown voice) is an InvalidRequestError with the API's message", async () => {
    const zai = harness.client()
    const error = await rejection(zai.audio.speech.create({ model: "glm-tts", input: "Hi", voice: "no-such-voice" }))
    assert.instanceOf(error, InvalidRequestError)
    assert.strictEqual((error as InvalidRequestError).code, "1214")
    assert.isString((error as InvalidRequestError).serverMessage)
  })

  it("bad input is rejected before the wire with InvalidInputError naming the field", async () => {
    const zai = harness.client()
    const before = (await harness.requests()).length
    const input = { model: "glm-4.6", messages: [{ role: "robot", content: "Hi" }] } as unknown as Parameters<
      typeof zai.chat.completions.create
    >[0]
    const error = await rejection(zai.chat.completions.create(input))
    assert.instanceOf(error, InvalidInputError)
    const e = error as InvalidInputError
    assert.strictEqual(e.subject, "ChatCompletionRequest")
    assert.isTrue(e.issues.some((issue) => issue.path.startsWith("messages[0]")), JSON.stringify(e.issues))
    assert.include(e.message, "messages[0]")
    assert.strictEqual(e.attempts, 0)
    assert.isFalse(e.isRetryable)
    assert.strictEqual((await harness.requests()).length, before)
  })

  it("a failed task rejects wait() with TaskFailedError carrying the task id and status", async () => {
    const zai = harness.client()
    await harness.faults(["task-failed"])
    const task = await zai.videos.generate({ model: "cogvideox-3", prompt: "A cat" })
    const error = await rejection(task.wait({ pollInterval: 5 }))
    assert.instanceOf(error, TaskFailedError)
    const e = error as TaskFailedError
    assert.strictEqual(e.taskId, task.id)
    assert.strictEqual(e.taskStatus, "FAIL")
  })

  it("a wrong key is an AuthenticationError that does not show the key", async () => {
    const wrong = "sk-wrong-key.abcdefabcdef"
    const zai = harness.client({ apiKey: wrong })
    const error = await rejection(zai.chat.completions.create({ model: "glm-4.6", messages }))
    assert.instanceOf(error, AuthenticationError)
    assert.notInclude(rendered(error), wrong)
    assert.notInclude(rendered(error), secret)
  })
})
