/**
 * Knowledge bases and their documents (legacy bigmodel surface, known only from the `zhipuai` v4 SDKs; it may not
 * exist on api.z.ai): `POST/PUT/GET/DELETE /knowledge`, `GET /knowledge/capacity`, `PUT/GET/DELETE /document/{id}`.
 *
 * Request schemas are strict (see `InputValidation`); response schemas keep unknown fields and accept `null`.
 * Several of these endpoints answer 200 with an empty body: `EmptyResponse` accepts that (and any JSON).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { makeValidator } from "./InputValidation.js"
import { lenient, maybe } from "./internal/lenient.js"

// -----------------------------------------------------------------------------
// requests
// -----------------------------------------------------------------------------

const text = (identifier: string, max: number) =>
  Schema.String.check(Schema.isBetweenLength(1, max)).annotate({
    identifier,
    expected: `a string of 1 to ${max} characters`
  })

/**
 * The id of the embedding model a knowledge base is bound to (a positive integer; see the platform's model list).
 *
 * @since 0.1.0
 */
export const EmbeddingId = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)).annotate({
  identifier: "EmbeddingId",
  expected: "an integer ≥ 1"
})

/**
 * Background colour of a knowledge base's card: `blue`, `red`, `orange`, `purple` or `sky`.
 *
 * @since 0.1.0
 */
export const Background = Schema.Literals(["blue", "red", "orange", "purple", "sky"]).annotate({
  identifier: "KnowledgeBackground"
})

/**
 * A background colour.
 *
 * @since 0.1.0
 */
export type Background = typeof Background.Type

/**
 * Icon of a knowledge base's card: `question`, `book`, `seal`, `wrench`, `tag`, `horn` or `house`.
 *
 * @since 0.1.0
 */
export const Icon = Schema.Literals(["question", "book", "seal", "wrench", "tag", "horn", "house"]).annotate({
  identifier: "KnowledgeIcon"
})

/**
 * An icon.
 *
 * @since 0.1.0
 */
export type Icon = typeof Icon.Type

/**
 * The body of `POST /knowledge`: `embedding_id` and `name` are required.
 *
 * @since 0.1.0
 */
export const CreateKnowledgeRequest = Schema.Struct({
  /** The embedding model id. */
  embedding_id: EmbeddingId,
  /** Name of the knowledge base. */
  name: text("KnowledgeName", 256),
  /** What the knowledge base holds. */
  description: Schema.optionalKey(Schema.String),
  /** Your own identifier of the end customer. */
  customer_identifier: Schema.optionalKey(Schema.String),
  /** Card background colour. */
  background: Schema.optionalKey(Background),
  /** Card icon. */
  icon: Schema.optionalKey(Icon),
  /** Storage bucket id. */
  bucket_id: Schema.optionalKey(Schema.String)
}).annotate({ identifier: "CreateKnowledgeRequest" })

/**
 * A knowledge-base creation request.
 *
 * @since 0.1.0
 */
export type CreateKnowledgeRequest = typeof CreateKnowledgeRequest.Type

/**
 * The body of `PUT /knowledge/{id}`: the fields to change.
 *
 * @since 0.1.0
 */
export const UpdateKnowledgeRequest = Schema.Struct({
  /** The embedding model id. */
  embedding_id: Schema.optionalKey(EmbeddingId),
  /** New name. */
  name: Schema.optionalKey(text("KnowledgeName", 256)),
  /** New description. */
  description: Schema.optionalKey(Schema.String),
  /** New card background colour. */
  background: Schema.optionalKey(Background),
  /** New card icon. */
  icon: Schema.optionalKey(Icon)
}).annotate({ identifier: "UpdateKnowledgeRequest" })

/**
 * A knowledge-base update.
 *
 * @since 0.1.0
 */
export type UpdateKnowledgeRequest = typeof UpdateKnowledgeRequest.Type

/**
 * The query of `GET /knowledge`: `page` (from 1) and `size` (1–100).
 *
 * @since 0.1.0
 */
