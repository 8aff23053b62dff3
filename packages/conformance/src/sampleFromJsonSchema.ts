/**
 * A small sample generator for JSON Schema (the OpenAPI 3 dialect): given a schema, it builds one plausible value.
 * Objects get every declared property (recursively), arrays one item (or `minItems`), scalars their `example`,
 * `default`, first `enum` value or a type-based placeholder; `$ref` is resolved against a root document,
 * `oneOf` / `anyOf` take their first branch and `allOf` is merged. The conformance tests feed these samples to the
 * zai-kit schemas: strict request validators (a sample built from a request schema must be accepted) and lenient
 * response schemas (a sample built from a response schema must decode).
 *
 * @since 0.1.0
 */

/**
 * The part of a JSON Schema the generator reads. Any other keyword is ignored.
 *
 * @since 0.1.0
 */
export interface JsonSchema {
  readonly $ref?: string
  readonly title?: string
  readonly description?: string
  readonly type?: string | ReadonlyArray<string>
  readonly format?: string
  readonly properties?: Readonly<Record<string, JsonSchema>>
  readonly required?: ReadonlyArray<string>
  readonly additionalProperties?: boolean | JsonSchema
  readonly items?: JsonSchema | ReadonlyArray<JsonSchema>
  readonly minItems?: number
  readonly maxItems?: number
  readonly oneOf?: ReadonlyArray<JsonSchema>
  readonly anyOf?: ReadonlyArray<JsonSchema>
  readonly allOf?: ReadonlyArray<JsonSchema>
  readonly enum?: ReadonlyArray<unknown>
  readonly const?: unknown
  readonly example?: unknown
  readonly examples?: ReadonlyArray<unknown> | Readonly<Record<string, unknown>>
  readonly default?: unknown
  readonly minimum?: number
  readonly maximum?: number
  readonly exclusiveMinimum?: number | boolean
  readonly exclusiveMaximum?: number | boolean
  readonly minLength?: number
  readonly maxLength?: number
  readonly nullable?: boolean
}

/**
 * Options of {@link sample}.
 *
 * @since 0.1.0
 */
