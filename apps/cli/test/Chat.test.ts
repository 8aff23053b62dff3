import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { Effect } from "effect"
import { at, tempDir, zai } from "./support.js"

describe("zai chat on the embedded simulator", () => {
  it.live("answers a prompt given as an argument, with the simulator noticed once on stderr", () =>
    Effect.gen(function*() {
      const run = yield* zai(["chat", "Why is the sky blue?"])
      assert.strictEqual(run.code, 0, run.stderr)
      assert.include(run.stdout, "sky blue")
      assert.isTrue(run.stdout.endsWith("\n"))
      assert.strictEqual(run.stderr.match(/using the built-in simulator at http:\/\/127\.0\.0\.1:\d+\/api\/paas\/v4/g)?.length, 1)
    }))

  it.live("reads the prompt from stdin when there is no argument", () =>
    Effect.gen(function*() {
      const run = yield* zai(["chat", "-q"], { stdin: "Explain tidal energy\n" })
      assert.strictEqual(run.code, 0, run.stderr)
      assert.include(run.stdout, "tidal energy")
      assert.strictEqual(run.stderr, "")
    }))

  it.live("a stdin that cannot be read is a usage error naming the argument", () =>
    Effect.gen(function*() {
      const run = yield* zai(["chat", "-q"], { stdinError: "EIO: broken pipe" })
      assert.strictEqual(run.code, 2)
      assert.include(run.stderr, "PROMPT: cannot read stdin (EIO: broken pipe)")
    }))

  it.live("prints the whole response with --json", () =>
    Effect.gen(function*() {
      const run = yield* zai(["chat", "hello there", "--json", "-q"])
      assert.strictEqual(run.code, 0, run.stderr)
      const body = JSON.parse(run.stdout)
      assert.strictEqual(body.object, "chat.completion")
      assert.isString(body.choices[0].message.content)
      assert.isNumber(body.usage.total_tokens)
    }))

  it.live("without a prompt and with stdin a terminal, fails with a usage error (exit 2)", () =>
    Effect.gen(function*() {
      const run = yield* zai(["chat", "-q"])
      assert.strictEqual(run.code, 2)
      assert.include(run.stderr, "PROMPT is required")
      assert.strictEqual(run.stdout, "")
    }))

  it.live("answers as JSON matching a --json-schema file", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      writeFileSync(
        join(dir, "person.json"),
        JSON.stringify({ type: "object", properties: { name: { type: "string" }, born: { type: "string" } }, required: ["name", "born"] })
      )
      const run = yield* zai(["chat", "--json-schema", "person.json", "Ada Lovelace", "-q"], { cwd: dir })
      assert.strictEqual(run.code, 0, run.stderr)
      const value = JSON.parse(run.stdout)
      assert.isString(value.name)
      assert.isString(value.born)
    }))

  it.live("rejects a --json-schema file that is not JSON, naming the flag (exit 2)", () =>
    Effect.gen(function*() {
      const dir = tempDir()
      writeFileSync(join(dir, "bad.json"), "{ not json")
      const run = yield* zai(["chat", "--json-schema", "bad.json", "hi", "-q"], { cwd: dir })
      assert.strictEqual(run.code, 2)
      assert.include(run.stderr, "--json-schema")
      assert.include(run.stderr, "not JSON")
    }))

  it.live("rejects an --image that is neither a URL nor an image file (exit 2)", () =>
    Effect.gen(function*() {
      const run = yield* zai(["chat", "--image", "notes.txt", "what is this?", "-q"])
      assert.strictEqual(run.code, 2)
      assert.include(run.stderr, "--image")
    }))
})

layer(Simulator.layer(), { excludeTestServices: true })("zai chat against a simulator it can inspect", (it) => {
  it.effect("sends a local --image as a data URL, the system prompt, thinking and limits", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      const dir = tempDir()
      writeFileSync(join(dir, "pic.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
      const run = yield* zai(
        [...at(sim.url), "chat", "--image", "pic.png", "--system", "Be brief", "--thinking", "--temperature", "0.2", "--max-tokens", "50", "-m", "glm-4.5v", "What is it?"],
        { cwd: dir }
      )
      assert.strictEqual(run.code, 0, run.stderr)
      const [request] = yield* sim.requests
      const body = request?.body as { model: string; messages: Array<{ role: string; content: unknown }>; thinking: unknown; temperature: number; max_tokens: number }
      assert.strictEqual(body.model, "glm-4.5v")
      assert.deepStrictEqual(body.messages[0], { role: "system", content: "Be brief" })
      const parts = body.messages[1]?.content as Array<{ type: string; image_url?: { url: string } }>
      assert.strictEqual(parts[0]?.image_url?.url, `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString("base64")}`)
      assert.deepStrictEqual(body.thinking, { type: "enabled" })
      assert.strictEqual(body.temperature, 0.2)
      assert.strictEqual(body.max_tokens, 50)
      assert.notInclude(run.stderr, "built-in simulator")
    }))

  it.effect("streams tokens to a terminal and shows the reasoning dimmed on stderr with --show-reasoning", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      const run = yield* zai([...at(sim.url), "chat", "--thinking", "--show-reasoning", "Plan a trip to Kyoto"], {
        stdoutIsTTY: true,
        stderrIsTTY: true
      })
      assert.strictEqual(run.code, 0, run.stderr)
      const [request] = yield* sim.requests
      assert.strictEqual((request?.body as { stream?: boolean } | undefined)?.stream, true)
      assert.include(run.stdout, "Kyoto")
      assert.include(run.stderr, "\x1b[2m")
    }))

  it.effect("-i keeps the conversation's history across lines from stdin", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      const run = yield* zai([...at(sim.url), "chat", "-i"], { stdin: "first question about volcanoes\nsecond about glaciers\n/exit\nnever sent\n" })
      assert.strictEqual(run.code, 0, run.stderr)
      const requests = yield* sim.requests
      assert.strictEqual(requests.length, 2)
      const second = requests[1]?.body as { messages: Array<{ role: string; content: string }> }
      assert.deepStrictEqual(
        second.messages.map((m) => m.role),
        ["user", "assistant", "user"]
      )
      assert.strictEqual(second.messages[0]?.content, "first question about volcanoes")
      assert.include(run.stdout, "volcanoes")
      assert.include(run.stdout, "glaciers")
    }))
})
