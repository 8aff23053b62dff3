import { Pipeline } from "@zai-kit/workflow"
import { read, search } from "../support.js"

// every branch gets the same input: `read` wants a string, `search` outputs { urls }.
export const wrong = Pipeline.make(search).pipe(Pipeline.parallel({ again: search, page: read })) // error-here
