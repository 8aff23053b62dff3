/**
 * Overhead of the effect/ai provider over `@zai-kit/chat` (NOT a test).
 *
 * Run: `pnpm --filter @zai-kit/ai bench` (builds the package and its dependencies first; Node runs this file with
 * type stripping, on the built `dist`).
 *
 * Both sides run on the same in-memory `ZaiClient` (`RecordingClient`: no sockets), so the figure is the CPU the
 * provider adds per call: prompt conversion, request preparation, `LanguageModel`'s own work (span, id generation,
 * decoding the response parts through effect's `Response` schemas) and the response conversion.
 * - JSON: `LanguageModel.generateText` against `Chat.create` + `Completion.text` on a ~600-byte completion;
 * - stream: `LanguageModel.streamText` drained against `Chat.stream` drained, 200 content chunks per call.
 * Two reference lines split the JSON figure: effect/ai's own floor (a `LanguageModel` whose provider returns ready
 * parts) and `Chat.create` run inside `LanguageModel` with ready parts returned (all but the provider's conversion).
 * Each round times both sides (in alternating order) over the same number of calls; the figure is the median of
 * the per-round values and ratios.
 */
import { ZaiLanguageModel } from "@zai-kit/ai"
import { Chat, Completion } from "@zai-kit/chat"
import { RecordingClient } from "@zai-kit/testing"
import { Effect, Layer, Stream } from "effect"
import { LanguageModel } from "effect/ai"

const completion = JSON.stringify({
  id: "20251125-abc",
  request_id: "20251125-abc",
  created: 1764000000,
  model: "glm-4.6",
  object: "chat.completion",
  choices: [{
    index: 0,
    finish_reason: "stop",
    message: {
      role: "assistant",
      content: "Paris is the capital of France. It sits on the Seine and is known for its museums, cafés and the Eiffel Tower, built for the 1889 World's Fair."
    }
  }],
  usage: { prompt_tokens: 24, completion_tokens: 41, total_tokens: 65, prompt_tokens_details: { cached_tokens: 0 } }
})

const chunkCount = 200
const frames = Array.from({ length: chunkCount }, (_, i) =>
  `data: ${
    JSON.stringify({
      id: "20251125-abc",
      created: 1764000000,
      model: "glm-4.6",
      choices: [{ index: 0, delta: { role: "assistant", content: `word${i} ` }, ...(i === chunkCount - 1 ? { finish_reason: "stop" } : {}) }],
      ...(i === chunkCount - 1 ? { usage: { prompt_tokens: 24, completion_tokens: chunkCount, total_tokens: 224 } } : {})
    })
  }\n\n`)
const sse = `${frames.join("")}data: [DONE]\n\n`

const jsonLayer = Chat.Chat.layer.pipe(Layer.provideMerge(RecordingClient.layer(completion)))
const sseLayer = Chat.Chat.layer.pipe(
  Layer.provideMerge(RecordingClient.layer({ headers: { "content-type": "text/event-stream" }, body: sse }))
)
const withModel = <E, R>(layer: Layer.Layer<Chat.Chat | R, E>) =>
  Layer.merge(layer, ZaiLanguageModel.layer({ model: "glm-4.6" }).pipe(Layer.provide(layer)))

// effect/ai's own floor: a LanguageModel whose provider hands back ready parts (no Chat, no conversion).
const fixedParts = [
  { type: "response-metadata" as const, id: "20251125-abc", modelId: "glm-4.6", timestamp: "2025-11-24T16:00:00.000Z" },
  { type: "text" as const, text: "Paris is the capital of France." },
  {
    type: "finish" as const,
    reason: "stop" as const,
    usage: { inputTokens: { total: 24 }, outputTokens: { total: 41 } }
  }
]
const fixedStream = [
  { type: "response-metadata" as const, id: "20251125-abc" },
  { type: "text-start" as const, id: "t" },
  ...Array.from({ length: chunkCount }, (_, i) => ({ type: "text-delta" as const, id: "t", delta: `word${i} ` })),
  { type: "text-end" as const, id: "t" },
  {
    type: "finish" as const,
    reason: "stop" as const,
    usage: { inputTokens: { total: 24 }, outputTokens: { total: chunkCount } }
  }
]
const floorLayer = Layer.effect(
  LanguageModel.LanguageModel,
  LanguageModel.make({
    generateText: () => Effect.succeed(fixedParts),
    streamText: () => Stream.fromIterable(fixedStream)
  })
)

