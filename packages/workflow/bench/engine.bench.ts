/**
 * Engine overhead of @zai-kit/workflow (NOT a test).
 *
 * Run: `pnpm --filter @zai-kit/workflow bench` (builds dist first; Node runs this file with type stripping).
 * `node bench/engine.bench.ts memory` or `... sqlite` runs one part.
 *
 * In-memory engine (`WorkflowEngine.layerMemory`): wall time per step of a sequential pipeline of no-op
 * steps and per item of a forEach over a no-op step, against a plain `Effect.forEach` over the same no-op
 * work in the same run. Target: overhead <= 50 µs per step or item.
 *
 * Durable engine (`DurableEngine.layerSqlite` on a temporary file): wall time per step of a sequential
 * pipeline of no-op steps, against the same plain baseline. Target: overhead <= 2 ms per step.
 *
 * Every case is warmed up first (the JIT), then timed over several rounds; the median is the figure,
 * the best round and the median CPU time of the process (user + system) are printed next to it: on a shared
 * machine, wall time includes waiting for a core, CPU time does not.
 */
import { DurableEngine, Pipeline, Step } from "@zai-kit/workflow"
import { Effect, Layer, Schema } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { cpus, loadavg, tmpdir } from "node:os"
import { join } from "node:path"

const noop = Step.make({ name: "noop", input: Schema.Number, output: Schema.Number, run: (n) => Effect.succeed(n + 1) })

const sequentialOf = (steps: number, name: string): Pipeline.Pipeline<number, number> => {
  let pipeline: Pipeline.Pipeline<number, number> = Pipeline.make(noop, { name })
  for (let i = 1; i < steps; i++) pipeline = pipeline.pipe(Pipeline.andThen(noop))
  return pipeline
}

/** Wall and CPU (user + system of this process) milliseconds of the rounds: medians, and the best wall time. */
interface Timing {
  readonly median: number
  readonly best: number
  readonly cpu: number
}

const median = (xs: Array<number>) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const timing = (wall: Array<number>, cpu: Array<number>): Timing => ({
  median: median([...wall]),
  best: Math.min(...wall),
  cpu: median([...cpu])
})

/** Time one round: wall and CPU milliseconds. */
const round = async (run: () => Promise<unknown>): Promise<readonly [number, number]> => {
  const cpu = process.cpuUsage()
  const start = performance.now()
  await run()
  const wall = performance.now() - start
  const used = process.cpuUsage(cpu)
  return [wall, (used.user + used.system) / 1000]
}

const time = async (warmup: number, rounds: number, run: () => Promise<unknown>): Promise<Timing> => {
  for (let i = 0; i < warmup; i++) await run()
  const wall: Array<number> = []
  const cpu: Array<number> = []
  for (let i = 0; i < rounds; i++) {
    const [w, c] = await round(run)
    wall.push(w)
    cpu.push(c)
  }
  return timing(wall, cpu)
}

const us = (ms: number, n: number) => ((ms * 1000) / n).toFixed(1)
const ms = (t: Timing) => `${t.median.toFixed(2)} ms (best ${t.best.toFixed(2)}, CPU ${t.cpu.toFixed(2)})`
const overhead = (run: Timing, base: Timing, n: number, unit: string) =>
  `  overhead per ${unit}: ${us(run.median - base.median, n)} µs wall (best ${us(run.best - base.best, n)} µs), ${us(run.cpu - base.cpu, n)} µs CPU`

const plainOf = (n: number, concurrency: number) => {
  const input = Array.from({ length: n }, (_, i) => i)
  return () => Effect.runPromise(Effect.forEach(input, (i) => noop.run(i), { concurrency }))
}

const memory = async () => {
  const STEPS = 200
  const ITEMS = 2000
  const sequential = sequentialOf(STEPS, "bench-seq")
  const fanOut = Pipeline.input(Schema.Array(Schema.Number), { name: "bench-forEach" }).pipe(
    Pipeline.forEach(noop, { concurrency: 16 })
  )
  const items = Array.from({ length: ITEMS }, (_, i) => i)

  const baseSeq = await time(10, 21, plainOf(STEPS, 1))
  const runSeq = await time(10, 21, () => Effect.runPromise(Pipeline.execute(sequential, 0)))
  const baseItems = await time(5, 11, plainOf(ITEMS, 16))
  const runItems = await time(5, 11, () => Effect.runPromise(Pipeline.execute(fanOut, items)))

  console.log(`in-memory engine (WorkflowEngine.layerMemory), median of 21 / 11 rounds after warm-up`)
  console.log(`sequential pipeline, ${STEPS} no-op steps: ${ms(runSeq)}; plain Effect.forEach ${ms(baseSeq)}`)
  console.log(overhead(runSeq, baseSeq, STEPS, "step"))
  console.log(`forEach, ${ITEMS} items, concurrency 16: ${ms(runItems)}; plain Effect.forEach ${ms(baseItems)}`)
  console.log(overhead(runItems, baseItems, ITEMS, "item"))
}

const sqlite = async () => {
  const STEPS = 50
  const dir = mkdtempSync(join(tmpdir(), "zai-bench-"))
  try {
    const sequential = sequentialOf(STEPS, "bench-durable")
    const base = await time(5, 11, plainOf(STEPS, 1))
    // One engine on one database file for every round; each round is a new run (a new key).
    const run = await Effect.runPromise(
      Effect.gen(function* () {
        const engine = yield* Layer.build(DurableEngine.layerSqlite({ filename: join(dir, "bench.db") }))
        const once = () =>
          Effect.runPromise(Pipeline.execute(sequential, 0, { key: crypto.randomUUID() }).pipe(Effect.provideContext(engine)))
        return yield* Effect.promise(() => time(3, 9, once))
      }).pipe(Effect.scoped)
    )
    console.log(`durable engine (DurableEngine.layerSqlite, temporary file), median of 9 rounds after 3 warm-up runs`)
    console.log(`sequential pipeline, ${STEPS} no-op steps: ${ms(run)}; plain Effect.forEach ${ms(base)}`)
    console.log(overhead(run, base, STEPS, "step").replace(/(-?[\d.]+) µs/g, (_, v: string) => `${(Number(v) / 1000).toFixed(2)} ms`))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const only = process.argv[2]
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`
)
if (only === undefined || only === "memory") await memory()
if (only === undefined || only === "sqlite") await sqlite()
