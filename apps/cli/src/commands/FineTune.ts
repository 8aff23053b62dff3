/**
 * `zai fine-tune create|list|get|cancel|delete|events|wait` and `zai knowledge list|create|delete|upload|document|capacity`.
 *
 * @since 0.1.0
 */
import { Argument, Command, Flag } from "effect/cli"
import * as Lazy from "../internal/Lazy.js"
import * as Wait from "../internal/Wait.js"

const jobId = Argument.String("job-id").pipe(Argument.withDescription("Fine-tuning job id"))

/**
 * The subcommands' arguments and flags.
 *
 * @since 0.1.0
 */
export const fineTuneConfigs = {
  create: {
    model: Flag.String("model").pipe(Flag.withAlias("m"), Flag.withDescription("Base model")),
    trainingFile: Flag.String("training-file").pipe(Flag.withDescription("Id of the uploaded training .jsonl (purpose fine-tune)")),
    validationFile: Flag.String("validation-file").pipe(Flag.withDescription("Id of a validation .jsonl"), Flag.optional),
    suffix: Flag.String("suffix").pipe(Flag.withDescription("Suffix of the fine-tuned model's name"), Flag.optional),
    epochs: Flag.Int("epochs").pipe(Flag.withDescription("Training epochs"), Flag.optional),
    wait: Flag.Boolean("wait").pipe(Flag.withDescription("Wait until the job ends"), Flag.withDefault(false)),
    pollInterval: Wait.pollInterval,
    waitTimeout: Wait.waitTimeout
  },
  list: { limit: Flag.Int("limit").pipe(Flag.withDescription("At most this many jobs"), Flag.optional) },
  get: { jobId },
  cancel: { jobId },
  delete: { jobId },
  events: { jobId },
  wait: { jobId, pollInterval: Wait.pollInterval, waitTimeout: Wait.waitTimeout }
}

type Infer<K extends keyof typeof fineTuneConfigs> = { readonly _tag: K } & Command.Command.Config.Infer<(typeof fineTuneConfigs)[K]>

/**
 * Parsed `fine-tune` input.
 *
 * @since 0.1.0
 */
export type FineTuneArgs = Infer<"create"> | Infer<"list"> | Infer<"get"> | Infer<"cancel"> | Infer<"delete"> | Infer<"events"> | Infer<"wait">

const handler = Lazy.handler(() => import("../handlers/FineTune.js"))

/**
 * `zai fine-tune`.
 *
 * @since 0.1.0
 */
export const fineTune = Command.make("fine-tune").pipe(
  Command.withDescription("Fine-tuning jobs: train a model on your data"),
  Command.withSubcommands([
    Command.make("create", fineTuneConfigs.create, (a) => handler({ _tag: "create", ...a })).pipe(
      Command.withDescription("Start a fine-tuning job; prints its id (--wait: waits for the end)")
    ),
    Command.make("list", fineTuneConfigs.list, (a) => handler({ _tag: "list", ...a })).pipe(Command.withDescription("List jobs")),
    Command.make("get", fineTuneConfigs.get, (a) => handler({ _tag: "get", ...a })).pipe(Command.withDescription("Show one job")),
    Command.make("cancel", fineTuneConfigs.cancel, (a) => handler({ _tag: "cancel", ...a })).pipe(Command.withDescription("Cancel a job")),
    Command.make("delete", fineTuneConfigs.delete, (a) => handler({ _tag: "delete", ...a })).pipe(Command.withDescription("Delete a job")),
    Command.make("events", fineTuneConfigs.events, (a) => handler({ _tag: "events", ...a })).pipe(
      Command.withDescription("A job's events (training log)")
    ),
    Command.make("wait", fineTuneConfigs.wait, (a) => handler({ _tag: "wait", ...a })).pipe(
      Command.withDescription("Wait until a job ends (progress on stderr)")
    )
  ])
)
