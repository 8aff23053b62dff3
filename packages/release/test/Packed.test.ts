/**
 * Every publishable package, packed with `pnpm pack` exactly as it would be published:
 * - its published manifest has what a registry page and a consumer need;
 * - publint and arethetypeswrong (ESM-only profile) find nothing;
 * - installed from the tarballs with one plain `npm install` into an empty folder, every export imports, the README's
 *   examples type-check against the packed `.d.ts` files and run against the simulator of the packed
 *   `@zai-kit/testing` (its `zai-simulator` bin). Blocks marked `<!-- fragment -->` and blocks without imports are
 *   shown for reading only.
 * The packages are read from the workspace at collection time, so a new package is checked without touching this file.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as esbuild from "esbuild"
import { publint } from "publint"
import { formatMessage } from "publint/utils"
import * as Consumer from "../src/Consumer.js"
import * as Pack from "../src/Pack.js"
import * as ReadmeExamples from "../src/ReadmeExamples.js"
import * as Workspace from "../src/Workspace.js"

const packages = Workspace.publishable()
const work = mkdtempSync(join(tmpdir(), "zai-kit-release-"))
const tarballs = join(work, "tarballs")
const unpacked = join(work, "unpacked")
const packed = new Map<string, Pack.Packed>()
const shipped = new Map<string, Workspace.Manifest>()
const release = createRequire(import.meta.url)
const attwCli = join(release.resolve("@arethetypeswrong/cli/package.json"), "..", "dist", "index.js")
const tscCli = release.resolve("typescript/bin/tsc")

const packedOf = (dir: string): Pack.Packed => {
  const p = packed.get(dir)
  if (p === undefined) throw new Error(`${dir} was not packed (see the error of the packing step above)`)
  return p
}

beforeAll(async () => {
  mkdirSync(tarballs, { recursive: true })
  for (const p of await Pack.packAll(packages, tarballs)) {
    packed.set(p.dir, p)
    const into = join(unpacked, p.dir)
    mkdirSync(into, { recursive: true })
    const untar = await Consumer.exec("tar", ["-xzf", p.tarball, "-C", into, "--strip-components=1"], { cwd: work })
    if (untar.code !== 0) throw new Error(`${p.dir}: cannot unpack ${p.tarball}: ${untar.stderr}`)
    shipped.set(p.dir, JSON.parse(readFileSync(join(into, "package.json"), "utf8")) as Workspace.Manifest)
  }
}, 180_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

/** What a published manifest lacks, as messages naming the field and the expectation. */
const manifestProblems = (pkg: Workspace.WorkspacePackage, published: Workspace.Manifest, files: ReadonlyArray<string>): Array<string> => {
  const problems: Array<string> = []
  const has = (file: string) => files.includes(file.replace(/^\.\//, ""))
  if (!has("README.md")) problems.push("README.md is not in the tarball")
  if (!has("LICENSE")) problems.push("LICENSE is not in the tarball")
  if (published.license !== "MIT") problems.push(`license: expected "MIT", got ${JSON.stringify(published.license)}`)
  if (published.type !== "module") problems.push(`type: expected "module", got ${JSON.stringify(published.type)}`)
  if ((published.description ?? "").length === 0) problems.push("description: expected a non-empty string")
  if (!Array.isArray(published.keywords) || published.keywords.length === 0) problems.push("keywords: expected a non-empty array")
  const repo = published.repository
  if (typeof repo !== "object" || repo.url !== "git+https://github.com/zai-kit/zai-kit.git" || repo.directory !== pkg.dir) {
    problems.push(
      `repository: expected { type: "git", url: "git+https://github.com/zai-kit/zai-kit.git", directory: "${pkg.dir}" }, got ${JSON.stringify(repo)}`
    )
  }
  if (!Array.isArray(published.files) || !published.files.includes("dist")) problems.push(`files: expected an array containing "dist", got ${JSON.stringify(published.files)}`)
  if (typeof published.sideEffects !== "boolean" && !Array.isArray(published.sideEffects)) {
    problems.push("sideEffects: expected false (or the list of files with side effects) so bundlers can drop unused modules")
  }
  if (published.engines?.node === undefined) problems.push('engines.node: expected a range such as ">=22.19"')
  if ((pkg.manifest as { publishConfig?: { access?: string } }).publishConfig?.access !== "public") {
    problems.push('publishConfig.access: expected "public" (a scoped package is private on npm otherwise)')
  }
  const targets = Workspace.exportTargets(published)
  // A program (a package with a bin) needs no exports; a library needs at least ".".
  if (targets.length === 0 && published.bin === undefined) problems.push('exports: expected a map with at least "."')
  for (const target of targets) {
    if (target.types === undefined) problems.push(`exports["${target.subpath}"].types: expected a .d.ts path`)
    else if (!has(target.types)) problems.push(`exports["${target.subpath}"].types: ${target.types} is not in the tarball`)
    if (target.default === undefined) problems.push(`exports["${target.subpath}"].default: expected a .js path`)
    else if (!has(target.default)) problems.push(`exports["${target.subpath}"].default: ${target.default} is not in the tarball`)
    const entry = published.exports?.[target.subpath]
    const conditions = typeof entry === "object" && entry !== null ? Object.keys(entry) : []
    if (conditions.indexOf("types") > conditions.indexOf("default")) problems.push(`exports["${target.subpath}"]: "types" must come before "default"`)
  }
  const bins = typeof published.bin === "string" ? { [published.name]: published.bin } : (published.bin ?? {})
  for (const [name, file] of Object.entries(bins)) {
    if (!has(file)) problems.push(`bin.${name}: ${file} is not in the tarball`)
    else if (!readFileSync(join(unpacked, pkg.dir, file), "utf8").startsWith("#!/usr/bin/env node")) problems.push(`bin.${name}: ${file} does not start with "#!/usr/bin/env node"`)
  }
  const deps = { ...published.dependencies, ...published.peerDependencies, ...published.optionalDependencies }
  for (const [name, range] of Object.entries(deps)) {
    if (/^(workspace|catalog|link|file):/.test(range)) problems.push(`dependencies.${name}: "${range}" was not rewritten to a version`)
    if (name.startsWith("@zai-kit/")) {
      const target = Workspace.all().find((p) => p.manifest.name === name)
      if (target === undefined || target.manifest.private === true) problems.push(`dependencies.${name}: not a published package`)
    }
  }
  return problems
}

describe("published manifest", () => {
  it("covers at least the packages of session 1", () => {
    expect(packages.map((p) => p.manifest.name)).toEqual(expect.arrayContaining(["@zai-kit/schema", "@zai-kit/transport", "@zai-kit/chat", "@zai-kit/testing"]))
  })
  for (const pkg of packages) {
    it(`${pkg.dir}: exports with types, files, sideEffects, README, LICENSE, keywords, repository`, () => {
      const p = packedOf(pkg.dir)
      expect(manifestProblems(pkg, shipped.get(pkg.dir) ?? pkg.manifest, p.files), `${pkg.dir}`).toEqual([])
    })
  }
})

describe("publint (strict)", () => {
  for (const pkg of packages) {
    it(`${pkg.dir}`, async () => {
      const tarball = readFileSync(packedOf(pkg.dir).tarball)
      const result = await publint({ pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) }, level: "suggestion", strict: true })
      const messages = result.messages.map((m) => `${m.type}: ${formatMessage(m, result.pkg) ?? m.code}`)
      expect(messages, `publint on ${pkg.dir}`).toEqual([])
    })
  }
})

