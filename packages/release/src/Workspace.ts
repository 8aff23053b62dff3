/**
 * The packages of the workspace as the release checks see them: every folder of `packages/` and `apps/` with a
 * `package.json`, read fresh on each call so a package added tomorrow is checked without touching these tests.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/** Absolute path of the repository root. */
export const root: string = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..")

/** The fields of a `package.json` the release checks read. */
export interface Manifest {
  readonly name: string
  readonly version: string
  readonly private?: boolean
  readonly description?: string
  readonly license?: string
  readonly type?: string
  readonly sideEffects?: boolean | ReadonlyArray<string>
  readonly keywords?: ReadonlyArray<string>
  readonly repository?: { readonly type?: string; readonly url?: string; readonly directory?: string } | string
  readonly files?: ReadonlyArray<string>
  readonly exports?: Record<string, unknown>
  readonly bin?: Record<string, string> | string
  readonly engines?: Record<string, string>
  readonly dependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
  readonly optionalDependencies?: Record<string, string>
}

/** One workspace package: its folder relative to the root (`packages/chat`), absolute path and manifest. */
export interface WorkspacePackage {
  readonly dir: string
  readonly path: string
  readonly manifest: Manifest
}

/** Every workspace package under `packages/` and `apps/`, sorted by folder. */
export const all = (): ReadonlyArray<WorkspacePackage> =>
  ["packages", "apps"]
    .filter((group) => existsSync(join(root, group)))
    .flatMap((group) =>
      readdirSync(join(root, group))
        .filter((name) => existsSync(join(root, group, name, "package.json")))
        .map((name) => {
          const path = join(root, group, name)
          return {
            dir: `${group}/${name}`,
            path,
            manifest: JSON.parse(readFileSync(join(path, "package.json"), "utf8")) as Manifest
          }
        })
    )
    .sort((a, b) => a.dir.localeCompare(b.dir))

/**
 * Folders left out of the release checks, from `ZAI_RELEASE_SKIP` (comma-separated, e.g. `apps/cli,packages/sdk`):
 * only for a local run while a package is still being written and not built yet. CI never sets it.
 */
export const skipped = (): ReadonlyArray<string> =>
  (process.env.ZAI_RELEASE_SKIP ?? "").split(",").map((dir) => dir.trim()).filter((dir) => dir.length > 0)

/** The packages that are published (not `"private": true`), less those in `ZAI_RELEASE_SKIP`. */
export const publishable = (): ReadonlyArray<WorkspacePackage> => {
  const skip = skipped()
  if (skip.length > 0) console.warn(`release checks: ZAI_RELEASE_SKIP leaves out ${skip.join(", ")}`)
  return all().filter((p) => p.manifest.private !== true && !skip.includes(p.dir))
}

/** The `"default"` (runtime) targets of a package's `exports` map, by subpath, whatever the nesting of conditions. */
export const exportTargets = (manifest: Manifest): ReadonlyArray<{ readonly subpath: string; readonly types?: string; readonly default?: string }> =>
  Object.entries(manifest.exports ?? {}).map(([subpath, target]) => {
    if (typeof target === "string") return { subpath, default: target }
    const conditions = target as Record<string, unknown>
    const pick = (key: string) => (typeof conditions[key] === "string" ? { [key]: conditions[key] as string } : {})
    return { subpath, ...pick("types"), ...pick("default") }
  })
