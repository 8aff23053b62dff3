/**
 * The built package as users get it: `import` (ESM) and `require` (CommonJS, Node 22's require(esm)) both load it
 * and make a call to the simulator from a separate Node process; the `#platform` conditions give undici on Node and
 * fetch under the `deno`, `bun`, `workerd` and `browser` conditions. The package is built first (tsc) when `dist` is
 * missing or older than `src`; its dependencies' `dist` comes from `turbo build` (run here when missing).
 */
import { execFile } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { useSimulator } from "./utils.js"

const run = promisify(execFile)
const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..")
const root = join(packageDir, "..", "..")
const node = process.execPath
const harness = useSimulator()

/** The newest modification time under a directory. */
const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name)
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }, 0)

const dependencies = ["schema", "transport", "chat", "embeddings", "images", "videos", "audio", "web", "documents", "files", "fine-tuning", "knowledge", "agents"]

beforeAll(async () => {
  if (dependencies.some((dep) => !existsSync(join(root, "packages", dep, "dist", "index.js")))) {
    await run("pnpm", ["exec", "turbo", "run", "build", "--filter=@zai-kit/sdk^..."], { cwd: root })
  }
  const built = join(packageDir, "dist", "index.js")
  if (!existsSync(built) || statSync(built).mtimeMs < newest(join(packageDir, "src"))) {
    await run(node, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], { cwd: packageDir })
  }
}, 600_000)

afterAll(() => {
  const dir = join(packageDir, "test-results")
  if (existsSync(dir) && readdirSync(dir).length === 0) rmSync(dir, { recursive: true })
})

/**
 * Runs a script file in a fresh Node process; the file lies inside the package (in the git-ignored `test-results`)
 * so that `@zai-kit/sdk` resolves to the package itself, built.
 */
const script = async (args: ReadonlyArray<string>, code: string): Promise<string> => {
  const dir = join(packageDir, "test-results")
  mkdirSync(dir, { recursive: true })
  const cjs = args.includes("--input-type=commonjs")
  const file = join(dir, `script-${process.pid}-${Math.random().toString(36).slice(2)}.${cjs ? "cjs" : "mjs"}`)
  writeFileSync(file, code)
  try {
    const { stdout } = await run(node, [...args.filter((arg) => !arg.startsWith("--input-type")), file], {
      cwd: packageDir,
      env: { ...process.env, ZAI_API_KEY: harness.sim().apiKey, ZAI_BASE_URL: harness.sim().url },
      timeout: 60_000
    })
    return stdout.trim()
  } finally {
    rmSync(file, { force: true })
  }
}

const call = `
  const zai = new Zai({ maxRetries: 0 })
  const answer = await zai.chat.completions.create({ model: "glm-4.6", messages: [{ role: "user", content: "Hello from a process" }] })
  let failed = ""
  try { await zai.files.retrieve("nope") } catch (error) { failed = error instanceof sdk.NotFoundError && error instanceof sdk.ZaiError ? "NotFoundError" : String(error) }
  await zai.close()
  console.log(JSON.stringify({ transport: Zai.transport, text: answer.choices[0].message.content, failed }))
`

describe("the built package", () => {
  it("runs on Node 22 or later", () => {
    assert.isAtLeast(Number(process.versions.node.split(".")[0]), 22)
  })

  it("import (ESM) loads it and calls the API", async () => {
    const out = JSON.parse(
      await script(["--input-type=module"], `import * as sdk from "@zai-kit/sdk"; const { Zai } = sdk; ${call}`)
    )
    assert.strictEqual(out.transport, "undici")
    assert.include(out.text, "Hello from a process")
    assert.strictEqual(out.failed, "NotFoundError")
  })

  it("require (CommonJS) loads it and calls the API", async () => {
    const out = JSON.parse(
      await script(
        ["--input-type=commonjs"],
        `const sdk = require("@zai-kit/sdk"); const { Zai } = sdk; (async () => { ${call} })().catch((e) => { console.error(e); process.exit(1) })`
      )
    )
    assert.strictEqual(out.transport, "undici")
    assert.include(out.text, "Hello from a process")
    assert.strictEqual(out.failed, "NotFoundError")
  })

  it("the default export is the client too", async () => {
    const out = await script(["--input-type=module"], `import Zai, { Zai as Named } from "@zai-kit/sdk"; console.log(Zai === Named)`)
    assert.strictEqual(out, "true")
  })

  for (const condition of ["deno", "bun", "workerd", "browser"]) {
    it(`under the "${condition}" condition it uses fetch, and still calls the API`, async () => {
      const out = JSON.parse(
        await script(["--input-type=module", `--conditions=${condition}`], `import * as sdk from "@zai-kit/sdk"; const { Zai } = sdk; ${call}`)
      )
      assert.strictEqual(out.transport, "fetch")
      assert.include(out.text, "Hello from a process")
    })
  }
})
