import { createHmac } from "node:crypto"
import { assert, describe, it, layer } from "@effect/vitest"
import { Effect, Exit } from "effect"
import * as Simulator from "../src/Simulator.js"
import {
  type Chunk,
  type Completion,
  chatBody,
  type Envelope,
  get,
  json,
  post,
  request,
  sseData
} from "./utils.js"

const chat = (body: unknown, extra: Record<string, string> = {}) =>
  Effect.flatMap(Simulator.Simulator, (sim) => post(sim, "/chat/completions", body, extra))

const chunksOf = (text: string): ReadonlyArray<Chunk> =>
  sseData(text)
    .filter((d) => d !== "[DONE]")
    .map((d) => JSON.parse(d) as Chunk)

const weatherTool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Get the current weather for a city",
    parameters: {
      type: "object",
      properties: {
        city: { type: "string", description: "City name" },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
        days: { type: "integer", minimum: 1, maximum: 7 }
      },
      required: ["city", "unit"]
    }
  }
}

layer(Simulator.layer())("Simulator: chat completions", (it) => {
  it.effect("answers a non-streamed completion in the Z.ai shape", () =>
    Effect.gen(function* () {
      const res = yield* chat(chatBody("Explain how photosynthesis converts sunlight into chemical energy in plants"))
      assert.strictEqual(res.status, 200)
      assert.match(res.headers.get("content-type") ?? "", /application\/json/)
      const body = json<Completion>(res)
      assert.strictEqual(body.object, "chat.completion")
      assert.strictEqual(body.model, "glm-4.6")
      assert.strictEqual(res.headers.get("x-request-id"), body.request_id)
      assert.isNumber(body.created)
      const choice = body.choices[0]
      assert.strictEqual(choice?.index, 0)
      assert.strictEqual(choice?.finish_reason, "stop")
      assert.strictEqual(choice?.message.role, "assistant")
      assert.match(choice?.message.content ?? "", /^Summary of: Explain how photosynthesis converts sunlight into chemical energy…\n\n/)
      assert.match(choice?.message.content ?? "", /photosynthesis|sunlight|chemical|energy|plants|converts/)
      assert.isUndefined(choice?.message.reasoning_content)
      assert.isAbove(body.usage.prompt_tokens, 0)
      assert.isAbove(body.usage.completion_tokens, 0)
      assert.strictEqual(body.usage.total_tokens, body.usage.prompt_tokens + body.usage.completion_tokens)
      assert.deepStrictEqual(body.usage.prompt_tokens_details, { cached_tokens: 0 })
    }))

  it.effect("material of numbered sources ([n] Title — url) is answered with a Markdown outline citing each", () =>
    Effect.gen(function* () {
      const material = [
        "[1] Offshore Wind — https://a.test/wind",
        "Turbines grow taller and floating foundations reach deeper water.",
        "",
        "[2] Grid Batteries — https://b.test/batteries",
        "Lithium storage shifts solar power into the evening peak."
      ].join("\n")
      const res = yield* chat(chatBody(material))
      const content = json<Completion>(res).choices[0]?.message.content ?? ""
      assert.match(content, /^## Overview\n\n.+\n\n## Key points\n\n/)
      assert.include(content, "- **Offshore Wind**: Turbines grow taller and floating foundations reach deeper water [1]")
      assert.include(content, "- **Grid Batteries**: Lithium storage shifts solar power into the evening peak [2]")
      // one source is not material: the usual answer
      const single = yield* chat(chatBody("[1] Offshore Wind — https://a.test/wind\nTurbines grow taller."))
      assert.match(json<Completion>(single).choices[0]?.message.content ?? "", /^Summary of: /)
    }))

  it.effect("echoes a client request_id", () =>
    Effect.gen(function* () {
      const res = yield* chat(chatBody("hello there", { request_id: "my-request-0001" }))
      assert.strictEqual(json<Completion>(res).request_id, "my-request-0001")
      assert.strictEqual(res.headers.get("x-request-id"), "my-request-0001")
    }))

  it.effect("is deterministic: same request, same answer; another request, another answer", () =>
    Effect.gen(function* () {
      const a1 = json<Completion>(yield* chat(chatBody("Compare Rust and Go for network services")))
      const a2 = json<Completion>(yield* chat(chatBody("Compare Rust and Go for network services")))
      const b = json<Completion>(yield* chat(chatBody("Write a haiku about autumn leaves falling")))
      assert.strictEqual(a1.choices[0]?.message.content, a2.choices[0]?.message.content)
      assert.deepStrictEqual(a1.usage, a2.usage)
      assert.notStrictEqual(a1.choices[0]?.message.content, b.choices[0]?.message.content)
      assert.notStrictEqual(a1.id, a2.id)
    }))

  it.effect("streams SSE frames: chat.completion.chunk, usage on the last chunk only, then [DONE]", () =>
    Effect.gen(function* () {
      const prompt = "Describe the water cycle: evaporation, condensation, precipitation and collection"
      const res = yield* chat(chatBody(prompt, { stream: true }))
      assert.strictEqual(res.status, 200)
      assert.match(res.headers.get("content-type") ?? "", /^text\/event-stream/)
      assert.isTrue(res.text.endsWith("data: [DONE]\n\n"))
      for (const frame of res.text.split("\n\n").filter((f) => f !== "")) assert.match(frame, /^data: /)
      const chunks = chunksOf(res.text)
      assert.isAbove(chunks.length, 3)
      for (const chunk of chunks.slice(0, -1)) {
        assert.strictEqual(chunk.object, "chat.completion.chunk")
        assert.isUndefined(chunk.usage)
        assert.isUndefined(chunk.choices[0]?.finish_reason)
      }
      const last = chunks[chunks.length - 1]
      assert.strictEqual(last?.choices[0]?.finish_reason, "stop")
      assert.isDefined(last?.usage)
      assert.strictEqual(new Set(chunks.map((c) => c.id)).size, 1)
      const streamed = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")
      const whole = json<Completion>(yield* chat(chatBody(prompt)))
      assert.strictEqual(streamed, whole.choices[0]?.message.content)
      assert.deepStrictEqual(last?.usage, whole.usage)
    }))

  it.effect("thinking: reasoning_content (and reasoning_tokens), streamed before the content", () =>
    Effect.gen(function* () {
      const body = chatBody("Plan a three day trip to Kyoto with temples and gardens", { thinking: { type: "enabled" } })
      const whole = json<Completion>(yield* chat(body))
      const message = whole.choices[0]?.message
      assert.match(message?.reasoning_content ?? "", /Kyoto|temples|gardens/)
      assert.isAbove(whole.usage.completion_tokens_details?.reasoning_tokens ?? 0, 0)
      assert.isAbove(whole.usage.completion_tokens, whole.usage.completion_tokens_details?.reasoning_tokens ?? 0)

      const chunks = chunksOf((yield* chat({ ...body, stream: true })).text)
      const kinds = chunks.map((c) =>
        c.choices[0]?.delta.reasoning_content !== undefined ? "r" : c.choices[0]?.delta.content ? "c" : "-"
      )
      const firstContent = kinds.indexOf("c")
      assert.isAbove(firstContent, 0)
      assert.isTrue(kinds.slice(0, firstContent).every((k) => k === "r"))
      assert.isTrue(kinds.slice(firstContent).every((k) => k !== "r"))
      assert.strictEqual(chunks.map((c) => c.choices[0]?.delta.reasoning_content ?? "").join(""), message?.reasoning_content)

      const off = json<Completion>(yield* chat(chatBody("Plan a trip", { thinking: { type: "disabled" } })))
      assert.isUndefined(off.choices[0]?.message.reasoning_content)
      assert.isUndefined(off.usage.completion_tokens_details)
    }))

  it.effect("tools: first turn calls a function with arguments from its required parameters", () =>
    Effect.gen(function* () {
      const res = json<Completion>(yield* chat(chatBody("What is the weather in Paris today?", { tools: [weatherTool] })))
      const choice = res.choices[0]
      assert.strictEqual(choice?.finish_reason, "tool_calls")
      const call = choice?.message.tool_calls?.[0]
      assert.strictEqual(call?.type, "function")
      assert.strictEqual(call?.index, 0)
      assert.match(call?.id ?? "", /^call_/)
      assert.strictEqual(call?.function.name, "get_weather")
      assert.deepStrictEqual(JSON.parse(call?.function.arguments ?? ""), { city: "Paris", unit: "celsius" })
    }))

  it.effect("tools: after a tool result, answers in text using it", () =>
    Effect.gen(function* () {
      const first = json<Completion>(yield* chat(chatBody("What is the weather in Paris today?", { tools: [weatherTool] })))
      const call = first.choices[0]?.message.tool_calls?.[0]
      const second = json<Completion>(
        yield* chat({
          model: "glm-4.6",
          tools: [weatherTool],
          messages: [
            { role: "user", content: "What is the weather in Paris today?" },
            { role: "assistant", content: null, tool_calls: [{ id: call?.id, type: "function", function: call?.function }] },
            { role: "tool", tool_call_id: call?.id, content: '{"temperature": 21, "sky": "sunny"}' }
          ]
        })
      )
      assert.strictEqual(second.choices[0]?.finish_reason, "stop")
      assert.isUndefined(second.choices[0]?.message.tool_calls)
      assert.include(second.choices[0]?.message.content ?? "", "get_weather returned")
      assert.include(second.choices[0]?.message.content ?? "", "temperature")
    }))

  it.effect("tools streamed: whole call in one delta, or split over deltas with tool_stream", () =>
    Effect.gen(function* () {
      const body = chatBody("What is the weather in Paris today?", { tools: [weatherTool], stream: true })
      const plain = chunksOf((yield* chat(body)).text)
      const plainCalls = plain.flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])
      assert.strictEqual(plainCalls.length, 1)
      assert.strictEqual(plainCalls[0]?.function.name, "get_weather")
      assert.deepStrictEqual(JSON.parse(plainCalls[0]?.function.arguments ?? ""), { city: "Paris", unit: "celsius" })
      assert.strictEqual(plain[plain.length - 1]?.choices[0]?.finish_reason, "tool_calls")

      const streamed = chunksOf((yield* chat({ ...body, tool_stream: true })).text)
      const deltas = streamed.flatMap((c) => c.choices[0]?.delta.tool_calls ?? [])
      assert.isAbove(deltas.length, 2)
      assert.strictEqual(deltas[0]?.id, plainCalls[0]?.id)
      assert.strictEqual(deltas[0]?.function.name, "get_weather")
      for (const d of deltas.slice(1)) {
        assert.strictEqual(d.index, 0)
        assert.isUndefined(d.id)
        assert.isUndefined(d.function.name)
      }
      assert.strictEqual(deltas.map((d) => d.function.arguments ?? "").join(""), plainCalls[0]?.function.arguments)
    }))

  it.effect("web_search tool: top-level web_search results", () =>
    Effect.gen(function* () {
      const tools = [{ type: "web_search", web_search: { enable: true, search_query: "electric cars battery range" } }]
      const res = json<Completion>(yield* chat(chatBody("How far can electric cars drive?", { tools })))
      const results = res.web_search ?? []
      assert.strictEqual(results.length, 3)
      for (const r of results) {
        for (const key of ["title", "link", "content", "media", "icon", "refer", "publish_date"]) assert.isString(r[key])
      }
      assert.strictEqual(results[0]?.refer, "ref_1")
      assert.include(res.choices[0]?.message.content ?? "", "[ref_1]")

      const chunks = chunksOf((yield* chat(chatBody("How far can electric cars drive?", { tools, stream: true }))).text)
      assert.deepStrictEqual(chunks[0]?.web_search, results)
      const after = [{ type: "web_search", web_search: { search_query: "electric cars", result_sequence: "after" } }]
      const late = chunksOf((yield* chat(chatBody("How far can electric cars drive?", { tools: after, stream: true }))).text)
      assert.isUndefined(late[0]?.web_search)
      assert.isDefined(late[late.length - 1]?.web_search)
    }))

  it.effect("response_format json_object: valid JSON, keys from a schema in the system prompt", () =>
    Effect.gen(function* () {
      const plain = json<Completion>(yield* chat(chatBody("Tell me about volcanoes", { response_format: { type: "json_object" } })))
      const parsed = JSON.parse(plain.choices[0]?.message.content ?? "") as Record<string, unknown>
      assert.deepStrictEqual(Object.keys(parsed), ["answer"])

      const schema = {
        type: "object",
        properties: { title: { type: "string" }, sentiment: { type: "string", enum: ["positive", "negative"] }, score: { type: "number" }, tags: { type: "array", items: { type: "string" } } }
      }
      const withSchema = json<Completion>(
        yield* chat({
          model: "glm-4.6",
          response_format: { type: "json_object" },
          messages: [
            { role: "system", content: `Reply with JSON matching this schema: ${JSON.stringify(schema)}` },
            { role: "user", content: "Review: the new phone camera is excellent and battery lasts long" }
          ]
        })
      )
      const obj = JSON.parse(withSchema.choices[0]?.message.content ?? "") as Record<string, unknown>
      assert.deepStrictEqual(Object.keys(obj), ["title", "sentiment", "score", "tags"])
      assert.strictEqual(obj.sentiment, "positive")
      assert.isNumber(obj.score)
      assert.isArray(obj.tags)

      const example = json<Completion>(
        yield* chat({
          model: "glm-4.6",
          response_format: { type: "json_object" },
          messages: [
            { role: "system", content: 'Answer as {"city": "...", "population": 0, "capital": true}' },
            { role: "user", content: "Tell me about Lyon in France" }
          ]
        })
      )
      const ex = JSON.parse(example.choices[0]?.message.content ?? "") as Record<string, unknown>
      assert.deepStrictEqual(Object.keys(ex), ["city", "population", "capital"])
      assert.isString(ex.city)
      assert.isNumber(ex.population)
      assert.isBoolean(ex.capital)
    }))

  it.effect("max_tokens cuts the answer with finish_reason length", () =>
    Effect.gen(function* () {
      const res = json<Completion>(yield* chat(chatBody("Explain the history of the printing press in Europe", { max_tokens: 5 })))
      assert.strictEqual(res.choices[0]?.finish_reason, "length")
      assert.isAtMost(res.usage.completion_tokens, 5)
    }))

  it.effect("vision content parts are accepted", () =>
    Effect.gen(function* () {
      const res = yield* chat({
        model: "glm-4.5v",
        messages: [
          {
            role: "user",
            content: [
              { type: "image_url", image_url: { url: "https://example.com/cat.png" } },
              { type: "text", text: "What animal is shown in this picture?" }
            ]
          }
        ]
      })
      assert.strictEqual(res.status, 200)
      assert.match(json<Completion>(res).choices[0]?.message.content ?? "", /animal|picture|shown/)
    }))
})

