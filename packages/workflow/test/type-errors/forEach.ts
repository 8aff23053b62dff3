import { Pipeline } from "@zai-kit/workflow"
import { read, search } from "../support.js"

// `forEach` needs an array output; `search` outputs a struct.
export const wrong = Pipeline.make(search).pipe(Pipeline.forEach(read)) // error-here
