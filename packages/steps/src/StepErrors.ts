/**
 * The errors the ready-made steps add to those of the services they call (which keep their own typed errors:
 * `InvalidRequestInput`, `ZaiError`s, `StructuredOutputError`, ...). None of them is retryable: running the same
 * step again with the same input gives the same answer.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** A local path (an `io.*` path, or a step's output `dir`) resolves outside the output directory. */
export class PathOutsideOutputDirError extends Schema.TaggedError<PathOutsideOutputDirError>()(
  "PathOutsideOutputDirError",
  {
    /** The step kind. */
    step: Schema.String,
    /** The argument holding the path. */
    field: Schema.String,
    /** The path as given. */
    path: Schema.String,
    /** The output directory (absolute). */
    outputDir: Schema.String
  }
) {
  /** The same path escapes the same directory every time. */
  readonly isRetryable = false
  override get message(): string {
    return `${this.step}: ${this.field} "${this.path}" escapes the output directory ${this.outputDir} (expected a path inside it)`
  }
}

/** Reading or writing a local file failed. */
export class LocalFileError extends Schema.TaggedError<LocalFileError>()("LocalFileError", {
  step: Schema.String,
  /** `read`, `write`, `mkdir`, `download`, ... */
  operation: Schema.String,
  path: Schema.String,
  reason: Schema.String
}) {
  /** Disk errors are not worth an automatic retry. */
  readonly isRetryable = false
  override get message(): string {
    return `${this.step}: cannot ${this.operation} ${this.path}: ${this.reason}`
  }
}

/** The JSON Schema given to `chat.extract` cannot be used (unsupported keyword, bad reference, not an object). */
export class JsonSchemaError extends Schema.TaggedError<JsonSchemaError>()("JsonSchemaError", {
  step: Schema.String,
  field: Schema.String,
  reason: Schema.String
}) {
  /** The same schema fails the same way every time. */
  readonly isRetryable = false
  override get message(): string {
    return `${this.step}: ${this.field} is not a usable JSON Schema: ${this.reason}`
  }
}

/** The service answered, but without what the step needs (no image URL, no slide file, ...). */
export class EmptyResultError extends Schema.TaggedError<EmptyResultError>()("EmptyResultError", {
  step: Schema.String,
  reason: Schema.String
}) {
  /** An empty answer is treated as final. */
  readonly isRetryable = false
  override get message(): string {
    return `${this.step}: ${this.reason}`
  }
}
