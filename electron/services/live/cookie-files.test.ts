import { randomBytes } from 'node:crypto'
import { cp, mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchOn } from '../../../test/chromium'
import { chromiumTree } from '../../../test/fixtures/browser-trees'
import { writeCookiesDb } from '../../../test/fixtures/cookies-db'
import { seedCookies } from '../../../test/fixtures/seed-cookies'
import { allRows, openDatabase } from '../sqlite/open-database'
import { createProfileArchive } from '../archive/create-archive'
import { extractArchive } from '../archive/extract/extract-archive'
import { detectProfiles } from '../browsers/detect'
import { encryptGcm } from '../portability/chromium-crypto'
import { portabilityStep } from '../portability/make-portable'
import { readCookieFile } from './cookie-file'
import { readLiveCookies } from './read-live-cookies'

let root: string
let base: string
const inADay = Math.floor(Date.now() / 1000) + 86_400
const windowsKey = randomBytes(32)
const dpapiBlob = randomBytes(40)

/** The same three sign-ins of bank.example.net, as each kind of export writes them. */
const EXPORTS: Record<string, string> = {
  'cookies.txt (Netscape)': [
    '# Netscape HTTP Cookie File',
    `#HttpOnly_.bank.example.net\tTRUE\t/\tTRUE\t${inADay}\tauth\tfile-auth-secret`,
    `bank.example.net\tFALSE\t/app\tFALSE\t${inADay}\tpref\tfile-pref-secret`,
    `.bank.example.net\tTRUE\t/\tFALSE\t0\ttab\tfile-session-secret`
  ].join('\n'),
  'Cookie-Editor JSON': JSON.stringify([
    {
      domain: '.bank.example.net',
      hostOnly: false,
      name: 'auth',
      value: 'file-auth-secret',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      expirationDate: inADay
    },
    {
      domain: 'bank.example.net',
      hostOnly: true,
      name: 'pref',
      value: 'file-pref-secret',
      path: '/app',
      secure: false,
      httpOnly: false,
      sameSite: 'strict',
      expirationDate: inADay
    },
    {
      domain: '.bank.example.net',
      hostOnly: false,
      name: 'tab',
      value: 'file-session-secret',
      path: '/',
      secure: false,
      httpOnly: false,
      session: true
    }
  ]),
  'EditThisCookie JSON': JSON.stringify([
    {
      domain: '.bank.example.net',
      hostOnly: false,
      httpOnly: true,
      name: 'auth',
      path: '/',
      sameSite: 'no_restriction',
      secure: true,
      session: false,
      expirationDate: inADay + 0.5,
      value: 'file-auth-secret',
      id: 1
    },
    {
      domain: 'bank.example.net',
      hostOnly: true,
      httpOnly: false,
      name: 'pref',
      path: '/app',
      sameSite: 'unspecified',
      secure: false,
      session: false,
      expirationDate: inADay,
      value: 'file-pref-secret',
      id: 2
    },
    {
      domain: '.bank.example.net',
      hostOnly: false,
      httpOnly: false,
      name: 'tab',
      path: '/',
      sameSite: 'unspecified',
      secure: false,
      session: true,
      value: 'file-session-secret',
      id: 3
    }
  ]),
  'Playwright storageState': JSON.stringify({
    cookies: [
      {
        name: 'auth',
        value: 'file-auth-secret',
        domain: '.bank.example.net',
        path: '/',
        expires: inADay,
        httpOnly: true,
        secure: true,
        sameSite: 'Lax'
      },
      {
        name: 'pref',
        value: 'file-pref-secret',
        domain: 'bank.example.net',
        path: '/app',
        expires: inADay,
        httpOnly: false,
        secure: false,
        sameSite: 'Strict'
      },
      {
        name: 'tab',
        value: 'file-session-secret',
        domain: '.bank.example.net',
        path: '/',
        expires: -1,
        httpOnly: false,
        secure: false,
        sameSite: 'Lax'
      }
    ],
    origins: []
  })
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-cookie-files-'))
  base = join(root, 'base')
  const browser = await launchOn(base)
  await browser.addCookies([{ name: 'seed', value: 'x', domain: 'seed.example', path: '/', expires: inADay }])
  await browser.close()
}, 60_000)
afterAll(() => rm(root, { recursive: true, force: true }))

