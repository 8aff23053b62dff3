/**
 * Pipelines as data: YAML or JSON spec files compiled into the same graph as code pipelines.
 *
 * ```yaml
 * name: research
 * inputs:
 *   topic: { type: string, required: true }
 * steps:
 *   - id: search
 *     uses: search                       # a kind from the StepRegistry
 *     with: { query: "${{ input.topic }}" }
 *     retry: { times: 3, delay: 1 second, backoff: exponential }
 *   - id: read
 *     uses: read
 *     forEach: "${{ steps.search.output.urls }}"
 *     concurrency: 4
 *     with: { url: "${{ item }}" }
 *   - id: refine                         # runs again until the condition holds (at most 3 times)
 *     uses: refine
 *     with: { pages: "${{ steps.read.output }}", draft: "${{ steps.refine.output.draft }}" }
 *     loop: { until: "${{ steps.refine.output.done }}", maxIterations: 3 }
 * outputs:
 *   pages: "${{ steps.read.output }}"
 * ```
 *
 * A `StepRegistry` maps kind names to `Step`s whose input schema describes their `with:`
 * arguments. Loading checks the file against a Schema and against the registry; every error names
 * the file, line and column, the step, and what was expected.
 *
 * Inside a `loop` step, `${{ steps.<its id>.output }}` reads the previous iteration's output (nothing on
 * the first: an argument that reads nothing is left out) and `${{ iteration }}` the iteration (from 1);
 * `until` reads the output of the iteration that just ended.
 *
 * A run of a compiled spec checks its inputs before it starts: a missing `required` input, an input of
 * another type than declared, or an undeclared input fails with `SpecInputError` and no step runs;
 * `default`s fill the inputs left out.
 *
 * @since 0.1.0
 */
import { Duration, Effect, Option, Schedule, Schema, SchemaAST } from "effect"
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node as YamlNode, parseDocument } from "yaml"
import type * as Graph from "./internal/graph.js"
import * as InputCheck from "./internal/inputCheck.js"
import { toMermaid } from "./internal/mermaid.js"
import * as Pipeline from "./Pipeline.js"
import * as Step from "./Step.js"

/** Step kinds a spec may use: kind name → step (its input schema validates the `with:` arguments). */
export type StepRegistry = Readonly<Record<string, Step.Any>>

/** One problem in a spec file, with its position. */
export interface SpecIssue {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly step: string | undefined
  readonly message: string
}

/** Loading a spec failed; `issues` lists every problem, `message` prints them one per line. */
export class SpecError extends Schema.TaggedError<SpecError>()("SpecError", {
  issues: Schema.Array(
    Schema.Struct({
      file: Schema.String,
      line: Schema.Number,
      column: Schema.Number,
      step: Schema.UndefinedOr(Schema.String),
      message: Schema.String
    })
  )
}) {
  override get message(): string {
    return this.issues.map(formatIssue).join("\n")
  }
}

/** `file:line:column: step "id": message`. */
export const formatIssue = (issue: SpecIssue): string =>
  `${issue.file}:${issue.line}:${issue.column}: ${issue.step === undefined ? "" : `step "${issue.step}": `}${issue.message}`

/** One problem with a run's inputs: the input's name and what is wrong with it. */
export interface InputIssue {
  readonly input: string
  readonly message: string
}

/**
 * The inputs of a run of a spec pipeline do not match the spec's `inputs` (a required input is missing,
 * an input has another type than declared, or is not declared). The run does not start.
 */
export class SpecInputError extends Schema.TaggedError<SpecInputError>()("SpecInputError", {
  pipeline: Schema.String,
  issues: Schema.Array(Schema.Struct({ input: Schema.String, message: Schema.String }))
}) {
  /** Bad input stays bad: retrying does not help. */
  readonly isRetryable = false
  override get message(): string {
    return this.issues.map((issue) => issue.message).join("; ")
  }
}

// -----------------------------------------------------------------------------------------------------------------
// the spec's schema
// -----------------------------------------------------------------------------------------------------------------

/** The declared type of a spec input. */
export const InputType = Schema.Literals(["string", "number", "boolean", "array", "object"])

/** A spec input. */
export const InputSpec = Schema.Struct({
  type: InputType,
  description: Schema.optionalKey(Schema.String),
  required: Schema.optionalKey(Schema.Boolean),
  default: Schema.optionalKey(Schema.Unknown)
})

