import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { dispatch } from '../services/api/dispatch'
import type { Handlers } from '../services/api/handlers'
import { withFreshCspNonce } from '../main/csp-nonce'
import { APP_ORIGIN, resolveAppAsset } from '../main/guards'
import { buildBridgeClient } from './build-client'

export interface BridgeOptions {
  handlers: Handlers
  rendererDir: string
  /** `npm run web` injects the client script into index.html; Playwright installs it as an init script. */
  injectClient?: boolean
  port?: number
}

export interface Bridge {
  /** The page to open, token included. */
  url: string
  origin: string
  token: string
  clientScript: string
  close(): Promise<void>
}

const CLIENT_PATH = '/__porter/bridge.js'
const SOCKET_PATH = '/__porter/ws'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2'
}

function sameSecret(given: string | null, token: string): boolean {
  if (given === null) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * A loopback server that shows the built renderer in any browser and answers `window.porter`
 * through the same dispatcher as Electron IPC. Guarded by a random token, the Host header
 * (against DNS rebinding) and the Origin of the WebSocket.
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(24).toString('base64url')
  const clientScript = await buildBridgeClient()
  let allowedHosts = new Set<string>()

  const server = createServer((request, response) => {
    if (!allowedHosts.has(request.headers.host ?? '')) return deny(response, 421)
    if (request.method !== 'GET' && request.method !== 'HEAD') return deny(response, 405)
    void serve(request, response)
  })

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://bridge').pathname
    if (path === CLIENT_PATH) return send(response, 200, contentTypes['.js'], clientScript)
    const file = resolveAppAsset(options.rendererDir, `${APP_ORIGIN}${path}`)
    if (file === null) return deny(response, 404)
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      return deny(response, 404)
    }
    const type = contentTypes[extname(file)] ?? 'application/octet-stream'
    if (file.endsWith('index.html')) {
      const html = withFreshCspNonce(body.toString('utf8'))
      return send(
        response,
        200,
        type,
        options.injectClient === true ? html.replace('<head>', `<head><script src="${CLIENT_PATH}"></script>`) : html
      )
    }
    send(response, 200, type, body)
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 })
  sockets.on('error', () => undefined)
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://bridge')
    const host = request.headers.host ?? ''
    const trusted =
      url.pathname === SOCKET_PATH &&
      allowedHosts.has(host) &&
      request.headers.origin === `http://${host}` &&
      sameSecret(url.searchParams.get('token'), token)
    if (!trusted) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    sockets.handleUpgrade(request, socket, head, (ws) => answer(ws, options.handlers))
  })

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const origin = `http://127.0.0.1:${port}`

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    clientScript,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate()
        sockets.close()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/** A message from the page, checked before anything is read from it. */
function isBridgeRequest(value: unknown): value is { id: number; channel: string; input?: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const { id, channel } = value as { id?: unknown; channel?: unknown }
  return Number.isSafeInteger(id) && typeof channel === 'string' && channel.length <= 100
}

function answer(ws: WebSocket, handlers: Handlers): void {
  const emit = (event: string, payload: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }))
  }
  // A broken frame (bad UTF-8, a reserved opcode, over the size cap) ends that one connection, never the bridge.
  ws.on('error', () => ws.terminate())
  ws.on('message', (data, isBinary) => {
    if (isBinary) return ws.close(1003, 'Text messages only')
    let message: unknown
    try {
      message = JSON.parse(String(data))
    } catch {
      return ws.close(1007, 'Not JSON')
    }
    if (!isBridgeRequest(message)) return ws.close(1008, 'Not a request')
    const { id } = message
    void dispatch(handlers, message.channel, message.input, { emit }).then((result) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }))
    })
  })
}

function send(response: ServerResponse, status: number, type: string | undefined, body: string | Buffer) {
  response.writeHead(status, {
    'content-type': type ?? 'application/octet-stream',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff'
  })
  response.end(body)
}

function deny(response: ServerResponse, status: number): void {
  send(response, status, 'text/plain; charset=utf-8', `${status}`)
}
