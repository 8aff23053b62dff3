/**
 * The "recognised" text of an uploaded document, derived deterministically from its bytes:
 * - UTF-8 text (txt, md, csv, html, ...) → the text itself, pages split at form feeds;
 * - a PDF → the text runs of its uncompressed content streams (`(...) Tj`, `[...] TJ`, `'`, `"`), one page per stream
 *   that draws text; compressed streams are skipped;
 * - anything else (images, office files) → placeholder text naming the size and a hash of the bytes.
 * @internal
 */
import { hex } from "./hash.js"

/** What was read from a document. */
export interface DocumentText {
  readonly kind: "text" | "pdf" | "binary"
  /** The text of each page (at least one page). */
  readonly pages: ReadonlyArray<string>
  readonly size: number
  /** 16 hex digits identifying the bytes. */
  readonly hash: string
}

/** FNV-1a over bytes, twice (with a different offset basis), as 16 hex digits. */
export const hashBytes = (bytes: Uint8Array): string => {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ bytes.length
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0
    a = Math.imul(a ^ byte, 0x01000193)
    b = Math.imul(b ^ byte, 0x01000193) ^ (b >>> 13)
  }
  return hex(a) + hex(b)
}

const latin1 = (bytes: Uint8Array): string => {
  let out = ""
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192))
  return out
}

const utf8 = new TextDecoder()

/** Whether bytes read as text: valid UTF-8 (no replacement characters) with almost no control characters. */
export const asText = (bytes: Uint8Array): string | undefined => {
  if (bytes.length === 0) return ""
  const text = utf8.decode(bytes)
  if (text.includes("\uFFFD")) return undefined
  let control = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) control++
  }
  return control <= text.length / 100 ? text.replace(/^\uFEFF/, "") : undefined
}

// PDF literal string escapes: \n \r \t \b \f \( \) \\ \ddd, and a backslash before a newline continues the line.
const unescapePdf = (text: string): string =>
  text.replace(/\\(\r\n|\r|\n|[nrtbf()\\]|[0-7]{1,3})/g, (_, sequence: string) => {
    switch (sequence) {
      case "n":
        return "\n"
      case "r":
        return "\r"
      case "t":
        return "\t"
      case "b":
        return "\b"
      case "f":
        return "\f"
      case "(":
      case ")":
      case "\\":
        return sequence
      default:
        return /^[0-7]+$/.test(sequence) ? String.fromCharCode(Number.parseInt(sequence, 8)) : ""
    }
  })

/** Reads a balanced PDF literal string starting at `(`; returns its raw text and the index after `)`. */
const literalAt = (source: string, start: number): { readonly raw: string; readonly end: number } => {
  let depth = 0
  for (let i = start; i < source.length; i++) {
    const ch = source[i]
    if (ch === "\\") {
      i++
      continue
    }
    if (ch === "(") depth++
    else if (ch === ")") {
      depth--
      if (depth === 0) return { raw: source.slice(start + 1, i), end: i + 1 }
    }
  }
  return { raw: source.slice(start + 1), end: source.length }
}

const hexString = (hexDigits: string): string => {
  const digits = hexDigits.replace(/[^0-9a-fA-F]/g, "")
  const padded = digits.length % 2 === 0 ? digits : `${digits}0`
  let out = ""
  for (let i = 0; i < padded.length; i += 2) out += String.fromCharCode(Number.parseInt(padded.slice(i, i + 2), 16))
  return out
}

