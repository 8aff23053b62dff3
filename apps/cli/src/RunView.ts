/**
 * How `zai run` shows a pipeline's events: on a terminal a live view with one line per step (state, items done /
 * total for forEach steps, elapsed), redrawn in place; otherwise one plain line per event; with `--json` every event
 * as one JSON line on stdout.
 *
 * @since 0.1.0
 */
import type { RunEvent } from "@zai-kit/workflow"
import * as Progress from "./Progress.js"
import type { Style } from "./Style.js"

/**
 * The state of one step (a forEach step counts its items).
 *
 * @since 0.1.0
 */
export interface StepView {
  readonly name: string
  readonly kind: string
  state: "running" | "succeeded" | "failed" | "cached" | "retrying"
  startedAt: number
  endedAt: number | undefined
  items: { started: number; done: number; failed: number } | undefined
  detail: string | undefined
}

/**
 * The view's model: steps in the order they started.
 *
 * @since 0.1.0
 */
export interface Model {
  readonly steps: Map<string, StepView>
  pipeline: string
  finished: RunEvent.RunEvent | undefined
}

/**
 * An empty model.
 *
 * @since 0.1.0
 */
export const empty = (): Model => ({ steps: new Map(), pipeline: "", finished: undefined })

/** `read#3` → `read`; `loop@2/critique` stays as it is. */
const baseName = (step: string): { readonly base: string; readonly item: boolean } => {
  const hash = step.lastIndexOf("#")
  return hash > 0 && /^\d+$/.test(step.slice(hash + 1)) ? { base: step.slice(0, hash), item: true } : { base: step, item: false }
}

/**
 * Folds one event into the model.
 *
 * @since 0.1.0
 */
export const update = (model: Model, event: RunEvent.RunEvent): void => {
  switch (event._tag) {
    case "RunStarted":
      model.pipeline = event.pipeline
      return
    case "RunFinished":
      settleForEach(model, undefined)
      model.finished = event
      return
    default: {
      const { base, item } = baseName(event.step)
      if (event._tag === "StepStarted") settleForEach(model, base)
      let view = model.steps.get(base)
      if (view === undefined) {
        view = { name: base, kind: event.kind, state: "running", startedAt: event.at, endedAt: undefined, items: undefined, detail: undefined }
        model.steps.set(base, view)
      }
      if (item) view.items ??= { started: 0, done: 0, failed: 0 }
      switch (event._tag) {
        case "StepStarted":
          if (item && view.items) view.items.started++
          if (!item) view.state = "running"
          return
        case "StepProgress":
          view.detail = event.message ?? (event.fraction !== undefined ? `${Math.round(event.fraction * 100)}%` : undefined)
          return
        case "StepRetried":
          if (!item) view.state = "retrying"
          view.detail = `retry ${event.attempt}: ${event.error}`
          return
        case "StepSucceeded":
          if (item && view.items) {
            view.items.done++
            view.endedAt = event.at
          } else {
            view.state = "succeeded"
            view.endedAt = event.at
            view.detail = undefined
          }
          return
        case "StepCached":
          if (item && view.items) view.items.done++
          else {
            view.state = "cached"
            view.endedAt = event.at
          }
          return
        case "StepFailed":
          if (item && view.items) {
            view.items.failed++
            view.endedAt = event.at
          } else {
            view.state = "failed"
            view.endedAt = event.at
            view.detail = event.error
          }
          return
      }
    }
  }
}

/**
 * A forEach step has no event of its own: it is over once another step starts (or the run ends) and all its started
 * items have finished; it then counts as succeeded (its failed items, if collected, are shown in the count).
 */
const settleForEach = (model: Model, starting: string | undefined): void => {
  for (const view of model.steps.values()) {
    if (view.name === starting || view.items === undefined || view.state !== "running") continue
    if (view.items.done + view.items.failed === view.items.started) {
      view.state = view.items.done === 0 && view.items.failed > 0 ? "failed" : "succeeded"
      view.detail = undefined
    }
  }
}

const mark = (view: StepView, style: Style): string => {
  switch (view.state) {
    case "succeeded":
      return style.green("✓")
    case "cached":
      return style.green("≡")
    case "failed":
      return style.red("✗")
    case "retrying":
      return style.yellow("↻")
    case "running":
      return style.cyan("…")
  }
}

/**
 * The live view's lines at time `now`.
 *
 * @since 0.1.0
 */
export const render = (model: Model, now: number, style: Style): ReadonlyArray<string> => {
  const width = Math.max(4, ...[...model.steps.keys()].map((name) => name.length))
  return [...model.steps.values()].map((view) => {
    const over = view.state !== "running" && view.state !== "retrying"
    const elapsed = Progress.formatElapsed((over ? (view.endedAt ?? now) : now) - view.startedAt)
    const items = view.items ? ` ${view.items.done}/${view.items.started}${view.items.failed > 0 ? ` (${view.items.failed} failed)` : ""}` : ""
    const detail = view.detail !== undefined ? ` ${style.dim(view.detail.split("\n")[0] ?? "")}` : ""
    return `${mark(view, style)} ${view.name.padEnd(width)} ${style.dim(view.kind)} ${view.state}${items} ${style.dim(elapsed)}${detail}`
  })
}

/**
 * One plain line for an event (no terminal), or `undefined` for events not worth a line.
 *
 * @since 0.1.0
 */
export const line = (event: RunEvent.RunEvent): string | undefined => {
  switch (event._tag) {
    case "RunStarted":
      return `run ${event.runId}: pipeline ${event.pipeline} started`
    case "StepStarted":
      return `${event.step} (${event.kind}): started`
    case "StepProgress":
      return event.message !== undefined ? `${event.step}: ${event.message}` : undefined
    case "StepRetried":
      return `${event.step}: retry ${event.attempt} in ${event.delayMillis} ms (${event.error})`
    case "StepSucceeded":
      return `${event.step}: succeeded in ${Progress.formatElapsed(event.durationMillis)}`
    case "StepCached":
      return `${event.step}: cached`
    case "StepFailed":
      return `${event.step}: failed after ${Progress.formatElapsed(event.durationMillis)}: ${event.error}`
    case "RunFinished":
      return `run ${event.runId}: ${event.status} in ${Progress.formatElapsed(event.durationMillis)} (${event.usage.inputTokens} input + ${event.usage.outputTokens} output tokens)${event.error !== undefined ? `: ${event.error}` : ""}`
  }
}
