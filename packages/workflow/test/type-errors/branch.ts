import { Schema } from "effect"
import { Pipeline } from "@zai-kit/workflow"
import { read } from "../support.js"

// `read` takes a string; the branch input is a number.
export const wrong = Pipeline.input(Schema.Number, { name: "n" }).pipe(
  Pipeline.branch({ if: (n: number) => n > 1, onTrue: read, onFalse: read }) // error-here
)
