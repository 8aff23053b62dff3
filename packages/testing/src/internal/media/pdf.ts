/**
 * A minimal, valid PDF writer (PDF 1.4): one page per slide, each with a coloured title band, the title in
 * Helvetica-Bold and bullet lines in Helvetica (the standard Type 1 fonts, so nothing is embedded), uncompressed
 * content streams, and a correct cross-reference table (every offset points at its `n 0 obj`). Text is written in
 * WinAnsiEncoding; characters it lacks become `?`.
 * @internal
 */

/** One page: a title, bullet lines, and an optional footer note. */
export interface Page {
  readonly title: string
  readonly bullets: ReadonlyArray<string>
  readonly footer?: string | undefined
}

/** Colour components between 0 and 1. */
export type Color = readonly [number, number, number]

/** Options of a document. */
export interface Options {
  /** Page width in points (960 by default: 16:9 at 540 high). */
  readonly width?: number | undefined
  /** Page height in points (540 by default). */
  readonly height?: number | undefined
  /** The document title (the Info dictionary). */
  readonly title?: string | undefined
  /** Colour of the title band. */
  readonly accent?: Color | undefined
}

// Unicode characters WinAnsiEncoding places in 0x80–0x9f
const winAnsi: Readonly<Record<string, number>> = {
  "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89, "Š": 0x8a,
  "‹": 0x8b, "Œ": 0x8c, "Ž": 0x8e, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95, "–": 0x96, "—": 0x97,
  "˜": 0x98, "™": 0x99, "š": 0x9a, "›": 0x9b, "œ": 0x9c, "ž": 0x9e, "Ÿ": 0x9f
}

/** The WinAnsi byte of a character, or `?` (0x3f) when it has none. */
const byteOf = (ch: string): number => {
  const code = ch.codePointAt(0) ?? 0x3f
  if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff)) return code
  return winAnsi[ch] ?? 0x3f
}

/** A PDF literal string `( ... )` of some text: `\`, `(` and `)` escaped, bytes outside ASCII as octal escapes. */
export const literal = (text: string): string => {
  let out = "("
  for (const ch of text) {
    const byte = byteOf(ch)
    if (byte === 0x5c || byte === 0x28 || byte === 0x29) out += `\\${String.fromCharCode(byte)}`
    else if (byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, "0")}`
    else out += String.fromCharCode(byte)
  }
  return `${out})`
}

/** Splits text into lines of at most `max` characters, at spaces when possible. */
export const wrap = (text: string, max: number): ReadonlyArray<string> => {
  const lines: Array<string> = []
  let line = ""
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const pieces: Array<string> = []
    for (let i = 0; i < word.length; i += max) pieces.push(word.slice(i, i + max))
    for (const piece of pieces) {
      if (line === "") line = piece
      else if (line.length + 1 + piece.length <= max) line += ` ${piece}`
      else {
        lines.push(line)
        line = piece
      }
    }
  }
  if (line !== "") lines.push(line)
  return lines
}

const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, "").replace(/\.$/, ""))

const rgb = (c: Color): string => c.map(num).join(" ")

/** The content stream of one page. */
const contentStream = (page: Page, index: number, count: number, width: number, height: number, accent: Color): string => {
  const margin = 56
  const band = 110
  const ops: Array<string> = []
  // title band
  ops.push(`${rgb(accent)} rg`, `0 ${num(height - band)} ${num(width)} ${num(band)} re f`)
  // title (up to two lines, smaller when long)
  const titleSize = page.title.length > 40 ? 26 : 36
  const titleLines = wrap(page.title, Math.floor((width - 2 * margin) / (titleSize * 0.55))).slice(0, 2)
  const titleTop = height - band / 2 + (titleLines.length === 2 ? titleSize * 0.1 : -titleSize * 0.35)
  ops.push("BT", `/F2 ${titleSize} Tf`, "1 1 1 rg", `${num(titleSize * 1.15)} TL`, `${margin} ${num(titleTop)} Td`)
  for (const [i, line] of titleLines.entries()) ops.push(`${i === 0 ? "" : "T* "}${literal(line)} Tj`)
  ops.push("ET")
  // bullets
  const size = 22
  const leading = 31
  const maxChars = Math.floor((width - 2 * margin - 28) / (size * 0.5))
  let y = height - band - 56
  ops.push("BT", `/F1 ${size} Tf`, "0.13 0.13 0.16 rg")
  for (const bullet of page.bullets) {
    const lines = wrap(bullet, maxChars)
    for (let i = 0; i < lines.length && y > 64; i++) {
      const x = i === 0 ? margin : margin + 28
      const text = i === 0 ? `\u2022  ${lines[i]}` : (lines[i] ?? "")
      ops.push(`1 0 0 1 ${x} ${num(y)} Tm`, `${literal(text)} Tj`)
      y -= leading
    }
    y -= 6
  }
  ops.push("ET")
  // footer
  ops.push("BT", "/F1 11 Tf", "0.45 0.45 0.5 rg", `1 0 0 1 ${margin} 24 Tm`, `${literal(page.footer ?? "")} Tj`)
  ops.push(`1 0 0 1 ${num(width - margin - 40)} 24 Tm`, `${literal(`${index + 1} / ${count}`)} Tj`, "ET")
  return `${ops.join("\n")}\n`
}

/** Encodes pages as a PDF file. */
export const encode = (pages: ReadonlyArray<Page>, options: Options = {}): Uint8Array => {
  const width = options.width ?? 960
  const height = options.height ?? 540
  const accent = options.accent ?? [0.15, 0.3, 0.55]
  // object numbers: 1 catalog, 2 pages, 3 Helvetica, 4 Helvetica-Bold, 5 info, then (page, contents) pairs
  const pageObject = (i: number) => 6 + 2 * i
  const bodies: Array<string> = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pages.map((_, i) => `${pageObject(i)} 0 R`).join(" ")}] /Count ${pages.length} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    `<< /Title ${literal(options.title ?? pages[0]?.title ?? "Slides")} /Producer (zai-kit simulator) /Creator (slides_glm_agent) >>`
  ]
  pages.forEach((page, i) => {
    const stream = contentStream(page, i, pages.length, width, height, accent)
    bodies.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(width)} ${num(height)}] ` +
        `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageObject(i) + 1} 0 R >>`,
      `<< /Length ${stream.length} >>\nstream\n${stream}endstream`
    )
  })
  // a binary comment line (bytes ≥ 0x80) tells transfer tools the file is binary
  let out = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"
  const offsets: Array<number> = []
  bodies.forEach((body, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  // every character is below 0x100 (content streams are ASCII), so one character is one byte
  const bytes = new Uint8Array(out.length)
  for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i) & 0xff
  return bytes
}
