/**
 * JSON Schema for the wire, derived from an Effect Schema, and JSON decoding through the same schema.
 * @internal
 */
import { InputValidation } from "@zai-kit/schema"
import { Effect, Schema, SchemaRepresentation } from "effect"

type Json = Readonly<Record<string, unknown>>

const isObject = (u: unknown): u is Json => typeof u === "object" && u !== null && !Array.isArray(u)

const nonFinite = new Set(["NaN", "Infinity", "-Infinity"])

// `Schema.Number` allows NaN and ±Infinity, which JSON carries as strings: `anyOf: [number, "NaN" | "Infinity" | ...]`.
const isNumberWithNonFinite = (node: Json): boolean => {
  const anyOf = node.anyOf
  if (!Array.isArray(anyOf) || anyOf.length !== 2) return false
  const [number, strings] = anyOf
  return isObject(number) && number.type === "number" && Object.keys(number).length === 1 && isObject(strings) &&
    strings.type === "string" && Array.isArray(strings.enum) && strings.enum.length === 3 &&
    strings.enum.every((e) => typeof e === "string" && nonFinite.has(e))
}

/**
 * Merges the JSON Schema of the JSON codec (right for dates, options and every declaration) with the one of the
 * schema itself (which keeps the descriptions and ranges of `Schema.Number`, lost by the codec): numbers become a
 * plain `{ type: "number", ... }` with the annotations of the schema.
 */
const merge = (codec: unknown, plain: unknown): unknown => {
  if (Array.isArray(codec)) {
    return codec.map((item, i) => merge(item, Array.isArray(plain) ? plain[i] : undefined))
  }
  if (!isObject(codec)) return codec
  const other = isObject(plain) ? plain : {}
  if (isNumberWithNonFinite(codec)) {
    const { anyOf: _anyOf, ...annotations } = isNumberWithNonFinite(other) ? other : codec
    return { type: "number", ...annotations }
  }
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(codec)) out[key] = merge(value, other[key])
  return out
}

/**
 * The draft-2020-12 JSON Schema of the JSON form of `schema` (the form `decodeJson` accepts), with named parts
 * inlined unless they are shared or recursive, and the root always inline (models and the API expect a
 * top-level `{ type: "object", properties, required }`); remaining definitions go under `$defs`.
 */
export const jsonSchemaOf = (schema: Schema.Top): Record<string, unknown> => {
  const options = {
    referencePolicy: ({ identifier, occurrences }: SchemaRepresentation.ReferencePolicyInput) =>
      occurrences > 1 ? identifier : undefined
  }
  const codec = Schema.toJsonSchemaDocument(schema, options)
  const plain = SchemaRepresentation.toJsonSchemaDocument(Schema.toRepresentation(schema, options))
  const merged = merge({ schema: codec.schema, definitions: codec.definitions }, {
    schema: plain.schema,
    definitions: plain.definitions
  })
  const document = isObject(merged) ? merged : {}
  const definitions: Record<string, unknown> = isObject(document.definitions) ? { ...document.definitions } : {}
  let root: Record<string, unknown> = isObject(document.schema) ? { ...document.schema } : {}
  const ref = root.$ref
  if (typeof ref === "string" && ref.startsWith("#/$defs/")) {
    const name = ref.slice("#/$defs/".length)
    const target = definitions[name]
    if (isObject(target)) {
      const { $ref: _ignored, ...rest } = root
      root = { ...target, ...rest }
      // Keep the definition only when something still points at it (a recursive root).
      if (!JSON.stringify({ root, definitions: { ...definitions, [name]: null } }).includes(`"#/$defs/${name}"`)) {
        delete definitions[name]
      }
    }
  }
  return Object.keys(definitions).length > 0 ? { ...root, $defs: definitions } : root
}

const nonFiniteExpected = /expected "(?:NaN|-?Infinity)" \| "(?:NaN|-?Infinity)" \| "(?:NaN|-?Infinity)"/

/**
 * Decodes a parsed JSON value through the JSON codec of `schema` (`Schema.toCodecJson`), reporting every problem
 * as `{ path, message }`.
 */
export const decodeJson = <S extends Schema.Top>(
  schema: S,
  value: unknown
): Effect.Effect<S["Type"], ReadonlyArray<InputValidation.InputIssue>, S["DecodingServices"]> =>
  Schema.decodeUnknownEffect(Schema.toCodecJson(schema))(value, { errors: "all", reportInput: true }).pipe(
    Effect.mapError((error) =>
      InputValidation.issuesOf(error.issue).map((issue) => ({
        path: issue.path,
        message: issue.message.replace(nonFiniteExpected, "expected number")
      }))
    )
  )
