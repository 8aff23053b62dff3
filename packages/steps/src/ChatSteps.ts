/**
 * `chat.complete`, `chat.summarize` and `chat.extract`: chat completions of `@zai-kit/chat`.
 *
 * - `chat.complete` answers a prompt (with an optional system message).
 * - `chat.summarize` is a map-reduce over long input: the text (or the `documents`, each kept whole when it fits)
 *   is cut into chunks of `chunkTokens` tokens, the chunks are summarized concurrently into notes that keep the
 *   `[n]` source markers, the notes are reduced (again in chunks, while they do not fit), and a last call writes the
 *   summary following `instructions`. Chunk sizes come from a token estimate calibrated by the API's tokenizer on a
 *   sample of the input. Given `documents` with URLs, the output keeps them as numbered sources.
 * - `chat.extract` asks for a JSON object matching the JSON Schema given in `with: { schema }` and decodes the answer
 *   through that schema (imported with Effect's `SchemaRepresentation.fromJsonSchemaDocument`); the output has the
 *   value and a Markdown rendering of it.
 *
 * Every call reports its token usage; the summary reports its progress chunk by chunk.
 *
 * @since 0.1.0
 */
import { Chat, Completion, StructuredOutput } from "@zai-kit/chat"
import type { ChatCompletions } from "@zai-kit/schema"
import { type PipelineError, Step, StepContext } from "@zai-kit/workflow"
import { Effect, JsonSchema, Schema, SchemaRepresentation } from "effect"
import { chunk, estimateTokens } from "./internal/chunk.js"
import type * as Env from "./internal/env.js"
import { defaultChatModel } from "./internal/env.js"
import { apiRetry } from "./internal/policies.js"
import * as Usage from "./internal/usage.js"
import { JsonSchemaError } from "./StepErrors.js"

const Model = Schema.String.check(Schema.isMinLength(1))
const PositiveInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))

/** Input of `chat.complete`. */
export const CompleteInput = Schema.Struct({
  /** The user message. */
  prompt: Schema.String.check(Schema.isMinLength(1)),
  /** An optional system message. */
  system: Schema.optional(Schema.String),
  /** The model (default: the registry's chat model, `glm-4.6`). */
  model: Schema.optional(Model),
  /** Sampling temperature. */
  temperature: Schema.optional(Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 2 }))),
  /** Longest answer, in tokens. */
  maxTokens: Schema.optional(PositiveInt)
})

/** Output of `chat.complete`. */
export const CompleteOutput = Schema.Struct({
  text: Schema.String,
  model: Schema.String,
  finishReason: Schema.optional(Schema.String)
})

/** A document to summarize; `title` and `url` make it a numbered source. */
export const Document = Schema.Struct({
  title: Schema.optional(Schema.String),
  url: Schema.optional(Schema.String),
  content: Schema.String
})

/** Input of `chat.summarize`: `text`, `documents`, or both (at least one non-empty). */
export const SummarizeInput = Schema.Struct({
  /** Plain text to summarize. */
  text: Schema.optional(Schema.String),
  /** Documents to summarize (e.g. the output of a `forEach` of `web.read`); each with a URL becomes a source. */
  documents: Schema.optional(Schema.Array(Document)),
  /** What the summary should be (default: a concise summary of the key points). */
  instructions: Schema.optional(Schema.String),
  /** The language to write in (default: the language of the input). */
  language: Schema.optional(Schema.String),
  /** The model (default: the registry's chat model). */
  model: Schema.optional(Model),
  /** Largest chunk, in tokens (default 6000, at least 100). */
  chunkTokens: Schema.optional(Schema.Int.check(Schema.isGreaterThanOrEqualTo(100))),
  /** Chunks summarized at once (default 4, 1–16). */
  concurrency: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 16 }))),
  /** Longest summary, in tokens. */
  maxTokens: Schema.optional(PositiveInt),
  /** Calibrate the token estimate with the API's tokenizer on a sample when the input needs chunking (default true). */
  tokenizer: Schema.optional(Schema.Boolean)
}).check(
  Schema.makeFilter((input: { readonly text?: string | undefined; readonly documents?: ReadonlyArray<unknown> | undefined }) =>
    (input.text ?? "").trim() === "" && (input.documents ?? []).length === 0
      ? { path: ["text"], issue: "text or documents is required (both are empty)" }
      : undefined
  )
)

/** A numbered source of a summary. */
export const Source = Schema.Struct({ index: Schema.Number, title: Schema.String, url: Schema.String })

/** Output of `chat.summarize`. */
export const SummarizeOutput = Schema.Struct({
  /** The summary (Markdown when the instructions ask for it). */
  summary: Schema.String,
  /** The documents that had a URL, numbered as cited in the summary (`[1]`, `[2]`, ...). */
  sources: Schema.Array(Source),
  /** The sources as a Markdown list (`1. [Title](url)`). */
  sourcesMarkdown: Schema.String,
  /** Chunks the input was cut into (1: a single call). */
  chunks: Schema.Number,
  /** Estimated tokens of the input. */
  inputTokens: Schema.Number
})

