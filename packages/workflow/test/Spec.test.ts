import { assert, describe, it } from "@effect/vitest"
import { Effect, Schema, Stream } from "effect"
import { Pipeline, PipelineError, Spec, Step } from "@zai-kit/workflow"
import { Page, Summary, Urls } from "./support.js"

let searches = 0
const registry: Spec.StepRegistry = {
  search: Step.make({
    name: "search",
    input: Schema.Struct({ query: Schema.String, limit: Schema.optionalKey(Schema.Number) }),
    output: Urls,
    run: ({ query, limit }) =>
      Effect.sync(() => {
        searches++
        return { urls: ["a", "b", "c"].slice(0, limit ?? 3).map((x) => `https://${x}.test/${query}`) }
      })
  }),
  read: Step.make({
    name: "read",
    input: Schema.Struct({ url: Schema.String }),
    output: Page,
    run: ({ url }) => Effect.succeed({ url, text: `text of ${url}` })
  }),
  summarize: Step.make({
    name: "summarize",
    input: Schema.Struct({ pages: Schema.Array(Page), style: Schema.optionalKey(Schema.String) }),
    output: Summary,
    run: ({ pages, style }) => Effect.succeed({ summary: `${style ?? "plain"}: ${pages.map((p) => p.url).join(", ")}`, words: pages.length })
  }),
  shout: Step.make({
    name: "shout",
    input: Schema.Struct({ text: Schema.String }),
    output: Schema.String,
    run: ({ text }) => Effect.succeed(text.toUpperCase())
  }),
  refine: Step.make({
    name: "refine",
    input: Schema.Struct({ topic: Schema.String, draft: Schema.optionalKey(Schema.String), round: Schema.Number }),
    output: Schema.Struct({ draft: Schema.String, done: Schema.Boolean }),
    run: ({ topic, draft, round }) => Effect.succeed({ draft: `${draft ?? topic}+${round}`, done: round >= 3 })
  })
}

const research = `
name: research
description: search, read every page, summarize
inputs:
  topic: { type: string, required: true }
  limit: { type: number, default: 2 }
  loud: { type: boolean, default: false }
steps:
  - id: search
    uses: search
    with: { query: "\${{ input.topic }}", limit: "\${{ input.limit }}" }
    retry: { times: 2, delay: 1 second, backoff: exponential }
    timeout: 30 seconds
    cache: { ttl: 1 hour }
  - id: read
    uses: read
    forEach: "\${{ steps.search.output.urls }}"
    concurrency: 2
    with: { url: "\${{ item }}" }
  - id: both
    parallel:
      - id: summary
        uses: summarize
        with: { pages: "\${{ steps.read.output }}", style: "short" }
      - id: title
        uses: shout
        with: { text: "about \${{ input.topic }}" }
  - id: loud
    if: "\${{ input.loud }}"
    uses: shout
    with: { text: "\${{ steps.summary.output.summary }}" }
outputs:
  summary: "\${{ steps.summary.output.summary }}"
  title: "\${{ steps.title.output }}"
  loud: "\${{ steps.loud.output }}"
  pages: "\${{ steps.read.output }}"
`

