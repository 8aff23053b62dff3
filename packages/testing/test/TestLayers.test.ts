import { assert, layer } from "@effect/vitest"
import { AsyncTasks, ChatCompletions } from "@zai-kit/schema"
import { Polling, ZaiClient, type ZaiError } from "@zai-kit/transport"
import { Cause, Effect, Exit, Stream } from "effect"
import { TestClock } from "effect/testing"
import * as Faults from "../src/Faults.js"
import * as Simulator from "../src/Simulator.js"
import * as TestLayers from "../src/TestLayers.js"

const chat = (content: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): ZaiClient.ZaiRequest => ({
  method: "POST",
  path: "/chat/completions",
  operation: "chat.completions.create",
  body: { _tag: "Json", value: { model: "glm-4.6", messages: [{ role: "user", content }], ...extra } },
  options: { headers }
})

const errorOf = <A>(exit: Exit.Exit<A, ZaiError.ZaiError>): ZaiError.ZaiError | undefined => {
  if (Exit.isSuccess(exit)) return undefined
  const found = Cause.findErrorOption(exit.cause)
  return found._tag === "Some" ? found.value : undefined
}


layer(TestLayers.layerZaiClient())("TestLayers.layerZaiClient", (it) => {
  it.effect("gives a ZaiClient aimed at the simulator", () =>
    Effect.gen(function* () {
      const client = yield* ZaiClient.ZaiClient
      const sim = yield* Simulator.Simulator
      assert.strictEqual(client.config.baseUrl, sim.url)
      const completion = yield* client.json(chat("Explain tides and the moon"), ChatCompletions.ChatCompletion)
      assert.match(completion.choices?.[0]?.message?.content ?? "", /^Summary of: Explain tides and the moon/)
      const chunks = yield* Stream.runCollect(client.stream(chat("Explain tides and the moon", { stream: true }), ChatCompletions.ChatCompletionChunk))
      assert.strictEqual(chunks.map((c) => c.choices?.[0]?.delta?.content ?? "").join(""), completion.choices?.[0]?.message?.content)
      assert.deepStrictEqual(chunks.at(-1)?.usage, completion.usage)
      const seen = yield* sim.requests
      assert.strictEqual(seen.length, 2)
      assert.strictEqual(seen[0]?.headers.authorization, "Bearer <redacted>")
      assert.strictEqual(seen[0]?.headers["x-source-channel"], "zai-kit")
      assert.strictEqual(seen[1]?.headers.accept, "text/event-stream")
      yield* sim.reset
    }))

  it.effect("simulator 4xx answers map to typed errors naming the problem", () =>
    Effect.gen(function* () {
      const client = yield* ZaiClient.ZaiClient
      const invalid = errorOf(yield* Effect.exit(client.json(chat("hi", { temperature: 7 }), ChatCompletions.ChatCompletion)))
      assert.strictEqual(invalid?._tag, "InvalidRequestError")
      assert.strictEqual(invalid?.code, "1214")
      assert.include(invalid?.message ?? "", "temperature")
      const model = errorOf(
        yield* Effect.exit(
          client.json(
            { ...chat("hi"), body: { _tag: "Json", value: { model: "gpt-4o", messages: [{ role: "user", content: "hi" }] } } },
            ChatCompletions.ChatCompletion
          )
        )
      )
      assert.strictEqual(model?._tag, "NotFoundError")
      assert.strictEqual(model?.code, "1211")
      const path = errorOf(
        yield* Effect.exit(client.json({ method: "GET", path: "/nope", operation: "nope" }, ChatCompletions.ChatCompletion))
      )
      assert.strictEqual(path?.status, 404)
      assert.strictEqual(path?.code, "1222")
    }))

  it.effect("async chat: create, then pollUntilDone on the TestClock until SUCCESS", () =>
    Effect.gen(function* () {
      const client = yield* ZaiClient.ZaiClient
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      const task = yield* client.json(
        { ...chat("Summarise the history of tea"), path: "/async/chat/completions", operation: "chat.asyncCompletions.create" },
        AsyncTasks.AsyncTask
      )
      assert.strictEqual(task.task_status, "PROCESSING")
      const id = task.id ?? ""
      const poll = client.json({ method: "GET", path: `/async-result/${id}`, operation: "chat.asyncCompletions.retrieve" }, AsyncTasks.AsyncChatResult)
      const fiber = yield* Effect.forkChild(
        Polling.pollUntilDone({
          poll,
          isDone: (r) => r.task_status === "SUCCESS",
          isFailed: (r) => r.task_status === "FAIL",
          taskId: id
        })
      )
      const exit = yield* TestLayers.drive(fiber)
      assert.isTrue(Exit.isSuccess(exit))
      if (Exit.isSuccess(exit)) assert.match(exit.value.choices?.[0]?.message?.content ?? "", /history|tea/)
      const polls = (yield* sim.requests).filter((r) => r.path.startsWith("/async-result/"))
      assert.strictEqual(polls.length, 3)

      const failing = yield* client.json(
        { ...chat("hi", {}, Faults.headers("task-failed")), path: "/async/chat/completions", operation: "chat.asyncCompletions.create" },
        AsyncTasks.AsyncTask
      )
      const failed = yield* TestLayers.drive(
        yield* Effect.forkChild(
          Polling.pollUntilDone({
            poll: client.json({ method: "GET", path: `/async-result/${failing.id ?? ""}`, operation: "poll" }, AsyncTasks.AsyncChatResult),
            isDone: (r) => r.task_status === "SUCCESS",
            isFailed: (r) => r.task_status === "FAIL",
            status: (r) => r.task_status ?? undefined
          })
        )
      )
      assert.strictEqual(errorOf(failed)?._tag, "TaskFailedError")
      const unknown = errorOf(
        yield* Effect.exit(client.json({ method: "GET", path: "/async-result/missing", operation: "poll" }, AsyncTasks.AsyncChatResult))
      )
      assert.strictEqual(unknown?._tag, "NotFoundError")
    }))
})

layer(TestLayers.layerZaiClient({ simulator: { apiKey: "key-id.key-secret" }, client: { auth: "jwt" }, http: "undici" }))(
  "TestLayers with a configured key, JWT auth and undici",
  (it) => {
    it.effect("the client signs JWTs the simulator verifies", () =>
      Effect.gen(function* () {
        // the simulator checks `exp` against the wall clock; the client signs with the TestClock's time
        yield* TestClock.setTime(Date.now())
        const client = yield* ZaiClient.ZaiClient
        const sim = yield* Simulator.Simulator
        const completion = yield* client.json(chat("hello"), ChatCompletions.ChatCompletion)
        assert.strictEqual(completion.object, "chat.completion")
        assert.strictEqual((yield* sim.requests).at(-1)?.auth, "jwt")
      }))
  }
)

layer(TestLayers.layerZaiClient({ simulator: { apiKey: "right-key" }, client: { apiKey: "wrong-key" } }))(
  "TestLayers with a wrong key",
  (it) => {
    it.effect("fails with AuthenticationError (1002), without retrying", () =>
      Effect.gen(function* () {
        const client = yield* ZaiClient.ZaiClient
        const error = errorOf(yield* Effect.exit(client.json(chat("hello"), ChatCompletions.ChatCompletion)))
        assert.strictEqual(error?._tag, "AuthenticationError")
        assert.strictEqual(error?.code, "1002")
        assert.strictEqual((yield* Simulator.requests).length, 1)
      }))
  }
)
