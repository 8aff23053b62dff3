// Bundles src/bin.ts into dist/zai.js plus chunks: ESM (workspace packages from their sources through the
// `@zai-kit/source` condition, effect and undici included), so start-up reads a few modules instead of hundreds.
import { chmodSync, cpSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { rmSync } from "node:fs"
import { build } from "esbuild"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const outdir = join(root, "dist")

rmSync(outdir, { recursive: true, force: true })
await build({
  entryPoints: { zai: join(root, "src", "bin.ts") },
  outdir,
  // command handlers are imported on first use: their chunks stay unloaded for `zai --help`
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  conditions: ["@zai-kit/source"],
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  plugins: [
    {
      // esbuild gives a split, dynamically imported CommonJS module only a default export, so
      // `(await import("undici")).Agent` would be undefined: route dynamic imports of undici through an ES module
      // that re-exports its names
      name: "undici-dynamic-import",
      setup(build) {
        build.onResolve({ filter: /^undici$/ }, (args) =>
          args.kind === "dynamic-import" ? { path: "undici", namespace: "undici-shim", pluginData: args.resolveDir } : undefined
        )
        build.onLoad({ filter: /.*/, namespace: "undici-shim" }, (args) => ({
          contents: 'import * as undici from "undici"; export const Agent = undici.Agent; export const FormData = undici.FormData; export default undici',
          resolveDir: String(args.pluginData),
          loader: "js"
        }))
      }
    }
  ],
  // CommonJS dependencies bundled into ESM call require() for Node built-ins
  banner: { js: "import { createRequire as __zaiCreateRequire } from 'node:module'; const require = __zaiCreateRequire(import.meta.url);" }
})
chmodSync(join(outdir, "zai.js"), 0o755)
// @zai-kit/steps finds its shipped pipelines at `../pipelines/` from its module, i.e. from dist/chunks/
cpSync(join(root, "..", "..", "packages", "steps", "pipelines"), join(outdir, "pipelines"), { recursive: true })
