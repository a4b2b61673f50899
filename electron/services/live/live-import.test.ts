import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TransferJob } from '../../../shared/domain/transfer'
import { startReferenceCloud, type ReferenceCloud } from '../../../server/reference-cloud'
import { launchOn } from '../../../test/chromium'
import { startPersonsBrowser, type PersonsBrowser } from '../../../test/support/keyring-chromium'
import { runNode, type NodeRun } from '../../../test/support/run-node'
import { extractArchive } from '../archive/extract/extract-archive'
import { readLiveCookies } from './read-live-cookies'

const PORTER = join(__dirname, '../../../bin/porter.cjs')
const HOSTS = ['app.crm-alpha.com', 'widget.shop-gamma.com']
const resolver = `--host-resolver-rules=${HOSTS.map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`
const inADay = Math.floor(Date.now() / 1000) + 86_400

let root: string
let server: Server
let port: number
let cloud: ReferenceCloud
let env: NodeJS.ProcessEnv
const cookieHeaders: string[] = []

/** The sign-ins a person has: HttpOnly, SameSite=Strict, a session cookie, and a partitioned (CHIPS) one. */
const SIGN_INS = [
  { name: 'sid', value: 'live-httponly-secret', domain: 'app.crm-alpha.com', path: '/', httpOnly: true, sameSite: 'Lax', expires: inADay },
  { name: 'strict', value: 'live-strict-secret', domain: '.crm-alpha.com', path: '/', sameSite: 'Strict', expires: inADay },
  { name: 'tab', value: 'live-session-secret', domain: 'app.crm-alpha.com', path: '/' },
  {
    name: 'embed',
    value: 'live-partitioned-secret',
    domain: 'widget.shop-gamma.com',
    path: '/',
    secure: true,
    sameSite: 'None',
    expires: inADay,
    partitionKey: { topLevelSite: 'https://crm-alpha.com', hasCrossSiteAncestor: false }
  }
]

function porter(args: string[], onStderr?: (text: string) => void): Promise<NodeRun> {
  return runNode(PORTER, args, { env, ...(onStderr ? { onStderr } : {}) })
}

async function personsBrowser(): Promise<PersonsBrowser> {
  const browser = await startPersonsBrowser(join(root, 'desktop'), join(root, 'home/.config/chromium'))
  await browser.client.send('Storage.setCookies', { cookies: SIGN_INS as never })
  return browser
}

