/**
 * Pure readers of agent answers (`AgentCompletion`, stream events, `AgentAsyncResult`, `AgentConversation`): the
 * text, the files (`file_url`, `image_url`, `video_url`), the tool steps and the slide pages. Agents differ in where
 * they put content (`choices[].message`, `.messages` or `.delta`; one message or a list; content as a string, one
 * item or a list of items): every reader accepts all of these.
 *
 * @since 0.1.0
 */
import type { Agents as AgentSchemas } from "@zai-kit/schema"

/**
 * Anything with agent `choices`: an answer, a stream event, an async result or a conversation.
 *
 * @since 0.1.0
 */
export interface HasChoices {
  readonly choices?: ReadonlyArray<AgentSchemas.AgentChoice> | null | undefined
}

const isList = <A>(value: A | ReadonlyArray<A>): value is ReadonlyArray<A> => Array.isArray(value)

const asArray = <A>(value: A | ReadonlyArray<A> | null | undefined): ReadonlyArray<A> =>
  value === null || value === undefined ? [] : isList(value) ? value : [value]

/**
 * Every message of an answer, in order (`message`, `messages` and `delta` of each choice).
 *
 * @since 0.1.0
 */
export const messages = (answer: HasChoices): ReadonlyArray<AgentSchemas.AgentOutputMessage> =>
  (answer.choices ?? []).flatMap((choice) => [
    ...asArray(choice.message),
    ...asArray(choice.messages),
    ...asArray(choice.delta)
  ])

/**
 * The content items of a message; a string content becomes `{ type: "text", text }`.
 *
 * @since 0.1.0
 */
export const contents = (message: AgentSchemas.AgentOutputMessage): ReadonlyArray<AgentSchemas.AgentOutputContent> => {
  const content = message.content
  if (content === null || content === undefined) return []
  if (typeof content === "string") return [{ type: "text", text: content }]
  return asArray(content)
}

/**
 * The text of an answer: the `text` of every text item (and string contents) of its messages, joined, skipping the
 * `thinking` and `tool` phases of the slide agent. For a stream event, the increment of text it carries.
 *
 * @since 0.1.0
 */
export const text = (answer: HasChoices): string =>
  messages(answer)
    .filter((message) => message.phase !== "thinking" && message.phase !== "tool")
    .flatMap(contents)
    .flatMap((item) => (typeof item.text === "string" && (item.type === undefined || item.type === null || item.type === "text") ? [item.text] : []))
    .join("")

/**
 * The text of the slide agent's `thinking` phase.
 *
 * @since 0.1.0
 */
export const thinking = (answer: HasChoices): string =>
  messages(answer)
    .filter((message) => message.phase === "thinking")
    .flatMap(contents)
    .flatMap((item) => (typeof item.text === "string" ? [item.text] : []))
    .join("")

/**
 * The string of a URL field (`"https://..."` or `{ url }`).
 *
 * @since 0.1.0
 */
export const urlOf = (value: AgentSchemas.AgentUrl | null | undefined): string | undefined => {
  if (value === null || value === undefined) return undefined
  if (typeof value === "string") return value === "" ? undefined : value
  return typeof value.url === "string" && value.url !== "" ? value.url : undefined
}

/**
 * A file an answer links to.
 *
 * @since 0.1.0
 */
export interface AgentFile {
  /** `file_url`, `image_url` or `video_url`. */
  readonly type: "file_url" | "image_url" | "video_url"
  readonly url: string
  /** The English tag of the item (`PDF`, `Page 1`, ...), when given. */
  readonly tag: string | undefined
}

/**
 * Every file of an answer, in order: the `file_url`, `image_url` and `video_url` of its content items.
 *
 * @since 0.1.0
 */
export const files = (answer: HasChoices): ReadonlyArray<AgentFile> =>
  messages(answer)
    .flatMap(contents)
    .flatMap((item) => {
      const tag = typeof item.tag_en === "string" ? item.tag_en : undefined
      const out: Array<AgentFile> = []
      for (const type of ["file_url", "image_url", "video_url"] as const) {
        const url = urlOf(item[type])
        if (url !== undefined) out.push({ type, url, tag })
      }
      return out
    })

/**
 * The `file_url`s of an answer (the slide deck's PDF, for the slide agent).
 *
 * @since 0.1.0
 */
export const fileUrls = (answer: HasChoices): ReadonlyArray<string> =>
  files(answer).flatMap((f) => (f.type === "file_url" ? [f.url] : []))

/**
 * The `image_url`s of an answer (page images of a deck, the cover of a video).
 *
 * @since 0.1.0
 */
export const imageUrls = (answer: HasChoices): ReadonlyArray<string> =>
  files(answer).flatMap((f) => (f.type === "image_url" ? [f.url] : []))

/**
 * The `video_url`s of an answer (the special-effects video).
 *
 * @since 0.1.0
 */
export const videoUrls = (answer: HasChoices): ReadonlyArray<string> =>
  files(answer).flatMap((f) => (f.type === "video_url" ? [f.url] : []))

/**
 * The tool steps of an answer (`{ type: "object", object: { tool_name, input, output, position } }` items).
 *
 * @since 0.1.0
 */
export const toolSteps = (answer: HasChoices): ReadonlyArray<AgentSchemas.AgentToolObject> =>
  messages(answer)
    .flatMap(contents)
    .flatMap((item) => (item.object === null || item.object === undefined ? [] : [item.object]))

/**
 * One page a slide agent made or changed.
 *
 * @since 0.1.0
 */
export interface SlidePage {
  /** Position in the deck (1-based), when the step says. */
  readonly position: number | undefined
  /** The step's input (the page title for `insert_page`). */
  readonly title: string | undefined
  /** The page's HTML. */
  readonly html: string
}

/**
 * The pages of a slide answer: the HTML `output` of every `insert_page` / `update_page` tool step.
 *
 * @since 0.1.0
 */
export const slidePages = (answer: HasChoices): ReadonlyArray<SlidePage> =>
  toolSteps(answer).flatMap((step) => {
    if (typeof step.output !== "string" || !/page/i.test(step.tool_name ?? "")) return []
    const position = step.position?.[0]
    return [{ position, title: typeof step.input === "string" ? step.input : undefined, html: step.output }]
  })
