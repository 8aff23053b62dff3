/** Self time per function (top 40) and per file of a `.cpuprofile` (NOT a test). */
import { readFileSync } from "node:fs"

interface Node {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
  readonly hitCount?: number
}
const profile = JSON.parse(readFileSync(process.argv[2], "utf8")) as { nodes: Array<Node>; samples: Array<number> }
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const counts = new Map<number, number>()
for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1)
const total = profile.samples.length
const fns = new Map<string, number>()
const files = new Map<string, number>()
for (const [id, count] of counts) {
  const frame = byId.get(id)?.callFrame
  if (frame === undefined) continue
  const file = frame.url.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "").replace(/^file:\/\/.*\/packages\//, "packages/")
  const key = `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`
  fns.set(key, (fns.get(key) ?? 0) + count)
  const fileKey = file.split("/").slice(0, 3).join("/") || "(native)"
  files.set(fileKey, (files.get(fileKey) ?? 0) + count)
}
const top = (map: Map<string, number>, n: number) =>
  [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`).join("\n")
console.log(`samples: ${total}\n\nby file:\n${top(files, 25)}\n\nby function:\n${top(fns, Number(process.argv[3] ?? 45))}`)
