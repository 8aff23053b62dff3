import { Schema } from "effect"
import { Pipeline } from "@zai-kit/workflow"
import { read } from "../support.js"

// `read` takes a string; the items are numbers.
export const wrong = Pipeline.input(Schema.Array(Schema.Number), { name: "n" }).pipe(Pipeline.forEach(read)) // error-here
