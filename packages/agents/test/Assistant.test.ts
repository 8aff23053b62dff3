import { assert, describe, it, layer } from "@effect/vitest"
import { Faults, Simulator } from "@zai-kit/testing"
import { Effect, Stream } from "effect"
import * as AssistantModule from "../src/Assistant.js"
import { Assistant } from "../src/Assistant.js"
import { failureOf, fixedLayer, zaiFailureOf, layer as agentsLayer, type Seen, streamFlag } from "./utils.js"

const assistantId = "65940acff94777010aa6b796"
const ask = (text: string) => ({ assistant_id: assistantId, messages: [{ role: "user" as const, content: [{ type: "text" as const, text }] }] })

layer(agentsLayer())("Assistant", (it) => {
  it.effect("run sends POST <paas>/assistant without `stream` and reads the answer", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const assistant = yield* Assistant
      const answer = yield* assistant.run({ ...ask("Tell me about the history of tea in China"), stream: true, metadata: { source: "test" } })
      assert.strictEqual(answer.status, "completed")
      assert.strictEqual(answer.assistant_id, assistantId)
      assert.isString(answer.conversation_id)
      assert.isTrue(AssistantModule.text(answer).startsWith("Summary of: Tell me about the history of tea"))
      assert.strictEqual(answer.choices?.[0]?.finish_reason, "stop")
      assert.isAbove(answer.usage?.total_tokens ?? 0, 0)
      const [recorded] = yield* Simulator.requests
      assert.strictEqual(recorded?.method, "POST")
      assert.strictEqual(recorded?.path, "/assistant")
      assert.strictEqual(recorded?.url, "/api/paas/v4/assistant")
      assert.strictEqual(recorded?.headers.authorization, "Bearer <redacted>")
      assert.strictEqual(recorded?.headers["content-type"], "application/json")
      assert.deepStrictEqual(recorded?.body, { ...ask("Tell me about the history of tea in China"), metadata: { source: "test" } })
    }))

  it.effect("runStream gives one full AssistantCompletion per event; tool steps come first with attachments", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const assistant = yield* Assistant
      const request = { ...ask("Summarise the attached report on solar panels"), attachments: [{ file_id: "file-123" }] }
      const events = yield* Stream.runCollect(assistant.runStream(request))
      assert.isAbove(events.length, 2)
      assert.strictEqual(events[0]?.choices?.[0]?.delta?.type, "tool_calls")
      const [retrieval] = AssistantModule.toolCalls(events[0] ?? {})
      assert.strictEqual(retrieval?.type, "retrieval")
      assert.strictEqual(retrieval?.retrieval?.outputs?.[0]?.document, "file-123")
      assert.isTrue(events.slice(0, -1).every((e) => e.status === "in_progress"))
      assert.strictEqual(events[events.length - 1]?.status, "completed")
      assert.isAbove(events[events.length - 1]?.usage?.total_tokens ?? 0, 0)
      const collected = yield* AssistantModule.collect(assistant.runStream(request))
      const plain = yield* assistant.run(request)
      assert.strictEqual(collected.text, AssistantModule.text(plain))
      assert.strictEqual(collected.toolCalls.length, 1)
      assert.strictEqual(collected.last?.status, "completed")
      const recorded = yield* Simulator.requests
      assert.strictEqual(streamFlag(recorded[0]?.body), true)
      assert.strictEqual(recorded[0]?.headers.accept, "text/event-stream")
    }))

  it.effect("extra_parameters.translate makes a translation assistant answer", () =>
    Effect.gen(function*() {
      const answer = yield* AssistantModule.run({
        ...ask("Hello world"),
        extra_parameters: { translate: { from_language: "en", to_language: "fr" } }
      })
      assert.strictEqual(AssistantModule.text(answer), "[en→fr] Bonjour monde")
    }))

  it.effect("list gives the supported assistants", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const assistant = yield* Assistant
      const all = yield* assistant.list()
      assert.strictEqual(all.length, 3)
      assert.strictEqual(all[0]?.name, "ChatGLM")
      assert.deepStrictEqual(all[0]?.tools, ["web_browser", "code_interpreter", "drawing_tool"])
      const some = yield* assistant.list({ assistant_id_list: ["659e54b1b8006379b4b2abd6", "custom-1"] })
      assert.deepStrictEqual(
        some.map((a) => a.assistant_id),
        ["659e54b1b8006379b4b2abd6", "custom-1"]
      )
      const recorded = yield* Simulator.requests
      assert.deepStrictEqual(
        recorded.map((r) => [r.path, r.body]),
        [
          ["/assistant/list", {}],
          ["/assistant/list", { assistant_id_list: ["659e54b1b8006379b4b2abd6", "custom-1"] }]
        ]
      )
    }))

  it.effect("conversations streams every page; a conversation_id continues a conversation", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const assistant = yield* Assistant
      const first = yield* assistant.run(ask("First question about rivers"))
      yield* assistant.run(ask("Second question about mountains"))
      yield* assistant.run(ask("Third question about deserts"))
      yield* assistant.run({ ...ask("A follow-up about rivers"), conversation_id: first.conversation_id ?? "" })
      const before = (yield* Simulator.requests).length
      const conversations = yield* Stream.runCollect(assistant.conversations({ assistant_id: assistantId, page_size: 2 }))
      assert.strictEqual(conversations.length, 3)
      assert.strictEqual(conversations[0]?.id, first.conversation_id)
      assert.isAbove(conversations[0]?.usage?.total_tokens ?? 0, (first.usage?.total_tokens ?? 0))
      const pages = (yield* Simulator.requests).slice(before)
      assert.deepStrictEqual(
        pages.map((r) => r.body),
        [
          { assistant_id: assistantId, page: 1, page_size: 2 },
          { assistant_id: assistantId, page: 2, page_size: 2 }
        ]
      )
      const page = yield* assistant.conversationsPage({ assistant_id: assistantId, page: 2, page_size: 2 })
      assert.strictEqual(page.has_more, false)
      assert.strictEqual(page.conversation_list?.length, 1)
      const capped = yield* Stream.runCollect(assistant.conversations({ assistant_id: assistantId, page_size: 1 }, { maxPages: 2 }))
      assert.strictEqual(capped.length, 2)
    }))

  it.effect("rejects bad input naming the field, before anything is sent", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const assistant = yield* Assistant
      const noId = failureOf(
        // @ts-expect-error: assistant_id is missing on purpose
        yield* Effect.exit(assistant.run({ messages: ask("hi").messages }))
      )
      assert.strictEqual(noId._tag, "InvalidRequestInput")
      assert.include(noId.message, "assistant_id: missing")
      const stringContent = failureOf(
        yield* Effect.exit(
          // @ts-expect-error: content must be an array of text parts
          assistant.run({ assistant_id: assistantId, messages: [{ role: "user", content: "hi" }] })
        )
      )
      assert.include(stringContent.message, "messages[0].content: expected array")
      const badPage = failureOf(yield* Effect.exit(assistant.conversationsPage({ assistant_id: assistantId, page_size: 0 })))
      assert.include(badPage.message, "page_size")
      const badList = failureOf(
        // @ts-expect-error: a misspelt key on purpose
        yield* Effect.exit(assistant.list({ assistant_ids: ["x"] }))
      )
      assert.include(badList.message, 'unknown key "assistant_ids"')
      assert.strictEqual((yield* Simulator.requests).length, 0)
    }))

  it.effect("a failed answer fails typed, plain or streamed", () =>
    Effect.gen(function*() {
      const assistant = yield* Assistant
      const failed = zaiFailureOf(
        yield* Effect.exit(assistant.run(ask("hello there"), { headers: Faults.headers("error-frame;code=1302;message=slow down") }))
      )
      assert.strictEqual(failed._tag, "RateLimitError")
      assert.strictEqual(failed.code, "1302")
      assert.include(failed.message, "slow down")
      const streamed = yield* Effect.exit(
        Stream.runCollect(assistant.runStream(ask("one two three four five six seven eight nine"), { headers: Faults.headers("error-frame;after=1") }))
      )
      assert.strictEqual(failureOf(streamed)._tag, "InternalServerError")
    }))
})

