/**
 * The web reader, `POST /reader`: fetches a URL and returns its main content as markdown or text.
 * Strict request schema with its validator, lenient response schema (unknown fields kept, `null` accepted).
 *
 * Note that `timeout` here is a **body field** (seconds the reader may spend fetching the page), distinct from the
 * per-request `timeout` of the transport's `RequestOptions`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { UserId } from "./ChatCompletions.js"
import { makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"

/**
 * `markdown` (the default) or `text`.
 *
 * @since 0.1.0
 */
export const ReturnFormat = Schema.Literals(["markdown", "text"]).annotate({ identifier: "ReturnFormat" })

/**
 * A reader output format.
 *
 * @since 0.1.0
 */
export type ReturnFormat = typeof ReturnFormat.Type

/**
 * The reader's request id: 6–64 characters.
 *
 * @since 0.1.0
 */
export const ReaderRequestId = Schema.String.check(Schema.isBetweenLength(6, 64)).annotate({ identifier: "ReaderRequestId" })

/**
 * An absolute `http://` or `https://` URL.
 *
 * @since 0.1.0
 */
export const HttpUrl = Schema.String.check(
  Schema.isPattern(/^https?:\/\/[^\s/?#]+[^\s]*$/i, { expected: "an http(s) URL" })
).annotate({ identifier: "HttpUrl" })

/**
 * The body of `POST /reader`: strict (see `validateReaderRequest`).
 *
 * @since 0.1.0
 */
export const ReaderRequest = Schema.Struct({
  /** The page to read. */
  url: HttpUrl,
  /** Seconds the reader may spend fetching the page (default 20). A body field, not the HTTP timeout. */
  timeout: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 600 }))),
  /** Bypass the reader's cache. */
  no_cache: Schema.optionalKey(Schema.Boolean),
  /** `markdown` (default) or `text`. */
  return_format: Schema.optionalKey(ReturnFormat),
  /** Keep images in the content (default true). */
  retain_images: Schema.optionalKey(Schema.Boolean),
  /** Plain markdown instead of GitHub-flavoured markdown. */
  no_gfm: Schema.optionalKey(Schema.Boolean),
  /** Keep `data:` image URLs instead of dropping them. */
  keep_img_data_url: Schema.optionalKey(Schema.Boolean),
  /** Also return the page's images as `images` (alt text → URL). */
  with_images_summary: Schema.optionalKey(Schema.Boolean),
  /** Also return the page's links as `links` (text → URL). */
  with_links_summary: Schema.optionalKey(Schema.Boolean),
  /** Unique client request id, 6–64 characters. */
  request_id: Schema.optionalKey(ReaderRequestId),
  /** End-user id, 6–128 characters. */
  user_id: Schema.optionalKey(UserId)
}).annotate({ identifier: "ReaderRequest" })

/**
 * A reader request.
 *
 * @since 0.1.0
 */
export type ReaderRequest = typeof ReaderRequest.Type

/**
 * Validates an `unknown` value as a `ReaderRequest`, failing with `InvalidRequestInput` naming each bad field,
 * e.g. `Invalid ReaderRequest: return_format: expected "markdown" | "text", got "html"`.
 *
 * @since 0.1.0
 */
export const validateReaderRequest = makeValidator(ReaderRequest, "ReaderRequest")

/**
 * What the reader extracted: `{ title, description, url, content, publishedTime, metadata, external, images, links }`.
 * `images` and `links` (name → URL) are present with `with_images_summary` / `with_links_summary`.
 *
 * @since 0.1.0
 */
export const ReaderResult = lenient({
  title: maybe(Schema.String),
  description: maybe(Schema.String),
  url: maybe(Schema.String),
  content: maybe(Schema.String),
  publishedTime: maybe(Schema.String),
  metadata: maybe(Schema.Record(Schema.String, Schema.Unknown)),
  external: maybe(Schema.Record(Schema.String, Schema.Unknown)),
  images: maybe(Schema.Record(Schema.String, Schema.NullOr(Schema.String))),
  links: maybe(Schema.Record(Schema.String, Schema.NullOr(Schema.String)))
}).annotate({ identifier: "ReaderResult" })

/**
 * A reader result.
 *
 * @since 0.1.0
 */
export type ReaderResult = typeof ReaderResult.Type

/**
 * The answer of `POST /reader`: `{ id, created, request_id, model, reader_result }`.
 *
 * @since 0.1.0
 */
export const ReaderResponse = lenient({
  id: maybe(Schema.String),
  created: maybe(Schema.Number),
  request_id: maybe(Schema.String),
  model: maybe(Schema.String),
  reader_result: maybe(ReaderResult)
}).annotate({ identifier: "ReaderResponse" })

/**
 * A reader answer.
 *
 * @since 0.1.0
 */
export type ReaderResponse = typeof ReaderResponse.Type
