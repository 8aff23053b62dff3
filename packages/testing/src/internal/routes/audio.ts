/**
 * Audio routes: `POST /audio/speech` (binary or SSE), `POST /audio/customization` (multipart, binary) and
 * `POST /audio/transcriptions` (multipart, JSON or SSE).
 *
 * - Speech is a tone sequence derived from the text (40 ms per character at speed 1, 24 kHz, 16-bit mono),
 *   scaled by `volume`. `wav` answers carry the text in a `LIST`/`INFO` chunk (`ICMT`); `pcm` (the default) is the
 *   raw samples. With `stream: true`, SSE chunks of base64 (or hex) PCM in `choices[0].delta.content`, about
 *   0.2 s each, the last with `finish_reason: "stop"`.
 * - A transcription of a WAV made by the simulator returns the embedded text, so speech → transcription
 *   round-trips; any other audio gets a deterministic placeholder derived from its bytes (and the hotwords).
 * @internal
 */
import { Audio } from "@zai-kit/schema"
import { Result } from "effect"
import { digest, fnv1a, rng as makeRng } from "../hash.js"
import * as Wav from "../media/wav.js"
import * as Multipart from "../multipart.js"
import * as Reply from "../reply.js"
import type { Route, RouteContext } from "../router.js"
import * as Text from "../text.js"
import { decodeBody, exists, jsonObject } from "./voice.js"

/** The largest upload `/audio/transcriptions` accepts (25 MB). */
const maxUpload = 25 * 1024 * 1024

/** PCM bytes per streamed speech chunk (0.2 s). */
const chunkBytes = (Wav.sampleRate / 5) * 2

const sequenceOf = (ctx: RouteContext) => String(ctx.state.nextSequence()).padStart(4, "0")

// -----------------------------------------------------------------------------
// speech
// -----------------------------------------------------------------------------

interface Spoken {
  readonly text: string
  readonly format: "wav" | "pcm"
  readonly voice: string
  readonly pcm: Uint8Array
}

const speak = (ctx: RouteContext, text: string, voice: string, options: { speed?: number; volume?: number; format?: "wav" | "pcm" }): Spoken => {
  const samples = Wav.tones(text, { seed: `${ctx.state.options.seed}:${voice}`, speed: options.speed ?? 1, volume: options.volume ?? 1 })
  return { text, format: options.format ?? "pcm", voice, pcm: Wav.pcmBytes(samples) }
}

const audioReply = (spoken: Spoken, requestId: string): Reply.Reply => {
  const headers = { "x-request-id": requestId }
  if (spoken.format === "pcm") return { ...Reply.raw(200, "audio/pcm", spoken.pcm), headers }
  const wav = Wav.encode(spoken.pcm, [
    ["ICMT", spoken.text],
    ["IART", spoken.voice],
    ["ISFT", Wav.software]
  ])
  return { ...Reply.raw(200, "audio/wav", wav), headers }
}

const speech = (ctx: RouteContext): Reply.Reply => {
  const body = jsonObject(ctx)
  if (Result.isFailure(body)) return body.failure
  const decoded = decodeBody(Audio.SpeechRequest, body.success)
  if (Result.isFailure(decoded)) return decoded.failure
  const request = decoded.success
  if (!/^glm-tts/i.test(request.model)) return Reply.error(400, "1211", `The model ${request.model} does not exist.`)
  const voice = request.voice ?? "tongtong"
  if (!exists(ctx.state, voice)) return Reply.fieldInvalid("voice", `the voice ${voice} does not exist`)
  const sequence = sequenceOf(ctx)
  const id = `${digest(`${ctx.state.options.seed}:speech:${ctx.rawBody}`)}${sequence}`
  const requestId = request.request_id ?? id
  const spoken = speak(ctx, request.input, voice, {
    ...(request.speed === undefined ? {} : { speed: request.speed }),
    ...(request.volume === undefined ? {} : { volume: request.volume }),
    ...(request.response_format === undefined ? {} : { format: request.response_format })
  })
  if (request.stream !== true) return audioReply(spoken, requestId)
  const created = Math.floor(Date.now() / 1000)
  const encode = (bytes: Uint8Array) =>
    request.encode_format === "hex" ? Buffer.from(bytes).toString("hex") : Buffer.from(bytes).toString("base64")
  const events: Array<unknown> = []
  for (let at = 0; at < spoken.pcm.length; at += chunkBytes) {
    events.push({
      id,
      created,
      request_id: requestId,
      model: request.model,
      choices: [{ index: 0, delta: { role: "assistant", content: encode(spoken.pcm.subarray(at, at + chunkBytes)) }, finish_reason: null }]
    })
  }
  events.push({
    id,
    created,
    request_id: requestId,
    model: request.model,
    choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: "stop" }]
  })
  return { ...Reply.sse(events), headers: { "x-request-id": requestId } }
}

// -----------------------------------------------------------------------------
// multipart helpers
// -----------------------------------------------------------------------------

// Text fields of a form as a plain object: `key[]` parts become arrays, `"true"`/`"false"` booleans for `booleans`,
// numeric text numbers for `numbers` (anything else stays a string, so the schema names the field).
const fieldsOf = (
  form: Multipart.Form,
  options: { readonly booleans?: ReadonlyArray<string>; readonly numbers?: ReadonlyArray<string> } = {}
): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  const decoder = new TextDecoder()
  for (const part of form.parts) {
    if (part.filename !== undefined) continue
    const value = decoder.decode(part.bytes)
    if (part.name.endsWith("[]")) {
      const key = part.name.slice(0, -2)
      const current = out[key]
      out[key] = Array.isArray(current) ? [...current, value] : [value]
    } else if (options.booleans?.includes(part.name) && (value === "true" || value === "false")) {
      out[part.name] = value === "true"
    } else if (options.numbers?.includes(part.name) && value.trim() !== "" && Number.isFinite(Number(value))) {
      out[part.name] = Number(value)
    } else if (!/\[/.test(part.name)) {
      out[part.name] = value
    }
  }
  return out
}