export const ListKnowledgeParams = Schema.Struct({
  /** Page number, from 1. */
  page: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)).annotate({ expected: "an integer ≥ 1" })),
  /** Items per page, 1–100. */
  size: Schema.optionalKey(
    Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 100 })).annotate({ expected: "an integer from 1 to 100" })
  )
}).annotate({ identifier: "ListKnowledgeParams" })

/**
 * Page/size list parameters.
 *
 * @since 0.1.0
 */
export type ListKnowledgeParams = typeof ListKnowledgeParams.Type

/**
 * How a document is sliced: an integer from 1 to 5.
 *
 * @since 0.1.0
 */
export const KnowledgeType = Schema.Literals([1, 2, 3, 4, 5]).annotate({ identifier: "KnowledgeType" })

/**
 * A document type.
 *
 * @since 0.1.0
 */
export type KnowledgeType = typeof KnowledgeType.Type

/**
 * The body of `PUT /document/{id}`: `knowledge_type` (1–5) is required; the slicing options and the callback
 * (called when embedding ends) are optional.
 *
 * @since 0.1.0
 */
export const UpdateDocumentRequest = Schema.Struct({
  /** Document type, 1–5. */
  knowledge_type: KnowledgeType,
  /** Custom separators used to slice the document. */
  custom_separator: Schema.optionalKey(Schema.Array(Schema.String)),
  /** Characters per slice. */
  sentence_size: Schema.optionalKey(
    Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)).annotate({ expected: "an integer ≥ 1" })
  ),
  /** URL called when the document has been processed. */
  callback_url: Schema.optionalKey(Schema.String),
  /** Headers sent with the callback. */
  callback_header: Schema.optionalKey(Schema.Record(Schema.String, Schema.String))
}).annotate({ identifier: "UpdateDocumentRequest" })

/**
 * A document update.
 *
 * @since 0.1.0
 */
export type UpdateDocumentRequest = typeof UpdateDocumentRequest.Type

/**
 * A knowledge-base id given as `{ id }` (path parameter).
 *
 * @since 0.1.0
 */
export const KnowledgeIdInput = Schema.Struct({ id: text("KnowledgeId", 256) }).annotate({ identifier: "KnowledgeId" })

/**
 * A document id given as `{ id }` (path parameter).
 *
 * @since 0.1.0
 */
export const DocumentIdInput = Schema.Struct({ id: text("DocumentId", 256) }).annotate({ identifier: "DocumentId" })

/**
 * Validates an `unknown` value as a `CreateKnowledgeRequest` (unknown keys and wrong types fail with
 * `InvalidRequestInput` naming the field, e.g. `embedding_id: expected an integer ≥ 1, got "3"`).
 *
 * @since 0.1.0
 */
export const validateCreateRequest = makeValidator(CreateKnowledgeRequest, "CreateKnowledgeRequest")

/**
 * Validates an `unknown` value as an `UpdateKnowledgeRequest`.
 *
 * @since 0.1.0
 */
export const validateUpdateRequest = makeValidator(UpdateKnowledgeRequest, "UpdateKnowledgeRequest")

/**
 * Validates the `page` / `size` query of `GET /knowledge`.
 *
 * @since 0.1.0
 */
export const validateListParams = makeValidator(ListKnowledgeParams, "ListKnowledgeParams")

/**
 * Validates an `unknown` value as an `UpdateDocumentRequest`.
 *
 * @since 0.1.0
 */
export const validateUpdateDocumentRequest = makeValidator(UpdateDocumentRequest, "UpdateDocumentRequest")

/**
 * Validates a knowledge-base id (`{ id }`).
 *
 * @since 0.1.0
 */
export const validateKnowledgeId = makeValidator(KnowledgeIdInput, "KnowledgeId")

/**
 * Validates a document id (`{ id }`).
 *
 * @since 0.1.0
 */
export const validateDocumentId = makeValidator(DocumentIdInput, "DocumentId")

// -----------------------------------------------------------------------------
// responses
// -----------------------------------------------------------------------------

/**
 * A knowledge base: `{ id, name, description, embedding_id, background, icon, customer_identifier, bucket_id,
 * document_size, length, word_num }`. `id` is required; everything else may be absent or `null`, unknown fields are kept.
 *
 * @since 0.1.0
 */
