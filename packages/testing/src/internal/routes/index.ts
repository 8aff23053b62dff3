/**
 * Every route the simulator serves below `/api/paas/v4`. A new domain adds `routes/<domain>.ts` exporting `routes`
 * and lists it here.
 * @internal
 */
import type { Route } from "../router.js"
import * as Agents from "./agents.js"
import * as Assistant from "./assistant.js"
import * as Async from "./async.js"
import * as Audio from "./audio.js"
import * as Batches from "./batches.js"
import * as Chat from "./chat.js"
import * as ChatExtras from "./chat-extras.js"
import * as Documents from "./documents.js"
import * as Embeddings from "./embeddings.js"
import * as Files from "./files.js"
import * as FineTuning from "./fine-tuning.js"
import * as Images from "./images.js"
import * as Knowledge from "./knowledge.js"
import * as Videos from "./videos.js"
import * as Voice from "./voice.js"
import * as Web from "./web.js"

/** All routes. */
export const all: ReadonlyArray<Route> = [
  ...Chat.routes,
  ...Agents.routes,
  ...Assistant.routes,
  ...Async.routes,
  ...ChatExtras.routes,
  ...Audio.routes,
  ...Voice.routes,
  ...Embeddings.routes,
  ...Images.routes,
  ...Videos.routes,
  ...Web.routes,
  ...Documents.routes,
  ...FineTuning.routes,
  ...Knowledge.routes,
  ...Files.routes,
  ...Batches.routes
]
