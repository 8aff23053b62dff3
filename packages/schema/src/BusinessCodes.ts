/**
 * The Z.ai / Zhipu business error codes (the `error.code` string of an error body) as data:
 * HTTP status the platform pairs them with, meaning, error category, and whether a retry can help.
 *
 * Sources: docs.z.ai/api-reference/api-code, docs.bigmodel.cn/cn/api/api-code, docs.bigmodel.cn/cn/faq/api-code.md.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * The error categories of the SDK. Each transport error class corresponds to one category.
 *
 * @since 0.1.0
 */
export const ErrorCategory = Schema.Literals([
  "authentication",
  "permission",
  "account",
  "insufficient_balance",
  "quota_exceeded",
  "rate_limit",
  "content_filter",
  "context_length",
  "invalid_request",
  "not_found",
  "conflict",
  "server_overloaded",
  "internal"
])

/**
 * One of `authentication | permission | account | insufficient_balance | quota_exceeded | rate_limit |
 * content_filter | context_length | invalid_request | not_found | conflict | server_overloaded | internal`.
 *
 * @since 0.1.0
 */
export type ErrorCategory = typeof ErrorCategory.Type

/**
 * One row of the business-code table.
 *
 * @since 0.1.0
 */
export interface BusinessCode {
  /** The business code as sent on the wire (a numeric string, e.g. `"1113"`). */
  readonly code: string
  /** The HTTP status the platform documents for this code, when it documents one. */
  readonly httpStatus?: number
  /** What the code means (English summary of the official table). */
  readonly meaning: string
  /** The SDK error category this code maps to. */
  readonly category: ErrorCategory
  /** Whether retrying the same request later can succeed. */
  readonly retryable: boolean
}

const row = (
  code: string,
  httpStatus: number | undefined,
  category: ErrorCategory,
  retryable: boolean,
  meaning: string
): BusinessCode => (httpStatus === undefined ? { code, meaning, category, retryable } : { code, httpStatus, meaning, category, retryable })

/**
 * The full business-code table, in code order.
 *
 * @since 0.1.0
 */
export const BusinessCodes: ReadonlyArray<BusinessCode> = [
  row("500", 500, "internal", true, "Internal server error"),
  row("1000", 401, "authentication", false, "Authentication failed"),
  row("1001", 401, "authentication", false, "No Authentication header in the request"),
  row("1002", 401, "authentication", false, "Invalid authentication token"),
  row("1003", 401, "authentication", false, "Authentication token expired"),
  row("1004", 401, "authentication", false, "Authentication token verification failed"),
  row("1005", 401, "authentication", false, "Two-factor protection is enabled on the account"),
  row("1100", undefined, "account", false, "Account read/write error"),
  row("1110", undefined, "account", false, "Account is inactive"),
  row("1111", undefined, "account", false, "Account does not exist"),
  row("1112", undefined, "account", false, "Account is locked"),
  row("1113", 429, "insufficient_balance", false, "Account in arrears: insufficient balance or no resource package"),
  row("1120", undefined, "account", false, "Cannot access the account at the moment, try later"),
  row("1121", undefined, "account", false, "Account locked because of irregular activity"),
  row("1200", 500, "internal", true, "API call error"),
  row("1210", 400, "invalid_request", false, "Invalid API call parameters"),
  row("1211", undefined, "not_found", false, "Model does not exist"),
  row("1212", undefined, "invalid_request", false, "The model does not support this method"),
  row("1213", undefined, "invalid_request", false, "A required field is missing"),
  row("1214", undefined, "invalid_request", false, "A field has an invalid value"),
  row("1215", undefined, "invalid_request", false, "Two fields conflict"),
  row("1220", undefined, "permission", false, "No permission to call this API"),
  row("1221", undefined, "permission", false, "The API has been taken offline"),
  row("1222", undefined, "permission", false, "The API does not exist"),
  row("1230", undefined, "internal", true, "API call process error"),
  row("1231", undefined, "conflict", false, "Duplicate request: the request_id was already used"),
  row("1234", undefined, "internal", true, "Network error"),
  row("1261", undefined, "context_length", false, "Prompt too long"),
  row("1300", undefined, "content_filter", false, "Call blocked by policy"),
  row("1301", undefined, "content_filter", false, "Unsafe or sensitive content in the input or output"),
  row("1302", 429, "rate_limit", true, "Too many concurrent requests"),
  row("1303", 429, "rate_limit", true, "Request frequency too high"),
  row("1304", 429, "quota_exceeded", false, "Daily call quota reached"),
  row("1305", 429, "rate_limit", true, "Traffic limited, try later"),
  row("1308", 429, "quota_exceeded", false, "Usage cap reached; it resets at the time given in the message"),
  row("1309", undefined, "quota_exceeded", false, "GLM Coding Plan expired"),
  row("1310", undefined, "quota_exceeded", false, "Weekly or monthly usage cap reached; it resets at the time given in the message"),
  row("1311", undefined, "permission", false, "The current plan does not include this model"),
  row("1312", undefined, "server_overloaded", true, "Model overloaded, try later or switch model"),
  row("1313", undefined, "rate_limit", false, "Throttled under the fair-use policy")
]

const byCode: ReadonlyMap<string, BusinessCode> = new Map(BusinessCodes.map((entry) => [entry.code, entry]))

/**
 * Finds the table row of a business code (`"1113"`, `1113` and `" 1113 "` all match), or `undefined` for an unknown code.
 *
 * @since 0.1.0
 */
export const lookup = (code: string | number | undefined): BusinessCode | undefined =>
  code === undefined ? undefined : byCode.get(String(code).trim())

/**
 * The category to use when a response carries no (known) business code: derived from the HTTP status alone.
 * 4xx statuses without a specific meaning map to `invalid_request`, 5xx to `internal`; `undefined` for non-error statuses.
 *
 * @since 0.1.0
 */
export const categoryForStatus = (status: number): ErrorCategory | undefined => {
  switch (status) {
    case 401:
      return "authentication"
    case 403:
    case 434:
      return "permission"
    case 404:
      return "not_found"
    case 409:
      return "conflict"
    case 413:
    case 435:
      return "invalid_request"
    case 429:
      return "rate_limit"
    case 503:
    case 529:
      return "server_overloaded"
    default:
      if (status >= 500 && status <= 599) return "internal"
      if (status >= 400 && status <= 499) return "invalid_request"
      return undefined
  }
}

/**
 * Whether a failure is worth retrying: decided by the business code when it is known,
 * otherwise by the HTTP status (408, 429 and 5xx are retryable).
 *
 * @since 0.1.0
 */
export const isRetryable = (status: number | undefined, code?: string | number): boolean => {
  const known = lookup(code)
  if (known !== undefined) return known.retryable
  if (status === undefined) return false
  return status === 408 || status === 429 || (status >= 500 && status <= 599)
}
