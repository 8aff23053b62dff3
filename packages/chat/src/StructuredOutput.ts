/**
 * Structured output: ask for a JSON object (`response_format: { type: "json_object" }`) and decode the answer
 * through your `Schema`.
 *
 * `generateObject` also tells the model the expected shape: it adds the JSON Schema derived from your schema to the
 * system message (turn this off with `instructions: false`, or give your own text). The answer text is read
 * tolerantly (surrounding whitespace, a Markdown code fence such as ```` ```json ````, and prose around a single JSON
 * object are dropped), then parsed and decoded through the JSON codec of your schema. A mismatch fails with
 * `StructuredOutputError`, which shows the raw text and every schema problem.
 *
 * @since 0.1.0
 */
import { type ChatCompletions, InputValidation } from "@zai-kit/schema"
import type { RequestOptions } from "@zai-kit/transport"
import { Effect, Schema } from "effect"
import { Chat, type ChatError } from "./Chat.js"
import * as Completion from "./Completion.js"
import { decodeJson, jsonSchemaOf } from "./internal/jsonSchema.js"

/**
 * The answer could not be turned into a value of the requested schema.
 *
 * @since 0.1.0
 */
export class StructuredOutputError extends Schema.TaggedError<StructuredOutputError>()("StructuredOutputError", {
  /** Readable message: what went wrong, each schema problem, and the raw text. */
  message: Schema.String,
  /** `empty` (no text), `invalid-json` (the text does not parse) or `schema-mismatch`. */
  reason: Schema.Literals(["empty", "invalid-json", "schema-mismatch"]),
  /** The answer text exactly as the model sent it. */
  raw: Schema.String,
  /** The problems found, `path: message`. */
  issues: Schema.Array(InputValidation.InputIssue),
  /** The finish reason of the answer (`length` means the JSON was cut off). */
  finishReason: Schema.optionalKey(Schema.String)
}) {}

/**
 * Options of `generateObject`.
 *
 * @since 0.1.0
 */
export interface GenerateObjectOptions {
  /**
   * How the model learns the expected shape: `true` (default) adds an instruction with the JSON Schema of the
   * schema to the system message, a string adds that text instead, `false` adds nothing.
   */
  readonly instructions?: boolean | string | undefined
  /** Per-call overrides. */
  readonly requestOptions?: RequestOptions.RequestOptions | undefined
}

/**
 * The decoded value with the completion it came from.
 *
 * @since 0.1.0
 */
export interface GenerateObjectResult<A> {
  /** The decoded value. */
  readonly value: A
  /** The answer text the value was decoded from. */
  readonly text: string
  /** The whole completion (usage, reasoning, ids). */
  readonly completion: ChatCompletions.ChatCompletion
}

const fence = /^```[A-Za-z0-9_-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```\s*$/

/**
 * The JSON text inside an answer: trims it and removes one surrounding Markdown code fence (```` ```json ... ``` ````
 * or ```` ``` ... ``` ````); when prose surrounds a fenced block, the block's content.
 *
 * @since 0.1.0
 */
export const extractJson = (text: string): string => {
  const trimmed = text.trim()
  const whole = fence.exec(trimmed)
  if (whole?.[1] !== undefined) return whole[1].trim()
  const inner = /```[A-Za-z0-9_-]*[ \t]*\r?\n([\s\S]*?)```/.exec(trimmed)
  if (inner?.[1] !== undefined && !trimmed.startsWith("{") && !trimmed.startsWith("[")) return inner[1].trim()
  return trimmed
}

const maxRawShown = 2000

type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string }

const tryParse = (text: string): Parsed => {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}

