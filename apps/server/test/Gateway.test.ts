import { assert, describe, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { ConfigProvider, Effect, Layer } from "effect"
import OpenAI from "openai"
import * as Upstream from "../src/Upstream.js"
import { baseUrl, call, layerServer, layerServerOn, serverKey } from "./support.js"

const client = Effect.map(baseUrl, (base) => new OpenAI({ apiKey: serverKey, baseURL: `${base}/v1`, maxRetries: 0 }))

describe("gateway with the official openai client", () => {
  layer(layerServer(), { excludeTestServices: true })((it) => {
    it.effect("plain chat completion", () =>
      Effect.gen(function*() {
        const openai = yield* client
        const completion = yield* Effect.promise(() =>
          openai.chat.completions.create({ model: "glm-4.6", messages: [{ role: "user", content: "Hello GLM, tell me about tea" }] })
        )
        assert.strictEqual(completion.object, "chat.completion")
        assert.match(completion.choices[0]?.message.content ?? "", /Summary of: Hello GLM/)
        assert.isAbove(completion.usage?.total_tokens ?? 0, 0)
      }))

    it.effect("streaming chat completion", () =>
      Effect.gen(function*() {
        const openai = yield* client
        const text = yield* Effect.promise(async () => {
          const stream = await openai.chat.completions.create({
            model: "glm-4.6",
            stream: true,
            messages: [{ role: "user", content: "Hello GLM, tell me about green tea" }]
          })
          let text = ""
          let chunks = 0
          for await (const chunk of stream) {
            chunks++
            text += chunk.choices[0]?.delta?.content ?? ""
          }
          return { text, chunks }
        })
        assert.isAbove(text.chunks, 2)
        assert.match(text.text, /Summary of: Hello GLM/)
      }))

    it.effect("reasoning is passed through", () =>
      Effect.gen(function*() {
        const { json, status } = yield* call("/v1/chat/completions", {
          body: { model: "glm-4.6", thinking: { type: "enabled" }, messages: [{ role: "user", content: "Why is the sky blue?" }] }
        })
        assert.strictEqual(status, 200)
        assert.isString(json.choices[0].message.reasoning_content)
        assert.isAbove(json.choices[0].message.reasoning_content.length, 0)
      }))

    it.effect("tools: a tool call, then the answer with the tool result", () =>
      Effect.gen(function*() {
        const openai = yield* client
        const tools = [{
          type: "function" as const,
          function: {
            name: "get_weather",
            description: "Weather of a city",
            parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }
          }
        }]
        const first = yield* Effect.promise(() =>
          openai.chat.completions.create({
            model: "glm-4.6",
            tools,
            messages: [{ role: "user", content: "What is the weather in paris today?" }]
          })
        )
        const choice = first.choices[0]!
        assert.strictEqual(choice.finish_reason, "tool_calls")
        const toolCall = choice.message.tool_calls?.[0]
        assert.isDefined(toolCall)
        assert.strictEqual(toolCall!.type, "function")
        const fn = toolCall!.type === "function" ? toolCall!.function : undefined
        assert.strictEqual(fn?.name, "get_weather")
        assert.property(JSON.parse(fn?.arguments ?? "{}"), "city")
        const second = yield* Effect.promise(() =>
          openai.chat.completions.create({
            model: "glm-4.6",
            tools,
            messages: [
              { role: "user", content: "What is the weather in paris today?" },
              { role: "assistant", content: "", tool_calls: [toolCall!] },
              { role: "tool", tool_call_id: toolCall!.id, content: "sunny, 21 degrees" }
            ]
          })
        )
        assert.strictEqual(second.choices[0]?.finish_reason, "stop")
        assert.include(second.choices[0]?.message.content ?? "", "sunny")
      }))

    it.effect("streamed tool calls", () =>
      Effect.gen(function*() {
        const openai = yield* client
        const calls = yield* Effect.promise(async () => {
          const stream = await openai.chat.completions.create({
            model: "glm-4.6",
            stream: true,
            tools: [{
              type: "function",
              function: { name: "lookup", parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] } }
            }],
            messages: [{ role: "user", content: "Look up effect typescript" }]
          })
          const names: Array<string> = []
          let finish: string | null | undefined
          for await (const chunk of stream) {
            for (const call of chunk.choices[0]?.delta?.tool_calls ?? []) if (call.function?.name) names.push(call.function.name)
            finish = chunk.choices[0]?.finish_reason ?? finish
          }
          return { names, finish }
        })
        assert.deepStrictEqual(calls.names, ["lookup"])
        assert.strictEqual(calls.finish, "tool_calls")
      }))

    it.effect("embeddings", () =>
      Effect.gen(function*() {
        const openai = yield* client
        const result = yield* Effect.promise(() =>
          openai.embeddings.create({ model: "embedding-3", input: ["green tea", "black tea"], dimensions: 256, encoding_format: "float" })
        )
        assert.strictEqual(result.data.length, 2)
        assert.strictEqual(result.data[0]?.embedding.length, 256)
      }))

    it.effect("models", () =>
      Effect.gen(function*() {
        const openai = yield* client
        const ids = yield* Effect.promise(async () => {
          const ids: Array<string> = []
          for await (const model of openai.models.list()) ids.push(model.id)
          return ids
        })
        assert.include(ids, "glm-4.6")
        assert.include(ids, "embedding-3")
      }))

    it.effect("a wrong key is a 401 in the OpenAI shape, seen by the client as AuthenticationError", () =>
      Effect.gen(function*() {
        const base = yield* baseUrl
        const openai = new OpenAI({ apiKey: "wrong", baseURL: `${base}/v1`, maxRetries: 0 })
        const error = yield* Effect.promise(() =>
          openai.chat.completions.create({ model: "glm-4.6", messages: [{ role: "user", content: "hi" }] }).then(
            () => undefined,
            (e: unknown) => e
          )
        )
        assert.instanceOf(error, OpenAI.AuthenticationError)
        assert.strictEqual((error as InstanceType<typeof OpenAI.AuthenticationError>).status, 401)
        const raw = yield* call("/v1/models", { key: null })
        assert.strictEqual(raw.status, 401)
        assert.strictEqual(raw.json.error.type, "authentication_error")
        assert.notInclude(raw.text, serverKey)
      }))

    it.effect("bad input is a 400 naming the field, before anything is sent", () =>
      Effect.gen(function*() {
        const bad = yield* call("/v1/chat/completions", { body: { model: "glm-4.6", messages: [{ role: "nobody", content: "x" }] } })
        assert.strictEqual(bad.status, 400)
        assert.strictEqual(bad.json.error.type, "invalid_request_error")
        assert.match(bad.json.error.param, /^messages\[0\]/)
        const unknownKey = yield* call("/v1/chat/completions", { body: { model: "glm-4.6", messages: [], bogus: 1 } })
        assert.strictEqual(unknownKey.status, 400)
        assert.include(unknownKey.json.error.message, "bogus")
        const notJson = yield* call("/v1/embeddings", { body: "{not json" })
        assert.strictEqual(notJson.status, 400)
        assert.strictEqual(notJson.json.error.type, "invalid_request_error")
        const noInput = yield* call("/v1/embeddings", { body: { model: "embedding-3" } })
        assert.strictEqual(noInput.status, 400)
        assert.strictEqual(noInput.json.error.param, "input")
      }))

    it.effect("upstream failures keep their meaning: 429 after the SDK's retries, 5xx as 502, before the first chunk of a stream", () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        yield* sim.injectFaults(["insufficient-balance"])
        const limited = yield* call("/v1/chat/completions", {
          body: { model: "glm-4.6", messages: [{ role: "user", content: "hi" }] }
        })
        assert.strictEqual(limited.status, 429)
        assert.strictEqual(limited.json.error.type, "rate_limit_error")
        assert.strictEqual(limited.json.error.code, "1113")
        yield* sim.injectFaults(["content-filter"])
        const failed = yield* call("/v1/chat/completions", {
          body: { model: "glm-4.6", stream: true, messages: [{ role: "user", content: "hi" }] }
        })
        assert.strictEqual(failed.status, 403)
        assert.strictEqual(failed.json.error.type, "permission_error")
        yield* sim.injectFaults(["server-error", "server-error", "server-error"])
        const broken = yield* call("/v1/embeddings", { body: { model: "embedding-3", input: "tea" } })
        assert.strictEqual(broken.status, 502)
        assert.strictEqual(broken.json.error.type, "api_error")
        yield* sim.injectFaults(["error-frame"])
        const midStream = yield* call("/v1/chat/completions", {
          body: { model: "glm-4.6", stream: true, messages: [{ role: "user", content: "Hello GLM, tell me about tea" }] }
        })
        assert.strictEqual(midStream.status, 200)
        const frames = midStream.text.split("\n\n").filter((f) => f.startsWith("data: "))
        assert.isAbove(frames.length, 1)
        assert.include(frames[0], "chat.completion.chunk")
        assert.include(frames.at(-1), '"error"')
        assert.notInclude(midStream.text, "[DONE]")
      }))
  })
})

