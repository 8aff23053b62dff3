/**
 * A byte-level Server-Sent Events decoder.
 *
 * Works on raw bytes: UTF-8 sequences split across reads (TextDecoder stream mode), a leading BOM,
 * CRLF / CR / LF line ends (also a CRLF split across reads), multi-line `data:` joined with `\n`,
 * `:` comments, `event:` / `id:` / `retry:` fields (a `retry:` is reported on the event, never as a failure).
 * One event is bounded in size (10 Mi characters by default); above it the stream fails with a typed
 * `StreamParseError`. At the end of the input a last event without its blank line is still dispatched,
 * so a truncated frame reaches the JSON layer, which reports it with its raw text.
 *
 * @since 0.1.0
 */
import { Array as Arr, Cause, Effect, Pull, Stream } from "effect"
import { StreamParseError } from "./ZaiError.js"

/**
 * One dispatched event. `event` is the `event:` field (absent for the default `message` type),
 * `id` the last event id seen, `retry` the `retry:` field of this event's block.
 *
 * @since 0.1.0
 */
export interface SseEvent {
  readonly event?: string | undefined
  readonly data: string
  readonly id?: string | undefined
  readonly retry?: number | undefined
}

/**
 * Decoder options.
 *
 * @since 0.1.0
 */
export interface Options {
  /** Largest event accepted, in characters (UTF-16 code units) of its lines; 10 Mi by default. */
  readonly maxEventSize?: number | undefined
}

/**
 * Default bound of one event: 10 Mi characters.
 *
 * @since 0.1.0
 */
export const defaultMaxEventSize = 10 * 1024 * 1024

/**
 * The `data` of the frame that ends a Z.ai stream.
 *
 * @since 0.1.0
 */
export const DONE = "[DONE]"

/**
 * An incremental decoder: feed it byte chunks, collect events. Never throws; a failure is returned.
 *
 * @since 0.1.0
 */
export interface Decoder {
  /** Decodes one chunk, pushing complete events onto `out`. Returns an error when an event is too large. */
  readonly feed: (bytes: Uint8Array, out: Array<SseEvent>) => StreamParseError | undefined
  /** Flushes the end of the input: a last unterminated line and a last event without its blank line. */
  readonly end: (out: Array<SseEvent>) => StreamParseError | undefined
}

const LF = 10
const CR = 13
const RAW_LIMIT = 64 * 1024

const tooLarge = (max: number, sample: string): StreamParseError =>
  new StreamParseError({
    message: `SSE event larger than ${max} characters`,
    isRetryable: false,
    attempts: 0,
    reason: "event-too-large",
    raw: sample.slice(0, RAW_LIMIT)
  })

/**
 * Creates an incremental decoder.
 *
 * @since 0.1.0
 */
