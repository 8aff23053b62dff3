/**
 * "Runs where fetch exists": bundled for the browser (esbuild, `platform: "browser"`, the `browser` condition), the
 * client resolves to the fetch transport and pulls in no Node built-in and no undici; bundled for Node, it takes the
 * undici transport.
 */
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"
import { assert, describe, it } from "vitest"

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..")

const bundle = async (platform: "browser" | "node") => {
  const result = await build({
    stdin: {
      contents: `import { Zai } from "@zai-kit/sdk"; export const transport = Zai.transport; export const make = (apiKey) => new Zai({ apiKey })`,
      resolveDir: packageDir,
      loader: "js"
    },
    bundle: true,
    write: false,
    format: "esm",
    platform,
    conditions: ["@zai-kit/source", platform],
    metafile: true,
    logLevel: "silent"
  })
  return { inputs: Object.keys(result.metafile.inputs), text: result.outputFiles[0]?.text ?? "" }
}

describe("bundles", () => {
  it("for the browser: fetch transport, no Node built-ins, no undici", async () => {
    const { inputs, text } = await bundle("browser")
    assert.isTrue(inputs.some((path) => path.endsWith("src/internal/platformFetch.ts")))
    assert.isFalse(inputs.some((path) => path.endsWith("src/internal/platformNode.ts")))
    assert.deepStrictEqual(inputs.filter((path) => /undici|platform-node|^node:/.test(path)), [])
    assert.notMatch(text, /from\s*["']node:|require\(["']node:/)
  })

  it("for Node: the undici transport", async () => {
    const { inputs } = await bundle("node")
    assert.isTrue(inputs.some((path) => path.endsWith("src/internal/platformNode.ts")))
    assert.isTrue(inputs.some((path) => path.includes("undici")))
  })
}, 120_000)
