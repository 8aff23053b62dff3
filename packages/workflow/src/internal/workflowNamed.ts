import { Schema } from "effect"
import { Workflow } from "effect/workflow"

/** A pipeline's workflow known by its name only (execution ids, interrupts): any input passes. */
export const workflowNamed = (name: string) =>
  Workflow.make(`zai-kit/pipeline/${name}`, {
    payload: { key: Schema.String, input: Schema.Any },
    success: Schema.Any,
    error: Schema.Any,
    idempotencyKey: (payload) => payload.key
  })
