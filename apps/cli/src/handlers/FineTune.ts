/**
 * What `zai fine-tune` does.
 * @internal
 */
import { FineTuning } from "@zai-kit/fine-tuning"
import type { FineTuning as Schemas } from "@zai-kit/schema"
import { Effect, Option, Stream } from "effect"
import * as Backend from "../Backend.js"
import type { FineTuneArgs } from "../commands/FineTune.js"
import * as Wait from "../internal/Wait.js"
import * as Output from "../Output.js"
import * as Progress from "../Progress.js"

const describe = (job: Schemas.FineTuningJob): string =>
  [
    `id: ${job.id}`,
    `status: ${job.status ?? ""}`,
    `model: ${job.model ?? ""}`,
    ...(job.fine_tuned_model ? [`fine-tuned model: ${job.fine_tuned_model}`] : []),
    ...(typeof job.trained_tokens === "number" ? [`trained tokens: ${job.trained_tokens}`] : [])
  ].join("\n")

const waitFor = (id: string, interval: number, timeout: number) =>
  Effect.gen(function*() {
    const options = yield* Wait.options(interval, timeout)
    return yield* Backend.provide(Progress.track(`fine-tune ${id}`, () => FineTuning.FineTuning.use((ft) => ft.waitFor(id, options))))
  })

/** Runs the command. */
export const run = (args: FineTuneArgs) =>
  Effect.gen(function*() {
    switch (args._tag) {
      case "create": {
        const job = yield* Backend.provide(
          FineTuning.FineTuning.use((ft) =>
            ft.create({
              model: args.model,
              training_file: args.trainingFile,
              ...(Option.isSome(args.validationFile) ? { validation_file: args.validationFile.value } : {}),
              ...(Option.isSome(args.suffix) ? { suffix: args.suffix.value } : {}),
              ...(Option.isSome(args.epochs) ? { hyperparameters: { n_epochs: args.epochs.value } } : {})
            })
          )
        )
        const done = args.wait ? yield* waitFor(job.id, args.pollInterval, args.waitTimeout) : job
        return yield* Output.result(done, args.wait ? describe : (j) => j.id)
      }
      case "list": {
        const jobs = yield* Backend.provide(
          FineTuning.FineTuning.use((ft) => Stream.runCollect(ft.list().pipe(Option.isSome(args.limit) ? Stream.take(args.limit.value) : (s) => s)))
        )
        return yield* Output.result(jobs, (l) =>
          Output.table(["ID", "STATUS", "MODEL", "FINE-TUNED MODEL"], l.map((j) => [j.id, String(j.status ?? ""), j.model ?? "", j.fine_tuned_model ?? ""]))
        )
      }
      case "get":
        return yield* Output.result(yield* Backend.provide(FineTuning.FineTuning.use((ft) => ft.retrieve(args.jobId))), describe)
      case "cancel":
        return yield* Output.result(yield* Backend.provide(FineTuning.FineTuning.use((ft) => ft.cancel(args.jobId))), describe)
      case "delete": {
        const job = yield* Backend.provide(FineTuning.FineTuning.use((ft) => ft.delete(args.jobId)))
        return yield* Output.result(job, () => `deleted ${args.jobId}`)
      }
      case "events": {
        const events = yield* Backend.provide(FineTuning.FineTuning.use((ft) => Stream.runCollect(ft.events(args.jobId))))
        return yield* Output.result(events, (l) =>
          l.map((e) => `${typeof e.created_at === "number" ? new Date(e.created_at * 1000).toISOString() : ""} ${e.level ?? ""} ${e.message ?? ""}`.trim()).join("\n")
        )
      }
      case "wait":
        return yield* Output.result(yield* waitFor(args.jobId, args.pollInterval, args.waitTimeout), describe)
    }
  })
