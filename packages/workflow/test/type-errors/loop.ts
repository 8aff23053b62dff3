import { Schema } from "effect"
import { Pipeline } from "@zai-kit/workflow"
import { read } from "../support.js"

// a loop body must give back its own input type: `read` maps string -> page.
export const wrong = Pipeline.input(Schema.String, { name: "s" }).pipe(
  Pipeline.loop(read, { until: () => true, maxIterations: 3 }) // error-here
)
