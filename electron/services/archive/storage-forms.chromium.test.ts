import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { SiteChoice } from '../../../shared/domain/sites'
import { launchOn } from '../../../test/chromium'
import { getFromIndexedDb, putInIndexedDb } from '../../../test/support/indexed-db-page'
import { detectProfiles } from '../browsers/detect'
import { portabilityStep } from '../portability/make-portable'
import { createProfileArchive } from './create-archive'
import { extractArchive } from './extract/extract-archive'

/** Chromium 156's newer IndexedDB store: one SQLite file per database in IndexedDB/<origin>/, behind a feature. */
const SQLITE_IDB = '--enable-features=IdbSqliteBackingStore,IdbSqliteOnDiskRollout'
const resolver = '--host-resolver-rules=MAP *.example.com 127.0.0.1, MAP *.example.net 127.0.0.1'

let root: string
let home: string
let server: Server
let port: number
const expires = Math.floor(Date.now() / 1000) + 7 * 86_400

const url = (host: string) => `http://${host}:${port}/`

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-storage-forms-'))
  home = join(root, 'home')
  server = createServer((_request, response) => response.end('<!doctype html><title>site</title>'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  const browser = await launchOn(join(home, '.config', 'chromium'), [resolver, SQLITE_IDB])
  const page = await browser.newPage()
  for (const host of ['app.example.com', 'app.example.net']) {
    await page.goto(url(host))
    await page.evaluate(putInIndexedDb, `secret-of-${host}`)
  }
  // A partitioned (CHIPS) cookie: widget.example.com embedded under example.net, kept in that partition only.
  await browser.addCookies([
    {
      name: 'chip',
      value: 'partitioned',
      domain: 'widget.example.com',
      path: '/',
      expires,
      secure: true,
      sameSite: 'None',
      partitionKey: 'https://example.net'
    },
    { name: 'sid', value: 'first-party', domain: 'app.example.com', path: '/', expires, secure: true, sameSite: 'Lax' }
  ])
  await browser.close()
}, 90_000)

afterAll(async () => {
  server.close()
  await rm(root, { recursive: true, force: true })
})

async function roundTrip(name: string, choice: SiteChoice): Promise<string> {
  const [profile] = await detectProfiles({ platform: 'linux', home, env: {}, hostname: 'h', isAlive: () => false })
  const tempRoot = join(root, name, 'tmp')
  await mkdir(tempRoot, { recursive: true })
  const archive = await createProfileArchive({
    profile: profile!,
    format: 'zip',
    tempRoot,
    sourceOs: 'linux',
    choice,
    makePortable: portabilityStep({ sourceOs: 'linux', sources: {} })
  })
  const restored = join(root, name, 'restored')
  await extractArchive(archive.file, restored)
  await archive.dispose()
  return restored
}

it('keeps the newer SQLite IndexedDB store of a chosen site, and leaves an unchosen site’s out', async () => {
  const restored = await roundTrip('sqlite-idb', { mode: 'sites', sites: ['*.example.com'] })
  expect(await readdir(join(restored, 'Default', 'IndexedDB'))).toEqual([`http_app.example.com_${port}`])
  const browser = await launchOn(restored, [resolver, SQLITE_IDB])
  try {
    const page = await browser.newPage()
    await page.goto(url('app.example.com'))
    expect(await page.evaluate(getFromIndexedDb)).toBe('secret-of-app.example.com')
    await page.goto(url('app.example.net'))
    expect(await page.evaluate(getFromIndexedDb)).toBeUndefined()
  } finally {
    await browser.close()
  }
}, 90_000)

it('keeps the partition key of a partitioned (CHIPS) cookie through the rewrite', async () => {
  const restored = await roundTrip('chips', { mode: 'sites', sites: ['*.example.com', '*.example.net'] })
  const browser = await launchOn(restored)
  try {
    const cookies = await browser.cookies()
    expect(cookies).toContainEqual(expect.objectContaining({ name: 'chip', value: 'partitioned', partitionKey: 'https://example.net' }))
    expect(cookies).toContainEqual(expect.objectContaining({ name: 'sid', value: 'first-party' }))
    expect(cookies.find((cookie) => cookie.name === 'sid')?.partitionKey).toBeUndefined()
  } finally {
    await browser.close()
  }
}, 90_000)