/** A per-step retry policy in a spec. */
export const RetrySpec = Schema.Struct({
  times: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0)),
  delay: Schema.optionalKey(Schema.String),
  backoff: Schema.optionalKey(Schema.Literals(["fixed", "exponential"]))
})

/** A per-step cache policy in a spec. */
export const CacheSpec = Schema.Struct({ ttl: Schema.String })

/** A step's loop in a spec: run the step again until `until` (an expression) holds, at most `maxIterations` times. */
export const LoopSpec = Schema.Struct({
  until: Schema.Unknown,
  maxIterations: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1))
})

/** A step of a spec (decoded). */
export interface StepSpec {
  readonly id: string
  readonly description?: string
  readonly uses?: string
  readonly with?: { readonly [key: string]: unknown }
  readonly forEach?: unknown
  readonly concurrency?: number
  readonly failures?: "failFast" | "collect"
  readonly if?: unknown
  readonly parallel?: ReadonlyArray<StepSpec>
  readonly retry?: typeof RetrySpec.Type
  readonly timeout?: string
  readonly cache?: typeof CacheSpec.Type
  readonly loop?: typeof LoopSpec.Type
}

/** A step of a spec. */
export const StepSpec: Schema.Codec<StepSpec> = Schema.Struct({
  id: Schema.String,
  description: Schema.optionalKey(Schema.String),
  uses: Schema.optionalKey(Schema.String),
  with: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown)),
  forEach: Schema.optionalKey(Schema.Unknown),
  concurrency: Schema.optionalKey(Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1))),
  failures: Schema.optionalKey(Schema.Literals(["failFast", "collect"])),
  if: Schema.optionalKey(Schema.Unknown),
  parallel: Schema.optionalKey(Schema.Array(Schema.suspend((): Schema.Codec<StepSpec> => StepSpec))),
  retry: Schema.optionalKey(RetrySpec),
  timeout: Schema.optionalKey(Schema.String),
  cache: Schema.optionalKey(CacheSpec),
  loop: Schema.optionalKey(LoopSpec)
})

/** A whole spec file (decoded). */
export const SpecFile = Schema.Struct({
  name: Schema.String,
  description: Schema.optionalKey(Schema.String),
  inputs: Schema.optionalKey(Schema.Record(Schema.String, InputSpec)),
  steps: Schema.Array(StepSpec),
  outputs: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown))
})

/** A whole spec file (type). */
export type SpecFile = typeof SpecFile.Type

const fileKeys = ["name", "description", "inputs", "steps", "outputs"]
const stepKeys = [
  "id",
  "description",
  "uses",
  "with",
  "forEach",
  "concurrency",
  "failures",
  "if",
  "parallel",
  "loop",
  "retry",
  "timeout",
  "cache"
]
const inputKeys = ["type", "description", "required", "default"]
const retryKeys = ["times", "delay", "backoff"]
const cacheKeys = ["ttl"]
const loopKeys = ["until", "maxIterations"]

// -----------------------------------------------------------------------------------------------------------------
// helpers
// -----------------------------------------------------------------------------------------------------------------

const distance = (a: string, b: string): number => {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
  return d[a.length][b.length]
}

/** The closest candidate to `word` (edit distance at most 3), if any. */
export const closest = (word: string, candidates: ReadonlyArray<string>): string | undefined => {
  let best: string | undefined
  let bestDistance = 4
  for (const c of candidates) {
    const dist = distance(word.toLowerCase(), c.toLowerCase())
    if (dist < bestDistance) {
      best = c
      bestDistance = dist
    }
  }
  return best
}

const suggestion = (word: string, candidates: ReadonlyArray<string>): string => {
  const near = closest(word, candidates)
  return near === undefined ? ` (expected one of: ${candidates.join(", ")})` : ` (did you mean "${near}"?)`
}

type Coarse = "string" | "number" | "boolean" | "array" | "object" | "null" | "unknown"

const coarseOf = (ast: SchemaAST.AST): Coarse => {
  switch (ast._tag) {
    case "String":
    case "TemplateLiteral":
      return "string"
    case "Number":
      return "number"
    case "Boolean":
      return "boolean"
    case "Null":
      return "null"
    case "Literal":
      return typeof ast.literal === "string"
        ? "string"
        : typeof ast.literal === "number"
          ? "number"
          : typeof ast.literal === "boolean"
            ? "boolean"
            : "unknown"
    case "Arrays":
      return "array"
    case "Objects":
      return "object"
    case "Suspend":
      return coarseOf(ast.thunk())
    case "Union": {
      const kinds = new Set(ast.types.map(coarseOf))
      return kinds.size === 1 ? [...kinds][0] : "unknown"
    }
    default:
      return "unknown"
  }
}