describe("spec files", () => {
  it.effect("a YAML spec with forEach, parallel, if, retry, timeout, cache and outputs runs", () =>
    Effect.gen(function* () {
      const pipeline = yield* Spec.parse(research, { file: "research.yaml", registry })
      assert.strictEqual(pipeline.name, "research")
      const out = yield* Pipeline.execute(pipeline, { topic: "glm" })
      assert.deepStrictEqual(out, {
        summary: "short: https://a.test/glm, https://b.test/glm",
        title: "ABOUT GLM",
        loud: null,
        pages: [
          { url: "https://a.test/glm", text: "text of https://a.test/glm" },
          { url: "https://b.test/glm", text: "text of https://b.test/glm" }
        ]
      })
      const loud = yield* Pipeline.execute(pipeline, { topic: "glm", loud: true, limit: 1 })
      assert.deepStrictEqual(loud, {
        summary: "short: https://a.test/glm",
        title: "ABOUT GLM",
        loud: "SHORT: HTTPS://A.TEST/GLM",
        pages: [{ url: "https://a.test/glm", text: "text of https://a.test/glm" }]
      })
    }))

  it.effect("the cache policy from the file serves the second run", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const pipeline = yield* Spec.parse(research, { file: "research.yaml", registry })
        yield* Pipeline.execute(pipeline, { topic: "cached" })
        const before = searches
        const handle = yield* Pipeline.run(pipeline, { topic: "cached" })
        yield* handle.result
        const events = yield* Stream.runCollect(handle.events)
        assert.strictEqual(searches, before)
        assert.isTrue(events.some((e) => e._tag === "StepCached" && e.step === "search"))
        assert.isTrue(events.some((e) => e._tag === "StepSucceeded" && e.step === "read#1"))
      })
    ))

  it.effect("the same spec as JSON", () =>
    Effect.gen(function* () {
      const json = JSON.stringify({
        name: "json",
        inputs: { topic: { type: "string" } },
        steps: [
          { id: "search", uses: "search", with: { query: "${{ input.topic }}" } },
          { id: "first", uses: "read", with: { url: "${{ steps.search.output.urls[0] }}" } }
        ],
        outputs: { text: "${{ steps.first.output.text }}" }
      }, null, 2)
      const pipeline = yield* Spec.parse(json, { file: "p.json", registry })
      assert.deepStrictEqual(yield* Pipeline.execute(pipeline, { topic: "x" }), { text: "text of https://a.test/x" })
    }))

  it.effect("validate and graph work on files and code pipelines", () =>
    Effect.gen(function* () {
      const report = yield* Spec.validate({ text: research, file: "research.yaml", registry })
      assert.deepStrictEqual(report, {
        name: "research",
        steps: ["search (search)", "read (read)", "summary (summarize)", "title (shout)", "loud (shout)"]
      })
      const mermaid = yield* Spec.graph({ text: research, file: "research.yaml", registry })
      assert.strictEqual(mermaid.split("\n")[0], "flowchart TD")
      assert.include(mermaid, 'subgraph read_')
      assert.include(mermaid, '"read: forEach (concurrency 2, failFast)"')
      assert.include(mermaid, '-->|yes|')
      const code = Pipeline.make(registry.search as Step.Step<{ readonly query: string }, typeof Urls.Type>, { name: "code" })
      assert.deepStrictEqual(yield* Spec.validate(code), { name: "code", steps: ["search (search)"] })
      assert.strictEqual(
        yield* Spec.graph(code),
        ['flowchart TD', '  start_0(["code"])', '  search_1["search"]', "  start_0 --> search_1"].join("\n")
      )
    }))
})

const polish = (maxIterations: number) => `
name: polish
inputs:
  topic: { type: string, required: true }
steps:
  - id: refine
    uses: refine
    with: { topic: "\${{ input.topic }}", draft: "\${{ steps.refine.output.draft }}", round: "\${{ iteration }}" }
    loop: { until: "\${{ steps.refine.output.done }}", maxIterations: ${maxIterations} }
  - id: loud
    uses: shout
    with: { text: "\${{ steps.refine.output.draft }}" }
outputs:
  draft: "\${{ steps.refine.output.draft }}"
  loud: "\${{ steps.loud.output }}"
`

