/**
 * Every operation of the API through the Promise client: one case per row of the 53-row operations table of
 * `@zai-kit/conformance`, each calling the facade method(s) that own the row and checking, on the simulator, that
 * the row's request was sent and answered 2xx. A row without a case, or a case naming a method the client does not
 * have, fails the coverage tests.
 */
import { Operations } from "@zai-kit/conformance"
import { Wav } from "@zai-kit/audio"
import type { Zai } from "@zai-kit/sdk"
import { assert, describe, it } from "vitest"
import { useSimulator } from "./utils.js"

const harness = useSimulator()
const { operationOf, operations } = Operations


const text = new TextEncoder()
const wav = Wav.fromPcm(new Uint8Array(4800))
const user = (content: string) => [{ role: "user" as const, content }]
const parts = (value: string) => [{ role: "user" as const, content: [{ type: "text" as const, text: value }] }]
const assistantId = "65940acff94777010aa6b796"
const fast = { pollInterval: 5, timeout: 10_000 }

/** What earlier cases made, for later ones. */
interface State {
  fileId?: string
  batchId?: string
  jobId?: string
  knowledgeId?: string
  documentId?: string
  voice?: string
  chatTaskId?: string
  vidAsyncId?: string
  deckConversationId?: string
}

interface Case {
  readonly row: number
  /** The facade methods that send the row, as paths on a client (`chat.completions.create`). */
  readonly methods: ReadonlyArray<string>
  readonly run: (zai: Zai, state: State) => Promise<void>
}

