/**
 * What `zai chat` does (loaded on first use, so that `zai --help` stays fast).
 * @internal
 */
import { createInterface } from "node:readline"
import { Chat, Completion, StructuredOutput } from "@zai-kit/chat"
import type { ChatCompletions } from "@zai-kit/schema"
import { Effect, JsonSchema, Option, type Schema, SchemaRepresentation, Stream } from "effect"
import * as Backend from "../Backend.js"
import type { Args } from "../commands/Chat.js"
import { UsageError } from "../Errors.js"
import * as Input from "../internal/Input.js"
import * as Io from "../Io.js"
import * as Output from "../Output.js"
import * as Root from "../Root.js"
import * as Style from "../Style.js"

type Options = Pick<
  Args,
  "model" | "system" | "thinking" | "temperature" | "maxTokens" | "image" | "showReasoning"
>

const baseRequest = (options: Options, messages: ReadonlyArray<ChatCompletions.Message>): ChatCompletions.ChatCompletionRequest => ({
  model: options.model,
  messages,
  ...(options.thinking ? { thinking: { type: "enabled" as const } } : {}),
  ...(Option.isSome(options.temperature) ? { temperature: options.temperature.value } : {}),
  ...(Option.isSome(options.maxTokens) ? { max_tokens: options.maxTokens.value } : {})
})

const userMessage = (text: string, images: ReadonlyArray<string>): Effect.Effect<ChatCompletions.Message, UsageError, Io.Io> =>
  images.length === 0
    ? Effect.succeed({ role: "user", content: text })
    : Effect.map(Effect.forEach(images, (image) => Input.imageUrl(image, "--image")), (urls) => ({
        role: "user" as const,
        content: [
          ...urls.map((url) => ({ type: "image_url" as const, image_url: { url } })),
          { type: "text" as const, text }
        ]
      }))

const systemMessages = (options: Options): ReadonlyArray<ChatCompletions.Message> =>
  Option.isSome(options.system) ? [{ role: "system", content: options.system.value }] : []

/** With `--verbose`, the token usage of an answer on stderr. */
const reportUsage = (usage: ChatCompletions.Usage | null | undefined) =>
  Effect.gen(function*() {
    const settings = yield* Root.settings
    if (!settings.verbose || usage === undefined || usage === null) return
    const io = yield* Io.Io
    yield* Io.errLine(
      Style.forStderr(io).dim(`[verbose] usage: ${usage.prompt_tokens ?? "?"} prompt + ${usage.completion_tokens ?? "?"} completion tokens`)
    )
  })

/** One answer to `messages`: streamed on a terminal, printed whole otherwise; returns the assistant's text. */
const answer = (
  options: Options,
  messages: ReadonlyArray<ChatCompletions.Message>
): Effect.Effect<string, Chat.ChatError, Chat.Chat | Io.Io | Root.Context> =>
  Effect.gen(function*() {
    const io = yield* Io.Io
    const settings = yield* Root.settings
    const chat = yield* Chat.Chat
    const request = baseRequest(options, messages)
    const dim = Style.forStderr(io).dim
    if (settings.json) {
      const completion = yield* chat.create(request)
      yield* Output.json(completion)
      yield* reportUsage(completion.usage)
      return Completion.text(completion)
    }
    if (io.stdoutIsTTY) {
      let text = ""
      let reasoning = false
      let usage: ChatCompletions.Usage | null | undefined
      yield* chat.stream(request).pipe(
        Stream.runForEach((chunk) =>
          Effect.gen(function*() {
            const delta = chunk.choices?.[0]?.delta
            if (chunk.usage !== undefined && chunk.usage !== null) usage = chunk.usage
            if (delta?.reasoning_content && options.showReasoning) {
              reasoning = true
              yield* Io.err(dim(delta.reasoning_content))
            }
            if (delta?.content) {
              if (reasoning) {
                reasoning = false
                yield* Io.err("\n")
              }
              text += delta.content
              yield* Io.out(delta.content)
            }
          })
        )
      )
      yield* Io.out("\n")
      yield* reportUsage(usage)
      return text
    }
    const completion = yield* chat.create(request)
    const reasoningText = Completion.reasoning(completion)
    if (options.showReasoning && reasoningText !== undefined && reasoningText !== "") yield* Io.errLine(dim(reasoningText))
    const text = Completion.text(completion)
    yield* Io.outLine(text)
    yield* reportUsage(completion.usage)
    return text
  })