const coarseOfValue = (value: unknown): Coarse =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "string" ? "string" : typeof value === "number" ? "number" : typeof value === "boolean" ? "boolean" : typeof value === "object" ? "object" : "unknown"

/** The AST at `.field` / `[n]` below `ast`; `undefined` when the field surely does not exist; `null` when unknown. */
const astAt = (ast: SchemaAST.AST, field: string): SchemaAST.AST | undefined | null => {
  if (ast._tag === "Suspend") return astAt(ast.thunk(), field)
  if (ast._tag === "Objects") {
    const prop = ast.propertySignatures.find((p) => p.name === field)
    if (prop !== undefined) return prop.type
    return ast.indexSignatures.length > 0 ? null : undefined
  }
  if (ast._tag === "Arrays" && /^\d+$/.test(field)) return ast.rest[0] ?? ast.elements[Number(field)] ?? null
  return null
}

// -----------------------------------------------------------------------------------------------------------------
// expressions
// -----------------------------------------------------------------------------------------------------------------

const whole = /^\$\{\{\s*(.+?)\s*\}\}$/
const inline = /\$\{\{\s*(.+?)\s*\}\}/g

interface Ref {
  readonly negate: boolean
  readonly root: "input" | "steps" | "item" | "index" | "iteration"
  readonly step: string | undefined
  readonly path: ReadonlyArray<string>
  readonly text: string
}

const parseRef = (raw: string): Ref | string => {
  let text = raw.trim()
  const negate = text.startsWith("!")
  if (negate) text = text.slice(1).trim()
  const parts = text.split(".").flatMap((p) => p.split(/\[(\d+)\]/).filter((s) => s !== ""))
  const [root, ...rest] = parts
  if (root === "input" || root === "item" || root === "index" || root === "iteration") {
    return { negate, root, step: undefined, path: rest, text }
  }
  if (root === "steps") {
    const [step, output, ...path] = rest
    if (step === undefined || output !== "output") return `"${text}" must read steps.<id>.output`
    return { negate, root, step, path, text }
  }
  return `unknown expression root "${root}" in "${text}" (expected input, steps, item, index or iteration)`
}

const refsIn = (value: unknown, into: Array<Ref | string> = []): Array<Ref | string> => {
  if (typeof value === "string") for (const m of value.matchAll(inline)) into.push(parseRef(m[1]))
  else if (Array.isArray(value)) for (const v of value) refsIn(v, into)
  else if (typeof value === "object" && value !== null) for (const v of Object.values(value)) refsIn(v, into)
  return into
}

const INPUT = "$input"

const lookup = (ref: Ref, env: Graph.Env): unknown => {
  let current: unknown =
    ref.root === "input"
      ? (env.steps.get(INPUT) ?? env.input)
      : ref.root === "item"
        ? env.item
        : ref.root === "index"
          ? env.index
          : ref.root === "iteration"
            ? env.iteration
            : env.steps.get(ref.step ?? "")
  for (const key of ref.path) {
    current = typeof current === "object" && current !== null ? (current as Record<string, unknown>)[key] : undefined
  }
  return ref.negate ? !current : current
}

/** Replace the expressions in a value by what they read from the environment. */
const resolve = (value: unknown, env: Graph.Env): unknown => {
  if (typeof value === "string") {
    const m = whole.exec(value)
    if (m !== null) {
      const ref = parseRef(m[1])
      return typeof ref === "string" ? undefined : lookup(ref, env)
    }
    return value.replace(inline, (_, raw: string) => {
      const ref = parseRef(raw)
      const v = typeof ref === "string" ? undefined : lookup(ref, env)
      return typeof v === "string" ? v : JSON.stringify(v)
    })
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, env))
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, env)]))
  }
  return value
}

// -----------------------------------------------------------------------------------------------------------------
// loading
// -----------------------------------------------------------------------------------------------------------------

/** Options of `parse`. */
export interface ParseOptions {
  /** The file name used in error messages. */
  readonly file: string
  readonly registry: StepRegistry
}

