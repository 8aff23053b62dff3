/**
 * The registry of every ready-made step kind, for spec files (`Spec.parse(text, { file, registry })`).
 *
 * ```ts
 * const registry = yield* Registry.make({ outputDir: "./out" })
 * const pipeline = yield* Pipelines.load("research-slides", registry)
 * const output = yield* Pipeline.execute(pipeline, { topic: "offshore wind" })
 * ```
 *
 * `make` reads the domain services (and `FileSystem` / `Path`) once and returns steps with everything provided, so
 * a compiled spec pipeline needs nothing more (`R = never`). Provide the services with `Registry.layerServices`
 * (all domain services on a `ZaiClient`) and `NodeServices.layer` from `@effect/platform-node`.
 *
 * @since 0.1.0
 */
import { Agents } from "@zai-kit/agents"
import { Audio } from "@zai-kit/audio"
import { Chat } from "@zai-kit/chat"
import { Documents } from "@zai-kit/documents"
import { Embeddings } from "@zai-kit/embeddings"
import { Files } from "@zai-kit/files"
import { Images } from "@zai-kit/images"
import type { ZaiClient } from "@zai-kit/transport"
import { Videos } from "@zai-kit/videos"
import { Web } from "@zai-kit/web"
import type { Spec } from "@zai-kit/workflow"
import { Effect, type FileSystem, Layer, type Path } from "effect"
import * as AgentsSteps from "./AgentsSteps.js"
import * as AudioSteps from "./AudioSteps.js"
import * as ChatSteps from "./ChatSteps.js"
import * as DocumentsSteps from "./DocumentsSteps.js"
import * as EmbeddingsSteps from "./EmbeddingsSteps.js"
import * as FilesSteps from "./FilesSteps.js"
import * as ImagesSteps from "./ImagesSteps.js"
import type * as Env from "./internal/env.js"
import * as IoSteps from "./IoSteps.js"
import * as VideosSteps from "./VideosSteps.js"
import * as WebSteps from "./WebSteps.js"

/** Options of `make`. */
export interface Options extends Env.Options {
  /** Where `io.*` paths and downloaded files go (default: the current directory). */
  readonly outputDir?: string | undefined
  /** The chat model of the `chat.*` steps when a step does not name one (default `glm-4.6`). */
  readonly chatModel?: string | undefined
}

/** Every step kind `make` registers. */
export const kinds = [
  "web.search",
  "web.read",
  "chat.complete",
  "chat.summarize",
  "chat.extract",
  "agents.translate",
  "agents.slides",
  "images.generate",
  "videos.generate",
  "audio.transcribe",
  "audio.speak",
  "documents.ocr",
  "documents.parse",
  "embeddings.embed",
  "files.upload",
  "io.read",
  "io.write"
] as const

/** A step kind. */
export type Kind = (typeof kinds)[number]

/** The domain services the steps use. */
export type DomainServices =
  | Web.Web
  | Chat.Chat
  | Agents.Agents
  | Images.Images
  | Videos.Videos
  | Audio.Audio
  | Documents.Documents
  | Embeddings.Embeddings
  | Files.Files

/** Everything `make` reads: the domain services, `FileSystem` and `Path`. */
export type Services = DomainServices | FileSystem.FileSystem | Path.Path

/** Every step kind, with the services already provided. */
export const make = (options: Options = {}): Effect.Effect<Spec.StepRegistry, never, Services> =>
  Effect.gen(function* () {
    const web = yield* WebSteps.make
    const chat = yield* ChatSteps.make(options)
    const agents = yield* AgentsSteps.make(options)
    const images = yield* ImagesSteps.make(options)
    const videos = yield* VideosSteps.make(options)
    const audio = yield* AudioSteps.make(options)
    const documents = yield* DocumentsSteps.make(options)
    const embeddings = yield* EmbeddingsSteps.make
    const files = yield* FilesSteps.make(options)
    const io = yield* IoSteps.make(options)
    const registry: Record<Kind, Spec.StepRegistry[string]> = {
      ...web,
      ...chat,
      ...agents,
      ...images,
      ...videos,
      ...audio,
      ...documents,
      ...embeddings,
      ...files,
      ...io
    }
    return registry
  })

/** Every domain service the steps use, on the `ZaiClient` of the context. */
export const layerServices: Layer.Layer<DomainServices, never, ZaiClient.ZaiClient> = Layer.mergeAll(
  Web.Web.layer,
  Chat.Chat.layer,
  Agents.Agents.layer,
  Images.Images.layer,
  Videos.Videos.layer,
  Audio.Audio.layer,
  Documents.Documents.layer,
  Embeddings.Embeddings.layer,
  Files.Files.layer
)
