/**
 * `zai.audio`: `transcriptions` (`POST /audio/transcriptions`), `speech` (`POST /audio/speech`), `customization`
 * (`POST /audio/customization`) and `voices` (`POST /voice/clone`, `POST /voice/delete`, `GET /voice/list`).
 *
 * @since 0.1.0
 */
import { Audio, Voices } from "@zai-kit/audio"
import type { Audio as Wire, Voice } from "@zai-kit/schema"
import { Effect, Stream } from "effect"
import { type Runner, collectBytes } from "../internal/runner.js"
import type { RequestOptions } from "../RequestOptions.js"
import { ZaiStream } from "../Streams.js"

/**
 * A transcription request: the form fields plus the audio as `file` (a path, bytes, a `Blob`) or `file_base64`.
 *
 * @since 0.1.0
 */
export type TranscriptionCreateParams = Audio.TranscriptionRequest

/**
 * `zai.audio.transcriptions`.
 *
 * @since 0.1.0
 */
export class Transcriptions {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** The transcript of the audio; with `stream: true`, a stream of `transcript.text.delta` chunks. */
  create(
    params: TranscriptionCreateParams & { readonly stream: true },
    options?: RequestOptions
  ): Promise<ZaiStream<Wire.TranscriptionChunk>>
  create(
    params: TranscriptionCreateParams & { readonly stream?: false | undefined },
    options?: RequestOptions
  ): Promise<Wire.Transcription>
  create(
    params: TranscriptionCreateParams,
    options?: RequestOptions
  ): Promise<Wire.Transcription | ZaiStream<Wire.TranscriptionChunk>> {
    const { stream, ...rest } = params
    if (stream === true) {
      return this.#runner.stream(
        (o) => Stream.unwrap(Audio.Audio.use((audio) => Effect.succeed(audio.transcribeStream(rest, o)))),
        options,
        (source) => new ZaiStream(source)
      )
    }
    return this.#runner.run((o) => Audio.Audio.use((audio) => audio.transcribe(rest, o)), options)
  }
}

/**
 * `zai.audio.speech`.
 *
 * @since 0.1.0
 */
export class Speech {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /**
   * The spoken text as bytes (raw 16-bit PCM at 24 kHz by default, or a WAV file with `response_format: "wav"`);
   * with `stream: true`, a stream of PCM chunks as they are made.
   */
  create(params: Wire.SpeechRequest & { readonly stream: true }, options?: RequestOptions): Promise<ZaiStream<Uint8Array>>
  create(params: Wire.SpeechRequest & { readonly stream?: false | undefined }, options?: RequestOptions): Promise<Uint8Array>
  create(params: Wire.SpeechRequest, options?: RequestOptions): Promise<Uint8Array | ZaiStream<Uint8Array>> {
    const { stream, ...rest } = params
    if (stream === true) {
      return this.#runner.stream(
        (o) => Stream.unwrap(Audio.Audio.use((audio) => Effect.succeed(audio.speechStream(rest, o)))),
        options,
        (source) => new ZaiStream(source)
      )
    }
    return this.#runner.run((o) => Audio.Audio.use((audio) => collectBytes(audio.speech(rest, o))), options)
  }
}

/**
 * `zai.audio.customization`.
 *
 * @since 0.1.0
 */
export class Customization {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** `input` spoken in the voice of the `voice_data` sample, as bytes. */
  create(params: Audio.CustomizationRequest, options?: RequestOptions): Promise<Uint8Array> {
    return this.#runner.run((o) => Audio.Audio.use((audio) => collectBytes(audio.customize(params, o))), options)
  }
}

/**
 * `zai.audio.voices`: cloned and system voices.
 *
 * @since 0.1.0
 */
export class VoicesResource {
  readonly #runner: Runner

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.#runner = runner
  }

  /** Clones a voice from a sample file already uploaded (`voice/clone`). */
  clone(params: Voice.VoiceCloneRequest, options?: RequestOptions): Promise<Voice.VoiceCloneResult> {
    return this.#runner.run((o) => Voices.Voices.use((voices) => voices.clone(params, o)), options)
  }

  /** Deletes a cloned voice (its id, or the full request). */
  delete(voice: string | Voice.VoiceDeleteRequest, options?: RequestOptions): Promise<Voice.VoiceDeleteResult> {
    return this.#runner.run((o) => Voices.Voices.use((voices) => voices.delete(voice, o)), options)
  }

  /** System (`OFFICIAL`) and cloned (`PRIVATE`) voices, optionally filtered. */
  list(params?: Voice.VoiceListRequest, options?: RequestOptions): Promise<Voice.VoiceList> {
    return this.#runner.run((o) => Voices.Voices.use((voices) => voices.list(params, o)), options)
  }
}

/**
 * `zai.audio`.
 *
 * @since 0.1.0
 */
export class AudioResource {
  /** `POST /audio/transcriptions`. */
  readonly transcriptions: Transcriptions
  /** `POST /audio/speech`. */
  readonly speech: Speech
  /** `POST /audio/customization`. */
  readonly customization: Customization
  /** `POST /voice/clone`, `POST /voice/delete`, `GET /voice/list`. */
  readonly voices: VoicesResource

  /** Built by the client. @internal */
  constructor(runner: Runner) {
    this.transcriptions = new Transcriptions(runner)
    this.speech = new Speech(runner)
    this.customization = new Customization(runner)
    this.voices = new VoicesResource(runner)
  }
}