/** The text drawn by one content stream: strings shown by Tj, TJ, ' and ", with line breaks at T*, Td, TD, Tm, ' and ". */
export const contentStreamText = (stream: string): string => {
  const lines: Array<string> = []
  let line = ""
  let strings: Array<string> = []
  let inArray = false
  const breakLine = () => {
    if (line.trim() !== "") lines.push(line.trim())
    line = ""
  }
  let i = 0
  while (i < stream.length) {
    const ch = stream[i] ?? ""
    if (ch === "(") {
      const literal = literalAt(stream, i)
      strings.push(unescapePdf(literal.raw))
      i = literal.end
    } else if (ch === "<" && stream[i + 1] !== "<") {
      const close = stream.indexOf(">", i)
      const end = close === -1 ? stream.length : close
      strings.push(hexString(stream.slice(i + 1, end)))
      i = end + 1
    } else if (ch === "%") {
      while (i < stream.length && stream[i] !== "\n" && stream[i] !== "\r") i++
    } else if (ch === "[" || ch === "]") {
      inArray = ch === "["
      i++
    } else if (inArray && /[-+.\d]/.test(ch)) {
      // a large negative kerning inside a TJ array is a word space
      const number = /^[-+]?(?:\d+\.?\d*|\.\d+)/.exec(stream.slice(i))?.[0] ?? ch
      if (Number.parseFloat(number) <= -200) strings.push(" ")
      i += number.length
    } else if (/[A-Za-z'"]/.test(ch)) {
      const operator = /^(?:[A-Za-z]+\*?|'|")/.exec(stream.slice(i))?.[0] ?? ch
      switch (operator) {
        case "Tj":
        case "TJ":
          line += strings.join("")
          break
        case "'":
        case '"':
          breakLine()
          line += strings.join("")
          break
        case "T*":
        case "Td":
        case "TD":
        case "Tm":
        case "ET":
          breakLine()
          break
      }
      strings = []
      i += operator.length
    } else {
      i++
    }
  }
  breakLine()
  return lines.join("\n")
}

/** The texts of the uncompressed content streams of a PDF that draw text, in file order. */
export const pdfPages = (source: string): ReadonlyArray<string> => {
  const pages: Array<string> = []
  const streamPattern = /<<((?:(?!>>)[\s\S])*)>>\s*stream\r?\n([\s\S]*?)endstream/g
  for (let match = streamPattern.exec(source); match !== null; match = streamPattern.exec(source)) {
    const dictionary = match[1] ?? ""
    if (/\/Filter/.test(dictionary)) continue
    const body = match[2] ?? ""
    if (!/\bBT\b/.test(body)) continue
    const text = contentStreamText(body)
    if (text !== "") pages.push(text)
  }
  return pages
}

const pdfPageCount = (source: string): number => (source.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length

/** Reads a document's text. */
export const read = (bytes: Uint8Array, filename: string | undefined): DocumentText => {
  const hash = hashBytes(bytes)
  const size = bytes.length
  const head = latin1(bytes.subarray(0, 5))
  if (head === "%PDF-") {
    const source = latin1(bytes)
    const pages = [...pdfPages(source)]
    const declared = pdfPageCount(source)
    while (pages.length < declared) pages.push("")
    if (pages.every((p) => p.trim() === "")) {
      const count = Math.max(1, declared)
      return {
        kind: "pdf",
        pages: Array.from({ length: count }, (_, i) =>
          placeholder(`Page ${i + 1} of a PDF`, size, hash, "Its text is in compressed streams or images, which the simulator does not decode.")
        ),
        size,
        hash
      }
    }
    return { kind: "pdf", pages, size, hash }
  }
  const text = asText(bytes)
  if (text !== undefined) {
    const pages = text.split("\f").map((p) => p.replace(/\r\n?/g, "\n").trim())
    return { kind: "text", pages: pages.length === 0 ? [""] : pages, size, hash }
  }
  const name = filename === undefined || filename === "" ? "An uploaded file" : `The file ${filename}`
  return { kind: "binary", pages: [placeholder(name, size, hash, "The simulator does not run OCR on images.")], size, hash }
}

const placeholder = (what: string, size: number, hash: string, why: string): string =>
  `${what} (${size} bytes, hash ${hash}). ${why}\nThis deterministic placeholder text stands in for the recognised content.`

/** Paragraphs of a page: blocks separated by blank lines (a single block when there are none). */
export const paragraphs = (page: string): ReadonlyArray<string> =>
  page
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "")