/** Input of `chat.extract`. */
export const ExtractInput = Schema.Struct({
  /** The text to extract from. */
  text: Schema.String.check(Schema.isMinLength(1)),
  /** A JSON Schema (draft 2020-12 subset) of the object to extract. */
  schema: Schema.Record(Schema.String, Schema.Unknown),
  /** Extra instructions (what to look for). */
  instructions: Schema.optional(Schema.String),
  /** The model (default: the registry's chat model). */
  model: Schema.optional(Model)
})

/** Output of `chat.extract`: the value (matching the schema) and a Markdown rendering of it. */
export const ExtractOutput = Schema.Struct({ value: Schema.Json, markdown: Schema.String })

const summarySystem =
  "You summarize source material faithfully and concisely. When the material marks sources as [n], cite them with the same [n] markers. Do not invent facts."

const languageNote = (language: string | undefined) =>
  language === undefined || language.trim() === "" ? "" : ` Write in ${language}.`

const renderDocument = (doc: typeof Document.Type, index: number | undefined): string => {
  const head = index === undefined ? doc.title : `[${index}] ${doc.title ?? doc.url ?? ""}${doc.url === undefined ? "" : ` — ${doc.url}`}`
  return head === undefined || head === "" ? doc.content : `${head}\n${doc.content}`
}

