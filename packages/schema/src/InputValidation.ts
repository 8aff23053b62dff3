/**
 * Strict validation of request inputs, with readable errors. Every domain request schema goes through
 * `makeValidator`: unknown keys are rejected (and named), and each problem is reported as
 * `path: expected ..., got ...`, e.g. `messages[0].role: expected "system" | "user" | "assistant" | "tool", got "bot"`.
 *
 * @since 0.1.0
 */
import { Effect, Formatter, Schema, type SchemaAST, SchemaIssue } from "effect"

/**
 * The parse options of strict input decoding: unknown keys are an error, every problem is collected,
 * and the offending input is kept so that messages can quote it.
 *
 * @since 0.1.0
 */
export const strictParseOptions: SchemaAST.ParseOptions = {
  onExcessProperty: "error",
  errors: "all",
  reportInput: true
}

/**
 * One problem found in an input: where (`messages[0].role`, or `""` for the value itself) and what.
 *
 * @since 0.1.0
 */
export const InputIssue = Schema.Struct({
  path: Schema.String,
  message: Schema.String
})

/**
 * One problem found in an input.
 *
 * @since 0.1.0
 */
export type InputIssue = typeof InputIssue.Type

/**
 * A request input was rejected before anything was sent: `issues` lists each problem,
 * `message` renders them all (one per line when there are several).
 *
 * @since 0.1.0
 */
export class InvalidRequestInput extends Schema.TaggedError<InvalidRequestInput>()("InvalidRequestInput", {
  /** What was being validated, e.g. `ChatCompletionRequest`. */
  subject: Schema.String,
  /** Every problem found. */
  issues: Schema.Array(InputIssue),
  /** All problems rendered as text. */
  message: Schema.String
}) {}