/** A Windows Chrome profile: one cookie the disk can move (v10), the bank's three app-bound (v20). */
async function windowsProfile(label: string) {
  const home = join(root, label.replace(/\W+/g, '-'), 'home')
  const udd = join(home, 'AppData', 'Local', 'Google', 'Chrome', 'User Data')
  await mkdir(join(udd, '..'), { recursive: true })
  await cp(base, udd, { recursive: true })
  const rows = [
    { host: '.news.example.org', name: 'news', value: 'disk-secret', expires: new Date(inADay * 1000) },
    { host: '.bank.example.net', name: 'auth', value: 'app-bound', expires: new Date(inADay * 1000) },
    { host: 'bank.example.net', name: 'pref', value: 'app-bound', path: '/app', expires: new Date(inADay * 1000) }
  ]
  await seedCookies(join(udd, 'Default', 'Cookies'), rows, (plain) =>
    plain.includes(Buffer.from('app-bound'))
      ? Buffer.concat([Buffer.from('v20'), randomBytes(60)])
      : encryptGcm(windowsKey, plain, randomBytes(12))
  )
  const localState = JSON.parse(await readFile(join(udd, 'Local State'), 'utf8'))
  localState.os_crypt = { encrypted_key: Buffer.concat([Buffer.from('DPAPI'), dpapiBlob]).toString('base64') }
  await writeFile(join(udd, 'Local State'), JSON.stringify(localState))
  const [profile] = await detectProfiles({ platform: 'win32', home, env: {}, hostname: 'h', isAlive: () => false })
  return profile!
}

describe.each(Object.keys(EXPORTS))('a cookie export as %s', (label) => {
  it('replaces the app-bound cookies and arrives in Chromium with its values and attributes', async () => {
    const file = join(root, `${label.replace(/\W+/g, '-')}.export`)
    await writeFile(file, EXPORTS[label] ?? '')
    const cookies = await readCookieFile(file)
    const profile = await windowsProfile(label)
    const tempRoot = join(root, label.replace(/\W+/g, '-'), 'tmp')
    await mkdir(tempRoot)
    const archive = await createProfileArchive({
      profile,
      format: 'zip',
      tempRoot,
      sourceOs: 'win32',
      makePortable: portabilityStep({
        sourceOs: 'win32',
        sources: { dpapiUnprotect: async (blob) => (blob.equals(dpapiBlob) ? windowsKey : undefined) }
      }),
      supplied: { via: 'file', cookies }
    })
    expect(archive.manifest.portability?.sites).toEqual([
      { site: 'example.net', found: 3, moved: 3, via: ['file'] },
      { site: 'example.org', found: 1, moved: 1, via: ['disk'] }
    ])
    expect(archive.manifest.portability?.sitesNeedingLogin).toEqual([])
    const restored = join(root, label.replace(/\W+/g, '-'), 'restored')
    await extractArchive(archive.file, restored)
    await archive.dispose()
    expect((await readFile(join(restored, 'porter-manifest.json'), 'utf8')).includes('file-auth-secret')).toBe(false)

    const browser = await launchOn(restored)
    try {
      const held = Object.fromEntries((await browser.cookies()).map((cookie) => [cookie.name, cookie]))
      expect(held['auth']).toMatchObject({
        value: 'file-auth-secret',
        domain: '.bank.example.net',
        path: '/',
        httpOnly: true,
        secure: true
      })
      expect(Math.floor(held['auth']?.expires ?? 0)).toBe(inADay)
      expect(held['pref']).toMatchObject({
        value: 'file-pref-secret',
        domain: 'bank.example.net',
        path: '/app',
        httpOnly: false,
        secure: false,
        expires: inADay
      })
      expect(held['tab']).toMatchObject({ value: 'file-session-secret', domain: '.bank.example.net' })
      expect(held['news']).toMatchObject({ value: 'disk-secret' })
    } finally {
      await browser.close()
    }
  }, 60_000)
})

describe('a file that is not a cookie export', () => {
  it.each([
    ['{"hello": 1}', 'This JSON file holds no list of cookies.'],
    ['[{"oops": true}]', 'it holds no cookies'],
    ['{not json', 'it looks like JSON but does not parse'],
    ['just some text\nwith lines', 'it holds no cookies']
  ])('%s is refused in plain words', async (content, said) => {
    const file = join(root, 'bad.txt')
    await writeFile(file, content)
    await expect(readCookieFile(file)).rejects.toMatchObject({ message: expect.stringContaining(said) })
  })
})