/** The pipeline a spec compiles to: a record of inputs in, the `outputs` record (or the last output) out. */
export type SpecPipeline = Pipeline.Pipeline<Readonly<Record<string, unknown>>, unknown, unknown, never>

type PathKey = string | number

/**
 * Parse, check and compile a spec (YAML or JSON text). Fails with `SpecError` listing every problem
 * with its file, line, column and step.
 */
export const parse = (text: string, options: ParseOptions): Effect.Effect<SpecPipeline, SpecError> =>
  Effect.suspend(() => {
    const result = compile(text, options)
    return result.issues.length > 0 || result.pipeline === undefined
      ? Effect.fail(new SpecError({ issues: result.issues }))
      : Effect.succeed(result.pipeline)
  })

const compile = (
  text: string,
  options: ParseOptions
): { readonly issues: ReadonlyArray<SpecIssue>; readonly pipeline: SpecPipeline | undefined } => {
  const { file, registry } = options
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  const issues: Array<SpecIssue> = []
  const positionOf = (offset: number) => {
    const pos = lineCounter.linePos(offset)
    return { line: pos.line, column: pos.col }
  }
  const report = (node: YamlNode | null | undefined, step: string | undefined, message: string) => {
    const { line, column } = positionOf(node?.range?.[0] ?? 0)
    issues.push({ file, line, column, step, message })
  }
  for (const error of doc.errors) {
    const { line, column } = positionOf(error.pos[0])
    issues.push({ file, line, column, step: undefined, message: `syntax error: ${error.message.split("\n")[0]}` })
  }
  if (issues.length > 0) return { issues, pipeline: undefined }

  const nodeAt = (path: ReadonlyArray<PathKey>): YamlNode | undefined => {
    const n = doc.getIn(path, true)
    return n !== undefined && n !== null && typeof n === "object" ? (n as YamlNode) : undefined
  }
  /** The key node of `path`'s last segment (for "unknown field" errors), or the value node. */
  const keyAt = (path: ReadonlyArray<PathKey>): YamlNode | undefined => {
    const parent = path.length === 1 ? doc.contents : nodeAt(path.slice(0, -1))
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === path[path.length - 1])
      if (pair !== undefined && isScalar(pair.key)) return pair.key
    }
    return nodeAt(path)
  }
  const stepIdAt = (path: ReadonlyArray<PathKey>): string | undefined => {
    // path: ["steps", i, ...] or ["steps", i, "parallel", j, ...]
    let id: string | undefined
    for (let i = 0; i + 1 < path.length; i++) {
      if ((path[i] === "steps" || path[i] === "parallel") && typeof path[i + 1] === "number") {
        const n = nodeAt([...path.slice(0, i + 2), "id"])
        if (isScalar(n) && typeof n.value === "string") id = n.value
      }
    }
    return id
  }

  // 1. unknown fields (with the closest valid field)
  const checkKeys = (path: ReadonlyArray<PathKey>, allowed: ReadonlyArray<string>, what: string) => {
    const n = path.length === 0 ? doc.contents : nodeAt(path)
    if (!isMap(n)) return
    for (const pair of n.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue
      const key = String(pair.key.value)
      if (!allowed.includes(key)) {
        report(pair.key, stepIdAt([...path, key]), `unknown field "${key}" in ${what}${suggestion(key, allowed)}`)
      }
    }
  }
  checkKeys([], fileKeys, "the pipeline")
  const inputsNode = nodeAt(["inputs"])
  if (isMap(inputsNode)) {
    for (const pair of inputsNode.items) {
      if (isPair(pair) && isScalar(pair.key)) checkKeys(["inputs", String(pair.key.value)], inputKeys, "an input")
    }
  }
  const checkStepKeys = (path: ReadonlyArray<PathKey>) => {
    const seq = nodeAt(path)
    if (!isSeq(seq)) return
    seq.items.forEach((_, i) => {
      checkKeys([...path, i], stepKeys, "a step")
      checkKeys([...path, i, "retry"], retryKeys, "retry")
      checkKeys([...path, i, "cache"], cacheKeys, "cache")
      checkKeys([...path, i, "loop"], loopKeys, "loop")
      checkStepKeys([...path, i, "parallel"])
    })
  }
  checkStepKeys(["steps"])
  if (issues.length > 0) return { issues, pipeline: undefined }

  // 2. shapes and types, through the SpecFile schema
  const decoded = Schema.decodeUnknownExit(SpecFile, { errors: "all" })(doc.toJS())
  if (decoded._tag === "Failure") {
    const standard = Schema.toStandardSchemaV1(SpecFile, { parseOptions: { errors: "all" } })["~standard"].validate(
      doc.toJS()
    )
    if (!(standard instanceof Promise) && standard.issues !== undefined) {
      for (const issue of standard.issues) {
        const path = (issue.path ?? []).map((p) => (typeof p === "object" ? p.key : p)) as Array<PathKey>
        const node = nodeAt(path) ?? keyAt(path) ?? nodeAt(path.slice(0, -1))
        const field = path.length > 0 ? `"${path[path.length - 1]}"` : "the file"
        const value = doc.getIn(path)
        const got = issue.message.startsWith("Expected") && value !== undefined ? `, got ${JSON.stringify(value)}` : ""
        report(node, stepIdAt(path), `${field}: ${issue.message}${got}`)
      }
    }
    if (issues.length === 0) report(undefined, undefined, "invalid spec")
    return { issues, pipeline: undefined }
  }
  const spec = decoded.value

  // 3. the registry, references and types between steps
  const kinds = Object.keys(registry)
  const inputs = spec.inputs ?? {}
  const outputsOf = new Map<string, SchemaAST.AST | null>() // step id -> output AST (null: unknown)
  const seen = new Set<string>()
  /** The loop step whose expressions are being checked: it may read its own (previous) output. */
  let currentLoop: { readonly id: string; readonly ast: SchemaAST.AST } | undefined

  for (const [name, declared] of Object.entries(inputs)) {
    if ("default" in declared) {
      const got = coarseOfValue(declared.default)
      if (got !== declared.type) {
        report(nodeAt(["inputs", name, "default"]), undefined, `input "${name}": default expects ${declared.type}, got ${got}`)
      }
    }
  }

  const checkRef = (ref: Ref | string, node: YamlNode | undefined, step: string | undefined, inForEach: boolean): Coarse => {
    if (typeof ref === "string") {
      report(node, step, ref)
      return "unknown"
    }
    if (ref.negate) return "boolean"
    if (ref.root === "item") {
      if (!inForEach) report(node, step, `"${ref.text}" is only available inside forEach`)
      return "unknown"
    }
    if (ref.root === "index") return inForEach ? "number" : "unknown"
    if (ref.root === "iteration") {
      if (currentLoop === undefined) report(node, step, `"${ref.text}" is only available inside loop`)
      return ref.path.length === 0 ? "number" : "unknown"
    }
    if (ref.root === "input") {
      const [name, ...rest] = ref.path
      if (name === undefined) return "object"
      const declared = inputs[name]
      if (declared === undefined) {
        report(node, step, `unknown input "${name}"${suggestion(name, Object.keys(inputs))}`)
        return "unknown"
      }
      return rest.length === 0 ? declared.type : "unknown"
    }
    const id = ref.step ?? ""
    const self = currentLoop !== undefined && currentLoop.id === id ? currentLoop.ast : undefined
    if (self === undefined && !outputsOf.has(id)) {
      const known = [...outputsOf.keys()]
      report(
        node,
        step,
        seen.has(id) || id === step
          ? `"${ref.text}" reads step "${id}" before it has run`
          : `reference to a missing step "${id}"${suggestion(id, known)}`
      )
      return "unknown"
    }
    let ast = self ?? outputsOf.get(id) ?? null
    const walked: Array<string> = []
    for (const key of ref.path) {
      if (ast === null) return "unknown"
      const next = astAt(ast, key)
      if (next === undefined) {
        report(node, step, `steps.${id}.output${walked.map((w) => `.${w}`).join("")} has no field "${key}"`)
        return "unknown"
      }
      walked.push(key)
      ast = next
    }
    return ast === null ? "unknown" : coarseOf(ast)
  }

  const compileStep = (s: StepSpec, path: ReadonlyArray<PathKey>, inForEach: boolean): Graph.Node | undefined => {
    const at = (...rest: ReadonlyArray<PathKey>) => nodeAt([...path, ...rest])
    if (seen.has(s.id)) report(at("id"), s.id, `duplicate step id "${s.id}"`)
    seen.add(s.id)
    let node: Graph.Node | undefined
    const isForEach = s.forEach !== undefined
    if (isForEach) {
      const items = typeof s.forEach === "string" ? whole.exec(s.forEach) : null
      if (items === null && !Array.isArray(s.forEach)) {
        report(at("forEach"), s.id, `forEach expects an expression such as "\${{ steps.search.output.urls }}" or a list`)
      } else if (items !== null) {
        const kind = checkRef(parseRef(items[1]), at("forEach"), s.id, inForEach)
        if (kind !== "array" && kind !== "unknown") report(at("forEach"), s.id, `forEach expects an array, got ${kind}`)
      }
    }
    const loop = s.loop
    if (loop !== undefined) {
      if (s.parallel !== undefined) report(at("loop"), s.id, `loop needs a step with "uses" (a "parallel" step cannot loop)`)
      if (isForEach) report(at("loop"), s.id, `a step has either "forEach" or "loop", not both`)
    }
    if (s.parallel !== undefined) {
      if (s.uses !== undefined) report(at("uses"), s.id, `a step has either "uses" or "parallel", not both`)
      const branches: Array<readonly [string, Graph.Node]> = []
      s.parallel.forEach((b, i) => {
        const compiled = compileStep(b, [...path, "parallel", i], inForEach)
        if (compiled !== undefined) branches.push([b.id, compiled])
      })
      node = { _tag: "Parallel", id: s.id, branches }
      outputsOf.set(s.id, null)
    } else if (s.uses === undefined) {
      report(nodeAt(path), s.id, `a step needs "uses" (a step kind) or "parallel"`)
      return undefined
    } else {
      const registered = registry[s.uses]
      if (registered === undefined) {
        report(at("uses"), s.id, `unknown step kind "${s.uses}"${suggestion(s.uses, kinds)}`)
        return undefined
      }
      const args = s.with ?? {}
      const outputAst = SchemaAST.toType(registered.output.ast)
      currentLoop = loop === undefined ? undefined : { id: s.id, ast: outputAst }
      const inputAst = SchemaAST.toEncoded(registered.input.ast)
      if (inputAst._tag === "Objects") {
        const names = inputAst.propertySignatures.map((p) => String(p.name))
        for (const key of Object.keys(args)) {
          if (!names.includes(key) && inputAst.indexSignatures.length === 0) {
            const keyNode = isMap(at("with"))
              ? (at("with") as YamlNode & { items: Array<unknown> }).items
                  .filter(isPair)
                  .find((p) => isScalar(p.key) && p.key.value === key)?.key
              : undefined
            report(
              (keyNode as YamlNode | undefined) ?? at("with"),
              s.id,
              `unknown argument "${key}" for step kind "${s.uses}"${suggestion(key, names)}`
            )
          }
        }
        for (const prop of inputAst.propertySignatures) {
          const key = String(prop.name)
          const expected = coarseOf(prop.type)
          if (!(key in args)) {
            if (!SchemaAST.isOptional(prop.type)) {
              report(at("with") ?? nodeAt(path), s.id, `missing argument "${key}" (${expected}) for step kind "${s.uses}"`)
            }
            continue
          }
          const value = args[key]
          const valueNode = at("with", key)
          const m = typeof value === "string" ? whole.exec(value) : null
          if (m !== null) {
            const got = checkRef(parseRef(m[1]), valueNode, s.id, inForEach || isForEach)
            if (expected !== "unknown" && got !== "unknown" && got !== expected) {
              report(valueNode, s.id, `argument "${key}" expects ${expected}, but ${m[1].trim()} is ${got}`)
            }
          } else {
            for (const ref of refsIn(value)) checkRef(ref, valueNode, s.id, inForEach || isForEach)
            if (refsIn(value).length === 0) {
              const got = coarseOfValue(value)
              if (expected !== "unknown" && got !== expected) {
                report(valueNode, s.id, `argument "${key}" expects ${expected}, got ${got}`)
              }
            }
          }
        }
      } else {
        for (const ref of refsIn(args)) checkRef(ref, at("with"), s.id, inForEach || isForEach)
      }
      let step: Step.Any = registered
      let until: ((env: Graph.Env) => boolean) | undefined
      if (loop !== undefined) {
        const condition = typeof loop.until === "string" ? whole.exec(loop.until) : null
        if (condition === null) {
          report(at("loop", "until") ?? at("loop"), s.id, `loop.until expects an expression such as "\${{ steps.${s.id}.output.done }}"`)
        } else {
          const got = checkRef(parseRef(condition[1]), at("loop", "until"), s.id, inForEach)
          if (got !== "boolean" && got !== "unknown") {
            report(at("loop", "until"), s.id, `loop.until expects a boolean, but ${condition[1].trim()} is ${got}`)
          }
          const expression = loop.until
          until = (env) => Boolean(resolve(expression, env))
        }
      }
      currentLoop = undefined
      const retry = s.retry
      if (retry !== undefined || s.timeout !== undefined || s.cache !== undefined) {
        const delay = retry?.delay === undefined ? Option.some(Duration.seconds(1)) : Duration.fromInput(retry.delay as Duration.Input)
        if (Option.isNone(delay)) report(at("retry", "delay"), s.id, `invalid duration "${retry?.delay}" (e.g. "500 millis", "2 seconds")`)
        const timeout = s.timeout === undefined ? Option.none() : Duration.fromInput(s.timeout as Duration.Input)
        if (s.timeout !== undefined && Option.isNone(timeout)) {
          report(at("timeout"), s.id, `invalid duration "${s.timeout}" (e.g. "30 seconds")`)
        }
        const ttl = s.cache === undefined ? Option.none() : Duration.fromInput(s.cache.ttl as Duration.Input)
        if (s.cache !== undefined && Option.isNone(ttl)) report(at("cache", "ttl"), s.id, `invalid duration "${s.cache.ttl}" (e.g. "1 hour")`)
        const base = Option.getOrElse(delay, () => Duration.seconds(1))
        step = Step.withPolicies(registered, {
          retry:
            retry === undefined
              ? undefined
              : retry.backoff === "exponential"
                ? Schedule.exponential(base).pipe(Schedule.upTo({ times: retry.times }))
                : Schedule.spaced(base).pipe(Schedule.upTo({ times: retry.times })),
          timeout: Option.getOrUndefined(timeout),
          cache: Option.isSome(ttl) ? { ttl: ttl.value } : undefined
        })
      }
      // An argument whose whole expression reads nothing (e.g. a loop's previous output on its first
      // iteration) is left out, so that optional arguments stay absent.
      const prepare: Graph.Prepare = (_, env) => {
        const resolved = resolve(args, env) as Record<string, unknown>
        for (const key of Object.keys(resolved)) if (resolved[key] === undefined) delete resolved[key]
        return resolved
      }
      node = { _tag: "Step", id: s.id, step, prepare }
      if (loop !== undefined && until !== undefined) {
        const holds = until
        node = {
          _tag: "Loop",
          id: s.id,
          body: node,
          until: (_, __, env) => holds(env),
          maxIterations: loop.maxIterations
        }
      }
      outputsOf.set(s.id, outputAst)
    }
    if (isForEach) {
      const source = s.forEach
      const body = node
      node = {
        _tag: "ForEach",
        id: s.id,
        items: (_, env) => {
          const items = resolve(source, env)
          return Array.isArray(items) ? items : []
        },
        body,
        concurrency: s.concurrency ?? 1,
        failures: s.failures ?? "failFast"
      }
      const itemAst = outputsOf.get(s.id) ?? null
      outputsOf.set(s.id, s.failures === "collect" || itemAst === null ? null : new SchemaAST.Arrays(false, [], [itemAst]))
    }
    if (s.if !== undefined) {
      const condition = s.if
      for (const ref of refsIn(condition)) checkRef(ref, at("if"), s.id, inForEach)
      node = {
        _tag: "Branch",
        id: s.id,
        label: `if ${typeof condition === "string" ? condition.replace(/^\$\{\{\s*|\s*\}\}$/g, "") : JSON.stringify(condition)}`,
        condition: (_, env) => Boolean(resolve(condition, env)),
        onTrue: node,
        onFalse: { _tag: "Map", id: `${s.id}-skipped`, label: "skipped", f: () => null }
      }
      outputsOf.set(s.id, null)
    }
    return node
  }

  const nodes: Array<Graph.Node> = []
  const defaults = Object.fromEntries(Object.entries(inputs).flatMap(([k, v]) => ("default" in v ? [[k, v.default]] : [])))
  nodes.push({
    _tag: "Map",
    id: INPUT,
    label: "inputs",
    f: (_, env) => ({ ...defaults, ...(env.input as Record<string, unknown>) })
  })
  spec.steps.forEach((s, i) => {
    const node = compileStep(s, ["steps", i], false)
    if (node !== undefined) nodes.push(node)
  })
  const outputs = spec.outputs
  if (outputs !== undefined) {
    for (const [key, value] of Object.entries(outputs)) {
      for (const ref of refsIn(value)) checkRef(ref, nodeAt(["outputs", key]), undefined, false)
    }
    nodes.push({ _tag: "Map", id: "outputs", label: "outputs", f: (_, env) => resolve(outputs, env) })
  }
  if (issues.length > 0) return { issues, pipeline: undefined }
  // The run input: anything goes through as it is (as before), once `checkInputs` has passed it.
  const input = InputCheck.register(Schema.Any.annotate({ title: `inputs of ${spec.name}` }), checkInputs(spec.name, inputs))
  return {
    issues,
    pipeline: Pipeline.unsafeMake(spec.name, input, { _tag: "Sequence", id: "pipeline", nodes })
  }
}

