/**
 * The tool-calling loop: send the conversation with the tools, run the tool calls the model asks for, send their
 * results back as tool messages, and repeat until the model answers without calling a tool, within a bounded
 * number of steps.
 *
 * ```ts
 * const result = yield* ToolLoop.runTools(
 *   { model: "glm-4.6", messages: [{ role: "user", content: "Weather in Paris?" }] },
 *   [weather]
 * )
 * result.text // the final answer
 * ```
 *
 * @since 0.1.0
 */
import { type ChatCompletions, InputValidation } from "@zai-kit/schema"
import type { RequestOptions } from "@zai-kit/transport"
import { Effect, Schema } from "effect"
import { Chat, type ChatError } from "./Chat.js"
import * as Completion from "./Completion.js"
import * as Tool from "./Tool.js"

/**
 * The model still asked for tools after `maxSteps` model calls.
 *
 * @since 0.1.0
 */
export class MaxStepsExceededError extends Schema.TaggedError<MaxStepsExceededError>()("MaxStepsExceededError", {
  /** Readable message. */
  message: Schema.String,
  /** The limit that was reached. */
  maxSteps: Schema.Number,
  /** The names of the tools the model asked for in its last answer (not run). */
  pendingToolCalls: Schema.Array(Schema.String)
}) {}

/**
 * Options of `runTools`.
 *
 * @since 0.1.0
 */
export interface Options {
  /** Most model calls (default 8). When the last allowed answer still calls tools: `MaxStepsExceededError`. */
  readonly maxSteps?: number | undefined
  /** How many tool calls of one answer run at once (default 1: one after the other, in order). */
  readonly concurrency?: number | "unbounded" | undefined
  /** Per-call overrides for every model call. */
  readonly requestOptions?: RequestOptions.RequestOptions | undefined
}

/**
 * One model call of the loop and the tool calls it led to.
 *
 * @since 0.1.0
 */
export interface Step {
  /** The model's answer. */
  readonly completion: ChatCompletions.ChatCompletion
  /** The tool calls run after it (empty for the final step). */
  readonly toolResults: ReadonlyArray<Tool.ToolResult>
}

/**
 * The outcome of the loop.
 *
 * @since 0.1.0
 */
export interface Result {
  /** The final answer text. */
  readonly text: string
  /** The final completion (the model answered without calling tools). */
  readonly completion: ChatCompletions.ChatCompletion
  /** The whole conversation: the request's messages, every assistant and tool message, and the final answer. */
  readonly messages: ReadonlyArray<ChatCompletions.Message>
  /** Every model call, in order. */
  readonly steps: ReadonlyArray<Step>
  /** Token usage summed over the steps. */
  readonly usage: ChatCompletions.Usage
}

/**
 * Everything `runTools` can fail with, besides the tools' own errors.
 *
 * @since 0.1.0
 */
export type LoopError = ChatError | Tool.UnknownToolError | Tool.ToolArgumentsError | MaxStepsExceededError

/**
 * The default step limit.
 *
 * @since 0.1.0
 */
export const defaultMaxSteps = 8

const duplicateNames = (tools: ReadonlyArray<Tool.Any>): ReadonlyArray<InputValidation.InputIssue> => {
  const seen = new Set<string>()
  const issues: Array<InputValidation.InputIssue> = []
  tools.forEach((tool, i) => {
    if (seen.has(tool.name)) issues.push({ path: `[${i}].name`, message: `duplicate tool name ${JSON.stringify(tool.name)}` })
    seen.add(tool.name)
  })
  return issues
}

const invalid = (subject: string, issues: ReadonlyArray<InputValidation.InputIssue>) =>
  new InputValidation.InvalidRequestInput({ subject, issues, message: InputValidation.formatIssues(subject, issues) })

/**
 * Runs the loop. The tools' definitions are added to the request's `tools` (a function tool of the request with
 * the same name is replaced; other tools such as `web_search` stay). Each step is one `Chat.create` call; the
 * tool calls of an answer are decoded through their tool's schema and run (`concurrency`), then sent back.
 *
 * @since 0.1.0
 */
export const runTools = <const Tools extends ReadonlyArray<Tool.Any>>(
  request: ChatCompletions.ChatCompletionRequest,
  tools: Tools,
  options?: Options
): Effect.Effect<Result, LoopError | Tool.Error<Tools[number]>, Chat | Tool.Services<Tools[number]>> =>
  Effect.gen(function*() {
    const chat = yield* Chat
    const maxSteps = options?.maxSteps ?? defaultMaxSteps
    if (!Number.isInteger(maxSteps) || maxSteps < 1) {
      return yield* invalid("runTools options", [{ path: "maxSteps", message: `expected an integer ≥ 1, got ${maxSteps}` }])
    }
    const duplicates = duplicateNames(tools)
    if (duplicates.length > 0) return yield* invalid("tools", duplicates)
    const byName = new Map<string, Tool.Any>(tools.map((tool) => [tool.name, tool]))
    const wireTools: ReadonlyArray<ChatCompletions.Tool> = [
      ...(request.tools ?? []).filter((tool) => tool.type !== "function" || !byName.has(tool.function.name)),
      ...tools.map((tool) => tool.definition)
    ]
    const runCall = (
      call: Tool.ToolCallRequest
    ): Effect.Effect<
      Tool.ToolResult,
      Tool.UnknownToolError | Tool.ToolArgumentsError | Tool.Error<Tools[number]>,
      Tool.Services<Tools[number]>
    > => {
      const tool = byName.get(call.name)
      if (tool === undefined) {
        const available = [...byName.keys()]
        return Effect.fail(
          new Tool.UnknownToolError({
            message: `The model called an unknown tool ${JSON.stringify(call.name)} (call ${call.id}); available: ${
              available.length === 0 ? "none" : available.join(", ")
            }`,
            toolName: call.name,
            toolCallId: call.id,
            raw: call.arguments,
            available
          })
        )
      }
      // `byName` holds the tools as `Tool.Any`; each one's error and service types are part of the union below.
      return tool.run(call) as Effect.Effect<
        Tool.ToolResult,
        Tool.ToolArgumentsError | Tool.Error<Tools[number]>,
        Tool.Services<Tools[number]>
      >
    }

    let messages: ReadonlyArray<ChatCompletions.Message> = request.messages
    const steps: Array<Step> = []
    for (let step = 1; ; step++) {
      const completion = yield* chat.create({ ...request, messages, tools: wireTools }, options?.requestOptions)
      const calls = Completion.toolCalls(completion)
      if (calls.length === 0) {
        steps.push({ completion, toolResults: [] })
        const finalMessages = [...messages, Completion.assistantMessage(completion)]
        return {
          text: Completion.text(completion),
          completion,
          messages: finalMessages,
          steps,
          usage: Completion.sumUsage(steps.map((s) => s.completion))
        }
      }
      if (step >= maxSteps) {
        return yield* new MaxStepsExceededError({
          message: `The model still called tools (${calls.map((c) => c.name).join(", ")}) after ${maxSteps} step${
            maxSteps === 1 ? "" : "s"
          }`,
          maxSteps,
          pendingToolCalls: calls.map((c) => c.name)
        })
      }
      const results = yield* Effect.forEach(calls, runCall, { concurrency: options?.concurrency ?? 1 })
      steps.push({ completion, toolResults: results })
      const toolMessages = results.map(
        (result): ChatCompletions.ToolMessage => ({ role: "tool", content: result.content, tool_call_id: result.call.id })
      )
      messages = [...messages, Completion.assistantMessage(completion), ...toolMessages]
    }
  }).pipe(Effect.withSpan("ToolLoop.runTools"))
