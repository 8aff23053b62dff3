import { NodeServices } from "@effect/platform-node"
import { assert, describe, it, layer } from "@effect/vitest"
import { Faults, Simulator, TestLayers } from "@zai-kit/testing"
import { ZaiClient } from "@zai-kit/transport"
import { Effect, FileSystem, Layer, Stream } from "effect"
import * as AgentOutput from "../src/AgentOutput.js"
import { Agents } from "../src/Agents.js"
import * as AgentsModule from "../src/Agents.js"
import { failureOf, fixedLayer, zaiFailureOf, layer as agentsLayer, readPdf, type Seen, streamFlag, successOf } from "./utils.js"

const fault = (input: string) => ({ headers: Faults.headers(input) })

/** `ZaiClient.binary` with its body read whole (the connection closes at the end). */
const readBinary = (client: ZaiClient.Service, request: ZaiClient.ZaiRequest) =>
  Effect.scoped(
    Effect.flatMap(client.binary(request), (response) =>
      Effect.map(response.bytes, (bytes) => ({ contentType: response.contentType, bytes }))
    )
  )

layer(agentsLayer({ asyncPolls: 2 }))("Agents", (it) => {
  describe("translate and invoke", () => {
    it.effect("translate sends POST <paas>/v1/agents with the translation variables and reads the text", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const agents = yield* Agents
        const translation = yield* agents.translate({ text: "Hello world, the sea is beautiful", to: "fr", from: "en" })
        assert.strictEqual(translation.text, "[en→fr] Bonjour monde, le mer est beau")
        assert.strictEqual(translation.to, "fr")
        assert.strictEqual(translation.completion.agent_id, "general_translation")
        assert.strictEqual(translation.completion.status, "success")
        assert.isAbove(translation.completion.usage?.total_tokens ?? 0, 0)
        const [recorded] = yield* Simulator.requests
        assert.strictEqual(recorded?.method, "POST")
        assert.strictEqual(recorded?.path, "/v1/agents")
        assert.strictEqual(recorded?.url, "/api/paas/v4/v1/agents")
        assert.strictEqual(recorded?.headers.authorization, "Bearer <redacted>")
        assert.strictEqual(recorded?.auth, "api-key")
        assert.strictEqual(recorded?.headers["content-type"], "application/json")
        assert.strictEqual(recorded?.headers["x-source-channel"], "zai-kit")
        assert.deepStrictEqual(recorded?.body, {
          agent_id: "general_translation",
          messages: [{ role: "user", content: [{ type: "text", text: "Hello world, the sea is beautiful" }] }],
          custom_variables: { source_lang: "en", target_lang: "fr" }
        })
      }))

    it.effect("translate defaults `from` to auto and passes strategy, glossary, suggestion and ids", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const translation = yield* AgentsModule.translate({
          text: "Good morning",
          to: "de",
          strategy: "paraphrase",
          glossary: "g-1",
          suggestion: "formal",
          request_id: "req-translate-1",
          user_id: "user-123456"
        })
        assert.strictEqual(translation.text, "[en→de] Gut Morgen")
        assert.strictEqual(translation.from, "auto")
        assert.strictEqual(translation.completion.request_id, "req-translate-1")
        const [recorded] = yield* Simulator.requests
        assert.deepStrictEqual(recorded?.body, {
          agent_id: "general_translation",
          messages: [{ role: "user", content: [{ type: "text", text: "Good morning" }] }],
          custom_variables: {
            source_lang: "auto",
            target_lang: "de",
            glossary: "g-1",
            strategy: "paraphrase",
            strategy_config: { general: { suggestion: "formal" } }
          },
          request_id: "req-translate-1",
          user_id: "user-123456"
        })
      }))

    it.effect("invoke takes a raw request; invokeStream and translateStream stream the pieces", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const agents = yield* Agents
        const request = {
          agent_id: "general_translation",
          messages: [{ role: "user", content: [{ type: "text", text: "thank you my friend for the book" }] }],
          custom_variables: { source_lang: "en", target_lang: "es" }
        } as const
        const answer = yield* agents.invoke(request)
        assert.strictEqual(AgentOutput.text(answer), "[en→es] gracias tú my amigo for el libro")
        const events = yield* Stream.runCollect(agents.invokeStream(request))
        assert.isAbove(events.length, 1)
        assert.strictEqual(events.map(AgentOutput.text).join(""), AgentOutput.text(answer))
        assert.strictEqual(events[events.length - 1]?.choices?.[0]?.finish_reason, "stop")
        assert.isTrue(events.every((e) => e.agent_id === "general_translation"))
        const pieces = yield* Stream.runCollect(agents.translateStream({ text: "thank you my friend for the book", to: "es", from: "en" }))
        assert.strictEqual(pieces.join(""), AgentOutput.text(answer))
        const recorded = yield* Simulator.requests
        assert.strictEqual(recorded.length, 3)
        assert.isUndefined(streamFlag(recorded[0]?.body))
        assert.strictEqual(streamFlag(recorded[1]?.body), true)
        assert.strictEqual(recorded[1]?.headers.accept, "text/event-stream")
        assert.strictEqual(streamFlag(recorded[2]?.body), true)
      }))

    it.effect("rejects bad input naming the field, before anything is sent", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const agents = yield* Agents
        const typo = failureOf(
          yield* Effect.exit(
            agents.invoke({
              agent_id: "general_translation",
              messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
              // type-checks as the generic shape, but general_translation takes only its own variables
              custom_variables: { target: "fr" }
            })
          )
        )
        assert.strictEqual(typo._tag, "InvalidRequestInput")
        assert.include(typo.message, 'custom_variables.target: unknown key "target"')
        const noTemplate = failureOf(
          yield* Effect.exit(
            agents.invoke({
              agent_id: "vidu_template_agent",
              messages: [{ role: "user", content: [{ type: "image_url", image_url: "https://example.com/a.png" }] }],
              // type-checks as the generic shape; vidu_template_agent requires a template
              custom_variables: {}
            })
          )
        )
        assert.include(noTemplate.message, "custom_variables.template: missing")
        const noText = failureOf(yield* Effect.exit(agents.translate({ text: "", to: "fr" })))
        assert.include(noText.message, "TranslateInput")
        assert.include(noText.message, "text:")
        const badEffect = failureOf(
          // @ts-expect-error: image_url is missing on purpose
          yield* Effect.exit(agents.videoEffect({ template: "bodyshake" }))
        )
        assert.include(badEffect.message, "image_url: missing")
        const badPoll = failureOf(yield* Effect.exit(agents.asyncResult({ agent_id: "vidu_template_agent" })))
        assert.include(badPoll.message, "async_id: missing: give async_id, conversation_id, or both")
        const badConversation = failureOf(
          // @ts-expect-error: conversation_id is missing on purpose
          yield* Effect.exit(agents.conversation({ agent_id: "slides_glm_agent" }))
        )
        assert.include(badConversation.message, "conversation_id: missing")
        assert.strictEqual((yield* Simulator.requests).length, 0)
      }))

    it.effect("an error inside a 200 answer fails typed, by its business code", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const agents = yield* Agents
        const filtered = zaiFailureOf(yield* Effect.exit(agents.translate({ text: "Hello", to: "fr" }, fault("error-frame;code=1301;message=blocked"))))
        assert.strictEqual(filtered._tag, "ContentFilterError")
        assert.strictEqual(filtered.code, "1301")
        assert.strictEqual(filtered.status, 200)
        assert.include(filtered.message, "blocked")
        const generic = zaiFailureOf(yield* Effect.exit(agents.translate({ text: "Hello", to: "fr" }, fault("error-frame"))))
        assert.strictEqual(generic._tag, "InternalServerError")
        assert.strictEqual(generic.code, "1234")
        const streamed = yield* Effect.exit(
          Stream.runCollect(agents.translateStream({ text: "one two three four five six seven", to: "fr" }, fault("error-frame;after=1;code=1302")))
        )
        assert.strictEqual(failureOf(streamed)._tag, "RateLimitError")
      }))
  })

  describe("slides", () => {
    it.effect("makes a deck, waits for its files on the TestClock, and the PDF is valid", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const agents = yield* Agents
        const prompt = "Ocean energy: waves, tides and offshore wind. Tides are predictable. Offshore wind farms grow fast."
        const deck = yield* agents.slides({ prompt })
        assert.match(deck.conversationId, /^conv-/)
        assert.strictEqual(deck.agentId, "slides_glm_agent")
        assert.deepStrictEqual(
          deck.pages.map((p) => p.title),
          ["Ocean Energy", "Waves", "Tides", "Offshore Wind", "Summary"]
        )
        assert.match(deck.pages[0]?.html ?? "", /<section class="slide"/)
        assert.include(deck.text, `has ${deck.pages.length} slides`)
        const [invoked] = yield* Simulator.requests
        assert.deepStrictEqual(invoked?.body, {
          agent_id: "slides_glm_agent",
          messages: [{ role: "user", content: [{ type: "text", text: prompt }] }],
          stream: false
        })
        const fiber = yield* Effect.forkChild(deck.waitFor())
        const files = successOf(yield* TestLayers.drive(fiber))
        const polls = (yield* Simulator.requests).slice(1)
        assert.deepStrictEqual(
          polls.map((r) => r.path),
          ["/v1/agents/conversation", "/v1/agents/conversation", "/v1/agents/conversation"]
        )
        assert.deepStrictEqual(polls[0]?.body, {
          agent_id: "slides_glm_agent",
          conversation_id: deck.conversationId,
          custom_variables: { include_pdf: true }
        })
        assert.match(files.pdfUrl ?? "", /\/sim-agents\/files\/conv-[0-9a-f]+-[0-9a-f]{8}\.pdf$/)
        assert.strictEqual(files.imageUrls.length, deck.pages.length)
        assert.strictEqual(files.files[0]?.tag, "PDF")
        const client = yield* ZaiClient.ZaiClient
        const pdf = yield* readBinary(client, { method: "GET", path: files.pdfUrl ?? "", operation: "test.pdf" })
        assert.strictEqual(pdf.contentType, "application/pdf")
        const parsed = readPdf(pdf.bytes)
        assert.strictEqual(parsed.header, "%PDF-1.4")
        assert.strictEqual(parsed.pages, deck.pages.length)
        assert.strictEqual(parsed.streams.length, deck.pages.length)
        assert.include(parsed.streams[1] ?? "", "Tj")
        assert.include(parsed.streams[2] ?? "", "(\\225  Tides are predictable) Tj")
        assert.include(parsed.streams[0] ?? "", "(Ocean Energy) Tj")
        assert.include(parsed.streams[0] ?? "", "\\225") // the bullet, WinAnsi 0x95
        const png = yield* readBinary(client, { method: "GET", path: files.imageUrls[0] ?? "", operation: "test.png" })
        assert.strictEqual(png.contentType, "image/png")
        assert.deepStrictEqual([...png.bytes.slice(1, 4)], [0x50, 0x4e, 0x47])
      }))

    it.effect("downloadFiles writes the PDF and page images into a directory", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const agents = yield* Agents
        const deck = yield* agents.slides({ prompt: "Tea culture in Japan and China" })
        const files = successOf(yield* TestLayers.drive(yield* Effect.forkChild(deck.waitFor())))
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        const written = yield* files.downloadFiles(`${dir}/deck`)
        assert.strictEqual(written.length, 1 + deck.pages.length)
        assert.match(written[0]?.path ?? "", /\/deck\/conv-[0-9a-f]+-[0-9a-f]{8}\.pdf$/)
        const pdf = yield* fs.readFile(written[0]?.path ?? "")
        assert.strictEqual(readPdf(pdf).pages, deck.pages.length)
        assert.strictEqual(pdf.length, written[0]?.size)
        const image = yield* fs.readFile(written[1]?.path ?? "")
        assert.strictEqual(image[0], 0x89)
        const downloads = (yield* Simulator.requests).filter((r) => r.method === "GET")
        assert.strictEqual(downloads.length, written.length)
        assert.isTrue(downloads.every((r) => r.auth === "api-key" && r.path.startsWith("/sim-agents/files/")))
      }).pipe(Effect.provide(NodeServices.layer), Effect.scoped))

    it.effect("waitFor can poll async-result; a conversation_id edits the deck", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const agents = yield* Agents
        const deck = yield* agents.slides({ prompt: "Bicycles in cities: safety and parking" })
        const files = successOf(yield* TestLayers.drive(yield* Effect.forkChild(deck.waitFor({ via: "async-result" }))))
        assert.isDefined(files.pdfUrl)
        const polls = (yield* Simulator.requests).filter((r) => r.path === "/v1/agents/async-result")
        assert.strictEqual(polls.length, 3)
        assert.deepStrictEqual(polls[0]?.body, {
          agent_id: "slides_glm_agent",
          conversation_id: deck.conversationId,
          custom_variables: { include_pdf: true }
        })
        const edited = yield* agents.slides({ prompt: "Add a slide about electric bikes.", conversation_id: deck.conversationId })
        assert.strictEqual(edited.conversationId, deck.conversationId)
        assert.strictEqual(edited.pages.length, 1)
        assert.strictEqual(edited.pages[0]?.position, deck.pages.length)
        assert.strictEqual(edited.pages[0]?.title, "Electric Bikes")
        const again = successOf(yield* TestLayers.drive(yield* Effect.forkChild(edited.waitFor({ includePdf: false }))))
        assert.isUndefined(again.pdfUrl)
        assert.strictEqual(again.imageUrls.length, deck.pages.length + 1)
      }))

    it.effect("a failed deck fails waitFor with TaskFailedError carrying the task's code", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const agents = yield* Agents
        const deck = yield* agents.slides({ prompt: "Volcanoes" }, fault("task-failed"))
        const error = failureOf(yield* TestLayers.drive(yield* Effect.forkChild(deck.waitFor())))
        assert.strictEqual(error._tag, "TaskFailedError")
        if (error._tag !== "TaskFailedError") return
        assert.strictEqual(error.taskStatus, "failed")
        assert.strictEqual(error.taskId, deck.conversationId)
        assert.strictEqual(error.code, "1234")
        const polled = yield* deck.poll
        assert.strictEqual(polled.status, "failed")
      }))

    it.effect("escapes PDF text: parentheses, backslashes, accents; characters outside WinAnsi become ?", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const agents = yield* Agents
        const deck = yield* agents.slides({ prompt: "Café culture (Paris) \\ Tōkyō: espresso, croissants and 抹茶 latte" })
        const files = successOf(yield* TestLayers.drive(yield* Effect.forkChild(deck.waitFor())))
        const client = yield* ZaiClient.ZaiClient
        const pdf = yield* readBinary(client, { method: "GET", path: files.pdfUrl ?? "", operation: "test.pdf" })
        const parsed = readPdf(pdf.bytes)
        assert.strictEqual(parsed.pages, deck.pages.length)
        assert.include(parsed.streams[0] ?? "", "(Caf\\351 Culture \\(Paris\\) \\\\ T?ky?) Tj")
        assert.include(parsed.streams.join("\n"), "(\\225  Key facts about ?? latte) Tj")
        assert.isTrue(parsed.streams.every((stream) => /^[\x20-\x7e\n]*$/.test(stream)))
      }))

    it.effect("an unknown agent id is sent in the generic shape; the API's 400 comes back typed", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const agents = yield* Agents
        const exit = yield* Effect.exit(
          agents.invoke({
            agent_id: "my_custom_agent",
            messages: [{ role: "user", content: "plain text content" }],
            custom_variables: { anything: [1, 2] },
            conversation_id: "c-9"
          })
        )
        const error = zaiFailureOf(exit)
        assert.strictEqual(error._tag, "InvalidRequestError")
        assert.strictEqual(error.code, "1214")
        const [recorded] = yield* Simulator.requests
        assert.deepStrictEqual(recorded?.body, {
          agent_id: "my_custom_agent",
          messages: [{ role: "user", content: "plain text content" }],
          custom_variables: { anything: [1, 2] },
          conversation_id: "c-9"
        })
      }))

    it.effect("streams the slide agent's steps with invokeStream", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const agents = yield* Agents
        const events = yield* Stream.runCollect(
          agents.invokeStream({ agent_id: "slides_glm_agent", messages: [{ role: "user", content: [{ type: "text", text: "Rivers of Europe" }] }] })
        )
        const phases = events.flatMap((e) => AgentOutput.messages(e).map((m) => m.phase))
        assert.strictEqual(phases[0], "thinking")
        assert.strictEqual(phases[phases.length - 1], "answer")
        assert.isAtLeast(events.flatMap((e) => AgentOutput.slidePages(e)).length, 4)
        assert.isTrue(events.every((e) => typeof e.conversation_id === "string"))
      }))
  })

  describe("video effects", () => {
    it.effect("submits an image and a template, then polls async-result to the video", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const agents = yield* Agents
        const task = yield* agents.videoEffect({ template: "bodyshake", image_url: "https://example.com/me.png", prompt: "dance" })
        assert.strictEqual(task.status, "pending")
        assert.strictEqual(task.agentId, "vidu_template_agent")
        const [submitted] = yield* Simulator.requests
        assert.deepStrictEqual(submitted?.body, {
          agent_id: "vidu_template_agent",
          messages: [{ role: "user", content: [{ type: "text", text: "dance" }, { type: "image_url", image_url: "https://example.com/me.png" }] }],
          custom_variables: { template: "bodyshake" }
        })
        const result = successOf(yield* TestLayers.drive(yield* Effect.forkChild(task.waitFor())))
        assert.strictEqual(result.asyncId, task.asyncId)
        assert.match(result.videoUrls[0] ?? "", /\/sim-files\/vid-[0-9a-f]{16}-\d+x\d+\.mp4$/)
        assert.strictEqual(result.imageUrls.length, 1)
        const polls = (yield* Simulator.requests).slice(1)
        assert.strictEqual(polls.length, 3)
        assert.deepStrictEqual(polls[0]?.body, { agent_id: "vidu_template_agent", async_id: task.asyncId })
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        const written = yield* result.downloadFiles(dir)
        const video = yield* fs.readFile(written[0]?.path ?? "")
        assert.strictEqual(new TextDecoder().decode(video.slice(4, 8)), "ftyp")
        assert.strictEqual(written[0]?.contentType, "video/mp4")
      }).pipe(Effect.provide(NodeServices.layer), Effect.scoped))

    it.effect("a failed task: asyncResult returns it as data, waitFor fails with TaskFailedError", () =>
      Effect.gen(function*() {
        yield* Simulator.reset
        const agents = yield* Agents
        const task = yield* agents.videoEffect({ template: "french_kiss", image_url: "https://example.com/us.png" }, fault("task-failed"))
        const exit = yield* TestLayers.drive(yield* Effect.forkChild(task.waitFor()))
        const error = zaiFailureOf(exit)
        assert.strictEqual(error._tag, "TaskFailedError")
        assert.strictEqual(error.code, "1234")
        assert.include(error.message, "rendering error")
        const polled = yield* task.poll
        assert.strictEqual(polled.status, "failed")
        assert.strictEqual(typeof polled.error === "object" ? polled.error?.code : undefined, "1234")
      }))
  })
})