describe('reading through the browser: what the person is told when it cannot be done', () => {
  let silent: Server
  let http: Server
  beforeAll(async () => {
    // One that accepts and never answers (nobody clicks Allow), one that is some other web server.
    silent = createServer(() => undefined)
    http = createServer((_request, response) => response.end('not devtools'))
    await Promise.all([silent, http].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))))
  })
  afterAll(() => {
    silent.closeAllConnections()
    silent.close()
    http.close()
  })

  async function noteFor(port: number | undefined): Promise<string> {
    const dir = await mkdtemp(join(root, 'udd-'))
    if (port !== undefined)
      await writeFile(join(dir, 'DevToolsActivePort'), `${port}\n/devtools/browser/0c1d2e3f-aaaa-bbbb-cccc-000000000000`)
    return dir
  }
  const read = (userDataDir: string, timeoutMs = 10_000, closed = false) =>
    readLiveCookies({
      userDataDir,
      browserName: 'Google Chrome',
      switchAddress: 'chrome://inspect/#remote-debugging',
      closed,
      diskKeys: new Set(),
      timeoutMs
    })

  it('remote debugging never turned on: where the switch is', async () => {
    await expect(read(await noteFor(undefined))).rejects.toMatchObject({
      code: 'live_unavailable',
      message: 'Google Chrome is not sharing its sign-ins yet.',
      action: expect.stringContaining('chrome://inspect/#remote-debugging')
    })
  })

  it('the browser closed and no note: start it first, then the switch', async () => {
    await expect(read(await noteFor(undefined), 10_000, true)).rejects.toMatchObject({
      code: 'live_unavailable',
      message: 'Google Chrome is not open, so it cannot hand over its sign-ins.',
      action:
        'Start Google Chrome, open chrome://inspect/#remote-debugging, turn on “Allow remote debugging for this browser instance”, then try again.'
    })
  })

  it('a note left by a browser that has closed: start it, not a hang', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    closed.close()
    const started = Date.now()
    await expect(read(await noteFor(port))).rejects.toMatchObject({
      message: expect.stringContaining('is not running with remote debugging on'),
      action: expect.stringContaining('Start Google Chrome')
    })
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('a port now held by some other program is not mistaken for the browser', async () => {
    await expect(read(await noteFor((http.address() as AddressInfo).port))).rejects.toMatchObject({
      message: expect.stringContaining('is not running with remote debugging on')
    })
  })

  it('nobody clicks Allow: a plain time-out', async () => {
    await expect(read(await noteFor((silent.address() as AddressInfo).port), 600)).rejects.toMatchObject({
      message: 'Google Chrome did not allow the connection within 1 second.',
      action: expect.stringContaining('click Allow')
    })
  })
})

describe('a cookie file of many thousand rows on one host', () => {
  const ROWS = 60_000
  const bigExport = () =>
    [
      '# Netscape HTTP Cookie File',
      ...Array.from({ length: ROWS }, (_, i) => `app.one-host.example\tFALSE\t/\tTRUE\t${inADay}\tc${i}\tfile-value-${i}`),
      // The same cookie again: the later row wins, as in the browser.
      `app.one-host.example\tFALSE\t/\tTRUE\t${inADay}\tc7\tthe-later-value`
    ].join('\n')

  async function linuxProfile(label: string) {
    const home = join(root, label, 'home')
    await chromiumTree(join(home, '.config/chromium'), { profiles: [{ folder: 'Default' }] })
    await writeCookiesDb(join(home, '.config/chromium/Default/Cookies'), [
      { host: 'app.one-host.example', name: 'c3', value: 'disk-value' }
    ])
    const [profile] = await detectProfiles({ platform: 'linux', home, env: {}, hostname: 'h', isAlive: () => false })
    await mkdir(join(root, label, 'tmp'))
    return { profile: profile!, tempRoot: join(root, label, 'tmp') }
  }

  it('goes in whole, over the disk’s copy, with progress to the last row', async () => {
    const file = join(root, 'many.txt')
    await writeFile(file, bigExport())
    const { profile, tempRoot } = await linuxProfile('many')
    const preparing: Array<{ bytesDone: number; bytesTotal: number }> = []
    const archive = await createProfileArchive({
      profile,
      format: 'tgz',
      tempRoot,
      sourceOs: 'linux',
      makePortable: portabilityStep({ sourceOs: 'linux', sources: {} }),
      supplied: { via: 'file', cookies: await readCookieFile(file) },
      onProgress: (event) => event.phase === 'preparing' && event.bytesTotal > 0 && preparing.push(event)
    })
    const restored = join(root, 'many', 'restored')
    await extractArchive(archive.file, restored)
    await archive.dispose()
    const database = await openDatabase(join(restored, 'Default', 'Network', 'Cookies'))
    expect(allRows(database, 'SELECT count(*) AS n, count(DISTINCT name) AS names FROM cookies')).toEqual([{ n: ROWS, names: ROWS }])
    database.close()
    expect(archive.manifest.portability?.sites).toEqual([{ site: 'app.one-host.example', found: ROWS, moved: ROWS, via: ['file'] }])
    const last = preparing.at(-1)
    expect(last?.bytesDone).toBe(last?.bytesTotal)
    expect(preparing.every((event, i) => i === 0 || event.bytesDone >= (preparing[i - 1]?.bytesDone ?? 0))).toBe(true)
  }, 120_000)

  it('can be cancelled while its rows are written, leaving nothing behind', async () => {
    const file = join(root, 'cancelled.txt')
    await writeFile(file, bigExport())
    const { profile, tempRoot } = await linuxProfile('cancelled')
    const controller = new AbortController()
    await expect(
      createProfileArchive({
        profile,
        format: 'tgz',
        tempRoot,
        sourceOs: 'linux',
        signal: controller.signal,
        makePortable: portabilityStep({ sourceOs: 'linux', sources: {} }),
        supplied: { via: 'file', cookies: await readCookieFile(file) },
        onProgress: (event) => {
          if (event.phase === 'preparing' && event.bytesDone > 0) controller.abort()
        }
      })
    ).rejects.toMatchObject({ name: 'AbortError' })
    expect(await readdir(tempRoot)).toEqual([])
  }, 120_000)
})
