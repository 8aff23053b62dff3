import { Effect, Schema, Stream } from "effect"
import { TestClock } from "effect/testing"
import { Pipeline, Step, StepContext } from "@zai-kit/workflow"

/** A retryable failure, following the `isRetryable` convention. */
export class Flaky extends Schema.TaggedError<Flaky>()("Flaky", { attempt: Schema.Number }) {
  readonly isRetryable = true
}

/** A permanent failure. */
export class Broken extends Schema.TaggedError<Broken>()("Broken", { reason: Schema.String }) {
  readonly isRetryable = false
}

export const Topic = Schema.Struct({ topic: Schema.String })
export const Urls = Schema.Struct({ urls: Schema.Array(Schema.String) })
export const Page = Schema.Struct({ url: Schema.String, text: Schema.String })
export const Summary = Schema.Struct({ summary: Schema.String, words: Schema.Number })

export const search = Step.make({
  name: "search",
  input: Topic,
  output: Urls,
  run: ({ topic }) =>
    Effect.gen(function* () {
      yield* StepContext.reportUsage({ inputTokens: 10, outputTokens: 5 })
      return { urls: [`https://a.test/${topic}`, `https://b.test/${topic}`, `https://c.test/${topic}`] }
    })
})

export const read = Step.make({
  name: "read",
  input: Schema.String,
  output: Page,
  run: (url) =>
    Effect.gen(function* () {
      yield* StepContext.progress({ message: `reading ${url}`, fraction: 0.5 })
      yield* StepContext.reportUsage({ inputTokens: 1, outputTokens: 2 })
      return { url, text: `text of ${url}` }
    })
})

export const summarize = Step.make({
  name: "summarize",
  input: Schema.Array(Page),
  output: Summary,
  run: (pages) =>
    Effect.succeed({ summary: pages.map((p) => p.text).join(" | "), words: pages.length })
})

/**
 * Let forked fibers reach their sleeps, then move the TestClock on, in small slices. Runs hash their
 * execution ids with WebCrypto (a real promise), so each slice also waits a few real milliseconds.
 */
export const settle = TestClock.withLive(Effect.sleep("3 millis"))

/** Move the TestClock on by `millis`, in slices, settling before each. */
export const advance = (millis: number, slices = 10) =>
  Effect.gen(function* () {
    for (let i = 0; i < slices; i++) {
      yield* settle
      yield* TestClock.adjust(millis / slices)
    }
    yield* settle
  })

/** Start a run and wait until its first step has started (run start-up hashes the id with WebCrypto, a real promise). */
export const started = <In, Out, E, R>(pipeline: Pipeline.Pipeline<In, Out, E, R>, input: In) =>
  Effect.gen(function* () {
    const handle = yield* Pipeline.run(pipeline, input)
    yield* Stream.runHead(Stream.filter(handle.events, (e) => e._tag === "StepStarted"))
    return handle
  })
