/**
 * Embeddings: `POST /embeddings`. Vectors are deterministic (a hashed bag of words, see `media/vectors.ts`): the
 * same text gives the same unit vector; `dimensions` is honoured (`embedding-3`: 256, 512, 1024 or 2048, default
 * 2048; `embedding-2`: 1024); at most 64 texts per request.
 * @internal
 */
import { Embeddings } from "@zai-kit/schema"
import { Result } from "effect"
import { digest } from "../hash.js"
import * as Body from "../media/body.js"
import * as Vectors from "../media/vectors.js"
import * as Reply from "../reply.js"
import type { Route, RouteContext } from "../router.js"
import * as Text from "../text.js"

/** Texts per request the API takes. */
export const maxBatch = 64

const allowedDimensions = (model: string): ReadonlyArray<number> =>
  model === "embedding-3" ? [256, 512, 1024, 2048] : [1024]

const defaultDimensions = (model: string): number => (model === "embedding-3" ? 2048 : 1024)

const createEmbeddings = (ctx: RouteContext): Reply.Reply => {
  const body = Body.object(ctx)
  if (Result.isFailure(body)) return body.failure
  const decoded = Body.decode(Embeddings.EmbeddingRequest, body.success)
  if (Result.isFailure(decoded)) return decoded.failure
  const request = decoded.success
  if (!/^embedding/i.test(request.model)) return Reply.error(400, "1211", `The model ${request.model} does not exist.`)
  const texts = typeof request.input === "string" ? [request.input] : request.input
  if (texts.length > maxBatch) return Reply.fieldInvalid("input", `at most ${maxBatch} texts per request, got ${texts.length}`)
  const allowed = allowedDimensions(request.model)
  if (request.dimensions !== undefined && !allowed.includes(request.dimensions)) {
    return Reply.fieldInvalid("dimensions", `${request.model} supports ${allowed.join(", ")}, got ${request.dimensions}`)
  }
  const dimensions = request.dimensions ?? defaultDimensions(request.model)
  const base64 = request.encoding_format === "base64"
  const data = texts.map((text, index) => {
    const vector = Vectors.embed(text, dimensions, ctx.state.options.seed)
    return { object: "embedding", index, embedding: base64 ? Vectors.toBase64(vector) : vector }
  })
  const promptTokens = texts.reduce((n, text) => n + Text.tokens(text), 0)
  const requestId = Body.requestId(body.success, `emb-${digest(`${ctx.state.options.seed}|${texts.join("\u0000")}|${ctx.state.nextSequence()}`)}`)
  return Reply.json(
    {
      model: request.model,
      object: "list",
      data,
      usage: { prompt_tokens: promptTokens, completion_tokens: 0, total_tokens: promptTokens }
    },
    200,
    { "x-request-id": requestId }
  )
}

/** Embedding routes. */
export const routes: ReadonlyArray<Route> = [{ method: "POST", path: "/embeddings", handle: createEmbeddings }]
