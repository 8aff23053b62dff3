// zai-server page: plain JavaScript, no build step. The server key lives in sessionStorage only.
const storageKey = "zai-server-key"
const $ = (id) => document.getElementById(id)
let key = sessionStorage.getItem(storageKey)
let watching = null

const api = async (path, init = {}) => {
  const response = await fetch(path, {
    ...init,
    headers: { ...(init.headers ?? {}), authorization: `Bearer ${key}`, ...(init.body ? { "content-type": "application/json" } : {}) }
  })
  if (response.status === 401) {
    forget("That key was refused.")
    throw new Error("unauthorized")
  }
  return response
}

const json = async (path, init) => {
  const response = await api(path, init)
  const body = await response.json()
  if (!response.ok) throw new Error(body.message ?? body.error?.message ?? `HTTP ${response.status}`)
  return body
}

const forget = (message = "") => {
  sessionStorage.removeItem(storageKey)
  key = null
  $("app").hidden = true
  $("forget").hidden = true
  $("login").hidden = false
  $("login-error").textContent = message
}

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props)
  for (const child of children) node.append(child)
  return node
}

const basename = (path) => String(path).split("/").pop()

// --- starting runs ---------------------------------------------------------------------------------------------
let pipelines = []

const renderInputs = () => {
  const pipeline = pipelines.find((p) => p.name === $("pipeline").value)
  $("pipeline-description").textContent = pipeline?.description ?? ""
  const box = $("inputs")
  box.replaceChildren()
  for (const input of pipeline?.inputs ?? []) {
    const field = input.type === "boolean"
      ? el("input", { type: "checkbox", name: input.name, checked: input.default === true })
      : el("input", {
        type: input.type === "number" ? "number" : "text",
        name: input.name,
        required: input.required === true,
        value: input.default === undefined ? "" : (typeof input.default === "string" ? input.default : JSON.stringify(input.default))
      })
    field.dataset.type = input.type
    box.append(el("label", {}, `${input.name}${input.required ? " *" : ""} `, field, el("small", { className: "muted" }, ` ${input.description ?? ""}`)))
  }
}

const readInputs = () => {
  const input = {}
  for (const field of $("inputs").querySelectorAll("input")) {
    const type = field.dataset.type
    if (type === "boolean") input[field.name] = field.checked
    else if (field.value === "") continue
    else if (type === "number") input[field.name] = Number(field.value)
    else if (type === "array" || type === "object") input[field.name] = JSON.parse(field.value)
    else input[field.name] = field.value
  }
  return input
}

const start = async (event) => {
  event.preventDefault()
  $("start-error").textContent = ""
  try {
    const run = await json("/v1/runs", { method: "POST", body: JSON.stringify({ pipeline: $("pipeline").value, input: readInputs() }) })
    await loadRuns()
    show(run.id)
  } catch (error) {
    $("start-error").textContent = error.message
  }
}

// --- runs --------------------------------------------------------------------------------------------------------
const progressOf = (run) => {
  const steps = Object.values(run.steps ?? {})
  const done = steps.filter((s) => s.status !== "running").length
  return { done, total: steps.length }
}

const loadRuns = async () => {
  const page = await json("/v1/runs?limit=50")
  const body = $("runs").querySelector("tbody")
  body.replaceChildren()
  for (const run of page.runs) {
    const row = el(
      "tr",
      { onclick: () => show(run.id) },
      el("td", {}, el("code", {}, run.id.slice(0, 12))),
      el("td", {}, run.pipeline),
      el("td", { className: `status-${run.status}` }, run.status),
      el("td", {}, run.status === "running" ? "…" : "done"),
      el("td", {}, new Date(run.createdAt).toLocaleString())
    )
    row.dataset.runId = run.id
    body.append(row)
  }
}

const renderDetail = (run) => {
  $("detail-id").textContent = run.id
  $("detail-status").textContent = run.status
  $("detail-status").className = `status-${run.status}`
  const { done, total } = progressOf(run)
  $("detail-progress").replaceChildren(el("progress", { max: Math.max(total, 1), value: done }), ` ${done} of ${total} steps finished`)
  $("detail-error").textContent = run.error ?? ""
  $("detail-output").textContent = run.output === undefined ? "" : JSON.stringify(run.output, null, 2)
  const files = $("detail-files")
  files.replaceChildren()
  for (const name of run.files ?? []) {
    files.append(el("li", {}, el("button", { type: "button", className: "download", onclick: () => download(run.id, name) }, `Download ${name}`)))
  }
}

const download = async (id, name) => {
  const response = await api(`/v1/runs/${encodeURIComponent(id)}/files/${encodeURIComponent(name)}`)
  if (!response.ok) return
  const url = URL.createObjectURL(await response.blob())
  const link = el("a", { href: url, download: basename(name) })
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Follows a run's SSE events with fetch (EventSource cannot send the key), resuming with Last-Event-ID. */
const watch = async (id, signal) => {
  let lastId = 0
  while (!signal.aborted) {
    try {
      const response = await api(`/v1/runs/${encodeURIComponent(id)}/events`, {
        signal,
        headers: lastId > 0 ? { "last-event-id": String(lastId) } : {}
      })
      const reader = response.body.getReader()
      const decoder = new TextDecoder()
      let buffer = ""
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        buffer += decoder.decode(value, { stream: true })
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const fields = Object.fromEntries(frame.split("\n").filter((l) => !l.startsWith(":")).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]))
          if (fields.data === undefined) continue
          lastId = Number(fields.id ?? lastId)
          const event = JSON.parse(fields.data)
          $("detail-events").append(el("li", {}, `${event._tag}${event.step ? ` ${event.step}` : ""}${event.message ? `: ${event.message}` : ""}`))
          renderDetail(await json(`/v1/runs/${encodeURIComponent(id)}`))
          if (event._tag === "RunFinished") {
            await loadRuns()
            return
          }
        }
      }
    } catch (error) {
      if (signal.aborted || error.message === "unauthorized") return
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  }
}

const show = async (id) => {
  watching?.abort()
  watching = new AbortController()
  $("detail").hidden = false
  $("detail-events").replaceChildren()
  renderDetail(await json(`/v1/runs/${encodeURIComponent(id)}`))
  watch(id, watching.signal)
}

// --- start-up ----------------------------------------------------------------------------------------------------
const enter = async () => {
  pipelines = await json("/v1/pipelines")
  $("login").hidden = true
  $("app").hidden = false
  $("forget").hidden = false
  $("pipeline").replaceChildren(...pipelines.map((p) => el("option", { value: p.name }, p.name)))
  renderInputs()
  await loadRuns()
}

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault()
  key = $("key").value.trim()
  sessionStorage.setItem(storageKey, key)
  $("key").value = ""
  try {
    await enter()
  } catch (error) {
    if (error.message !== "unauthorized") $("login-error").textContent = error.message
  }
})
$("forget").addEventListener("click", () => forget())
$("pipeline").addEventListener("change", renderInputs)
$("start-form").addEventListener("submit", start)
$("refresh").addEventListener("click", loadRuns)
if (key) enter().catch(() => forget())
