/**
 * How every failure is reported: a message on stderr and an exit code (see `Errors`). Loaded only when a command
 * fails, so that start-up does not load the code table and the transport.
 *
 * @since 0.1.0
 */
import { BusinessCodes } from "@zai-kit/schema"
import { ZaiError } from "@zai-kit/transport"
import { Cause, Option } from "effect"
import { CliError } from "effect/cli"
import { ExitCode } from "./Errors.js"

/**
 * What to print for a failure and the exit code.
 *
 * @since 0.1.0
 */
export interface Report {
  readonly exitCode: number
  /** Lines for stderr (without the `zai: ` prefix); empty when already printed (usage errors by `effect/cli`). */
  readonly lines: ReadonlyArray<string>
}

const hasTag = (u: unknown): u is { readonly _tag: string; readonly message?: unknown } =>
  typeof u === "object" && u !== null && "_tag" in u && typeof u._tag === "string"

/**
 * The report of a `ZaiError`: its message, the business code with its meaning (from the code table), the request id.
 *
 * @since 0.1.0
 */
export const zaiErrorLines = (error: ZaiError.ZaiError): ReadonlyArray<string> => {
  const lines = [`error: ${error.message}`]
  if (error.code !== undefined) {
    const known = BusinessCodes.lookup(error.code)
    lines.push(`  code: ${error.code}${known !== undefined ? ` (${known.meaning})` : ""}`)
  }
  if (error.status !== undefined) lines.push(`  status: HTTP ${error.status}`)
  if (error.requestId !== undefined) lines.push(`  request id: ${error.requestId}`)
  if (error._tag === "TaskFailedError" && error.taskId !== undefined) lines.push(`  task id: ${error.taskId}`)
  return lines
}

/**
 * Maps one typed failure to its report.
 *
 * @since 0.1.0
 */
export const reportError = (error: unknown): Report => {
  if (CliError.isCliError(error)) {
    // effect/cli has printed the error (and the suggestions) through the presenter already
    return { exitCode: error._tag === "ShowHelp" && error.errors.length === 0 ? ExitCode.ok : ExitCode.usage, lines: [] }
  }
  if (ZaiError.isZaiError(error)) return { exitCode: ExitCode.failure, lines: zaiErrorLines(error) }
  if (hasTag(error)) {
    const message = typeof error.message === "string" ? error.message : error._tag
    switch (error._tag) {
      case "UsageError":
      case "InvalidRequestInput":
      case "SpecError":
      case "SpecInputError":
      case "PipelineNotFoundError":
        return { exitCode: ExitCode.usage, lines: [`error: ${message}`] }
      case "RunCancelledError":
        return { exitCode: ExitCode.interrupted, lines: ["cancelled"] }
      default:
        return { exitCode: ExitCode.failure, lines: [`error: ${message}`] }
    }
  }
  return { exitCode: ExitCode.failure, lines: [`error: ${String(error)}`] }
}

/**
 * Maps the cause of a finished run to its report: interruption only → 130, a typed failure → its report, a defect →
 * 1 with the defect's message.
 *
 * @since 0.1.0
 */
export const reportCause = (cause: Cause.Cause<unknown>): Report => {
  if (Cause.hasInterruptsOnly(cause)) return { exitCode: ExitCode.interrupted, lines: [] }
  const failure = Cause.findErrorOption(cause)
  if (Option.isSome(failure)) return reportError(failure.value)
  const defect = Cause.findDefect(cause)
  const text = defect._tag === "Success" ? (defect.success instanceof Error ? defect.success.message : String(defect.success)) : Cause.pretty(cause)
  return { exitCode: ExitCode.failure, lines: [`internal error: ${text}`] }
}