// A schema imported from JSON Schema needs no services to decode.
const schemaFromFile = (path: string): Effect.Effect<Schema.Decoder<unknown>, UsageError, Io.Io> =>
  Effect.gen(function*() {
    const text = yield* Input.readText(path, "--json-schema")
    const parsed = yield* Effect.try({
      try: () => JSON.parse(text) as unknown,
      catch: (error) => new UsageError({ message: `--json-schema: "${path}" is not JSON (${error instanceof Error ? error.message : String(error)})` })
    })
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      return yield* new UsageError({ message: `--json-schema: "${path}" must hold a JSON Schema object` })
    }
    return yield* Effect.try({
      try: (): Schema.Decoder<unknown> =>
        SchemaRepresentation.fromJsonSchemaDocument(JsonSchema.fromSchemaDraft2020_12(parsed as JsonSchema.JsonSchema)) as Schema.Decoder<unknown>,
      catch: (error) => new UsageError({ message: `--json-schema: "${path}": ${error instanceof Error ? error.message : String(error)}` })
    })
  })

const interactive = (options: Options): Effect.Effect<void, Chat.ChatError | UsageError, Chat.Chat | Io.Io | Root.Context> =>
  Effect.gen(function*() {
    const io = yield* Io.Io
    const style = Style.forStderr(io)
    const history: Array<ChatCompletions.Message> = [...systemMessages(options)]
    const lines = createInterface({ input: io.stdin, terminal: false, crlfDelay: Infinity })
    const iterator = lines[Symbol.asyncIterator]()
    yield* Effect.addFinalizer(() => Effect.sync(() => lines.close()))
    if (io.stdinIsTTY) yield* Io.errLine(style.dim(`chat with ${options.model}; /exit or Ctrl-D to leave, /reset to forget`))
    while (true) {
      if (io.stdinIsTTY) yield* Io.err(style.bold("> "))
      const next = yield* Effect.promise(() => iterator.next())
      if (next.done === true) break
      const line = String(next.value).trim()
      if (line === "") continue
      if (line === "/exit" || line === "/quit") break
      if (line === "/reset") {
        history.splice(systemMessages(options).length)
        continue
      }
      history.push(yield* userMessage(line, history.length === systemMessages(options).length ? options.image : []))
      const text = yield* answer(options, history)
      history.push({ role: "assistant", content: text })
    }
  }).pipe(Effect.scoped)

/** Runs the command. */
export const run = Effect.fnUntraced(function*(args: Args) {
    const options: Options = args
    if (args.interactive) {
      if (Option.isSome(args.jsonSchema)) return yield* new UsageError({ message: "--json-schema cannot be used with --interactive" })
      return yield* Backend.provide(interactive(options))
    }
    const prompt = yield* Input.textOrStdin(args.prompt, "PROMPT")
    const messages = [...systemMessages(options), yield* userMessage(prompt, args.image)]
    if (Option.isSome(args.jsonSchema)) {
      const schema = yield* schemaFromFile(args.jsonSchema.value)
      const settings = yield* Root.settings
      return yield* Backend.provide(
        Effect.gen(function*() {
          const result = yield* StructuredOutput.generateObject(baseRequest(options, messages), schema)
          yield* Output.json(settings.json ? { value: result.value, completion: result.completion } : result.value)
        })
      )
    }
    yield* Backend.provide(answer(options, messages))
  })