describe("spec loops", () => {
  it.effect("a loop step runs until its condition holds; each iteration reads the previous output", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const pipeline = yield* Spec.parse(polish(5), { file: "polish.yaml", registry })
        const handle = yield* Pipeline.run(pipeline, { topic: "glm" })
        assert.deepStrictEqual(yield* handle.result, { draft: "glm+1+2+3", loud: "GLM+1+2+3" })
        const events = yield* Stream.runCollect(handle.events)
        assert.deepStrictEqual(
          events.filter((e) => e._tag === "StepSucceeded").map((e) => e.step),
          ["refine@1", "refine@2", "refine@3", "loud"]
        )
      })
    ))

  it.effect("a loop that does not meet its condition within maxIterations fails with LoopLimitError", () =>
    Effect.gen(function* () {
      const pipeline = yield* Spec.parse(polish(2), { file: "polish.yaml", registry })
      const error = yield* Effect.flip(Pipeline.execute(pipeline, { topic: "glm" }))
      assert.instanceOf(error, PipelineError.LoopLimitError)
      assert.strictEqual((error as PipelineError.LoopLimitError).message, 'loop "refine" did not finish within 2 iterations')
    }))

  it.effect("validate and graph show the loop", () =>
    Effect.gen(function* () {
      const source = { text: polish(5), file: "polish.yaml", registry }
      assert.deepStrictEqual(yield* Spec.validate(source), { name: "polish", steps: ["refine (refine)", "loud (shout)"] })
      const mermaid = yield* Spec.graph(source)
      assert.include(mermaid, '"refine: loop (max 5)"')
      assert.include(mermaid, "-.->|again|")
    }))
})

describe("spec inputs", () => {
  const inputs = `
name: inputs
inputs:
  topic: { type: string, required: true }
  limit: { type: number, default: 1 }
  tags: { type: array }
steps:
  - id: search
    uses: search
    with: { query: "\${{ input.topic }}", limit: "\${{ input.limit }}" }
outputs:
  urls: "\${{ steps.search.output.urls }}"
  tags: "\${{ input.tags }}"
`
  const cases: ReadonlyArray<readonly [string, unknown, string]> = [
    ["a missing required input", { limit: 2 }, 'input "topic" is required (string)'],
    ["an input of the wrong type", { topic: 3 }, 'input "topic" expects string, got number'],
    [
      "several problems at once",
      { topic: "x", limit: "2", tags: { a: 1 } },
      'input "limit" expects number, got string; input "tags" expects array, got object'
    ],
    ["an undeclared input", { topic: "x", topc: "y" }, 'unknown input "topc" (did you mean "topic"?)'],
    ["inputs that are not an object", ["x"], "the inputs must be an object of named values, got array"]
  ]
  for (const [name, input, expected] of cases) {
    it.effect(`${name} fails with SpecInputError before any step runs`, () =>
      Effect.scoped(
        Effect.gen(function* () {
          const pipeline = yield* Spec.parse(inputs, { file: "inputs.yaml", registry })
          const before = searches
          const handle = yield* Pipeline.run(pipeline, input as Readonly<Record<string, unknown>>)
          const error = yield* Effect.flip(handle.result)
          assert.instanceOf(error, Spec.SpecInputError)
          assert.strictEqual((error as Spec.SpecInputError).message, expected)
          assert.strictEqual(searches, before)
          assert.deepStrictEqual(yield* Stream.runCollect(handle.events), [])
        })
      ))
  }

  it.effect("defaults fill the inputs left out; declared inputs pass through", () =>
    Effect.gen(function* () {
      const pipeline = yield* Spec.parse(inputs, { file: "inputs.yaml", registry })
      assert.deepStrictEqual(yield* Pipeline.execute(pipeline, { topic: "x" }), { urls: ["https://a.test/x"], tags: undefined })
      assert.deepStrictEqual(yield* Pipeline.execute(pipeline, { topic: "x", limit: 2, tags: ["t"] }), {
        urls: ["https://a.test/x", "https://b.test/x"],
        tags: ["t"]
      })
    }))

  it.effect("the check follows the pipeline through combinators", () =>
    Effect.gen(function* () {
      const pipeline = yield* Spec.parse(inputs, { file: "inputs.yaml", registry })
      const counted = pipeline.pipe(Pipeline.map((out) => Object.keys(out as object).length))
      const error = yield* Effect.flip(Pipeline.execute(counted, {}))
      assert.strictEqual((error as Spec.SpecInputError).message, 'input "topic" is required (string)')
    }))
})

