/**
 * Reading the outcome of an `Exit` in tests: its typed failure or its value, throwing (so failing the test) on any
 * other outcome.
 *
 * @since 0.1.0
 */
import { Exit } from "effect"

/**
 * The typed failure of an exit; throws when the exit is a success or a defect/interruption.
 *
 * @since 0.1.0
 */
export const failureOf = <A, E>(exit: Exit.Exit<A, E>): E => {
  if (Exit.isSuccess(exit)) throw new Error(`expected a failure, got ${describe(exit.value)}`)
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (reason === undefined || reason._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}

/**
 * The value of a successful exit; throws when it failed.
 *
 * @since 0.1.0
 */
export const successOf = <A, E>(exit: Exit.Exit<A, E>): A => {
  if (Exit.isFailure(exit)) throw new Error(`expected a success, got ${String(exit.cause)}`)
  return exit.value
}

const describe = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
