/**
 * `pnpm pack` for every publishable package, as `pnpm publish` would do it (catalog: and workspace: ranges rewritten,
 * only the `files` shipped), into one folder.
 */
import { execFile } from "node:child_process"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { promisify } from "node:util"
import type * as Workspace from "./Workspace.js"

const run = promisify(execFile)

/** A packed package: where it came from and its tarball. */
export interface Packed {
  readonly name: string
  readonly version: string
  readonly dir: string
  readonly tarball: string
  readonly files: ReadonlyArray<string>
}

/** Fails with the folders of the packages whose `dist` is missing (the tarballs ship the build; run `pnpm build`). */
export const requireBuilt = (packages: ReadonlyArray<Workspace.WorkspacePackage>): void => {
  const unbuilt = packages.filter((p) => !existsSync(join(p.path, "dist"))).map((p) => p.dir)
  if (unbuilt.length > 0) {
    throw new Error(`not built (run \`pnpm build\`, as scripts/bootstrap.sh does before the tests): ${unbuilt.join(", ")}`)
  }
}

/** Packs one package into `destination`. */
export const pack = async (pkg: Workspace.WorkspacePackage, destination: string): Promise<Packed> => {
  const { stdout } = await run("pnpm", ["pack", "--pack-destination", destination, "--json"], {
    cwd: pkg.path,
    maxBuffer: 16 * 1024 * 1024
  }).catch((error: unknown) => {
    throw new Error(`${pkg.dir}: pnpm pack failed: ${error instanceof Error ? error.message : String(error)}`)
  })
  const result = JSON.parse(stdout) as { name: string; version: string; filename: string; files: ReadonlyArray<{ path: string }> }
  return {
    name: result.name,
    version: result.version,
    dir: pkg.dir,
    tarball: result.filename,
    files: result.files.map((f) => f.path)
  }
}

/** Packs every given package into `destination`, a few at a time. */
export const packAll = async (packages: ReadonlyArray<Workspace.WorkspacePackage>, destination: string): Promise<ReadonlyArray<Packed>> => {
  requireBuilt(packages)
  const results: Array<Packed> = []
  const queue = [...packages]
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) results.push(await pack(next, destination))
  }
  await Promise.all([worker(), worker(), worker()])
  return results.sort((a, b) => a.dir.localeCompare(b.dir))
}
