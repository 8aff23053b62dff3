import { InputValidation } from "@zai-kit/schema"
import { SchemaIssue } from "effect"
import type { HttpApiError } from "effect/http-api"

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** The issues of a request that did not decode: `payload.inputs.topic` style paths and what was expected. */
export const fromSchemaError = (
  error: HttpApiError.HttpApiSchemaError
): ReadonlyArray<{ readonly path: string; readonly message: string }> => {
  const slot = error.kind.toLowerCase()
  const issues = formatter(error.cause.issue).issues.map((issue) => ({
    path: InputValidation.formatPath([
      slot,
      ...(issue.path ?? []).map((segment) => (typeof segment === "object" ? segment.key : segment))
    ]),
    message: issue.message
  }))
  return issues.length > 0 ? issues : [{ path: slot, message: error.cause.message }]
}

/** All issues as one line: `path: message; path: message`. */
export const summary = (issues: ReadonlyArray<{ readonly path: string; readonly message: string }>): string =>
  issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")
