import { assert, describe, it } from "@effect/vitest"
import { decodeErrorBody, snippetMaxLength, statusLine } from "../src/ErrorEnvelope.js"

describe("ErrorEnvelope.decodeErrorBody", () => {
  it("nested error with a string code", () => {
    const raw = "{\"error\":{\"code\":\"1113\",\"message\":\"Insufficient balance or no resource package. Please recharge.\"}}"
    assert.deepStrictEqual(decodeErrorBody(429, raw), {
      code: "1113",
      message: "Insufficient balance or no resource package. Please recharge.",
      raw
    })
  })

  it("nested error with a number code and a request id", () => {
    const raw = JSON.stringify({ error: { code: 1261, message: "Prompt exceeds max length" }, request_id: "req-123" })
    assert.deepStrictEqual(decodeErrorBody(400, raw), {
      code: "1261",
      message: "Prompt exceeds max length",
      requestId: "req-123",
      raw
    })
  })

  it("flat {code, message} (the OpenAPI shape)", () => {
    const raw = JSON.stringify({ code: 1214, message: "messages[0].content invalid" })
    assert.deepStrictEqual(decodeErrorBody(400, raw), { code: "1214", message: "messages[0].content invalid", raw })
  })

  it("{msg, code}", () => {
    const raw = JSON.stringify({ msg: "token expired", code: "1003", success: false })
    assert.deepStrictEqual(decodeErrorBody(401, raw), { code: "1003", message: "token expired", raw })
  })

  it("{message, code} with an id", () => {
    const raw = JSON.stringify({ message: "too many requests", code: 1302, id: "task-9" })
    assert.deepStrictEqual(decodeErrorBody(429, raw), {
      code: "1302",
      message: "too many requests",
      requestId: "task-9",
      raw
    })
  })

  it("{error: \"text\", code}", () => {
    const raw = JSON.stringify({ error: "model overloaded", code: 1312 })
    assert.deepStrictEqual(decodeErrorBody(503, raw), { code: "1312", message: "model overloaded", raw })
  })

  it("contentFilter sibling", () => {
    const raw = JSON.stringify({
      error: { code: "1301", message: "unsafe content" },
      contentFilter: [{ level: 1, role: "user" }, { role: "assistant" }, { level: "2" }, "junk"]
    })
    assert.deepStrictEqual(decodeErrorBody(400, raw), {
      code: "1301",
      message: "unsafe content",
      contentFilter: [{ level: 1, role: "user" }, { role: "assistant" }, { level: 2 }],
      raw
    })
  })

  it("contentFilter inside the error object", () => {
    const raw = JSON.stringify({ error: { code: "1301", message: "x", contentFilter: [{ level: 3, role: "history" }] } })
    assert.deepStrictEqual(decodeErrorBody(400, raw).contentFilter, [{ level: 3, role: "history" }])
  })

  it("Anthropic-style envelope", () => {
    const raw = JSON.stringify({
      type: "error",
      error: { type: "rate_limit_error", code: "1113", message: "[1113][余额不足][20250101abc]Insufficient balance" },
      request_id: "20250101abc"
    })
    assert.deepStrictEqual(decodeErrorBody(429, raw), {
      code: "1113",
      message: "[1113][余额不足][20250101abc]Insufficient balance",
      requestId: "20250101abc",
      raw
    })
  })

  it("Anthropic-style message without code fields: code and request id from the brackets", () => {
    const raw = JSON.stringify({ type: "error", error: { type: "api_error", message: "[1302][busy][rid-77] slow down" } })
    const parsed = decodeErrorBody(429, raw)
    assert.strictEqual(parsed.code, "1302")
    assert.strictEqual(parsed.requestId, "rid-77")
  })

  it("JSON without a message: derived from the business code, else from the status and body", () => {
    assert.deepStrictEqual(decodeErrorBody(429, "{\"error\":{\"code\":\"1302\"}}"), {
      code: "1302",
      message: "HTTP 429 Too Many Requests: Too many concurrent requests",
      raw: "{\"error\":{\"code\":\"1302\"}}"
    })
    assert.strictEqual(decodeErrorBody(500, "{\"foo\":1}").message, "HTTP 500 Internal Server Error: {\"foo\":1}")
    assert.strictEqual(decodeErrorBody(400, "[1,2]").message, "HTTP 400 Bad Request: [1,2]")
    assert.strictEqual(decodeErrorBody(400, "\"just a string\"").message, "just a string")
    assert.strictEqual(decodeErrorBody(400, "null").message, "HTTP 400 Bad Request: null")
  })

  it("HTML gateway page", () => {
    const raw = `<!DOCTYPE html>
<html><head><title>405 Not Allowed</title><style>body { color: red }</style><script>var a = "<b>";</script></head>
<body><h1>Sorry, your request has been blocked</h1><p>Error&nbsp;code: &lt;WAF&gt; &#x41;&#66;</p><!-- trace 1 --></body></html>`
    const parsed = decodeErrorBody(405, raw)
    assert.deepStrictEqual(parsed, {
      message: "HTTP 405 Method Not Allowed: 405 Not Allowed Sorry, your request has been blocked Error code: <WAF> AB",
      raw
    })
  })

  it("long HTML is capped", () => {
    const raw = `<html><body>${"blocked ".repeat(200)}</body></html>`
    const parsed = decodeErrorBody(502, raw)
    const prefix = `${statusLine(502)}: `
    assert.isTrue(parsed.message.startsWith(prefix))
    assert.isAtMost(parsed.message.length - prefix.length, snippetMaxLength)
    assert.isTrue(parsed.message.endsWith("…"))
    assert.notInclude(parsed.message, "<")
  })

  it("plain text", () => {
    assert.deepStrictEqual(decodeErrorBody(502, "  upstream connect error\n  or disconnect  "), {
      message: "HTTP 502 Bad Gateway: upstream connect error or disconnect",
      raw: "  upstream connect error\n  or disconnect  "
    })
    assert.strictEqual(decodeErrorBody(418, "teapot").message, "HTTP 418: teapot")
  })

  it("empty and whitespace bodies", () => {
    assert.deepStrictEqual(decodeErrorBody(503, ""), { message: "HTTP 503 Service Unavailable", raw: "" })
    assert.deepStrictEqual(decodeErrorBody(529, " \n"), { message: "HTTP 529 Overloaded", raw: " \n" })
  })

  it("broken JSON is treated as text", () => {
    const raw = "{\"error\":{\"code\":\"1113\",\"mess"
    assert.deepStrictEqual(decodeErrorBody(429, raw), { message: `HTTP 429 Too Many Requests: ${raw}`, raw })
  })

  it("ignores empty and non-scalar codes and messages", () => {
    const raw = JSON.stringify({ error: { code: "", message: "  " }, code: { nested: true }, message: "fallback" })
    assert.deepStrictEqual(decodeErrorBody(400, raw), { message: "fallback", raw })
  })
})
