/**
 * The examples of a package README: its fenced ```ts blocks. A block with an `import` declaration is a whole module
 * (runnable); a block without one is a fragment shown for reading and is left out. The README itself is the source
 * of what runs, so the example run and the example shown cannot drift apart.
 */

/** One fenced TypeScript block of a README. */
export interface Example {
  /** 0-based position among the README's ```ts blocks. */
  readonly index: number
  /** 1-based line of the opening fence, for messages. */
  readonly line: number
  readonly code: string
  /** Whether the block is a whole module (it has an `import` declaration). */
  readonly runnable: boolean
}

const fence = /^```(ts|typescript)\s*$/
const importDeclaration = /^import\s[^;]*?from\s+["']([^"']+)["']/gm

/** The ```ts blocks of a README, in order. */
export const extract = (readme: string): ReadonlyArray<Example> => {
  const lines = readme.split("\n")
  const examples: Array<Example> = []
  for (let i = 0; i < lines.length; i++) {
    if (!fence.test(lines[i] ?? "")) continue
    const start = i
    const body: Array<string> = []
    for (i++; i < lines.length && !(lines[i] ?? "").startsWith("```"); i++) body.push(lines[i] ?? "")
    const code = `${body.join("\n")}\n`
    examples.push({ index: examples.length, line: start + 1, code, runnable: imports(code).length > 0 })
  }
  return examples
}

/** The module specifiers a block imports (`effect`, `effect/sql`, `@zai-kit/chat`, `node:os`, ...). */
export const imports = (code: string): ReadonlyArray<string> => [...code.matchAll(importDeclaration)].map((m) => m[1] ?? "")

/** The package a bare specifier belongs to (`@effect/platform-node/NodeRuntime` → `@effect/platform-node`), or undefined for `node:` and relative ones. */
export const packageOf = (specifier: string): string | undefined => {
  if (specifier.startsWith("node:") || specifier.startsWith(".") || specifier.startsWith("/")) return undefined
  const parts = specifier.split("/")
  return specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]
}

/**
 * The block as a module file: unchanged, plus an `export { program }` line when it declares a top-level `program`
 * without exporting it, so the runner can run it.
 */
export const toModule = (example: Example): string => {
  const declares = /^const program\b/m.test(example.code)
  const exported = /^export const program\b/m.test(example.code)
  return declares && !exported
    ? `${example.code}\n// appended by @zai-kit/release so the runner can run it\nexport { program }\n`
    : example.code
}

/**
 * The runner, a plain ES module run with Node: imports the example module (its top-level code runs) and, when it
 * exports a `program` Effect, runs it with every Layer the example itself exports provided (the way the examples'
 * own `Effect.runPromise(program.pipe(Effect.provide(Live)))` comments say), printing the result as JSON.
 */
export const runner = `import { pathToFileURL } from "node:url"
import { Effect, Layer } from "effect"

const example = await import(pathToFileURL(process.argv[2]).href)
const replacer = (_key, value) =>
  typeof value === "bigint" ? value.toString() : value instanceof Uint8Array ? { bytes: value.length } : value
if (example.program === undefined) {
  console.log(JSON.stringify({ ran: "module" }))
} else if (!Effect.isEffect(example.program)) {
  console.error("the example's program is not an Effect")
  process.exit(2)
} else {
  const layers = Object.values(example).filter((value) => Layer.isLayer(value))
  const program = layers.length === 0 ? example.program : Effect.provide(example.program, Layer.mergeAll(...layers))
  const result = await Effect.runPromise(program)
  console.log(JSON.stringify({ ran: "program", result: result ?? null }, replacer))
}
`
