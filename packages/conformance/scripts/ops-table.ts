// Writes the operations table of packages/schema/README.md (between `<!-- operations:start -->` and
// `<!-- operations:end -->`) from the data in src/operations.ts. With `--check`, changes nothing and exits 1 when the
// README is out of date (the conformance tests check the same).
// Usage: pnpm --filter @zai-kit/conformance ops-table [--check]
import { readFileSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { operations, renderTable } from "../src/operations.ts"

const readmePath = fileURLToPath(new URL("../../schema/README.md", import.meta.url))
const start = "<!-- operations:start -->"
const end = "<!-- operations:end -->"

const readme = readFileSync(readmePath, "utf8")
const from = readme.indexOf(start)
const to = readme.indexOf(end)
if (from === -1 || to < from) {
  console.error(`${readmePath}: add the markers ${start} and ${end} where the table goes`)
  process.exit(1)
}
const updated = `${readme.slice(0, from + start.length)}\n\n${renderTable(operations)}\n${readme.slice(to)}`
if (process.argv.includes("--check")) {
  if (updated !== readme) {
    console.error(`${readmePath}: the operations table is out of date; run pnpm --filter @zai-kit/conformance ops-table`)
    process.exit(1)
  }
  console.log("operations table up to date")
} else if (updated !== readme) {
  writeFileSync(readmePath, updated)
  console.log(`wrote ${operations.length} operations to ${readmePath}`)
} else {
  console.log("operations table up to date")
}
