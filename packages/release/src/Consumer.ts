/**
 * An empty project outside the workspace that installs the packed tarballs with plain `npm install`, the way a user
 * would (registry packages from npm, the zai-kit packages from the tarballs), type-checks and runs code there.
 */
import { execFile } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { promisify } from "node:util"
import type * as Pack from "./Pack.js"
import { root } from "./Workspace.js"

const run = promisify(execFile)

/** The result of a child process, whatever its exit code. */
export interface Outcome {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs a command and returns its outcome (a non-zero exit or a timeout, code 124, is an outcome, not an exception). */
export const exec = async (
  file: string,
  args: ReadonlyArray<string>,
  options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv; readonly timeoutMs?: number }
): Promise<Outcome> => {
  const running = run(file, [...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 32 * 1024 * 1024
  })
  try {
    const { stdout, stderr } = await running
    // A program that exits 0 on the timeout's SIGTERM (a graceful shutdown) still timed out.
    if (running.child.killed) return { code: 124, stdout, stderr: `${stderr}\n(killed: timeout after ${options.timeoutMs ?? 120_000} ms)` }
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string; killed?: boolean; signal?: string }
    const code = typeof failed.code === "number" ? failed.code : 1
    const note = failed.killed === true ? `\n(killed: ${failed.signal ?? "timeout"})` : ""
    return { code, stdout: failed.stdout ?? "", stderr: `${failed.stderr ?? String(error)}${note}` }
  }
}

/** The installed version of a package the workspace root depends on (used to pin `@types/node` as the repo does). */
export const workspaceVersion = (name: string): string => {
  const require = createRequire(join(root, "package.json"))
  return (require(`${name}/package.json`) as { version: string }).version
}

/**
 * Writes `package.json` (every tarball as a `file:` dependency, plus `registry` packages at exact versions) into
 * `dir` and runs one `npm install` for all of them.
 */
export const install = async (dir: string, packed: ReadonlyArray<Pack.Packed>, registry: Record<string, string>): Promise<Outcome> => {
  mkdirSync(dir, { recursive: true })
  const dependencies: Record<string, string> = { ...registry }
  for (const p of packed) dependencies[p.name] = `file:${p.tarball}`
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "zai-kit-consumer", version: "1.0.0", private: true, type: "module", dependencies }, null, 2)}\n`
  )
  // A project-local .npmrc: nothing from the user's or the workspace's npm/pnpm configuration leaks in.
  writeFileSync(join(dir, ".npmrc"), "fund=false\naudit=false\nupdate-notifier=false\n")
  return exec("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: dir, timeoutMs: 300_000 })
}
