import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { Effect } from "effect"

/** A local HTTP server on 127.0.0.1 (random port) that counts connections and closed responses; scoped. */
export interface TestServer {
  readonly url: string
  readonly connections: () => number
  readonly closedResponses: () => number
  readonly requests: Array<{ method: string; url: string; headers: IncomingMessage["headers"]; body: Buffer }>
}

export const startServer = (handler: (request: IncomingMessage, body: Buffer, response: ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.callback<{ server: ReturnType<typeof createServer>; state: TestServer; sockets: Set<Socket> }>((resume) => {
      let connections = 0
      let closed = 0
      const requests: TestServer["requests"] = []
      const sockets = new Set<Socket>()
      const server = createServer((request, response) => {
        const chunks: Array<Buffer> = []
        request.on("data", (chunk: Buffer) => chunks.push(chunk))
        request.on("end", () => {
          const body = Buffer.concat(chunks)
          requests.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body })
          response.on("close", () => {
            if (!response.writableFinished) closed++
          })
          handler(request, body, response)
        })
      })
      server.on("connection", (socket) => {
        connections++
        sockets.add(socket)
        socket.on("close", () => sockets.delete(socket))
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(
          Effect.succeed({
            server,
            sockets,
            state: {
              url: `http://127.0.0.1:${port}/api/paas/v4`,
              connections: () => connections,
              closedResponses: () => closed,
              requests
            }
          })
        )
      })
    }),
    ({ server, sockets }) =>
      Effect.callback<void>((resume) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map(({ state }) => state))
