import { defineConfig } from "vitest/config"

const conditions = ["@zai-kit/source", "node", "import", "module", "default"]

/** One vitest run for the whole workspace; sources resolve through the `@zai-kit/source` export condition, so tests need no build. */
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["@zai-kit/source"] } },
  test: {
    include: ["{packages,apps}/*/test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    typecheck: { enabled: false }
  }
})
