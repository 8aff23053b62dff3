import { ChatCompletions } from "@zai-kit/schema"
import { Simulator, TestLayers } from "@zai-kit/testing"
import { ZaiClient } from "@zai-kit/transport"
import { Effect } from "effect"

/** A real ZaiClient on the simulator: the first attempt gets a 429 (Retry-After: 0), the client retries and succeeds. */
export const program = Effect.gen(function* () {
  const sim = yield* Simulator.Simulator
  const client = yield* ZaiClient.ZaiClient
  yield* sim.injectFaults(["rate-limit;seconds=0"])
  const body = { model: "glm-4.6", messages: [{ role: "user", content: "Hello GLM, tell me about tea" }] }
  const completion = yield* client.json(
    { method: "POST", path: "/chat/completions", operation: "chat.completions.create", body: { _tag: "Json", value: body } },
    ChatCompletions.ChatCompletion
  )
  const attempts = (yield* sim.requests).map((request) => request.status) // [429, 200]
  return { text: completion.choices?.[0]?.message?.content, attempts }
}).pipe(Effect.orDie, Effect.provide(TestLayers.layerZaiClient()))