layer(Simulator.layer({ asyncPolls: 2 }))("Simulator: async chat", (it) => {
  it.effect("PROCESSING for the first polls, then SUCCESS with choices and usage", () =>
    Effect.gen(function* () {
      const sim = yield* Simulator.Simulator
      const created = yield* post(sim, "/async/chat/completions", chatBody("Summarise the causes of the French revolution"))
      assert.strictEqual(created.status, 200)
      const task = json<{ id: string; request_id: string; model: string; task_status: string }>(created)
      assert.strictEqual(task.task_status, "PROCESSING")
      assert.strictEqual(task.model, "glm-4.6")
      const poll = () => Effect.map(get(sim, `/async-result/${task.id}`), (r) => json<Completion & { task_status: string }>(r))
      assert.strictEqual((yield* poll()).task_status, "PROCESSING")
      assert.strictEqual((yield* poll()).task_status, "PROCESSING")
      const done = yield* poll()
      assert.strictEqual(done.task_status, "SUCCESS")
      assert.strictEqual(done.id, task.id)
      assert.match(done.choices[0]?.message.content ?? "", /^Summary of: Summarise the causes/)
      assert.isAbove(done.usage.total_tokens, 0)
      const sync = json<Completion>(yield* post(sim, "/chat/completions", chatBody("Summarise the causes of the French revolution")))
      assert.strictEqual(done.choices[0]?.message.content, sync.choices[0]?.message.content)
    }))

  it.effect("unknown task id: 404 in the envelope", () =>
    Effect.gen(function* () {
      const sim = yield* Simulator.Simulator
      const res = yield* get(sim, "/async-result/nope")
      assert.strictEqual(res.status, 404)
      assert.strictEqual(json<Envelope>(res).error.code, "404")
    }))
})

