/**
 * `changeset version` on a throwaway copy of the repository (the manifests, the workspace file and `.changeset/`,
 * in a temp folder) gives each package its own version and changelog from the pending changesets.
 */
import { execFile } from "node:child_process"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { afterAll, describe, expect, it } from "@effect/vitest"
import * as Changesets from "../src/Changesets.js"
import * as Workspace from "../src/Workspace.js"

const run = promisify(execFile)
const changesetCli = createRequire(import.meta.url).resolve("@changesets/cli/bin.js")
const copies: Array<string> = []
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true })
})

const internalNames = new Set(Workspace.all().map((p) => p.manifest.name))
const versioned = (): ReadonlyArray<Changesets.Versioned> =>
  Workspace.all().map(({ manifest }) => ({
    name: manifest.name,
    version: manifest.version,
    private: manifest.private === true,
    internal: Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).filter((dep) => internalNames.has(dep))
  }))

/** A copy of what `changeset version` reads and writes, with `changesets` replacing `.changeset/*.md` when given. */
const throwaway = (changesets?: Record<string, string>): string => {
  const copy = mkdtempSync(join(tmpdir(), "zai-kit-changesets-"))
  copies.push(copy)
  for (const file of ["package.json", "pnpm-workspace.yaml"]) cpSync(join(Workspace.root, file), join(copy, file))
  cpSync(join(Workspace.root, ".changeset"), join(copy, ".changeset"), { recursive: true })
  for (const pkg of Workspace.all()) {
    mkdirSync(join(copy, pkg.dir), { recursive: true })
    for (const file of ["package.json", "CHANGELOG.md"]) {
      if (existsSync(join(pkg.path, file))) cpSync(join(pkg.path, file), join(copy, pkg.dir, file))
    }
  }
  // The changelog generator is resolved from the copy, as in the repository.
  symlinkSync(join(Workspace.root, "node_modules"), join(copy, "node_modules"), "dir")
  if (changesets !== undefined) {
    for (const changeset of Changesets.read(join(copy, ".changeset"))) rmSync(join(copy, ".changeset", changeset.file))
    for (const [file, text] of Object.entries(changesets)) writeFileSync(join(copy, ".changeset", file), text)
  }
  return copy
}

const version = async (copy: string): Promise<void> => {
  await run(process.execPath, [changesetCli, "version"], { cwd: copy, env: { ...process.env, CI: "true" }, timeout: 120_000 }).catch(
    (error: { stderr?: string; stdout?: string }) => {
      throw new Error(`changeset version failed:\n${error.stdout ?? ""}\n${error.stderr ?? ""}`)
    }
  )
}

const manifestIn = (copy: string, dir: string) => JSON.parse(readFileSync(join(copy, dir, "package.json"), "utf8")) as Workspace.Manifest
const changelogIn = (copy: string, dir: string) => (existsSync(join(copy, dir, "CHANGELOG.md")) ? readFileSync(join(copy, dir, "CHANGELOG.md"), "utf8") : undefined)

/** The part of a changelog under `## <version>` (up to the next `## `). */
const sectionOf = (changelog: string, version: string): string => {
  const start = changelog.indexOf(`\n## ${version}\n`)
  if (start < 0) return ""
  const next = changelog.indexOf("\n## ", start + 4)
  return changelog.slice(start, next < 0 ? undefined : next)
}

describe("changesets configuration", () => {
  it("versions each package on its own: no fixed or linked groups, public access, base branch main", () => {
    const config = JSON.parse(readFileSync(join(Workspace.root, ".changeset", "config.json"), "utf8")) as Record<string, unknown>
    expect({ fixed: config.fixed, linked: config.linked, access: config.access, baseBranch: config.baseBranch }).toEqual({
      fixed: [],
      linked: [],
      access: "public",
      baseBranch: "main"
    })
    expect(config.changelog, "changelog generator").toBeTruthy()
  })

  it("has only changesets naming published workspace packages with patch or minor (0.x: breaking is minor)", () => {
    const published = new Set(Workspace.all().filter((p) => p.manifest.private !== true).map((p) => p.manifest.name))
    const problems = Changesets.read(join(Workspace.root, ".changeset")).flatMap((changeset) => [
      ...changeset.releases
        .filter((r) => !published.has(r.name))
        .map((r) => `${changeset.file}: "${r.name}" is not a published workspace package`),
      ...changeset.releases
        .filter((r) => r.bump === "major")
        .map((r) => `${changeset.file}: "${r.name}" major; the packages are 0.x, where a breaking change is minor`),
      ...(changeset.summary.length === 0 ? [`${changeset.file}: empty summary`] : [])
    ])
    expect(problems).toEqual([])
  })
})

