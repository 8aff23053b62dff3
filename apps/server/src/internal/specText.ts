import { Spec } from "@zai-kit/workflow"
import { Option, Schema } from "effect"
import { parse } from "yaml"

const Header = Schema.Struct({
  name: Schema.String,
  description: Schema.optionalKey(Schema.String),
  inputs: Schema.optionalKey(Schema.Record(Schema.String, Spec.InputSpec))
})

/** The header of a spec text (name, description, declared inputs), when it parses; `Spec.parse` reports the rest. */
export const header = (text: string): Option.Option<typeof Header.Type> => {
  let value: unknown
  try {
    value = parse(text)
  } catch {
    return Option.none()
  }
  return Schema.decodeUnknownOption(Header)(value)
}
