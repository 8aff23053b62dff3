/**
 * The `Voices` service: voice cloning over `ZaiClient`. `clone` makes a new voice from an uploaded sample (a file id
 * from `POST /files` with purpose `voice-clone-input`), `list` shows the system and cloned voices, `delete` removes a
 * clone. A cloned voice id works as the `voice` of `Audio.speech`.
 *
 * ```ts
 * const voices = yield* Voices.use((v) => v.list({ voice_type: "PRIVATE" }))
 * ```
 *
 * @since 0.1.0
 */
import { Voice } from "@zai-kit/schema"
import { type RequestOptions, ZaiClient } from "@zai-kit/transport"
import { Context, Effect, Layer } from "effect"
import type { AudioError } from "./Audio.js"

/**
 * The operations of the service.
 *
 * @since 0.1.0
 */
export interface Service {
  /** `POST /voice/clone`: the new voice id (`voice`) and the preview audio's file id. */
  readonly clone: (
    request: Voice.VoiceCloneRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Voice.VoiceCloneResult, AudioError>
  /** `POST /voice/delete`: deletes a cloned voice, given by id or as `{ voice, request_id? }`. */
  readonly delete: (
    voice: string | Voice.VoiceDeleteRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Voice.VoiceDeleteResult, AudioError>
  /**
   * `GET /voice/list?voiceType=&voiceName=`: system (`OFFICIAL`) and cloned (`PRIVATE`) voices, optionally filtered
   * by type and (fuzzy) name. A `request_id` (or `options.requestId`) is sent as a query parameter and a `Request-Id`
   * header.
   */
  readonly list: (
    request?: Voice.VoiceListRequest,
    options?: RequestOptions.RequestOptions
  ) => Effect.Effect<Voice.VoiceList, AudioError>
}

/**
 * The service key.
 *
 * @since 0.1.0
 */
export class Voices extends Context.Service<Voices, Service>()("@zai-kit/audio/Voices") {
  /**
   * The service on the `ZaiClient` of the context.
   *
   * @since 0.1.0
   */
  static readonly layer: Layer.Layer<Voices, never, ZaiClient.ZaiClient> = Layer.effect(
    Voices,
    Effect.map(ZaiClient.ZaiClient, (client) => make(client))
  )
}

/**
 * Builds the service on a client.
 *
 * @since 0.1.0
 */
export const make = (client: ZaiClient.Service): Service => {
  const clone = Effect.fn("Voices.clone")(function*(request: Voice.VoiceCloneRequest, options?: RequestOptions.RequestOptions) {
    const valid = yield* Voice.validateVoiceCloneRequest(request)
    return yield* client.json(
      { method: "POST", path: "/voice/clone", operation: "voice.clone", body: { _tag: "Json", value: valid }, options },
      Voice.VoiceCloneResult
    )
  })

  const remove = Effect.fn("Voices.delete")(function*(
    voice: string | Voice.VoiceDeleteRequest,
    options?: RequestOptions.RequestOptions
  ) {
    const valid = yield* Voice.validateVoiceDeleteRequest(typeof voice === "string" ? { voice } : voice)
    return yield* client.json(
      { method: "POST", path: "/voice/delete", operation: "voice.delete", body: { _tag: "Json", value: valid }, options },
      Voice.VoiceDeleteResult
    )
  })

  const list = Effect.fn("Voices.list")(function*(request?: Voice.VoiceListRequest, options?: RequestOptions.RequestOptions) {
    const valid = yield* Voice.validateVoiceListRequest(request ?? {})
    // the request id goes to the query (the endpoint's own parameter); transport sends it as `Request-Id` too
    const requestId = valid.request_id ?? options?.requestId
    const query = Voice.toListQuery(requestId === undefined ? valid : { ...valid, request_id: requestId })
    return yield* client.json(
      {
        method: "GET",
        path: "/voice/list",
        operation: "voice.list",
        query,
        options: requestId === undefined ? options : { ...options, requestId }
      },
      Voice.VoiceList
    )
  })

  return Voices.of({ clone, delete: remove, list })
}