export interface Options {
  /** The document `$ref`s point into (`#/components/schemas/X`); without it a `$ref` yields `{}`'s sample. */
  readonly root?: unknown
  /**
   * Use the schema's own `example`, `examples` and `default` before a synthesised value (default `true`).
   * With `false`, only `const` and `enum` constrain scalars.
   */
  readonly useExamples?: boolean
  /** Fill only the `required` properties of objects (default `false`: every declared property). */
  readonly requiredOnly?: boolean
  /** Nesting depth after which objects become `{}` and arrays `[]`, guarding recursive `$ref`s (default 12). */
  readonly maxDepth?: number
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const isSchema = (value: unknown): value is JsonSchema => isRecord(value)

/**
 * Resolves a local JSON pointer reference (`#/components/schemas/Error`, with `~1` for `/` and `~0` for `~`) in
 * `root`. Returns `undefined` when the reference is not local or points nowhere.
 *
 * @since 0.1.0
 */
export const resolveRef = (root: unknown, ref: string): JsonSchema | undefined => {
  if (!ref.startsWith("#")) return undefined
  const tokens = ref.slice(1).split("/").filter((token) => token !== "")
  let node: unknown = root
  for (const raw of tokens) {
    const token = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~")
    if (Array.isArray(node)) node = node[Number(token)]
    else if (isRecord(node)) node = node[token]
    else return undefined
  }
  return isSchema(node) ? node : undefined
}

const withoutKey = (schema: JsonSchema, key: keyof JsonSchema): JsonSchema => {
  const { [key]: _removed, ...rest } = schema
  return rest
}

/**
 * Follows `$ref`s (sibling keywords override the target's, as OpenAPI 3.1 allows) until the schema has none.
 * A reference cycle or an unresolvable reference ends in `{}`.
 *
 * @since 0.1.0
 */
export const deref = (schema: JsonSchema, root: unknown, seen: ReadonlySet<string> = new Set()): JsonSchema => {
  if (schema.$ref === undefined) return schema
  if (seen.has(schema.$ref)) return {}
  const target = resolveRef(root, schema.$ref)
  if (target === undefined) return {}
  return deref({ ...target, ...withoutKey(schema, "$ref") }, root, new Set([...seen, schema.$ref]))
}

// Chooses a branch of a `oneOf` / `anyOf` with `count` branches (`0` = the first).
type Pick = (count: number, titles: ReadonlyArray<string>) => number

const pickFirst: Pick = () => 0

const mergeParts = (schemas: ReadonlyArray<JsonSchema>, root: unknown, pick: Pick): JsonSchema => {
  let properties: Record<string, JsonSchema> = {}
  const required: Array<string> = []
  let merged: JsonSchema = {}
  for (const part of schemas) {
    const resolved = flatten(part, root, pick)
    if (resolved.properties !== undefined) properties = { ...properties, ...resolved.properties }
    for (const key of resolved.required ?? []) if (!required.includes(key)) required.push(key)
    merged = { ...merged, ...resolved }
  }
  return { ...merged, properties, required }
}

/**
 * Merges the members of an `allOf` (each dereferenced) into one schema: properties are united, `required` lists
 * concatenated, other keywords taken from the last member that has them.
 *
 * @since 0.1.0
 */
export const mergeAllOf = (schemas: ReadonlyArray<JsonSchema>, root: unknown): JsonSchema => mergeParts(schemas, root, pickFirst)

const titleOf = (schema: JsonSchema, index: number): string =>
  schema.title ?? schema.$ref?.split("/").pop() ?? `branch ${index + 1}`

// A schema without `$ref` and `allOf`; `oneOf`/`anyOf` replaced by the picked branch merged with the siblings.
const flatten = (schema: JsonSchema, root: unknown, pick: Pick = pickFirst, depth = 0): JsonSchema => {
  if (depth > 32) return {}
  const resolved = deref(schema, root)
  if (resolved.allOf !== undefined && resolved.allOf.length > 0) {
    return flatten(mergeParts([withoutKey(resolved, "allOf"), ...resolved.allOf], root, pick), root, pick, depth + 1)
  }
  for (const key of ["oneOf", "anyOf"] as const) {
    const branches = resolved[key]
    if (branches !== undefined) {
      const rest = withoutKey(resolved, key)
      if (branches.length === 0) return flatten(rest, root, pick, depth + 1)
      const index = branches.length === 1 ? 0 : pick(branches.length, branches.map(titleOf))
      const chosen = branches[Math.min(Math.max(index, 0), branches.length - 1)] ?? {}
      const branch = flatten(chosen, root, pick, depth + 1)
      // The branch's own keywords win; the parent's properties stay unless the branch redefines them.
      const properties = rest.properties === undefined && branch.properties === undefined
        ? undefined
        : { ...rest.properties, ...branch.properties }
      return flatten({ ...rest, ...branch, ...(properties === undefined ? {} : { properties }) }, root, pick, depth + 1)
    }
  }
  return resolved
}

const firstExample = (schema: JsonSchema): { readonly value: unknown } | undefined => {
  if (schema.example !== undefined) return { value: schema.example }
  const examples = schema.examples
  if (Array.isArray(examples) && examples.length > 0) return { value: examples[0] }
  if (schema.default !== undefined) return { value: schema.default }
  return undefined
}

const typeOf = (schema: JsonSchema): string | undefined => {
  const declared = typeof schema.type === "string" ? schema.type : schema.type?.find((t) => t !== "null") ?? schema.type?.[0]
  if (declared !== undefined) return declared
  if (schema.properties !== undefined || schema.additionalProperties !== undefined) return "object"
  if (schema.items !== undefined) return "array"
  return undefined
}

// A string property without a format whose name says it holds a URL (`url`, `image_url`, `callbackUrl`).
const urlName = /(?:^|_)(?:url|URL)$|[a-z]Url$/

const stringFor = (schema: JsonSchema, name: string | undefined): string => {
  let text: string
  switch (schema.format ?? (name !== undefined && urlName.test(name) ? "uri" : undefined)) {
    case "date-time":
      text = "2025-01-01T00:00:00Z"
      break
    case "date":
      text = "2025-01-01"
      break
    case "uri":
    case "url":
    case "uri-reference":
      text = "https://example.com/a"
      break
    case "email":
      text = "user@example.com"
      break
    case "byte":
      text = "aGVsbG8="
      break
    case "uuid":
      text = "00000000-0000-4000-8000-000000000000"
      break
    default:
      text = "string"
  }
  if (schema.minLength !== undefined && text.length < schema.minLength) text = text.padEnd(schema.minLength, "x")
  if (schema.maxLength !== undefined && text.length > schema.maxLength) text = text.slice(0, schema.maxLength)
  return text
}

const numberFor = (schema: JsonSchema, integer: boolean): number => {
  const step = integer ? 1 : 0.5
  const low = typeof schema.exclusiveMinimum === "number"
    ? schema.exclusiveMinimum + step
    : schema.minimum !== undefined
    ? schema.minimum + (schema.exclusiveMinimum === true ? step : 0)
    : undefined
  const high = typeof schema.exclusiveMaximum === "number"
    ? schema.exclusiveMaximum - step
    : schema.maximum !== undefined
    ? schema.maximum - (schema.exclusiveMaximum === true ? step : 0)
    : undefined
  const value = low ?? (high !== undefined && high < 1 ? high : 1)
  return integer ? Math.ceil(value) : value
}

// A place in a sample where another choice is possible: a `oneOf` / `anyOf`, or an `enum` with several values.
type Point =
  | {
    readonly kind: "branch"
    readonly key: string
    readonly path: string
    readonly titles: ReadonlyArray<string>
    readonly chosen: number
  }
  | { readonly kind: "enum"; readonly key: string; readonly path: string; readonly values: ReadonlyArray<unknown>; readonly chosen: unknown }

interface Context {
  readonly options: Options
  /** Branch picked at a location (`<path>#<n>`: the n-th `oneOf`/`anyOf` met there); the first otherwise. */
  readonly branches: ReadonlyMap<string, number>
  /** Enum value forced at a path. */
  readonly enums: ReadonlyMap<string, unknown>
  /** Every choice point met while building. */
  readonly points: Array<Point>
}

const build = (input: JsonSchema, ctx: Context, depth: number, path: string, name?: string): unknown => {
  const options = ctx.options
  let occurrence = 0
  const pick: Pick = (count, titles) => {
    const key = `${path}#${occurrence++}`
    const chosen = ctx.branches.get(key) ?? 0
    if (count > 1) ctx.points.push({ kind: "branch", key, path, titles, chosen })
    return chosen
  }
  const schema = flatten(input, options.root, pick)
  if (schema.const !== undefined) return schema.const
  const forced = ctx.enums.get(path)
  const example = options.useExamples === false ? undefined : firstExample(schema)
  if (schema.enum !== undefined && schema.enum.length > 1) {
    const chosen = ctx.enums.has(path) ? forced : example !== undefined ? example.value : schema.enum[0]
    ctx.points.push({ kind: "enum", key: path, path, values: schema.enum, chosen })
    if (ctx.enums.has(path)) return forced
  }
  if (example !== undefined) return structuredClone(example.value)
  if (schema.enum !== undefined && schema.enum.length > 0) return schema.enum[0]
  const maxDepth = options.maxDepth ?? 12
  switch (typeOf(schema)) {
    case "object": {
      if (depth >= maxDepth) return {}
      const out: Record<string, unknown> = {}
      const required = schema.required ?? []
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (options.requiredOnly === true && !required.includes(key)) continue
        out[key] = build(property, ctx, depth + 1, `${path}/${key}`, key)
      }
      const extra = schema.additionalProperties
      if (schema.properties === undefined && isSchema(extra)) out.key = build(extra, ctx, depth + 1, `${path}/key`)
      return out
    }
    case "array": {
      if (depth >= maxDepth) return []
      const items = schema.items
      if (Array.isArray(items)) return items.map((item: JsonSchema, i) => build(item, ctx, depth + 1, `${path}/${i}`))
      if (schema.maxItems === 0) return []
      const count = Math.max(1, schema.minItems ?? 1)
      const item = isSchema(items) ? items : {}
      return Array.from({ length: count }, (_, i) => build(item, ctx, depth + 1, `${path}/${i}`, name))
    }
    case "string":
      return stringFor(schema, name)
    case "integer":
      return numberFor(schema, true)
    case "number":
      return numberFor(schema, false)
    case "boolean":
      return true
    case "null":
      return null
    default:
      return {}
  }
}