export const KnowledgeInfo = lenient({
  id: Schema.String,
  name: maybe(Schema.String),
  description: maybe(Schema.String),
  embedding_id: maybe(Schema.Number),
  background: maybe(Schema.String),
  icon: maybe(Schema.String),
  customer_identifier: maybe(Schema.String),
  bucket_id: maybe(Schema.String),
  document_size: maybe(Schema.Number),
  length: maybe(Schema.Number),
  word_num: maybe(Schema.Number)
}).annotate({ identifier: "KnowledgeInfo" })

/**
 * A knowledge base.
 *
 * @since 0.1.0
 */
export type KnowledgeInfo = typeof KnowledgeInfo.Type

/**
 * One page of `GET /knowledge`: `{ list, object, total? }`.
 *
 * @since 0.1.0
 */
export const KnowledgeList = lenient({
  list: maybe(Schema.Array(KnowledgeInfo)),
  object: maybe(Schema.String),
  total: maybe(Schema.Number)
}).annotate({ identifier: "KnowledgeList" })

/**
 * A page of knowledge bases.
 *
 * @since 0.1.0
 */
export type KnowledgeList = typeof KnowledgeList.Type

/**
 * `{ word_num, length }`: words and bytes.
 *
 * @since 0.1.0
 */
export const CapacityAmount = lenient({
  word_num: maybe(Schema.Number),
  length: maybe(Schema.Number)
}).annotate({ identifier: "KnowledgeCapacityAmount" })

/**
 * A capacity amount.
 *
 * @since 0.1.0
 */
export type CapacityAmount = typeof CapacityAmount.Type

/**
 * The answer of `GET /knowledge/capacity`: `{ used: { word_num, length }, total: { word_num, length } }`.
 *
 * @since 0.1.0
 */
export const KnowledgeCapacity = lenient({
  used: maybe(CapacityAmount),
  total: maybe(CapacityAmount)
}).annotate({ identifier: "KnowledgeCapacity" })

/**
 * Knowledge capacity.
 *
 * @since 0.1.0
 */
export type KnowledgeCapacity = typeof KnowledgeCapacity.Type

/**
 * `{ embedding_code, embedding_msg }`: why embedding a document failed (e.g. 10001/10002, capacity reached).
 *
 * @since 0.1.0
 */
export const EmbeddingFailInfo = lenient({
  embedding_code: maybe(Schema.Union([Schema.Number, Schema.String])),
  embedding_msg: maybe(Schema.String)
}).annotate({ identifier: "EmbeddingFailInfo" })

/**
 * Embedding failure details.
 *
 * @since 0.1.0
 */
export type EmbeddingFailInfo = typeof EmbeddingFailInfo.Type

/**
 * A document of a knowledge base: `{ id, name, url, length, word_num, embedding_stat, failInfo, knowledge_type,
 * custom_separator, sentence_size }`. `id` is required; everything else may be absent or `null`, unknown fields are kept.
 *
 * @since 0.1.0
 */
export const KnowledgeDocument = lenient({
  id: Schema.String,
  name: maybe(Schema.String),
  url: maybe(Schema.String),
  length: maybe(Schema.Number),
  word_num: maybe(Schema.Number),
  embedding_stat: maybe(Schema.Number),
  failInfo: maybe(EmbeddingFailInfo),
  knowledge_type: maybe(Schema.Number),
  custom_separator: maybe(Schema.Array(Schema.String)),
  sentence_size: maybe(Schema.Union([Schema.Number, Schema.String]))
}).annotate({ identifier: "KnowledgeDocument" })

/**
 * A knowledge document.
 *
 * @since 0.1.0
 */
export type KnowledgeDocument = typeof KnowledgeDocument.Type

/**
 * The answer of the endpoints that return nothing (`PUT`/`DELETE /knowledge/{id}`, `PUT`/`DELETE /document/{id}`):
 * an empty body, or any JSON (ignored).
 *
 * @since 0.1.0
 */
export const EmptyResponse = Schema.Unknown.annotate({ identifier: "EmptyResponse" })
