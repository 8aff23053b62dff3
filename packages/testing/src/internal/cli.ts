/**
 * The `zai-simulator` command: starts a simulator, prints its base URL, runs until interrupted (Ctrl-C).
 * @internal
 */
import { Console, Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import * as Simulator from "../Simulator.js"

/** The command line. */
export const command = Command.make(
  "zai-simulator",
  {
    port: Flag.Int("port").pipe(Flag.withAlias("p"), Flag.withDescription("TCP port (0 picks a free one)"), Flag.withDefault(0)),
    host: Flag.String("host").pipe(Flag.withDescription("Interface to listen on"), Flag.withDefault("127.0.0.1")),
    apiKey: Flag.String("api-key").pipe(Flag.withDescription("The only key accepted (default: any key)"), Flag.optional),
    fault: Flag.String("fault").pipe(
      Flag.withDescription("Queue a fault, e.g. rate-limit;seconds=2 (repeatable; one is used per request)"),
      Flag.atLeast(0)
    ),
    seed: Flag.String("seed").pipe(Flag.withDescription("Seed mixed into every answer"), Flag.withDefault("")),
    asyncPolls: Flag.Int("async-polls").pipe(Flag.withDescription("PROCESSING polls before SUCCESS"), Flag.withDefault(2)),
    chunkDelay: Flag.Int("chunk-delay").pipe(Flag.withDescription("Milliseconds between SSE frames"), Flag.withDefault(0))
  },
  Effect.fnUntraced(function* (args) {
    const sim = yield* Simulator.start({
      port: args.port,
      host: args.host,
      faults: args.fault,
      seed: args.seed,
      asyncPolls: args.asyncPolls,
      chunkDelay: args.chunkDelay,
      ...(Option.isSome(args.apiKey) ? { apiKey: args.apiKey.value } : {})
    })
    yield* Console.log(sim.url)
    yield* Console.error(`Z.ai simulator listening; set ZAI_BASE_URL=${sim.url} (Ctrl-C to stop)`)
    return yield* Effect.never
  }, Effect.scoped)
).pipe(Command.withDescription("Serve a simulated Z.ai API (/api/paas/v4) on 127.0.0.1 for offline runs and tests"))
