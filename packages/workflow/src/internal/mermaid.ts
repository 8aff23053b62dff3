import type { Node } from "./graph.js"

const quote = (s: string) => `"${s.replace(/"/g, "#quot;")}"`

/** Render a graph as a Mermaid `flowchart TD`. */
export const toMermaid = (title: string, root: Node): string => {
  const lines: Array<string> = ["flowchart TD"]
  let counter = 0
  const fresh = (id: string) => `${id.replace(/[^A-Za-z0-9_]/g, "_")}_${counter++}`
  const link = (from: ReadonlyArray<string>, to: ReadonlyArray<string>, label?: string) => {
    for (const f of from) for (const t of to) lines.push(`  ${f} -->${label === undefined ? "" : `|${label}|`} ${t}`)
  }
  // returns [entries, exits]
  const walk = (node: Node, indent: string): readonly [ReadonlyArray<string>, ReadonlyArray<string>] => {
    switch (node._tag) {
      case "Step": {
        const id = fresh(node.id)
        lines.push(`${indent}${id}[${quote(node.id === node.step.name ? node.id : `${node.id}: ${node.step.name}`)}]`)
        return [[id], [id]]
      }
      case "Map": {
        const id = fresh(node.id)
        lines.push(`${indent}${id}[/${quote(node.label)}/]`)
        return [[id], [id]]
      }
      case "Sequence": {
        let entries: ReadonlyArray<string> | undefined
        let exits: ReadonlyArray<string> = []
        for (const child of node.nodes) {
          const [e, x] = walk(child, indent)
          if (entries === undefined) entries = e
          else link(exits, e)
          exits = x
        }
        if (entries === undefined) {
          const id = fresh("input")
          lines.push(`${indent}${id}([${quote("input")}])`)
          return [[id], [id]]
        }
        return [entries, exits]
      }
      case "Parallel": {
        const fork = fresh(node.id)
        lines.push(`${indent}${fork}{{${quote(`${node.id}: parallel`)}}}`)
        const exits: Array<string> = []
        for (const [key, branch] of node.branches) {
          const [e, x] = walk(branch, indent)
          link([fork], e, key)
          exits.push(...x)
        }
        return [[fork], exits]
      }
      case "Branch": {
        const id = fresh(node.id)
        lines.push(`${indent}${id}{${quote(node.label)}}`)
        const [te, tx] = walk(node.onTrue, indent)
        const [fe, fx] = walk(node.onFalse, indent)
        link([id], te, "yes")
        link([id], fe, "no")
        return [[id], [...tx, ...fx]]
      }
      case "ForEach":
      case "Loop": {
        const sub = fresh(node.id)
        const title =
          node._tag === "ForEach"
            ? `${node.id}: forEach (concurrency ${node.concurrency}, ${node.failures})`
            : `${node.id}: loop (max ${node.maxIterations})`
        lines.push(`${indent}subgraph ${sub} [${quote(title)}]`)
        const [e, x] = walk(node.body, `${indent}  `)
        lines.push(`${indent}end`)
        if (node._tag === "Loop") for (const from of x) for (const to of e) lines.push(`  ${from} -.->|again| ${to}`)
        return [e, x]
      }
    }
  }
  const start = fresh("start")
  lines.push(`  ${start}([${quote(title)}])`)
  const [entries] = walk(root, "  ")
  link([start], entries)
  return lines.join("\n")
}