const cases: ReadonlyArray<Case> = [
  {
    row: 1,
    methods: ["chat.completions.create", "chat.completions.stream"],
    run: async (zai) => {
      const completion = await zai.chat.completions.create({ model: "glm-4.6", messages: user("Hello tea") })
      assert.include(completion.choices?.[0]?.message?.content ?? "", "Hello tea")
      const stream = await zai.chat.completions.create({ model: "glm-4.6", messages: user("Hello tea"), stream: true })
      const chunks = await stream.toArray()
      assert.isAbove(chunks.length, 1)
    }
  },
  {
    row: 2,
    methods: ["chat.asyncCompletions.create"],
    run: async (zai, state) => {
      const task = await zai.chat.asyncCompletions.create({ model: "glm-4.6", messages: user("Hello") })
      assert.strictEqual(task.task.task_status, "PROCESSING")
      state.chatTaskId = task.id
      const result = await task.wait(fast)
      assert.strictEqual(result.task_status, "SUCCESS")
    }
  },
  {
    row: 3,
    methods: ["chat.asyncCompletions.retrieve", "images.retrieve", "videos.retrieve"],
    run: async (zai, state) => {
      const result = await zai.chat.asyncCompletions.retrieve(state.chatTaskId ?? "")
      assert.strictEqual(result.task_status, "SUCCESS")
      assert.isString(result.choices?.[0]?.message?.content)
    }
  },
  {
    row: 4,
    methods: ["embeddings.create"],
    run: async (zai) => {
      const response = await zai.embeddings.create({ model: "embedding-3", input: ["tea", "coffee"], dimensions: 256 })
      assert.lengthOf(response.data ?? [], 2)
      assert.lengthOf(response.data?.[0]?.embedding ?? [], 256)
    }
  },
  {
    row: 5,
    methods: ["tokenizer.create"],
    run: async (zai) => {
      const tokens = await zai.tokenizer.create({ model: "glm-4.6", messages: user("Hello") })
      assert.isAbove(tokens.usage?.total_tokens ?? 0, 0)
    }
  },
  {
    row: 6,
    methods: ["moderations.create"],
    run: async (zai) => {
      const moderation = await zai.moderations.create({ model: "moderation", input: "Hello" })
      assert.isArray(moderation.result_list)
    }
  },
  {
    row: 7,
    methods: ["images.generate", "images.download"],
    run: async (zai) => {
      const generated = await zai.images.generate({ model: "cogview-4-250304", prompt: "A cat" })
      const url = generated.data?.[0]?.url ?? ""
      const bytes = await zai.images.download(url)
      assert.deepStrictEqual([...bytes.slice(1, 4)], [0x50, 0x4e, 0x47]) // "PNG"
    }
  },
  {
    row: 8,
    methods: ["images.generateAsync"],
    run: async (zai) => {
      const task = await zai.images.generateAsync({ model: "glm-image", prompt: "A cat" })
      const result = await task.wait(fast)
      assert.isString(result.image_result?.[0]?.url)
    }
  },
  {
    row: 9,
    methods: ["videos.generate"],
    run: async (zai) => {
      const task = await zai.videos.generate({ model: "cogvideox-3", prompt: "A cat" })
      assert.strictEqual((await task.retrieve()).task_status, "PROCESSING")
      const result = await task.wait(fast)
      assert.isString(result.video_result?.[0]?.url)
    }
  },
  {
    row: 10,
    methods: ["audio.transcriptions.create"],
    run: async (zai) => {
      const transcription = await zai.audio.transcriptions.create({ model: "glm-asr-2512", file: wav })
      assert.isString(transcription.text)
      const chunks = await (await zai.audio.transcriptions.create({ model: "glm-asr-2512", file: wav, stream: true })).toArray()
      assert.isAbove(chunks.length, 0)
    }
  },
  {
    row: 11,
    methods: ["audio.speech.create"],
    run: async (zai) => {
      const bytes = await zai.audio.speech.create({ model: "glm-tts", input: "Hi", response_format: "wav" })
      assert.strictEqual(new TextDecoder().decode(bytes.slice(0, 4)), "RIFF")
      const chunks = await (await zai.audio.speech.create({ model: "glm-tts", input: "Hi there", stream: true })).toArray()
      assert.isAbove(chunks.length, 0)
      assert.instanceOf(chunks[0], Uint8Array)
    }
  },
  {
    row: 12,
    methods: ["audio.customization.create"],
    run: async (zai) => {
      const bytes = await zai.audio.customization.create({ model: "glm-tts", input: "Hi", voice_text: "Sample", voice_data: wav })
      assert.isAbove(bytes.length, 0)
    }
  },
  {
    row: 13,
    methods: ["audio.voices.clone"],
    run: async (zai, state) => {
      const sample = await zai.files.create({ file: wav, filename: "sample.wav", purpose: "voice-clone-input" })
      const clone = await zai.audio.voices.clone({ model: "glm-tts-clone", voice_name: "facade", input: "Hi", file_id: sample.id })
      assert.isString(clone.voice)
      state.voice = clone.voice ?? ""
    }
  },
  {
    row: 15,
    methods: ["audio.voices.list"],
    run: async (zai, state) => {
      const voices = await zai.audio.voices.list()
      assert.isTrue((voices.voice_list ?? []).some((v) => v.voice === state.voice))
    }
  },
  {
    row: 14,
    methods: ["audio.voices.delete"],
    run: async (zai, state) => {
      await zai.audio.voices.delete(state.voice ?? "")
      const voices = await zai.audio.voices.list()
      assert.isFalse((voices.voice_list ?? []).some((v) => v.voice === state.voice))
    }
  },
  {
    row: 16,
    methods: ["files.create", "knowledge.documents.upload"],
    run: async (zai, state) => {
      const file = await zai.files.create({ file: text.encode("hello"), filename: "hello.txt", purpose: "file-extract" })
      assert.strictEqual(file.filename, "hello.txt")
      state.fileId = file.id
    }
  },
  {
    row: 17,
    methods: ["files.list"],
    run: async (zai, state) => {
      const page = await zai.files.list()
      assert.isTrue((page.data ?? []).some((f) => f.id === state.fileId))
    }
  },
  {
    row: 18,
    methods: ["files.retrieve"],
    run: async (zai, state) => {
      assert.strictEqual((await zai.files.retrieve(state.fileId ?? "")).id, state.fileId)
    }
  },
  {
    row: 20,
    methods: ["files.content", "files.contentText"],
    run: async (zai, state) => {
      assert.strictEqual(new TextDecoder().decode(await zai.files.content(state.fileId ?? "")), "hello")
      assert.strictEqual(await zai.files.contentText(state.fileId ?? ""), "hello")
    }
  },
  {
    row: 19,
    methods: ["files.delete"],
    run: async (zai, state) => {
      const deleted = await zai.files.delete(state.fileId ?? "")
      assert.isTrue(deleted.deleted)
    }
  },
  {
    row: 21,
    methods: ["batches.create"],
    run: async (zai, state) => {
      const line = { custom_id: "a", method: "POST", url: "/v4/chat/completions", body: { model: "glm-4.6", messages: user("Hi") } }
      const input = await zai.files.create({ file: text.encode(`${JSON.stringify(line)}\n`), filename: "input.jsonl", purpose: "batch" })
      const batch = await zai.batches.create({ input_file_id: input.id, endpoint: "/v4/chat/completions" })
      state.batchId = batch.id
    }
  },
  {
    row: 22,
    methods: ["batches.retrieve", "batches.wait"],
    run: async (zai, state) => {
      assert.strictEqual((await zai.batches.retrieve(state.batchId ?? "")).id, state.batchId)
    }
  },
  {
    row: 23,
    methods: ["batches.list"],
    run: async (zai, state) => {
      const all = await zai.batches.list().toArray()
      assert.isTrue(all.some((b) => b.id === state.batchId))
    }
  },
  {
    row: 24,
    methods: ["batches.cancel"],
    run: async (zai, state) => {
      const batch = await zai.batches.cancel(state.batchId ?? "")
      assert.include(["cancelling", "cancelled"], batch.status)
    }
  },
  {
    row: 25,
    methods: ["fineTuning.jobs.create"],
    run: async (zai, state) => {
      const job = await zai.fineTuning.jobs.create({ model: "glm-4-flash", training_file: "file-train-001", hyperparameters: { n_epochs: 1 } })
      state.jobId = job.id
    }
  },
  {
    row: 26,
    methods: ["fineTuning.jobs.list"],
    run: async (zai, state) => {
      assert.isTrue(((await zai.fineTuning.jobs.list()).data ?? []).some((j) => j.id === state.jobId))
    }
  },
  {
    row: 27,
    methods: ["fineTuning.jobs.retrieve", "fineTuning.jobs.wait"],
    run: async (zai, state) => {
      assert.strictEqual((await zai.fineTuning.jobs.retrieve(state.jobId ?? "")).id, state.jobId)
      const done = await zai.fineTuning.jobs.wait(state.jobId ?? "", fast)
      assert.strictEqual(done.status, "succeeded")
    }
  },
  {
    row: 29,
    methods: ["fineTuning.jobs.listEvents"],
    run: async (zai, state) => {
      const events = await zai.fineTuning.jobs.listEvents(state.jobId ?? "").toArray()
      assert.isAbove(events.length, 0)
    }
  },
  {
    row: 31,
    methods: ["fineTuning.models.delete"],
    run: async (zai, state) => {
      const job = await zai.fineTuning.jobs.retrieve(state.jobId ?? "")
      await zai.fineTuning.models.delete(job.fine_tuned_model ?? "")
    }
  },
  {
    row: 28,
    methods: ["fineTuning.jobs.cancel"],
    run: async (zai, state) => {
      const job = await zai.fineTuning.jobs.create({ model: "glm-4-flash", training_file: "file-train-001" })
      state.jobId = job.id
      assert.strictEqual((await zai.fineTuning.jobs.cancel(job.id)).status, "cancelled")
    }
  },
  {
    row: 30,
    methods: ["fineTuning.jobs.delete"],
    run: async (zai, state) => {
      await zai.fineTuning.jobs.delete(state.jobId ?? "")
    }
  },
  {
    row: 32,
    methods: ["knowledge.create"],
    run: async (zai, state) => {
      const kb = await zai.knowledge.create({ embedding_id: 3, name: "Facade" })
      state.knowledgeId = kb.id
    }
  },
  {
    row: 33,
    methods: ["knowledge.update"],
    run: async (zai, state) => {
      await zai.knowledge.update(state.knowledgeId ?? "", { name: "Facade 2" })
    }
  },
  {
    row: 34,
    methods: ["knowledge.list"],
    run: async (zai, state) => {
      const all = await zai.knowledge.list().toArray()
      assert.strictEqual(all.find((k) => k.id === state.knowledgeId)?.name, "Facade 2")
    }
  },
  {
    row: 36,
    methods: ["knowledge.capacity"],
    run: async (zai) => {
      await zai.knowledge.capacity()
    }
  },
  {
    row: 37,
    methods: ["knowledge.documents.update"],
    run: async (zai, state) => {
      const uploaded = await zai.knowledge.documents.upload({ knowledge_id: state.knowledgeId ?? "", file: text.encode("Tea."), filename: "tea.txt" })
      state.documentId = uploaded.successInfos?.[0]?.documentId ?? ""
      await zai.knowledge.documents.update(state.documentId, { knowledge_type: 1 })
    }
  },
  {
    row: 38,
    methods: ["knowledge.documents.retrieve", "knowledge.documents.wait"],
    run: async (zai, state) => {
      assert.strictEqual((await zai.knowledge.documents.retrieve(state.documentId ?? "")).id, state.documentId)
      await zai.knowledge.documents.wait(state.documentId ?? "", fast)
    }
  },
  {
    row: 39,
    methods: ["knowledge.documents.delete"],
    run: async (zai, state) => {
      await zai.knowledge.documents.delete(state.documentId ?? "")
    }
  },
  {
    row: 35,
    methods: ["knowledge.delete"],
    run: async (zai, state) => {
      await zai.knowledge.delete(state.knowledgeId ?? "")
    }
  },
  {
    row: 40,
    methods: ["web.search"],
    run: async (zai) => {
      assert.isAbove((await zai.web.search({ search_engine: "search-prime", search_query: "tea" })).search_result?.length ?? 0, 0)
    }
  },
  {
    row: 41,
    methods: ["web.searchPro"],
    run: async (zai) => {
      const pro = { model: "web-search-pro", messages: user("tea") }
      assert.isArray((await zai.web.searchPro(pro)).choices)
      assert.isAbove((await (await zai.web.searchPro({ ...pro, stream: true })).toArray()).length, 0)
    }
  },
  {
    row: 42,
    methods: ["web.read"],
    run: async (zai) => {
      assert.isString((await zai.web.read("https://example.com/tea")).reader_result?.content)
    }
  },
  {
    row: 43,
    methods: ["documents.layoutParsing"],
    run: async (zai) => {
      const parsed = await zai.documents.layoutParsing({ file: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]) })
      assert.isString(parsed.id)
    }
  },
  {
    row: 44,
    methods: ["documents.handwriting"],
    run: async (zai) => {
      const page = new File(["# Notes\n\nShip on Friday.\n"], "notes.md", { type: "text/markdown" })
      assert.isArray((await zai.documents.handwriting({ file: page })).words_result)
    }
  },
  {
    row: 45,
    methods: ["documents.parse"],
    run: async (zai) => {
      const task = await zai.documents.parse({ file: new File(["# Notes\n\nShip on Friday.\n"], "notes.md", { type: "text/markdown" }) })
      assert.include(await task.wait(fast), "Ship on Friday")
    }
  },
  {
    row: 46,
    methods: ["documents.parseResult"],
    run: async (zai) => {
      const task = await zai.documents.parse({ file: new File(["Tea."], "tea.md", { type: "text/markdown" }) })
      const result = await task.result("text")
      assert.isString(result.status)
    }
  },
  {
    row: 47,
    methods: ["documents.parseSync"],
    run: async (zai) => {
      const result = await zai.documents.parseSync({ file: new File(["Tea time."], "tea.md", { type: "text/markdown" }) })
      assert.include(result.content ?? "", "Tea time")
    }
  },
  {
    row: 48,
    methods: ["agents.invoke", "agents.translate", "agents.slides", "agents.videoEffect"],
    run: async (zai, state) => {
      const translated = await zai.agents.translate({ text: "hello world", to: "fr" })
      assert.isString(translated.text)
      const chunks = await (
        await zai.agents.invoke({ agent_id: "general_translation", messages: parts("hello"), custom_variables: { target_lang: "fr" }, stream: true })
      ).toArray()
      assert.isAbove(chunks.length, 0)
      const effect = await zai.agents.invoke({
        agent_id: "vidu_template_agent",
        messages: [{ role: "user", content: [{ type: "image_url", image_url: "https://example.com/a.png" }] }],
        custom_variables: { template: "bodyshake" }
      })
      state.vidAsyncId = effect.async_id ?? ""
      const deck = await zai.agents.slides({ prompt: "Tea: green, black and oolong" })
      assert.isAbove(deck.pages.length, 0)
      state.deckConversationId = deck.conversationId
      const files = await deck.wait(fast)
      assert.isString(files.pdfUrl)
    }
  },
  {
    row: 49,
    methods: ["agents.asyncResult"],
    run: async (zai, state) => {
      const result = await zai.agents.asyncResult({ agent_id: "vidu_template_agent", async_id: state.vidAsyncId ?? "" })
      assert.isString(result.status)
      const task = await zai.agents.videoEffect({ template: "bodyshake", image_url: "https://example.com/a.png" })
      assert.isAbove((await task.wait(fast)).videoUrls.length, 0)
    }
  },
  {
    row: 50,
    methods: ["agents.conversation"],
    run: async (zai, state) => {
      const conversation = await zai.agents.conversation({ agent_id: "slides_glm_agent", conversation_id: state.deckConversationId ?? "" })
      assert.isString(conversation.status)
    }
  },
  {
    row: 51,
    methods: ["assistant.run"],
    run: async (zai) => {
      const answer = await zai.assistant.run({ assistant_id: assistantId, messages: parts("Hello") })
      assert.strictEqual(answer.status, "completed")
      const events = await (await zai.assistant.run({ assistant_id: assistantId, messages: parts("Hello"), stream: true })).toArray()
      assert.strictEqual(events.at(-1)?.status, "completed")
    }
  },
  {
    row: 52,
    methods: ["assistant.list"],
    run: async (zai) => {
      assert.isAbove((await zai.assistant.list()).length, 0)
    }
  },
  {
    row: 53,
    methods: ["assistant.conversations"],
    run: async (zai) => {
      const page = await zai.assistant.conversations({ assistant_id: assistantId })
      assert.isDefined(page)
      const all = await zai.assistant.conversations({ assistant_id: assistantId }).toArray()
      assert.isAbove(all.length, 0)
    }
  }
]