/**
 * Check a run's inputs against the spec's declared `inputs`: every `required` input present, every input
 * of its declared type, none undeclared; `default`s fill the inputs left out. Fails with `SpecInputError`.
 */
export const checkInputs =
  (pipeline: string, declared: Readonly<Record<string, typeof InputSpec.Type>>) =>
  (input: unknown): Effect.Effect<Readonly<Record<string, unknown>>, SpecInputError> =>
    Effect.suspend(() => {
      const issues: Array<InputIssue> = []
      const given = coarseOfValue(input)
      if (input !== undefined && given !== "object") {
        return Effect.fail(
          new SpecInputError({
            pipeline,
            issues: [{ input: "", message: `the inputs must be an object of named values, got ${given}` }]
          })
        )
      }
      const values = (input ?? {}) as Readonly<Record<string, unknown>>
      const out: Record<string, unknown> = {}
      const names = Object.keys(declared)
      for (const [name, spec] of Object.entries(declared)) {
        const value = values[name]
        if (value === undefined) {
          if ("default" in spec) out[name] = spec.default
          else if (spec.required === true) issues.push({ input: name, message: `input "${name}" is required (${spec.type})` })
          continue
        }
        const got = coarseOfValue(value)
        if (got !== spec.type) issues.push({ input: name, message: `input "${name}" expects ${spec.type}, got ${got}` })
        else out[name] = value
      }
      for (const name of Object.keys(values)) {
        if (name in declared || values[name] === undefined) continue
        const hint = names.length === 0 ? " (the pipeline declares no inputs)" : suggestion(name, names)
        issues.push({ input: name, message: `unknown input "${name}"${hint}` })
      }
      return issues.length > 0 ? Effect.fail(new SpecInputError({ pipeline, issues })) : Effect.succeed(out)
    })

