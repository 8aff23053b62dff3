/**
 * Terminal styling: ANSI colours only when the stream is a terminal and `NO_COLOR` is not set
 * (https://no-color.org: any non-empty value turns colours off).
 *
 * @since 0.1.0
 */
import type * as Io from "./Io.js"

/**
 * Styling functions; each returns the text unchanged when colours are off.
 *
 * @since 0.1.0
 */
export interface Style {
  readonly enabled: boolean
  readonly dim: (text: string) => string
  readonly bold: (text: string) => string
  readonly red: (text: string) => string
  readonly green: (text: string) => string
  readonly yellow: (text: string) => string
  readonly cyan: (text: string) => string
}

const wrap = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`

/**
 * Styling on or off.
 *
 * @since 0.1.0
 */
export const make = (enabled: boolean): Style =>
  enabled
    ? { enabled, dim: wrap(2, 22), bold: wrap(1, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) }
    : { enabled, dim: String, bold: String, red: String, green: String, yellow: String, cyan: String }

/**
 * Whether colours may be used on a stream: a terminal, and `NO_COLOR` unset or empty.
 *
 * @since 0.1.0
 */
export const colorsAllowed = (io: Io.Service, stream: "stdout" | "stderr"): boolean => {
  const noColor = io.env.NO_COLOR
  if (noColor !== undefined && noColor !== "") return false
  return stream === "stdout" ? io.stdoutIsTTY : io.stderrIsTTY
}

/**
 * The style for stderr (diagnostics, progress) of this process.
 *
 * @since 0.1.0
 */
export const forStderr = (io: Io.Service): Style => make(colorsAllowed(io, "stderr"))

/**
 * The style for stdout (results) of this process.
 *
 * @since 0.1.0
 */
export const forStdout = (io: Io.Service): Style => make(colorsAllowed(io, "stdout"))
