/**
 * Schema-first function tools: a name, a description, a `Schema` for the arguments and an Effect handler.
 *
 * The JSON Schema sent to the model is derived from the parameters schema (`Schema.toJsonSchemaDocument`), the
 * model's argument text is decoded through that same schema (its JSON codec), and the handler's result becomes the
 * content of the tool message sent back (a string as is, any other value as JSON).
 *
 * ```ts
 * const weather = Tool.make("get_weather", {
 *   description: "Current weather of a city",
 *   parameters: Schema.Struct({ city: Schema.String }),
 *   handler: ({ city }) => Effect.succeed({ city, celsius: 21 })
 * })
 * ```
 *
 * @since 0.1.0
 */
import type { ChatCompletions } from "@zai-kit/schema"
import { InputValidation } from "@zai-kit/schema"
import { Effect, Schema } from "effect"
import { decodeJson, jsonSchemaOf } from "./internal/jsonSchema.js"

/**
 * The model called a tool that is not among the tools given to the loop.
 *
 * @since 0.1.0
 */
export class UnknownToolError extends Schema.TaggedError<UnknownToolError>()("UnknownToolError", {
  /** Readable message naming the tool and the available ones. */
  message: Schema.String,
  /** The name the model used. */
  toolName: Schema.String,
  /** The id of the tool call. */
  toolCallId: Schema.String,
  /** The raw argument text of the call. */
  raw: Schema.String,
  /** The names of the tools that were available. */
  available: Schema.Array(Schema.String)
}) {}

/**
 * The arguments of a tool call are not valid JSON, or do not match the tool's parameters schema.
 *
 * @since 0.1.0
 */
export class ToolArgumentsError extends Schema.TaggedError<ToolArgumentsError>()("ToolArgumentsError", {
  /** Readable message: the tool, the problem, and the raw text. */
  message: Schema.String,
  /** The tool that was called. */
  toolName: Schema.String,
  /** The id of the tool call. */
  toolCallId: Schema.String,
  /** `invalid-json` (the text does not parse) or `schema-mismatch` (it parses but does not match). */
  reason: Schema.Literals(["invalid-json", "schema-mismatch"]),
  /** The argument text exactly as the model sent it. */
  raw: Schema.String,
  /** The problems found, `path: message` (for `schema-mismatch`), or the JSON parse error. */
  issues: Schema.Array(InputValidation.InputIssue)
}) {}

/**
 * One tool call requested by the model, as read from a completion.
 *
 * @since 0.1.0
 */
export interface ToolCallRequest {
  /** The call id (echoed as the tool message's `tool_call_id`). */
  readonly id: string
  /** The function name. */
  readonly name: string
  /** The argument text (normally JSON). */
  readonly arguments: string
}

/**
 * The outcome of running one tool call.
 *
 * @since 0.1.0
 */
export interface ToolResult {
  /** The call that was run. */
  readonly call: ToolCallRequest
  /** The decoded arguments given to the handler. */
  readonly arguments: unknown
  /** What the handler returned. */
  readonly result: unknown
  /** The tool message content sent back to the model. */
  readonly content: string
}

/**
 * A function tool: its wire definition, its parameters schema and its handler.
 *
 * @since 0.1.0
 */
export interface Tool<Name extends string, Parameters extends Schema.Top, Success, E, R> {
  /** The function name (1–64 characters of `a-z A-Z 0-9 _ -`). */
  readonly name: Name
  /** What the tool does, for the model. */
  readonly description: string | undefined
  /** The schema the arguments are decoded with. */
  readonly parameters: Parameters
  /** The wire definition: `{ type: "function", function: { name, description, parameters: <JSON Schema> } }`. */
  readonly definition: ChatCompletions.FunctionTool
  /** Runs the tool on decoded arguments. */
  handler(args: Parameters["Type"]): Effect.Effect<Success, E, R>
  /** Decodes a call's argument text, runs the handler, and renders its result as tool message content. */
  readonly run: (call: ToolCallRequest) => Effect.Effect<ToolResult, ToolArgumentsError | E, R | Parameters["DecodingServices"]>
}

