import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { stubHandlers } from '../../test/support/stub-handlers'
import type { Handlers } from '../services/api/handlers'
import { startBridge, type Bridge } from './bridge-server'

let bridge: Bridge
let rendererDir: string

const handlers: Handlers = stubHandlers({
  'app:getInfo': async (_input, context) => {
    context.emit('transfers:progress', { jobId: 'j1', phase: 'uploading', bytesDone: 5, bytesTotal: 10 })
    return { name: 'Profile Porter', version: '9.9.9', platform: 'linux', shell: 'bridge', keyStorage: 'session' }
  }
})

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'porter-bridge-'))
  await writeFile(join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>')
  bridge = await startBridge({ handlers, rendererDir, injectClient: true })
})

afterAll(async () => {
  await bridge.close()
  await rm(rendererDir, { recursive: true, force: true })
})

function get(path: string, host: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(bridge.origin)
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

function socket(token: string, origin: string): WebSocket {
  const wsUrl = `${bridge.origin.replace('http', 'ws')}/__porter/ws?token=${token}`
  return new WebSocket(wsUrl, { origin })
}

describe('bridge server', () => {
  it('serves the renderer with the client script injected', async () => {
    const page = await get('/', new URL(bridge.origin).host)
    expect(page.status).toBe(200)
    expect(page.body).toContain('<script src="/__porter/bridge.js"></script>')
  })

  it('refuses another Host header (DNS rebinding)', async () => {
    expect((await get('/', 'evil.example:80')).status).toBe(421)
  })

  it('refuses to serve files outside the renderer', async () => {
    expect((await get('/..%2f..%2fetc/passwd', new URL(bridge.origin).host)).status).toBe(404)
  })

  it('refuses a WebSocket without the token or from another origin', async () => {
    for (const ws of [socket('wrong', bridge.origin), socket(bridge.token, 'http://evil.example')]) {
      const code = await new Promise((resolve) => {
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode))
        ws.on('open', () => resolve('open'))
      })
      expect(code).toBe(403)
    }
  })

  it('answers calls and pushes events to the caller only', async () => {
    const caller = socket(bridge.token, bridge.origin)
    const bystander = socket(bridge.token, bridge.origin)
    const seenByBystander: unknown[] = []
    bystander.on('message', (data) => seenByBystander.push(JSON.parse(String(data))))
    await Promise.all([caller, bystander].map((ws) => new Promise((resolve) => ws.on('open', resolve))))

    const messages: unknown[] = []
    const done = new Promise<void>((resolve) =>
      caller.on('message', (data) => {
        messages.push(JSON.parse(String(data)))
        if (messages.length === 2) resolve()
      })
    )
    caller.send(JSON.stringify({ id: 1, channel: 'app:getInfo' }))
    await done
    expect(messages).toEqual([
      { event: 'transfers:progress', payload: expect.objectContaining({ jobId: 'j1' }) },
      { id: 1, result: { ok: true, value: expect.objectContaining({ version: '9.9.9' }) } }
    ])
    expect(seenByBystander).toEqual([])
    caller.close()
    bystander.close()
  })
})

/** A WebSocket client written by hand, to send frames no well-behaved client would. */
function rawSocket(): Promise<Socket> {
  const { port, host } = new URL(bridge.origin)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(
        `GET /__porter/ws?token=${bridge.token} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${bridge.origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`
      )
    })
    socket.once('data', (chunk: Buffer) =>
      chunk.toString().startsWith('HTTP/1.1 101') ? resolve(socket) : reject(new Error(chunk.toString()))
    )
    socket.on('error', () => undefined)
  })
}

/** A masked client frame: opcode, payload, and (for the oversize case) a length that lies. */
function frame(opcode: number, payload: Buffer, declared = payload.length): Buffer {
  const mask = randomBytes(4)
  const masked = Buffer.from(payload.map((byte, index) => byte ^ (mask[index % 4] ?? 0)))
  const length =
    declared < 126
      ? Buffer.from([0x80 | declared])
      : Buffer.concat([Buffer.from([0x80 | 127]), Buffer.from(new BigUint64Array([BigInt(declared)]).buffer).reverse()])
  return Buffer.concat([Buffer.from([0x80 | opcode]), length, mask, masked])
}

async function stillAnswers(): Promise<void> {
  const ws = socket(bridge.token, bridge.origin)
  const reply = await new Promise<unknown>((resolve) => {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number }
      if (message.id === 7) resolve(message)
    })
    ws.on('open', () => ws.send(JSON.stringify({ id: 7, channel: 'app:getInfo' })))
  })
  expect(reply).toMatchObject({ id: 7, result: { ok: true } })
  ws.close()
}

describe('the bridge under hostile messages', () => {
  it.each([
    ['the JSON text null', frame(0x1, Buffer.from('null'))],
    ['a JSON array', frame(0x1, Buffer.from('[1,2]'))],
    ['a request whose id is a string', frame(0x1, Buffer.from('{"id":"1","channel":"app:getInfo"}'))],
    ['text that is not JSON', frame(0x1, Buffer.from('{'))],
    ['invalid UTF-8', frame(0x1, Buffer.from([0xc3, 0x28, 0xff]))],
    ['a reserved opcode', frame(0x3, Buffer.from('x'))],
    ['a message over 1 MiB', frame(0x1, Buffer.alloc(16), 2 * 1024 * 1024)]
  ])('%s closes that connection, and the bridge keeps answering', async (_case, hostile) => {
    const raw = await rawSocket()
    // Closed: a close frame (0x88) from the bridge, or the connection cut.
    const closed = new Promise<void>((resolve) => {
      raw.once('close', () => resolve())
      raw.on('data', (chunk: Buffer) => chunk[0] === 0x88 && resolve())
    })
    raw.write(hostile)
    await closed
    await stillAnswers()
  })
})
