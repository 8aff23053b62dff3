import { assert, describe, it } from "@effect/vitest"
import type { RunEvent } from "@zai-kit/workflow"
import * as Progress from "../src/Progress.js"
import * as RunView from "../src/RunView.js"
import * as Style from "../src/Style.js"

const usage = { inputTokens: 0, outputTokens: 0 }
const plain = Style.make(false)

describe("RunView", () => {
  it("counts forEach items per step and settles the step when the next one starts", () => {
    const model = RunView.empty()
    const events: ReadonlyArray<RunEvent.RunEvent> = [
      { _tag: "RunStarted", runId: "r", pipeline: "p", at: 0 },
      { _tag: "StepStarted", runId: "r", step: "search", kind: "web.search", at: 0 },
      { _tag: "StepSucceeded", runId: "r", step: "search", kind: "web.search", attempts: 1, durationMillis: 1000, usage, at: 1000 },
      { _tag: "StepStarted", runId: "r", step: "read#0", kind: "web.read", at: 1000 },
      { _tag: "StepStarted", runId: "r", step: "read#1", kind: "web.read", at: 1000 },
      { _tag: "StepStarted", runId: "r", step: "read#2", kind: "web.read", at: 1000 },
      { _tag: "StepSucceeded", runId: "r", step: "read#0", kind: "web.read", attempts: 1, durationMillis: 500, usage, at: 1500 },
      { _tag: "StepRetried", runId: "r", step: "read#1", kind: "web.read", attempt: 1, delayMillis: 100, error: "RateLimitError", at: 1600 }
    ]
    for (const event of events) RunView.update(model, event)
    assert.deepStrictEqual(RunView.render(model, 2000, plain), [
      "✓ search web.search succeeded 1.0s",
      "… read   web.read running 1/3 1.0s retry 1: RateLimitError"
    ])
    RunView.update(model, { _tag: "StepFailed", runId: "r", step: "read#1", kind: "web.read", attempts: 2, durationMillis: 900, usage, error: "boom", at: 1900 })
    RunView.update(model, { _tag: "StepSucceeded", runId: "r", step: "read#2", kind: "web.read", attempts: 1, durationMillis: 1000, usage, at: 2000 })
    RunView.update(model, { _tag: "StepStarted", runId: "r", step: "write", kind: "io.write", at: 2100 })
    assert.deepStrictEqual(RunView.render(model, 2500, plain), [
      "✓ search web.search succeeded 1.0s",
      "✓ read   web.read succeeded 2/3 (1 failed) 1.0s",
      "… write  io.write running 0.4s"
    ])
  })

  it("has one plain line per event worth a line", () => {
    assert.strictEqual(
      RunView.line({ _tag: "StepFailed", runId: "r", step: "read#1", kind: "web.read", attempts: 2, durationMillis: 900, usage, error: "boom", at: 0 }),
      "read#1: failed after 0.9s: boom"
    )
    assert.strictEqual(
      RunView.line({ _tag: "RunFinished", runId: "r", pipeline: "p", status: "succeeded", durationMillis: 61_000, usage: { inputTokens: 5, outputTokens: 7 }, at: 0 }),
      "run r: succeeded in 1m01s (5 input + 7 output tokens)"
    )
    assert.isUndefined(RunView.line({ _tag: "StepProgress", runId: "r", step: "s", kind: "k", at: 0 }))
  })

  it("formats elapsed time", () => {
    assert.strictEqual(Progress.formatElapsed(0), "0.0s")
    assert.strictEqual(Progress.formatElapsed(59_940), "59.9s")
    assert.strictEqual(Progress.formatElapsed(125_000), "2m05s")
  })
})
