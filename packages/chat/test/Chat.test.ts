import { assert, describe, layer } from "@effect/vitest"
import type { ChatCompletions } from "@zai-kit/schema"
import { Simulator } from "@zai-kit/testing"
import { Effect, Exit, Fiber, Stream } from "effect"
import * as ChatModule from "../src/Chat.js"
import { Chat } from "../src/Chat.js"
import * as Completion from "../src/Completion.js"
import * as StreamAccumulator from "../src/StreamAccumulator.js"
import { driveClock, layer as chatLayer } from "./utils.js"

const hello: ChatCompletions.ChatCompletionRequest = {
  model: "glm-4.6",
  messages: [{ role: "user", content: "Tell me about the Eiffel Tower in Paris" }]
}

const weatherTool: ChatCompletions.Tool = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Get the current weather of a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
      required: ["city", "unit"]
    }
  }
}

const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const error = exit.cause.reasons.find((reason) => reason._tag === "Fail")
  if (error === undefined || error._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return error.error
}

layer(chatLayer({ asyncPolls: 2 }))("Chat", (it) => {
  describe("create", () => {
    it.effect("answers a plain request and sends it without `stream`", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const chat = yield* Chat
        const completion = yield* chat.create({ ...hello, stream: true })
        assert.isTrue(Completion.text(completion).startsWith("Summary of:"))
        assert.strictEqual(Completion.finishReason(completion), "stop")
        assert.strictEqual(completion.model, "glm-4.6")
        assert.isAbove(completion.usage?.total_tokens ?? 0, 0)
        const [recorded] = yield* Simulator.requests
        assert.strictEqual(recorded?.path, "/chat/completions")
        assert.deepStrictEqual(recorded?.body, { model: "glm-4.6", messages: hello.messages })
      }))

    it.effect("returns reasoning and tool calls", () =>
      Effect.gen(function*() {
        const chat = yield* Chat
        const thought = yield* chat.create({ ...hello, thinking: { type: "enabled" } })
        assert.isString(Completion.reasoning(thought))
        const called = yield* chat.create({
          model: "glm-4.6",
          messages: [{ role: "user", content: "What is the weather in Paris?" }],
          tools: [weatherTool]
        })
        assert.strictEqual(Completion.finishReason(called), "tool_calls")
        const [call] = Completion.toolCalls(called)
        assert.strictEqual(call?.name, "get_weather")
        assert.deepStrictEqual(JSON.parse(call?.arguments ?? ""), { city: "Paris", unit: "celsius" })
        const message = Completion.assistantMessage(called)
        assert.strictEqual(message.tool_calls?.[0]?.function?.name, "get_weather")
      }))

    it.effect("rejects bad input naming the field, before anything is sent", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const chat = yield* Chat
        const badRole = yield* Effect.exit(
          chat.create({
            model: "glm-4.6",
            // @ts-expect-error: the role is wrong on purpose (a JavaScript caller, or data from outside)
            messages: [{ role: "bot", content: "hi" }]
          })
        )
        const error = failureOf(badRole)
        assert.strictEqual(error._tag, "InvalidRequestInput")
        assert.include(error.message, "messages[0].role")
        const badTemperature = failureOf(yield* Effect.exit(chat.create({ ...hello, temperature: 3 })))
        assert.include(badTemperature.message, "temperature")
        const unknownKey = failureOf(
          yield* Effect.exit(chat.create({ ...hello, ...JSON.parse('{"temprature": 0.5}') }))
        )
        assert.include(unknownKey.message, "temprature")
        const streamed = failureOf(yield* Effect.exit(Stream.runDrain(chat.stream({ ...hello, messages: [] }))))
        assert.include(streamed.message, "messages")
        const asyncBad = failureOf(yield* Effect.exit(chat.createAsync({ ...hello, user_id: "abc" })))
        assert.include(asyncBad.message, "user_id")
        const badId = failureOf(yield* Effect.exit(chat.retrieveAsync("../etc/passwd")))
        assert.strictEqual(badId._tag, "InvalidRequestInput")
        assert.deepStrictEqual(yield* Simulator.requests, [])
      }))

    it.effect("maps an API error to a typed ZaiError", () =>
      Effect.gen(function*() {
        const chat = yield* Chat
        const error = failureOf(
          yield* Effect.exit(chat.create(hello, { headers: { "x-zai-sim-fault": "insufficient-balance" } }))
        )
        assert.strictEqual(error._tag, "InsufficientBalanceError")
        const unknownModel = failureOf(yield* Effect.exit(chat.create({ ...hello, model: "nope-1" })))
        assert.strictEqual(unknownModel._tag, "NotFoundError")
      }))
  })

  it.effect("module-level accessors run on the Chat service of the context", () =>
    Effect.gen(function*() {
      const viaService = yield* Chat.use((chat) => chat.create(hello))
      const viaAccessor = yield* ChatModule.create(hello)
      assert.strictEqual(Completion.text(viaAccessor), Completion.text(viaService))
      const chunks = yield* Stream.runCollect(ChatModule.stream(hello))
      assert.strictEqual(Completion.text(StreamAccumulator.finish(StreamAccumulator.addAll(StreamAccumulator.initial, chunks))), Completion.text(viaService))
      assert.strictEqual(Completion.text(yield* ChatModule.streamAccumulated(hello)), Completion.text(viaService))
      const task = yield* ChatModule.createAsync(hello)
      assert.strictEqual((yield* ChatModule.retrieveAsync(task.id)).task_status, "PROCESSING")
      const counted = yield* ChatModule.tokenize({ model: "glm-4.6", messages: hello.messages })
      assert.strictEqual(counted.usage?.prompt_tokens, viaService.usage?.prompt_tokens)
      const verdict = yield* ChatModule.moderate({ model: "moderation", input: "hello" })
      assert.strictEqual(verdict.result_list?.[0]?.risk_level, "PASS")
    }))

  describe("stream", () => {
    it.effect("streams typed chunks that accumulate to the non-streamed answer", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const chat = yield* Chat
        const request: ChatCompletions.ChatCompletionRequest = { ...hello, thinking: { type: "enabled" } }
        const chunks = yield* Stream.runCollect(chat.stream(request))
        assert.isAbove(chunks.length, 3)
        assert.isTrue(chunks.slice(0, -1).every((c) => c.usage === undefined))
        const streamed = StreamAccumulator.finish(StreamAccumulator.addAll(StreamAccumulator.initial, chunks))
        const plain = yield* chat.create(request)
        assert.strictEqual(Completion.text(streamed), Completion.text(plain))
        assert.strictEqual(Completion.reasoning(streamed), Completion.reasoning(plain))
        assert.deepStrictEqual(streamed.usage, plain.usage)
        assert.strictEqual(Completion.finishReason(streamed), "stop")
        const [recorded] = yield* Simulator.requests
        assert.deepStrictEqual(recorded?.body, { ...request, stream: true })
      }))

    it.effect("streamAccumulated joins tool_stream argument fragments by index", () =>
      Effect.gen(function*() {
        const chat = yield* Chat
        const request: ChatCompletions.ChatCompletionRequest = {
          model: "glm-4.6",
          messages: [{ role: "user", content: "What is the weather in Paris?" }],
          tools: [weatherTool],
          tool_stream: true
        }
        const chunks = yield* Stream.runCollect(chat.stream(request))
        const fragments = chunks.flatMap((c) => c.choices?.[0]?.delta?.tool_calls ?? [])
        assert.isAbove(fragments.length, 2)
        assert.isTrue(fragments.slice(1).every((f) => f.id === undefined && f.function?.name === undefined))
        const completion = yield* chat.streamAccumulated(request)
        assert.strictEqual(Completion.finishReason(completion), "tool_calls")
        const calls = Completion.toolCalls(completion)
        assert.strictEqual(calls.length, 1)
        assert.strictEqual(calls[0]?.name, "get_weather")
        assert.deepStrictEqual(JSON.parse(calls[0]?.arguments ?? ""), { city: "Paris", unit: "celsius" })
        const plain = yield* chat.create({ ...request, tool_stream: false })
        assert.deepStrictEqual(Completion.toolCalls(plain), calls)
      }))

    it.effect("keeps web_search results whether they come first or last", () =>
      Effect.gen(function*() {
        const chat = yield* Chat
        for (const sequence of ["before", "after"] as const) {
          const request: ChatCompletions.ChatCompletionRequest = {
            ...hello,
            tools: [{ type: "web_search", web_search: { enable: true, count: 2, result_sequence: sequence } }]
          }
          const chunks = yield* Stream.runCollect(chat.stream(request))
          const at = chunks.findIndex((c) => (c.web_search?.length ?? 0) > 0)
          assert.strictEqual(at, sequence === "before" ? 0 : chunks.length - 1)
          const completion = yield* chat.streamAccumulated(request)
          assert.strictEqual(completion.web_search?.length, 2)
          assert.strictEqual(completion.web_search?.[0]?.refer, "ref_1")
          assert.include(Completion.text(completion), "According to the search results")
        }
      }))

    it.effect("scan exposes the partial state after every chunk", () =>
      Effect.gen(function*() {
        const chat = yield* Chat
        const states = yield* Stream.runCollect(StreamAccumulator.scan(chat.stream(hello)))
        const texts = states.map((s) => s.choices[0]?.content ?? "")
        assert.isTrue(texts.every((t, i) => i === 0 || t.startsWith(texts[i - 1] ?? "")))
        const last = states[states.length - 1]
        assert.isDefined(last?.usage)
        assert.strictEqual(last?.chunks, states.length)
      }))

    it.effect("a mid-stream error frame fails typed", () =>
      Effect.gen(function*() {
        const chat = yield* Chat
        const exit = yield* Effect.exit(chat.streamAccumulated(hello, { headers: { "x-zai-sim-fault": "error-frame" } }))
        assert.isTrue(Exit.isFailure(exit))
        assert.notStrictEqual(failureOf(exit)._tag, "InvalidRequestInput")
      }))
  })

  describe("async", () => {
    it.effect("createAsync, retrieveAsync, then waitFor polls under the test clock", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const chat = yield* Chat
        const task = yield* chat.createAsync(hello)
        assert.strictEqual(task.task_status, "PROCESSING")
        const first = yield* chat.retrieveAsync(task.id)
        assert.strictEqual(first.task_status, "PROCESSING")
        const fiber = yield* Effect.forkChild(chat.waitFor(task.id))
        const exit = yield* driveClock(fiber)
        assert.isTrue(Exit.isSuccess(exit))
        const result = yield* Fiber.join(fiber)
        assert.strictEqual(result.task_status, "SUCCESS")
        assert.isTrue((result.choices?.[0]?.message?.content ?? "").startsWith("Summary of:"))
        const polls = (yield* Simulator.requests).filter((r) => r.path.startsWith("/async-result/"))
        assert.strictEqual(polls.length, 3)
      }))

    it.effect("a FAIL task fails waitFor with TaskFailedError carrying its error", () =>
      Effect.gen(function*() {
        const chat = yield* Chat
        yield* Simulator.injectFaults(["task-failed"])
        const task = yield* chat.createAsync(hello)
        const fiber = yield* Effect.forkChild(chat.waitFor(task.id))
        const error = failureOf(yield* driveClock(fiber))
        assert.strictEqual(error._tag, "TaskFailedError")
        if (error._tag !== "TaskFailedError") return
        assert.strictEqual(error.taskId, task.id)
        assert.strictEqual(error.taskStatus, "FAIL")
        assert.strictEqual(error.code, "1234")
        assert.include(error.message, "network error")
      }))

    it.effect("waitFor gives up with a poll TimeoutError", () =>
      Effect.gen(function*() {
        const chat = yield* Chat
        const task = yield* chat.createAsync(hello)
        const fiber = yield* Effect.forkChild(chat.waitFor(task.id, { timeout: "1500 millis" }))
        const error = failureOf(yield* driveClock(fiber, "1 second"))
        assert.strictEqual(error._tag, "TimeoutError")
        if (error._tag === "TimeoutError") assert.strictEqual(error.kind, "poll")
      }))

    it.effect("an unknown task id is a NotFoundError", () =>
      Effect.gen(function*() {
        const chat = yield* Chat
        const error = failureOf(yield* Effect.exit(chat.retrieveAsync("no-such-task")))
        assert.strictEqual(error._tag, "NotFoundError")
      }))
  })
})