describe("with ZAI_API_KEY set", () => {
  // The real-API path (Upstream.layer reading ZAI_API_KEY / ZAI_BASE_URL), pointed at a separate simulator.
  const withKey = Layer.unwrap(
    Effect.map(Simulator.Simulator, (sim) =>
      layerServerOn(Upstream.layer).pipe(
        Layer.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env: { ZAI_API_KEY: sim.apiKey, ZAI_BASE_URL: sim.url } })))
      ))
  ).pipe(Layer.provideMerge(Simulator.layer({ apiKey: "zai-real-key-fixture.secret" })))

  layer(withKey, { excludeTestServices: true })((it) => {
    it.effect("calls go to the configured API with its key, which never reaches the caller", () =>
      Effect.gen(function*() {
        const ready = yield* call("/readyz", { key: null })
        assert.strictEqual(ready.json.upstream, "zai")
        const answer = yield* call("/v1/chat/completions", {
          body: { model: "glm-4.6", messages: [{ role: "user", content: "Hello GLM" }] }
        })
        assert.strictEqual(answer.status, 200)
        assert.match(String(answer.json.choices[0].message.content), /^Summary of: Hello GLM/)
        // This simulator accepts only its own key (others get 401, a 502 here): the configured ZAI_API_KEY was sent.
        assert.notInclude(answer.text, "zai-real-key-fixture")
      }))
  })
})
