import WebSocket from 'ws'
import { PorterError } from '../../../shared/errors'
import { count } from '../../../shared/format'
import type { DevToolsEndpoint } from './devtools-active-port'

/** The browser's answers are cookie lists: a few MB at most, far below this. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024

export interface DevToolsConnection {
  /** One command and its result; every step has the same time limit. A bad answer ends the connection. */
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>
  close(): void
}

export interface ConnectOptions {
  browser: string
  timeoutMs: number
  /** What to say when the browser never lets the connection in (nobody clicked Allow). */
  notAllowed(): PorterError
  /** What to say when nothing listens there (a note left by an earlier run). */
  stale(): PorterError
}

const seconds = (ms: number) => {
  const whole = Math.max(1, Math.round(ms / 1000))
  return count(whole, 'second')
}

const plain = (message: string) => new PorterError({ code: 'live_unavailable', message })

/** Only this URL is ever opened: the loopback address, the port and path of the profile's own note. */
function endpointUrl(endpoint: DevToolsEndpoint): string {
  const url = new URL(`ws://127.0.0.1:${endpoint.port}${endpoint.path}`)
  if (url.protocol !== 'ws:' || url.hostname !== '127.0.0.1' || url.port !== String(endpoint.port) || url.pathname !== endpoint.path)
    throw plain('The DevTools address in the profile’s note does not name this computer, so Profile Porter did not connect.')
  return url.href
}

/**
 * A DevTools connection made with `ws` itself rather than chrome-remote-interface, which builds its
 * socket with `followRedirects: true` (not an option it passes through) and parses each frame in an
 * event handler, where a `null`, a non-JSON text or an event named `error` throws out of the process.
 * Here redirects are never followed (ws's default, and said: a 3xx is refused with its status), and
 * every frame is checked: a reply must be an object answering a command that was sent; a bad frame,
 * an error reply or a dropped connection ends the read with one plain message.
 */
export function connectDevTools(endpoint: DevToolsEndpoint, options: ConnectOptions): Promise<DevToolsConnection> {
  const url = endpointUrl(endpoint)
  const socket = new WebSocket(url, {
    followRedirects: false,
    perMessageDeflate: false,
    maxPayload: MAX_FRAME_BYTES
  })
  const pending = new Map<
    number,
    { resolve(result: Record<string, unknown>): void; reject(error: PorterError): void; timer: NodeJS.Timeout }
  >()
  let ended: PorterError | undefined
  const end = (error: PorterError) => {
    if (ended !== undefined) return
    ended = error
    for (const call of pending.values()) {
      clearTimeout(call.timer)
      call.reject(error)
    }
    pending.clear()
    socket.terminate()
  }
  const unreadable = () => plain(`${options.browser} sent an answer Profile Porter could not read, so it stopped reading sign-ins.`)
  socket.on('message', (data, isBinary) => {
    let frame: unknown
    try {
      frame = isBinary ? undefined : JSON.parse(data.toString())
    } catch {
      frame = undefined
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return end(unreadable())
    const message = frame as Record<string, unknown>
    // Events are not asked for here and are passed over; one not named as DevTools names them (`error`) is no browser's.
    if (typeof message['method'] === 'string' && message['id'] === undefined)
      return /^[A-Z][A-Za-z]*\.[a-z][A-Za-z]*$/.test(message['method']) ? undefined : end(unreadable())
    const call = typeof message['id'] === 'number' ? pending.get(message['id']) : undefined
    if (call === undefined) return end(unreadable())
    if (message['error'] !== undefined)
      return end(plain(`${options.browser} refused to hand over its sign-ins (it answered with an error), so nothing was read.`))
    const result = message['result']
    if (typeof result !== 'object' || result === null || Array.isArray(result)) return end(unreadable())
    pending.delete(message['id'] as number)
    clearTimeout(call.timer)
    call.resolve(result as Record<string, unknown>)
  })
  socket.on('close', () => end(plain(`${options.browser} closed the connection before it handed over its sign-ins.`)))
  let nextId = 1
  const connection: DevToolsConnection = {
    send(method, params = {}) {
      if (ended !== undefined) return Promise.reject(ended)
      const id = nextId++
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => end(plain(`${options.browser} did not answer within ${seconds(options.timeoutMs)}.`)),
          options.timeoutMs
        )
        pending.set(id, { resolve, reject, timer })
        socket.send(JSON.stringify({ id, method, params }))
      })
    },
    close: () => socket.terminate()
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(options.notAllowed())
      socket.terminate()
    }, options.timeoutMs)
    const fail = (error: PorterError) => {
      clearTimeout(timer)
      reject(error)
      socket.terminate()
    }
    socket.once('open', () => {
      clearTimeout(timer)
      resolve(connection)
    })
    socket.on('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0
      response.resume()
      // Another program on that port (the note is from an earlier session), or one that sends us elsewhere.
      fail(
        status >= 300 && status < 400
          ? plain(
              `The DevTools port in the profile’s note answered with a redirect (HTTP ${status}); Profile Porter talks only to the browser itself, so it did not follow it.`
            )
          : options.stale()
      )
    })
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const cause =
        error.code === 'ECONNREFUSED' ? options.stale() : plain(`The connection to ${options.browser} failed, so nothing was read.`)
      end(cause)
      fail(ended ?? cause)
    })
  })
}