export const makeDecoder = (options?: Options): Decoder => {
  const max = options?.maxEventSize ?? defaultMaxEventSize
  const textDecoder = new TextDecoder("utf-8")
  // unterminated line carried to the next chunk, kept as parts so a long line is not re-scanned
  let pending: Array<string> = []
  let pendingLength = 0
  let skipLF = false
  let data: string | undefined
  let eventType: string | undefined
  let lastId: string | undefined
  let retry: number | undefined
  let size = 0

  const dispatch = (out: Array<SseEvent>): void => {
    if (data !== undefined) {
      out.push({ event: eventType, data, id: lastId, retry })
    }
    data = undefined
    eventType = undefined
    retry = undefined
    size = 0
  }

  const line = (text: string, out: Array<SseEvent>): StreamParseError | undefined => {
    const length = text.length
    if (length === 0) {
      dispatch(out)
      return undefined
    }
    if (size + length > max) return tooLarge(max, text)
    const first = text.charCodeAt(0)
    if (first === 58 /* : */) return undefined
    // fast path for the only field Z.ai sends in practice
    if (first === 100 /* d */ && text.startsWith("data:")) {
      const value = text.charCodeAt(5) === 32 ? text.slice(6) : text.slice(5)
      size += value.length + 1
      if (size > max) return tooLarge(max, data === undefined ? value : data)
      data = data === undefined ? value : `${data}\n${value}`
      return undefined
    }
    const colon = text.indexOf(":")
    const field = colon === -1 ? text : text.slice(0, colon)
    const value = colon === -1 ? "" : text.charCodeAt(colon + 1) === 32 ? text.slice(colon + 2) : text.slice(colon + 1)
    switch (field) {
      case "data": {
        size += value.length + 1
        if (size > max) return tooLarge(max, data === undefined ? value : data)
        data = data === undefined ? value : `${data}\n${value}`
        return undefined
      }
      case "event": {
        eventType = value
        return undefined
      }
      case "id": {
        if (!value.includes("\0")) lastId = value
        return undefined
      }
      case "retry": {
        if (/^\d+$/.test(value)) retry = Number.parseInt(value, 10)
        return undefined
      }
      default:
        return undefined
    }
  }

  const takeLine = (text: string, start: number, end: number): string => {
    if (pendingLength === 0) return text.slice(start, end)
    pending.push(text.slice(start, end))
    const joined = pending.join("")
    pending = []
    pendingLength = 0
    return joined
  }

  const process = (text: string, out: Array<SseEvent>): StreamParseError | undefined => {
    const length = text.length
    if (length === 0) return undefined
    let pos = 0
    if (skipLF) {
      skipLF = false
      if (text.charCodeAt(0) === LF) pos = 1
    }
    if (text.indexOf("\r", pos) === -1) {
      // LF-only input (the common case)
      let index = text.indexOf("\n", pos)
      while (index !== -1) {
        const error = line(takeLine(text, pos, index), out)
        if (error !== undefined) return error
        pos = index + 1
        index = text.indexOf("\n", pos)
      }
    } else {
      for (let i = pos; i < length; i++) {
        const c = text.charCodeAt(i)
        if (c !== LF && c !== CR) continue
        const error = line(takeLine(text, pos, i), out)
        if (error !== undefined) return error
        if (c === CR) {
          if (i + 1 < length) {
            if (text.charCodeAt(i + 1) === LF) i++
          } else {
            skipLF = true
          }
        }
        pos = i + 1
      }
    }
    if (pos < length) {
      const rest = pos === 0 ? text : text.slice(pos)
      pending.push(rest)
      pendingLength += rest.length
      if (size + pendingLength > max) return tooLarge(max, pending[0] ?? "")
    }
    return undefined
  }

  return {
    feed: (bytes, out) => process(textDecoder.decode(bytes, { stream: true }), out),
    end: (out) => {
      const error = process(textDecoder.decode(), out)
      if (error !== undefined) return error
      if (pendingLength > 0) {
        const last = pending.join("")
        pending = []
        pendingLength = 0
        const lineError = line(last, out)
        if (lineError !== undefined) return lineError
      }
      dispatch(out)
      return undefined
    }
  }
}

/**
 * Decodes a byte stream into SSE events. Fails with `StreamParseError` when an event exceeds `maxEventSize`;
 * failures of the byte stream pass through unchanged.
 *
 * @since 0.1.0
 */
export const decodeSse = <E, R>(
  bytes: Stream.Stream<Uint8Array, E, R>,
  options?: Options
): Stream.Stream<SseEvent, E | StreamParseError, R> =>
  Stream.transformPull(bytes, (pull) =>
    Effect.sync(() => {
      const decoder = makeDecoder(options)
      let ended = false
      type Out = Pull.Pull<Arr.NonEmptyReadonlyArray<SseEvent>, E | StreamParseError>
      const onEnd: Out = Effect.suspend((): Out => {
        ended = true
        const out: Array<SseEvent> = []
        const error = decoder.end(out)
        if (error !== undefined) return Effect.fail(error)
        return Arr.isArrayNonEmpty(out) ? Effect.succeed(out) : Cause.done()
      })
      const loop: Out = Effect.suspend(
        (): Out =>
        ended
          ? Cause.done()
          : Pull.catchDone(
              Effect.flatMap(pull, (chunks): Out => {
                const out: Array<SseEvent> = []
                for (let i = 0; i < chunks.length; i++) {
                  const error = decoder.feed(chunks[i], out)
                  if (error !== undefined) return Effect.fail(error)
                }
                return Arr.isArrayNonEmpty(out) ? Effect.succeed(out) : loop
              }),
              () => onEnd
            )
      )
      return loop
    })
  )
