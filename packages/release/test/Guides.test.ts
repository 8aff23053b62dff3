/**
 * The guides in docs/guides: every ```ts block type-checks (written to temporary files inside the repo, so the
 * workspace packages resolve, and checked with the TypeScript API); a block may opt out only as
 * ```ts skip-check: <reason>. The business-code table of the errors guide is generated from `@zai-kit/schema`'s
 * `BusinessCodes` (run with `UPDATE_GUIDES=1` to rewrite it), and every guide is part of the docs site.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { BusinessCodes } from "@zai-kit/schema"
import ts from "typescript"
import { describe, expect, it } from "vitest"

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..")
const guidesDir = join(root, "docs", "guides")
const guideFiles = readdirSync(guidesDir).filter((file) => file.endsWith(".md")).sort()

interface Block {
  readonly guide: string
  readonly line: number
  readonly info: string
  readonly code: string
}

/** The fenced code blocks of a Markdown text, with their info string and first line number. */
const blocksOf = (guide: string, text: string): ReadonlyArray<Block> => {
  const blocks: Array<Block> = []
  const lines = text.split("\n")
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i] ?? "")
    if (open === null) continue
    const fence = open[1] ?? "```"
    const body: Array<string> = []
    let j = i + 1
    while (j < lines.length && !(lines[j] ?? "").startsWith(fence)) body.push(lines[j++] ?? "")
    blocks.push({ guide, line: i + 1, info: (open[2] ?? "").trim(), code: body.join("\n") })
    i = j
  }
  return blocks
}

// The guides, and the repository README's first call, are checked alike.
const allBlocks = [
  ...guideFiles.flatMap((file) => blocksOf(file, readFileSync(join(guidesDir, file), "utf8"))),
  ...blocksOf("../../README.md", readFileSync(join(root, "README.md"), "utf8"))
]
const isTs = (block: Block) => /^(ts|typescript)\b/.test(block.info)
const skipReason = (block: Block) => /^(?:ts|typescript)\s+skip-check\b:?\s*(.*)$/.exec(block.info)?.[1]

const businessCodeTable = (): string => {
  const rows = BusinessCodes.BusinessCodes.map((c) =>
    `| ${c.code} | ${c.httpStatus ?? "–"} | ${c.meaning} | \`${c.category}\` | ${c.retryable ? "yes" : "no"} |`
  )
  return ["| code | HTTP | meaning | category | retryable |", "|---|---|---|---|---|", ...rows].join("\n")
}

describe("guides", () => {
  it("exist", () => {
    expect(guideFiles.length).toBeGreaterThan(5)
    expect(allBlocks.filter(isTs).length).toBeGreaterThan(10)
  })

  it("give a reason for every block that skips the check", () => {
    const unexplained = allBlocks
      .filter((b) => isTs(b) && skipReason(b) !== undefined && (skipReason(b) ?? "").trim().length < 10)
      .map((b) => `${b.guide}:${b.line}`)
    expect(unexplained).toEqual([])
  })

  it("type-check every ts block", () => {
    // Inside node_modules: workspace packages resolve from here, and git, biome and typecheck never see the files.
    const dir = join(root, "packages", "release", "node_modules", `.guides-check-${process.pid}`)
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    try {
      const checked = allBlocks.filter((b) => isTs(b) && skipReason(b) === undefined)
      const files = checked.map((block, index) => {
        const file = join(dir, `${block.guide.replace(/^.*\//, "").replace(/\.md$/, "")}-${block.line}-${index}.ts`)
        // Each block is a module of its own (a block without import/export would otherwise be a global script).
        writeFileSync(file, `${block.code}\nexport {}\n`)
        return { file, block }
      })
      const config = ts.parseJsonConfigFileContent(
        {
          extends: join(root, "tsconfig.base.json"),
          compilerOptions: {
            noEmit: true,
            noUnusedLocals: false,
            noUnusedParameters: false,
            declaration: false,
            declarationMap: false,
            sourceMap: false
          },
          files: files.map((f) => f.file)
        },
        ts.sys,
        dir
      )
      const program = ts.createProgram(config.fileNames, config.options)
      const byFile = new Map(files.map((f) => [f.file, f.block]))
      // Only the blocks' own diagnostics (and option errors): the packages' sources are checked by their typecheck.
      const diagnostics = [
        ...program.getOptionsDiagnostics(),
        ...program.getGlobalDiagnostics(),
        ...files.flatMap(({ file }) => {
          const source = program.getSourceFile(file)
          return source === undefined
            ? []
            : [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
        })
      ]
      const problems = diagnostics.map((d) => {
        const block = d.file === undefined ? undefined : byFile.get(d.file.fileName)
        const where = block === undefined || d.file === undefined || d.start === undefined
          ? (d.file === undefined ? "(global)" : relative(root, d.file.fileName))
          : `${block.guide}:${block.line + 1 + d.file.getLineAndCharacterOfPosition(d.start).line}`
        return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`
      })
      expect(problems).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 300_000)

  it("show the business-code table of @zai-kit/schema", () => {
    const file = join(guidesDir, "errors-and-retries.md")
    const text = readFileSync(file, "utf8")
    const start = "<!-- business-codes:start (generated from @zai-kit/schema BusinessCodes) -->\n"
    const end = "\n<!-- business-codes:end -->"
    const from = text.indexOf(start)
    const to = text.indexOf(end)
    expect(from, "markers in errors-and-retries.md").toBeGreaterThanOrEqual(0)
    const expected = businessCodeTable()
    if (process.env.UPDATE_GUIDES === "1") {
      writeFileSync(file, text.slice(0, from + start.length) + expected + text.slice(to))
      return
    }
    expect(text.slice(from + start.length, to), "run UPDATE_GUIDES=1 pnpm exec vitest run packages/release/test/Guides.test.ts").toBe(expected)
  })

  it("are all on the docs site", () => {
    const typedoc = JSON.parse(readFileSync(join(root, "typedoc.json"), "utf8")) as {
      projectDocuments?: ReadonlyArray<string>
    }
    expect([...(typedoc.projectDocuments ?? [])].sort()).toEqual(guideFiles.map((f) => `docs/guides/${f}`).sort())
  })
})
