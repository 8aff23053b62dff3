/**
 * Document understanding: `POST /layout_parsing` (GLM-OCR layout parsing, JSON), `POST /files/ocr` (handwriting OCR,
 * multipart), `POST /files/parser/create` + `GET /files/parser/result/{task_id}/{format_type}` (asynchronous file
 * parser) and `POST /files/parser/sync` (synchronous file parser, multipart).
 *
 * The multipart operations have strict schemas for their **text fields** only (`HandwritingOcrFields`,
 * `FileParserCreateFields`, `FileParserSyncFields`): the `file` part is added by `@zai-kit/documents`, which accepts
 * a path, bytes, a `Blob` or a byte stream. Responses are lenient (unknown fields kept, `null` accepted).
 *
 * @since 0.1.0
 */
import { Schema, SchemaIssue } from "effect"
import { RequestId, UserId } from "./ChatCompletions.js"
import { Usage } from "./ChatResponses.js"
import { makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"
import { OcrModel, openLiterals } from "./Models.js"

// -----------------------------------------------------------------------------
// POST /layout_parsing
// -----------------------------------------------------------------------------

/**
 * The body of `POST /layout_parsing`: strict (see `validateLayoutParsingRequest`). `file` is a URL or base64
 * (optionally a `data:` URL); PDF ≤ 50 MB and 100 pages, images ≤ 10 MB.
 *
 * @since 0.1.0
 */
export const LayoutParsingRequest = Schema.Struct({
  /** The OCR model, `glm-ocr`. */
  model: OcrModel,
  /** The image or PDF: a URL, base64, or a `data:` URL. */
  file: Schema.String.check(Schema.isMinLength(1)),
  /** Also return crops of the recognised images. */
  return_crop_images: Schema.optionalKey(Schema.Boolean),
  /** Also return rendered layout images (`layout_visualization`). */
  need_layout_visualization: Schema.optionalKey(Schema.Boolean),
  /** First page to parse (PDF, 1-based). */
  start_page_id: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))),
  /** Last page to parse (PDF, 1-based, ≥ `start_page_id`). */
  end_page_id: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))),
  /** Unique client request id. */
  request_id: Schema.optionalKey(RequestId),
  /** End-user id, 6–128 characters. */
  user_id: Schema.optionalKey(UserId)
})
  .check(
    Schema.makeFilter((request, _ast, options) =>
      request.start_page_id === undefined || request.end_page_id === undefined || request.end_page_id >= request.start_page_id
        ? undefined
        : {
            path: ["end_page_id"],
            issue: new SchemaIssue.InvalidValue(
              { expected: `a page number ≥ start_page_id (${request.start_page_id})` },
              request.end_page_id,
              options
            )
          }
    )
  )
  .annotate({ identifier: "LayoutParsingRequest" })

/**
 * A layout parsing request.
 *
 * @since 0.1.0
 */
export type LayoutParsingRequest = typeof LayoutParsingRequest.Type

/**
 * Validates an `unknown` value as a `LayoutParsingRequest`, failing with `InvalidRequestInput` naming each bad field.
 *
 * @since 0.1.0
 */
export const validateLayoutParsingRequest = makeValidator(LayoutParsingRequest, "LayoutParsingRequest")

/**
 * One layout element of a page: `{ index, label (text | image | formula | table | ...), bbox_2d (normalised
 * [x1, y1, x2, y2]), content (text, image URL or table HTML), width, height (of the page) }`.
 *
 * @since 0.1.0
 */
export const LayoutDetail = lenient({
  index: maybe(Schema.Number),
  label: maybe(Schema.String),
  bbox_2d: maybe(Schema.Array(Schema.Number)),
  content: maybe(Schema.String),
  width: maybe(Schema.Number),
  height: maybe(Schema.Number)
}).annotate({ identifier: "LayoutDetail" })

/**
 * A layout element.
 *
 * @since 0.1.0
 */
export type LayoutDetail = typeof LayoutDetail.Type

/**
 * The size of one page: `{ width, height }`.
 *
 * @since 0.1.0
 */
export const PageInfo = lenient({
  width: maybe(Schema.Number),
  height: maybe(Schema.Number)
}).annotate({ identifier: "PageInfo" })

/**
 * A page size.
 *
 * @since 0.1.0
 */
export type PageInfo = typeof PageInfo.Type

/**
 * `{ num_pages, pages[{ width, height }] }`.
 *
 * @since 0.1.0
 */
export const DataInfo = lenient({
  num_pages: maybe(Schema.Number),
  pages: maybe(Schema.Array(PageInfo))
}).annotate({ identifier: "DataInfo" })

/**
 * Document information.
 *
 * @since 0.1.0
 */
export type DataInfo = typeof DataInfo.Type

/**
 * The answer of `POST /layout_parsing`: `{ id, created, model, md_results (markdown of the whole document),
 * layout_details (one array of elements per page), layout_visualization (image URLs), data_info, usage, request_id }`.
 *
 * @since 0.1.0
 */
