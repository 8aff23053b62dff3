import { assert, describe, layer } from "@effect/vitest"
import { Chat } from "@zai-kit/chat"
import { Simulator, TestLayers } from "@zai-kit/testing"
import { Duration, Effect, Exit, Layer, Schema, Stream, Tracer } from "effect"
import { Chat as AiChat, AiError, LanguageModel, Model, Tool, Toolkit } from "effect/ai"
import * as ZaiAiError from "../src/ZaiAiError.js"
import * as ZaiLanguageModel from "../src/ZaiLanguageModel.js"

const GetWeather = Tool.make("get_weather", {
  description: "Get the current weather of a city",
  parameters: Schema.Struct({ city: Schema.String }),
  success: Schema.Struct({ city: Schema.String, celsius: Schema.Number })
})
const GetTime = Tool.make("get_time", {
  description: "Get the local time of a timezone",
  parameters: Schema.Struct({ timezone: Schema.String }),
  success: Schema.String
})
const Weather = Toolkit.make(GetWeather, GetTime)
const calls: Array<string> = []
const WeatherHandlers = Weather.toLayer({
  get_weather: ({ city }) => Effect.sync(() => {
    calls.push(city)
    return { city, celsius: 21 }
  }),
  get_time: () => Effect.succeed("12:00")
})

const base = TestLayers.layerService(Chat.Chat.layer, {})
const testLayer = Layer.mergeAll(
  ZaiLanguageModel.model("glm-4.6").pipe(Layer.provide(base)),
  WeatherHandlers,
  base
)

const bodies = Effect.map(Simulator.requests, (rs) => rs.map((r) => r.body as Record<string, unknown>))
const lastBody = Effect.map(bodies, (bs) => bs[bs.length - 1] ?? {})

const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const error = exit.cause.reasons.find((reason) => reason._tag === "Fail")
  if (error === undefined || error._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return error.error
}

const collect = <P, E, R>(stream: Stream.Stream<P, E, R>) =>
  Effect.map(Stream.runCollect(stream), (parts) => Array.from(parts))

