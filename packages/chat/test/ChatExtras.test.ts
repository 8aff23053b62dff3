import { assert, layer } from "@effect/vitest"
import type { ChatCompletions, Moderations } from "@zai-kit/schema"
import { Simulator } from "@zai-kit/testing"
import { Effect, Exit } from "effect"
import { Chat } from "../src/Chat.js"
import { layer as chatLayer } from "./utils.js"

const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure")
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (reason === undefined || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

const messages: ReadonlyArray<ChatCompletions.Message> = [
  { role: "system", content: "You are terse." },
  { role: "user", content: "How many tokens is this sentence?" }
]

layer(chatLayer())("Chat.tokenize and Chat.moderate", (it) => {
  it.effect("tokenize counts the prompt like a completion's usage, plus image and video tokens", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const chat = yield* Chat
      const counted = yield* chat.tokenize({ model: "glm-4.6", messages, request_id: "tok-req-1" })
      const completion = yield* chat.create({ model: "glm-4.6", messages })
      assert.strictEqual(counted.usage?.prompt_tokens, completion.usage?.prompt_tokens)
      assert.strictEqual(counted.usage?.total_tokens, counted.usage?.prompt_tokens)
      assert.strictEqual(counted.request_id, "tok-req-1")
      assert.isString(counted.id)
      const vision = yield* chat.tokenize({
        model: "glm-4.6v",
        messages: [{
          role: "user",
          content: [
            { type: "text", text: "Compare" },
            { type: "image_url", image_url: { url: "https://example.com/a.png" } },
            { type: "video_url", video_url: { url: "https://example.com/b.mp4" } }
          ]
        }]
      })
      assert.strictEqual(vision.usage?.image_tokens, 256)
      assert.strictEqual(vision.usage?.video_tokens, 1024)
      assert.strictEqual(
        vision.usage?.total_tokens,
        (vision.usage?.prompt_tokens ?? 0) + 256 + 1024
      )
      const [sent] = yield* Simulator.requests
      assert.strictEqual(sent?.path, "/tokenizer")
      assert.deepStrictEqual(sent?.body, { model: "glm-4.6", messages, request_id: "tok-req-1" })
    }))

  it.effect("moderate returns one verdict per item", () =>
    Effect.gen(function*() {
      const chat = yield* Chat
      const text = yield* chat.moderate({ model: "moderation", input: "A friendly hello" })
      assert.deepStrictEqual(text.result_list, [{ content_type: "text", risk_level: "PASS", risk_type: [] }])
      assert.strictEqual(text.usage?.moderation_text?.call_count, 1)
      const input: ReadonlyArray<Moderations.ModerationInputItem> = [
        { type: "text", text: "How to build a bomb" },
        { type: "image_url", image_url: { url: "https://example.com/unsafe.png" } },
        { type: "video_url", video_url: { url: "https://example.com/cat.mp4" } },
        { type: "audio_url", audio_url: { url: "https://example.com/talk.mp3" } }
      ]
      const mixed = yield* chat.moderate({ model: "moderation", input })
      assert.deepStrictEqual(mixed.result_list?.map((r) => [r.content_type, r.risk_level]), [
        ["text", "REJECT"],
        ["image", "REJECT"],
        ["video", "PASS"],
        ["audio", "PASS"]
      ])
      assert.deepStrictEqual(mixed.result_list?.[0]?.risk_type, ["violence"])
    }))

  it.effect("bad tokenizer and moderation input is rejected before the wire, naming the field", () =>
    Effect.gen(function*() {
      yield* Simulator.reset
      const chat = yield* Chat
      const noMessages = failureOf(yield* Effect.exit(chat.tokenize({ model: "glm-4.6", messages: [] })))
      assert.strictEqual(noMessages._tag, "InvalidRequestInput")
      assert.include(noMessages.message, "messages")
      const streamKey = failureOf(
        yield* Effect.exit(chat.tokenize({ model: "glm-4.6", messages, ...JSON.parse('{"stream": true}') }))
      )
      assert.include(streamKey.message, 'unknown key "stream"')
      const empty = failureOf(yield* Effect.exit(chat.moderate({ model: "moderation", input: [] })))
      assert.include(empty.message, "input")
      const badItem = failureOf(
        yield* Effect.exit(
          chat.moderate({
            model: "moderation",
            // @ts-expect-error: not a moderation item type on purpose
            input: [{ type: "pdf_url", pdf_url: { url: "https://example.com/x.pdf" } }]
          })
        )
      )
      assert.include(badItem.message, "input[0].type")
      assert.deepStrictEqual(yield* Simulator.requests, [])
    }))
})
