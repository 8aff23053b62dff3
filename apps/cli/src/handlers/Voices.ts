/**
 * What `zai voices` does.
 * @internal
 */
import { Voices } from "@zai-kit/audio"
import { Effect, Option } from "effect"
import * as Backend from "../Backend.js"
import type { VoicesArgs } from "../commands/Audio.js"
import * as Output from "../Output.js"

/** Runs the command. */
export const run = (args: VoicesArgs) =>
  Backend.provide(
    Effect.gen(function*() {
      const voices = yield* Voices.Voices
      switch (args._tag) {
        case "list": {
          const list = yield* voices.list({
            ...(Option.isSome(args.type) ? { voice_type: args.type.value } : {}),
            ...(Option.isSome(args.name) ? { voice_name: args.name.value } : {})
          })
          return yield* Output.result(list, (l) =>
            Output.table(
              ["VOICE", "NAME", "TYPE"],
              (l.voice_list ?? []).map((v) => [v.voice ?? "", v.voice_name ?? "", v.voice_type ?? ""])
            )
          )
        }
        case "clone": {
          const result = yield* voices.clone({ model: args.model, voice_name: args.name, input: args.text, file_id: args.fileId })
          return yield* Output.result(result, (r) => r.voice ?? "")
        }
        case "delete": {
          const result = yield* voices.delete(args.voice)
          return yield* Output.result(result, () => `deleted ${args.voice}`)
        }
      }
    })
  )
