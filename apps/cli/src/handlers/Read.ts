/**
 * What `zai read` does.
 * @internal
 */
import { Web } from "@zai-kit/web"
import { Effect } from "effect"
import * as Backend from "../Backend.js"
import type { ReadArgs } from "../commands/Search.js"
import * as Output from "../Output.js"

/** Runs the command. */
export const run = Effect.fnUntraced(function*(args: ReadArgs) {
  const response = yield* Backend.provide(
    Web.read({ url: args.url, return_format: args.format, ...(args.noCache ? { no_cache: true } : {}) })
  )
  yield* Output.result(response, (r) => r.reader_result?.content ?? "")
})
