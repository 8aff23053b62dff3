/**
 * Asynchronous tasks: the answer of the `POST /async/...` endpoints (`AsyncTask`) and of `GET /async-result/{id}`
 * (`AsyncChatResult` for chat, the generic `AsyncResult` for every kind, images and videos included).
 * Lenient output schemas: unknown fields are kept, `null` is accepted.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { ChatCompletionChoice, PayloadError, Usage, WebSearchResult } from "./ChatResponses.js"
import { lenient, maybe } from "./internal/lenient.js"
import { openLiterals } from "./Models.js"

/**
 * `PROCESSING`, `SUCCESS` or `FAIL` (any other string is accepted and should be treated as still running).
 *
 * @since 0.1.0
 */
export const TaskStatus = openLiterals(["PROCESSING", "SUCCESS", "FAIL"], {
  identifier: "TaskStatus",
  description: "The status of an asynchronous task"
})

/**
 * A task status.
 *
 * @since 0.1.0
 */
export type TaskStatus = typeof TaskStatus.Type

/**
 * Whether a status is final (`SUCCESS` or `FAIL`).
 *
 * @since 0.1.0
 */
export const isTerminal = (status: TaskStatus | null | undefined): boolean => status === "SUCCESS" || status === "FAIL"

/**
 * The answer of an async submission: `{ id, request_id, model, task_status }`. `id` is required: it is what you poll.
 *
 * @since 0.1.0
 */
export const AsyncTask = lenient({
  id: Schema.String,
  request_id: maybe(Schema.String),
  model: maybe(Schema.String),
  task_status: maybe(TaskStatus)
}).annotate({ identifier: "AsyncTask" })

/**
 * An async task.
 *
 * @since 0.1.0
 */
export type AsyncTask = typeof AsyncTask.Type

/**
 * The result of an async chat completion: `{ id, request_id, model, task_status, choices, usage }`.
 *
 * @since 0.1.0
 */
export const AsyncChatResult = lenient({
  id: maybe(Schema.String),
  request_id: maybe(Schema.String),
  model: maybe(Schema.String),
  created: maybe(Schema.Number),
  task_status: maybe(TaskStatus),
  choices: maybe(Schema.Array(ChatCompletionChoice)),
  usage: maybe(Usage),
  web_search: maybe(Schema.Array(WebSearchResult)),
  error: maybe(Schema.Union([PayloadError, Schema.String]))
}).annotate({ identifier: "AsyncChatResult" })

/**
 * An async chat result.
 *
 * @since 0.1.0
 */
export type AsyncChatResult = typeof AsyncChatResult.Type

/**
 * One generated image of an async image task: `{ url }`.
 *
 * @since 0.1.0
 */
export const ImageResult = lenient({
  url: maybe(Schema.String)
}).annotate({ identifier: "ImageResult" })

/**
 * An image result.
 *
 * @since 0.1.0
 */
export type ImageResult = typeof ImageResult.Type

/**
 * One generated video of an async video task: `{ url, cover_image_url }`.
 *
 * @since 0.1.0
 */
export const VideoResult = lenient({
  url: maybe(Schema.String),
  cover_image_url: maybe(Schema.String)
}).annotate({ identifier: "VideoResult" })

/**
 * A video result.
 *
 * @since 0.1.0
 */
export type VideoResult = typeof VideoResult.Type

/**
 * Any answer of `GET /async-result/{id}`: task fields plus, depending on the task, `choices`/`usage` (chat),
 * `image_result` (images) or `video_result` (videos). Every other field is kept.
 *
 * @since 0.1.0
 */
export const AsyncResult = lenient({
  id: maybe(Schema.String),
  request_id: maybe(Schema.String),
  model: maybe(Schema.String),
  created: maybe(Schema.Number),
  task_status: maybe(TaskStatus),
  choices: maybe(Schema.Array(ChatCompletionChoice)),
  usage: maybe(Usage),
  web_search: maybe(Schema.Array(WebSearchResult)),
  image_result: maybe(Schema.Array(ImageResult)),
  video_result: maybe(Schema.Array(VideoResult)),
  error: maybe(Schema.Union([PayloadError, Schema.String]))
}).annotate({ identifier: "AsyncResult" })

/**
 * A generic async result.
 *
 * @since 0.1.0
 */
export type AsyncResult = typeof AsyncResult.Type
