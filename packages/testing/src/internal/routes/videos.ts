/**
 * Videos: `POST /videos/generations` for every family (CogVideoX; Vidu text, image, start-end and reference),
 * checked against the family's schema (picked from `model`). The answer is a task that resolves on
 * `GET /async-result/{id}` (after `asyncPolls` polls) with `video_result: [{ url, cover_image_url }]`: a real small
 * MP4 and a PNG cover, served by `GET /sim-files/{name}` (see `images.ts`). Same request: same video.
 * @internal
 */
import { Videos } from "@zai-kit/schema"
import { Result, type Schema } from "effect"
import { digest, stableStringify } from "../hash.js"
import * as Body from "../media/body.js"
import * as Files from "../media/files.js"
import * as Reply from "../reply.js"
import type { Route, RouteContext } from "../router.js"
import { createTask } from "./async.js"

const knownModel = /^(cogvideox|vidu)/i

const cogVideoXSizes = [
  "720x480",
  "1024x1024",
  "1280x960",
  "960x1280",
  "1280x720",
  "720x1280",
  "1920x1080",
  "1080x1920",
  "2048x1080",
  "3840x2160"
]

const schemas: Record<Videos.VideoFamily, Schema.ConstraintDecoder<Videos.VideoGenerationRequest>> = {
  cogvideox: Videos.CogVideoXRequest,
  "vidu-text": Videos.ViduTextRequest,
  "vidu-image": Videos.ViduImageRequest,
  "vidu-start-end": Videos.ViduStartEndRequest,
  "vidu-reference": Videos.ViduReferenceRequest,
  generic: Videos.GenericVideoRequest
}

const imageUrl = /^(https?:\/\/\S+|data:image\/[a-z0-9.+-]+;base64,\s*[A-Za-z0-9+/=\s]+)$/i

/** Checks the API makes beyond the schema: image references, CogVideoX sizes, first-and-last frame in `speed`. */
const problem = (request: Videos.VideoGenerationRequest): Reply.ErrorReply | undefined => {
  const given: unknown = "image_url" in request ? request.image_url : undefined
  const images: ReadonlyArray<unknown> = typeof given === "string" ? [given] : Array.isArray(given) ? given : []
  const bad = images.findIndex((image) => typeof image !== "string" || !imageUrl.test(image))
  if (bad >= 0) {
    const field = typeof given === "string" ? "image_url" : `image_url[${bad}]`
    return Reply.fieldInvalid(field, "must be an http(s) URL or a data:image/...;base64, URL")
  }
  if (Videos.familyOf(request.model) === "cogvideox") {
    if (request.size !== undefined && !cogVideoXSizes.includes(request.size)) {
      return Reply.fieldInvalid("size", `must be one of ${cogVideoXSizes.join(", ")}`)
    }
    if (images.length === 2 && "quality" in request && request.quality === "quality") {
      return Reply.fieldInvalid("quality", "first-and-last-frame generation supports only speed")
    }
  }
  return undefined
}

const outputSize = (request: Videos.VideoGenerationRequest): string => {
  if (request.size !== undefined) return request.size
  const ratio = "aspect_ratio" in request ? request.aspect_ratio : undefined
  if (ratio === "9:16") return "1080x1920"
  if (ratio === "1:1") return "1080x1080"
  return /^vidu2/i.test(request.model) ? "1280x720" : "1920x1080"
}

const createVideo = (ctx: RouteContext): Reply.Reply => {
  const body = Body.object(ctx)
  if (Result.isFailure(body)) return body.failure
  const model = body.success.model
  if (model === undefined || model === null || model === "") return Reply.fieldMissing("model")
  if (typeof model !== "string") return Reply.fieldInvalid("model", "must be a string")
  if (!knownModel.test(model)) return Reply.error(400, "1211", `The model ${model} does not exist.`)
  const decoded = Body.decode(schemas[Videos.familyOf(model)], body.success)
  if (Result.isFailure(decoded)) return decoded.failure
  const request = decoded.success
  const invalid = problem(request)
  if (invalid !== undefined) return invalid
  const { request_id: _requestId, user_id: _userId, ...content } = request
  const seed = `${ctx.state.options.seed}\u0000${stableStringify(content)}`
  const files = Files.videoNames(seed, outputSize(request))
  const id = `${digest(seed)}${String(ctx.state.nextSequence()).padStart(4, "0")}`
  const task = createTask(ctx, {
    id,
    requestId: Body.requestId(body.success, id),
    model,
    result: {
      video_result: [{ url: Files.url(ctx.headers.host, files.video), cover_image_url: Files.url(ctx.headers.host, files.cover) }]
    }
  })
  return Reply.json(
    { id: task.id, request_id: task.requestId, model: task.model, task_status: "PROCESSING" },
    200,
    { "x-request-id": task.requestId }
  )
}

/** Video routes. */
export const routes: ReadonlyArray<Route> = [{ method: "POST", path: "/videos/generations", handle: createVideo }]
