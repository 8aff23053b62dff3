// The README's main job: streams one chat completion to stdout.
// With ZAI_API_KEY set it calls the real API (ZAI_BASE_URL / ZAI_REGION honoured); without it, it starts the
// built-in simulator on 127.0.0.1 and says so on stderr. Usage: pnpm run main [prompt...]
import { NodeRuntime } from "@effect/platform-node"
import { Chat } from "@zai-kit/chat"
import { Simulator } from "@zai-kit/testing"
import { layerConfigUndici, layerUndici } from "@zai-kit/transport/node"
import { Console, Effect, Layer, Stream } from "effect"

const prompt = process.argv.slice(2).join(" ") || "Explain in three sentences why typed errors make API clients easier to use."

const client = process.env.ZAI_API_KEY
  ? layerConfigUndici()
  : Layer.unwrap(
      Effect.gen(function* () {
        const sim = yield* Simulator.Simulator
        yield* Console.error(`ZAI_API_KEY is not set: using the built-in simulator at ${sim.url}`)
        return layerUndici({ apiKey: sim.apiKey, baseUrl: sim.url })
      })
    ).pipe(Layer.provide(Simulator.layer()))

const program = Effect.gen(function* () {
  const chat = yield* Chat.Chat
  yield* Console.error(`> ${prompt}\n`)
  yield* chat.stream({ model: "glm-4.6", messages: [{ role: "user", content: prompt }] }).pipe(
    Stream.runForEach((chunk) =>
      Effect.sync(() => {
        const delta = chunk.choices?.[0]?.delta
        if (delta?.reasoning_content) process.stderr.write(`\x1b[2m${delta.reasoning_content}\x1b[22m`)
        if (delta?.content) process.stdout.write(delta.content)
        if (chunk.usage) process.stderr.write(`\n\n[${chunk.usage.total_tokens ?? "?"} tokens]`)
      })
    )
  )
  process.stdout.write("\n")
})

program.pipe(Effect.provide(Chat.Chat.layer.pipe(Layer.provide(client))), NodeRuntime.runMain)
