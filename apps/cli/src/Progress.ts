/**
 * Progress of long waits (video, slides, batches, fine-tuning, pipelines) on stderr: on a terminal one line redrawn
 * with a spinner and the elapsed time; otherwise a line when the wait starts and one when it ends. Nothing with
 * `--quiet`.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Fiber, Ref } from "effect"
import * as Io from "./Io.js"
import * as Root from "./Root.js"
import * as Style from "./Style.js"

const frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

/**
 * Elapsed milliseconds as `1.2s` or `2m05s`.
 *
 * @since 0.1.0
 */
export const formatElapsed = (millis: number): string => {
  const seconds = millis / 1000
  if (seconds < 60) return `${seconds.toFixed(1)}s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes}m${String(Math.floor(seconds % 60)).padStart(2, "0")}s`
}

/**
 * A handle to change the progress line's status text while the wait goes on.
 *
 * @since 0.1.0
 */
export interface Handle {
  readonly update: (status: string) => Effect.Effect<void>
}

/**
 * Runs `body` with a progress indicator labelled `label`; `body` may update a status text (e.g. `PROCESSING`).
 *
 * @since 0.1.0
 */
export const track = <A, E, R>(
  label: string,
  body: (handle: Handle) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R | Io.Io | Root.Context> =>
  Effect.gen(function*() {
    const settings = yield* Root.settings
    const io = yield* Io.Io
    const status = yield* Ref.make("")
    const handle: Handle = { update: (text) => Ref.set(status, text) }
    if (settings.quiet) return yield* body(handle)
    const style = Style.forStderr(io)
    const start = yield* Clock.currentTimeMillis
    const elapsed = Effect.map(Clock.currentTimeMillis, (now) => formatElapsed(now - start))
    if (!io.stderrIsTTY) {
      yield* Io.errLine(`${label}…`)
      const result = yield* Effect.onExit(body(handle), (exit) =>
        Effect.flatMap(elapsed, (time) =>
          Io.errLine(`${label}: ${exit._tag === "Success" ? "done" : "failed"} after ${time}`)
        ).pipe(Effect.provideService(Io.Io, io))
      )
      return result
    }
    const draw = (frame: number) =>
      Effect.gen(function*() {
        const time = yield* elapsed
        const text = yield* Ref.get(status)
        yield* Io.err(`\r\x1b[K${style.cyan(frames[frame % frames.length] ?? "")} ${label} ${style.dim(time)}${text === "" ? "" : ` ${style.dim(text)}`}`)
      })
    const spinner = yield* Effect.forkChild(
      Effect.gen(function*() {
        for (let frame = 0; ; frame++) {
          yield* draw(frame)
          yield* Effect.sleep("100 millis")
        }
      })
    )
    return yield* Effect.onExit(body(handle), (exit) =>
      Effect.gen(function*() {
        yield* Fiber.interrupt(spinner)
        const time = yield* elapsed
        const mark = exit._tag === "Success" ? style.green("✓") : style.red("✗")
        yield* Io.err(`\r\x1b[K${mark} ${label} ${style.dim(time)}\n`)
      }).pipe(Effect.provideService(Io.Io, io))
    )
  })
