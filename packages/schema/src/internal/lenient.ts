import { Schema } from "effect"

/** A struct that keeps every key it does not declare (output schemas: the API may add fields at any time). */
export const lenient = <const Fields extends Schema.Struct.Fields>(fields: Fields) =>
  Schema.StructWithRest(Schema.Struct(fields), [Schema.Record(Schema.String, Schema.Unknown)])

/** An output field that may be absent or `null`. */
export const maybe = <S extends Schema.Constraint>(schema: S) => Schema.optionalKey(Schema.NullOr(schema))
