import { Pipeline } from "@zai-kit/workflow"
import { search } from "../support.js"

// the map parameter is inferred as { urls }: it has no `topic`.
export const wrong = Pipeline.make(search).pipe(Pipeline.map((found) => found.topic)) // error-here
