import { tmpdir } from "node:os"
import { describe, expect, it } from "@effect/vitest"
import * as Consumer from "../src/Consumer.js"

describe("Consumer.exec", () => {
  it("returns the exit code and output of a child", async () => {
    const ok = await Consumer.exec(process.execPath, ["-e", "console.log('hi')"], { cwd: tmpdir() })
    expect(ok).toEqual({ code: 0, stdout: "hi\n", stderr: "" })
    const failed = await Consumer.exec(process.execPath, ["-e", "console.error('no'); process.exit(3)"], { cwd: tmpdir() })
    expect({ code: failed.code, stderr: failed.stderr }).toEqual({ code: 3, stderr: "no\n" })
  })

  it("reports a timeout even when the child exits 0 on SIGTERM", async () => {
    const script = "process.on('SIGTERM', () => process.exit(0)); console.log('up'); setInterval(() => {}, 1000)"
    const out = await Consumer.exec(process.execPath, ["-e", script], { cwd: tmpdir(), timeoutMs: 1_000 })
    expect(out.code).toBe(124)
    expect(out.stderr).toContain("killed: timeout")
  })
})
