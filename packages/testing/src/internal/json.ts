/**
 * JSON parsing without exceptions.
 * @internal
 */
import { type Option, Schema } from "effect"

const decode = Schema.decodeUnknownOption(Schema.fromJsonString(Schema.Unknown))

/** Parses JSON text; `None` when it is not JSON. */
export const parse = (text: string): Option.Option<unknown> => decode(text)
