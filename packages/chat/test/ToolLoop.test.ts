import { assert, describe, it, layer } from "@effect/vitest"
import type { ChatCompletions } from "@zai-kit/schema"
import { Simulator } from "@zai-kit/testing"
import { Effect, Exit, Schema } from "effect"
import * as Tool from "../src/Tool.js"
import * as ToolLoop from "../src/ToolLoop.js"
import { layer as chatLayer } from "./utils.js"

const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (reason === undefined || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

class WeatherUnavailable extends Schema.TaggedError<WeatherUnavailable>()("WeatherUnavailable", {
  city: Schema.String
}) {}

const seen: Array<unknown> = []

const weather = Tool.make("get_weather", {
  description: "Get the current weather of a city",
  parameters: Schema.Struct({
    city: Schema.String.annotate({ description: "The city name" }),
    unit: Schema.Literals(["celsius", "fahrenheit"])
  }),
  handler: (args) =>
    Effect.sync(() => {
      seen.push(args)
      return { city: args.city, temperature: 21, unit: args.unit, sky: "sunny" }
    })
})

const clock = Tool.make("get_time", {
  description: "Get the current time in a timezone",
  parameters: Schema.Struct({ timezone: Schema.String }),
  handler: ({ timezone }) => Effect.succeed(`12:00 in ${timezone}`)
})

const ask = (content: string): ChatCompletions.ChatCompletionRequest => ({
  model: "glm-4.6",
  messages: [{ role: "user", content }]
})

describe("Tool", () => {
  it("derives the wire definition from the parameters schema", () => {
    assert.deepStrictEqual(weather.definition, {
      type: "function",
      function: {
        name: "get_weather",
        description: "Get the current weather of a city",
        parameters: {
          type: "object",
          properties: {
            city: { type: "string", description: "The city name" },
            unit: { type: "string", enum: ["celsius", "fahrenheit"] }
          },
          required: ["city", "unit"],
          additionalProperties: true
        }
      }
    })
  })

  it("inlines a named root and keeps shared definitions under $defs", () => {
    const Point = Schema.Struct({ x: Schema.Number, y: Schema.Number }).annotate({ identifier: "Point" })
    const line = Tool.make("draw_line", {
      parameters: Schema.Struct({ from: Point, to: Point }).annotate({ identifier: "Line" }),
      handler: () => Effect.succeed("ok")
    })
    const parameters = line.definition.function.parameters ?? {}
    assert.strictEqual(parameters.type, "object")
    assert.isUndefined(parameters.$ref)
    assert.deepStrictEqual(Object.keys(parameters.$defs ?? {}), ["Point"])
    assert.isUndefined(line.definition.function.description)
  })

  it.effect("numbers keep their description and range on the wire; dates are strings; numbers decode plainly", () =>
    Effect.gen(function*() {
      const booking = Tool.make("book_room", {
        parameters: Schema.Struct({
          guests: Schema.Number.annotate({ description: "How many guests" }).check(Schema.isBetween({ minimum: 1, maximum: 4 })),
          night: Schema.DateTimeUtcFromString,
          until: Schema.optional(Schema.DateTimeUtc)
        }),
        handler: () => Effect.succeed("booked")
      })
      const properties = booking.definition.function.parameters?.properties
      assert.deepStrictEqual(properties, {
        guests: { type: "number", description: "How many guests", minimum: 1, maximum: 4 },
        night: { type: "string" },
        until: { anyOf: [{ type: "string" }, { type: "null" }] }
      })
      const call = { id: "c", name: "book_room", arguments: '{"guests":2,"night":"2025-01-15T00:00:00Z","until":null}' }
      const args = yield* Tool.decodeArguments(booking.parameters, call)
      assert.strictEqual(args.guests, 2)
      assert.isUndefined(args.until)
      const wrong = failureOf(yield* Effect.exit(Tool.decodeArguments(booking.parameters, { ...call, arguments: '{"guests":"two","night":"x"}' })))
      assert.deepStrictEqual(wrong.issues[0], { path: "guests", message: 'expected number, got "two"' })
    }))

  it.effect("decodeArguments: invalid JSON and schema mismatches keep the raw text; empty text is {}", () =>
    Effect.gen(function*() {
      const call = { id: "call_1", name: "get_weather", arguments: '{"city": "Paris", "unit": ' }
      const broken = failureOf(yield* Effect.exit(Tool.decodeArguments(weather.parameters, call)))
      assert.strictEqual(broken.reason, "invalid-json")
      assert.strictEqual(broken.raw, call.arguments)
      assert.include(broken.message, call.arguments)
      const wrong = failureOf(
        yield* Effect.exit(Tool.decodeArguments(weather.parameters, { ...call, arguments: '{"city": 1, "unit": "kelvin"}' }))
      )
      assert.strictEqual(wrong.reason, "schema-mismatch")
      assert.deepStrictEqual(wrong.issues.map((i) => i.path), ["city", "unit"])
      const none = yield* Tool.decodeArguments(Schema.Struct({}), { ...call, arguments: "" })
      assert.deepStrictEqual(none, {})
    }))

  it("renderResult: strings as is, other values as JSON", () => {
    assert.strictEqual(Tool.renderResult("plain"), "plain")
    assert.strictEqual(Tool.renderResult({ a: [1, 2] }), '{"a":[1,2]}')
    assert.strictEqual(Tool.renderResult(undefined), "null")
  })
})

layer(chatLayer())("ToolLoop", (it) => {
  it.effect("runs the tool the model asks for and returns the final answer", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      seen.length = 0
      const result = yield* ToolLoop.runTools(ask("What is the weather in Paris right now?"), [weather, clock])
      assert.deepStrictEqual(seen, [{ city: "Paris", unit: "celsius" }])
      assert.strictEqual(result.steps.length, 2)
      assert.strictEqual(result.steps[0]?.toolResults[0]?.call.name, "get_weather")
      assert.deepStrictEqual(result.steps[1]?.toolResults, [])
      assert.include(result.text, "get_weather returned")
      assert.include(result.text, "sunny")
      assert.deepStrictEqual(result.messages.map((m) => m.role), ["user", "assistant", "tool", "assistant"])
      const toolMessage = result.messages[2]
      assert.strictEqual(toolMessage?.role === "tool" ? toolMessage.content : "", '{"city":"Paris","temperature":21,"unit":"celsius","sky":"sunny"}')
      assert.strictEqual(
        result.usage.total_tokens,
        (result.steps[0]?.completion.usage?.total_tokens ?? 0) + (result.steps[1]?.completion.usage?.total_tokens ?? 0)
      )
      // what went on the wire: the derived definitions, then the conversation with the tool result
      const requests = yield* Simulator.requests
      assert.strictEqual(requests.length, 2)
      const first = requests[0]?.body as ChatCompletions.ChatCompletionRequest
      assert.deepStrictEqual(first.tools, [weather.definition, clock.definition])
      const second = requests[1]?.body as ChatCompletions.ChatCompletionRequest
      assert.deepStrictEqual(second.messages, result.messages.slice(0, 3))
    }))

  it.effect("picks among several tools and keeps the request's other tools", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const result = yield* ToolLoop.runTools(
        {
          ...ask("What time is it in the Tokyo timezone?"),
          tools: [
            { type: "web_search", web_search: { enable: false } },
            { type: "function", function: { name: "get_time", description: "replaced by the tool's definition" } }
          ]
        },
        [weather, clock]
      )
      assert.strictEqual(result.steps[0]?.toolResults[0]?.call.name, "get_time")
      const first = (yield* Simulator.requests)[0]?.body as ChatCompletions.ChatCompletionRequest
      assert.deepStrictEqual(first.tools?.map((t) => t.type === "function" ? t.function.name : t.type), [
        "web_search",
        "get_weather",
        "get_time"
      ])
    }))

  it.effect("fails with UnknownToolError when the model calls a tool the loop does not have", () =>
    Effect.gen(function*() {
      const request: ChatCompletions.ChatCompletionRequest = {
        ...ask("Look up the stock price of ACME"),
        tools: [{
          type: "function",
          function: {
            name: "lookup_stock",
            description: "Look up a stock price",
            parameters: { type: "object", properties: { symbol: { type: "string" } }, required: ["symbol"] }
          }
        }]
      }
      const error = failureOf(yield* Effect.exit(ToolLoop.runTools(request, [clock])))
      assert.strictEqual(error._tag, "UnknownToolError")
      if (error._tag !== "UnknownToolError") return
      assert.strictEqual(error.toolName, "lookup_stock")
      assert.deepStrictEqual(error.available, ["get_time"])
      assert.include(error.raw, "symbol")
    }))

  it.effect("fails with ToolArgumentsError (raw text included) when the arguments do not match the schema", () =>
    Effect.gen(function*() {
      const strict = Tool.make("get_weather", {
        description: "Get the current weather of a city",
        parameters: Schema.Struct({
          city: Schema.String.check(
            Schema.makeFilter((s: string) => s === s.toLowerCase(), { expected: "a lower-case city name" })
          )
        }),
        handler: () => Effect.succeed("never")
      })
      const error = failureOf(yield* Effect.exit(ToolLoop.runTools(ask("What is the weather in Paris?"), [strict])))
      assert.strictEqual(error._tag, "ToolArgumentsError")
      if (error._tag !== "ToolArgumentsError") return
      assert.strictEqual(error.reason, "schema-mismatch")
      assert.strictEqual(error.raw, '{"city":"Paris"}')
      assert.strictEqual(error.issues[0]?.path, "city")
      assert.include(error.message, "lower-case")
      assert.include(error.message, '{"city":"Paris"}')
    }))

  it.effect("fails with MaxStepsExceededError without running the pending calls", () =>
    Effect.gen(function*() {
      seen.length = 0
      const error = failureOf(
        yield* Effect.exit(ToolLoop.runTools(ask("What is the weather in Paris?"), [weather], { maxSteps: 1 }))
      )
      assert.strictEqual(error._tag, "MaxStepsExceededError")
      if (error._tag !== "MaxStepsExceededError") return
      assert.strictEqual(error.maxSteps, 1)
      assert.deepStrictEqual(error.pendingToolCalls, ["get_weather"])
      assert.deepStrictEqual(seen, [])
    }))

  it.effect("a handler's own typed error fails the loop", () =>
    Effect.gen(function*() {
      const failing = Tool.make("get_weather", {
        description: "Get the current weather of a city",
        parameters: Schema.Struct({ city: Schema.String }),
        handler: ({ city }) => Effect.fail(new WeatherUnavailable({ city }))
      })
      const exit = yield* Effect.exit(ToolLoop.runTools(ask("What is the weather in Paris?"), [failing]))
      const error = failureOf(exit)
      assert.strictEqual(error._tag, "WeatherUnavailable")
      if (error._tag === "WeatherUnavailable") assert.strictEqual(error.city, "Paris")
    }))

  it.effect("rejects bad loop options and duplicate tool names before the wire", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const zero = failureOf(yield* Effect.exit(ToolLoop.runTools(ask("hi"), [weather], { maxSteps: 0 })))
      assert.strictEqual(zero._tag, "InvalidRequestInput")
      const twice = failureOf(yield* Effect.exit(ToolLoop.runTools(ask("hi"), [weather, weather])))
      assert.strictEqual(twice._tag, "InvalidRequestInput")
      assert.include(twice.message, "duplicate tool name")
      const badName = Tool.make("bad name!", { parameters: Schema.Struct({}), handler: () => Effect.succeed("") })
      const named = failureOf(yield* Effect.exit(ToolLoop.runTools(ask("hi"), [badName])))
      assert.strictEqual(named._tag, "InvalidRequestInput")
      assert.include(named.message, "tools[0].function.name")
      assert.deepStrictEqual(yield* Simulator.requests, [])
    }))
})
