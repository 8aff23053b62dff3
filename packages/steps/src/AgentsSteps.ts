/**
 * `agents.translate` and `agents.slides`: the translation and slide agents of `@zai-kit/agents`.
 *
 * - `agents.translate` translates text; long text is cut at paragraph boundaries into parts of at most
 *   `chunkChars` characters, translated in order and joined again.
 * - `agents.slides` asks the GLM slide agent for a deck, waits until its files are listed (polling the
 *   conversation), downloads them into `dir` below the output directory (the PDF and one PNG per page), and, when
 *   the agent gives page images, writes an HTML preview (`slides.html`) showing them in order.
 *
 * @since 0.1.0
 */
import { Agents, type Downloads } from "@zai-kit/agents"
import type { ZaiError } from "@zai-kit/transport"
import { type PipelineError, Step, StepContext } from "@zai-kit/workflow"
import { Effect, FileSystem, Path, Schema } from "effect"
import { chunk } from "./internal/chunk.js"
import * as Env from "./internal/env.js"
import { apiRetry, longRetry } from "./internal/policies.js"
import * as Usage from "./internal/usage.js"
import { EmptyResultError, LocalFileError, type PathOutsideOutputDirError } from "./StepErrors.js"

/** Input of `agents.translate`. */
export const TranslateInput = Schema.Struct({
  /** The text to translate. */
  text: Schema.String.check(Schema.isMinLength(1)),
  /** Target language code (`en`, `zh-CN`, `fr`, ...). */
  to: Schema.String.check(Schema.isMinLength(1)),
  /** Source language code (default `auto`). */
  from: Schema.optional(Schema.String.check(Schema.isMinLength(1))),
  /** `general` (default), `paraphrase`, `two_step`, `three_step`, `reflection` or `cot`. */
  strategy: Schema.optional(Schema.Literals(["general", "paraphrase", "two_step", "three_step", "reflection", "cot"])),
  /** Terms to keep or translate a given way. */
  glossary: Schema.optional(Schema.String),
  /** Largest part sent in one call, in characters (default 3000, at least 200). */
  chunkChars: Schema.optional(Schema.Int.check(Schema.isGreaterThanOrEqualTo(200)))
})

/** Output of `agents.translate`. */
export const TranslateOutput = Schema.Struct({
  text: Schema.String,
  from: Schema.String,
  to: Schema.String,
  /** Parts the text was sent in. */
  parts: Schema.Number
})

/** Input of `agents.slides`. */
export const SlidesInput = Schema.Struct({
  /** What the deck is about (an outline works well). */
  prompt: Schema.String.check(Schema.isMinLength(1)),
  /** Folder for the files, relative to the output directory (default: the output directory itself). */
  dir: Schema.optional(Schema.String.check(Schema.isMinLength(1))),
  /** Ask for the PDF (default true); without it only page images are waited for. */
  pdf: Schema.optional(Schema.Boolean),
  /** Write `slides.html` showing the page images (default true, when there are images). */
  preview: Schema.optional(Schema.Boolean)
})

/** Output of `agents.slides`. */
export const SlidesOutput = Schema.Struct({
  conversationId: Schema.String,
  /** The agent's closing text. */
  text: Schema.String,
  /** The page titles, in order. */
  pages: Schema.Array(Schema.String),
  /** Every file written (absolute paths): the PDF, the page images, the preview. */
  files: Schema.Array(Schema.String),
  /** The PDF, when the agent gave one. */
  pdf: Schema.optional(Schema.String),
  /** The page images, in order. */
  images: Schema.Array(Schema.String),
  /** The HTML preview, when written. */
  preview: Schema.optional(Schema.String)
})

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

/** The HTML preview of a deck: each page image in order, and a link to the PDF. */
export const previewHtml = (title: string, images: ReadonlyArray<string>, pdf: string | undefined): string =>
  [
    "<!doctype html>",
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    "<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;background:#f4f4f4}" +
      "figure{margin:0 0 2rem;background:#fff;padding:1rem;box-shadow:0 1px 4px #0002}img{width:100%;height:auto;image-rendering:auto}" +
      "figcaption{color:#555;margin-top:.5rem}</style>",
    "</head>",
    "<body>",
    `<h1>${escapeHtml(title)}</h1>`,
    ...(pdf === undefined ? [] : [`<p><a href="${encodeURI(pdf)}">Download the PDF</a></p>`]),
    ...images.map(
      (src, i) => `<figure><img src="${encodeURI(src)}" alt="Slide ${i + 1}"><figcaption>Slide ${i + 1}</figcaption></figure>`
    ),
    "</body>",
    "</html>",
    ""
  ].join("\n")

/** The `agents.*` steps, typed. */
export interface Steps {
  readonly "agents.translate": Step.Step<typeof TranslateInput.Type, typeof TranslateOutput.Type, Agents.AgentsError | PipelineError.StepTimeoutError>
  readonly "agents.slides": Step.Step<
    typeof SlidesInput.Type,
    typeof SlidesOutput.Type,
    | Agents.AgentsError
    | ZaiError.ZaiError
    | Downloads.DownloadError
    | LocalFileError
    | PathOutsideOutputDirError
    | EmptyResultError
    | PipelineError.StepTimeoutError
  >
}

