/**
 * What `zai batches` does.
 * @internal
 */
import { Batches } from "@zai-kit/files"
import type { Batches as BatchSchemas } from "@zai-kit/schema"
import { Effect, Option, Stream } from "effect"
import * as Backend from "../Backend.js"
import type { BatchesArgs } from "../commands/Files.js"
import * as Wait from "../internal/Wait.js"
import * as Output from "../Output.js"
import * as Progress from "../Progress.js"

const counts = (b: BatchSchemas.Batch): string => {
  const c = b.request_counts
  return c ? `${c.completed ?? 0}/${c.total ?? 0} done${c.failed ? `, ${c.failed} failed` : ""}` : ""
}

const describe = (b: BatchSchemas.Batch): string =>
  [
    `id: ${b.id}`,
    `status: ${b.status ?? ""}`,
    `requests: ${counts(b)}`,
    ...(b.output_file_id ? [`output file: ${b.output_file_id}`] : []),
    ...(b.error_file_id ? [`error file: ${b.error_file_id}`] : [])
  ].join("\n")

const waitFor = (id: string, interval: number, timeout: number) =>
  Effect.gen(function*() {
    const options = yield* Wait.options(interval, timeout)
    return yield* Backend.provide(
      Progress.track(`batch ${id}`, () => Batches.Batches.use((batches) => batches.waitFor(id, options)))
    )
  })

/** Runs the command. */
export const run = (args: BatchesArgs) =>
  Effect.gen(function*() {
    switch (args._tag) {
      case "list": {
        const list = yield* Backend.provide(
          Batches.Batches.use((batches) =>
            Stream.runCollect(batches.list().pipe(Option.isSome(args.limit) ? Stream.take(args.limit.value) : (s) => s))
          )
        )
        return yield* Output.result(list, (l) =>
          Output.table(["ID", "STATUS", "REQUESTS", "INPUT FILE"], l.map((b) => [b.id, String(b.status ?? ""), counts(b), b.input_file_id ?? ""]))
        )
      }
      case "create": {
        const batch = yield* Backend.provide(
          Batches.Batches.use((batches) =>
            batches.create({ input_file_id: args.inputFileId, endpoint: args.endpoint, completion_window: "24h" })
          )
        )
        const done = args.wait ? yield* waitFor(batch.id, args.pollInterval, args.waitTimeout) : batch
        return yield* Output.result(done, args.wait ? describe : (b) => b.id)
      }
      case "get": {
        const batch = yield* Backend.provide(Batches.Batches.use((batches) => batches.retrieve(args.batchId)))
        return yield* Output.result(batch, describe)
      }
      case "cancel": {
        const batch = yield* Backend.provide(Batches.Batches.use((batches) => batches.cancel(args.batchId)))
        return yield* Output.result(batch, describe)
      }
      case "wait": {
        const batch = yield* waitFor(args.batchId, args.pollInterval, args.waitTimeout)
        return yield* Output.result(batch, describe)
      }
    }
  })
