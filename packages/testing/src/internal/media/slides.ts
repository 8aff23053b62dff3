/**
 * Slide decks of the simulated GLM slide agent: a deck derived from a prompt (a title slide, one slide per main
 * topic with bullets taken from the prompt's sentences, a summary), rendered as a PDF (`pdf.ts`), as PNG page images
 * (a 5×7 bitmap font on the PNG encoder), and as the per-page HTML the agent's `insert_page` steps return.
 * @internal
 */
import { digest, fnv1a } from "../hash.js"
import * as Text from "../text.js"
import * as Pdf from "./pdf.js"
import * as Png from "./png.js"

/** One slide. */
export interface Slide {
  readonly title: string
  readonly bullets: ReadonlyArray<string>
}

/** A deck: its title, slides and accent colour (0–255 channels). */
export interface Deck {
  readonly title: string
  readonly slides: ReadonlyArray<Slide>
  readonly accent: Png.Rgb
}

// words that describe the request rather than its topic
const requestWords = new Set([
  "slide", "slides", "deck", "decks", "presentation", "presentations", "ppt", "pptx", "poster", "posters", "page",
  "pages", "about", "generate", "prepare", "build", "short", "simple", "covering", "cover", "include", "including",
  "topic", "topics", "audience"
])

const topics = (text: string, max: number): ReadonlyArray<string> =>
  Text.keywords(text, max + 12)
    .filter((w) => !requestWords.has(w.toLowerCase()) && !/^\d+(-\w+)?$/.test(w))
    .slice(0, max)

