// Start-up cost of the bundled CLI: CPU time (user + system) of `zai --help` against a bare `node -e 0`, both
// measured the same way in the same run (a preloaded module reports process.cpuUsage() at exit), median of N runs
// each, interleaved. Target: at most 150 ms of CPU above bare node. Run with `pnpm --filter @zai-kit/cli bench`
// (which bundles first).
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const bin = join(root, "dist", "zai.js")
const report = join(root, "bench", "cpu-report.mjs")
const runs = Number(process.env.BENCH_RUNS ?? 15)
const targetMs = 150

if (!existsSync(bin)) {
  process.stderr.write("dist/zai.js is missing: run `node scripts/bundle.ts` first\n")
  process.exit(1)
}

const cpuMs = (args: ReadonlyArray<string>): number => {
  const result = spawnSync(process.execPath, ["--import", report, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } })
  const match = /cpu-us (\d+)/.exec(result.stderr)
  if (result.status !== 0 || match === null) throw new Error(`run failed: ${args.join(" ")}\n${result.stderr}`)
  return Number(match[1]) / 1000
}

const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

const cases = {
  "node -e 0": ["-e", "0"],
  "zai --help": [bin, "--help"],
  "zai chat --help": [bin, "chat", "--help"]
} as const

const samples: Record<string, Array<number>> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]))
cpuMs(cases["zai --help"]) // warm the file cache
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(cases)) samples[name]?.push(cpuMs(args))
}

const base = median(samples["node -e 0"] ?? [])
const rows = Object.entries(samples).map(([name, values]) => {
  const m = median(values)
  return { name, median: m, above: m - base, ratio: m / base }
})
process.stdout.write(`start-up CPU time, median of ${runs} runs (Node ${process.version})\n\n`)
process.stdout.write("| command | CPU ms | above bare node | × bare node |\n|---|---|---|---|\n")
for (const row of rows) {
  process.stdout.write(`| ${row.name} | ${row.median.toFixed(1)} | ${row.above.toFixed(1)} | ${row.ratio.toFixed(2)} |\n`)
}
const help = rows.find((r) => r.name === "zai --help")
process.stdout.write(
  `\nzai --help: ${help?.above.toFixed(1)} ms above bare node (target <= ${targetMs} ms): ${help !== undefined && help.above <= targetMs ? "within target" : "OVER TARGET"}\n`
)
