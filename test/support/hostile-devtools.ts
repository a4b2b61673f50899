import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'

/** How a stand-in DevTools endpoint answers the first command it is sent. */
export type Answer = string | Buffer | ((id: number) => string)

export interface StandIn {
  port: number
  /** Connections it accepted: a stand-in that should never be reached must count none. */
  connections: number
  close(): Promise<void>
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))
}

/**
 * A WebSocket endpoint on loopback that looks like a browser's DevTools port. It answers every
 * command with `answer`, or (with `cookies`) as a browser would: no extra contexts, these cookies.
 */
export async function devToolsStandIn(options: { answer?: Answer; cookies?: unknown[] }): Promise<StandIn> {
  const server = createServer()
  const sockets = new WebSocketServer({ server })
  const standIn: StandIn = {
    port: await listen(server),
    connections: 0,
    close: () =>
      new Promise((resolve) => {
        for (const client of sockets.clients) client.terminate()
        sockets.close()
        server.close(() => resolve())
      })
  }
  sockets.on('connection', (socket: WebSocket) => {
    standIn.connections += 1
    socket.on('message', (data) => {
      const { id, method } = JSON.parse(String(data)) as { id: number; method: string }
      const answer = options.answer
      if (answer === undefined) {
        const result = method === 'Target.getBrowserContexts' ? { browserContextIds: [] } : { cookies: options.cookies ?? [] }
        socket.send(JSON.stringify({ id, result }))
      } else socket.send(typeof answer === 'function' ? answer(id) : answer)
    })
  })
  return standIn
}

/** An HTTP endpoint that answers the WebSocket upgrade with a redirect to `location`. */
export async function redirectingStandIn(status: 302 | 307, location: string): Promise<StandIn> {
  const server = createServer()
  const standIn: StandIn = {
    port: await listen(server),
    connections: 0,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
  server.on('upgrade', (_request, socket) => {
    standIn.connections += 1
    socket.end(`HTTP/1.1 ${status} Moved\r\nLocation: ${location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`)
  })
  return standIn
}
