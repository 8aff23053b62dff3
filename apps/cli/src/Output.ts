/**
 * Printing results on stdout: JSON (`--json`, two-space indented, one document per command) or text.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as Io from "./Io.js"
import * as Root from "./Root.js"

/**
 * Prints a value as JSON on stdout.
 *
 * @since 0.1.0
 */
export const json = (value: unknown): Effect.Effect<void, never, Io.Io> => Io.outLine(JSON.stringify(value, null, 2))

/**
 * Prints `value` as JSON with `--json`, else the text `render` gives.
 *
 * @since 0.1.0
 */
export const result = <A>(value: A, render: (value: A) => string): Effect.Effect<void, never, Io.Io | Root.Context> =>
  Effect.flatMap(Root.settings, (settings) => (settings.json ? json(value) : Io.outLine(render(value))))

/**
 * A notice on stderr (not with `--quiet`).
 *
 * @since 0.1.0
 */
export const notice = (text: string): Effect.Effect<void, never, Io.Io | Root.Context> =>
  Effect.flatMap(Root.settings, (settings) => (settings.quiet ? Effect.void : Io.errLine(text)))

/**
 * Aligned columns for a table of rows (plain text, two spaces between columns).
 *
 * @since 0.1.0
 */
export const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const all = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? "").length)))
  return all.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ")).join("\n")
}

/**
 * The global flags (re-exported for handlers that branch on `--json`).
 *
 * @since 0.1.0
 */
export const settings = Root.settings
