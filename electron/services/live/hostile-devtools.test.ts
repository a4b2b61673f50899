import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { chromiumTree } from '../../../test/fixtures/browser-trees'
import { devToolsStandIn, redirectingStandIn, type StandIn } from '../../../test/support/hostile-devtools'
import { runNode } from '../../../test/support/run-node'
import { readLiveCookies } from './read-live-cookies'

const PORTER = join(__dirname, '../../../bin/porter.cjs')
const BRIDGE = join(__dirname, '../../bridge/cli.ts')

let root: string
let userDataDir: string
let env: NodeJS.ProcessEnv
/** A well-behaved DevTools endpoint with someone else's cookies: a redirect must never reach it. */
let elsewhere: StandIn
let bridge: { child: ChildProcess; url: URL }
const standIns: StandIn[] = []

const note = (port: number) => `${port}\n/devtools/browser/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\n`

/** What each hostile endpoint is, as the DevToolsActivePort the profile is left with. */
const HOSTILE: Array<[string, () => Promise<string | 'fifo' | 'huge'>]> = [
  ['a 302 redirect to another port', async () => note(await hostile(redirectingStandIn(302, `ws://127.0.0.1:${elsewhere.port}/x`)))],
  ['a 307 redirect to localhost', async () => note(await hostile(redirectingStandIn(307, `ws://localhost:${elsewhere.port}/x`)))],
  ['a 307 redirect to plain http', async () => note(await hostile(redirectingStandIn(307, `http://127.0.0.1:${elsewhere.port}/x`)))],
  ['a WebSocket URL naming another host', async () => `${elsewhere.port}\nws://192.0.2.1:${elsewhere.port}/devtools/browser/abc\n`],
  ['a null frame', async () => note(await hostile(devToolsStandIn({ answer: 'null' })))],
  ['a frame that is not JSON', async () => note(await hostile(devToolsStandIn({ answer: 'this is not JSON {' })))],
  ['a binary frame', async () => note(await hostile(devToolsStandIn({ answer: Buffer.from([0, 159, 146, 150]) })))],
  ['an event named error', async () => note(await hostile(devToolsStandIn({ answer: '{"method":"error","params":{"message":"boom"}}' })))],
  [
    'an error reply',
    async () =>
      note(
        await hostile(
          devToolsStandIn({
            answer: (id) => JSON.stringify({ id, error: { code: -32000, message: 'Internal\n    at Object.<anonymous>' } })
          })
        )
      )
  ],
  ['a reply to nothing asked', async () => note(await hostile(devToolsStandIn({ answer: '{"id":4242,"result":{}}' })))],
  [
    'cookies that are not cookies',
    async () =>
      note(
        await hostile(
          devToolsStandIn({ answer: (id) => JSON.stringify({ id, result: { browserContextIds: [], cookies: [{ name: 7 }] } }) })
        )
      )
  ],
  ['a FIFO in place of the note', async () => 'fifo'],
  ['a 1.5 GiB note', async () => 'huge']
]

async function hostile(made: Promise<StandIn>): Promise<number> {
  const standIn = await made
  standIns.push(standIn)
  return standIn.port
}

async function leaveNote(kind: string): Promise<void> {
  const path = join(userDataDir, 'DevToolsActivePort')
  await rm(path, { force: true })
  if (kind === 'fifo') execFileSync('mkfifo', [path])
  else if (kind === 'huge') {
    await writeFile(path, note(elsewhere.port))
    await truncate(path, 1.5 * 1024 ** 3)
  } else await writeFile(path, kind)
}

/** The bridge `npm run web` starts, in its own process, with the same home and data folder. */
async function startBridgeProcess(): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(process.execPath, ['--import', 'tsx', BRIDGE], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  for await (const line of createInterface({ input: child.stdout! })) {
    const url = /(http:\/\/\S+)/.exec(line)?.[1]
    if (url !== undefined) return { child, url: new URL(url) }
  }
  throw new Error('the bridge exited before it was ready')
}

