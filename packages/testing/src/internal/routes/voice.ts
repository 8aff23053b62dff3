/**
 * Voice cloning: `POST /voice/clone`, `POST /voice/delete`, `GET /voice/list?voiceType=&voiceName=`.
 *
 * The seven system voices of `glm-tts` are listed as `OFFICIAL`; a cloned voice is `PRIVATE`, is listed until it
 * is deleted, and works as the `voice` of `POST /audio/speech`. Voice names are unique; deleting an unknown voice
 * answers 404, a system voice 400. Clones live in the simulator state (dropped by `reset`).
 * @internal
 */
import { InputValidation, Voice } from "@zai-kit/schema"
import { Result, Schema } from "effect"
import { digest } from "../hash.js"
import * as Reply from "../reply.js"
import type { Route, RouteContext } from "../router.js"
import type { State, StoreKey } from "../state.js"
import { isObject } from "../validate.js"

/** A voice as `GET /voice/list` shows it. */
export interface VoiceEntry {
  readonly voice: string
  readonly voice_name: string
  readonly voice_type: "OFFICIAL" | "PRIVATE"
  readonly download_url: string
  readonly create_time: string
}

/** The system voices of `glm-tts`, with their display names. */
export const officialVoices: ReadonlyArray<VoiceEntry> = [
  ["tongtong", "彤彤"],
  ["chuichui", "锤锤"],
  ["xiaochen", "小陈"],
  ["jam", "jam"],
  ["kazi", "kazi"],
  ["douji", "douji"],
  ["luodo", "luodo"]
].map(([voice = "", name = ""]) => ({
  voice,
  voice_name: name,
  voice_type: "OFFICIAL" as const,
  download_url: previewUrl(voice),
  create_time: "2025-12-01 00:00:00"
}))

function previewUrl(voice: string): string {
  // `.invalid` never resolves: the simulator serves no preview files
  return `https://voices.simulator.invalid/${encodeURIComponent(voice)}.wav`
}

/** Cloned voices by id, in creation order. */
const clonedKey: StoreKey<Map<string, VoiceEntry>> = { name: "voice/cloned", make: () => new Map() }

/** The cloned voices of a simulator. */
export const cloned = (state: State): Map<string, VoiceEntry> => state.store(clonedKey)

/** Whether a voice id names a system voice or a clone that still exists. */
export const exists = (state: State, voice: string): boolean =>
  officialVoices.some((v) => v.voice === voice) || cloned(state).has(voice)

const pad = (n: number) => String(n).padStart(2, "0")

