/**
 * Files (`/files`): the strict inputs of an upload (every field but the file itself, which is transport data),
 * of a knowledge-base upload and of a list query, and the lenient outputs: `FileObject`, `FileList`, `FileDeleted`
 * and the `{ successInfos, failedInfos }` answer of a knowledge-base upload.
 *
 * Request schemas are strict (see `InputValidation`); response schemas keep unknown fields and accept `null`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"
import { openLiterals } from "./Models.js"

const nonEmpty = (identifier: string, max: number) =>
  Schema.String.check(Schema.isBetweenLength(1, max)).annotate({
    identifier,
    expected: `a string of 1 to ${max} characters`
  })

const positiveInt = (expected: string) =>
  Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)).annotate({ expected })

// -----------------------------------------------------------------------------
// requests
// -----------------------------------------------------------------------------

/**
 * Every upload purpose the API documents.
 *
 * @since 0.1.0
 */
export const KnownFilePurposes = [
  "fine-tune",
  "retrieval",
  "batch",
  "voice-clone-input",
  "agent",
  "file-extract",
  "code-interpreter"
] as const

/**
 * An upload purpose: `fine-tune`, `retrieval` (knowledge bases), `batch`, `voice-clone-input`, `agent`,
 * `file-extract` or `code-interpreter`.
 *
 * @since 0.1.0
 */
export const FilePurpose = Schema.Literals(KnownFilePurposes).annotate({ identifier: "FilePurpose" })

/**
 * An upload purpose.
 *
 * @since 0.1.0
 */
export type FilePurpose = typeof FilePurpose.Type

/**
 * The purposes of a plain upload (everything but `retrieval`, which goes through `KnowledgeUploadRequest`).
 *
 * @since 0.1.0
 */
export const UploadPurpose = Schema.Literals([
  "fine-tune",
  "batch",
  "voice-clone-input",
  "agent",
  "file-extract",
  "code-interpreter"
]).annotate({ identifier: "UploadPurpose" })

/**
 * A plain upload purpose.
 *
 * @since 0.1.0
 */
export type UploadPurpose = typeof UploadPurpose.Type

/**
 * The form fields of a plain `POST /files` besides the file: `{ purpose }`.
 *
 * @since 0.1.0
 */
export const FileUploadRequest = Schema.Struct({
  /** What the file is for. */
  purpose: UploadPurpose
}).annotate({ identifier: "FileUploadRequest" })

/**
 * The form fields of a plain upload.
 *
 * @since 0.1.0
 */
export type FileUploadRequest = typeof FileUploadRequest.Type

/**
 * A document given by URL in a knowledge-base upload: `{ url, knowledge_type, file_name?, sentence_size?,
 * custom_separator?, callback_url?, callback_header? }`. Sent as `upload_detail[i][field]` form fields.
 *
 * @since 0.1.0
 */
export const UploadDetail = Schema.Struct({
  /** Where the platform fetches the document (http or https). */
  url: Schema.String.check(Schema.isPattern(/^https?:\/\/\S+$/i)).annotate({ expected: "an http(s) URL" }),
  /** The document type (a positive integer; the platform documents 1–5). */
  knowledge_type: positiveInt("a positive integer (the document type)"),
  /** The document's name in the knowledge base. */
  file_name: Schema.optionalKey(nonEmpty("FileName", 512)),
  /** Characters per slice. */
  sentence_size: Schema.optionalKey(positiveInt("a positive integer")),
  /** Separators used to slice the document. */
  custom_separator: Schema.optionalKey(Schema.Array(Schema.String)),
  /** Called when the document has been processed. */
  callback_url: Schema.optionalKey(
    Schema.String.check(Schema.isPattern(/^https?:\/\/\S+$/i)).annotate({ expected: "an http(s) URL" })
  ),
  /** Headers sent with the callback. */
  callback_header: Schema.optionalKey(Schema.Record(Schema.String, Schema.String))
}).annotate({ identifier: "UploadDetail" })

