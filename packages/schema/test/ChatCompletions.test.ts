import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import {
  type AsyncChatCompletionRequest,
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  ContentPart,
  type FinishReason,
  Message,
  Tool,
  validateAsyncChatRequest,
  validateChatRequest
} from "../src/ChatCompletions.js"

const fullRequest: ChatCompletionRequest = {
  model: "glm-4.6",
  messages: [
    { role: "system", content: "You are terse." },
    {
      role: "user",
      content: [
        { type: "text", text: "What is in these?" },
        { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
        { type: "video_url", video_url: { url: "https://example.com/v.mp4" } },
        { type: "file_url", file_url: { url: "https://example.com/doc.pdf" } },
        { type: "input_audio", input_audio: { data: "UklGRg==", format: "wav" } }
      ]
    },
    {
      role: "assistant",
      content: null,
      reasoning_content: "The user wants the weather.",
      tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: "{\"city\":\"Paris\"}" } }]
    },
    { role: "tool", content: "{\"temp\":21}", tool_call_id: "call_1" },
    { role: "user", content: "Thanks" }
  ],
  stream: true,
  thinking: { type: "enabled", clear_thinking: false },
  temperature: 0.6,
  top_p: 0.95,
  max_tokens: 4096,
  do_sample: true,
  stop: ["<END>"],
  tools: [
    {
      type: "function",
      function: {
        name: "get_weather",
        description: "Current weather",
        parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }
      }
    },
    { type: "retrieval", retrieval: { knowledge_id: "kb_123", prompt_template: "{{ knowledge }} / {{ question }}" } },
    {
      type: "web_search",
      web_search: {
        enable: true,
        search_engine: "search_pro_jina",
        search_query: "paris weather",
        count: 5,
        search_domain_filter: "www.example.com",
        search_recency_filter: "oneWeek",
        content_size: "high",
        result_sequence: "before",
        search_result: true,
        require_search: false,
        search_prompt: "Summarize {search_result}"
      }
    },
    {
      type: "mcp",
      mcp: {
        server_label: "weather",
        server_url: "https://open.bigmodel.cn/api/mcp-broker/proxy/weather/sse",
        transport_type: "sse",
        allowed_tools: ["forecast"],
        headers: { Authorization: "Bearer t" }
      }
    }
  ],
  tool_choice: "auto",
  tool_stream: true,
  response_format: { type: "json_object" },
  request_id: "req-20250101-0001",
  user_id: "user-42",
  sensitive_word_check: { type: "ALL", status: "DISABLE" },
  meta: { user_info: "a traveller", bot_info: "a guide", bot_name: "Guide", user_name: "Ann" },
  extra: { target: { path: "a.ts", language: "typescript", code_prefix: "const", code_suffix: "" } },
  seed: 7,
  watermark_enabled: false
}

const failureMessage = <A, R>(effect: Effect.Effect<A, { readonly message: string }, R>) =>
  effect.pipe(
    Effect.flip,
    Effect.map((e) => e.message)
  )