/** `yyyy-MM-dd HH:mm:ss` (UTC), the API's time format. */
export const timestamp = (ms: number): string => {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/**
 * Decodes a body through a `@zai-kit/schema` request schema, ignoring unknown keys (as the API does); the first
 * problem becomes a 1213 (missing) or 1214 (invalid) reply naming the field.
 */
export const decodeBody = <S extends Schema.ConstraintDecoder<unknown>>(
  schema: S,
  body: unknown
): Result.Result<S["Type"], Reply.ErrorReply> => {
  const decoded = Schema.decodeUnknownResult(schema)(body, { onExcessProperty: "ignore", errors: "first" })
  if (Result.isSuccess(decoded)) return Result.succeed(decoded.success)
  const [issue] = InputValidation.issuesOf(decoded.failure.issue)
  const field = issue === undefined || issue.path === "" ? "body" : issue.path
  const message = issue?.message ?? "invalid value"
  return Result.fail(/^missing/i.test(message) ? Reply.fieldMissing(field) : Reply.fieldInvalid(field, message))
}

/** The JSON object body of a request, or the 400 the API gives for anything else. */
export const jsonObject = (ctx: RouteContext): Result.Result<Readonly<Record<string, unknown>>, Reply.ErrorReply> => {
  if (ctx.bodyError !== undefined) return Result.fail(Reply.error(400, "1210", `The request body is not valid JSON: ${ctx.bodyError}`))
  const body = ctx.body
  if (body === undefined) return Result.fail(Reply.error(400, "1210", "The request body is missing."))
  if (!isObject(body)) return Result.fail(Reply.error(400, "1210", "The request body must be a JSON object."))
  return Result.succeed(body)
}

const requestIdOf = (ctx: RouteContext, given: string | undefined, id: string): string =>
  given ?? (typeof ctx.headers["request-id"] === "string" ? ctx.headers["request-id"] : id)

const clone = (ctx: RouteContext): Reply.Reply => {
  const body = jsonObject(ctx)
  if (Result.isFailure(body)) return body.failure
  const request = decodeBody(Voice.VoiceCloneRequest, body.success)
  if (Result.isFailure(request)) return request.failure
  const { model, voice_name, file_id, input } = request.success
  if (!/^glm-tts/i.test(model)) return Reply.error(400, "1211", `The model ${model} does not exist.`)
  const voices = cloned(ctx.state)
  if ([...voices.values(), ...officialVoices].some((v) => v.voice_name === voice_name)) {
    return Reply.fieldInvalid("voice_name", `a voice named ${JSON.stringify(voice_name)} already exists`)
  }
  const seed = ctx.state.options.seed
  const sequence = String(ctx.state.nextSequence()).padStart(4, "0")
  const voice = `voice_clone_${digest(`${seed}:${voice_name}:${file_id}`).slice(0, 12)}_${sequence}`
  voices.set(voice, {
    voice,
    voice_name,
    voice_type: "PRIVATE",
    download_url: previewUrl(voice),
    create_time: timestamp(Date.now())
  })
  const requestId = requestIdOf(ctx, request.success.request_id, `voice-${sequence}`)
  return Reply.json(
    {
      voice,
      file_id: `file_voice_preview_${digest(`${seed}:${voice}:${input}`).slice(0, 16)}`,
      file_purpose: "voice-clone-output",
      request_id: requestId
    },
    200,
    { "x-request-id": requestId }
  )
}

const remove = (ctx: RouteContext): Reply.Reply => {
  const body = jsonObject(ctx)
  if (Result.isFailure(body)) return body.failure
  const request = decodeBody(Voice.VoiceDeleteRequest, body.success)
  if (Result.isFailure(request)) return request.failure
  const { voice } = request.success
  if (officialVoices.some((v) => v.voice === voice)) {
    return Reply.fieldInvalid("voice", `${voice} is a system voice and cannot be deleted`)
  }
  const voices = cloned(ctx.state)
  // no documented business code fits; "404" is unknown to the code table, so clients fall back to the status
  if (!voices.delete(voice)) return Reply.error(404, "404", `The voice ${voice} does not exist.`)
  const requestId = requestIdOf(ctx, request.success.request_id, `voice-${String(ctx.state.nextSequence()).padStart(4, "0")}`)
  return Reply.json({ voice, update_time: timestamp(Date.now()), request_id: requestId }, 200, { "x-request-id": requestId })
}

const list = (ctx: RouteContext): Reply.Reply => {
  // camelCase, as the API reads them; snake_case keys are ignored like any unknown parameter
  const type = ctx.query.get("voiceType") ?? undefined
  const name = ctx.query.get("voiceName")?.toLowerCase() ?? undefined
  const voices = [...officialVoices, ...cloned(ctx.state).values()].filter(
    (v) => (type === undefined || type === "" || v.voice_type === type) && (name === undefined || v.voice_name.toLowerCase().includes(name))
  )
  const requestId = ctx.query.get("request_id") ?? requestIdOf(ctx, undefined, `voice-${String(ctx.state.nextSequence()).padStart(4, "0")}`)
  return Reply.json({ voice_list: voices }, 200, { "x-request-id": requestId })
}

/** Voice routes. */
export const routes: ReadonlyArray<Route> = [
  { method: "POST", path: "/voice/clone", handle: clone },
  { method: "POST", path: "/voice/delete", handle: remove },
  { method: "GET", path: "/voice/list", handle: list }
]
