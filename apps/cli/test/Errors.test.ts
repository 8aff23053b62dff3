import { assert, describe, it, layer } from "@effect/vitest"
import { Simulator } from "@zai-kit/testing"
import { Effect } from "effect"
import { at, zai } from "./support.js"

const ansi = new RegExp(`${String.fromCharCode(27)}\\[`)

describe("usage errors (exit 2) suggest the closest command or flag", () => {
  it.live("an unknown subcommand", () =>
    Effect.gen(function*() {
      const run = yield* zai(["chta", "hi"])
      assert.strictEqual(run.code, 2)
      assert.include(run.stderr, 'Unknown subcommand "chta"')
      assert.include(run.stderr, "Did you mean this?\n    chat")
      assert.strictEqual(run.stdout, "")
    }))

  it.live("an unknown flag", () =>
    Effect.gen(function*() {
      const run = yield* zai(["chat", "--modle", "glm-4.6", "hi"])
      assert.strictEqual(run.code, 2)
      assert.include(run.stderr, "--modle")
      assert.include(run.stderr, "--model")
      assert.include(run.stderr, "zai chat --help")
    }))

  it.live("a bad flag value is named before anything is sent", () =>
    Effect.gen(function*() {
      const run = yield* zai(["chat", "--max-tokens", "many", "hi"])
      assert.strictEqual(run.code, 2)
      assert.include(run.stderr, "--max-tokens")
    }))

  it.live("a bad ZAI_REGION", () =>
    Effect.gen(function*() {
      const run = yield* zai(["tokens", "hi"], { env: { ZAI_REGION: "mars" } })
      assert.strictEqual(run.code, 2)
      assert.include(run.stderr, "ZAI_REGION must be one of intl, cn, coding-intl, coding-cn")
    }))

  it.live("a base URL without a key is pointed out instead of silently using the simulator", () =>
    Effect.gen(function*() {
      const run = yield* zai(["tokens", "hi"], { env: { ZAI_BASE_URL: "http://127.0.0.1:9/api/paas/v4" } })
      assert.strictEqual(run.code, 2)
      assert.include(run.stderr, "a base URL is set (ZAI_BASE_URL) but no API key")
      assert.notInclude(run.stderr, "built-in simulator at")
    }))

  it.live("no subcommand prints the help and exits 0", () =>
    Effect.gen(function*() {
      const run = yield* zai([])
      assert.strictEqual(run.code, 0)
      assert.include(run.stdout, "SUBCOMMANDS")
    }))
})

layer(Simulator.layer(), { excludeTestServices: true })("API errors and diagnostics", (it) => {
  it.effect("an API error exits 1 with the business code, its meaning and the request id", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      yield* sim.injectFaults(["insufficient-balance"])
      const run = yield* zai([...at(sim.url), "chat", "hi"])
      assert.strictEqual(run.code, 1)
      assert.include(run.stderr, "zai: error:")
      assert.include(run.stderr, "code: 1113 (Account in arrears: insufficient balance or no resource package)")
      assert.match(run.stderr, /request id: \S+/)
      assert.strictEqual(run.stdout, "")
    }))

  it.effect("request fields are checked before the wire: exit 2 and nothing sent", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      const run = yield* zai([...at(sim.url), "chat", "--temperature", "7", "hi"])
      assert.strictEqual(run.code, 2)
      assert.include(run.stderr, "temperature")
      assert.strictEqual((yield* sim.requests).length, 0)
    }))

  it.effect("--verbose shows the request id, retries and timing, never the key", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      yield* sim.injectFaults(["server-error"])
      const key = "sk-very-secret-key-42"
      const run = yield* zai([...at(sim.url, key), "--verbose", "tokens", "hello world"])
      assert.strictEqual(run.code, 0, run.stderr)
      assert.include(run.stderr, "zai-kit: retrying")
      assert.match(run.stderr, /\[verbose\] tokenizer\.create: POST \S*\/tokenizer, status 200, request id \S+, attempts 2, \d+ ms/)
      assert.include(run.stderr, "key set")
      assert.notInclude(run.stderr, key)
      assert.notInclude(run.stdout, key)
    }))

  it.effect("--verbose also shows a chat answer's token usage, streamed or not", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      const piped = yield* zai([...at(sim.url), "--verbose", "chat", "hello"])
      assert.match(piped.stderr, /\[verbose\] usage: \d+ prompt \+ \d+ completion tokens/)
      const streamed = yield* zai([...at(sim.url), "--verbose", "chat", "hello"], { stdoutIsTTY: true })
      assert.match(streamed.stderr, /\[verbose\] usage: \d+ prompt \+ \d+ completion tokens/)
      const quiet = yield* zai([...at(sim.url), "chat", "hello"])
      assert.notInclude(quiet.stderr, "usage:")
    }))

  it.effect("logs (--log-level) go to stderr, never into the results on stdout", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      yield* sim.injectFaults(["server-error"])
      const run = yield* zai([...at(sim.url), "--log-level", "debug", "tokens", "hello"])
      assert.strictEqual(run.code, 0, run.stderr)
      assert.match(run.stdout, /^\d+\n$/)
      assert.include(run.stderr, "zai-kit: retrying")
    }))

  it.effect("the key never appears in an error report", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      yield* sim.injectFaults(["auth"])
      const key = "sk-another-secret-99"
      const run = yield* zai([...at(sim.url, key), "--verbose", "chat", "hi"])
      assert.strictEqual(run.code, 1)
      assert.include(run.stderr, "code: 1002")
      assert.notInclude(run.stderr, key)
    }))

  it.effect("--timeout limits a request: a stalled answer fails with a timeout (exit 1)", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      yield* sim.injectFaults(["stall-before"])
      const run = yield* zai([...at(sim.url), "--timeout", "0.3", "--max-retries", "0", "chat", "hi"])
      assert.strictEqual(run.code, 1)
      assert.match(run.stderr, /zai: error: .*(timed out|timeout)/i)
    }))

  it.effect("--max-retries 0 gives up at the first retryable error", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      yield* sim.reset
      yield* sim.injectFaults(["server-error"])
      const run = yield* zai([...at(sim.url), "--max-retries", "0", "tokens", "hi"])
      assert.strictEqual(run.code, 1)
      assert.strictEqual((yield* sim.requests).length, 1)
    }))
})

describe("colours", () => {
  it.live("none when stderr is not a terminal", () =>
    Effect.gen(function*() {
      const run = yield* zai(["chta"])
      assert.notMatch(run.stderr, ansi)
    }))

  it.live("on a terminal, but never with NO_COLOR", () =>
    Effect.gen(function*() {
      const colored = yield* zai(["tokens", "hi"], { stderrIsTTY: true })
      assert.match(colored.stderr, ansi)
      const plain = yield* zai(["tokens", "hi"], { stderrIsTTY: true, stdoutIsTTY: true, env: { NO_COLOR: "1" } })
      assert.strictEqual(plain.code, 0)
      assert.notMatch(plain.stderr, ansi)
      assert.notMatch(plain.stdout, ansi)
    }))
})