const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/**
 * Renders a path as `messages[0].content[1].image_url.url` (keys that are not identifiers as `["a key"]`).
 *
 * @since 0.1.0
 */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string => {
  let out = ""
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`
    else if (typeof key === "string" && identifierPattern.test(key)) out += out === "" ? key : `.${key}`
    else out += `[${typeof key === "string" ? JSON.stringify(key) : String(key)}]`
  }
  return out
}

const maxShown = 60

const show = (value: unknown): string => {
  const text = typeof value === "string" ? JSON.stringify(value) : Formatter.format(value)
  return text.length <= maxShown ? text : `${text.slice(0, maxShown - 1)}…`
}

const got = (issue: SchemaIssue.Issue): string => (SchemaIssue.hasInput(issue) ? `, got ${show(issue.input)}` : "")

const resolveSuspend = (ast: SchemaAST.AST): SchemaAST.AST => (ast._tag === "Suspend" ? resolveSuspend(ast.thunk()) : ast)

const annotationString = (ast: SchemaAST.AST, key: "identifier" | "expected"): string | undefined => {
  const value = ast.annotations?.[key]
  return typeof value === "string" ? value : undefined
}

/**
 * A short description of what a schema accepts: `string`, `"a" | "b"`, `array`, `object`, or the schema's identifier.
 *
 * @since 0.1.0
 */
export const describeExpected = (input: SchemaAST.AST): string => {
  const ast = resolveSuspend(input)
  const expected = annotationString(ast, "expected")
  if (expected !== undefined) return expected
  switch (ast._tag) {
    case "Literal":
      return typeof ast.literal === "bigint" ? `${ast.literal}n` : JSON.stringify(ast.literal)
    case "Union":
      return [...new Set(ast.types.map(describeExpected))].join(" | ")
    case "Objects":
      return annotationString(ast, "identifier") ?? "object"
    case "Arrays":
      return annotationString(ast, "identifier") ?? "array"
    case "String":
    case "Number":
    case "Boolean":
    case "Null":
    case "Undefined":
    case "BigInt":
    case "Symbol":
      return ast._tag.toLowerCase()
    case "Unknown":
    case "Any":
      return "any value"
    case "Never":
      return "nothing (this value is not allowed)"
    default:
      return annotationString(ast, "identifier") ?? ast._tag
  }
}

// The keys whose literal values tell the members of a union of objects apart (`role`, `type`).
const discriminators = (union: SchemaAST.Union): ReadonlyArray<{ key: PropertyKey; literals: ReadonlyArray<string> }> => {
  const members = union.types.map(resolveSuspend)
  const first = members[0]
  if (first === undefined || first._tag !== "Objects" || !members.every((m) => m._tag === "Objects")) return []
  const literalsOf = (ast: SchemaAST.AST): ReadonlyArray<string> | undefined => {
    const resolved = resolveSuspend(ast)
    if (resolved._tag === "Literal") return [describeExpected(resolved)]
    if (resolved._tag === "Union" && resolved.types.every((t) => resolveSuspend(t)._tag === "Literal")) {
      return resolved.types.map(describeExpected)
    }
    return undefined
  }
  const out: Array<{ key: PropertyKey; literals: ReadonlyArray<string> }> = []
  for (const property of first.propertySignatures) {
    const literals: Array<string> = []
    let everyMember = true
    for (const member of members) {
      const found = member._tag === "Objects" ? member.propertySignatures.find((p) => p.name === property.name) : undefined
      const values = found === undefined ? undefined : literalsOf(found.type)
      if (values === undefined) {
        everyMember = false
        break
      }
      for (const value of values) if (!literals.includes(value)) literals.push(value)
    }
    if (everyMember) out.push({ key: property.name, literals })
  }
  return out
}

const isRecord = (value: unknown): value is Readonly<Record<PropertyKey, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions cost 1.
const editDistance = (a: string, b: string): number => {
  const d: Array<Array<number>> = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  const cell = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY
  for (let i = 1; i <= a.length; i++) {
    const rowI = d[i]
    if (rowI === undefined) continue
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(cell(i - 1, j) + 1, cell(i, j - 1) + 1, cell(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, cell(i - 2, j - 2) + 1)
      rowI[j] = best
    }
  }
  return cell(a.length, b.length)
}

const unexpectedKeyMessage = (key: PropertyKey | undefined, ast: SchemaAST.AST): string => {
  const name = typeof key === "string" ? JSON.stringify(key) : String(key)
  const resolved = resolveSuspend(ast)
  const allowed = resolved._tag === "Objects"
    ? resolved.propertySignatures.map((p) => p.name).filter((k): k is string => typeof k === "string")
    : []
  if (typeof key === "string") {
    const lower = key.toLowerCase()
    let best: { name: string; distance: number } | undefined
    for (const candidate of allowed) {
      const distance = editDistance(lower, candidate.toLowerCase())
      if (distance <= Math.max(1, Math.floor(candidate.length / 4)) && (best === undefined || distance < best.distance)) {
        best = { name: candidate, distance }
      }
    }
    if (best !== undefined) return `unknown key ${name} (did you mean "${best.name}"?)`
  }
  if (allowed.length > 0 && allowed.length <= 8) return `unknown key ${name}; allowed keys: ${allowed.join(", ")}`
  return `unknown key ${name}`
}

const at = (path: ReadonlyArray<PropertyKey>, message: string): ReadonlyArray<InputIssue> => [
  { path: formatPath(path), message }
]

const collect = (issue: SchemaIssue.Issue, path: ReadonlyArray<PropertyKey>): ReadonlyArray<InputIssue> => {
  switch (issue._tag) {
    case "Pointer":
      return collect(issue.issue, [...path, ...issue.path])
    case "Encoding":
      return collect(issue.issue, path)
    case "Composite":
      return issue.issues.flatMap((inner) => collect(inner, path))
    case "AnyOf":
      return issue.issues.length > 0 ? issue.issues.flatMap((inner) => collect(inner, path)) : noMemberMatched(issue, path)
    case "Filter": {
      const message = SchemaIssue.defaultCheckHook(issue)
      if (message !== undefined) return at(path, message)
      if (issue.issue._tag !== "InvalidValue") return collect(issue.issue, path)
      const annotated = issue.filter.annotations?.expected
      const expected = typeof annotated === "string" ? annotated : "a valid value"
      return at(path, `expected ${expected}${SchemaIssue.hasInput(issue) ? got(issue) : got(issue.issue)}`)
    }
    case "InvalidType":
      return at(path, `expected ${describeExpected(issue.ast)}${got(issue)}`)
    case "InvalidValue": {
      const custom = issue.annotations?.message ?? issue.annotations?.expected
      return at(path, typeof custom === "string" ? `expected ${custom}${got(issue)}` : `invalid value${got(issue)}`)
    }
    case "MissingKey":
      return at(path, typeof issue.annotations?.message === "string" ? issue.annotations.message : "missing (required)")
    case "UnexpectedKey":
      return at(path, unexpectedKeyMessage(path[path.length - 1], issue.ast))
    case "Forbidden":
      return at(path, "not allowed here")
    case "OneOf":
      return at(path, `matches more than one of ${describeExpected(issue.ast)}${got(issue)}`)
  }
}

// No member of a union matched. For a union of objects told apart by a literal key (`role`, `type`),
// point at that key; otherwise list what the union accepts.
const noMemberMatched = (issue: SchemaIssue.AnyOf, path: ReadonlyArray<PropertyKey>): ReadonlyArray<InputIssue> => {
  if (SchemaIssue.hasInput(issue) && isRecord(issue.input)) {
    const input = issue.input
    for (const { key, literals } of discriminators(issue.ast)) {
      const expected = literals.join(" | ")
      if (!Object.hasOwn(input, key)) return at([...path, key], `missing; expected ${expected}`)
      const text = literalText(input[key])
      if (text === undefined || !literals.includes(text)) {
        return at([...path, key], `expected ${expected}, got ${show(input[key])}`)
      }
    }
  }
  return at(path, `expected ${describeExpected(issue.ast)}${got(issue)}`)
}

// The text `describeExpected` gives a literal, or `undefined` for a value that cannot be a literal.
const literalText = (value: unknown): string | undefined =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? JSON.stringify(value)
    : typeof value === "bigint"
    ? `${value}n`
    : undefined

/**
 * Flattens a schema issue into a list of `{ path, message }` problems, in input order.
 *
 * @since 0.1.0
 */
export const issuesOf = (issue: SchemaIssue.Issue): ReadonlyArray<InputIssue> => {
  const out: Array<InputIssue> = []
  for (const entry of collect(issue, [])) {
    if (!out.some((e) => e.path === entry.path && e.message === entry.message)) out.push(entry)
  }
  return out
}

/**
 * Renders problems as text: `subject: path: message` for one problem, a bulleted list for several.
 *
 * @since 0.1.0
 */
export const formatIssues = (subject: string, issues: ReadonlyArray<InputIssue>): string => {
  const line = (i: InputIssue) => (i.path === "" ? i.message : `${i.path}: ${i.message}`)
  if (issues.length === 0) return `Invalid ${subject}`
  if (issues.length === 1 && issues[0] !== undefined) return `Invalid ${subject}: ${line(issues[0])}`
  return `Invalid ${subject} (${issues.length} problems):\n${issues.map((i) => `  - ${line(i)}`).join("\n")}`
}

/**
 * Turns a `SchemaError` into an `InvalidRequestInput` with a readable message.
 *
 * @since 0.1.0
 */
export const fromSchemaError = (subject: string, error: Schema.SchemaError): InvalidRequestInput => {
  const issues = issuesOf(error.issue)
  return new InvalidRequestInput({ subject, issues, message: formatIssues(subject, issues) })
}

/**
 * Builds the strict validator of a request schema: decodes `unknown` input with `strictParseOptions`
 * and fails with `InvalidRequestInput` naming every bad path and unknown key.
 *
 * @since 0.1.0
 */
export const makeValidator = <S extends Schema.Top>(schema: S, subject: string) => {
  const decode = Schema.decodeUnknownEffect(schema)
  return (input: unknown): Effect.Effect<S["Type"], InvalidRequestInput, S["DecodingServices"]> =>
    decode(input, strictParseOptions).pipe(Effect.mapError((error) => fromSchemaError(subject, error)))
}
