import { ZaiClient } from "@zai-kit/transport"
import * as ZaiNode from "@zai-kit/transport/node"
import { Effect, Schema } from "effect"

const Completion = Schema.Struct({
  choices: Schema.Array(Schema.Struct({ message: Schema.Struct({ content: Schema.String }) }))
})

export const program = Effect.gen(function* () {
  const zai = yield* ZaiClient.ZaiClient
  const completion = yield* zai.json(
    {
      method: "POST",
      path: "/chat/completions",
      operation: "chat.completions.create",
      body: { _tag: "Json", value: { model: "glm-4.6", messages: [{ role: "user", content: "Hello" }] } }
    },
    Completion
  )
  return completion.choices[0].message.content
})

// ZAI_API_KEY (required), ZAI_BASE_URL and ZAI_REGION come from the environment
export const ZaiLive = ZaiNode.layerConfigUndici({ maxRetries: 3 })

// Effect.runPromise(program.pipe(Effect.provide(ZaiLive))).then(console.log)
