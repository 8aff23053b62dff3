/**
 * Cost of recording runs in a `RunStore` (NOT a test).
 *
 * Run: `pnpm --filter @zai-kit/workflow bench` (builds dist first; Node runs this file with type stripping),
 * or `node bench/runstore.bench.ts` after a build.
 *
 * The same sequential pipeline of no-op steps on the in-memory engine, timed in one process:
 * - without a store (the default `RunStore.none`): the baseline; recording must cost nothing here,
 * - with `RunStore.layerMemory`,
 * - with `RunStore.layerSql` on a SQLite file (`@zai-kit/sqlite`, WAL), with `synchronous = FULL` (every
 *   commit survives a power loss) and `NORMAL` (every commit survives `kill -9`; the durable engine's default),
 * and a replay of a recorded run's log through `Runs.watch`. Figures are the extra time per step (each step
 * records two events and its output) and per replayed event; the median of several rounds after warm-up.
 */
import { SqliteClient } from "@zai-kit/sqlite"
import { Pipeline, Runs, RunStore, Step } from "@zai-kit/workflow"
import { Context, Effect, Layer, Schema, Stream } from "effect"
import { WorkflowEngine } from "effect/workflow"
import { mkdtempSync, rmSync } from "node:fs"
import { cpus, tmpdir } from "node:os"
import { join } from "node:path"

const noop = Step.make({ name: "noop", input: Schema.Number, output: Schema.Number, run: (n) => Effect.succeed(n + 1) })

const STEPS = 100
let sequential: Pipeline.Pipeline<number, number> = Pipeline.make(noop, { name: "bench-record" })
for (let i = 1; i < STEPS; i++) sequential = sequential.pipe(Pipeline.andThen(noop))

const ITEMS = 64
const fanOut = Pipeline.input(Schema.Array(Schema.Number), { name: "bench-record-forEach" }).pipe(
  Pipeline.forEach(noop, { concurrency: 16 })
)
const items = Array.from({ length: ITEMS }, (_, i) => i)

interface Timing {
  readonly median: number
  readonly best: number
}

const time = async (warmup: number, rounds: number, run: () => Promise<unknown>): Promise<Timing> => {
  for (let i = 0; i < warmup; i++) await run()
  const samples: Array<number> = []
  for (let i = 0; i < rounds; i++) {
    const start = performance.now()
    await run()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  return { median: samples[Math.floor(samples.length / 2)] ?? 0, best: samples[0] ?? 0 }
}

const ms = (t: Timing) => `${t.median.toFixed(2)} ms (best ${t.best.toFixed(2)})`
const us = (ms: number, n: number) => ((ms * 1000) / n).toFixed(1)

const dir = mkdtempSync(join(tmpdir(), "zai-bench-runstore-"))
try {
  console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}`)
  console.log(`sequential pipeline, ${STEPS} no-op steps, in-memory engine; median of 11 rounds after warm-up`)
  const runWith = (context: Context.Context<never>) => () =>
    Effect.runPromise(
      Pipeline.execute(sequential, 0).pipe(Effect.provide(WorkflowEngine.layerMemory), Effect.provideContext(context))
    )
  const none = await time(5, 11, runWith(Context.empty()))
  console.log(`no store (RunStore.none): ${ms(none)}`)

  const memoryStore = await Effect.runPromise(Effect.map(RunStore.makeMemory, (s) => Context.make(RunStore.RunStore, s)))
  const memory = await time(5, 11, runWith(memoryStore))
  console.log(`RunStore.layerMemory: ${ms(memory)}; extra per step ${us(memory.median - none.median, STEPS)} µs`)

  for (const synchronous of ["full", "normal"] as const) {
    const sqlite = await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const filename = join(dir, `runs-${synchronous}.db`)
          const context = yield* Layer.build(
            RunStore.layerSql.pipe(Layer.provide(SqliteClient.layer({ filename, synchronous })))
          )
          const run = () => Effect.runPromise(Pipeline.execute(sequential, 0).pipe(Effect.provideContext(context)))
          const timing = yield* Effect.promise(() => time(2, 11, run))
          const fanBase = yield* Effect.promise(() =>
            time(2, 11, () =>
              Effect.runPromise(Pipeline.execute(fanOut, items).pipe(Effect.provide(WorkflowEngine.layerMemory)))
            )
          )
          const fanRecorded = yield* Effect.promise(() =>
            time(2, 11, () => Effect.runPromise(Pipeline.execute(fanOut, items).pipe(Effect.provideContext(context))))
          )
          // Replay: the whole log of one recorded run, read back through Runs.watch.
          const page = yield* RunStore.RunStore.use((s) => s.list({ limit: 1 })).pipe(Effect.provideContext(context))
          const id = page.runs[0]?.id ?? ""
          const replay = yield* Effect.promise(() =>
            time(3, 11, () => Effect.runPromise(Stream.runCount(Runs.watch(id)).pipe(Effect.provideContext(context))))
          )
          const events = yield* Stream.runCount(Runs.watch(id)).pipe(Effect.provideContext(context))
          return { timing, replay, events, fanBase, fanRecorded }
        })
      )
    )
    const label = `RunStore.layerSql on a SQLite file, synchronous = ${synchronous.toUpperCase()}`
    console.log(
      `${label}: ${ms(sqlite.timing)}; extra per step ${((sqlite.timing.median - none.median) / STEPS).toFixed(3)} ms`
    )
    console.log(
      `  forEach, ${ITEMS} items, concurrency 16: no store ${ms(sqlite.fanBase)}; recorded ${ms(
        sqlite.fanRecorded
      )}; extra per item ${((sqlite.fanRecorded.median - sqlite.fanBase.median) / ITEMS).toFixed(3)} ms`
    )
    console.log(
      `  Runs.watch replay of a finished run (${sqlite.events} events): ${ms(sqlite.replay)}; ${us(sqlite.replay.median, sqlite.events)} µs per event`
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
