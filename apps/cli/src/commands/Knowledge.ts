/**
 * `zai knowledge list|create|delete|upload|document|capacity`: knowledge bases for retrieval.
 *
 * @since 0.1.0
 */
import { Argument, Command, Flag } from "effect/cli"
import * as Lazy from "../internal/Lazy.js"
import * as Wait from "../internal/Wait.js"

const knowledgeId = Argument.String("knowledge-id").pipe(Argument.withDescription("Knowledge base id"))

/**
 * The subcommands' arguments and flags.
 *
 * @since 0.1.0
 */
export const knowledgeConfigs = {
  list: {},
  create: {
    name: Argument.String("name").pipe(Argument.withDescription("Name of the knowledge base")),
    description: Flag.String("description").pipe(Flag.withDescription("What it holds"), Flag.optional),
    embeddingId: Flag.Int("embedding-id").pipe(Flag.withDescription("Embedding model id (3: embedding-2)"), Flag.withDefault(3))
  },
  delete: { knowledgeId },
  upload: {
    knowledgeId,
    file: Argument.String("file").pipe(Argument.withDescription("Document to add (pdf, docx, txt, md, ...)"))
  },
  document: {
    documentId: Argument.String("document-id").pipe(Argument.withDescription("Document id")),
    wait: Flag.Boolean("wait").pipe(Flag.withDescription("Wait until the document is embedded"), Flag.withDefault(false)),
    pollInterval: Wait.pollInterval,
    waitTimeout: Wait.waitTimeout
  },
  capacity: {}
}

type Infer<K extends keyof typeof knowledgeConfigs> = { readonly _tag: K } & Command.Command.Config.Infer<(typeof knowledgeConfigs)[K]>

/**
 * Parsed `knowledge` input.
 *
 * @since 0.1.0
 */
export type KnowledgeArgs = Infer<"list"> | Infer<"create"> | Infer<"delete"> | Infer<"upload"> | Infer<"document"> | Infer<"capacity">

const handler = Lazy.handler(() => import("../handlers/Knowledge.js"))

/**
 * `zai knowledge`.
 *
 * @since 0.1.0
 */
export const knowledge = Command.make("knowledge").pipe(
  Command.withDescription("Knowledge bases: documents the models can retrieve from"),
  Command.withSubcommands([
    Command.make("list", knowledgeConfigs.list, (a) => handler({ _tag: "list", ...a })).pipe(Command.withDescription("List knowledge bases")),
    Command.make("create", knowledgeConfigs.create, (a) => handler({ _tag: "create", ...a })).pipe(
      Command.withDescription("Create a knowledge base; prints its id")
    ),
    Command.make("delete", knowledgeConfigs.delete, (a) => handler({ _tag: "delete", ...a })).pipe(
      Command.withDescription("Delete a knowledge base")
    ),
    Command.make("upload", knowledgeConfigs.upload, (a) => handler({ _tag: "upload", ...a })).pipe(
      Command.withDescription("Add a document to a knowledge base")
    ),
    Command.make("document", knowledgeConfigs.document, (a) => handler({ _tag: "document", ...a })).pipe(
      Command.withDescription("Show a document and its embedding state (--wait: until embedded)")
    ),
    Command.make("capacity", knowledgeConfigs.capacity, (a) => handler({ _tag: "capacity", ...a })).pipe(
      Command.withDescription("Storage used and available")
    )
  ])
)
