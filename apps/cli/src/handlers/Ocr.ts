/**
 * What `zai ocr` does.
 * @internal
 */
import { Documents } from "@zai-kit/documents"
import { Effect } from "effect"
import * as Backend from "../Backend.js"
import type { OcrArgs } from "../commands/Documents.js"
import * as Input from "../internal/Input.js"
import * as Output from "../Output.js"

/** Runs the command. */
export const run = Effect.fnUntraced(function*(args: OcrArgs) {
  const file = Input.isUrl(args.file) ? { url: args.file } : yield* Input.readBytes(args.file, "FILE")
  const response = yield* Backend.provide(Documents.ocr({ model: args.model, file }))
  yield* Output.result(response, (r) => r.md_results ?? "")
})