export const LayoutParsingResponse = lenient({
  id: maybe(Schema.String),
  created: maybe(Schema.Number),
  model: maybe(Schema.String),
  md_results: maybe(Schema.String),
  layout_details: maybe(Schema.Array(Schema.NullOr(Schema.Array(LayoutDetail)))),
  layout_visualization: maybe(Schema.Array(Schema.String)),
  data_info: maybe(DataInfo),
  usage: maybe(Usage),
  request_id: maybe(Schema.String)
}).annotate({ identifier: "LayoutParsingResponse" })

/**
 * A layout parsing answer.
 *
 * @since 0.1.0
 */
export type LayoutParsingResponse = typeof LayoutParsingResponse.Type

// -----------------------------------------------------------------------------
// POST /files/ocr (handwriting)
// -----------------------------------------------------------------------------

/**
 * Languages of handwriting OCR: `CHN_ENG` (default), `AUTO`, `ENG`, `JAP`, `KOR`, `FRE`, `SPA`, `POR`, `GER`, `ITA`,
 * `RUS`; any other string is accepted.
 *
 * @since 0.1.0
 */
export const OcrLanguage = openLiterals(
  ["CHN_ENG", "AUTO", "ENG", "JAP", "KOR", "FRE", "SPA", "POR", "GER", "ITA", "RUS"],
  { identifier: "OcrLanguage", description: "The language of the handwriting, e.g. CHN_ENG" }
)

/**
 * A handwriting OCR language.
 *
 * @since 0.1.0
 */
export type OcrLanguage = typeof OcrLanguage.Type

/**
 * The text fields of `POST /files/ocr` (the `file` part is added by the caller): strict.
 *
 * @since 0.1.0
 */
export const HandwritingOcrFields = Schema.Struct({
  /** The OCR tool: `hand_write` (the only one; filled in when absent). */
  tool_type: Schema.optionalKey(Schema.Literal("hand_write")),
  /** The language of the handwriting. */
  language_type: Schema.optionalKey(OcrLanguage),
  /** Also return the confidence of each line (`probability`). */
  probability: Schema.optionalKey(Schema.Boolean)
}).annotate({ identifier: "HandwritingOcrFields" })

/**
 * The text fields of a handwriting OCR request.
 *
 * @since 0.1.0
 */
export type HandwritingOcrFields = typeof HandwritingOcrFields.Type

/**
 * Validates the text fields of a handwriting OCR request.
 *
 * @since 0.1.0
 */
export const validateHandwritingOcrFields = makeValidator(HandwritingOcrFields, "HandwritingOcrRequest")

/**
 * Where a line was found, in pixels: `{ left, top, width, height }`.
 *
 * @since 0.1.0
 */
export const WordsLocation = lenient({
  left: maybe(Schema.Number),
  top: maybe(Schema.Number),
  width: maybe(Schema.Number),
  height: maybe(Schema.Number)
}).annotate({ identifier: "WordsLocation" })

/**
 * A line's location.
 *
 * @since 0.1.0
 */
export type WordsLocation = typeof WordsLocation.Type

/**
 * The confidence of a line: `{ average, variance, min }`.
 *
 * @since 0.1.0
 */
export const WordsProbability = lenient({
  average: maybe(Schema.Number),
  variance: maybe(Schema.Number),
  min: maybe(Schema.Number)
}).annotate({ identifier: "WordsProbability" })

/**
 * A line's confidence.
 *
 * @since 0.1.0
 */
export type WordsProbability = typeof WordsProbability.Type

/**
 * One recognised line: `{ location, words, probability }`.
 *
 * @since 0.1.0
 */
export const WordsResult = lenient({
  location: maybe(WordsLocation),
  words: maybe(Schema.String),
  probability: maybe(WordsProbability)
}).annotate({ identifier: "WordsResult" })

/**
 * A recognised line.
 *
 * @since 0.1.0
 */
export type WordsResult = typeof WordsResult.Type

/**
 * The answer of `POST /files/ocr`: `{ task_id, message, status, words_result_num, words_result[] }`.
 *
 * @since 0.1.0
 */
export const HandwritingOcrResponse = lenient({
  task_id: maybe(Schema.String),
  message: maybe(Schema.String),
  status: maybe(Schema.String),
  words_result_num: maybe(Schema.Number),
  words_result: maybe(Schema.Array(WordsResult))
}).annotate({ identifier: "HandwritingOcrResponse" })

/**
 * A handwriting OCR answer.
 *
 * @since 0.1.0
 */
export type HandwritingOcrResponse = typeof HandwritingOcrResponse.Type

// -----------------------------------------------------------------------------
// file parser
// -----------------------------------------------------------------------------

/**
 * File types the parser knows (`file_type`, upper case): documents, spreadsheets, slides, images, text.
 *
 * @since 0.1.0
 */
