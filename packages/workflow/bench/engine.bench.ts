/**
 * Engine overhead of @zai-kit/workflow (NOT a test).
 *
 * Run: `pnpm --filter @zai-kit/workflow bench` (builds dist first; Node runs this file with type stripping).
 *
 * Measures, on `WorkflowEngine.layerMemory`, the wall time per step of a sequential pipeline of no-op
 * steps and per item of a forEach over a no-op step, against a plain `Effect.forEach` over the same
 * no-op work. Target: at most 50 µs of overhead per step or item.
 */
import { Pipeline, Step } from "@zai-kit/workflow"
import { Effect, Schema } from "effect"

const noop = Step.make({ name: "noop", input: Schema.Number, output: Schema.Number, run: (n) => Effect.succeed(n + 1) })

const STEPS = 200
const ITEMS = 2000
const ROUNDS = 5

let sequential: Pipeline.Pipeline<number, number> = Pipeline.make(noop, { name: "bench-seq" })
for (let i = 1; i < STEPS; i++) sequential = sequential.pipe(Pipeline.andThen(noop))

const fanOut = Pipeline.input(Schema.Array(Schema.Number), { name: "bench-forEach" }).pipe(
  Pipeline.forEach(noop, { concurrency: 16 })
)
const items = Array.from({ length: ITEMS }, (_, i) => i)

const time = async (run: () => Promise<unknown>): Promise<number> => {
  await run() // warm-up
  let best = Number.POSITIVE_INFINITY
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now()
    await run()
    best = Math.min(best, performance.now() - start)
  }
  return best
}

const plainSeq = () => Effect.runPromise(Effect.forEach(Array.from({ length: STEPS }, (_, i) => i), (n) => noop.run(n)))
const plainItems = () => Effect.runPromise(Effect.forEach(items, (n) => noop.run(n), { concurrency: 16 }))
const engineSeq = () => Effect.runPromise(Pipeline.execute(sequential, 0))
const engineItems = () => Effect.runPromise(Pipeline.execute(fanOut, items))

const baseSeq = await time(plainSeq)
const runSeq = await time(engineSeq)
const baseItems = await time(plainItems)
const runItems = await time(engineItems)

const us = (ms: number, n: number) => ((ms * 1000) / n).toFixed(1)
console.log(`node ${process.version}, best of ${ROUNDS} rounds`)
console.log(`sequential pipeline, ${STEPS} no-op steps: ${runSeq.toFixed(1)} ms (plain Effect.forEach ${baseSeq.toFixed(2)} ms)`)
console.log(`  overhead per step: ${us(runSeq - baseSeq, STEPS)} µs`)
console.log(`forEach, ${ITEMS} items, concurrency 16: ${runItems.toFixed(1)} ms (plain Effect.forEach ${baseItems.toFixed(2)} ms)`)
console.log(`  overhead per item: ${us(runItems - baseItems, ITEMS)} µs`)