/**
 * One sample value of `schema`. Precedence for each (sub)schema: `const`; then, unless `useExamples` is `false`,
 * `example`, the first of `examples`, `default`; then the first `enum` value; then by type: objects from
 * `properties` (a map-only object gets one entry `key`), arrays of `minItems` (at least one) items, strings shaped
 * by `format` (a property named `url` or `..._url` without one gets a URL) and `minLength`/`maxLength`, numbers at `minimum` (else 1, within `maximum`), `true`, `null`.
 *
 * @since 0.1.0
 */
export const sample = (schema: JsonSchema, options: Options = {}): unknown =>
  build(schema, { options, branches: new Map(), enums: new Map(), points: [] }, 0, "")

/**
 * One sample of {@link samples}: what was chosen differently from the first sample (`"first choices"` for the first
 * one), and the value.
 *
 * @since 0.1.0
 */
export interface Variant {
  readonly label: string
  readonly value: unknown
}

/**
 * Samples of `schema` that between them take every branch of every `oneOf` / `anyOf` and every value of every `enum`
 * (with more than one value) at least once. The first is {@link sample}'s; each other one changes one choice of a
 * sample before it (labelled by its JSON pointer, e.g. `/tools/0: WebSearchToolSchema` or `/model = "glm-4.7"`), so
 * the choices nested in a branch are varied too. At most `limit` samples (default 1000).
 *
 * @since 0.1.0
 */