/**
 * Any tool.
 *
 * @since 0.1.0
 */
export type Any = Tool<string, Schema.Top, unknown, unknown, unknown>

/**
 * The error type of a tool's handler.
 *
 * @since 0.1.0
 */
export type Error<T> = T extends Tool<infer _N, infer _P, infer _A, infer E, infer _R> ? E : never

/**
 * The services a tool needs (its handler's and its parameters schema's).
 *
 * @since 0.1.0
 */
export type Services<T> = T extends Tool<infer _N, infer P, infer _A, infer _E, infer R> ? R | P["DecodingServices"] : never

/**
 * What `make` takes.
 *
 * @since 0.1.0
 */
export interface Options<Parameters extends Schema.Top, Success, E, R> {
  /** What the tool does, for the model. */
  readonly description?: string | undefined
  /** The schema of the arguments (normally a `Schema.Struct`); its JSON Schema is what the model sees. */
  readonly parameters: Parameters
  /** Runs the tool. A string result is sent back as is, anything else as JSON. */
  readonly handler: (args: Parameters["Type"]) => Effect.Effect<Success, E, R>
}

/**
 * Parses and decodes the argument text of a call through a parameters schema (its JSON codec). An empty text counts
 * as `{}` (models send it for functions without parameters).
 *
 * @since 0.1.0
 */
export const decodeArguments = <Parameters extends Schema.Top>(
  parameters: Parameters,
  call: ToolCallRequest
): Effect.Effect<Parameters["Type"], ToolArgumentsError, Parameters["DecodingServices"]> => {
  const fail = (reason: "invalid-json" | "schema-mismatch", issues: ReadonlyArray<InputValidation.InputIssue>) =>
    new ToolArgumentsError({
      message: `${InputValidation.formatIssues(`arguments of tool ${call.name} (call ${call.id})`, issues)}\nraw arguments: ${call.arguments}`,
      toolName: call.name,
      toolCallId: call.id,
      reason,
      raw: call.arguments,
      issues
    })
  const text = call.arguments.trim() === "" ? "{}" : call.arguments
  return Effect.try({
    try: (): unknown => JSON.parse(text),
    catch: (cause) =>
      fail("invalid-json", [{ path: "", message: `not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}` }])
  }).pipe(
    Effect.flatMap((json) =>
      decodeJson(parameters, json).pipe(Effect.mapError((issues) => fail("schema-mismatch", issues)))
    )
  )
}

/**
 * Renders a handler result as tool message content: strings as is, other values as JSON (`undefined` as `null`).
 *
 * @since 0.1.0
 */
export const renderResult = (value: unknown): string => {
  if (typeof value === "string") return value
  const text: string | undefined = JSON.stringify(value)
  return text === undefined ? "null" : text
}

/**
 * Defines a tool.
 *
 * @since 0.1.0
 */
export const make = <const Name extends string, Parameters extends Schema.Top, Success, E = never, R = never>(
  name: Name,
  options: Options<Parameters, Success, E, R>
): Tool<Name, Parameters, Success, E, R> => {
  const definition: ChatCompletions.FunctionTool = {
    type: "function",
    function: {
      name,
      ...(options.description === undefined ? {} : { description: options.description }),
      parameters: jsonSchemaOf(options.parameters)
    }
  }
  const run = (call: ToolCallRequest) =>
    decodeArguments(options.parameters, call).pipe(
      Effect.flatMap((args) =>
        options.handler(args).pipe(
          // A result JSON cannot encode (a bigint, a cycle) is a bug in the handler: it dies.
          Effect.flatMap((result) =>
            Effect.sync((): ToolResult => ({ call, arguments: args, result, content: renderResult(result) }))
          )
        )
      ),
      Effect.withSpan(`Tool.${name}`, { attributes: { "gen_ai.tool.name": name, "gen_ai.tool.call.id": call.id } })
    )
  return {
    name,
    description: options.description,
    parameters: options.parameters,
    definition,
    handler: options.handler,
    run
  }
}