describe("agents root", () => {
  it.effect("follows agentsBaseUrl (the OpenAPI root /api/v1/agents); other calls keep the paas base", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const client = ZaiClient.layerFetch({ apiKey: sim.apiKey, baseUrl: sim.url, agentsBaseUrl: `${sim.origin}/api`, maxRetries: 0 })
      const translation = yield* AgentsModule.translate({ text: "hello", to: "fr" }).pipe(
        Effect.provide(Agents.layer.pipe(Layer.provide(client)))
      )
      assert.strictEqual(translation.text, "[en→fr] bonjour")
      const [recorded] = yield* Simulator.requests
      assert.strictEqual(recorded?.url, "/api/v1/agents")
      assert.strictEqual(recorded?.path, "/v1/agents")
      assert.strictEqual(recorded?.status, 200)
    }).pipe(Effect.provide(Simulator.layer())))
})

describe("lenient answers (hand-written bodies)", () => {
  it.effect("keeps unknown fields and accepts nulls", () =>
    Effect.gen(function*() {
      const seen: Array<Seen> = []
      const body = JSON.stringify({
        id: "a1",
        agent_id: "general_translation",
        conversation_id: null,
        async_id: null,
        status: "success",
        brand_new: { nested: true },
        choices: [
          {
            index: 0,
            finish_reason: null,
            messages: { role: "assistant", content: { type: "text", text: "Bonjour", extra: 1 }, audio: null },
            message: null,
            delta: null
          }
        ],
        usage: { prompt_tokens: 1, completion_tokens: null, total_tokens: 2, total_calls: null, cost: 0.1 },
        error: null
      })
      const translation = yield* AgentsModule.translate({ text: "Hello", to: "fr" }).pipe(Effect.provide(fixedLayer(() => body, seen)))
      assert.strictEqual(translation.text, "Bonjour")
      assert.deepStrictEqual((translation.completion as Record<string, unknown>).brand_new, { nested: true })
      assert.strictEqual(translation.completion.usage?.completion_tokens, null)
      assert.strictEqual(seen[0]?.url, "http://zai.test/api/paas/v4/v1/agents")
      assert.strictEqual(seen[0]?.headers.authorization, "Bearer test-key-123456")
    }))

  it.effect("reads files given as strings or { url }, and an error without a failed status fails the poll", () =>
    Effect.gen(function*() {
      const seen: Array<Seen> = []
      const answer = (url: string) =>
        url.endsWith("/v1/agents")
          ? JSON.stringify({ agent_id: "slides_glm_agent", conversation_id: "c-1", choices: null })
          : JSON.stringify({
              conversation_id: "c-1",
              choices: [{ message: [{ content: [{ type: "file_url", file_url: { url: "https://cdn.example/d.pdf" } }, { type: "image_url", image_url: "https://cdn.example/p1.png", tag_en: null }] }] }],
              error: { code: 1261, message: "too long" }
            })
      const agents = yield* Agents.pipe(Effect.provide(fixedLayer(answer, seen, { agentsBaseUrl: "http://agents.test/api" })))
      const deck = yield* agents.slides({ prompt: "x" })
      assert.deepStrictEqual(deck.pages, [])
      const polled = zaiFailureOf(yield* Effect.exit(deck.poll))
      assert.strictEqual(polled._tag, "ContextLengthError")
      assert.strictEqual(polled.code, "1261")
      assert.deepStrictEqual(
        seen.map((s) => s.url),
        ["http://agents.test/api/v1/agents", "http://agents.test/api/v1/agents/conversation"]
      )
    }))

  it.effect("downloads from another host through ZaiClient, without the API key or the SDK headers", () =>
    Effect.gen(function*() {
      let denied = false
      const answer = (url: string) =>
        url.endsWith("/v1/agents")
          ? JSON.stringify({ agent_id: "slides_glm_agent", conversation_id: "c-2" })
          : url.startsWith("https://cdn.example/")
          ? denied
            ? new Response("no", { status: 403 })
            : new Response(new Uint8Array([37, 80, 68, 70]), { headers: { "content-type": "application/pdf" } })
          : JSON.stringify({
              conversation_id: "c-2",
              status: "success",
              choices: [{ message: [{ content: [{ type: "file_url", file_url: "https://cdn.example/decks/My%20Deck.pdf?sig=1" }] }] }]
            })
      const seen: Array<Seen> = []
      const agents = yield* Agents.pipe(Effect.provide(fixedLayer(answer, seen)))
      const deck = yield* agents.slides({ prompt: "x" })
      const files = yield* deck.waitFor()
      const fs = yield* FileSystem.FileSystem
      const dir = yield* fs.makeTempDirectoryScoped()
      const written = yield* files.downloadFiles(dir)
      const downloads = seen.filter((s) => s.url.startsWith("https://cdn.example/"))
      assert.deepStrictEqual(downloads.map((s) => [s.method, s.url]), [["GET", "https://cdn.example/decks/My%20Deck.pdf?sig=1"]])
      // the API key is never sent to another host, nor the SDK's own headers
      assert.isUndefined(downloads[0]?.headers.authorization)
      assert.isUndefined(downloads[0]?.headers["x-source-channel"])
      assert.isDefined(seen[0]?.headers.authorization)
      assert.match(written[0]?.path ?? "", /My_Deck\.pdf$/)
      assert.strictEqual(written[0]?.size, 4)
      assert.strictEqual(written[0]?.contentType, "application/pdf")
      denied = true
      const failed = zaiFailureOf(yield* Effect.exit(files.downloadFiles(dir)))
      assert.strictEqual(failed._tag, "PermissionError")
      assert.strictEqual(failed.status, 403)
    }).pipe(Effect.provide(NodeServices.layer), Effect.scoped))
})
