// Runs the whole vitest suite once and ends with the plain line CI reads: `N passed, N failed, N skipped`.
// Exits non-zero when anything failed or when no test ran at all.
import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const out = join(mkdtempSync(join(tmpdir(), "zai-kit-tests-")), "report.json")
const run = spawnSync("vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...process.argv.slice(2)], {
  stdio: "inherit",
  shell: false
})

interface Report {
  numPassedTests: number
  numFailedTests: number
  numPendingTests: number
  numTodoTests: number
  numTotalTestSuites: number
  numFailedTestSuites: number
}
let report: Report | undefined
try {
  report = JSON.parse(readFileSync(out, "utf8")) as Report
} catch {
  report = undefined
}
if (report === undefined) {
  console.log("0 passed, 1 failed")
  console.error(`vitest wrote no report (exit ${run.status})`)
  process.exit(1)
}
// A test file that fails to load counts as a failure even though it contributes no test.
const failed = report.numFailedTests + (report.numFailedTests === 0 && run.status !== 0 ? Math.max(1, report.numFailedTestSuites) : 0)
const skipped = report.numPendingTests + report.numTodoTests
console.log(`${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped`)
if (failed > 0 || report.numPassedTests === 0) process.exit(1)
