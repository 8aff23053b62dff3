/**
 * Async task results: `GET /async-result/:id`, shared by every `POST /async/...` route.
 * A task answers `PROCESSING` for the first `asyncPolls` polls (option, default 2), then `SUCCESS` (or `FAIL`).
 * @internal
 */
import * as Reply from "../reply.js"
import type { Route, RouteContext } from "../router.js"
import type { AsyncTask } from "../state.js"

/** Registers a task; the fault `task-failed` on the creating request makes it end in `FAIL`. */
export const createTask = (
  ctx: RouteContext,
  task: { readonly id: string; readonly requestId: string; readonly model: string; readonly result: Readonly<Record<string, unknown>> }
): AsyncTask => {
  const created: AsyncTask = { ...task, polls: 0, fail: ctx.fault?.kind === "task-failed" }
  ctx.state.tasks.set(created.id, created)
  return created
}

const asyncResult = (ctx: RouteContext): Reply.Reply => {
  const id = ctx.params.id ?? ""
  const task = ctx.state.tasks.get(id)
  // no documented business code fits; "404" is unknown to the code table, so clients fall back to the status (not found)
  if (task === undefined) return Reply.error(404, "404", `No async task with id ${id}.`)
  const head = { id: task.id, request_id: task.requestId, model: task.model }
  const headers = { "x-request-id": task.requestId }
  const failNow = ctx.fault?.kind === "task-failed"
  task.polls++
  if (failNow || (task.fail && task.polls > ctx.state.options.asyncPolls)) {
    return Reply.json(
      { ...head, task_status: "FAIL", error: { code: ctx.fault?.code ?? "1234", message: ctx.fault?.message ?? "Task failed: network error." } },
      200,
      headers
    )
  }
  if (task.polls <= ctx.state.options.asyncPolls) return Reply.json({ ...head, task_status: "PROCESSING" }, 200, headers)
  return Reply.json({ ...head, ...task.result, task_status: "SUCCESS" }, 200, headers)
}

/** Async result routes. */
export const routes: ReadonlyArray<Route> = [{ method: "GET", path: "/async-result/:id", handle: asyncResult }]
