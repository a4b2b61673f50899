import { buildPorterApi, type PorterTransport } from '../../../shared/ipc/api'
import type { IpcResult } from '../../../shared/ipc/result'

/**
 * Runs in the page (as a Playwright init script, or injected by `npm run web`) and installs a
 * `window.porter` that speaks to the bridge over a WebSocket, with the same shape as the preload's.
 */
type ServerMessage = { id: number; result: IpcResult<unknown> } | { event: string; payload: unknown }

const TOKEN_KEY = 'porter-bridge-token'

function bridgeToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token')
  if (fromUrl !== null) sessionStorage.setItem(TOKEN_KEY, fromUrl)
  return fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? ''
}

const earlierRun: IpcResult<unknown> = {
  ok: false,
  error: {
    code: 'network',
    message: 'This page belongs to an earlier run of Profile Porter.',
    action: 'Open the new address printed in the terminal where npm run web runs.'
  }
}

const lost: IpcResult<unknown> = {
  ok: false,
  error: {
    code: 'network',
    message: 'The connection to Profile Porter was lost.',
    action: 'Reload the page; if npm run web was restarted, open the new address it printed.'
  }
}

function connect(): PorterTransport {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  const socket = new WebSocket(`${scheme}://${window.location.host}/__porter/ws?token=${encodeURIComponent(bridgeToken())}`)
  // A page left open from an earlier `npm run web` holds a token this run refuses: the socket closes unopened.
  const opened = new Promise<boolean>((resolve) => {
    socket.addEventListener('open', () => resolve(true))
    socket.addEventListener('close', () => resolve(false))
  })
  const pending = new Map<number, (result: IpcResult<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let nextId = 1

  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as ServerMessage
    if ('id' in data) {
      pending.get(data.id)?.(data.result)
      pending.delete(data.id)
    } else {
      listeners.get(data.event)?.forEach((listener) => listener(data.payload))
    }
  })
  socket.addEventListener('close', () => {
    for (const settle of pending.values()) {
      settle(lost)
    }
    pending.clear()
  })

  return {
    async invoke(channel, input) {
      if (!(await opened)) return earlierRun
      if (socket.readyState !== WebSocket.OPEN) return lost
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve)
        socket.send(JSON.stringify({ id, channel, input }))
      })
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener)
      return () => {
        set.delete(listener)
      }
    }
  }
}

Object.defineProperty(window, 'porter', {
  value: Object.freeze(buildPorterApi(connect())),
  writable: false,
  configurable: false
})