// effect/ai around a provider that calls Chat.create and hands back ready parts: the provider's conversion aside,
// everything the real provider does (Chat inside LanguageModel's span and context).
const chatThenFixedLayer = Layer.effect(
  LanguageModel.LanguageModel,
  Effect.gen(function*() {
    const chat = yield* Chat.Chat
    return yield* LanguageModel.make({
      generateText: () =>
        Effect.as(
          Effect.orDie(chat.create({ model: "glm-4.6", messages: [{ role: "user", content: "What is the capital of France?" }] })),
          fixedParts
        ),
      streamText: () => Stream.fromIterable(fixedStream)
    })
  })
)

const request = { model: "glm-4.6", messages: [{ role: "user" as const, content: "What is the capital of France?" }] }

const chatJson = Effect.map(Chat.create(request), Completion.text)
const aiJson = Effect.map(LanguageModel.generateText({ prompt: "What is the capital of France?" }), (r) => r.text)
const chatStream = Stream.runDrain(Chat.stream(request))
const aiStream = Stream.runDrain(LanguageModel.streamText({ prompt: "What is the capital of France?" }))

const median = (xs: ReadonlyArray<number>): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

/** CPU microseconds (user + system) per call of `calls` sequential runs of `effect`. */
const cpuPerCall = <A, E, R>(effect: Effect.Effect<A, E, R>, calls: number) =>
  Effect.gen(function*() {
    const before = process.cpuUsage()
    for (let i = 0; i < calls; i++) yield* effect
    const used = process.cpuUsage(before)
    return (used.user + used.system) / calls
  })

const compare = <E1, R1, E2, R2>(
  name: string,
  baseline: Effect.Effect<unknown, E1, R1>,
  provider: Effect.Effect<unknown, E2, R2>,
  calls: number,
  rounds: number,
  perCallUnits = 1
) =>
  Effect.gen(function*() {
    yield* cpuPerCall(baseline, calls) // warm-up (JIT)
    yield* cpuPerCall(provider, calls)
    const base: Array<number> = []
    const prov: Array<number> = []
    const ratios: Array<number> = []
    for (let round = 0; round < rounds; round++) {
      let b = 0
      let c = 0
      if (round % 2 === 0) {
        c = yield* cpuPerCall(baseline, calls)
        b = yield* cpuPerCall(provider, calls)
      } else {
        b = yield* cpuPerCall(provider, calls)
        c = yield* cpuPerCall(baseline, calls)
      }
      base.push(c / perCallUnits)
      prov.push(b / perCallUnits)
      ratios.push(b / c)
    }
    const unit = perCallUnits === 1 ? "per call" : "per chunk"
    console.log(
      `${name}: Chat ${median(base).toFixed(1)} µs ${unit}, LanguageModel ${median(prov).toFixed(1)} µs ${unit}, ` +
        `ratio ${median(ratios).toFixed(2)}× (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}), ` +
        `added ${(median(prov) - median(base)).toFixed(1)} µs ${unit}`
    )
  })

const rounds = Number(process.env.ROUNDS ?? 15)

const program = Effect.gen(function*() {
  console.log(`node ${process.version}, ${rounds} rounds`)
  yield* compare("JSON", chatJson, aiJson, 500, rounds).pipe(Effect.provide(withModel(jsonLayer)))
  yield* compare("stream", chatStream, aiStream, 20, rounds, chunkCount).pipe(Effect.provide(withModel(sseLayer)))
  yield* compare("JSON, Chat.create inside LanguageModel, no conversion", chatJson, aiJson, 500, rounds).pipe(
    Effect.provide(Layer.provideMerge(chatThenFixedLayer, jsonLayer))
  )
  yield* compare("JSON, effect/ai floor (LanguageModel on ready parts)", chatJson, aiJson, 500, rounds).pipe(
    Effect.provide(Layer.merge(jsonLayer, floorLayer))
  )
  yield* compare("stream, effect/ai floor (LanguageModel on ready parts)", chatStream, aiStream, 20, rounds, chunkCount)
    .pipe(Effect.provide(Layer.merge(sseLayer, floorLayer)))
})

Effect.runPromise(program).catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
