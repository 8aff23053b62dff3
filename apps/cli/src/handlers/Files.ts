/**
 * What `zai files` does.
 * @internal
 */
import { basename } from "node:path"
import { Files } from "@zai-kit/files"
import { Effect, Option, Stream } from "effect"
import * as Backend from "../Backend.js"
import type { FilesArgs } from "../commands/Files.js"
import { CommandFailed } from "../Errors.js"
import * as Input from "../internal/Input.js"
import * as Io from "../Io.js"
import * as Output from "../Output.js"

const date = (seconds: number | null | undefined): string =>
  typeof seconds === "number" ? new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ") : ""

/** Runs the command. */
export const run = (args: FilesArgs) =>
  Effect.gen(function*() {
    switch (args._tag) {
      case "list": {
        const list = yield* Backend.provide(
          Files.Files.use((files) =>
            Stream.runCollect(
              files
                .list(Option.isSome(args.purpose) ? { purpose: args.purpose.value } : {})
                .pipe(Option.isSome(args.limit) ? Stream.take(args.limit.value) : (s) => s)
            )
          )
        )
        return yield* Output.result(list, (l) =>
          Output.table(
            ["ID", "FILENAME", "PURPOSE", "BYTES", "CREATED"],
            l.map((f) => [f.id, f.filename ?? "", String(f.purpose ?? ""), String(f.bytes ?? ""), date(f.created_at)])
          )
        )
      }
      case "upload": {
        const bytes = yield* Input.readBytes(args.file, "FILE")
        const file = yield* Backend.provide(
          Files.Files.use((files) => files.upload({ file: bytes, filename: basename(args.file), purpose: args.purpose }))
        )
        return yield* Output.result(file, (f) => f.id)
      }
      case "get": {
        const file = yield* Backend.provide(Files.Files.use((files) => files.retrieve(args.fileId)))
        return yield* Output.result(file, (f) =>
          [`id: ${f.id}`, `filename: ${f.filename ?? ""}`, `purpose: ${String(f.purpose ?? "")}`, `bytes: ${f.bytes ?? ""}`, `created: ${date(f.created_at)}`].join("\n")
        )
      }
      case "delete": {
        const deleted = yield* Backend.provide(Files.Files.use((files) => files.delete(args.fileId)))
        return yield* Output.result(deleted, () => `deleted ${args.fileId}`)
      }
      case "content": {
        if (Option.isSome(args.output)) {
          const path = yield* Input.resolvePath(args.output.value)
          yield* Backend.provide(
            Files.Files.use((files) => files.contentToFile(args.fileId, path)).pipe(
              Effect.catchTag("PlatformError", (e) => Effect.fail(new CommandFailed({ message: `cannot write ${path}: ${e.message}` })))
            )
          )
          return yield* Output.result({ fileId: args.fileId, file: path }, (r) => r.file)
        }
        const io = yield* Io.Io
        return yield* Backend.provide(
          Files.Files.use((files) => Stream.runForEach(files.content(args.fileId), (chunk) => Effect.sync(() => void io.stdout.write(chunk))))
        )
      }
    }
  })
