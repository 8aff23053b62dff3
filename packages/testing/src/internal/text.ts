/**
 * Readable, deterministic text built from the words of a request.
 * @internal
 */
import type { Rng } from "./hash.js"

const stopwords = new Set(
  (
    "a an the and or but if then else of to in on at by for with from into about as is are was were be been being " +
    "this that these those it its i you he she we they me my your our their them what which who whom whose when " +
    "where why how can could should would will shall may might must do does did done not no yes please tell give " +
    "make write explain describe some any all each every more most very just also than there here have has had " +
    "plan list show find create summarise summarize compare tell give help want need like know answer reply " +
    "one two three four five six seven eight nine ten first second third today into onto upon over under " +
    "within without between through while during after before because"
  ).split(" ")
)

/** Words of a text (whitespace separated, trimmed of surrounding punctuation). */
export const words = (text: string): ReadonlyArray<string> =>
  text
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((w) => w !== "")

const nonAscii = (w: string): boolean => [...w].some((ch) => ch.charCodeAt(0) > 127)

/** Distinct significant words, in order of first appearance (falls back to any words). */
export const keywords = (text: string, max = 8): ReadonlyArray<string> => {
  const seen = new Set<string>()
  const out: Array<string> = []
  const all = words(text).flatMap((w) => (w.length > 12 && nonAscii(w) ? chop(w, 4) : [w]))
  for (const w of all) {
    const key = w.toLowerCase()
    if (seen.has(key) || stopwords.has(key) || (w.length < 4 && !nonAscii(w))) continue
    seen.add(key)
    out.push(w)
    if (out.length >= max) break
  }
  if (out.length === 0) return all.slice(0, max)
  return out
}

const chop = (text: string, size: number): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
  return out
}

/** The first `n` words, with an ellipsis when the text is longer. */
export const firstWords = (text: string, n: number): string => {
  const all = words(text)
  if (all.length === 1 && (all[0] ?? "").length > 48) return `${(all[0] ?? "").slice(0, 48)}…`
  return all.length <= n ? all.join(" ") : `${all.slice(0, n).join(" ")}…`
}