layer(Simulator.layer())("Simulator: errors and recording", (it) => {
  it.effect("unknown path and wrong method: 404 / 405 in the envelope", () =>
    Effect.gen(function* () {
      const sim = yield* Simulator.Simulator
      const missing = yield* post(sim, "/no/such/path", {})
      assert.strictEqual(missing.status, 404)
      assert.strictEqual(json<Envelope>(missing).error.code, "1222")
      const outside = yield* request(`${sim.origin}/v1/chat/completions`, { method: "POST" })
      assert.strictEqual(outside.status, 404)
      const wrongMethod = yield* get(sim, "/chat/completions")
      assert.strictEqual(wrongMethod.status, 405)
      assert.strictEqual(wrongMethod.headers.get("allow"), "POST")
    }))

  it.effect("400 names the field: missing (1213) and invalid (1214), bad JSON (1210), unknown model (1211)", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [unknown, string, RegExp]> = [
        [{ messages: [{ role: "user", content: "hi" }] }, "1213", /model/],
        [{ model: "glm-4.6" }, "1213", /messages/],
        [{ model: "glm-4.6", messages: [] }, "1214", /messages/],
        [{ model: "glm-4.6", messages: [{ role: "robot", content: "hi" }] }, "1214", /messages\[0\]\.role/],
        [{ model: "glm-4.6", messages: [{ role: "user" }] }, "1213", /messages\[0\]\.content/],
        [chatBody("hi", { temperature: 3 }), "1214", /temperature/],
        [chatBody("hi", { stream: "yes" }), "1214", /stream/],
        [chatBody("hi", { thinking: { type: "maybe" } }), "1214", /thinking\.type/],
        [chatBody("hi", { response_format: { type: "json_schema" } }), "1214", /response_format\.type/],
        [chatBody("hi", { tools: [{ type: "function", function: {} }] }), "1213", /tools\[0\]\.function\.name/],
        [chatBody("hi", { tools: [{ type: "shell" }] }), "1214", /tools\[0\]\.type/],
        [chatBody("hi", { tool_choice: "required" }), "1214", /tool_choice/],
        [chatBody("hi", { top_p: 0 }), "1214", /top_p/],
        [chatBody("hi", { stop: "END" }), "1214", /stop/],
        [chatBody("hi", { user_id: "abc" }), "1214", /user_id/],
        [{ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }, "1211", /gpt-4o/]
      ]
      for (const [body, code, field] of cases) {
        const res = yield* chat(body)
        assert.strictEqual(res.status, 400, JSON.stringify(body))
        const envelope = json<Envelope>(res)
        assert.strictEqual(envelope.error.code, code, JSON.stringify(body))
        assert.match(envelope.error.message, field)
      }
      const sim = yield* Simulator.Simulator
      const bad = yield* request(`${sim.url}/chat/completions`, {
        method: "POST",
        headers: { authorization: "Bearer k", "content-type": "application/json" },
        body: "{not json"
      })
      assert.strictEqual(bad.status, 400)
      assert.strictEqual(json<Envelope>(bad).error.code, "1210")
    }))

  it.effect("unknown request keys are ignored, as the API does", () =>
    Effect.gen(function* () {
      const res = yield* chat(chatBody("hello", { stream_options: { include_usage: true }, presence_penalty: 0, n: 1 }))
      assert.strictEqual(res.status, 200)
    }))

  it.effect("no Authorization header: 401 with code 1001", () =>
    Effect.gen(function* () {
      const sim = yield* Simulator.Simulator
      const res = yield* request(`${sim.url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(chatBody("hi"))
      })
      assert.strictEqual(res.status, 401)
      assert.strictEqual(json<Envelope>(res).error.code, "1001")
      const any = yield* chat(chatBody("hi"), { authorization: "Bearer anything-goes" })
      assert.strictEqual(any.status, 200)
    }))

  it.effect("records every request with the Authorization header redacted", () =>
    Effect.gen(function* () {
      yield* Simulator.reset
      yield* chat(chatBody("first"), { "x-custom": "1" })
      yield* chat(chatBody("second", { stream: true }))
      const seen = yield* Simulator.requests
      assert.strictEqual(seen.length, 2)
      assert.strictEqual(seen[0]?.method, "POST")
      assert.strictEqual(seen[0]?.path, "/chat/completions")
      assert.strictEqual(seen[0]?.url, "/api/paas/v4/chat/completions")
      assert.strictEqual(seen[0]?.headers.authorization, "Bearer <redacted>")
      assert.strictEqual(seen[0]?.headers["x-custom"], "1")
      assert.strictEqual(seen[0]?.auth, "api-key")
      assert.strictEqual(seen[0]?.status, 200)
      assert.deepStrictEqual(seen[0]?.body, chatBody("first"))
      assert.notInclude(JSON.stringify(seen), "zai-sim-key")
      assert.strictEqual(seen[1]?.seq, 2)
      yield* Simulator.reset
      assert.strictEqual((yield* Simulator.requests).length, 0)
    }))

  it.effect("serves the coding-plan base path too", () =>
    Effect.gen(function* () {
      const sim = yield* Simulator.Simulator
      const res = yield* request(`${sim.origin}/api/coding/paas/v4/chat/completions`, {
        method: "POST",
        headers: { authorization: "Bearer k", "content-type": "application/json" },
        body: JSON.stringify(chatBody("hi"))
      })
      assert.strictEqual(res.status, 200)
    }))
})

const signJwt = (id: string, secret: string, expMs: number) => {
  const enc = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")
  const head = enc({ alg: "HS256", sign_type: "SIGN" })
  const payload = enc({ api_key: id, exp: expMs, timestamp: Date.now() })
  const sig = createHmac("sha256", secret).update(`${head}.${payload}`).digest("base64url")
  return `${head}.${payload}.${sig}`
}

layer(Simulator.layer({ apiKey: "key-id.key-secret" }))("Simulator: configured API key", (it) => {
  it.effect("accepts the key and JWTs signed with it, refuses others (1002 / 1003 / 1004)", () =>
    Effect.gen(function* () {
      const sim = yield* Simulator.Simulator
      assert.strictEqual(sim.apiKey, "key-id.key-secret")
      assert.strictEqual((yield* chat(chatBody("hi"))).status, 200)
      const wrong = yield* chat(chatBody("hi"), { authorization: "Bearer other-key" })
      assert.strictEqual(wrong.status, 401)
      assert.deepStrictEqual(json<Envelope>(wrong).error.code, "1002")
      const jwt = yield* chat(chatBody("hi"), { authorization: `Bearer ${signJwt("key-id", "key-secret", Date.now() + 60_000)}` })
      assert.strictEqual(jwt.status, 200)
      assert.strictEqual((yield* Simulator.requests).at(-1)?.auth, "jwt")
      const expired = yield* chat(chatBody("hi"), { authorization: `Bearer ${signJwt("key-id", "key-secret", Date.now() - 1000)}` })
      assert.strictEqual(json<Envelope>(expired).error.code, "1003")
      const forged = yield* chat(chatBody("hi"), { authorization: `Bearer ${signJwt("key-id", "other", Date.now() + 60_000)}` })
      assert.strictEqual(json<Envelope>(forged).error.code, "1004")
    }))
})

layer(Simulator.layer({ apiKey: "key-id.key-secret" }))("Simulator: public media routes", (it) => {
  it.effect("serves /sim-files and agent files without a key, as a CDN does; API routes still need one", () =>
    Effect.gen(function* () {
      const sim = yield* Simulator.Simulator
      const generated = json<{ data: ReadonlyArray<{ url: string }> }>(
        yield* post(sim, "/images/generations", { model: "cogview-4", prompt: "a boat" })
      )
      const url = generated.data[0]?.url ?? ""
      assert.match(url, /\/sim-files\//)
      const plain = yield* Effect.promise(() => fetch(url))
      assert.strictEqual(plain.status, 200)
      assert.strictEqual(plain.headers.get("content-type"), "image/png")
      const png = new Uint8Array(yield* Effect.promise(() => plain.arrayBuffer()))
      assert.deepStrictEqual(Array.from(png.subarray(1, 4)), [80, 78, 71])
      assert.strictEqual((yield* Simulator.requests).at(-1)?.auth, "none")
      // a wrong key does not matter either, and a missing file is still a 404
      assert.strictEqual((yield* request(url, { headers: { authorization: "Bearer wrong" } })).status, 200)
      assert.strictEqual((yield* request(`${sim.url}/sim-files/none.png`)).status, 404)
      assert.strictEqual((yield* request(`${sim.url}/sim-agents/files/none.pdf`)).status, 404)
      // an API route is not public
      const denied = yield* request(`${sim.url}/async-result/x`)
      assert.strictEqual(denied.status, 401)
      assert.strictEqual(json<Envelope>(denied).error.code, "1001")
    }))
})

describe("Simulator: lifecycle", () => {
  it.effect("listens while the scope is open and stops at scope end", () =>
    Effect.gen(function* () {
      const url = yield* Effect.scoped(
        Effect.gen(function* () {
          const sim = yield* Simulator.start()
          assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+\/api\/paas\/v4$/)
          assert.strictEqual((yield* post(sim, "/chat/completions", chatBody("hi"))).status, 200)
          return sim.url
        })
      )
      const after = yield* Effect.exit(request(`${url}/chat/completions`, { method: "POST" }))
      assert.isTrue(Exit.isFailure(after))
    }))

  it.effect("a seed changes answers but keeps them deterministic", () =>
    Effect.gen(function* () {
      const answer = (seed: string) =>
        Effect.scoped(
          Effect.gen(function* () {
            const sim = yield* Simulator.start({ seed })
            const texts: Array<string> = []
            for (const topic of ["oceans and tides", "medieval castles", "quantum computing basics", "bread baking"]) {
              texts.push(json<Completion>(yield* post(sim, "/chat/completions", chatBody(`Tell me about ${topic}`))).choices[0]?.message.content ?? "")
            }
            return texts.join("|")
          })
        )
      assert.strictEqual(yield* answer("a"), yield* answer("a"))
      assert.notStrictEqual(yield* answer("a"), yield* answer("b"))
    }))

  it.effect("chunkWords and chunkDelay shape the stream", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const sim = yield* Simulator.start({ chunkWords: 1, chunkDelay: "15 millis" })
        const started = Date.now()
        const res = yield* post(sim, "/chat/completions", chatBody("Tell me about rivers and lakes", { stream: true }))
        const chunks = chunksOf(res.text)
        const contentChunks = chunks.filter((c) => (c.choices[0]?.delta.content ?? "") !== "")
        assert.isTrue(contentChunks.every((c) => /^\s*\S+$/.test(c.choices[0]?.delta.content ?? "")))
        assert.isAtLeast(Date.now() - started, 15 * chunks.length)
      })
    ))

  it.effect("a busy port fails with SimulatorError", () =>
    Effect.gen(function* () {
      const result = yield* Effect.scoped(
        Effect.gen(function* () {
          const sim = yield* Simulator.start()
          return yield* Effect.flip(Simulator.start({ port: sim.port }))
        })
      )
      assert.strictEqual(result._tag, "SimulatorError")
    }))
})
