/**
 * Images: `POST /images/generations` (answers at once), `POST /async/images/generations` (a task that resolves on
 * `GET /async-result/{id}` with `image_result`), and `GET /sim-files/{name}`, which serves the PNGs (and the MP4s of
 * the video routes) the answers link to. Same prompt, model and size: same image.
 * @internal
 */
import { Images } from "@zai-kit/schema"
import { Result } from "effect"
import { digest, stableStringify } from "../hash.js"
import * as Body from "../media/body.js"
import * as Files from "../media/files.js"
import * as Reply from "../reply.js"
import type { Route, RouteContext } from "../router.js"
import { createTask } from "./async.js"

const knownModel = /^(glm-image|cogview)/i

/** Size rules per model family (`glm-image`: 1024–2048 px, multiples of 32, at most 2^22 px; CogView: 512–2048, 16, 2^21). */
const sizeProblem = (model: string, size: string): string | undefined => {
  const [w = 0, h = 0] = size.split("x").map(Number)
  const rules = /^glm-image/i.test(model)
    ? { min: 1024, max: 2048, step: 32, pixels: 2 ** 22 }
    : /^cogview/i.test(model)
      ? { min: 512, max: 2048, step: 16, pixels: 2 ** 21 }
      : undefined
  if (rules === undefined) return undefined
  if (w < rules.min || w > rules.max || h < rules.min || h > rules.max) {
    return `width and height must be between ${rules.min} and ${rules.max} px for ${model}, got ${size}`
  }
  if (w % rules.step !== 0 || h % rules.step !== 0) return `width and height must be multiples of ${rules.step} for ${model}, got ${size}`
  if (w * h > rules.pixels) return `at most ${rules.pixels} pixels for ${model}, got ${size}`
  return undefined
}

const defaultSize = (model: string): string => (/^glm-image/i.test(model) ? "1280x1280" : "1024x1024")

interface Generated {
  readonly id: string
  readonly requestId: string
  readonly model: string
  readonly file: string
  readonly url: string
}

const generate = (
  ctx: RouteContext,
  body: Readonly<Record<string, unknown>>,
  request: { readonly model: string; readonly prompt: string; readonly size?: string; readonly quality?: string }
): Result.Result<Generated, Reply.ErrorReply> => {
  if (!knownModel.test(request.model)) return Result.fail(Reply.error(400, "1211", `The model ${request.model} does not exist.`))
  const size = request.size ?? defaultSize(request.model)
  const problem = sizeProblem(request.model, size)
  if (problem !== undefined) return Result.fail(Reply.fieldInvalid("size", problem))
  const seed = `${ctx.state.options.seed}\u0000${stableStringify({ model: request.model, prompt: request.prompt, size, quality: request.quality })}`
  const file = Files.imageName(seed, size)
  const id = `${digest(seed)}${String(ctx.state.nextSequence()).padStart(4, "0")}`
  return Result.succeed({ id, requestId: Body.requestId(body, id), model: request.model, file, url: Files.url(ctx.headers.host, file) })
}

const createImage = (ctx: RouteContext): Reply.Reply => {
  const body = Body.object(ctx)
  if (Result.isFailure(body)) return body.failure
  const decoded = Body.decode(Images.ImageGenerationRequest, body.success)
  if (Result.isFailure(decoded)) return decoded.failure
  const generated = generate(ctx, body.success, decoded.success)
  if (Result.isFailure(generated)) return generated.failure
  const image = generated.success
  const content = Files.content(image.file)
  const data =
    decoded.success.response_format === "b64_json" && content !== undefined
      ? [{ b64_json: Buffer.from(content.body).toString("base64") }]
      : [{ url: image.url }]
  return Reply.json(
    { created: Math.floor(Date.now() / 1000), data, content_filter: [{ role: "assistant", level: 3 }] },
    200,
    { "x-request-id": image.requestId }
  )
}

const createAsyncImage = (ctx: RouteContext): Reply.Reply => {
  const body = Body.object(ctx)
  if (Result.isFailure(body)) return body.failure
  const decoded = Body.decode(Images.AsyncImageGenerationRequest, body.success)
  if (Result.isFailure(decoded)) return decoded.failure
  if (knownModel.test(decoded.success.model) && !/^glm-image/i.test(decoded.success.model)) {
    return Reply.error(400, "1212", `The model ${decoded.success.model} does not support asynchronous image generation; use glm-image.`)
  }
  const generated = generate(ctx, body.success, decoded.success)
  if (Result.isFailure(generated)) return generated.failure
  const image = generated.success
  const task = createTask(ctx, {
    id: image.id,
    requestId: image.requestId,
    model: image.model,
    result: { created: Math.floor(Date.now() / 1000), image_result: [{ url: image.url }] }
  })
  return Reply.json(
    { id: task.id, request_id: task.requestId, model: task.model, task_status: "PROCESSING" },
    200,
    { "x-request-id": task.requestId }
  )
}

const serveFile = (ctx: RouteContext): Reply.Reply => {
  const name = ctx.params.name ?? ""
  const content = Files.content(name)
  if (content === undefined) return Reply.error(404, "404", `No file named ${name}.`)
  return Reply.raw(200, content.contentType, content.body)
}

/** Image routes, and the file route shared with videos. */
export const routes: ReadonlyArray<Route> = [
  { method: "POST", path: "/images/generations", handle: createImage },
  { method: "POST", path: "/async/images/generations", handle: createAsyncImage },
  { method: "GET", path: `${Files.route}/:name`, handle: serveFile, public: true }
]
