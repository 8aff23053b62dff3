/**
 * `@zai-kit/documents`: document understanding for Z.ai on `ZaiClient`: GLM-OCR layout parsing
 * (`POST /layout_parsing`), handwriting OCR (`POST /files/ocr`) and the file parser (`POST /files/parser/create`
 * with polling of `GET /files/parser/result/{task_id}/{format_type}`, and `POST /files/parser/sync`).
 *
 * @since 0.1.0
 */

/**
 * The `Documents` service (`layoutParsing` / `ocr`, `handwriting`, `parse` → `ParseTask`, `parseTask`,
 * `parseResult`, `parseSync`), its layer, its input types and module-level accessors.
 *
 * @since 0.1.0
 */
export * as Documents from "./Documents.js"