/** One call through the bridge, as the window makes it. */
function callBridge(channel: string, input: unknown): Promise<{ ok: boolean; error?: { message: string }; value?: unknown }> {
  const socket = new WebSocket(`ws://${bridge.url.host}/__porter/ws?token=${bridge.url.searchParams.get('token')}`, {
    origin: bridge.url.origin
  })
  return new Promise((resolve, reject) => {
    socket.on('error', reject)
    socket.on('open', () => socket.send(JSON.stringify({ id: 1, channel, input })))
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: { ok: boolean; error?: { message: string } } }
      if (message.id !== 1 || message.result === undefined) return
      socket.close()
      resolve(message.result)
    })
  })
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-hostile-devtools-'))
  userDataDir = join(root, 'home/.config/chromium')
  await chromiumTree(userDataDir, { profiles: [{ folder: 'Default', name: 'Work' }] })
  elsewhere = await devToolsStandIn({ cookies: [{ name: 'stolen', value: 'from-elsewhere', domain: '.elsewhere.example', path: '/' }] })
  env = {
    PATH: process.env['PATH'],
    HOME: join(root, 'home'),
    PORTER_HOME: join(root, 'home'),
    PORTER_DATA: join(root, 'data'),
    TMPDIR: tmpdir()
  }
  bridge = await startBridgeProcess()
}, 60_000)

afterAll(async () => {
  bridge.child.kill()
  await Promise.all([elsewhere, ...standIns].map((standIn) => standIn.close()))
  await rm(root, { recursive: true, force: true })
})

describe('a hostile DevTools endpoint ends the read in one plain line', () => {
  it.each(HOSTILE)(
    '%s: porter import --live says so and exits 1',
    async (_name, make) => {
      await leaveNote(await make())
      const run = await runNode(PORTER, ['import', 'chromium:Default', '--name', 'x', '--all-sites', '--live'], { env })
      const said = run.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('Reading sign-ins through'))
      expect(said).toHaveLength(1)
      expect(said[0]).toMatch(/^Error: [A-Z].*\.$/)
      expect(said[0]).not.toMatch(/Something went wrong|\bat \w|Unexpected|Error: Error/)
      expect(run.code).toBe(1)
      expect(elsewhere.connections).toBe(0)
    },
    30_000
  )

  it.each(HOSTILE)(
    '%s: the bridge answers with the same plain message and stays up',
    async (_name, make) => {
      await leaveNote(await make())
      const result = await callBridge('browsers:readLive', { ref: 'chromium:Default' })
      expect(result.ok).toBe(false)
      expect(result.error?.message).toMatch(/^[A-Z][^\n]*\.$/)
      expect(result.error?.message).not.toMatch(/Something went wrong/)
      expect(elsewhere.connections).toBe(0)
      expect(bridge.child.exitCode).toBeNull()
      expect(await callBridge('app:getInfo', undefined)).toMatchObject({ ok: true })
    },
    30_000
  )
})

describe('every step of the read has a time limit', () => {
  const read = (timeoutMs: number) =>
    readLiveCookies({
      userDataDir,
      browserName: 'Chromium',
      switchAddress: 'chrome://inspect/#remote-debugging',
      diskKeys: new Set(),
      timeoutMs
    })

  it('reads a well-behaved endpoint (the one the redirects pointed at), so the refusals above are the checks at work', async () => {
    await leaveNote(note(elsewhere.port))
    expect((await read(5_000)).map((cookie) => cookie.value)).toEqual(['from-elsewhere'])
    elsewhere.connections = 0
  })

  it('a port that never lets the connection in, and one that never answers a command, each end at the limit', async () => {
    const silent = createNetServer((socket) => socket.on('data', () => undefined))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    await leaveNote(note((silent.address() as AddressInfo).port))
    await expect(read(300)).rejects.toThrow('Chromium did not allow the connection within 1 second.')
    silent.close()
    await leaveNote(note(await hostile(devToolsStandIn({ answer: '{"method":"Page.loadEventFired","params":{}}' }))))
    await expect(read(300)).rejects.toThrow('Chromium did not answer within 1 second.')
  })
})
