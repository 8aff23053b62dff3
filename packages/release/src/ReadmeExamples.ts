/**
 * The examples of a package README: its fenced ```ts blocks. A block with an `import` declaration is a whole module
 * (runnable); a block without one, or one right after a `<!-- fragment -->` line (a continuation of an earlier block),
 * is shown for reading and left out. The README itself is the source of what runs, so the example run and the example
 * shown cannot drift apart.
 */

/** One fenced TypeScript block of a README. */
export interface Example {
  /** 0-based position among the README's ```ts blocks. */
  readonly index: number
  /** 1-based line of the opening fence, for messages. */
  readonly line: number
  readonly code: string
  /** Whether the block is a whole module (it has an `import` declaration and is not marked `<!-- fragment -->`). */
  readonly runnable: boolean
}

const fence = /^```(ts|typescript)\s*$/
const fragmentMarker = /^<!--\s*fragment\s*-->\s*$/
const importDeclaration = /^import\s[^;]*?from\s+["']([^"']+)["']/gm

/** The ```ts blocks of a README, in order. */
export const extract = (readme: string): ReadonlyArray<Example> => {
  const lines = readme.split("\n")
  const examples: Array<Example> = []
  for (let i = 0; i < lines.length; i++) {
    if (!fence.test(lines[i] ?? "")) continue
    const start = i
    let before = i - 1
    while (before >= 0 && (lines[before] ?? "").trim() === "") before--
    const fragment = before >= 0 && fragmentMarker.test(lines[before] ?? "")
    const body: Array<string> = []
    for (i++; i < lines.length && !(lines[i] ?? "").startsWith("```"); i++) body.push(lines[i] ?? "")
    const code = `${body.join("\n")}\n`
    examples.push({ index: examples.length, line: start + 1, code, runnable: !fragment && imports(code).length > 0 })
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

/** The entry points the runner looks for, in order: `main` (an Effect, or a function returning a Promise), `program` (an Effect). */
export const entryPoints = ["main", "program"] as const

/**
 * The block as a module file: unchanged, plus an `export { ... }` line for the entry points it declares at top level
 * without exporting them, so the runner can run them.
 */
export const toModule = (example: Example): string => {
  const unexported = entryPoints.filter(
    (name) =>
      new RegExp(`^(const|let|function|async function) ${name}\\b`, "m").test(example.code) &&
      !new RegExp(`^export (const|let|function|async function) ${name}\\b`, "m").test(example.code)
  )
  return unexported.length > 0
    ? `${example.code}\n// appended by @zai-kit/release so the runner can run it\nexport { ${unexported.join(", ")} }\n`
    : example.code
}

/**
 * The runner, a plain ES module run with Node: imports the (compiled) example module, so its top-level code runs,
 * then runs its entry point: `main` (a function without parameters is called and awaited, one with parameters is
 * only loaded; an Effect is run) or else `program` (an
 * Effect). An Effect runs with every Layer the example itself exports provided (the way the examples' own
 * `Effect.runPromise(program.pipe(Effect.provide(Live)))` comments say). Prints `{ ran, result }` as JSON.
 */
export const runner = `import { pathToFileURL } from "node:url"
import { Effect, Layer } from "effect"

const example = await import(pathToFileURL(process.argv[2]).href)
const replacer = (_key, value) =>
  typeof value === "bigint" ? value.toString() : value instanceof Uint8Array ? { bytes: value.length } : value
const name = ${JSON.stringify(entryPoints)}.find((key) => example[key] !== undefined)
const entry = name === undefined ? undefined : example[name]
let result
if (entry === undefined) {
  console.log(JSON.stringify({ ran: "module" }))
  process.exit(0)
} else if (typeof entry === "function" && !Effect.isEffect(entry) && entry.length > 0) {
  // An entry point that needs arguments (a URL of a server the reader starts, ...) is only loaded.
  console.log(JSON.stringify({ ran: "module", entry: name + " takes arguments" }))
  process.exit(0)
} else if (typeof entry === "function" && !Effect.isEffect(entry)) {
  result = await entry()
} else if (Effect.isEffect(entry)) {
  const layers = Object.values(example).filter((value) => Layer.isLayer(value))
  result = await Effect.runPromise(layers.length === 0 ? entry : Effect.provide(entry, Layer.mergeAll(...layers)))
} else {
  console.error("the example's " + name + " is neither an Effect nor a function")
  process.exit(2)
}
console.log(JSON.stringify({ ran: name, result: result ?? null }, replacer))
`
