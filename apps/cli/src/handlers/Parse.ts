/**
 * What `zai parse` does.
 * @internal
 */
import { basename } from "node:path"
import { Documents } from "@zai-kit/documents"
import { Effect } from "effect"
import * as Backend from "../Backend.js"
import type { ParseArgs } from "../commands/Documents.js"
import * as Input from "../internal/Input.js"
import * as Wait from "../internal/Wait.js"
import * as Output from "../Output.js"
import * as Progress from "../Progress.js"

/** Runs the command. */
export const run = Effect.fnUntraced(function*(args: ParseArgs) {
  const path = yield* Input.resolvePath(args.file)
  yield* Input.readBytes(args.file, "FILE") // a missing file is a usage error, before anything is sent
  const wait = yield* Wait.options(args.pollInterval, args.waitTimeout)
  yield* Backend.provide(
    Effect.gen(function*() {
      const task = yield* Documents.parse({ file: path, tool_type: args.tool })
      const text = yield* Progress.track(`parse ${basename(path)}`, () => task.waitFor(wait))
      yield* Output.result({ taskId: task.taskId, content: text }, (r) => r.content)
    })
  )
})