/** The value at a dotted path of an object (`chat.completions.create`). */
const at = (root: object, path: string): unknown =>
  path.split(".").reduce<unknown>((value, key) => (typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined), root)

describe("the Promise client covers every operation", () => {
  it("has a case for each of the 53 rows of the operations table", () => {
    assert.lengthOf(operations, 53)
    const covered = new Set(cases.map((c) => c.row))
    assert.deepStrictEqual(operations.filter((o) => !covered.has(o.row)).map((o) => `${o.row} ${o.method} ${o.path}`), [])
  })

  it("has every method the cases name", () => {
    const zai = harness.client()
    const missing = cases.flatMap((c) => c.methods.filter((m) => typeof at(zai, m) !== "function").map((m) => `${c.row} ${m}`))
    assert.deepStrictEqual(missing, [])
  })

  const state: State = {}
  for (const c of cases) {
    const operation = operations.find((o) => o.row === c.row)
    it(`row ${c.row}: ${operation?.method} ${operation?.path} via ${c.methods.join(", ")}`, async () => {
      const zai = harness.client()
      const before = (await harness.requests()).length
      await c.run(zai, state)
      const sent = (await harness.requests()).slice(before)
      const mine = sent.filter((r) => operationOf(r.method, r.path)?.row === c.row)
      assert.isAbove(mine.length, 0, `row ${c.row} was not sent; sent: ${sent.map((r) => `${r.method} ${r.path}`).join(", ")}`)
      const failed = sent.filter((r) => r.status === undefined || r.status >= 300).map((r) => `${r.method} ${r.path}: ${r.status}`)
      assert.deepStrictEqual(failed, [])
    })
  }
})
