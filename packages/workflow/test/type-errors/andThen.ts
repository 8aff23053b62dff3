import { Pipeline } from "@zai-kit/workflow"
import { search, summarize } from "../support.js"

// `search` outputs { urls }, `summarize` wants an array of pages.
export const wrong = Pipeline.make(search).pipe(Pipeline.andThen(summarize)) // error-here
