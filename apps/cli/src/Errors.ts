/**
 * The CLI's own errors and its exit codes (`0` success, `1` API or pipeline failure, `2` usage error, `130`
 * interrupted). Light on purpose: command definitions import it at start-up; the reporting lives in `Failure`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * Bad input found by the CLI itself (a missing prompt, an unreadable file, a malformed `--input`): exit code 2.
 *
 * @since 0.1.0
 */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", {
  message: Schema.String
}) {}

/**
 * A command that ran and failed for a reason other than an API error (a pipeline step, a file that could not be
 * written): exit code 1.
 *
 * @since 0.1.0
 */
export class CommandFailed extends Schema.TaggedError<CommandFailed>()("CommandFailed", {
  message: Schema.String
}) {}

/**
 * Exit codes.
 *
 * @since 0.1.0
 */
export const ExitCode = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const
