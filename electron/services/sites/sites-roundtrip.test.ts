import { readFile, readdir, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SiteChoice, IncludeOptions } from '../../../shared/domain/sites'
import { startReferenceCloud, type ReferenceCloud } from '../../../server/reference-cloud'
import { launchOn, untilLocalStorageHolds } from '../../../test/chromium'
import { directNetwork } from '../../../test/support/direct-network'
import { detectProfiles } from '../browsers/detect'
import { processAlive } from '../browsers/running'
import { extractArchive } from '../archive/extract/extract-archive'
import { createWebrunService } from '../clouds/webrun/webrun-service'
import { readLevelDb } from '../leveldb/read-db'
import { allRows, openDatabase } from '../sqlite/open-database'
import { downloadJob } from '../transfers/download-job'
import { importJob } from '../transfers/import-job'
import { TransferRunner } from '../transfers/transfer-runner'
import { listSites } from './inventory'

/** Three sites with public-looking names, all served on loopback: Chromium is told where they are. */
const SITES = ['crm-alpha.com', 'mail-beta.com', 'shop-gamma.com']
const host = (site: string) => `app.${site}`
const resolver = `--host-resolver-rules=${SITES.map((site) => `MAP ${host(site)} 127.0.0.1`).join(', ')}`

let root: string
let home: string
let server: Server
let port: number
let cloud: ReferenceCloud
const url = (site: string) => `http://${host(site)}:${port}/`

/** The page globals the scripts below use: this project is typed for Node, not for the DOM. */
interface PageRequest<T> {
  result: T
  error: unknown
  transaction?: { abort(): void } | null
  onsuccess: (() => void) | null
  onerror: (() => void) | null
  onupgradeneeded: (() => void) | null
}
interface PageTransaction {
  objectStore(name: string): { put(value: string, key: string): unknown; get(key: string): PageRequest<unknown> }
  oncomplete: (() => void) | null
  onerror: (() => void) | null
  error: unknown
}
interface PageDatabase {
  objectStoreNames: { contains(name: string): boolean }
  createObjectStore(name: string): unknown
  transaction(name: string, mode?: string): PageTransaction
  close(): void
}
declare const document: { cookie: string }
declare const indexedDB: { open(name: string, version?: number): PageRequest<PageDatabase> }

/** Everything a site keeps in the browser, set from its own page: a cookie, Local Storage, IndexedDB. */
async function fill(site: string) {
  const value = `secret-of-${site}`
  document.cookie = `session=${value}; max-age=864000; path=/`
  localStorage.setItem('token', value)
  await new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('app', 1)
    open.onupgradeneeded = () => open.result.createObjectStore('kv')
    open.onsuccess = () => {
      const tx = open.result.transaction('kv', 'readwrite')
      tx.objectStore('kv').put(value, 'token')
      tx.oncomplete = () => (open.result.close(), resolve())
      tx.onerror = () => reject(tx.error)
    }
    open.onerror = () => reject(open.error)
  })
}

/** What a page of the site finds in the browser. */
async function look(): Promise<{ cookie: string; local: string | null; indexed: string | undefined }> {
  const indexed = await new Promise<string | undefined>((resolve) => {
    const open = indexedDB.open('app')
    open.onupgradeneeded = () => open.transaction?.abort()
    open.onerror = () => resolve(undefined)
    open.onsuccess = () => {
      if (!open.result.objectStoreNames.contains('kv')) return resolve(undefined)
      const get = open.result.transaction('kv').objectStore('kv').get('token')
      get.onsuccess = () => resolve(get.result as string | undefined)
      get.onerror = () => resolve(undefined)
    }
  })
  return { cookie: document.cookie, local: localStorage.getItem('token'), indexed }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-sites-'))
  home = join(root, 'home')
  server = createServer((_request, response) => response.end('<!doctype html><title>site</title><p>page</p>'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  const browser = await launchOn(join(home, '.config', 'chromium'), [resolver])
  const page = await browser.newPage()
  for (const site of SITES) {
    await page.goto(url(site))
    await page.evaluate(fill, site)
  }
  await untilLocalStorageHolds(
    join(home, '.config', 'chromium'),
    SITES.map((site) => ({ origin: url(site).slice(0, -1), key: 'token' }))
  )
  await browser.close()
  cloud = await startReferenceCloud({ webrunRateLimit: 0 })
}, 90_000)

afterAll(async () => {
  server.close()
  await cloud.close()
  await rm(root, { recursive: true, force: true })
})

/** The whole trip: import into WebRun's twin, download, extract. */
async function importAndDownload(name: string, choice: SiteChoice, include: IncludeOptions): Promise<string> {
  const detect = () => detectProfiles({ platform: 'linux', home, env: {}, hostname: 'h', isAlive: processAlive })
  const service = createWebrunService({ baseUrl: cloud.url, apiKey: 'enig_local_dev', network: directNetwork(), pollStartMs: 5 })
  const tempRoot = join(root, name, 'tmp')
  await mkdir(tempRoot, { recursive: true })
  const runner = new TransferRunner()
  const imported = await runner.whenSettled(
    runner.start(
      importJob(
        { connectionId: 'w', ref: 'chromium:Default', name, choice, include },
        { service, serviceLabel: 'WebRun', detect, tempRoot, sourceOs: 'linux' }
      ),
      () => undefined
    ).id
  )
  expect(imported).toMatchObject({ status: 'done' })
  const saved = join(root, name, 'saved.tar.gz')
  const downloaded = await runner.whenSettled(
    runner.start(
      downloadJob({ connectionId: 'w', profileId: imported.profileId ?? '', profileName: name, targetFile: saved }, { service }),
      () => undefined
    ).id
  )
  expect(downloaded).toMatchObject({ status: 'done' })
  const restored = join(root, name, 'restored')
  await extractArchive(saved, restored)
  return restored
}

async function rows(path: string, sql: string): Promise<string[]> {
  const database = await openDatabase(path)
  try {
    return allRows(database, sql).map((row) => String(Object.values(row)[0]))
  } finally {
    database.close()
  }
}

/** Every byte of every file under a folder, to look for a value that must not be there. */
async function allBytes(dir: string): Promise<Buffer> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile())
  return Buffer.concat(await Promise.all(files.map((entry) => readFile(join(entry.parentPath, entry.name)))))
}

