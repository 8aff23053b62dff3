/**
 * Bundle size of a chat-only consumer: `import { Chat } from "@zai-kit/chat"` plus the transport's fetch layer and
 * one streaming call, bundled by esbuild for the browser (ESM, minified, tree-shaken) and gzipped (level 9).
 * Target: at most 60 kB gzip, and no image, video or audio code in the bundle.
 *
 * Measured in the same run, for scale: Effect alone doing the same (a POST through Effect's fetch HttpClient, the
 * SSE body decoded and printed, no Schema), two floors of Effect itself (the smallest program; one `Schema.Struct`
 * decoded), openai-node's equivalent (`new OpenAI().chat.completions.create({ stream: true })`), and, when the
 * package exists, a chat-only consumer of `@zai-kit/sdk` (its Promise client).
 *
 * Run: `pnpm --filter @zai-kit/release bench` (also in `pnpm bench`; needs the packages built, which turbo does
 * first). Exits 1 when image, video or audio code reaches the chat consumer; a missed size target is printed
 * (`MISSED`) without failing the run, since the floor of Effect's own Schema is above it (see packages/chat/README.md).
 */
import { existsSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"
import * as esbuild from "esbuild"

const here = dirname(fileURLToPath(import.meta.url))
const packageDir = join(here, "..")
const root = join(packageDir, "..", "..")
const targetBytes = 60 * 1024

/** Consumers, each one source file. */
const consumers: ReadonlyArray<{ readonly name: string; readonly source: string; readonly when?: () => boolean }> = [
  {
    name: "@zai-kit/chat (Chat + ZaiClient.layerFetch, one stream)",
    source: `import { Chat } from "@zai-kit/chat"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, Layer, Stream } from "effect"

const ChatLive = Chat.Chat.layer.pipe(Layer.provide(ZaiClient.layerFetch({ apiKey: "your-api-key" })))
const program = Chat.stream({ model: "glm-4.6", messages: [{ role: "user", content: "Hello" }] }).pipe(
  Stream.runForEach((chunk) => Effect.sync(() => console.log(chunk.choices?.[0]?.delta?.content ?? ""))),
  Effect.provide(ChatLive)
)
Effect.runPromise(program)
`
  },
  {
    name: "baseline: effect alone (fetch HttpClient POST, SSE decoded)",
    source: `import { Effect, Stream } from "effect"
import { FetchHttpClient, HttpClient, HttpClientRequest } from "effect/http"
import { Sse } from "effect/encoding"

const program = Effect.gen(function*() {
  const client = yield* HttpClient.HttpClient
  const response = yield* client.execute(
    HttpClientRequest.post("https://api.z.ai/api/paas/v4/chat/completions").pipe(
      HttpClientRequest.bearerToken("your-api-key"),
      HttpClientRequest.bodyJsonUnsafe({ model: "glm-4.6", stream: true, messages: [{ role: "user", content: "Hello" }] })
    )
  )
  yield* response.stream.pipe(
    Stream.decodeText(),
    Stream.pipeThroughChannel(Sse.decode()),
    Stream.runForEach((event) => Effect.sync(() => console.log(JSON.parse(event.data).choices?.[0]?.delta?.content ?? "")))
  )
}).pipe(Effect.scoped, Effect.provide(FetchHttpClient.layer))
Effect.runPromise(program)
`
  },
  {
    name: "floor: effect alone, Effect.runPromise(Effect.succeed(1))",
    source: `import { Effect } from "effect"
Effect.runPromise(Effect.succeed(1)).then(console.log)
`
  },
  {
    name: "floor: effect alone, one Schema.Struct decoded",
    source: `import { Schema } from "effect"
console.log(Schema.decodeUnknownSync(Schema.Struct({ content: Schema.String }))({ content: "Hello" }))
`
  },
  {
    name: "comparison: openai-node (chat.completions.create stream)",
    source: `import OpenAI from "openai"

const client = new OpenAI({ apiKey: "your-api-key", baseURL: "https://api.z.ai/api/paas/v4" })
const stream = await client.chat.completions.create({ model: "glm-4.6", stream: true, messages: [{ role: "user", content: "Hello" }] })
for await (const chunk of stream) console.log(chunk.choices[0]?.delta?.content ?? "")
`
  },
  {
    name: "@zai-kit/sdk (new Zai(), chat.completions.create stream)",
    when: () => existsSync(join(root, "packages", "sdk", "dist", "index.js")),
    source: `import { Zai } from "@zai-kit/sdk"

const zai = new Zai({ apiKey: "your-api-key" })
const stream = await zai.chat.completions.create({ model: "glm-4.6", stream: true, messages: [{ role: "user", content: "Hello" }] })
for await (const chunk of stream) console.log(chunk.choices?.[0]?.delta?.content ?? "")
`
  }
]

/** Code that a chat-only bundle must not contain: the image, video and audio packages, their schemas, their paths. */
const forbiddenInputs = [/packages\/(images|videos|audio)\//, /schema\/dist\/(Images|Videos|Audio|Voice)\.js$/]
const forbiddenText = ["/images/generations", "/videos/generations", "/audio/speech", "/audio/transcriptions", "cogview", "cogvideox"]

interface Measured {
  readonly name: string
  readonly minified: number
  readonly gzip: number
  readonly forbidden: ReadonlyArray<string>
  /** Minified bytes that come from the workspace's own packages (not node_modules). */
  readonly own: number
}

const measure = async (name: string, source: string): Promise<Measured> => {
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: packageDir, sourcefile: "consumer.ts", loader: "ts" },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    legalComments: "none"
  })
  const output = result.outputFiles[0]
  if (output === undefined) throw new Error(`${name}: esbuild produced no output`)
  const text = output.text
  const used = Object.entries(Object.values(result.metafile.outputs)[0]?.inputs ?? {}).filter(([, info]) => info.bytesInOutput > 0)
  const inputs = used.map(([path]) => path)
  const own = used.filter(([path]) => !path.includes("node_modules") && path !== "<stdin>").reduce((sum, [, info]) => sum + info.bytesInOutput, 0)
  const forbidden = [
    ...inputs.filter((path) => forbiddenInputs.some((pattern) => pattern.test(path))),
    ...forbiddenText.filter((needle) => text.toLowerCase().includes(needle))
  ]
  return { name, minified: output.contents.byteLength, gzip: gzipSync(output.contents, { level: 9 }).byteLength, forbidden, own }
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
const results: Array<Measured> = []
for (const consumer of consumers) {
  if (consumer.when !== undefined && !consumer.when()) {
    console.log(`(skipped ${consumer.name}: not built)`)
    continue
  }
  results.push(await measure(consumer.name, consumer.source))
}

const chat = results[0]
const baseline = results[1]
console.log(`esbuild ${esbuild.version}, --bundle --minify --format=esm --platform=browser, gzip -9\n`)
console.log(`${"consumer".padEnd(62)} ${"minified".padStart(10)} ${"gzip".padStart(10)}  vs effect alone`)
for (const r of results) {
  const ratio = baseline === undefined ? "" : `${(r.gzip / baseline.gzip).toFixed(2)}×`
  console.log(`${r.name.padEnd(62)} ${kB(r.minified).padStart(10)} ${kB(r.gzip).padStart(10)}  ${ratio}`)
}
if (chat === undefined) throw new Error("the chat consumer was not measured")
const over = chat.gzip > targetBytes
console.log(`\nchat consumer: ${kB(chat.own)} of its ${kB(chat.minified)} minified are zai-kit's own code, the rest is effect`)
console.log(`chat consumer: ${kB(chat.gzip)} gzip, target <= ${kB(targetBytes)}: ${over ? "MISSED" : "met"}`)
console.log(
  chat.forbidden.length === 0
    ? "chat consumer: no image / video / audio code"
    : `chat consumer: image / video / audio code found: ${chat.forbidden.join(", ")}`
)
if (chat.forbidden.length > 0) process.exitCode = 1