// Parses JSON text; when that fails and prose surrounds an object (or array), parses the span from its first `{`
// to its last `}` (or `[` to `]`). Otherwise the first parse error is the result.
const parseLenient = (text: string): Parsed => {
  const direct = tryParse(text)
  if (direct.ok) return direct
  for (const [open, close] of [["{", "}"], ["[", "]"]] as const) {
    const start = text.indexOf(open)
    const end = text.lastIndexOf(close)
    if (start >= 0 && end > start && (start > 0 || end < text.length - 1)) {
      const inner = tryParse(text.slice(start, end + 1))
      if (inner.ok) return inner
    }
  }
  return direct
}

const failure = (
  reason: StructuredOutputError["reason"],
  raw: string,
  issues: ReadonlyArray<InputValidation.InputIssue>,
  finishReason: string | undefined
): StructuredOutputError => {
  const head =
    reason === "empty"
      ? "Structured output: the answer is empty"
      : reason === "invalid-json"
        ? InputValidation.formatIssues("structured output (not JSON)", issues)
        : InputValidation.formatIssues("structured output", issues)
  const cut = finishReason === "length" ? " (the answer was cut off: finish_reason length)" : ""
  const shown = raw.length > maxRawShown ? `${raw.slice(0, maxRawShown)}…` : raw
  return new StructuredOutputError({
    message: `${head}${cut}\nraw answer: ${shown}`,
    reason,
    raw,
    issues,
    ...(finishReason === undefined ? {} : { finishReason })
  })
}

/**
 * Parses an answer text and decodes it through the JSON codec of `schema` (`Schema.toCodecJson`).
 *
 * @since 0.1.0
 */
export const decodeText = <S extends Schema.Top>(
  schema: S,
  text: string,
  finishReason?: string
): Effect.Effect<S["Type"], StructuredOutputError, S["DecodingServices"]> => {
  const json = extractJson(text)
  if (json === "") return Effect.fail(failure("empty", text, [], finishReason))
  const parsed = parseLenient(json)
  if (!parsed.ok) return Effect.fail(failure("invalid-json", text, [{ path: "", message: parsed.error }], finishReason))
  return decodeJson(schema, parsed.value).pipe(
    Effect.mapError((issues) => failure("schema-mismatch", text, issues, finishReason))
  )
}

/**
 * The default instruction: answer with one JSON object matching the JSON Schema of `schema`.
 *
 * @since 0.1.0
 */
export const instructionFor = (schema: Schema.Top): string =>
  `Answer with a single JSON object, and nothing else, that matches this JSON Schema:\n${JSON.stringify(jsonSchemaOf(schema))}`

const withInstruction = (
  messages: ReadonlyArray<ChatCompletions.Message>,
  instruction: string
): ReadonlyArray<ChatCompletions.Message> => {
  const first = messages[0]
  if (first !== undefined && first.role === "system") {
    return [{ role: "system", content: `${first.content}\n\n${instruction}` }, ...messages.slice(1)]
  }
  return [{ role: "system", content: instruction }, ...messages]
}

/**
 * Sends the request with `response_format: { type: "json_object" }` (non-streaming) and decodes the answer text
 * through `schema`.
 *
 * @since 0.1.0
 */
export const generateObject = <S extends Schema.Top>(
  request: ChatCompletions.ChatCompletionRequest,
  schema: S,
  options?: GenerateObjectOptions
): Effect.Effect<GenerateObjectResult<S["Type"]>, ChatError | StructuredOutputError, Chat | S["DecodingServices"]> =>
  Effect.gen(function*() {
    const chat = yield* Chat
    const instructions = options?.instructions ?? true
    const instruction = instructions === true ? instructionFor(schema) : instructions === false ? undefined : instructions
    const messages = instruction === undefined ? request.messages : withInstruction(request.messages, instruction)
    const completion = yield* chat.create(
      { ...request, messages, response_format: { type: "json_object" } },
      options?.requestOptions
    )
    const text = Completion.text(completion)
    const value = yield* decodeText(schema, text, Completion.finishReason(completion))
    return { value, text, completion }
  }).pipe(Effect.withSpan("StructuredOutput.generateObject"))
