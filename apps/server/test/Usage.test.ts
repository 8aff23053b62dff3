import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import * as Usage from "../src/Usage.js"

describe("zai-server --help", () => {
  it("names every environment variable the server reads", () => {
    const config = readFileSync(new URL("../src/ServerConfig.ts", import.meta.url), "utf8")
    const read = [...config.matchAll(/Config\.\w+\("([A-Z_]+)"\)|positiveInt\("([A-Z_]+)"|^\s*"([A-Z_]+)"\s*$/gm)].map(
      (m) => m[1] ?? m[2] ?? m[3]
    )
    expect(read.length).toBeGreaterThan(8)
    for (const name of read) expect(Usage.text, name).toContain(name)
    expect(Usage.text).toContain("ZAI_API_KEY")
  })

  it("parses --help, -h, --version and refuses unknown arguments", () => {
    expect(Usage.parse([])).toEqual({ _tag: "Serve" })
    expect(Usage.parse(["--help"])).toEqual({ _tag: "Help" })
    expect(Usage.parse(["-h"])).toEqual({ _tag: "Help" })
    expect(Usage.parse(["--version"])).toEqual({ _tag: "Version" })
    expect(Usage.parse(["--port"])).toEqual({ _tag: "Unknown", arg: "--port" })
  })
})