export const samples = (schema: JsonSchema, options: Options & { readonly limit?: number } = {}): ReadonlyArray<Variant> => {
  const out: Array<Variant> = []
  const done = new Set<string>()
  const queue: Array<{ readonly label: string; readonly branches: ReadonlyMap<string, number>; readonly enums: ReadonlyMap<string, unknown> }> = [
    { label: "first choices", branches: new Map(), enums: new Map() }
  ]
  const limit = options.limit ?? 1000
  while (out.length < limit) {
    const next = queue.shift()
    if (next === undefined) break
    const ctx: Context = { options, branches: next.branches, enums: next.enums, points: [] }
    out.push({ label: next.label, value: build(schema, ctx, 0, "") })
    for (const point of ctx.points) {
      const where = point.path === "" ? "/" : point.path
      if (point.kind === "branch") {
        done.add(`${point.key}=${point.chosen}`)
        point.titles.forEach((title, i) => {
          const key = `${point.key}=${i}`
          if (done.has(key)) return
          done.add(key)
          queue.push({ label: `${where}: ${title}`, branches: new Map([...next.branches, [point.key, i]]), enums: next.enums })
        })
      } else {
        done.add(`${point.key}=${JSON.stringify(point.chosen)}`)
        for (const value of point.values) {
          const key = `${point.key}=${JSON.stringify(value)}`
          if (done.has(key)) continue
          done.add(key)
          queue.push({ label: `${where} = ${JSON.stringify(value)}`, branches: next.branches, enums: new Map([...next.enums, [point.path, value]]) })
        }
      }
    }
  }
  return out
}