describe("arethetypeswrong (profile esm-only: node16 from ESM, bundler)", () => {
  // The packages are ESM only (Node >= 22 can require() them); node10 and node16-from-CJS resolutions are out of scope.
  const ignored = new Set(["node10", "node16-cjs"])
  // A program (a bin and no exports) has no entry point to type: attw has nothing to resolve there.
  const libraries = packages.filter((pkg) => !(pkg.manifest.exports === undefined && pkg.manifest.bin !== undefined))
  for (const pkg of libraries) {
    it(`${pkg.dir}`, async () => {
      const out = await Consumer.exec(process.execPath, [attwCli, packedOf(pkg.dir).tarball, "--format", "json", "--profile", "esm-only"], { cwd: work })
      const report = JSON.parse(out.stdout) as { analysis: { problems?: ReadonlyArray<{ kind: string; entrypoint?: string; resolutionKind?: string }> } }
      const problems = (report.analysis.problems ?? [])
        .filter((problem) => problem.resolutionKind === undefined || !ignored.has(problem.resolutionKind))
        .map((problem) => `${problem.kind} at "${problem.entrypoint ?? "?"}" (${problem.resolutionKind ?? "all resolutions"})`)
      expect(problems, `attw on ${pkg.dir}`).toEqual([])
    })
  }
})

interface ExampleFile {
  readonly pkg: Workspace.WorkspacePackage
  readonly example: ReadmeExamples.Example
  readonly file: string
}

const examples: ReadonlyArray<ExampleFile> = packages.flatMap((pkg) => {
  const readme = join(pkg.path, "README.md")
  if (!existsSync(readme)) return []
  return ReadmeExamples.extract(readFileSync(readme, "utf8"))
    .filter((example) => example.runnable)
    .map((example) => ({ pkg, example, file: `${pkg.dir.replace("/", "-")}-${example.index}.ts` }))
})