describe("ChatCompletionRequest (strict input)", () => {
  it.effect("accepts a request using every field, unchanged", () =>
    Effect.gen(function*() {
      const validated = yield* validateChatRequest(fullRequest)
      assert.deepStrictEqual(validated, fullRequest)
    }))

  it.effect("round-trips through JSON (encode then decode)", () =>
    Effect.gen(function*() {
      const codec = Schema.fromJsonString(ChatCompletionRequest)
      const json = yield* Schema.encodeEffect(codec)(fullRequest)
      assert.deepStrictEqual(JSON.parse(json), fullRequest)
      const back = yield* Schema.decodeUnknownEffect(codec)(json, { onExcessProperty: "error" })
      assert.deepStrictEqual(back, fullRequest)
    }))

  it.effect("accepts the minimal request and unknown model ids", () =>
    Effect.gen(function*() {
      const minimal = { model: "glm-next-preview", messages: [{ role: "user", content: "hi" }] }
      assert.deepStrictEqual<unknown>(yield* validateChatRequest(minimal), minimal)
    }))

  it.effect("rejects an unknown top-level key, naming it (with a suggestion)", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        validateChatRequest({ model: "glm-4.6", messages: [{ role: "user", content: "hi" }], top_k: 3 })
      )
      assert.strictEqual(error._tag, "InvalidRequestInput")
      assert.strictEqual(error.subject, "ChatCompletionRequest")
      assert.deepStrictEqual(error.issues, [{ path: "top_k", message: "unknown key \"top_k\" (did you mean \"top_p\"?)" }])
      assert.strictEqual(error.message, "Invalid ChatCompletionRequest: top_k: unknown key \"top_k\" (did you mean \"top_p\"?)")
    }))

  it.effect("rejects unknown keys at any depth", () =>
    Effect.gen(function*() {
      const message = yield* failureMessage(validateChatRequest({
        model: "glm-4.6",
        messages: [{ role: "user", content: "hi", name: "ann" }],
        tools: [{ type: "web_search", web_search: { serch_engine: "search_pro_jina" } }],
        thinking: { type: "enabled", budget: 100 },
        extra_body: {}
      }))
      assert.strictEqual(
        message,
        [
          "Invalid ChatCompletionRequest (4 problems):",
          "  - extra_body: unknown key \"extra_body\"",
          "  - messages[0].name: unknown key \"name\"; allowed keys: role, content",
          "  - thinking.budget: unknown key \"budget\"; allowed keys: type, clear_thinking",
          "  - tools[0].web_search.serch_engine: unknown key \"serch_engine\" (did you mean \"search_engine\"?)"
        ].join("\n")
      )
    }))

  it.effect("names the path and the expectation of a bad role", () =>
    Effect.gen(function*() {
      const message = yield* failureMessage(
        validateChatRequest({ model: "glm-4.6", messages: [{ role: "bot", content: "x" }] })
      )
      assert.strictEqual(
        message,
        "Invalid ChatCompletionRequest: messages[0].role: expected \"system\" | \"user\" | \"assistant\" | \"tool\", got \"bot\""
      )
    }))

  it.effect("names the path of wrong types, bad literals, checks and missing keys", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(validateChatRequest({
        model: 46,
        messages: [
          { role: "user", content: [{ type: "image", url: "x" }, { type: "text", text: 1 }] },
          { role: "tool", content: "x" },
          { content: "no role" }
        ],
        temperature: 1.5,
        max_tokens: 0,
        seed: 1.5,
        user_id: "abc",
        response_format: { type: "xml" },
        tools: [{ type: "function", function: { name: "has space" } }]
      }))
      assert.deepStrictEqual(error.issues, [
        { path: "model", message: "expected string, got 46" },
        {
          path: "messages[0].content[0].type",
          message: "expected \"text\" | \"image_url\" | \"video_url\" | \"file_url\" | \"input_audio\", got \"image\""
        },
        { path: "messages[0].content[1].text", message: "expected string, got 1" },
        { path: "messages[1].tool_call_id", message: "missing (required)" },
        { path: "messages[2].role", message: "missing; expected \"system\" | \"user\" | \"assistant\" | \"tool\"" },
        { path: "temperature", message: "expected a value between 0 and 1, got 1.5" },
        { path: "max_tokens", message: "expected a value greater than or equal to 1, got 0" },
        { path: "tools[0].function.name", message: "expected 1 to 64 characters among a-z, A-Z, 0-9, _ and -, got \"has space\"" },
        { path: "response_format.type", message: "expected \"text\" | \"json_object\", got \"xml\"" },
        { path: "user_id", message: "expected a value with a length between 6 and 128, got \"abc\"" },
        { path: "seed", message: "expected an integer, got 1.5" }
      ])
    }))

  it.effect("rejects an empty conversation and a non-object", () =>
    Effect.gen(function*() {
      assert.strictEqual(
        yield* failureMessage(validateChatRequest({ model: "glm-4.6", messages: [] })),
        "Invalid ChatCompletionRequest: messages: expected a value with a length of at least 1, got []"
      )
      assert.strictEqual(
        yield* failureMessage(validateChatRequest("hello")),
        "Invalid ChatCompletionRequest: expected ChatCompletionRequest, got \"hello\""
      )
    }))

  it.effect("async request: same rules, without stream fields", () =>
    Effect.gen(function*() {
      const { stream: _stream, tool_stream: _toolStream, ...asyncRequest } = fullRequest
      const validated: AsyncChatCompletionRequest = yield* validateAsyncChatRequest(asyncRequest)
      assert.deepStrictEqual(validated, asyncRequest)
      const error = yield* Effect.flip(validateAsyncChatRequest({ ...asyncRequest, stream: true }))
      assert.deepStrictEqual(error.issues, [{ path: "stream", message: "unknown key \"stream\"" }])
      assert.strictEqual(error.subject, "AsyncChatCompletionRequest")
    }))

  it("exposes every message, part and tool member", () => {
    assert.isTrue(Schema.is(Message)({ role: "tool", content: "x", tool_call_id: "1" }))
    assert.isTrue(Schema.is(ContentPart)({ type: "file_url", file_url: { url: "u" } }))
    assert.isTrue(Schema.is(Tool)({ type: "mcp", mcp: { server_label: "s" } }))
    assert.isFalse(Schema.is(Tool)({ type: "code_interpreter" }))
  })
})