const sentences = (text: string): ReadonlyArray<string> =>
  text
    .split(/(?<=[.!?。！？;；])\s+|\n+/)
    // Markdown (an outline) reads as plain sentences: no headings, list marks or emphasis
    .filter((s) => !/^\s*#/.test(s))
    .map((s) => s.trim().replace(/^[-*]\s+/, "").replace(/\*\*/g, "").replace(/[.。]$/, ""))
    .filter((s) => s !== "")

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`)

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

const bulletsFor = (topic: string, all: ReadonlyArray<string>, others: ReadonlyArray<string>): ReadonlyArray<string> => {
  const mentions = all.filter((s) => s.toLowerCase().includes(topic.toLowerCase())).map((s) => clip(capitalise(s), 110))
  const other = others.find((o) => o.toLowerCase() !== topic.toLowerCase()) ?? "the main question"
  const fill = [`Key facts about ${topic}`, `${capitalise(topic)} in context`, `${capitalise(topic)} and ${other}: how they connect`]
  return [...new Set([...mentions.slice(0, 3), ...fill])].slice(0, Math.max(3, Math.min(4, mentions.length)))
}

const accentOf = (text: string, seed: string): Png.Rgb => {
  const palette: ReadonlyArray<Png.Rgb> = [
    [37, 76, 140],
    [22, 110, 100],
    [120, 48, 110],
    [160, 70, 30],
    [40, 90, 60],
    [70, 60, 150]
  ]
  return palette[fnv1a(`${seed}\u0000${text}`) % palette.length] ?? [37, 76, 140]
}

// "Make a 5-slide deck about ocean energy" -> "ocean energy"
const requestPrefix = /^(please\s+)?(make|create|generate|write|prepare|build|design|draft|give me|i need)\b.*?\b(about|on|for|covering|of)\s+/i

/**
 * The heading and topics of a prompt: `heading: a, b and c` gives the heading and the listed topics; otherwise the
 * heading is made of the first keywords and the topics are the keywords.
 */
const outline = (prompt: string): { readonly heading: string; readonly topics: ReadonlyArray<string>; readonly listing: string | undefined } => {
  const first = sentences(prompt)[0] ?? prompt
  const colon = first.indexOf(":")
  if (colon > 0 && colon <= 80) {
    const heading = first.slice(0, colon).replace(requestPrefix, "").trim()
    const items = first
      .slice(colon + 1)
      .split(/,|;|\band\b|\bor\b/)
      .map((item) => item.trim().replace(/[.!?]$/, ""))
      .filter((item) => item !== "" && item.length <= 40)
      .slice(0, 5)
    if (heading !== "" && items.length > 0) return { heading, topics: items, listing: first }
  }
  const keys = topics(prompt, 4)
  const main = keys.length > 0 ? keys : ["Overview"]
  return { heading: main.slice(0, 3).join(" "), topics: main, listing: undefined }
}

/** The deck the agent makes from a prompt (same prompt and seed: same deck). */
export const fromPrompt = (prompt: string, seed: string): Deck => {
  const { heading, topics: main, listing } = outline(prompt)
  const title = Text.title(heading.split(/\s+/))
  const all = sentences(prompt).filter((s) => s !== listing)
  const content = main.map((topic) => ({ title: Text.title(topic.split(/\s+/)), bullets: bulletsFor(topic, all, main) }))
  const summary: Slide = {
    title: "Summary",
    bullets: [`Key points: ${Text.list(content.map((slide) => slide.title))}`, "Questions and next steps"]
  }
  const cover: Slide = {
    title,
    bullets: [clip(capitalise(sentences(prompt)[0] ?? prompt), 110), `${content.length + 2} slides`]
  }
  return { title, slides: [cover, ...content, summary], accent: accentOf(prompt, seed) }
}

/** The deck with one more slide made from an instruction, placed before the summary. */
export const addSlide = (deck: Deck, instruction: string): Deck => {
  const about = /\b(?:about|on|for|covering)\s+(.+?)[.!?]?$/i.exec(sentences(instruction)[0] ?? instruction)?.[1]
  const keys = about !== undefined ? [about] : topics(instruction, 2)
  const main = keys.length > 0 ? keys : ["Notes"]
  const topic = main[0] ?? "Notes"
  const slide: Slide = { title: Text.title(topic.split(/\s+/)), bullets: bulletsFor(topic, sentences(instruction).slice(1), main) }
  const last = deck.slides[deck.slides.length - 1]
  const hasSummary = last?.title === "Summary"
  const body = hasSummary ? deck.slides.slice(0, -1) : deck.slides
  const slides = [...body, slide, ...(hasSummary && last !== undefined ? [last] : [])]
  const [cover, ...rest] = slides
  const updated = cover === undefined ? slides : [{ ...cover, bullets: [cover.bullets[0] ?? "", `${slides.length} slides`] }, ...rest]
  return { ...deck, slides: updated }
}

/** A short stable id of a deck's content. */
export const versionOf = (deck: Deck): string => digest(JSON.stringify(deck)).slice(0, 8)

/** The deck as a PDF, one page per slide. */
export const pdf = (deck: Deck): Uint8Array =>
  Pdf.encode(
    deck.slides.map((slide) => ({ title: slide.title, bullets: slide.bullets, footer: deck.title })),
    { title: deck.title, accent: [deck.accent[0] / 255, deck.accent[1] / 255, deck.accent[2] / 255] }
  )

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

/** The HTML of one slide (what the agent's `insert_page` step outputs). */
export const pageHtml = (deck: Deck, index: number): string => {
  const slide = deck.slides[index]
  if (slide === undefined) return ""
  const [r, g, b] = deck.accent
  return (
    `<section class="slide" data-position="${index + 1}" style="width:960px;height:540px;font-family:Helvetica,Arial,sans-serif">` +
    `<header style="background:rgb(${r},${g},${b});color:#fff;padding:28px 56px"><h1>${escapeHtml(slide.title)}</h1></header>` +
    `<ul>${slide.bullets.map((bullet) => `<li>${escapeHtml(bullet)}</li>`).join("")}</ul></section>`
  )
}

// -----------------------------------------------------------------------------------------------------------------
// PNG page images
// -----------------------------------------------------------------------------------------------------------------

// 5×7 glyphs, one number per row, bit 4 the leftmost pixel
const glyphs: Readonly<Record<string, ReadonlyArray<number>>> = {
  A: [14, 17, 17, 31, 17, 17, 17], B: [30, 17, 17, 30, 17, 17, 30], C: [14, 17, 16, 16, 16, 17, 14],
  D: [28, 18, 17, 17, 17, 18, 28], E: [31, 16, 16, 30, 16, 16, 31], F: [31, 16, 16, 30, 16, 16, 16],
  G: [14, 17, 16, 23, 17, 17, 15], H: [17, 17, 17, 31, 17, 17, 17], I: [14, 4, 4, 4, 4, 4, 14],
  J: [7, 2, 2, 2, 2, 18, 12], K: [17, 18, 20, 24, 20, 18, 17], L: [16, 16, 16, 16, 16, 16, 31],
  M: [17, 27, 21, 21, 17, 17, 17], N: [17, 17, 25, 21, 19, 17, 17], O: [14, 17, 17, 17, 17, 17, 14],
  P: [30, 17, 17, 30, 16, 16, 16], Q: [14, 17, 17, 17, 21, 18, 13], R: [30, 17, 17, 30, 20, 18, 17],
  S: [15, 16, 16, 14, 1, 1, 30], T: [31, 4, 4, 4, 4, 4, 4], U: [17, 17, 17, 17, 17, 17, 14],
  V: [17, 17, 17, 17, 17, 10, 4], W: [17, 17, 17, 21, 21, 21, 10], X: [17, 17, 10, 4, 10, 17, 17],
  Y: [17, 17, 17, 10, 4, 4, 4], Z: [31, 1, 2, 4, 8, 16, 31],
  "0": [14, 17, 19, 21, 25, 17, 14], "1": [4, 12, 4, 4, 4, 4, 14], "2": [14, 17, 1, 2, 4, 8, 31],
  "3": [31, 2, 4, 2, 1, 17, 14], "4": [2, 6, 10, 18, 31, 2, 2], "5": [31, 16, 30, 1, 1, 17, 14],
  "6": [6, 8, 16, 30, 17, 17, 14], "7": [31, 1, 2, 4, 8, 8, 8], "8": [14, 17, 17, 14, 17, 17, 14],
  "9": [14, 17, 17, 15, 1, 2, 12],
  " ": [0, 0, 0, 0, 0, 0, 0], ".": [0, 0, 0, 0, 0, 12, 12], ",": [0, 0, 0, 0, 12, 4, 8], ":": [0, 12, 12, 0, 12, 12, 0],
  ";": [0, 12, 12, 0, 12, 4, 8], "-": [0, 0, 0, 31, 0, 0, 0], "!": [4, 4, 4, 4, 4, 0, 4], "?": [14, 17, 1, 2, 4, 0, 4],
  "'": [4, 4, 8, 0, 0, 0, 0], "\u2019": [4, 4, 8, 0, 0, 0, 0], '"': [10, 10, 0, 0, 0, 0, 0], "(": [2, 4, 8, 8, 8, 4, 2],
  ")": [8, 4, 2, 2, 2, 4, 8], "/": [0, 1, 2, 4, 8, 16, 0], "&": [12, 18, 20, 8, 21, 18, 13], "+": [0, 4, 4, 31, 4, 4, 0],
  "=": [0, 0, 31, 0, 31, 0, 0], "%": [24, 25, 2, 4, 8, 19, 3], "#": [10, 10, 31, 10, 31, 10, 10],
  _: [0, 0, 0, 0, 0, 0, 31], "\u2022": [0, 0, 14, 14, 14, 0, 0], "\u2026": [0, 0, 0, 0, 0, 0, 21]
}

const unknownGlyph: ReadonlyArray<number> = [31, 17, 17, 17, 17, 17, 31]

const glyphOf = (ch: string): ReadonlyArray<number> =>
  glyphs[ch] ?? glyphs[ch.toUpperCase()] ?? glyphs[ch.normalize("NFD").charAt(0).toUpperCase()] ?? unknownGlyph

/** Image size of a page: 480 × 270 (16:9). */
export const imageWidth = 480
/** Image height of a page. */
export const imageHeight = 270

/** One page of the deck as a PNG: the title band and title, then the bullets, in a bitmap font. */
export const pageImage = (deck: Deck, index: number): Uint8Array => {
  const slide = deck.slides[index] ?? { title: "", bullets: [] }
  const width = imageWidth
  const height = imageHeight
  const white: Png.Rgb = [255, 255, 255]
  const ink: Png.Rgb = [34, 34, 40]
  const grey: Png.Rgb = [140, 140, 150]
  const pixels: Array<Png.Rgb> = Array.from({ length: width * height }, (_, i) => (Math.floor(i / width) < 56 ? deck.accent : white))
  const set = (x: number, y: number, color: Png.Rgb) => {
    if (x >= 0 && x < width && y >= 0 && y < height) pixels[y * width + x] = color
  }
  const text = (value: string, x0: number, y0: number, scale: number, color: Png.Rgb, maxChars: number) => {
    let x = x0
    for (const ch of [...value].slice(0, maxChars)) {
      const rows = glyphOf(ch)
      rows.forEach((bits, row) => {
        for (let col = 0; col < 5; col++) {
          if ((bits >> (4 - col)) & 1) {
            for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) set(x + col * scale + dx, y0 + row * scale + dy, color)
          }
        }
      })
      x += 6 * scale
    }
  }
  text(slide.title, 24, 21, 2, white, Math.floor((width - 48) / 12))
  let y = 76
  for (const bullet of slide.bullets) {
    const lines = Pdf.wrap(bullet, Math.floor((width - 64) / 6))
    lines.forEach((line, i) => {
      if (y > height - 30) return
      if (i === 0) text("\u2022", 26, y, 1, ink, 1)
      text(line, 38, y, 1, ink, 80)
      y += 12
    })
    y += 6
  }
  text(`${index + 1} / ${deck.slides.length}`, width - 60, height - 16, 1, grey, 9)
  return Png.encode(width, height, (x, y) => pixels[y * width + x] ?? white)
}
