/**
 * `zai files list|upload|get|delete|content` and `zai batches list|create|get|cancel|wait`.
 *
 * @since 0.1.0
 */
import { Argument, Command, Flag } from "effect/cli"
import * as Lazy from "../internal/Lazy.js"
import * as Wait from "../internal/Wait.js"

const fileId = Argument.String("file-id").pipe(Argument.withDescription("File id"))

/**
 * The subcommands' arguments and flags.
 *
 * @since 0.1.0
 */
export const filesConfigs = {
  list: {
    purpose: Flag.Literals("purpose", ["retrieval", "fine-tune", "batch", "voice-clone-input", "agent", "file-extract", "code-interpreter"]).pipe(
      Flag.withDescription("Only files of this purpose"),
      Flag.optional
    ),
    limit: Flag.Int("limit").pipe(Flag.withDescription("At most this many files"), Flag.optional)
  },
  upload: {
    file: Argument.String("file").pipe(Argument.withDescription("Local file")),
    purpose: Flag.Literals("purpose", ["fine-tune", "batch", "voice-clone-input", "agent", "file-extract", "code-interpreter"]).pipe(
      Flag.withDescription("What the file is for")
    )
  },
  get: { fileId },
  delete: { fileId },
  content: {
    fileId,
    output: Flag.String("output").pipe(
      Flag.withAlias("o"),
      Flag.withDescription("Write to this file (default: stdout)"),
      Flag.withMetavar("FILE"),
      Flag.optional
    )
  }
}

type Infer<K extends keyof typeof filesConfigs> = { readonly _tag: K } & Command.Command.Config.Infer<(typeof filesConfigs)[K]>

/**
 * Parsed `files` input.
 *
 * @since 0.1.0
 */
export type FilesArgs = Infer<"list"> | Infer<"upload"> | Infer<"get"> | Infer<"delete"> | Infer<"content">

const filesHandler = Lazy.handler(() => import("../handlers/Files.js"))

/**
 * `zai files`.
 *
 * @since 0.1.0
 */
export const files = Command.make("files").pipe(
  Command.withDescription("Files stored on the platform (for batches, fine-tuning, voice cloning, ...)"),
  Command.withSubcommands([
    Command.make("list", filesConfigs.list, (a) => filesHandler({ _tag: "list", ...a })).pipe(Command.withDescription("List files")),
    Command.make("upload", filesConfigs.upload, (a) => filesHandler({ _tag: "upload", ...a })).pipe(
      Command.withDescription("Upload a file; prints its id")
    ),
    Command.make("get", filesConfigs.get, (a) => filesHandler({ _tag: "get", ...a })).pipe(Command.withDescription("Show one file")),
    Command.make("delete", filesConfigs.delete, (a) => filesHandler({ _tag: "delete", ...a })).pipe(
      Command.withDescription("Delete a file")
    ),
    Command.make("content", filesConfigs.content, (a) => filesHandler({ _tag: "content", ...a })).pipe(
      Command.withDescription("Download a file's content")
    )
  ])
)

const batchId = Argument.String("batch-id").pipe(Argument.withDescription("Batch id"))

/**
 * The subcommands' arguments and flags.
 *
 * @since 0.1.0
 */
export const batchesConfigs = {
  list: { limit: Flag.Int("limit").pipe(Flag.withDescription("At most this many batches"), Flag.optional) },
  create: {
    inputFileId: Argument.String("input-file-id").pipe(Argument.withDescription("Id of the uploaded .jsonl (purpose batch)")),
    endpoint: Flag.Literals("endpoint", ["/v4/chat/completions", "/v4/embeddings", "/v1/chat/completions", "/v1/embeddings"]).pipe(
      Flag.withDescription("Endpoint of every request"),
      Flag.withDefault("/v4/chat/completions")
    ),
    wait: Flag.Boolean("wait").pipe(Flag.withDescription("Wait until the batch is done"), Flag.withDefault(false)),
    pollInterval: Wait.pollInterval,
    waitTimeout: Wait.waitTimeout
  },
  get: { batchId },
  cancel: { batchId },
  wait: { batchId, pollInterval: Wait.pollInterval, waitTimeout: Wait.waitTimeout }
}

type InferBatch<K extends keyof typeof batchesConfigs> = { readonly _tag: K } & Command.Command.Config.Infer<(typeof batchesConfigs)[K]>

/**
 * Parsed `batches` input.
 *
 * @since 0.1.0
 */
export type BatchesArgs = InferBatch<"list"> | InferBatch<"create"> | InferBatch<"get"> | InferBatch<"cancel"> | InferBatch<"wait">

const batchesHandler = Lazy.handler(() => import("../handlers/Batches.js"))

/**
 * `zai batches`.
 *
 * @since 0.1.0
 */
export const batches = Command.make("batches").pipe(
  Command.withDescription("Batch jobs: many requests from a .jsonl file, at half price"),
  Command.withSubcommands([
    Command.make("list", batchesConfigs.list, (a) => batchesHandler({ _tag: "list", ...a })).pipe(Command.withDescription("List batches")),
    Command.make("create", batchesConfigs.create, (a) => batchesHandler({ _tag: "create", ...a })).pipe(
      Command.withDescription("Start a batch from an uploaded file")
    ),
    Command.make("get", batchesConfigs.get, (a) => batchesHandler({ _tag: "get", ...a })).pipe(Command.withDescription("Show one batch")),
    Command.make("cancel", batchesConfigs.cancel, (a) => batchesHandler({ _tag: "cancel", ...a })).pipe(
      Command.withDescription("Cancel a batch")
    ),
    Command.make("wait", batchesConfigs.wait, (a) => batchesHandler({ _tag: "wait", ...a })).pipe(
      Command.withDescription("Wait until a batch is done (progress on stderr)")
    )
  ])
)