describe("ChatCompletion (lenient output)", () => {
  const decode = Schema.decodeUnknownEffect(Schema.fromJsonString(ChatCompletion))

  it.effect("decodes a real-looking answer, keeping unknown fields at every level", () =>
    Effect.gen(function*() {
      const body = JSON.stringify({
        id: "20250101123456abc",
        request_id: "req-1",
        created: 1735700000,
        model: "glm-4.6",
        object: "chat.completion",
        choices: [{
          index: 0,
          finish_reason: "tool_calls",
          message: {
            role: "assistant",
            content: null,
            reasoning_content: "Need the weather tool.",
            tool_calls: [
              { id: "call_1", type: "function", index: 0, function: { name: "get_weather", arguments: "{\"city\":\"Paris\"}" } },
              { id: "call_2", type: "function", function: { name: "get_time", arguments: { tz: "CET" } } }
            ],
            brand_new_field: { nested: true }
          },
          logprobs: null
        }],
        usage: {
          prompt_tokens: 120,
          completion_tokens: 30,
          total_tokens: 150,
          prompt_tokens_details: { cached_tokens: 100, audio_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 12 }
        },
        web_search: [{
          refer: "ref_1",
          title: "Paris weather",
          link: "https://example.com",
          media: "Example",
          content: "Sunny",
          icon: null,
          publish_date: "2025-01-01",
          images: ["https://example.com/a.png"]
        }],
        content_filter: [{ level: 0, role: "assistant" }],
        system_fingerprint: "fp_1"
      })
      const completion = yield* decode(body)
      const choice = completion.choices?.[0]
      assert.strictEqual(choice?.finish_reason, "tool_calls")
      assert.isNull(choice?.message?.content)
      assert.strictEqual(choice?.message?.reasoning_content, "Need the weather tool.")
      assert.strictEqual(choice?.message?.tool_calls?.[0]?.function?.arguments, "{\"city\":\"Paris\"}")
      assert.deepStrictEqual(choice?.message?.tool_calls?.[1]?.function?.arguments, { tz: "CET" })
      assert.deepStrictEqual(choice?.message?.brand_new_field, { nested: true })
      assert.isNull(choice?.logprobs)
      assert.strictEqual(completion.usage?.prompt_tokens_details?.cached_tokens, 100)
      assert.strictEqual(completion.usage?.prompt_tokens_details?.audio_tokens, 0)
      assert.strictEqual(completion.usage?.completion_tokens_details?.reasoning_tokens, 12)
      assert.strictEqual(completion.web_search?.[0]?.title, "Paris weather")
      assert.isNull(completion.web_search?.[0]?.icon)
      assert.deepStrictEqual(completion.content_filter, [{ level: 0, role: "assistant" }])
      assert.strictEqual(completion.system_fingerprint, "fp_1")
      // Nothing is lost: the decoded value equals the input.
      assert.deepStrictEqual(completion, JSON.parse(body))
    }))

  it.effect("tolerates nulls and missing fields everywhere", () =>
    Effect.gen(function*() {
      const completion = yield* decode(JSON.stringify({
        id: "x",
        created: null,
        model: null,
        choices: null,
        usage: { prompt_tokens: 1, completion_tokens: null, total_tokens: 1, prompt_tokens_details: null },
        web_search: null
      }))
      assert.isNull(completion.choices)
      assert.isNull(completion.usage?.prompt_tokens_details)
      assert.deepStrictEqual(yield* decode("{}"), {})
    }))

  it.effect("accepts unknown finish reasons and model ids", () =>
    Effect.gen(function*() {
      const completion = yield* decode(JSON.stringify({
        model: "glm-9-experimental",
        choices: [{ index: 0, finish_reason: "abort", message: { role: "assistant", content: "hi" } }]
      }))
      assert.strictEqual(completion.model, "glm-9-experimental")
      const reason: FinishReason | null | undefined = completion.choices?.[0]?.finish_reason
      assert.strictEqual(reason, "abort")
    }))

  it.effect("still rejects a wrong type where the shape is known", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(decode(JSON.stringify({ choices: { not: "an array" } })))
      assert.strictEqual(error._tag, "SchemaError")
    }))
})