describe("changeset version on a throwaway copy", () => {
  it("gives every package the version of its pending changesets and a changelog listing them", { timeout: 120_000 }, async () => {
    const pending = Changesets.read(join(Workspace.root, ".changeset"))
    const expected = Changesets.expectedVersions(versioned(), pending)
    const copy = throwaway()
    await version(copy)

    const actual = new Map(Workspace.all().map((p) => [p.manifest.name, manifestIn(copy, p.dir).version]))
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected))

    const problems: Array<string> = []
    for (const pkg of Workspace.all()) {
      const changelog = changelogIn(copy, pkg.dir)
      const next = expected.get(pkg.manifest.name) ?? pkg.manifest.version
      if (next === pkg.manifest.version) {
        if (changelog !== undefined && pkg.manifest.private === true) problems.push(`${pkg.dir}: private, yet got a CHANGELOG.md`)
        continue
      }
      if (changelog === undefined) {
        problems.push(`${pkg.dir}: bumped to ${next} without a CHANGELOG.md`)
        continue
      }
      if (!changelog.startsWith(`# ${pkg.manifest.name}\n`)) problems.push(`${pkg.dir}: CHANGELOG.md does not start with "# ${pkg.manifest.name}"`)
      const section = sectionOf(changelog, next)
      if (section === "") problems.push(`${pkg.dir}: CHANGELOG.md has no "## ${next}" section`)
      for (const changeset of pending) {
        const release = changeset.releases.find((r) => r.name === pkg.manifest.name)
        if (release === undefined) continue
        const heading = release.bump === "minor" ? "### Minor Changes" : release.bump === "major" ? "### Major Changes" : "### Patch Changes"
        const firstLine = changeset.summary.split("\n")[0] ?? ""
        const at = section.indexOf(firstLine)
        if (at < 0) problems.push(`${pkg.dir}: ${changeset.file} is not in its ${next} changelog`)
        else if (section.lastIndexOf("### ", at) !== section.lastIndexOf(heading, at)) problems.push(`${pkg.dir}: ${changeset.file} is not under "${heading}"`)
      }
    }
    expect(problems).toEqual([])
    expect(Changesets.read(join(copy, ".changeset")), "changesets consumed").toEqual([])
  })

  it("releases packages independently: a schema minor and a chat patch leave unrelated packages alone", { timeout: 120_000 }, async () => {
    const files = {
      "schema-breaking.md": '---\n"@zai-kit/schema": minor\n---\n\nRenamed a schema (breaking).\n',
      "chat-fix.md": '---\n"@zai-kit/chat": patch\n---\n\nFixed a chat bug.\n'
    }
    const synthetic = Object.entries(files).map(([file, text]) => Changesets.parse(file, text))
    const copy = throwaway(files)
    await version(copy)
    const versionOf = (dir: string) => manifestIn(copy, dir).version
    const dirOf = (name: string) => Workspace.all().find((p) => p.manifest.name === name)?.dir ?? name
    // The packages of session 1 are all at 0.0.0 in the repository; these literals check the computation too.
    expect(versionOf(dirOf("@zai-kit/schema"))).toBe("0.1.0")
    expect(versionOf(dirOf("@zai-kit/chat"))).toBe("0.0.1")
    expect(versionOf(dirOf("@zai-kit/transport")), "depends on schema, whose 0.1.0 leaves ^0.0.0").toBe("0.0.1")
    expect(versionOf(dirOf("@zai-kit/sqlite")), "depends on no bumped package").toBe("0.0.0")
    expect(changelogIn(copy, dirOf("@zai-kit/sqlite"))).toBeUndefined()
    expect(sectionOf(changelogIn(copy, dirOf("@zai-kit/transport")) ?? "", "0.0.1")).toContain("@zai-kit/schema@0.1.0")
    expect(sectionOf(changelogIn(copy, dirOf("@zai-kit/chat")) ?? "", "0.0.1")).toContain("Fixed a chat bug.")
    expect(sectionOf(changelogIn(copy, dirOf("@zai-kit/schema")) ?? "", "0.1.0")).toContain("### Minor Changes")
    const expected = Changesets.expectedVersions(versioned(), Changesets.read(join(copy, ".changeset")).length === 0 ? synthetic : [])
    expect(Object.fromEntries(Workspace.all().map((p) => [p.manifest.name, versionOf(p.dir)]))).toEqual(Object.fromEntries(expected))
  })
})

describe("Changesets helpers", () => {
  it("increments and compares caret ranges with 0.x semantics", () => {
    expect(Changesets.increment("0.0.0", "minor")).toBe("0.1.0")
    expect(Changesets.increment("0.1.3", "patch")).toBe("0.1.4")
    expect(Changesets.increment("1.2.3", "major")).toBe("2.0.0")
    expect(Changesets.satisfiesCaret("0.0.1", "0.0.0")).toBe(false)
    expect(Changesets.satisfiesCaret("0.1.4", "0.1.0")).toBe(true)
    expect(Changesets.satisfiesCaret("0.2.0", "0.1.0")).toBe(false)
    expect(Changesets.satisfiesCaret("1.9.0", "1.2.0")).toBe(true)
  })

  it("names the file and line of a malformed front matter", () => {
    expect(() => Changesets.parse("bad.md", '---\n"@zai-kit/chat": huge\n---\n\nx\n')).toThrow('bad.md: front matter line 2')
  })
})
