import { execFile } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { tempDir } from "./support.js"

const root = fileURLToPath(new URL("../../../", import.meta.url))
const register = join(root, "scripts", "ts", "register.mjs")

/** `node scripts/main.ts ...args` without ZAI_API_KEY, on the sources (no build needed). */
const runMain = (args: ReadonlyArray<string>) =>
  Effect.callback<{ readonly code: number; readonly stdout: string; readonly stderr: string }>((resume) => {
    const { ZAI_API_KEY: _key, ZAI_BASE_URL: _url, ...env } = process.env
    const child = execFile(
      process.execPath,
      ["--conditions=@zai-kit/source", "--import", register, "scripts/main.ts", ...args],
      { cwd: root, env, timeout: 90_000 },
      (error, stdout, stderr) =>
        resume(Effect.succeed({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr }))
    )
    return Effect.sync(() => child.kill())
  })

describe("the README's main job (scripts/main.ts)", () => {
  it.live(
    "runs research-slides end to end on the simulator and writes the deck, outline and sources",
    () =>
      Effect.gen(function* () {
        const out = join(tempDir(), "demo")
        const run = yield* runMain(["--output", out, "--max-sources", "3", "tidal", "energy"])
        assert.strictEqual(run.code, 0, run.stderr)
        assert.strictEqual(run.stderr.match(/ZAI_API_KEY is not set: using the built-in simulator at http:\/\/127\.0\.0\.1:\d+/g)?.length, 1)
        assert.include(run.stderr, 'Researching "tidal energy"')
        for (const line of ["… search (web.search)", "✓ read#2", "… slides (agents.slides)", "slides: downloading", "■ succeeded"]) {
          assert.include(run.stderr, line)
        }
        const pdf = readFileSync(join(out, "slides.pdf"))
        assert.strictEqual(pdf.subarray(0, 5).toString("latin1"), "%PDF-")
        assert.include(pdf.subarray(-16).toString("latin1"), "%%EOF")
        assert.isAbove(readFileSync(join(out, "outline.md"), "utf8").length, 20)
        assert.match(readFileSync(join(out, "sources.md"), "utf8"), /^# Sources: tidal energy\n\n1\. \[.+\]\(https?:\/\/\S+\)\n2\. .+\n3\. .+\n$/)
        assert.isTrue(existsSync(join(out, "slides.html")))
        assert.include(run.stdout, `files to ${out}:\n`)
        for (const file of ["slides.pdf", "outline.md", "sources.md", "slides.html", "slide-01.png"]) assert.include(run.stdout, `  ${file}\n`)
        assert.include(run.stdout, `Deck: ${join(out, "slides.pdf")}`)
      }),
    120_000
  )
})
