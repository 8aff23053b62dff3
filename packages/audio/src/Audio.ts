/**
 * The `Audio` service: speech recognition (`transcribe`, `transcribeStream`), text-to-speech (`speech`,
 * `speechStream`, `speechToFile`) and speech in the voice of a sample (`customize`), over `ZaiClient`.
 *
 * Every request is validated first (strictly, with errors that name the field: `InvalidRequestInput`), so a bad
 * request fails before anything is sent. Uploads take a path, bytes, a `Blob` or a byte `Stream` (see
 * `AudioFile`). Audio answers are `Stream<Uint8Array>`; `writeFile` / `writeWavFile` save one.
 *
 * ```ts
 * const text = yield* Audio.use((audio) => audio.transcribe({ model: "glm-asr-2512", file: "./meeting.wav" }))
 * ```
 *
 * @since 0.1.0
 */
import { Audio as AudioSchema, InputValidation } from "@zai-kit/schema"
import { Download, type Multipart, type RequestOptions, ZaiClient, ZaiError } from "@zai-kit/transport"
import { Context, Effect, FileSystem, Layer, type PlatformError, Stream } from "effect"
import * as AudioFile from "./AudioFile.js"
import { decodeBase64, decodeHex } from "./internal/encoding.js"
import * as Wav from "./Wav.js"

/**
 * Everything an audio call can fail with: a rejected input (before the wire) or a `ZaiError`.
 *
 * @since 0.1.0
 */
export type AudioError = InputValidation.InvalidRequestInput | ZaiError.ZaiError

/**
 * A transcription request: the form fields of `@zai-kit/schema`'s `Audio.TranscriptionRequest` plus the audio as
 * `file` (a path, bytes, a `Blob`, a byte `Stream`); give `file` or `file_base64`. `stream` is set by the method.
 *
 * @since 0.1.0
 */
export type TranscriptionRequest = AudioSchema.TranscriptionRequest & {
  /** The audio (`.wav` / `.mp3`, ≤ 25 MB, ≤ 30 s). */
  readonly file?: AudioFile.AudioFile | undefined
}

/**
 * A customization request: the form fields of `Audio.CustomizationRequest` plus the voice sample as `voice_data`.
 *
 * @since 0.1.0
 */