/** An English list: "a", "a and b", "a, b and c". */
export const list = (items: ReadonlyArray<string>): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`

/** Sentence templates; `arity` is how many distinct keywords one needs. */
const templates: ReadonlyArray<{ readonly arity: number; readonly make: (k: (i: number) => string) => string }> = [
  { arity: 1, make: (k) => `The message is mainly about ${k(0)}.` },
  { arity: 2, make: (k) => `It is mainly about ${k(0)} and ${k(1)}.` },
  { arity: 3, make: (k) => `It brings up ${k(2)}, which ties back to ${k(0)}.` },
  { arity: 4, make: (k) => `A key point is how ${k(1)} relates to ${k(3)}.` },
  { arity: 3, make: (k) => `In short, ${k(0)} matters here, together with ${k(2)}.` },
  { arity: 5, make: (k) => `Worth noting: ${k(3)} and ${k(4)} come up as well.` },
  { arity: 2, make: (k) => `Taken together, ${k(1)} frames the question.` },
  { arity: 1, make: (k) => `The central point is ${k(0)}.` }
]

/** "Summary of: <first words>…" followed by two or three sentences built from the keywords. */
export const summary = (input: string, rng: Rng): string => {
  const keys = [...keywords(input)].map((w, i) => ({ w, i })).sort((a, b) => b.w.length - a.w.length || a.i - b.i).map((x) => x.w)
  if (keys.length === 0) return "Hello! How can I help you today?"
  if (words(input).length <= 2 && keys.every((k) => k.length < 4)) return `Hello! You wrote "${firstWords(input, 2)}". How can I help you today?`
  const usable = templates.filter((t) => t.arity <= keys.length && (keys.length < 3 || t.arity >= 2))
  const count = Math.min(usable.length, 2 + rng.int(2))
  const start = rng.int(usable.length)
  const sentences: Array<string> = []
  let cursor = 0
  for (let i = 0; i < count; i++) {
    const template = usable[(start + i) % usable.length]
    if (template === undefined) continue
    const offset = cursor
    sentences.push(template.make((j) => keys[(offset + j) % keys.length] ?? ""))
    cursor += template.arity
  }
  return `Summary of: ${firstWords(input, 8)}\n\n${sentences.join(" ")}`
}

/** A short chain of thought for `thinking: enabled`. */
export const reasoning = (input: string, rng: Rng): string => {
  const keys = keywords(input, 5)
  const topic = keys.length > 0 ? list(keys.slice(0, 3)) : "a greeting"
  const plans = [
    "I will summarise the main points briefly.",
    "I should answer concisely and stay on topic.",
    "A short structured answer will work best."
  ]
  return `The user asks about ${topic}. Let me think about what matters most here. ${rng.pick(plans)}`
}

/** Splits text into pieces of about `n` words; the pieces concatenate back to the exact text. */
export const chunks = (text: string, n: number): ReadonlyArray<string> => {
  if (text === "") return []
  const tokens = (text.match(/\s*\S+/g) ?? [text]).flatMap((t) => (t.length > 24 ? chop(t, 8) : [t]))
  const out: Array<string> = []
  for (let i = 0; i < tokens.length; i += Math.max(1, n)) out.push(tokens.slice(i, i + Math.max(1, n)).join(""))
  const trailing = text.slice(out.join("").length)
  if (trailing !== "") {
    if (out.length === 0) out.push(trailing)
    else out[out.length - 1] += trailing
  }
  return out
}

/** Splits text into `parts` pieces of similar length (for streamed tool-call arguments). */
export const split = (text: string, parts: number): ReadonlyArray<string> => {
  const size = Math.max(1, Math.ceil(text.length / Math.max(1, parts)))
  return text.length === 0 ? [""] : chop(text, size)
}

/** Rough token count: about 4 ASCII characters per token, one token per other character. */
export const tokens = (text: string): number => {
  let ascii = 0
  let other = 0
  for (const ch of text) {
    if (ch.charCodeAt(0) < 128) ascii++
    else other++
  }
  return Math.ceil(ascii / 4) + other
}

/** Title Case of a few words. */
export const title = (items: ReadonlyArray<string>): string =>
  items.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ")

/** A URL-safe slug. */
export const slug = (items: ReadonlyArray<string>): string =>
  items
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "") || "topic"

/** A source header of a summarization request: `[n] Title — https://…` at the start of a line. */
const sourceHeader = /^\[(\d+)\] (.+?)(?: — (\S+))?$/

/**
 * A Markdown outline with one key point per source, cited as `[n]`, when the input is material made of two or more
 * numbered sources (what a summarizer sends); otherwise `undefined`.
 */
export const outline = (input: string, rng: Rng): string | undefined => {
  const sections: Array<{ readonly index: string; readonly title: string; lines: Array<string> }> = []
  for (const line of input.split("\n")) {
    const header = sourceHeader.exec(line.trim())
    if (header !== null) sections.push({ index: header[1] ?? "", title: header[2] ?? "", lines: [] })
    else sections.at(-1)?.lines.push(line)
  }
  if (sections.length < 2) return undefined
  const overview = (summary(sections.map((s) => s.title).join(". "), rng).split("\n\n")[1] ?? "").trim()
  const points = sections.map((s) => {
    // the first real sentence of the source's text (skipping site names, dates and other short lines)
    const sentence = s.lines
      .join(" ")
      .split(/(?<=[.!?])\s+/)
      .map((x) => x.trim())
      .find((x) => words(x).length >= 8 && !x.includes(s.title))
    const detail = sentence === undefined ? `${list(keywords(s.lines.join(" "), 3))}.` : firstWords(sentence, 24)
    return `- **${s.title}**: ${detail} [${s.index}]`
  })
  return ["## Overview", "", overview, "", "## Key points", "", ...points].join("\n")
}