/**
 * A document given by URL.
 *
 * @since 0.1.0
 */
export type UploadDetail = typeof UploadDetail.Type

/**
 * The form fields of a knowledge-base upload (`POST /files` with purpose `retrieval`) besides the file:
 * `{ knowledge_id, sentence_size?, custom_separator?, upload_detail? }`. A file, `upload_detail`, or both must be given.
 *
 * @since 0.1.0
 */
export const KnowledgeUploadRequest = Schema.Struct({
  /** Always `retrieval` (set for you when absent). */
  purpose: Schema.optionalKey(Schema.Literal("retrieval")),
  /** The knowledge base that receives the documents. */
  knowledge_id: nonEmpty("KnowledgeId", 256),
  /** Characters per slice. */
  sentence_size: Schema.optionalKey(positiveInt("a positive integer")),
  /** Separators used to slice the documents (sent as `custom_separator[]`). */
  custom_separator: Schema.optionalKey(Schema.Array(Schema.String)),
  /** Documents given by URL (sent as `upload_detail[i][field]`). */
  upload_detail: Schema.optionalKey(
    Schema.Array(UploadDetail).check(Schema.isMinLength(1)).annotate({ expected: "at least one document" })
  )
}).annotate({ identifier: "KnowledgeUploadRequest" })

/**
 * The form fields of a knowledge-base upload.
 *
 * @since 0.1.0
 */
export type KnowledgeUploadRequest = typeof KnowledgeUploadRequest.Type

/**
 * The query of `GET /files`: `purpose`, `limit`, `after` (the last id seen), `order`; for the documents of a
 * knowledge base `knowledge_id` and `page`.
 *
 * @since 0.1.0
 */
export const FileListQuery = Schema.Struct({
  /** Only files uploaded for this purpose. */
  purpose: Schema.optionalKey(FilePurpose),
  /** Items per page. */
  limit: Schema.optionalKey(
    Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 10_000 })).annotate({
      expected: "an integer from 1 to 10000"
    })
  ),
  /** Start after this file id. */
  after: Schema.optionalKey(nonEmpty("FileId", 256)),
  /** `desc` (newest first) or `asc`. */
  order: Schema.optionalKey(Schema.Literals(["asc", "desc"])),
  /** The knowledge base whose documents to list. */
  knowledge_id: Schema.optionalKey(nonEmpty("KnowledgeId", 256)),
  /** Page number (knowledge-base documents). */
  page: Schema.optionalKey(positiveInt("a positive integer"))
}).annotate({ identifier: "FileListQuery" })

/**
 * A list query.
 *
 * @since 0.1.0
 */
export type FileListQuery = typeof FileListQuery.Type

/**
 * A file id given as `{ file_id }` (path parameter): 1 to 256 characters.
 *
 * @since 0.1.0
 */
export const FileIdInput = Schema.Struct({ file_id: nonEmpty("FileId", 256) }).annotate({ identifier: "FileId" })

/**
 * Validates the form fields of a plain upload.
 *
 * @since 0.1.0
 */
export const validateUploadRequest = makeValidator(FileUploadRequest, "FileUploadRequest")

/**
 * Validates the form fields of a knowledge-base upload.
 *
 * @since 0.1.0
 */
export const validateKnowledgeUploadRequest = makeValidator(KnowledgeUploadRequest, "KnowledgeUploadRequest")

/**
 * Validates a list query.
 *
 * @since 0.1.0
 */
export const validateListQuery = makeValidator(FileListQuery, "FileListQuery")

/**
 * Validates a file id given as `{ file_id }`.
 *
 * @since 0.1.0
 */
export const validateFileId = makeValidator(FileIdInput, "FileId")

// -----------------------------------------------------------------------------
// responses
// -----------------------------------------------------------------------------

