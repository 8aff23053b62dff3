// The example of the README, as a test.
import { assert, it } from "@effect/vitest"
import { Effect, Schedule, Schema, Stream } from "effect"
import { Pipeline, Spec, Step, StepContext } from "@zai-kit/workflow"

const search = Step.make({
  name: "search",
  input: Schema.Struct({ topic: Schema.String }),
  output: Schema.Struct({ urls: Schema.Array(Schema.String) }),
  run: ({ topic }) => Effect.succeed({ urls: [`https://a.test/${topic}`, `https://b.test/${topic}`] }),
  retry: Schedule.exponential("200 millis").pipe(Schedule.upTo({ times: 3 })),
  timeout: "30 seconds",
  cache: { ttl: "1 hour" }
})

const read = Step.make({
  name: "read",
  input: Schema.String,
  output: Schema.String,
  run: (url) => Effect.as(StepContext.reportUsage({ inputTokens: 12, outputTokens: 30 }), `text of ${url}`)
})

const research = Pipeline.make(search, { name: "research" }).pipe(
  Pipeline.map((found) => found.urls), // `found` is inferred: { readonly urls: ReadonlyArray<string> }
  Pipeline.forEach(read, { concurrency: 4 }), // each item is an activity: read#0, read#1, ...
  Pipeline.map((texts) => texts.join("\n"))
)

it.effect("README example", () =>
  Effect.gen(function* () {
    const handle = yield* Pipeline.run(research, { topic: "glm" })
    const text = yield* handle.result
    const events = yield* Stream.runCollect(handle.events)
    assert.strictEqual(text, "text of https://a.test/glm\ntext of https://b.test/glm")
    const last = events[events.length - 1]
    assert.isTrue(last._tag === "RunFinished" && last.usage.outputTokens === 60)

    const mermaid = yield* Spec.graph(research)
    assert.isTrue(mermaid.startsWith("flowchart TD"))
  }))