const header = `name: broken
inputs:
  topic: { type: string }
steps:
`

const broken: ReadonlyArray<readonly [string, string, string]> = [
  [
    "unknown step kind, with the closest kind",
    `${header}  - id: s\n    uses: serch\n    with: { query: x }\n`,
    'broken.yaml:6:11: step "s": unknown step kind "serch" (did you mean "search"?)'
  ],
  [
    "unknown field",
    `${header}  - id: s\n    uses: search\n    retries: 3\n    with: { query: x }\n`,
    'broken.yaml:7:5: step "s": unknown field "retries" in a step (did you mean "retry"?)'
  ],
  [
    "reference to a missing step",
    `${header}  - id: r\n    uses: read\n    with: { url: "\${{ steps.serch.output.urls }}" }\n`,
    'broken.yaml:7:18: step "r": reference to a missing step "serch" (expected one of: )'
  ],
  [
    "type mismatch between steps",
    `${header}  - id: s\n    uses: search\n    with: { query: x }\n  - id: r\n    uses: read\n    with: { url: "\${{ steps.s.output.urls }}" }\n`,
    'broken.yaml:10:18: step "r": argument "url" expects string, but steps.s.output.urls is array'
  ],
  [
    "missing field in an output",
    `${header}  - id: s\n    uses: search\n    with: { query: x }\n  - id: r\n    uses: read\n    with: { url: "\${{ steps.s.output.links }}" }\n`,
    'broken.yaml:10:18: step "r": steps.s.output has no field "links"'
  ],
  [
    "unknown argument",
    `${header}  - id: s\n    uses: search\n    with: { qurey: x }\n`,
    'broken.yaml:7:13: step "s": unknown argument "qurey" for step kind "search" (did you mean "query"?)\n' +
      'broken.yaml:7:11: step "s": missing argument "query" (string) for step kind "search"'
  ],
  [
    "missing argument",
    `${header}  - id: s\n    uses: search\n    with: { limit: 2 }\n`,
    'broken.yaml:7:11: step "s": missing argument "query" (string) for step kind "search"'
  ],
  [
    "literal of the wrong type",
    `${header}  - id: s\n    uses: search\n    with: { query: x, limit: lots }\n`,
    'broken.yaml:7:30: step "s": argument "limit" expects number, got string'
  ],
  [
    "unknown input",
    `${header}  - id: s\n    uses: search\n    with: { query: "\${{ input.topc }}" }\n`,
    'broken.yaml:7:20: step "s": unknown input "topc" (did you mean "topic"?)'
  ],
  [
    "forEach over a non-array",
    `${header}  - id: s\n    uses: search\n    with: { query: x }\n  - id: r\n    uses: read\n    forEach: "\${{ steps.s.output }}"\n    with: { url: "\${{ item }}" }\n`,
    'broken.yaml:10:14: step "r": forEach expects an array, got object'
  ],
  [
    "item outside forEach",
    `${header}  - id: r\n    uses: read\n    with: { url: "\${{ item }}" }\n`,
    'broken.yaml:7:18: step "r": "item" is only available inside forEach'
  ],
  [
    "wrong field type (schema)",
    `${header}  - id: s\n    uses: search\n    concurrency: many\n    with: { query: x }\n`,
    'broken.yaml:7:18: step "s": "concurrency": Expected number, got "many"'
  ],
  [
    "missing required field (schema)",
    `${header}  - uses: search\n    with: { query: x }\n`,
    'broken.yaml:5:5: "id": Missing key'
  ],
  [
    "bad duration",
    `${header}  - id: s\n    uses: search\n    timeout: soon\n    with: { query: x }\n`,
    'broken.yaml:7:14: step "s": invalid duration "soon" (e.g. "30 seconds")'
  ],
  [
    "loop: unknown field",
    `${header}  - id: s\n    uses: refine\n    with: { topic: x, round: 1 }\n    loop: { until: "\${{ steps.s.output.done }}", maxIteration: 3 }\n`,
    'broken.yaml:8:50: step "s": unknown field "maxIteration" in loop (did you mean "maxIterations"?)'
  ],
  [
    "loop: maxIterations below 1",
    `${header}  - id: s\n    uses: refine\n    with: { topic: x, round: 1 }\n    loop: { until: "\${{ steps.s.output.done }}", maxIterations: 0 }\n`,
    'broken.yaml:8:65: step "s": "maxIterations": Expected a value greater than or equal to 1, got 0'
  ],
  [
    "loop: missing maxIterations",
    `${header}  - id: s\n    uses: refine\n    with: { topic: x, round: 1 }\n    loop: { until: "\${{ steps.s.output.done }}" }\n`,
    'broken.yaml:8:11: step "s": "maxIterations": Missing key'
  ],
  [
    "loop: until is not an expression",
    `${header}  - id: s\n    uses: refine\n    with: { topic: x, round: 1 }\n    loop: { until: done, maxIterations: 3 }\n`,
    'broken.yaml:8:20: step "s": loop.until expects an expression such as "${{ steps.s.output.done }}"'
  ],
  [
    "loop: until is not a boolean",
    `${header}  - id: s\n    uses: refine\n    with: { topic: x, round: 1 }\n    loop: { until: "\${{ steps.s.output.draft }}", maxIterations: 3 }\n`,
    'broken.yaml:8:20: step "s": loop.until expects a boolean, but steps.s.output.draft is string'
  ],
  [
    "loop: reads a missing field of its own output",
    `${header}  - id: s\n    uses: refine\n    with: { topic: x, round: 1, draft: "\${{ steps.s.output.text }}" }\n    loop: { until: "\${{ steps.s.output.done }}", maxIterations: 3 }\n`,
    'broken.yaml:7:40: step "s": steps.s.output has no field "text"'
  ],
  [
    "loop and forEach on one step",
    `${header}  - id: s\n    uses: refine\n    forEach: [a, b]\n    with: { topic: "\${{ item }}", round: 1 }\n    loop: { until: "\${{ steps.s.output.done }}", maxIterations: 3 }\n`,
    'broken.yaml:9:11: step "s": a step has either "forEach" or "loop", not both'
  ],
  [
    "loop on a parallel step",
    `${header}  - id: p\n    loop: { until: "\${{ steps.p.output.done }}", maxIterations: 2 }\n    parallel:\n      - id: s\n        uses: search\n        with: { query: x }\n`,
    'broken.yaml:6:11: step "p": loop needs a step with "uses" (a "parallel" step cannot loop)'
  ],
  [
    "iteration outside a loop",
    `${header}  - id: s\n    uses: refine\n    with: { topic: x, round: "\${{ iteration }}" }\n`,
    'broken.yaml:7:30: step "s": "iteration" is only available inside loop'
  ],
  [
    "a step reading itself outside a loop",
    `${header}  - id: s\n    uses: refine\n    with: { topic: x, round: 1, draft: "\${{ steps.s.output.draft }}" }\n`,
    'broken.yaml:7:40: step "s": "steps.s.output.draft" reads step "s" before it has run'
  ],
  [
    "input default of the wrong type",
    "name: broken\ninputs:\n  limit: { type: number, default: lots }\nsteps:\n  - id: s\n    uses: search\n    with: { query: x }\n",
    'broken.yaml:3:35: input "limit": default expects number, got string'
  ],
  [
    "YAML syntax error",
    `${header}  - id: s\n    uses: [search\n`,
    "broken.yaml:7:1: syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]"
  ]
]

describe("broken spec files", () => {
  for (const [name, text, expected] of broken) {
    it.effect(name, () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(Spec.parse(text, { file: "broken.yaml", registry }))
        assert.strictEqual(error._tag, "SpecError")
        assert.strictEqual(error.message, expected)
      }))
  }
})
