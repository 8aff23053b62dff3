import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { Completions } from "effect/cli"
import * as Cli from "../src/Cli.js"
import { zai } from "./support.js"

const tree = Completions.fromCommand(Cli.command)

const paths = (node: Completions.CommandDescriptor, prefix: ReadonlyArray<string> = []): Array<{ path: ReadonlyArray<string>; node: Completions.CommandDescriptor }> =>
  node.subcommands.flatMap((sub) => [{ path: [...prefix, sub.name], node: sub }, ...paths(sub, [...prefix, sub.name])])

const all = paths(tree)

describe("help", () => {
  it("covers the commands of the issue", () => {
    const names = all.map((p) => p.path.join(" "))
    for (const expected of [
      "chat", "search", "read", "image", "video", "transcribe", "speak", "ocr", "parse", "translate", "slides", "embed",
      "tokens", "moderate", "files list", "files upload", "files get", "files delete", "files content", "batches create",
      "fine-tune create", "knowledge list", "voices list", "run", "pipelines list", "pipelines show", "pipelines graph",
      "pipelines validate", "simulator", "completion"
    ]) {
      assert.include(names, expected)
    }
  })

  it("every command, flag and argument has a description", () => {
    const missing: Array<string> = []
    for (const { path, node } of [{ path: ["zai"], node: tree }, ...all]) {
      if (!node.description) missing.push(`${path.join(" ")}: command`)
      for (const flag of node.flags) if (!flag.description) missing.push(`${path.join(" ")}: --${flag.name}`)
      for (const arg of node.arguments) if (!arg.description) missing.push(`${path.join(" ")}: ${arg.name}`)
    }
    assert.deepStrictEqual(missing, [])
  })

  it.live("zai --help lists every top-level command with its description and the global flags", () =>
    Effect.gen(function*() {
      const run = yield* zai(["--help"])
      assert.strictEqual(run.code, 0)
      for (const sub of tree.subcommands) {
        assert.match(run.stdout, new RegExp(`\\n  ${sub.name} +${(sub.description ?? "").slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`))
      }
      for (const flag of ["--api-key", "--base-url", "--region", "--timeout", "--max-retries", "--json", "--quiet", "--verbose"]) {
        assert.include(run.stdout, flag)
      }
    }))

  it.live("every subcommand's --help exits 0 and shows its description and usage", () =>
    Effect.gen(function*() {
      for (const { path, node } of all) {
        const run = yield* zai([...path, "--help"])
        assert.strictEqual(run.code, 0, path.join(" "))
        assert.include(run.stdout, node.description ?? "", path.join(" "))
        assert.include(run.stdout, `zai ${path.join(" ")}`, path.join(" "))
        assert.strictEqual(run.stderr, "")
      }
    }))

  it.live("--version prints the version", () =>
    Effect.gen(function*() {
      const run = yield* zai(["--version"])
      assert.strictEqual(run.code, 0)
      assert.include(run.stdout, "0.1.0")
    }))

  it.live("completion prints a script for bash, zsh and fish naming the commands; another shell is a usage error", () =>
    Effect.gen(function*() {
      for (const shell of ["bash", "zsh", "fish"]) {
        const run = yield* zai(["completion", shell])
        assert.strictEqual(run.code, 0)
        for (const name of ["chat", "pipelines", "fine-tune", "--json-schema"]) assert.include(run.stdout, name, shell)
      }
      assert.include((yield* zai(["completion", "bash"])).stdout, "complete -F")
      const bad = yield* zai(["completion", "tcsh"])
      assert.strictEqual(bad.code, 2)
    }))
})