async function pageSees(userDataDir: string) {
  const browser = await launchOn(userDataDir, [resolver])
  try {
    const page = await browser.newPage()
    const seen: Record<string, Awaited<ReturnType<typeof look>>> = {}
    for (const site of SITES) {
      await page.goto(url(site))
      seen[site] = await page.evaluate(look)
    }
    return seen
  } finally {
    await browser.close()
  }
}

describe('only the sites a person chooses leave the computer', () => {
  it('lists the three sites with their cookies, storage and last visit', async () => {
    const [profile] = await detectProfiles({ platform: 'linux', home, env: {}, hostname: 'h', isAlive: processAlive })
    const sites = await listSites(profile!, Date.now())
    expect(sites.map((row) => row.site).sort()).toEqual(SITES)
    for (const row of sites) {
      expect(row).toMatchObject({ public: true, cookies: 1, signedIn: true, suggested: true })
      expect(row.storageBytes).toBeGreaterThan(0)
      expect(Date.now() - Date.parse(row.lastVisit ?? '')).toBeLessThan(10 * 60_000)
    }
  })

  it('one site chosen, history included: the relaunched browser has that site and no trace of the others', async () => {
    const restored = await importAndDownload('one-site', { mode: 'sites', sites: ['crm-alpha.com'] }, { history: true })
    const profile = join(restored, 'Default')

    // In the files, before a browser touches them.
    expect(await rows(join(profile, 'Network', 'Cookies'), 'SELECT host_key FROM cookies')).toEqual([host('crm-alpha.com')])
    const localKeys = [...(await readLevelDb(join(profile, 'Local Storage', 'leveldb'))).values()].map(({ key }) => key.toString('latin1'))
    expect(localKeys.filter((key) => key.startsWith('_')).every((key) => key.startsWith(`_${url('crm-alpha.com').slice(0, -1)}\0`))).toBe(
      true
    )
    expect(localKeys).toContain(`_${url('crm-alpha.com').slice(0, -1)}\0\x01token`)
    expect(await readdir(join(profile, 'IndexedDB'))).toEqual(
      expect.arrayContaining([`http_${host('crm-alpha.com')}_${port}.indexeddb.leveldb`])
    )
    expect((await readdir(join(profile, 'IndexedDB'))).filter((name) => !name.includes('crm-alpha.com'))).toEqual([])
    expect(await rows(join(profile, 'History'), 'SELECT url FROM urls')).toEqual([url('crm-alpha.com')])
    const bytes = await allBytes(restored)
    for (const other of ['mail-beta.com', 'shop-gamma.com']) {
      expect(bytes.includes(other)).toBe(false)
    }
    const manifest = JSON.parse(await readFile(join(restored, 'porter-manifest.json'), 'utf8')) as { sites: unknown }
    expect(manifest.sites).toEqual({ mode: 'sites', sent: [{ site: 'crm-alpha.com', cookies: 1, updatedAt: expect.any(String) }] })

    // In the browser, from the sites' own pages.
    const seen = await pageSees(restored)
    expect(seen['crm-alpha.com']).toEqual({
      cookie: 'session=secret-of-crm-alpha.com',
      local: 'secret-of-crm-alpha.com',
      indexed: 'secret-of-crm-alpha.com'
    })
    for (const other of ['mail-beta.com', 'shop-gamma.com']) expect(seen[other]).toEqual({ cookie: '', local: null, indexed: undefined })
  }, 120_000)

  it('everything: every site arrives, as before sites could be chosen', async () => {
    const restored = await importAndDownload('everything', { mode: 'everything' }, {})
    expect((await rows(join(restored, 'Default', 'Network', 'Cookies'), 'SELECT host_key FROM cookies')).sort()).toEqual(SITES.map(host))
    const seen = await pageSees(restored)
    for (const site of SITES)
      expect(seen[site]).toEqual({ cookie: `session=secret-of-${site}`, local: `secret-of-${site}`, indexed: `secret-of-${site}` })
  }, 120_000)
})