/** The exact versions of the workspace catalog (`pnpm-workspace.yaml`), for README imports of other registry packages. */
const catalog: Record<string, string> = Object.fromEntries(
  [...(/^catalog:\n((?:[ \t]+.*\n)+)/m.exec(readFileSync(join(Workspace.root, "pnpm-workspace.yaml"), "utf8"))?.[1] ?? "").matchAll(/^\s+"?([^":\s]+)"?:\s*(\S+)\s*$/gm)].map(
    (m) => [m[1] ?? "", m[2] ?? ""]
  )
)

describe("installed from the tarballs with one plain npm install", () => {
  const consumer = join(work, "consumer")
  const imported = new Map<string, string>()
  let installOutcome: Consumer.Outcome | undefined
  let typecheck: Consumer.Outcome | undefined
  const unresolvable: Array<string> = []
  let simulator: ChildProcess | undefined
  let simulatorUrl = ""
  const apiKey = "zai-kit-release-check-key"

  beforeAll(async () => {
    const all = [...packed.values()]
    const names = new Set(all.map((p) => p.name))
    // Registry packages the examples import directly, at the version the packages themselves depend on.
    const registry: Record<string, string> = { "@types/node": Consumer.workspaceVersion("@types/node") }
    for (const { pkg, example } of examples) {
      for (const specifier of ReadmeExamples.imports(example.code)) {
        const name = ReadmeExamples.packageOf(specifier)
        if (name === undefined || names.has(name)) continue
        const version = [...shipped.values()].map((m) => m.dependencies?.[name]).find((v) => v !== undefined) ?? catalog[name]
        if (version === undefined) unresolvable.push(`${pkg.dir} README block ${example.index}: imports "${specifier}", which no published zai-kit package depends on and the catalog does not pin`)
        else registry[name] = version
      }
    }
    installOutcome = await Consumer.install(consumer, all, registry)
    if (installOutcome.code !== 0) return
    mkdirSync(join(consumer, "examples"), { recursive: true })
    mkdirSync(join(consumer, "compiled"), { recursive: true })
    for (const { example, file } of examples) {
      const source = ReadmeExamples.toModule(example)
      writeFileSync(join(consumer, "examples", file), source)
      // Run as a user's build would: TypeScript compiled for Node 22 (which lacks e.g. `await using`); a syntax error
      // is left for the run to report.
      const compiled = await esbuild.transform(source, { loader: "ts", format: "esm", target: "node22", sourcefile: file }).catch(() => ({ code: source }))
      writeFileSync(join(consumer, "compiled", file.replace(/\.ts$/, ".mjs")), compiled.code)
    }
    writeFileSync(join(consumer, "run.mjs"), ReadmeExamples.runner)
    writeFileSync(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2023",
          lib: ["ES2023", "DOM", "DOM.Iterable"], // as the repo's own tsconfig; effect's .d.ts files name CryptoKey and Transferable
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          skipLibCheck: false,
          types: ["node"]
        },
        include: ["examples/*.ts"]
      })
    )
    // Every export subpath of every package, imported in one Node process.
    const specifiers = all.flatMap((p) => Workspace.exportTargets(shipped.get(p.dir) ?? { name: p.name, version: p.version }).map((t) => ({ dir: p.dir, specifier: t.subpath === "." ? p.name : `${p.name}/${t.subpath.slice(2)}` })))
    writeFileSync(
      join(consumer, "import-all.mjs"),
      `const specifiers = ${JSON.stringify(specifiers)}\nconst failures = {}\nfor (const { dir, specifier } of specifiers) {\n  try { await import(specifier) } catch (error) { (failures[dir] ??= []).push(specifier + ": " + String(error?.message ?? error).split("\\n")[0]) }\n}\nconsole.log(JSON.stringify(failures))\n`
    )
    const importAll = await Consumer.exec(process.execPath, ["import-all.mjs"], { cwd: consumer })
    const failures = importAll.code === 0 ? (JSON.parse(importAll.stdout) as Record<string, Array<string>>) : {}
    for (const p of all) imported.set(p.dir, importAll.code !== 0 ? `import-all.mjs exited ${importAll.code}: ${importAll.stderr}` : (failures[p.dir] ?? []).join("; "))
    typecheck = await Consumer.exec(process.execPath, [tscCli, "-p", "tsconfig.json", "--pretty", "false"], { cwd: consumer, timeoutMs: 240_000 })
    // The simulator of the packed @zai-kit/testing, through its bin.
    const bin = join(consumer, "node_modules", "@zai-kit", "testing", "dist", "bin.js")
    if (existsSync(bin)) {
      const child = spawn(process.execPath, [bin, "--port", "0", "--api-key", apiKey], { cwd: consumer, stdio: ["ignore", "pipe", "pipe"] })
      simulator = child
      simulatorUrl = await new Promise<string>((resolve, reject) => {
        let seen = ""
        const timer = setTimeout(() => reject(new Error(`zai-simulator printed no URL within 30 s: ${seen}`)), 30_000)
        child.stdout?.on("data", (data: Buffer) => {
          seen += data.toString()
          const url = /^(http:\/\/127\.0\.0\.1:\d+\S*)$/m.exec(seen)?.[1]
          if (url !== undefined) {
            clearTimeout(timer)
            resolve(url)
          }
        })
        child.once("exit", (code) => reject(new Error(`zai-simulator exited (${code}) before printing its URL: ${seen}`)))
      })
    }
  }, 600_000)

  afterAll(() => {
    simulator?.kill("SIGTERM")
  })

  const installed = () => {
    expect(installOutcome?.code, `npm install of the tarballs failed:\n${installOutcome?.stderr ?? "(not run: packing failed)"}`).toBe(0)
  }

  it("npm installs every tarball in one go", () => {
    installed()
    for (const p of packed.values()) expect(existsSync(join(consumer, "node_modules", p.name, "package.json")), p.name).toBe(true)
  })

  it("needs no registry package for the examples that the zai-kit packages do not depend on", () => {
    expect(unresolvable).toEqual([])
  })

  for (const pkg of packages) {
    it(`${pkg.dir}: every export subpath imports in Node`, () => {
      installed()
      expect(imported.get(pkg.dir), `${pkg.dir} import failures`).toBe("")
    })

    it(`${pkg.dir}: has a README example that runs (a \`\`\`ts block with imports), or a bin`, () => {
      const hasBin = pkg.manifest.bin !== undefined
      expect(examples.some((e) => e.pkg.dir === pkg.dir) || hasBin, `${pkg.dir}/README.md has no \`\`\`ts block with an import`).toBe(true)
    })

    for (const name of Object.keys(typeof pkg.manifest.bin === "string" ? { [pkg.manifest.name]: "" } : (pkg.manifest.bin ?? {}))) {
      it(`${pkg.dir}: the installed bin ${name} answers --help`, { timeout: 60_000 }, async () => {
        mkdirSync(join(work, "runs"), { recursive: true })
        installed()
        const out = await Consumer.exec(join(consumer, "node_modules", ".bin", name), ["--help"], { cwd: join(work, "runs"), timeoutMs: 15_000 })
        expect(out.code, `${name} --help: exit ${out.code}\n${out.stderr}`).toBe(0)
        expect(out.stdout.length, `${name} --help printed nothing`).toBeGreaterThan(0)
      })
    }

    it(`${pkg.dir}: README examples type-check against the packed .d.ts files`, () => {
      installed()
      const output = `${typecheck?.stdout ?? ""}${typecheck?.stderr ?? ""}`
      const prefix = `examples/${pkg.dir.replace("/", "-")}-`
      const own = output
        .split("\n")
        .filter((line) => line.startsWith(prefix) || line.includes(`node_modules/${pkg.manifest.name}/`))
      expect(own, `tsc in the consumer folder`).toEqual([])
    })
  }

  it("type-checks with no error outside the zai-kit packages (registry .d.ts files included)", () => {
    installed()
    const output = `${typecheck?.stdout ?? ""}${typecheck?.stderr ?? ""}`
    expect(output.split("\n").filter((line) => line.includes("error TS"))).toEqual([])
    expect(typecheck?.code).toBe(0)
  })

  for (const { pkg, example, file } of examples) {
    it(`${pkg.dir}: README example at line ${example.line} runs against the simulator`, { timeout: 120_000 }, async () => {
      installed()
      expect(simulatorUrl, "the packed @zai-kit/testing simulator did not start").not.toBe("")
      const cwd = join(work, "runs", file.replace(/\.ts$/, ""))
      mkdirSync(cwd, { recursive: true })
      const { ZAI_REGION: _region, ...inherited } = process.env
      const env = { ...inherited, ZAI_API_KEY: apiKey, ZAI_BASE_URL: simulatorUrl, TMPDIR: cwd, NO_COLOR: "1" }
      const compiled = join(consumer, "compiled", file.replace(/\.ts$/, ".mjs"))
      const out = await Consumer.exec(process.execPath, [join(consumer, "run.mjs"), compiled], { cwd, env, timeoutMs: 60_000 })
      expect(out.code, `${pkg.dir}/README.md line ${example.line}: exit ${out.code}\n${out.stderr}\n${out.stdout}`).toBe(0)
      const last = out.stdout.trim().split("\n").at(-1) ?? ""
      const report = JSON.parse(last) as { ran: string; result?: unknown }
      if (report.ran !== "module") expect(report.result, `${pkg.dir} example's ${report.ran} returned nothing`).not.toBeNull()
    })
  }
})
