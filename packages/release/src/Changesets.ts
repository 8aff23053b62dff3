/**
 * The pending changesets of `.changeset/`, read independently of the changesets tool, and the versions they should
 * give: each package released on its own (no fixed or linked groups), 0.x semantics (a breaking change is `minor`).
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

/** A bump type. */
export type Bump = "patch" | "minor" | "major"

/** One changeset file: the packages it bumps and its summary. */
export interface Changeset {
  readonly file: string
  readonly releases: ReadonlyArray<{ readonly name: string; readonly bump: Bump }>
  readonly summary: string
}

const rank: Record<Bump, number> = { patch: 0, minor: 1, major: 2 }

/** Parses one changeset file; throws naming the file and line when the front matter is not what changesets reads. */
export const parse = (file: string, text: string): Changeset => {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)
  if (match === null) throw new Error(`${file}: expected a front matter between two "---" lines`)
  const releases = (match[1] ?? "")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line, i) => {
      const release = /^"([^"]+)":\s*(patch|minor|major)\s*$/.exec(line)
      if (release === null) throw new Error(`${file}: front matter line ${i + 2}: expected "<package>": patch | minor | major, got ${JSON.stringify(line)}`)
      return { name: release[1] ?? "", bump: release[2] as Bump }
    })
  return { file, releases, summary: (match[2] ?? "").trim() }
}

/** Every changeset of a `.changeset` folder (its README.md and config.json aside). */
export const read = (folder: string): ReadonlyArray<Changeset> =>
  readdirSync(folder)
    .filter((file) => file.endsWith(".md") && file !== "README.md")
    .sort()
    .map((file) => parse(file, readFileSync(join(folder, file), "utf8")))

/** The highest bump per package over the given changesets. */
export const bumps = (changesets: ReadonlyArray<Changeset>): Map<string, Bump> => {
  const result = new Map<string, Bump>()
  for (const { releases } of changesets) {
    for (const { name, bump } of releases) {
      const current = result.get(name)
      if (current === undefined || rank[bump] > rank[current]) result.set(name, bump)
    }
  }
  return result
}

/** `version` bumped by `bump` (semver: major resets minor and patch, minor resets patch). */
export const increment = (version: string, bump: Bump): string => {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number)
  return bump === "major" ? `${major + 1}.0.0` : bump === "minor" ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`
}

/** Whether `version` satisfies a caret range `^x.y.z` (the form `workspace:^` publishes): same leftmost non-zero part. */
export const satisfiesCaret = (version: string, base: string): boolean => {
  const [a = 0, b = 0, c = 0] = version.split(".").map(Number)
  const [x = 0, y = 0, z = 0] = base.split(".").map(Number)
  if (x > 0) return a === x && (b > y || (b === y && c >= z))
  if (y > 0) return a === 0 && b === y && c >= z
  return a === 0 && b === 0 && c === z
}

/** A workspace package as the version computation needs it. */
export interface Versioned {
  readonly name: string
  readonly version: string
  readonly private: boolean
  /** Internal runtime dependencies (dependencies and peerDependencies) on other workspace packages. */
  readonly internal: ReadonlyArray<string>
}

/**
 * The version each published package should get: its own highest bump, or a patch when a dependency's new version
 * leaves the `^` range it depends on (changesets' `updateInternalDependencies`), repeated until nothing changes.
 * Private packages keep their version.
 */
export const expectedVersions = (packages: ReadonlyArray<Versioned>, changesets: ReadonlyArray<Changeset>): Map<string, string> => {
  const own = bumps(changesets)
  const byName = new Map(packages.map((p) => [p.name, p]))
  const bump = new Map<string, Bump>()
  for (const p of packages) {
    const b = own.get(p.name)
    if (b !== undefined && !p.private) bump.set(p.name, b)
  }
  for (let changed = true; changed; ) {
    changed = false
    for (const p of packages) {
      if (p.private || bump.has(p.name)) continue
      const leaves = p.internal.some((dep) => {
        const target = byName.get(dep)
        const b = bump.get(dep)
        return target !== undefined && b !== undefined && !satisfiesCaret(increment(target.version, b), target.version)
      })
      if (leaves) {
        bump.set(p.name, "patch")
        changed = true
      }
    }
  }
  return new Map(packages.map((p) => [p.name, bump.has(p.name) ? increment(p.version, bump.get(p.name) ?? "patch") : p.version]))
}
