import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

type FaultAction =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'drop-request'; afterFraction: number }
  | { kind: 'drop-response'; afterFraction: number }
  | { kind: 'rewrite-json'; rewrite(json: unknown): unknown }
  | { kind: 'delay'; ms: number }
  | { kind: 'throttle'; bytesPerSecond: number }
  /** A kept-alive connection the server closed as it went idle, just as the request came on it: reset, unanswered. */
  | { kind: 'closed-while-idle' }

interface Fault {
  method?: string
  path: RegExp
  /** How many matching requests it applies to (then it is spent). */
  times?: number
  action: FaultAction
}

interface SeenRequest {
  method: string
  path: string
  headers: IncomingMessage['headers']
}

export interface FaultProxy {
  url: string
  faults: Fault[]
  seen: SeenRequest[]
  close(): Promise<void>
}

/**
 * A loopback proxy in front of the reference cloud that misbehaves on request: connections
 * dropped part-way, 5xx, 429, rewritten answers. The cloud's own URLs in JSON answers (presigned
 * upload targets, download links) are rewritten to pass through the proxy as well.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target)
  const faults: Fault[] = []
  const seen: SeenRequest[] = []
  let self = ''

  // Requests each connection has carried: only a connection kept alive for another can be closed while idle.
  const carried = new WeakMap<object, number>()
  const take = (req: IncomingMessage): FaultAction | undefined => {
    const reused = (carried.get(req.socket) ?? 0) > 1
    const fault = faults.find(
      (f) =>
        (f.method === undefined || f.method === req.method) &&
        f.path.test(req.url ?? '') &&
        (f.times ?? 1) > 0 &&
        (f.action.kind !== 'closed-while-idle' || reused)
    )
    if (fault === undefined) return undefined
    fault.times = (fault.times ?? 1) - 1
    return fault.action
  }

  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers })
    carried.set(req.socket, (carried.get(req.socket) ?? 0) + 1)
    const action = take(req)
    if (action?.kind === 'closed-while-idle') return void req.socket.resetAndDestroy()
    if (action?.kind === 'status') {
      req.resume()
      req.on('end', () => {
        res.writeHead(action.status, { 'content-type': 'application/json', ...action.headers })
        res.end(action.body ?? '')
      })
      return
    }
    if (action?.kind === 'delay') setTimeout(() => forward(req, res, undefined), action.ms)
    else forward(req, res, action)
  })

  function forward(req: IncomingMessage, res: ServerResponse, action: FaultAction | undefined): void {
    const out = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (upstreamResponse) => relay(upstreamResponse, res, action)
    )
    out.on('error', () => res.destroy())
    let sent = 0
    const total = Number(req.headers['content-length'] ?? 0)
    req.on('data', (chunk: Buffer) => {
      sent += chunk.length
      if (action?.kind === 'drop-request' && sent >= total * action.afterFraction) {
        out.destroy()
        req.socket.destroy()
        return
      }
      if (action?.kind === 'throttle') {
        req.pause()
        out.write(chunk)
        setTimeout(() => req.resume(), (chunk.length / action.bytesPerSecond) * 1000)
      } else if (!out.write(chunk)) {
        req.pause()
        out.once('drain', () => req.resume())
      }
    })
    req.on('end', () => out.end())
  }

  function relay(upstreamResponse: IncomingMessage, res: ServerResponse, action: FaultAction | undefined): void {
    const type = String(upstreamResponse.headers['content-type'] ?? '')
    if (type.includes('json')) {
      const chunks: Buffer[] = []
      upstreamResponse.on('data', (chunk: Buffer) => chunks.push(chunk))
      upstreamResponse.on('end', () => {
        let text = Buffer.concat(chunks).toString('utf8').split(upstream.origin).join(self)
        if (action?.kind === 'rewrite-json') text = JSON.stringify(action.rewrite(JSON.parse(text)))
        const { 'content-length': _length, ...headers } = upstreamResponse.headers
        res.writeHead(upstreamResponse.statusCode ?? 502, { ...headers, 'content-length': Buffer.byteLength(text) })
        res.end(text)
      })
      return
    }
    res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers)
    const total = Number(upstreamResponse.headers['content-length'] ?? 0)
    let sent = 0
    upstreamResponse.on('data', (chunk: Buffer) => {
      sent += chunk.length
      if (action?.kind === 'drop-response' && sent >= total * action.afterFraction) {
        res.socket?.destroy()
        upstreamResponse.destroy()
        return
      }
      res.write(chunk)
      // A slow download: the next bytes come when this many would have passed at the given speed.
      if (action?.kind === 'throttle') {
        upstreamResponse.pause()
        setTimeout(() => upstreamResponse.resume(), (chunk.length / action.bytesPerSecond) * 1000)
      }
    })
    upstreamResponse.on('end', () => res.end())
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: self,
    faults,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
