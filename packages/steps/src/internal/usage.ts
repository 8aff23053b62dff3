/**
 * Token usage of API answers, reported through `StepContext`.
 * @internal
 */
import { StepContext } from "@zai-kit/workflow"
import type { Effect } from "effect"

interface UsageLike {
  readonly prompt_tokens?: number | null | undefined
  readonly completion_tokens?: number | null | undefined
}

/** Report an answer's `usage` (absent fields count as 0). */
export const report = (usage: UsageLike | null | undefined): Effect.Effect<void> =>
  StepContext.reportUsage({
    inputTokens: usage?.prompt_tokens ?? 0,
    outputTokens: usage?.completion_tokens ?? 0
  })