// -----------------------------------------------------------------------------------------------------------------
// validate and graph
// -----------------------------------------------------------------------------------------------------------------

/** A spec to load: its text, a file name for messages, and the registry. */
export interface Source extends ParseOptions {
  readonly text: string
}

/** What `validate` found: the step paths the run would execute (forEach bodies and loops once, unexpanded). */
export interface Report {
  readonly name: string
  readonly steps: ReadonlyArray<string>
}

const toPipeline = (target: Pipeline.Any | Source): Effect.Effect<Pipeline.Any, SpecError> =>
  Pipeline.isPipeline(target) ? Effect.succeed(target) : parse(target.text, target)

const stepIds = (node: Graph.Node, into: Array<string>): Array<string> => {
  switch (node._tag) {
    case "Step":
      into.push(`${node.id} (${node.step.name})`)
      break
    case "Map":
      break
    case "Sequence":
      for (const n of node.nodes) stepIds(n, into)
      break
    case "Parallel":
      for (const [, n] of node.branches) stepIds(n, into)
      break
    case "Branch":
      stepIds(node.onTrue, into)
      stepIds(node.onFalse, into)
      break
    case "ForEach":
    case "Loop":
      stepIds(node.body, into)
  }
  return into
}

/** Dry run: load and check a spec (or a code pipeline) without calling any step. */
export const validate = (target: Pipeline.Any | Source): Effect.Effect<Report, SpecError> =>
  Effect.map(toPipeline(target), (p) => ({ name: p.name, steps: stepIds(p.node, []) }))

/** A Mermaid `flowchart TD` of a spec or a code pipeline. */
export const graph = (target: Pipeline.Any | Source): Effect.Effect<string, SpecError> =>
  Effect.map(toPipeline(target), (p) => toMermaid(p.name, p.node))