describe("ChatCompletionChunk (lenient output)", () => {
  const decode = Schema.decodeUnknownEffect(Schema.fromJsonString(ChatCompletionChunk))

  it.effect("decodes a stream of chunks: role, reasoning, tool-call fragments, usage on the last one", () =>
    Effect.gen(function*() {
      const frames = [
        { id: "c1", created: 1, model: "glm-4.6", choices: [{ index: 0, delta: { role: "assistant", content: null, reasoning_content: "Think" } }] },
        { id: "c1", created: 1, model: "glm-4.6", choices: [{ index: 0, delta: { content: "", tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "get_weather", arguments: "" } }] } }] },
        { id: "c1", created: 1, model: "glm-4.6", choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: "{\"city\":" } }] } }] },
        { id: "c1", created: 1, model: "glm-4.6", choices: [{ index: 0, delta: { tool_calls: null, content: "ok" }, finish_reason: null }] },
        {
          id: "c1",
          created: 1,
          model: "glm-4.6",
          choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: "stop" }],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, completion_tokens_details: { reasoning_tokens: 2 } },
          web_search: [{ title: "t", link: "l" }],
          new_top_level: 1
        }
      ]
      const chunks = yield* Effect.forEach(frames, (frame) => decode(JSON.stringify(frame)))
      assert.strictEqual(chunks[0]?.choices?.[0]?.delta?.reasoning_content, "Think")
      assert.isNull(chunks[0]?.choices?.[0]?.delta?.content)
      assert.strictEqual(chunks[1]?.choices?.[0]?.delta?.tool_calls?.[0]?.id, "call_1")
      assert.strictEqual(chunks[2]?.choices?.[0]?.delta?.tool_calls?.[0]?.function?.arguments, "{\"city\":")
      assert.isUndefined(chunks[2]?.choices?.[0]?.delta?.tool_calls?.[0]?.id)
      assert.isNull(chunks[3]?.choices?.[0]?.delta?.tool_calls)
      assert.isNull(chunks[3]?.choices?.[0]?.finish_reason)
      assert.strictEqual(chunks[4]?.choices?.[0]?.finish_reason, "stop")
      assert.strictEqual(chunks[4]?.usage?.completion_tokens_details?.reasoning_tokens, 2)
      assert.strictEqual(chunks[4]?.web_search?.[0]?.title, "t")
      assert.strictEqual(chunks[4]?.new_top_level, 1)
    }))

  it.effect("decodes audio deltas, empty choices and mid-stream error frames", () =>
    Effect.gen(function*() {
      const audio = yield* decode(JSON.stringify({ choices: [{ index: 0, delta: { audio: { id: "a", data: "AAAA", expires_at: 9 } } }] }))
      assert.strictEqual(audio.choices?.[0]?.delta?.audio?.data, "AAAA")
      const empty = yield* decode(JSON.stringify({ id: "c", choices: [] }))
      assert.deepStrictEqual(empty.choices, [])
      const failed = yield* decode(JSON.stringify({ error: { code: "1234", message: "network error" } }))
      assert.deepStrictEqual(failed.error, { code: "1234", message: "network error" })
      const textError = yield* decode(JSON.stringify({ error: "boom", code: 500 }))
      assert.strictEqual(textError.error, "boom")
      assert.strictEqual(textError.code, 500)
    }))
})
