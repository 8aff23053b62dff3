/**
 * Token estimates and chunking for map-reduce summaries.
 *
 * The estimate counts one token per CJK character and one per four other characters (the usual rule of thumb for
 * GLM's tokenizer on English). `scale` corrects it with a ratio measured by the API's tokenizer on a sample.
 * @internal
 */

const cjk = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/g

/** Estimated tokens of a text. */
export const estimateTokens = (text: string): number => {
  const wide = text.match(cjk)?.length ?? 0
  return wide + Math.ceil((text.length - wide) / 4)
}

/** A block of text that should stay together when it fits (a document, a paragraph). */
export interface Block {
  readonly text: string
}

const splitSentences = (text: string): ReadonlyArray<string> => text.split(/(?<=[.!?。！？])\s+/).filter((s) => s !== "")

/** Split one piece of text into parts of at most `limit` estimated tokens: paragraphs, then sentences, then characters. */
const splitOversized = (text: string, limit: number, tokens: (t: string) => number): ReadonlyArray<string> => {
  if (tokens(text) <= limit) return [text]
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== "")
  const pieces =
    paragraphs.length > 1 ? paragraphs : splitSentences(text).length > 1 ? splitSentences(text) : undefined
  if (pieces === undefined) {
    // no boundary left: cut by characters, proportionally to the estimate
    const size = Math.max(1, Math.floor((text.length * limit) / Math.max(1, tokens(text))))
    const out: Array<string> = []
    for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
    return out
  }
  return pack(
    pieces.flatMap((p) => splitOversized(p, limit, tokens)),
    limit,
    tokens,
    paragraphs.length > 1 ? "\n\n" : " "
  )
}

/** Greedily pack pieces into chunks of at most `limit` tokens, joined by `separator`. */
const pack = (
  pieces: ReadonlyArray<string>,
  limit: number,
  tokens: (t: string) => number,
  separator: string
): ReadonlyArray<string> => {
  const out: Array<string> = []
  let current = ""
  for (const piece of pieces) {
    const candidate = current === "" ? piece : `${current}${separator}${piece}`
    if (current !== "" && tokens(candidate) > limit) {
      out.push(current)
      current = piece
    } else {
      current = candidate
    }
  }
  if (current !== "") out.push(current)
  return out
}

/**
 * Chunks of at most `limit` tokens (by `tokens`): blocks are kept whole when they fit and packed together;
 * a block larger than the limit is split at paragraphs, then sentences, then characters.
 */
export const chunk = (
  blocks: ReadonlyArray<string>,
  limit: number,
  tokens: (text: string) => number = estimateTokens
): ReadonlyArray<string> =>
  pack(
    blocks.flatMap((b) => splitOversized(b, limit, tokens)),
    limit,
    tokens,
    "\n\n"
  )
