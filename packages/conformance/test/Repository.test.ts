/**
 * Repository hygiene that would otherwise drift silently: every published package is ready to publish on its own,
 * documented on the typedoc site, covered by a changeset, and only points down the layers.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..")

interface Manifest {
  readonly name: string
  readonly private?: boolean
  readonly license?: string
  readonly files?: ReadonlyArray<string>
  readonly exports?: Record<string, Record<string, string>>
  readonly dependencies?: Record<string, string>
}

const packages = readdirSync(join(root, "packages"))
  .filter((dir) => existsSync(join(root, "packages", dir, "package.json")))
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")) as Manifest
  }))
const published = packages.filter((p) => p.manifest.private !== true)

/** Which layer each package sits in; a dependency must sit strictly lower (or be a side package). */
const layerOf: Record<string, number> = {
  "@zai-kit/schema": 0,
  "@zai-kit/transport": 1,
  "@zai-kit/chat": 2,
  "@zai-kit/ai": 3,
  "@zai-kit/embeddings": 2,
  "@zai-kit/images": 2,
  "@zai-kit/videos": 2,
  "@zai-kit/audio": 2,
  "@zai-kit/web": 2,
  "@zai-kit/documents": 2,
  "@zai-kit/files": 2,
  "@zai-kit/fine-tuning": 2,
  "@zai-kit/knowledge": 2,
  "@zai-kit/agents": 2,
  "@zai-kit/sqlite": 0,
  "@zai-kit/testing": 2,
  "@zai-kit/workflow": 1,
  "@zai-kit/steps": 3,
  "@zai-kit/sdk": 4
}

describe("repository", () => {
  it("knows the layer of every published package", () => {
    expect(published.map((p) => p.manifest.name).filter((name) => layerOf[name] === undefined)).toEqual([])
  })

  it("has every published package ready to publish on its own", () => {
    for (const { dir, manifest } of published) {
      const base = join(root, "packages", dir)
      expect(existsSync(join(base, "README.md")), `${dir}/README.md`).toBe(true)
      expect(existsSync(join(base, "LICENSE")), `${dir}/LICENSE`).toBe(true)
      expect(manifest.license, `${dir} license`).toBe("MIT")
      expect(manifest.files, `${dir} files`).toContain("dist")
      expect(manifest.exports?.["."]?.types, `${dir} exports types`).toBe("./dist/index.d.ts")
    }
  })

  it("documents every published package on the typedoc site", () => {
    const typedoc = JSON.parse(readFileSync(join(root, "typedoc.json"), "utf8")) as { entryPoints: ReadonlyArray<string> }
    expect([...typedoc.entryPoints].sort()).toEqual(published.map((p) => `packages/${p.dir}`).sort())
  })

  it("has a changeset naming every published package", () => {
    const changesets = readdirSync(join(root, ".changeset"))
      .filter((file) => file.endsWith(".md") && file !== "README.md")
      .map((file) => readFileSync(join(root, ".changeset", file), "utf8"))
      .join("\n")
    expect(published.map((p) => p.manifest.name).filter((name) => !changesets.includes(`"${name}"`))).toEqual([])
  })

  it("has dependencies that only point down the layers", () => {
    const upward: Array<string> = []
    for (const { manifest } of published) {
      const own = layerOf[manifest.name] ?? 0
      for (const dep of Object.keys(manifest.dependencies ?? {})) {
        const theirs = layerOf[dep]
        if (theirs !== undefined && dep !== "@zai-kit/sqlite" && theirs >= own) upward.push(`${manifest.name} → ${dep}`)
      }
    }
    expect(upward).toEqual([])
  })
})