// -----------------------------------------------------------------------------
// customization
// -----------------------------------------------------------------------------

const customization = (ctx: RouteContext): Reply.Reply => {
  const form = Multipart.formOf(ctx)
  if (Result.isFailure(form)) return form.failure
  const decoded = decodeBody(Audio.CustomizationRequest, fieldsOf(form.success, { booleans: ["watermark_enabled"] }))
  if (Result.isFailure(decoded)) return decoded.failure
  const request = decoded.success
  if (!/^glm-tts/i.test(request.model)) return Reply.error(400, "1211", `The model ${request.model} does not exist.`)
  const sample = form.success.get("voice_data")
  if (sample === undefined || sample.filename === undefined) return Reply.fieldMissing("voice_data")
  if (sample.bytes.length === 0) return Reply.fieldInvalid("voice_data", "the file is empty")
  const voice = `sample-${digest(Buffer.from(sample.bytes).toString("latin1")).slice(0, 12)}`
  const id = `${digest(`${ctx.state.options.seed}:customization:${voice}:${request.input}`)}${sequenceOf(ctx)}`
  const spoken = speak(ctx, request.input, voice, request.response_format === undefined ? {} : { format: request.response_format })
  return audioReply(spoken, request.request_id ?? id)
}

// -----------------------------------------------------------------------------
// transcriptions
// -----------------------------------------------------------------------------

const vocabulary = [
  "the", "meeting", "starts", "at", "nine", "please", "bring", "the", "report", "weather", "today", "is", "sunny",
  "thank", "you", "for", "calling", "our", "team", "will", "review", "the", "project", "update", "tomorrow", "morning"
]

const formatOf = (bytes: Uint8Array): string => {
  const head = Buffer.from(bytes.subarray(0, 12)).toString("latin1")
  if (head.startsWith("RIFF") && head.slice(8, 12) === "WAVE") return "wav"
  if (head.startsWith("ID3") || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return "mp3"
  return "audio"
}

/** The text of audio bytes: the text a simulator WAV embeds, else a deterministic placeholder. */
export const transcribe = (bytes: Uint8Array, seed: string, hotwords: ReadonlyArray<string>): string => {
  const wav = Wav.parse(bytes)
  const embedded = wav?.info.ICMT
  if (wav !== undefined && embedded !== undefined && wav.info.ISFT === Wav.software) return embedded
  const hash = fnv1a(`${seed}\u0000${Buffer.from(bytes).toString("latin1")}`)
  const random = makeRng(hash)
  const count = Math.min(40, 6 + Math.floor(bytes.length / 16_000))
  const words = Array.from({ length: count }, () => random.pick(vocabulary))
  const mention = hotwords.length === 0 ? "" : `, about ${Text.list([...hotwords])}`
  return `Simulated transcript of ${formatOf(bytes)} audio ${(hash >>> 0).toString(16).padStart(8, "0")}${mention}: ${words.join(" ")}.`
}

const transcriptions = (ctx: RouteContext): Reply.Reply => {
  const form = Multipart.formOf(ctx)
  if (Result.isFailure(form)) return form.failure
  const decoded = decodeBody(Audio.TranscriptionRequest, fieldsOf(form.success, { booleans: ["stream"] }))
  if (Result.isFailure(decoded)) return decoded.failure
  const request = decoded.success
  if (!/^glm-asr/i.test(request.model)) return Reply.error(400, "1211", `The model ${request.model} does not exist.`)
  const file = form.success.get("file")
  let bytes: Uint8Array
  if (file !== undefined) {
    bytes = file.bytes
  } else if (request.file_base64 !== undefined) {
    if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(request.file_base64)) return Reply.fieldInvalid("file_base64", "not valid base64")
    bytes = Buffer.from(request.file_base64, "base64")
  } else {
    return Reply.fieldMissing("file")
  }
  if (bytes.length === 0) return Reply.fieldInvalid(file === undefined ? "file_base64" : "file", "the audio is empty")
  if (bytes.length > maxUpload) return Reply.fieldInvalid("file", "the audio is larger than 25 MB")
  const text = transcribe(bytes, ctx.state.options.seed, request.hotwords ?? [])
  const id = `${digest(`${ctx.state.options.seed}:asr:${text}`)}${sequenceOf(ctx)}`
  const requestId = request.request_id ?? id
  const created = Math.floor(Date.now() / 1000)
  const headers = { "x-request-id": requestId }
  if (request.stream === true) {
    const head = { id, created, request_id: requestId, model: request.model }
    const events: Array<unknown> = Text.chunks(text, ctx.state.options.chunkWords).map((delta) => ({
      ...head,
      type: "transcript.text.delta",
      delta
    }))
    events.push({ ...head, type: "transcript.text.done", delta: "" })
    return { ...Reply.sse(events), headers }
  }
  return Reply.json({ id, created, request_id: requestId, model: request.model, text }, 200, headers)
}

/** Audio routes. */
export const routes: ReadonlyArray<Route> = [
  { method: "POST", path: "/audio/speech", handle: speech },
  { method: "POST", path: "/audio/customization", handle: customization },
  { method: "POST", path: "/audio/transcriptions", handle: transcriptions }
]
