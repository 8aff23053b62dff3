/**
 * What `zai knowledge` does.
 * @internal
 */
import { basename } from "node:path"
import { Files } from "@zai-kit/files"
import { Knowledge } from "@zai-kit/knowledge"
import type { Knowledge as Schemas } from "@zai-kit/schema"
import { Effect, Option, Stream } from "effect"
import * as Backend from "../Backend.js"
import type { KnowledgeArgs } from "../commands/Knowledge.js"
import * as Input from "../internal/Input.js"
import * as Wait from "../internal/Wait.js"
import * as Output from "../Output.js"
import * as Progress from "../Progress.js"

const describeDocument = (d: Schemas.KnowledgeDocument): string =>
  [`id: ${d.id}`, `name: ${d.name ?? ""}`, `state: ${Knowledge.embeddingState(d)}`, `words: ${d.word_num ?? ""}`].join("\n")

/** Runs the command. */
export const run = (args: KnowledgeArgs) =>
  Effect.gen(function*() {
    switch (args._tag) {
      case "list": {
        const list = yield* Backend.provide(Knowledge.Knowledge.use((k) => Stream.runCollect(k.list())))
        return yield* Output.result(list, (l) =>
          Output.table(["ID", "NAME", "DOCUMENTS", "WORDS"], l.map((k) => [k.id, k.name ?? "", String(k.document_size ?? ""), String(k.word_num ?? "")]))
        )
      }
      case "create": {
        const info = yield* Backend.provide(
          Knowledge.Knowledge.use((k) =>
            k.create({
              name: args.name,
              embedding_id: args.embeddingId,
              ...(Option.isSome(args.description) ? { description: args.description.value } : {})
            })
          )
        )
        return yield* Output.result(info, (i) => i.id)
      }
      case "delete": {
        yield* Backend.provide(Knowledge.Knowledge.use((k) => k.delete(args.knowledgeId)))
        return yield* Output.result({ id: args.knowledgeId, deleted: true }, () => `deleted ${args.knowledgeId}`)
      }
      case "upload": {
        const bytes = yield* Input.readBytes(args.file, "FILE")
        const result = yield* Backend.provide(
          Files.Files.use((files) => files.uploadKnowledge({ knowledge_id: args.knowledgeId, file: bytes, filename: basename(args.file) }))
        )
        return yield* Output.result(result, (r) =>
          [
            ...(r.successInfos ?? []).map((s) => `${s.documentId ?? ""} ${s.fileName ?? ""}`.trim()),
            ...(r.failedInfos ?? []).map((f) => `failed: ${f.fileName ?? ""} ${f.failReason ?? ""}`.trim())
          ].join("\n")
        )
      }
      case "document": {
        const options = yield* Wait.options(args.pollInterval, args.waitTimeout)
        const document = yield* Backend.provide(
          args.wait
            ? Progress.track(`document ${args.documentId}`, () => Knowledge.Knowledge.use((k) => k.waitForEmbedding(args.documentId, options)))
            : Knowledge.Knowledge.use((k) => k.retrieveDocument(args.documentId))
        )
        return yield* Output.result(document, describeDocument)
      }
      case "capacity": {
        const capacity = yield* Backend.provide(Knowledge.Knowledge.use((k) => k.capacity()))
        return yield* Output.result(capacity, (c) => JSON.stringify(c, null, 2))
      }
    }
  })