/** The import with --live: the browser is quit when the CLI asks, as a person would. */
async function importLive(connection: string, name: string): Promise<TransferJob> {
  const browser = await personsBrowser()
  let quitting: Promise<void> | undefined
  const run = await porter(
    ['import', 'chromium:Default', '--connection', connection, '--name', name, '--all-sites', '--live', '--json'],
    (stderr) => {
      if (
        quitting === undefined &&
        stderr.includes('Quit Chromium completely — also from the tray — then wait: the import starts as soon as it has closed.')
      )
        quitting = browser.quit()
    }
  )
  await (quitting ?? browser.quit())
  expect(run.stderr).toContain('Read 4 cookies of 2 sites.')
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout) as TransferJob
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-live-'))
  server = createServer((request, response) => {
    cookieHeaders.push(`${request.headers.host ?? ''} ${request.headers.cookie ?? ''}`)
    response.end('<!doctype html><title>CRM</title>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  cloud = await startReferenceCloud({ webrunRateLimit: 0 })
  env = {
    PATH: process.env['PATH'],
    PORTER_HOME: join(root, 'home'),
    PORTER_DATA: join(root, 'data'),
    TMPDIR: tmpdir(),
    WEBRUN_KEY: 'enig_local_dev'
  }
  expect(
    (await porter(['connections', 'add', '--kind', 'webrun', '--name', 'WebRun', '--url', cloud.url, '--key-env', 'WEBRUN_KEY'])).code
  ).toBe(0)
  // The person's profile exists on disk before any test reads it: a Chromium that has never quit
  // has not written its Local State yet, so whichever test ran first would find no profile.
  await (await personsBrowser()).quit()
}, 90_000)

afterAll(async () => {
  server.close()
  await cloud.close()
  await rm(root, { recursive: true, force: true })
})

describe('sign-ins read through the running browser', () => {
  it('reads the open profile that is the chosen one, and says so when it cannot tell', async () => {
    const userDataDir = join(root, 'two-profiles')
    const browser = await startPersonsBrowser(join(root, 'desktop'), userDataDir)
    try {
      await browser.client.send('Storage.setCookies', {
        cookies: [{ name: 'a', value: 'first-secret', domain: 'one.example', path: '/', expires: inADay }]
      })
      const { browserContextId } = await browser.client.send('Target.createBrowserContext', {})
      await browser.client.send('Storage.setCookies', {
        browserContextId,
        cookies: [{ name: 'b', value: 'second-secret', domain: 'two.example', path: '/', expires: inADay }]
      })
      const read = (diskKeys: string[]) =>
        readLiveCookies({
          userDataDir,
          browserName: 'Chromium',
          switchAddress: 'chrome://inspect/#remote-debugging',
          diskKeys: new Set(diskKeys)
        })
      expect((await read(['two.example\tb\t/'])).map((cookie) => cookie.value)).toEqual(['second-secret'])
      expect((await read(['one.example\ta\t/'])).map((cookie) => cookie.value)).toEqual(['first-secret'])
      await expect(read(['three.example\tc\t/'])).rejects.toMatchObject({
        message: "Could not tell which of Chromium's open profiles is the one chosen."
      })
    } finally {
      await browser.quit()
    }
  }, 60_000)

  it('without --live, the keyring-locked cookies stay behind: refused (exit 3), or said per site with --allow-signed-out', async () => {
    const browser = await personsBrowser()
    await browser.quit()
    const refused = await porter(['import', 'chromium:Default', '--name', 'From disk', '--all-sites', '--json'])
    expect(refused.code).toBe(3)
    expect(refused.stderr).toContain('so the profile would arrive signed out everywhere. Nothing was uploaded.')
    const run = await porter(['import', 'chromium:Default', '--name', 'From disk', '--all-sites', '--allow-signed-out', '--json'])
    expect(run.code).toBe(0)
    const job = JSON.parse(run.stdout) as TransferJob
    expect(job.portability?.moved).toBe(0)
    expect(job.portability?.sites).toEqual([
      expect.objectContaining({ site: 'crm-alpha.com', moved: 0, via: [], notMoved: expect.any(Object) }),
      expect.objectContaining({ site: 'shop-gamma.com', moved: 0, via: [], notMoved: expect.any(Object) })
    ])
  }, 90_000)

  it.each([['This computer'], ['WebRun']])(
    'with --live into %s, every cookie arrives and a fresh Chromium sends them',
    async (connection) => {
      const job = await importLive(connection, `Live into ${connection}`)
      expect(job.portability?.sites).toEqual([
        { site: 'crm-alpha.com', found: 3, moved: 3, via: ['browser'] },
        { site: 'shop-gamma.com', found: 1, moved: 1, via: ['browser'] }
      ])
      const saved = join(root, `${connection}.tar.gz`)
      expect((await porter(['download', job.profileId ?? '', '--connection', connection, '--out', saved])).code).toBe(0)
      const restored = join(root, `restored-${connection}`)
      await extractArchive(saved, restored)

      const fresh = await launchOn(restored, [resolver])
      try {
        const page = await fresh.newPage()
        cookieHeaders.length = 0
        await page.goto(`http://app.crm-alpha.com:${port}/`)
        const sent = cookieHeaders.find((line) => line.startsWith('app.crm-alpha.com')) ?? ''
        for (const cookie of ['sid=live-httponly-secret', 'strict=live-strict-secret', 'tab=live-session-secret'])
          expect(sent).toContain(cookie)
        const held = Object.fromEntries((await fresh.cookies()).map((cookie) => [cookie.name, cookie]))
        expect(held['sid']).toMatchObject({
          value: 'live-httponly-secret',
          domain: 'app.crm-alpha.com',
          httpOnly: true,
          sameSite: 'Lax',
          expires: inADay
        })
        expect(held['strict']).toMatchObject({ value: 'live-strict-secret', domain: '.crm-alpha.com', sameSite: 'Strict', expires: inADay })
        expect(held['embed']).toMatchObject({
          value: 'live-partitioned-secret',
          secure: true,
          sameSite: 'None',
          partitionKey: 'https://crm-alpha.com'
        })
      } finally {
        await fresh.close()
      }
    },
    120_000
  )
})
