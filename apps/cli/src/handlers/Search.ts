/**
 * What `zai search` does.
 * @internal
 */
import { Web } from "@zai-kit/web"
import { Effect, Option } from "effect"
import * as Backend from "../Backend.js"
import type { SearchArgs } from "../commands/Search.js"
import * as Input from "../internal/Input.js"
import * as Output from "../Output.js"

/** Runs the command. */
export const run = Effect.fnUntraced(function*(args: SearchArgs) {
  const query = yield* Input.textOrStdin(args.query, "QUERY")
  const response = yield* Backend.provide(
    Web.search({
      search_engine: args.engine,
      search_query: query,
      ...(Option.isSome(args.count) ? { count: args.count.value } : {}),
      ...(Option.isSome(args.domain) ? { search_domain_filter: args.domain.value } : {}),
      ...(Option.isSome(args.recency) ? { search_recency_filter: args.recency.value } : {})
    })
  )
  yield* Output.result(response, (r) =>
    (r.search_result ?? [])
      .map((item, i) => [`${i + 1}. ${item.title ?? "(untitled)"}`, `   ${item.link ?? ""}`, ...(item.content ? [`   ${item.content}`] : [])].join("\n"))
      .join("\n\n")
  )
})