export const KnownParserFileTypes = [
  "PDF",
  "DOCX",
  "DOC",
  "XLS",
  "XLSX",
  "PPT",
  "PPTX",
  "PNG",
  "JPG",
  "JPEG",
  "CSV",
  "TXT",
  "MD",
  "HTML",
  "BMP",
  "GIF",
  "WEBP",
  "HEIC",
  "EPS",
  "ICNS",
  "IM",
  "PCX",
  "PPM",
  "TIFF",
  "XBM",
  "HEIF",
  "JP2",
  "WPS"
] as const

/**
 * A parser file type: any string, typed with autocompletion for the known ones.
 *
 * @since 0.1.0
 */
export const ParserFileType = openLiterals(KnownParserFileTypes, {
  identifier: "ParserFileType",
  description: "The type of the file to parse, e.g. PDF"
})

/**
 * A parser file type.
 *
 * @since 0.1.0
 */
export type ParserFileType = typeof ParserFileType.Type

/**
 * The asynchronous parser tools: `lite` (fast, text only), `expert` (layout, tables, formulas), `prime` (everything,
 * images included).
 *
 * @since 0.1.0
 */
export const ParserToolType = Schema.Literals(["lite", "expert", "prime"]).annotate({ identifier: "ParserToolType" })

/**
 * An asynchronous parser tool.
 *
 * @since 0.1.0
 */
export type ParserToolType = typeof ParserToolType.Type

/**
 * The text fields of `POST /files/parser/create` (the `file` part is added by the caller): strict.
 *
 * @since 0.1.0
 */
export const FileParserCreateFields = Schema.Struct({
  /** The parser tool: `lite`, `expert` or `prime`. */
  tool_type: ParserToolType,
  /** The file's type (inferred from the file name when absent). */
  file_type: Schema.optionalKey(ParserFileType)
}).annotate({ identifier: "FileParserCreateFields" })

/**
 * The text fields of a parse request.
 *
 * @since 0.1.0
 */
export type FileParserCreateFields = typeof FileParserCreateFields.Type

/**
 * Validates the text fields of a parse request.
 *
 * @since 0.1.0
 */
export const validateFileParserCreateFields = makeValidator(FileParserCreateFields, "FileParserCreateRequest")

/**
 * The answer of `POST /files/parser/create`: `{ task_id, message, success }`.
 *
 * @since 0.1.0
 */
export const FileParserTask = lenient({
  task_id: Schema.String,
  message: maybe(Schema.String),
  success: maybe(Schema.Boolean)
}).annotate({ identifier: "FileParserTask" })

/**
 * A parse task.
 *
 * @since 0.1.0
 */
export type FileParserTask = typeof FileParserTask.Type

/**
 * The formats of `GET /files/parser/result/{task_id}/{format_type}`: `text` (the content) or `download_link`
 * (a URL to a result archive).
 *
 * @since 0.1.0
 */
export const ParseFormat = Schema.Literals(["text", "download_link"]).annotate({ identifier: "ParseFormat" })

/**
 * A parse result format.
 *
 * @since 0.1.0
 */
export type ParseFormat = typeof ParseFormat.Type

/**
 * The status of a parse: `processing`, `succeeded` or `failed` (any other string is accepted).
 *
 * @since 0.1.0
 */
export const ParseStatus = openLiterals(["processing", "succeeded", "failed"], {
  identifier: "ParseStatus",
  description: "The status of a file parse task"
})

/**
 * A parse status.
 *
 * @since 0.1.0
 */
export type ParseStatus = typeof ParseStatus.Type

/**
 * A parse result (and the answer of `POST /files/parser/sync`): `{ task_id, status, message, content (format text),
 * parsing_result_url (format download_link) }`. Some answers carry a boolean `status`.
 *
 * @since 0.1.0
 */
export const FileParserResult = lenient({
  task_id: maybe(Schema.String),
  status: maybe(Schema.Union([ParseStatus, Schema.Boolean])),
  message: maybe(Schema.String),
  content: maybe(Schema.String),
  parsing_result_url: maybe(Schema.String)
}).annotate({ identifier: "FileParserResult" })

/**
 * A parse result.
 *
 * @since 0.1.0
 */
export type FileParserResult = typeof FileParserResult.Type

/**
 * The text fields of `POST /files/parser/sync` (the `file` part is added by the caller): strict.
 *
 * @since 0.1.0
 */
export const FileParserSyncFields = Schema.Struct({
  /** The synchronous parser tool: `prime-sync` (filled in when absent). */
  tool_type: Schema.optionalKey(Schema.Literal("prime-sync")),
  /** The file's type (inferred from the file name when absent). */
  file_type: Schema.optionalKey(ParserFileType)
}).annotate({ identifier: "FileParserSyncFields" })

/**
 * The text fields of a synchronous parse request.
 *
 * @since 0.1.0
 */
export type FileParserSyncFields = typeof FileParserSyncFields.Type

/**
 * Validates the text fields of a synchronous parse request.
 *
 * @since 0.1.0
 */
export const validateFileParserSyncFields = makeValidator(FileParserSyncFields, "FileParserSyncRequest")