/** The `agents.*` steps. */
export const make = (
  options: Env.Options = {}
): Effect.Effect<Steps, never, Agents.Agents | FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const agents = yield* Agents.Agents
    const env = yield* Env.make(options)

    const translate = (input: typeof TranslateInput.Type) =>
      Effect.gen(function* () {
        const parts = chunk(input.text.split(/\n\s*\n/), input.chunkChars ?? 3000, (t) => t.length)
        const out: Array<string> = []
        let from = input.from ?? "auto"
        for (const [i, part] of parts.entries()) {
          const translated = yield* agents.translate({
            text: part,
            to: input.to,
            ...(input.from === undefined ? {} : { from: input.from }),
            ...(input.strategy === undefined ? {} : { strategy: input.strategy }),
            ...(input.glossary === undefined ? {} : { glossary: input.glossary })
          })
          yield* Usage.report(translated.completion.usage)
          from = translated.from
          out.push(translated.text)
          if (parts.length > 1) yield* StepContext.progress({ message: `part ${i + 1}/${parts.length}`, fraction: (i + 1) / parts.length })
        }
        return { text: out.join("\n\n"), from, to: input.to, parts: parts.length }
      })

    const slides = (input: typeof SlidesInput.Type) =>
      Effect.gen(function* () {
        const dir = yield* Env.inside(env, "agents.slides", "dir", input.dir ?? ".")
        const deck = yield* agents.slides({ prompt: input.prompt })
        yield* Usage.report(deck.completion.usage)
        const titles = deck.pages.map((p, i) => p.title ?? `Slide ${i + 1}`)
        yield* StepContext.progress({ message: `deck of ${titles.length} pages started; waiting for its files`, fraction: 0.2 })
        const ready = yield* deck.waitFor({
          includePdf: input.pdf ?? true,
          ...(env.poll.schedule === undefined ? {} : { schedule: env.poll.schedule }),
          ...(env.poll.timeout === undefined ? {} : { timeout: env.poll.timeout })
        })
        if (ready.files.length === 0) {
          return yield* new EmptyResultError({ step: "agents.slides", reason: `the agent listed no files for ${deck.conversationId}` })
        }
        yield* StepContext.progress({ message: `downloading ${ready.files.length} files`, fraction: 0.6 })
        const saved = yield* ready
          .downloadFiles(dir)
          .pipe(
            Effect.provideService(FileSystem.FileSystem, env.fs),
            Effect.provideService(Path.Path, env.path),
            Effect.mapError((error) =>
              error._tag === "PlatformError"
                ? new LocalFileError({ step: "agents.slides", operation: "download into", path: dir, reason: error.message })
                : error
            )
          )
        // friendly names: slides.pdf and slide-01.png, slide-02.png, ... (other files keep their own)
        const width = Math.max(2, String(ready.imageUrls.length).length)
        const nameFor = (url: string, path: string): string | undefined => {
          if (url === ready.pdfUrl) return "slides.pdf"
          const page = ready.imageUrls.indexOf(url)
          const ext = env.path.extname(path) || ".png"
          return page < 0 ? undefined : `slide-${String(page + 1).padStart(width, "0")}${ext}`
        }
        const pathOf = new Map<string, string>()
        for (const file of saved) {
          const name = nameFor(file.url, file.path)
          const target = name === undefined ? file.path : env.path.join(dir, name)
          if (target !== file.path) {
            yield* env.fs.rename(file.path, target).pipe(Effect.mapError(Env.localError("agents.slides", "rename", file.path)))
          }
          pathOf.set(file.url, target)
        }
        const pdf = ready.pdfUrl === undefined ? undefined : pathOf.get(ready.pdfUrl)
        const images = ready.imageUrls.flatMap((url) => {
          const p = pathOf.get(url)
          return p === undefined ? [] : [p]
        })
        let preview: string | undefined
        if ((input.preview ?? true) && images.length > 0) {
          preview = env.path.join(dir, "slides.html")
          const rel = (p: string) => env.path.relative(dir, p).split(env.path.sep).join("/")
          const title = titles[0] ?? "Slides"
          yield* Env.writeText(env, "agents.slides", preview, previewHtml(title, images.map(rel), pdf === undefined ? undefined : rel(pdf)))
        }
        yield* StepContext.progress({ message: `saved ${saved.length} files in ${dir}`, fraction: 1 })
        return {
          conversationId: deck.conversationId,
          text: deck.text,
          pages: titles,
          files: [...pathOf.values(), ...(preview === undefined ? [] : [preview])],
          ...(pdf === undefined ? {} : { pdf }),
          images,
          ...(preview === undefined ? {} : { preview })
        }
      })

    return {
      "agents.translate": Step.make({
        name: "agents.translate",
        description: "Translate text with the translation agent",
        input: TranslateInput,
        output: TranslateOutput,
        run: translate,
        retry: apiRetry,
        timeout: "10 minutes"
      }),
      "agents.slides": Step.make({
        name: "agents.slides",
        description: "Make a slide deck with the GLM slide agent and download its files",
        input: SlidesInput,
        output: SlidesOutput,
        run: slides,
        retry: longRetry,
        timeout: "20 minutes"
      })
    }
  })