export type CustomizationRequest = AudioSchema.CustomizationRequest & {
  /** The voice sample whose voice speaks `input` (its transcript is `voice_text`). */
  readonly voice_data: AudioFile.AudioFile
}

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** `POST /audio/transcriptions` (multipart): the whole transcript (`text`). */
  readonly transcribe: (
    request: TranscriptionRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<AudioSchema.Transcription, AudioError>
  /** `POST /audio/transcriptions` with `stream: true`: `transcript.text.delta` chunks, then `transcript.text.done`. */
  readonly transcribeStream: (
    request: TranscriptionRequest,
    options?: RequestOptions.RequestOptions
  ) => Stream.Stream<AudioSchema.TranscriptionChunk, AudioError>
  /** `POST /audio/speech`: the audio file (`wav`, or raw `pcm`, the API's default) as bytes. */
  readonly speech: (
    request: AudioSchema.SpeechRequest,
    options?: RequestOptions.RequestOptions
  ) => Stream.Stream<Uint8Array, AudioError>
  /** `speech` written to a file (nothing is written when the call fails). */
  readonly speechToFile: (
    request: AudioSchema.SpeechRequest,
    path: string,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<void, AudioError | PlatformError.PlatformError, FileSystem.FileSystem>
  /**
   * `POST /audio/speech` with `stream: true`: the decoded audio chunks (raw PCM; `encode_format` says how the API
   * encodes them on the wire, base64 by default). Wrap them in a WAV header with `writeWavFile` or `Wav.fromPcm`.
   */
  readonly speechStream: (
    request: AudioSchema.SpeechRequest,
    options?: RequestOptions.RequestOptions
  ) => Stream.Stream<Uint8Array, AudioError>
  /** `POST /audio/customization` (multipart): `input` spoken in the voice of the `voice_data` sample, as bytes. */
  readonly customize: (
    request: CustomizationRequest,
    options?: RequestOptions.RequestOptions
  ) => Stream.Stream<Uint8Array, AudioError>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Audio extends Context.Service<Audio, Service>()("@zai-kit/audio/Audio") {
  /**
   * The service on the `ZaiClient` of the context.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<Audio, never, ZaiClient.ZaiClient> = Layer.effect(
    Audio,
    Effect.map(ZaiClient.ZaiClient, (client) => make(client))
  )
}

// -----------------------------------------------------------------------------
// validation
// -----------------------------------------------------------------------------

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === "object" && u !== null && !Array.isArray(u)

const show = (u: unknown): string => {
  if (u === null) return "null"
  if (Array.isArray(u)) return "an array"
  if (typeof u === "object") return "an object"
  const text = typeof u === "string" ? JSON.stringify(u) : String(u)
  return text.length > 40 ? `${text.slice(0, 39)}…` : text
}

const expectedFile = "a path, Uint8Array, Blob, byte Stream or Multipart file"

// The problems of a file field: absent (when required) or of the wrong kind.
const fileIssues = (
  value: unknown,
  field: string,
  required: boolean,
  alternative?: string
): ReadonlyArray<InputValidation.InputIssue> => {
  if (value === undefined) {
    if (!required) return []
    return [{ path: field, message: `missing; give ${expectedFile}${alternative === undefined ? "" : ` (or ${alternative})`}` }]
  }
  return AudioFile.isAudioFile(value) ? [] : [{ path: field, message: `expected ${expectedFile}, got ${show(value)}` }]
}

// Validates the form fields through `validate`, adding the file problems to the same error.
const withFileCheck = <A>(
  subject: string,
  fields: unknown,
  validate: (input: unknown) => Effect.Effect<A, InputValidation.InvalidRequestInput>,
  extra: ReadonlyArray<InputValidation.InputIssue>
): Effect.Effect<A, InputValidation.InvalidRequestInput> =>
  validate(fields).pipe(
    Effect.mapError((error) =>
      extra.length === 0
        ? error
        : new InputValidation.InvalidRequestInput({
            subject,
            issues: [...error.issues, ...extra],
            message: InputValidation.formatIssues(subject, [...error.issues, ...extra])
          })
    ),
    Effect.flatMap((valid) =>
      extra.length === 0
        ? Effect.succeed(valid)
        : Effect.fail(new InputValidation.InvalidRequestInput({ subject, issues: extra, message: InputValidation.formatIssues(subject, extra) }))
    )
  )

// Splits `key` off a request object (anything else goes to the validator whole, which rejects it).
const split = (request: unknown, key: string): { readonly file: unknown; readonly fields: unknown } => {
  if (!isRecord(request)) return { file: undefined, fields: request }
  const { [key]: file, ...fields } = request
  return { file, fields }
}

const withoutStream = (request: unknown): unknown => {
  if (!isRecord(request)) return request
  const { stream: _stream, ...rest } = request
  return rest
}

const validateTranscription = (request: TranscriptionRequest) =>
  Effect.gen(function*() {
    const { file, fields } = split(withoutStream(request), "file")
    const hasBase64 = isRecord(fields) && fields.file_base64 !== undefined
    const issues = fileIssues(file, "file", !hasBase64, "file_base64")
    const valid = yield* withFileCheck("TranscriptionRequest", fields, AudioSchema.validateTranscriptionRequest, issues)
    return { valid, file: AudioFile.isAudioFile(file) ? yield* AudioFile.toFileInput(file) : undefined }
  })

const validateCustomization = (request: CustomizationRequest) =>
  Effect.gen(function*() {
    const { file, fields } = split(request, "voice_data")
    const issues = fileIssues(file, "voice_data", true)
    const valid = yield* withFileCheck("CustomizationRequest", fields, AudioSchema.validateCustomizationRequest, issues)
    return { valid, file: AudioFile.isAudioFile(file) ? yield* AudioFile.toFileInput(file, "voice") : undefined }
  })

// -----------------------------------------------------------------------------
// answers
// -----------------------------------------------------------------------------

const decodeError = (text: string, raw?: string) =>
  new ZaiError.ResponseDecodeError({
    message: text,
    isRetryable: false,
    attempts: 1,
    ...(raw === undefined ? {} : { raw: raw.slice(0, 4096) })
  })

// A 2xx audio answer, streamed as it arrives; a JSON body instead of audio (an error the API sent with a success
// status) fails.
const audioStream = (
  response: ZaiClient.BinaryResponse
): Effect.Effect<Stream.Stream<Uint8Array, ZaiError.ZaiError>, ZaiError.ZaiError> => {
  const type = response.contentType?.toLowerCase() ?? ""
  if (!type.includes("json")) return Effect.succeed(response.body)
  return Effect.flatMap(response.bytes, (body) => {
    const raw = new TextDecoder().decode(body.subarray(0, 4096))
    return Effect.fail(
      new ZaiError.ResponseDecodeError({
        message: ZaiError.formatMessage({
          text: `Expected audio, got ${response.contentType ?? "JSON"}: ${raw.slice(0, 200)}`,
          status: response.status,
          requestId: response.requestId,
          attempts: 1
        }),
        status: response.status,
        isRetryable: false,
        attempts: 1,
        raw,
        ...(response.requestId === undefined ? {} : { requestId: response.requestId })
      })
    )
  })
}

// The audio bytes of one streamed speech chunk (every choice's `delta.content`, decoded).
const chunkAudio = (
  chunk: AudioSchema.SpeechChunk,
  encoding: AudioSchema.SpeechEncodeFormat
): Effect.Effect<ReadonlyArray<Uint8Array>, ZaiError.ResponseDecodeError> => {
  const out: Array<Uint8Array> = []
  for (const choice of chunk.choices ?? []) {
    const content = choice.delta?.content
    if (typeof content !== "string" || content === "") continue
    const bytes = encoding === "hex" ? decodeHex(content) : decodeBase64(content)
    if (bytes === undefined) return Effect.fail(decodeError(`A speech chunk is not valid ${encoding}`, content))
    if (bytes.length > 0) out.push(bytes)
  }
  return Effect.succeed(out)
}

// -----------------------------------------------------------------------------
// files
// -----------------------------------------------------------------------------

/**
 * Writes a byte stream (an audio answer) to a file as it arrives, without holding it in memory. It goes to
 * `<path>.partial` first and is renamed at the end, so nothing is left at `path` when the stream fails.
 *
 * @since 0.1.0
 */
export const writeFile: (
  path: string
) => <E, R>(self: Stream.Stream<Uint8Array, E, R>) => Effect.Effect<void, E | PlatformError.PlatformError, R | FileSystem.FileSystem> =
  Download.writeFile

/**
 * Writes a stream of raw PCM (`speechStream`, or `speech` with `response_format: "pcm"`) to a playable WAV file
 * (24 kHz, 16-bit mono unless `format` says otherwise). Nothing is written when the stream fails.
 *
 * @since 0.1.0
 */
export const writeWavFile =
  (path: string, format?: Wav.PcmFormat) =>
  <E, R>(self: Stream.Stream<Uint8Array, E, R>): Effect.Effect<void, E | PlatformError.PlatformError, R | FileSystem.FileSystem> =>
    Effect.flatMap(Stream.mkUint8Array(self), (pcm) =>
      Effect.flatMap(FileSystem.FileSystem, (fs) => fs.writeFile(path, Wav.fromPcm(pcm, format)))
    )

// -----------------------------------------------------------------------------
// constructor
// -----------------------------------------------------------------------------

/**
 * Builds the service on a client.
 *
 * @since 0.1.0
 */
export const make = (client: ZaiClient.Service): Service => {
  const transcriptionFields = (valid: AudioSchema.TranscriptionRequest, file: Multipart.FileInput | undefined): Multipart.Fields =>
    file === undefined ? valid : { ...valid, file }

  const transcribe = Effect.fn("Audio.transcribe")(function*(request: TranscriptionRequest, options?: RequestOptions.RequestOptions) {
    const { valid, file } = yield* validateTranscription(request)
    return yield* client.json(
      {
        method: "POST",
        path: "/audio/transcriptions",
        operation: "audio.transcriptions.create",
        body: { _tag: "Multipart", fields: transcriptionFields(valid, file) },
        options
      },
      AudioSchema.Transcription
    )
  })

  const transcribeStream = (
    request: TranscriptionRequest,
    options?: RequestOptions.RequestOptions
  ): Stream.Stream<AudioSchema.TranscriptionChunk, AudioError> =>
    Stream.unwrap(
      Effect.map(validateTranscription(request), ({ valid, file }) =>
        client.stream(
          {
            method: "POST",
            path: "/audio/transcriptions",
            operation: "audio.transcriptions.stream",
            body: { _tag: "Multipart", fields: { ...transcriptionFields(valid, file), stream: true } },
            options
          },
          AudioSchema.TranscriptionChunk
        )
      )
    )

  const speech = (request: AudioSchema.SpeechRequest, options?: RequestOptions.RequestOptions): Stream.Stream<Uint8Array, AudioError> =>
    Stream.unwrap(
      Effect.gen(function*() {
        const valid = yield* AudioSchema.validateSpeechRequest(withoutStream(request))
        const response = yield* client.binary({
          method: "POST",
          path: "/audio/speech",
          operation: "audio.speech.create",
          body: { _tag: "Json", value: valid },
          options
        })
        return yield* audioStream(response)
      })
    ).pipe(Stream.withSpan("Audio.speech"))

  const speechToFile = Effect.fn("Audio.speechToFile")(function*(
    request: AudioSchema.SpeechRequest,
    path: string,
    options?: RequestOptions.RequestOptions
  ) {
    return yield* writeFile(path)(speech(request, options))
  })

  const speechStream = (request: AudioSchema.SpeechRequest, options?: RequestOptions.RequestOptions): Stream.Stream<Uint8Array, AudioError> =>
    Stream.unwrap(
      Effect.map(
        AudioSchema.validateSpeechRequest(isRecord(request) ? { ...request, stream: true } : request),
        (valid) => {
          const encoding = valid.encode_format ?? "base64"
          return client
            .stream(
              { method: "POST", path: "/audio/speech", operation: "audio.speech.stream", body: { _tag: "Json", value: valid }, options },
              AudioSchema.SpeechChunk
            )
            .pipe(
              Stream.mapEffect((chunk) => chunkAudio(chunk, encoding)),
              Stream.flattenIterable
            )
        }
      )
    )

  const customize = (request: CustomizationRequest, options?: RequestOptions.RequestOptions): Stream.Stream<Uint8Array, AudioError> =>
    Stream.unwrap(
      Effect.gen(function*() {
        const { valid, file } = yield* validateCustomization(request)
        const response = yield* client.binary({
          method: "POST",
          path: "/audio/customization",
          operation: "audio.customization.create",
          body: { _tag: "Multipart", fields: file === undefined ? valid : { ...valid, voice_data: file } },
          options
        })
        return yield* audioStream(response)
      })
    ).pipe(Stream.withSpan("Audio.customize"))

  return Audio.of({ transcribe, transcribeStream, speech, speechToFile, speechStream, customize })
}
