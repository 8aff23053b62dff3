// Test-side helper (a copy of @zai-kit/workflow's test fixture: test files are not shared across packages): a private,
// throw-away PostgreSQL. Uses Debian's PostgreSQL
// (installs it with apt-get when missing and allowed), initdb into a temp folder, listens on 127.0.0.1 and
// a free port, and is stopped and deleted afterwards. Returns why not when PostgreSQL cannot be had.
import { spawnSync, type SpawnSyncOptions } from "node:child_process"
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** A running private server. */
export interface PostgresServer {
  readonly url: string
  readonly stop: () => void
}

/** A port nobody listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

const findBin = (): string | undefined => {
  const root = "/usr/lib/postgresql"
  if (!existsSync(root)) return undefined
  const version = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a))[0]
  return version === undefined ? undefined : join(root, version, "bin")
}

const run = (command: string, args: ReadonlyArray<string>, options: SpawnSyncOptions = {}) => {
  const result = spawnSync(command, args, { encoding: "utf8", timeout: 120_000, ...options })
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error?.message ?? ""}` }
}

const isRoot = process.getuid?.() === 0

const install = (): string | undefined => {
  if (!isRoot || !existsSync("/usr/bin/apt-get")) return "PostgreSQL is not installed and apt-get is unavailable (not root)"
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" }
  const args = ["install", "-y", "--no-install-recommends", "postgresql"]
  if (!run("apt-get", args, { env }).ok) {
    run("apt-get", ["update"], { env })
    const second = run("apt-get", args, { env })
    if (!second.ok) return `apt-get install postgresql failed: ${second.output.slice(-500)}`
  }
  return undefined
}

/** Starts a private PostgreSQL, or returns the reason it cannot. */
export const startPostgres = async (): Promise<PostgresServer | string> => {
  let bin = findBin()
  if (bin === undefined) {
    const failure = install()
    if (failure !== undefined) return failure
    bin = findBin()
    if (bin === undefined) return "PostgreSQL was installed but no initdb was found under /usr/lib/postgresql"
  }
  const dir = mkdtempSync(join(tmpdir(), "zai-pg-"))
  const data = join(dir, "data")
  // PostgreSQL refuses to run as root: run it as Debian's `postgres` user then.
  const asUser = (command: string, args: ReadonlyArray<string>) =>
    isRoot ? run("runuser", ["-u", "postgres", "--", command, ...args]) : run(command, args)
  if (isRoot) chownSync(dir, Number(run("id", ["-u", "postgres"]).output.trim()), Number(run("id", ["-g", "postgres"]).output.trim()))
  const cleanup = () => rmSync(dir, { recursive: true, force: true })
  const init = asUser(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"])
  if (!init.ok) {
    cleanup()
    return `initdb failed: ${init.output.slice(-500)}`
  }
  const port = await freePort()
  const options = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=100`
  const start = asUser(join(bin, "pg_ctl"), ["-D", data, "-l", join(dir, "log"), "-w", "-t", "30", "-o", options, "start"])
  if (!start.ok) {
    cleanup()
    return `pg_ctl start failed: ${start.output.slice(-500)}`
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      asUser(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"])
      cleanup()
    }
  }
}