const titleCase = (key: string): string => {
  const spaced = key.replace(/[_-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").trim()
  return spaced.charAt(0).toUpperCase() + spaced.slice(1)
}

const inline = (value: unknown): string =>
  typeof value === "string"
    ? value
    : Array.isArray(value)
      ? value.map(inline).join(", ")
      : typeof value === "object" && value !== null
        ? Object.entries(value)
            .map(([k, v]) => `${titleCase(k)}: ${inline(v)}`)
            .join("; ")
        : String(value)

/** Markdown of an extracted value: a `##` section per field, lists as bullets. */
export const toMarkdown = (value: unknown): string => {
  const body = (v: unknown): string =>
    Array.isArray(v)
      ? v.length === 0
        ? "_none_"
        : v.map((item) => `- ${inline(item)}`).join("\n")
      : typeof v === "object" && v !== null
        ? Object.entries(v)
            .map(([k, x]) => `- **${titleCase(k)}**: ${inline(x)}`)
            .join("\n")
        : String(v)
  if (typeof value !== "object" || value === null || Array.isArray(value)) return body(value)
  return Object.entries(value)
    .map(([key, v]) => `## ${titleCase(key)}\n\n${body(v)}`)
    .join("\n\n")
}

/** The `chat.*` steps, typed. */
export interface Steps {
  readonly "chat.complete": Step.Step<typeof CompleteInput.Type, typeof CompleteOutput.Type, Chat.ChatError | PipelineError.StepTimeoutError>
  readonly "chat.summarize": Step.Step<typeof SummarizeInput.Type, typeof SummarizeOutput.Type, Chat.ChatError | PipelineError.StepTimeoutError>
  readonly "chat.extract": Step.Step<
    typeof ExtractInput.Type,
    typeof ExtractOutput.Type,
    Chat.ChatError | StructuredOutput.StructuredOutputError | JsonSchemaError | PipelineError.StepTimeoutError
  >
}

/** The `chat.*` steps. */
export const make = (options: Pick<Env.Options, "chatModel"> = {}): Effect.Effect<Steps, never, Chat.Chat> =>
  Effect.gen(function* () {
    const chat = yield* Chat.Chat
    const defaultModel = options.chatModel ?? defaultChatModel

    const ask = (request: ChatCompletions.ChatCompletionRequest) =>
      Effect.tap(chat.create(request), (completion) => Usage.report(completion.usage))

    const complete = (model: string, system: string, user: string, maxTokens: number | undefined) =>
      Effect.map(
        ask({
          model,
          messages: [
            { role: "system", content: system },
            { role: "user", content: user }
          ],
          ...(maxTokens === undefined ? {} : { max_tokens: maxTokens })
        }),
        (completion) => Completion.text(completion).trim()
      )

    // the estimate, scaled by the tokenizer's count of a sample
    const calibrate = (model: string, material: string, enabled: boolean) =>
      Effect.gen(function* () {
        if (!enabled) return 1
        const sample = material.slice(0, 8000)
        const counted = yield* Effect.result(chat.tokenize({ model, messages: [{ role: "user", content: sample }] }))
        if (counted._tag === "Failure") {
          yield* StepContext.progress(`tokenizer unavailable (${counted.failure.message}); chunking by the estimate`)
          return 1
        }
        const real = counted.success.usage?.prompt_tokens ?? 0
        const estimate = estimateTokens(sample)
        return real > 0 && estimate > 0 ? Math.min(4, Math.max(0.25, real / estimate)) : 1
      })

    const summarize = (input: typeof SummarizeInput.Type) =>
      Effect.gen(function* () {
        const model = input.model ?? defaultModel
        const limit = input.chunkTokens ?? 6000
        const concurrency = input.concurrency ?? 4
        const documents = input.documents ?? []
        const sources: Array<typeof Source.Type> = []
        const blocks: Array<string> = []
        if (input.text !== undefined && input.text.trim() !== "") blocks.push(input.text)
        for (const doc of documents) {
          if (doc.url !== undefined && doc.url !== "") {
            const index = sources.length + 1
            sources.push({ index, title: doc.title ?? doc.url, url: doc.url })
            blocks.push(renderDocument(doc, index))
          } else {
            blocks.push(renderDocument(doc, undefined))
          }
        }
        const material = blocks.join("\n\n")
        const inputTokens = estimateTokens(material)
        const instructions = `${input.instructions ?? "Summarize the key points of the material."}${languageNote(input.language)}`
        // the instructions go in the system message, the material alone in the user message
        const final = (text: string) => complete(model, `${summarySystem}\n\n${instructions}`, text, input.maxTokens)

        let chunks = 1
        let summary: string
        if (inputTokens <= limit) {
          yield* StepContext.progress({ message: "summarizing in one call", fraction: 0 })
          summary = yield* final(material)
        } else {
          const ratio = yield* calibrate(model, material, input.tokenizer ?? true)
          const tokens = (text: string) => Math.ceil(estimateTokens(text) * ratio)
          let parts = chunk(blocks, limit, tokens)
          chunks = parts.length
          let round = 1
          while (parts.length > 1) {
            const total = parts.length
            let done = 0
            const notes = yield* Effect.forEach(
              parts,
              (part, i) =>
                complete(
                  model,
                  `${summarySystem}\n\nWrite concise notes of the key facts in this part (${i + 1} of ${total}) of a longer material, keeping the [n] source markers.${languageNote(input.language)}`,
                  part,
                  undefined
                ).pipe(
                  Effect.tap(() =>
                    Effect.suspend(() => {
                      done++
                      return StepContext.progress({
                        message: `round ${round}: ${done}/${total} chunks summarized`,
                        fraction: round === 1 ? done / (total + 1) : undefined
                      })
                    })
                  )
                ),
              { concurrency }
            )
            parts = chunk(notes, limit, tokens)
            round++
            if (round > 6) break
          }
          yield* StepContext.progress("writing the summary from the notes")
          summary = yield* final(parts.join("\n\n"))
        }
        yield* StepContext.progress({ message: `summary of ${summary.length} characters`, fraction: 1 })
        return {
          summary,
          sources,
          sourcesMarkdown: sources.map((s) => `${s.index}. [${s.title.replace(/[[\]]/g, "")}](${s.url})`).join("\n"),
          chunks,
          inputTokens
        }
      })

    const extract = (input: typeof ExtractInput.Type) =>
      Effect.gen(function* () {
        const schema = yield* Effect.try({
          try: () =>
            SchemaRepresentation.fromJsonSchemaDocument(JsonSchema.fromSchemaDraft2020_12(input.schema)) as Schema.Codec<
              unknown,
              unknown
            >,
          catch: (error) =>
            new JsonSchemaError({
              step: "chat.extract",
              field: "schema",
              reason: error instanceof Error ? error.message : String(error)
            })
        })
        const result = yield* StructuredOutput.generateObject(
          {
            model: input.model ?? defaultModel,
            messages: [
              {
                role: "system",
                content: `You extract structured data from text. ${input.instructions ?? ""}`.trim()
              },
              { role: "user", content: input.text }
            ]
          },
          schema,
          {
            instructions: `Answer with a single JSON object, and nothing else, that matches this JSON Schema:\n${JSON.stringify(input.schema)}`
          }
        ).pipe(Effect.provideService(Chat.Chat, chat))
        yield* Usage.report(result.completion.usage)
        const value = result.value as Schema.Json
        return { value, markdown: toMarkdown(value) }
      })

    return {
      "chat.complete": Step.make({
        name: "chat.complete",
        description: "Answer a prompt with a chat model",
        input: CompleteInput,
        output: CompleteOutput,
        run: (input) =>
          Effect.gen(function* () {
            const model = input.model ?? defaultModel
            const completion = yield* ask({
              model,
              messages: [
                ...(input.system === undefined ? [] : [{ role: "system" as const, content: input.system }]),
                { role: "user", content: input.prompt }
              ],
              ...(input.temperature === undefined ? {} : { temperature: input.temperature }),
              ...(input.maxTokens === undefined ? {} : { max_tokens: input.maxTokens })
            })
            const finish = Completion.finishReason(completion)
            return {
              text: Completion.text(completion),
              model: completion.model ?? model,
              ...(finish === undefined ? {} : { finishReason: finish })
            }
          }),
        retry: apiRetry,
        timeout: "5 minutes"
      }),
      "chat.summarize": Step.make({
        name: "chat.summarize",
        description: "Summarize long text or documents (map-reduce over chunks), keeping the sources",
        input: SummarizeInput,
        output: SummarizeOutput,
        run: summarize,
        retry: apiRetry,
        timeout: "20 minutes"
      }),
      "chat.extract": Step.make({
        name: "chat.extract",
        description: "Extract a JSON object matching a JSON Schema from text",
        input: ExtractInput,
        output: ExtractOutput,
        run: extract,
        retry: apiRetry,
        timeout: "5 minutes"
      })
    }
  })
