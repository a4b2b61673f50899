import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReferenceCloud, type ReferenceCloud } from '../server/reference-cloud'
import { bridgeShellAdapters } from '../electron/bridge/bridge-shell'
import { createServices } from '../electron/services/create-services'
import { systemProxy } from '../electron/services/net/proxy-for'
import { chromiumTree } from './fixtures/browser-trees'
import { startConnectProxy, type ConnectProxy } from './support/connect-proxy'
import { makePrivateCa, type PrivateCa } from './support/private-ca'
import { runNode, type NodeRun } from './support/run-node'

const PORTER = join(__dirname, '../bin/porter.cjs')
let root: string
let home: string
let ca: PrivateCa
let cloud: ReferenceCloud
let proxy: ConnectProxy

function porter(args: string[], env: NodeJS.ProcessEnv): Promise<NodeRun> {
  return runNode(PORTER, args, {
    env: {
      PATH: process.env['PATH'],
      PORTER_HOME: home,
      PORTER_DATA: join(root, 'data'),
      TMPDIR: join(root, 'tmp'),
      WEBRUN_KEY: 'enig_local_dev',
      ...env
    }
  })
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-network-'))
  home = join(root, 'home')
  await mkdir(join(root, 'tmp'))
  await chromiumTree(join(home, '.config/google-chrome'), { lastVersion: '142.0.7444.59', profiles: [{ folder: 'Default', name: 'Work' }] })
  ca = makePrivateCa(root)
  cloud = await startReferenceCloud({ webrunRateLimit: 0, tls: { key: ca.key, cert: ca.cert } })
  proxy = await startConnectProxy()
}, 60_000)

const office = () => ({ HTTPS_PROXY: proxy.url, SSL_CERT_FILE: ca.caFile })
let added: Promise<NodeRun> | undefined
/** The WebRun connection, added (and so tested) through the office proxy by whichever test needs it first. */
function webrunAdded(): Promise<NodeRun> {
  added ??= porter(['connections', 'add', '--kind', 'webrun', '--name', 'WebRun', '--url', cloud.url, '--key-env', 'WEBRUN_KEY'], office())
  return added
}

afterAll(async () => {
  await proxy.close()
  await cloud.close()
  await rm(root, { recursive: true, force: true })
})

describe('networks people have: a proxy, and a private certificate authority only the OS trusts', () => {
  it('the CLI goes through HTTPS_PROXY and trusts the authority the OS store holds (SSL_CERT_FILE)', async () => {
    expect((await webrunAdded()).code).toBe(0)
    const imported = await porter(
      ['import', 'chrome:Default', '--connection', 'WebRun', '--name', 'Through the proxy', '--all-sites'],
      office()
    )
    expect(imported.stderr).not.toContain('Error')
    expect(imported.code).toBe(0)
    const listed = await porter(['list', '--connection', 'WebRun', '--json'], office())
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ name: 'Through the proxy', status: 'ready' }))
    const host = new URL(cloud.url).host
    // Kept-alive tunnels carry several requests each; every one of them leads to the service.
    expect(proxy.tunnels.length).toBeGreaterThanOrEqual(1)
    expect(new Set(proxy.tunnels)).toEqual(new Set([host]))
  }, 60_000)

  it('says plainly when the authority is not trusted, and goes direct for NO_PROXY', async () => {
    expect((await webrunAdded()).code).toBe(0)
    const untrusted = await porter(['list', '--connection', 'WebRun'], { HTTPS_PROXY: proxy.url })
    expect(untrusted.code).toBe(1)
    expect(untrusted.stderr).toContain(
      'The connection to WebRun is not trusted: its certificate comes from an authority this computer does not trust.'
    )
    expect(untrusted.stderr).toContain("operating system's certificate store")
    const before = proxy.tunnels.length
    const direct = await porter(['list', '--connection', 'WebRun'], {
      HTTPS_PROXY: proxy.url,
      NO_PROXY: '127.0.0.1',
      SSL_CERT_FILE: ca.caFile
    })
    expect(direct.code).toBe(0)
    expect(proxy.tunnels.length).toBe(before)
  }, 60_000)

  it("the app follows the system's proxy answer (PAC style) for API calls, uploads and downloads", async () => {
    const resolved: string[] = []
    const pac = systemProxy(async (url) => (resolved.push(url), `SOCKS5 127.0.0.1:1; PROXY ${new URL(proxy.url).host}; DIRECT`))
    const services = createServices(
      {
        platform: 'linux',
        home,
        env: { SSL_CERT_FILE: ca.caFile },
        dataDir: join(root, 'app-data'),
        tempRoot: join(root, 'tmp'),
        now: () => new Date()
      },
      { ...bridgeShellAdapters(join(root, 'downloads')), proxyFor: pac },
      { version: '1.0.0', shell: 'electron' }
    )
    const connection = await services.connections.add({ kind: 'webrun', name: 'WebRun', baseUrl: cloud.url, apiKey: 'enig_local_dev' })
    const before = proxy.tunnels.length
    const started = services.transfers.start(
      (await import('../electron/services/transfers/import-job')).importJob(
        { connectionId: connection.id, ref: 'chrome:Default', name: 'From the app', choice: { mode: 'everything' } },
        {
          service: await services.connections.serviceFor(connection.id),
          serviceLabel: 'WebRun',
          detect: () => services.browsers.detect(),
          tempRoot: join(root, 'tmp'),
          sourceOs: 'linux'
        }
      ),
      () => undefined
    )
    const done = await services.transfers.whenSettled(started.id)
    expect(done).toMatchObject({ status: 'done' })
    const service = await services.connections.serviceFor(connection.id)
    await service.download(done.profileId ?? '', join(root, 'from-the-app.tar.gz'))
    expect(proxy.tunnels.length).toBeGreaterThan(before)
    // Every kind of request asked the system which way to go: API calls, the upload, the download link.
    expect(resolved.some((url) => url === `${cloud.url}/profiles`)).toBe(true)
    expect(resolved.some((url) => url.endsWith('/upload'))).toBe(true)
    expect(resolved.some((url) => !url.startsWith(`${cloud.url}/profiles`))).toBe(true)
  }, 60_000)
})