describe("lenient answers (hand-written bodies)", () => {
  it.effect("keeps unknown fields and accepts nulls", () =>
    Effect.gen(function*() {
      const seen: Array<Seen> = []
      const body = JSON.stringify({
        id: "x",
        conversation_id: "c",
        assistant_id: "a",
        created: null,
        status: "completed",
        last_error: null,
        choices: [{ index: 0, delta: { role: "assistant", type: "content", content: "Hi!", brand_new: 1 }, finish_reason: "stop", metadata: null }],
        metadata: null,
        usage: null,
        novelty: [1, 2]
      })
      const answer = yield* AssistantModule.run(ask("x")).pipe(Effect.provide(fixedLayer(() => body, seen, { agentsBaseUrl: "http://agents.test/api" })))
      assert.strictEqual(AssistantModule.text(answer), "Hi!")
      assert.deepStrictEqual(answer.novelty, [1, 2])
      assert.strictEqual(seen[0]?.url, "http://zai.test/api/paas/v4/assistant")
    }))

  it.effect("a `{ code, msg }` envelope with a failing code fails typed; `data: null` is an empty list", () =>
    Effect.gen(function*() {
      const bad = yield* Effect.exit(
        AssistantModule.list().pipe(Effect.provide(fixedLayer(() => JSON.stringify({ code: 1214, msg: "assistant_id_list invalid", data: null }))))
      )
      const error = zaiFailureOf(bad)
      assert.strictEqual(error._tag, "InvalidRequestError")
      assert.strictEqual(error.code, "1214")
      const empty = yield* AssistantModule.list().pipe(
        Effect.provide(fixedLayer(() => JSON.stringify({ code: 200, msg: "success", data: null, extra: true })))
      )
      assert.deepStrictEqual(empty, [])
      const conversations = yield* Stream.runCollect(
        AssistantModule.conversations({ assistant_id: "a" }).pipe(
          Stream.provide(fixedLayer(() => JSON.stringify({ code: 0, msg: null, data: { assistant_id: "a", has_more: null, conversation_list: null } })))
        )
      )
      assert.deepStrictEqual(conversations, [])
      const failed = failureOf(
        yield* Effect.exit(
          AssistantModule.run(ask("x")).pipe(
            Effect.provide(fixedLayer(() => JSON.stringify({ id: "x", status: "failed", last_error: { code: "1261", message: "prompt too long" }, choices: [] })))
          )
        )
      )
      assert.strictEqual(failed._tag, "ContextLengthError")
    }))
})
