import { Simulator } from "@zai-kit/testing"
import { Effect } from "effect"

/** Starts a simulator, queues one 429 for the next request, then calls it twice with plain fetch. */
export const program = Effect.gen(function* () {
  const sim = yield* Simulator.Simulator // sim.url = "http://127.0.0.1:<port>/api/paas/v4"
  yield* sim.injectFaults(["rate-limit;seconds=1"])
  const call = Effect.promise(() =>
    fetch(`${sim.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "glm-4.6", messages: [{ role: "user", content: "Hello GLM" }] })
    }).then((response) => response.status)
  )
  return [yield* call, yield* call] // [429, 200]
}).pipe(Effect.provide(Simulator.layer()))
