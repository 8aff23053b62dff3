import type * as Step from "../Step.js"

/** Values visible to spec expressions: the run input, finished steps' outputs, the current forEach item and loop iteration. */
export interface Env {
  readonly input: unknown
  readonly steps: Map<string, unknown>
  readonly item: unknown
  readonly index: number | undefined
  /** The current loop iteration, from 1 (inside a loop). */
  readonly iteration: number | undefined
}

/** How a spec step builds its input from the flowing value and the environment. */
export type Prepare = (value: unknown, env: Env) => unknown

/** The erased graph both code pipelines and spec files compile to. */
export type Node =
  | {
      readonly _tag: "Step"
      readonly id: string
      readonly step: Step.Any
      readonly prepare: Prepare | undefined
    }
  | { readonly _tag: "Sequence"; readonly id: string; readonly nodes: ReadonlyArray<Node> }
  | { readonly _tag: "Parallel"; readonly id: string; readonly branches: ReadonlyArray<readonly [string, Node]> }
  | {
      readonly _tag: "Branch"
      readonly id: string
      readonly label: string
      readonly condition: (value: unknown, env: Env) => boolean
      readonly onTrue: Node
      readonly onFalse: Node
    }
  | {
      readonly _tag: "ForEach"
      readonly id: string
      readonly items: ((value: unknown, env: Env) => ReadonlyArray<unknown>) | undefined
      readonly body: Node
      readonly concurrency: number
      readonly failures: "failFast" | "collect"
    }
  | {
      readonly _tag: "Loop"
      readonly id: string
      readonly body: Node
      /** Checked after each iteration on its output (`env` sees that output under the body's id). */
      readonly until: (value: unknown, iteration: number, env: Env) => boolean
      readonly maxIterations: number
    }
  | { readonly _tag: "Map"; readonly id: string; readonly label: string; readonly f: (value: unknown, env: Env) => unknown }

/** Every id used in a graph. */
export const ids = (node: Node, into: Set<string> = new Set()): Set<string> => {
  into.add(node.id)
  switch (node._tag) {
    case "Step":
    case "Map":
      break
    case "Sequence":
      for (const n of node.nodes) ids(n, into)
      break
    case "Parallel":
      for (const [, n] of node.branches) ids(n, into)
      break
    case "Branch":
      ids(node.onTrue, into)
      ids(node.onFalse, into)
      break
    case "ForEach":
    case "Loop":
      ids(node.body, into)
      break
  }
  return into
}

/** A fresh id based on `base`, not in `taken` (and reserve it). */
export const freshId = (base: string, taken: Set<string>): string => {
  let id = base
  let n = 2
  while (taken.has(id)) id = `${base}-${n++}`
  taken.add(id)
  return id
}

/** Rename the ids of `node` that clash with `taken` (ids of a pipeline stay unique, so activity names do). */
export const uniquify = (node: Node, taken: Set<string>): Node => {
  const id = freshId(node.id, taken)
  switch (node._tag) {
    case "Step":
    case "Map":
      return { ...node, id }
    case "Sequence":
      return { ...node, id, nodes: node.nodes.map((n) => uniquify(n, taken)) }
    case "Parallel":
      return { ...node, id, branches: node.branches.map(([k, n]) => [k, uniquify(n, taken)] as const) }
    case "Branch":
      return { ...node, id, onTrue: uniquify(node.onTrue, taken), onFalse: uniquify(node.onFalse, taken) }
    case "ForEach":
    case "Loop":
      return { ...node, id, body: uniquify(node.body, taken) }
  }
}

/** Append `next` to `self` as a sequence, renaming clashing ids in `next`. */
export const sequence = (self: Node, next: Node): Node => {
  const taken = ids(self)
  const renamed = uniquify(next, taken)
  const head = self._tag === "Sequence" ? self.nodes : [self]
  const tail = renamed._tag === "Sequence" ? renamed.nodes : [renamed]
  return { _tag: "Sequence", id: self._tag === "Sequence" ? self.id : "pipeline", nodes: [...head, ...tail] }
}