layer(testLayer)("ZaiLanguageModel", (it) => {
  describe("generateText", () => {
    it.effect("answers through Chat and maps system and user messages", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const response = yield* LanguageModel.generateText({
          prompt: [
            { role: "system", content: "Be brief." },
            { role: "user", content: "Tell me about the Eiffel Tower in Paris" }
          ]
        })
        assert.isTrue(response.text.startsWith("Summary of:"))
        assert.strictEqual(response.finishReason, "stop")
        assert.isAbove(response.usage.inputTokens.total ?? 0, 0)
        assert.isAbove(response.usage.outputTokens.total ?? 0, 0)
        const body = yield* lastBody
        assert.strictEqual(body.model, "glm-4.6")
        assert.deepStrictEqual(body.messages, [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Tell me about the Eiffel Tower in Paris" }
        ])
        assert.isUndefined(body.tools)
        assert.isUndefined(body.response_format)
        const metadata = response.content.find((p) => p.type === "response-metadata")
        assert.strictEqual(metadata?.modelId, "glm-4.6")
        const finish = response.content.find((p) => p.type === "finish")
        assert.strictEqual(finish?.metadata.zai?.finishReason, "stop")
      }))

    it.effect("puts the gen_ai attributes on the LanguageModel span", () =>
      Effect.gen(function*() {
        const spans: Array<Tracer.NativeSpan> = []
        const tracer = Tracer.make({
          span(options) {
            const span = new Tracer.NativeSpan(options)
            spans.push(span)
            return span
          }
        })
        const response = yield* LanguageModel.generateText({ prompt: "Hello" }).pipe(
          ZaiLanguageModel.withConfigOverride({ temperature: 0.4, max_tokens: 200 }),
          Effect.provideService(Tracer.Tracer, tracer)
        )
        const span = spans.find((s) => s.name === "LanguageModel.generateText")
        const attributes = Object.fromEntries(span?.attributes ?? [])
        assert.strictEqual(attributes["gen_ai.provider.name"], "zai")
        assert.strictEqual(attributes["gen_ai.operation.name"], "chat")
        assert.strictEqual(attributes["gen_ai.request.model"], "glm-4.6")
        assert.strictEqual(attributes["gen_ai.request.temperature"], 0.4)
        assert.strictEqual(attributes["gen_ai.request.max_tokens"], 200)
        assert.strictEqual(attributes["gen_ai.response.model"], "glm-4.6")
        assert.strictEqual(attributes["gen_ai.usage.input_tokens"], response.usage.inputTokens.total)
        assert.strictEqual(attributes["gen_ai.usage.output_tokens"], response.usage.outputTokens.total)
      }))

    it.effect("provides the provider and model names", () =>
      Effect.gen(function*() {
        assert.strictEqual(yield* Model.ProviderName, "zai")
        assert.strictEqual(yield* Model.ModelName, "glm-4.6")
      }))

    it.effect("sends the model config and its overrides, and maps reasoning with its tokens", () =>
      Effect.gen(function*() {
        const response = yield* LanguageModel.generateText({ prompt: "Explain tides" }).pipe(
          ZaiLanguageModel.withConfigOverride({ thinking: { type: "enabled" }, temperature: 0.3 })
        )
        assert.isAbove(response.reasoningText?.length ?? 0, 0)
        assert.isAbove(response.usage.outputTokens.reasoning ?? 0, 0)
        assert.strictEqual(
          response.usage.outputTokens.text,
          (response.usage.outputTokens.total ?? 0) - (response.usage.outputTokens.reasoning ?? 0)
        )
        const body = yield* lastBody
        assert.deepStrictEqual(body.thinking, { type: "enabled" })
        assert.strictEqual(body.temperature, 0.3)
      }))

    it.effect("maps a length cut to finishReason length", () =>
      Effect.gen(function*() {
        const response = yield* LanguageModel.generateText({ prompt: "Write a long essay about rivers and seas" }).pipe(
          ZaiLanguageModel.withConfigOverride({ max_tokens: 3 })
        )
        assert.strictEqual(response.finishReason, "length")
      }))

    it.effect("sends images and audio as content parts", () =>
      Effect.gen(function*() {
        yield* LanguageModel.generateText({
          prompt: [{
            role: "user",
            content: [
              { type: "text", text: "What is in these?" },
              { type: "file", mediaType: "image/png", data: new Uint8Array([1, 2, 3]) },
              { type: "file", mediaType: "image/jpeg", data: new URL("https://example.com/cat.jpg") },
              { type: "file", mediaType: "audio/wav", data: new Uint8Array([4, 5]) },
              { type: "file", mediaType: "video/mp4", data: "https://example.com/clip.mp4" }
            ]
          }]
        }).pipe(ZaiLanguageModel.withConfigOverride({}), Effect.provide(ZaiLanguageModel.model("glm-4.6v")))
        const body = yield* lastBody
        assert.strictEqual(body.model, "glm-4.6v")
        assert.deepStrictEqual(body.messages, [{
          role: "user",
          content: [
            { type: "text", text: "What is in these?" },
            { type: "image_url", image_url: { url: "data:image/png;base64,AQID" } },
            { type: "image_url", image_url: { url: "https://example.com/cat.jpg" } },
            { type: "input_audio", input_audio: { data: "BAU=", format: "wav" } },
            { type: "video_url", video_url: { url: "https://example.com/clip.mp4" } }
          ]
        }])
      }))

    it.effect("rejects a document given as bytes, naming the part, before the wire", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const exit = yield* Effect.exit(LanguageModel.generateText({
          prompt: [{
            role: "user",
            content: [{ type: "text", text: "Read" }, {
              type: "file",
              mediaType: "application/pdf",
              data: new Uint8Array([1])
            }]
          }]
        }))
        const error = failureOf(exit)
        assert.strictEqual(error.reason._tag, "InvalidRequestError")
        if (error.reason._tag === "InvalidRequestError") {
          assert.strictEqual(error.reason.parameter, "prompt.content[0].content[1]")
          assert.include(error.reason.description ?? "", "http(s) URL")
        }
        assert.lengthOf(yield* Simulator.requests, 0)
      }))
  })

  describe("streamText", () => {
    it.effect("streams text deltas between text-start and text-end, then finish with usage", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const parts = yield* collect(LanguageModel.streamText({ prompt: "Tell me about the Eiffel Tower in Paris" }))
        const types = parts.map((p) => p.type)
        assert.strictEqual(types[0], "response-metadata")
        const start = types.indexOf("text-start")
        const end = types.indexOf("text-end")
        assert.isAbove(start, 0)
        assert.isAbove(end, start)
        assert.strictEqual(types[types.length - 1], "finish")
        const deltas = parts.flatMap((p) => (p.type === "text-delta" ? [p.delta] : []))
        assert.isAbove(deltas.length, 1)
        assert.isTrue(deltas.join("").startsWith("Summary of:"))
        const finish = parts[parts.length - 1]
        assert.strictEqual(finish?.type === "finish" ? finish.reason : undefined, "stop")
        assert.isAbove(finish?.type === "finish" ? (finish.usage.outputTokens.total ?? 0) : 0, 0)
        const body = yield* lastBody
        assert.strictEqual(body.stream, true)
      }))

    it.effect("streams reasoning before the text", () =>
      Effect.gen(function*() {
        const parts = yield* collect(
          LanguageModel.streamText({ prompt: "Explain tides" }).pipe(
            Stream.provideService(ZaiLanguageModel.Config, { thinking: { type: "enabled" } })
          )
        )
        const types = parts.map((p) => p.type)
        const rStart = types.indexOf("reasoning-start")
        const rEnd = types.indexOf("reasoning-end")
        assert.isAbove(rStart, 0)
        assert.isAbove(rEnd, types.indexOf("reasoning-delta"))
        assert.isBelow(rEnd, types.indexOf("text-start"))
      }))

    it.effect("streams tool-call arguments (tool_stream) and resolves the call", () =>
      Effect.gen(function*() {
        calls.length = 0
        const parts = yield* collect(
          LanguageModel.streamText({ prompt: "What is the weather in Paris?", toolkit: Weather }).pipe(
            Stream.provideService(ZaiLanguageModel.Config, { tool_stream: true })
          )
        )
        const deltas = parts.filter((p) => p.type === "tool-params-delta")
        assert.isAbove(deltas.length, 1)
        const call = parts.find((p) => p.type === "tool-call")
        assert.strictEqual(call?.name, "get_weather")
        assert.deepStrictEqual(call?.params, { city: "Paris" })
        const result = parts.find((p) => p.type === "tool-result")
        assert.deepStrictEqual(result?.result, { city: "Paris", celsius: 21 })
        const finish = parts.find((p) => p.type === "finish")
        assert.strictEqual(finish?.type === "finish" ? finish.reason : undefined, "tool-calls")
        assert.deepStrictEqual(calls, ["Paris"])
      }))

    it.effect("fails with an AiError when the stream carries an error frame", () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        yield* sim.injectFaults(["error-frame"])
        const exit = yield* Effect.exit(collect(LanguageModel.streamText({ prompt: "Hello there" })))
        const error = failureOf(exit)
        assert.isTrue(AiError.isAiError(error))
        assert.strictEqual(ZaiAiError.zaiMetadata(error)?.code, "1234")
      }))

    it.effect("maps a corrupt SSE frame to InvalidResponseError", () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        yield* sim.injectFaults(["corrupt-sse"])
        const exit = yield* Effect.exit(collect(LanguageModel.streamText({ prompt: "Hello there" })))
        assert.strictEqual(failureOf(exit).reason._tag, "InvalidResponseError")
      }))
  })

  describe("tools", () => {
    it.effect("round-trips a Toolkit: call, handler, result sent back, final answer", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        calls.length = 0
        const chat = yield* AiChat.empty
        const first = yield* chat.generateText({ prompt: "What is the weather in Paris?", toolkit: Weather })
        assert.strictEqual(first.finishReason, "tool-calls")
        assert.strictEqual(first.toolCalls[0]?.name, "get_weather")
        assert.deepStrictEqual(first.toolCalls[0]?.params, { city: "Paris" })
        assert.deepStrictEqual(first.toolResults[0]?.result, { city: "Paris", celsius: 21 })
        assert.deepStrictEqual(calls, ["Paris"])

        const second = yield* chat.generateText({ prompt: [], toolkit: Weather })
        assert.strictEqual(second.finishReason, "stop")
        assert.include(second.text, "Based on the tool results")
        assert.include(second.text, "21")

        const [firstBody, secondBody] = yield* bodies
        const tools = firstBody?.tools as ReadonlyArray<{ type: string; function: { name: string; parameters: unknown } }>
        assert.deepStrictEqual(tools.map((t) => t.function.name), ["get_weather", "get_time"])
        assert.deepInclude(tools[0]?.function.parameters, {
          type: "object",
          properties: { city: { type: "string" } },
          required: ["city"]
        })
        assert.strictEqual(firstBody?.tool_choice, "auto")
        const messages = secondBody?.messages as ReadonlyArray<Record<string, unknown>>
        const callId = first.toolCalls[0]?.id
        assert.deepStrictEqual(messages[1], {
          role: "assistant",
          content: null,
          tool_calls: [{ id: callId, type: "function", function: { name: "get_weather", arguments: "{\"city\":\"Paris\"}" } }]
        })
        assert.deepStrictEqual(messages[2], {
          role: "tool",
          tool_call_id: callId,
          content: "{\"city\":\"Paris\",\"celsius\":21}"
        })
      }))

    it.effect("toolChoice none sends no tools; a named tool is the only one offered", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        yield* LanguageModel.generateText({ prompt: "Hello", toolkit: Weather, toolChoice: "none" })
        yield* LanguageModel.generateText({
          prompt: "What time is it in Paris?",
          toolkit: Weather,
          toolChoice: { tool: "get_time" }
        })
        const [none, named] = yield* bodies
        assert.isUndefined(none?.tools)
        const tools = named?.tools as ReadonlyArray<{ function: { name: string } }>
        assert.deepStrictEqual(tools.map((t) => t.function.name), ["get_time"])
      }))

    it.effect("sends GLM's own tools from extraTools and maps web search results to sources", () =>
      Effect.gen(function*() {
        const response = yield* LanguageModel.generateText({ prompt: "Latest news about Mars rovers" }).pipe(
          ZaiLanguageModel.withConfigOverride({
            extraTools: [{ type: "web_search", web_search: { enable: true, search_result: true } }]
          })
        )
        const sources = response.content.filter((p) => p.type === "source")
        assert.isAbove(sources.length, 0)
        const body = yield* lastBody
        assert.deepStrictEqual(body.tools, [{ type: "web_search", web_search: { enable: true, search_result: true } }])
      }))
  })

  describe("configuration", () => {
    it.effect("lets the context's Config win over the model's own config", () =>
      Effect.gen(function*() {
        yield* LanguageModel.generateText({ prompt: "Hello" }).pipe(
          ZaiLanguageModel.withConfigOverride({ top_p: 0.5 }),
          ZaiLanguageModel.withConfigOverride({ temperature: 0.1, top_p: 0.9 }),
          Effect.provide(ZaiLanguageModel.layer({ model: "glm-4.5-flash", config: { temperature: 0.8, max_tokens: 50 } }))
        )
        const body = yield* lastBody
        assert.strictEqual(body.model, "glm-4.5-flash")
        assert.strictEqual(body.temperature, 0.1) // the context beats the layer's config
        assert.strictEqual(body.top_p, 0.5) // the inner override beats the outer one
        assert.strictEqual(body.max_tokens, 50) // untouched fields of the layer's config stay
        assert.isUndefined(body.extraTools)
        assert.isUndefined(body.requestOptions)
      }))

    it.effect("passes requestOptions to the transport (headers reach the wire)", () =>
      Effect.gen(function*() {
        yield* LanguageModel.generateText({ prompt: "Hello" }).pipe(
          ZaiLanguageModel.withConfigOverride({ requestOptions: { headers: { "x-team": "docs" } } })
        )
        const requests = yield* Simulator.requests
        assert.strictEqual(requests[requests.length - 1]?.headers["x-team"], "docs")
      }))

    it.effect("rejects a provider-defined tool of another provider, naming it, before the wire", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const Foreign = Tool.providerDefined({
          id: "other.web_search",
          customName: "OtherSearch",
          providerName: "web_search_preview"
        })
        const exit = yield* Effect.exit(
          LanguageModel.generateText({ prompt: "Search", toolkit: Toolkit.make(Foreign()), disableToolCallResolution: true })
        )
        const error = failureOf(exit)
        assert.strictEqual(error.reason._tag, "InvalidRequestError")
        if (error.reason._tag === "InvalidRequestError") assert.strictEqual(error.reason.parameter, "toolkit.OtherSearch")
        assert.lengthOf(yield* Simulator.requests, 0)
      }))
  })

  describe("generateObject", () => {
    const Plan = Schema.Struct({ title: Schema.String, steps: Schema.Array(Schema.String) })

    it.effect("asks for json_object with the JSON Schema and decodes the answer", () =>
      Effect.gen(function*() {
        const response = yield* LanguageModel.generateObject({
          prompt: "Plan a trip to Paris",
          schema: Plan,
          objectName: "plan"
        })
        assert.isString(response.value.title)
        assert.isArray(response.value.steps)
        const body = yield* lastBody
        assert.deepStrictEqual(body.response_format, { type: "json_object" })
        const messages = body.messages as ReadonlyArray<{ role: string; content: string }>
        assert.strictEqual(messages[0]?.role, "system")
        assert.include(messages[0]?.content ?? "", "\"plan\"")
        assert.include(messages[0]?.content ?? "", "\"steps\"")
      }))

    it.effect("fails with StructuredOutputError when the answer does not match", () =>
      Effect.gen(function*() {
        const Strict = Schema.Struct({ count: Schema.Number })
        const exit = yield* Effect.exit(
          LanguageModel.generateObject({ prompt: "Plan a trip", schema: Strict }).pipe(
            ZaiLanguageModel.withConfigOverride({ jsonInstructions: false })
          )
        )
        assert.strictEqual(failureOf(exit).reason._tag, "StructuredOutputError")
      }))
  })

  describe("errors", () => {
    it.effect("maps a rate limit with its code, request id and Retry-After", () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        yield* sim.injectFaults(["rate-limit;seconds=3"])
        const exit = yield* Effect.exit(LanguageModel.generateText({ prompt: "Hello" }))
        const error = failureOf(exit)
        assert.strictEqual(error.reason._tag, "RateLimitError")
        assert.isTrue(error.isRetryable)
        assert.deepStrictEqual(error.retryAfter, Duration.seconds(3))
        const zai = ZaiAiError.zaiMetadata(error)
        assert.strictEqual(zai?.code, "1302")
        assert.strictEqual(zai?.status, 429)
        assert.strictEqual(zai?.tag, "RateLimitError")
        assert.isString(zai?.requestId)
      }))

    it.effect("maps balance, content filter, auth and server errors", () =>
      Effect.gen(function*() {
        const sim = yield* Simulator.Simulator
        yield* sim.injectFaults(["insufficient-balance", "content-filter", "auth", "server-error"])
        const tags: Array<string> = []
        for (let i = 0; i < 4; i++) {
          const exit = yield* Effect.exit(LanguageModel.generateText({ prompt: "Hello" }))
          tags.push(failureOf(exit).reason._tag)
        }
        assert.deepStrictEqual(tags, ["QuotaExhaustedError", "ContentPolicyError", "AuthenticationError", "InternalProviderError"])
      }))

    it.effect("rejects an invalid config field before the wire, naming it", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const exit = yield* Effect.exit(
          LanguageModel.generateText({ prompt: "Hello" }).pipe(ZaiLanguageModel.withConfigOverride({ temperature: 5 }))
        )
        const error = failureOf(exit)
        assert.strictEqual(error.reason._tag, "InvalidRequestError")
        if (error.reason._tag === "InvalidRequestError") assert.strictEqual(error.reason.parameter, "temperature")
        assert.strictEqual(ZaiAiError.zaiMetadata(error)?.tag, "InvalidRequestInput")
        assert.lengthOf(yield* Simulator.requests, 0)
      }))
  })
})