/**
 * The purpose reported on a file: the known purposes, any other string accepted.
 *
 * @since 0.1.0
 */
export const FilePurposeOut = openLiterals(KnownFilePurposes, {
  identifier: "FilePurposeOut",
  description: "The purpose a file was uploaded for"
})

/**
 * A reported purpose.
 *
 * @since 0.1.0
 */
export type FilePurposeOut = typeof FilePurposeOut.Type

/**
 * An uploaded file: `{ id, object, bytes, filename, purpose, created_at (Unix seconds), status?, status_details? }`.
 * `id` is required; every other field may be absent or `null`, and unknown fields are kept.
 *
 * @since 0.1.0
 */
export const FileObject = lenient({
  id: Schema.String,
  object: maybe(Schema.String),
  bytes: maybe(Schema.Number),
  filename: maybe(Schema.String),
  purpose: maybe(FilePurposeOut),
  created_at: maybe(Schema.Number),
  status: maybe(Schema.String),
  status_details: maybe(Schema.Union([Schema.String, Schema.Record(Schema.String, Schema.Unknown)]))
}).annotate({ identifier: "FileObject" })

/**
 * An uploaded file.
 *
 * @since 0.1.0
 */
export type FileObject = typeof FileObject.Type

/**
 * One page of `GET /files`: `{ object, data, has_more, first_id?, last_id? }`.
 *
 * @since 0.1.0
 */
export const FileList = lenient({
  object: maybe(Schema.String),
  data: maybe(Schema.Array(FileObject)),
  has_more: maybe(Schema.Boolean),
  first_id: maybe(Schema.String),
  last_id: maybe(Schema.String)
}).annotate({ identifier: "FileList" })

/**
 * A page of files.
 *
 * @since 0.1.0
 */
export type FileList = typeof FileList.Type

/**
 * The answer of `DELETE /files/{file_id}`: `{ id, deleted, object: "file" }`.
 *
 * @since 0.1.0
 */
export const FileDeleted = lenient({
  id: maybe(Schema.String),
  deleted: maybe(Schema.Boolean),
  object: maybe(Schema.String)
}).annotate({ identifier: "FileDeleted" })

/**
 * A deletion answer.
 *
 * @since 0.1.0
 */
export type FileDeleted = typeof FileDeleted.Type

/**
 * A document a knowledge-base upload accepted: `{ documentId, filename }`.
 *
 * @since 0.1.0
 */
export const KnowledgeUploadSuccess = lenient({
  documentId: maybe(Schema.String),
  filename: maybe(Schema.String)
}).annotate({ identifier: "KnowledgeUploadSuccess" })

/**
 * An accepted document.
 *
 * @since 0.1.0
 */
export type KnowledgeUploadSuccess = typeof KnowledgeUploadSuccess.Type

/**
 * A document a knowledge-base upload rejected: `{ failReason, filename, documentId }` (format not supported, file too
 * large, knowledge base full, ...).
 *
 * @since 0.1.0
 */
export const KnowledgeUploadFailure = lenient({
  failReason: maybe(Schema.String),
  filename: maybe(Schema.String),
  documentId: maybe(Schema.String)
}).annotate({ identifier: "KnowledgeUploadFailure" })

/**
 * A rejected document.
 *
 * @since 0.1.0
 */
export type KnowledgeUploadFailure = typeof KnowledgeUploadFailure.Type

/**
 * The answer of a knowledge-base upload: `{ successInfos, failedInfos }`.
 *
 * @since 0.1.0
 */
export const KnowledgeUploadResult = lenient({
  successInfos: maybe(Schema.Array(KnowledgeUploadSuccess)),
  failedInfos: maybe(Schema.Array(KnowledgeUploadFailure))
}).annotate({ identifier: "KnowledgeUploadResult" })

/**
 * A knowledge-base upload answer.
 *
 * @since 0.1.0
 */
export type KnowledgeUploadResult = typeof KnowledgeUploadResult.Type
