import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IncludeOptions, SiteChoice } from '../../../shared/domain/sites'
import { startReferenceCloud, type ReferenceCloud } from '../../../server/reference-cloud'
import { launchOn } from '../../../test/chromium'
import { HOSTS, PERSON, SITES_ARGS, look, makeSitesProfile, startSitesServer, type SitesServer } from '../../../test/fixtures/sites-profile'
import { occurrences, readEverything } from '../../../test/support/archive-contents'
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

const CHOSEN = 'app.crm-alpha.com'

let root: string
let home: string
let sites: SitesServer
let cloud: ReferenceCloud

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-sites-'))
  home = join(root, 'home')
  sites = await startSitesServer()
  await makeSitesProfile(join(home, '.config', 'chromium'), sites)
  cloud = await startReferenceCloud({ webrunRateLimit: 0 })
}, 120_000)

afterAll(async () => {
  sites.close()
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
    return allRows(database, sql).map((row) => Object.values(row).map(String).join(' '))
  } finally {
    database.close()
  }
}

async function pageSees(userDataDir: string) {
  const browser = await launchOn(userDataDir, SITES_ARGS)
  try {
    const page = await browser.newPage()
    const seen: Record<string, Awaited<ReturnType<typeof look>>> = {}
    for (const host of HOSTS) {
      await page.goto(sites.url(host))
      seen[host] = await look(page)
    }
    return seen
  } finally {
    await browser.close()
  }
}

describe('only the sites a person chooses leave the computer', () => {
  it('lists each host as its own choice, grouped by site, with the cookies it would take along', async () => {
    const [profile] = await detectProfiles({ platform: 'linux', home, env: {}, hostname: 'h', isAlive: processAlive })
    const listed = new Map((await listSites(profile!, Date.now())).map((row) => [row.host, row]))
    expect([...listed.keys()].sort()).toEqual([...HOSTS].sort())
    // The CRM's host takes its own cookie, the one its site shares, and its two partitioned ones.
    expect(listed.get(CHOSEN)).toMatchObject({ site: 'crm-alpha.com', public: true, cookies: 4, signedIn: true, suggested: true })
    expect(listed.get('bank.crm-alpha.com')).toMatchObject({ site: 'crm-alpha.com', cookies: 2 })
    for (const row of listed.values()) {
      expect(row.storageBytes).toBeGreaterThan(0)
      expect(Date.now() - Date.parse(row.lastVisit ?? '')).toBeLessThan(10 * 60_000)
    }
  })

  it('one host chosen, history included: every file read back names no other host and nothing of the person', async () => {
    const restored = await importAndDownload('one-host', { mode: 'sites', sites: [CHOSEN] }, { history: true })
    const profile = join(restored, 'Default')

    // Store by store, what is there.
    expect((await rows(join(profile, 'Network', 'Cookies'), 'SELECT host_key, name, top_frame_site_key FROM cookies')).sort()).toEqual([
      '.crm-alpha.com shared ',
      `${CHOSEN} chips https://crm-alpha.com`,
      `${CHOSEN} session `
    ])
    const localKeys = [...(await readLevelDb(join(profile, 'Local Storage', 'leveldb'))).values()].map(({ key }) => key.toString('latin1'))
    const origin = sites.url(CHOSEN).slice(0, -1)
    expect(localKeys.sort()).toEqual([`META:${origin}`, `METAACCESS:${origin}`, 'VERSION', `_${origin}\0\x01token`].sort())
    expect(await readdir(join(profile, 'IndexedDB'))).toEqual([`http_${CHOSEN}_${sites.port}.indexeddb.leveldb`])
    // Pages of the chosen host only, without their queries (these named the other hosts they framed or linked to).
    expect(await rows(join(profile, 'History'), 'SELECT DISTINCT url FROM urls ORDER BY url')).toEqual([
      sites.url(CHOSEN),
      sites.url(CHOSEN, '/followed')
    ])
    const visitedLinks = await rows(join(profile, 'History'), 'SELECT top_level_url, frame_url FROM visited_links')
    expect(visitedLinks.length).toBeGreaterThan(0)
    expect(await rows(join(profile, 'History'), 'SELECT count(*) FROM downloads')).toEqual(['0'])

    // Everything, every way it can be read: no other host's name, no sign of the person.
    const everything = await readEverything(restored)
    expect(everything.map((file) => file.path)).toContain(join('Default', 'Preferences'))
    const others = ['bank.crm-alpha', 'mail-beta', 'shop-gamma', 'secret-of-bank']
    const person = [PERSON.email, PERSON.fullName, 'Ada', PERSON.gaiaId, PERSON.osUser, 'ada.lovelace']
    expect(occurrences(everything, [...others, ...person])).toEqual([])
    const manifest = JSON.parse(await readFile(join(restored, 'porter-manifest.json'), 'utf8')) as { sites: unknown; profile: unknown }
    expect(manifest.sites).toEqual({ mode: 'sites', sent: [{ site: 'crm-alpha.com', cookies: 3, updatedAt: expect.any(String) }] })
    expect(manifest.profile).toEqual({ folder: 'Default' })

    // In the browser, from the hosts' own pages: signed in to the chosen host only.
    const seen = await pageSees(restored)
    expect(seen[CHOSEN]).toEqual({
      cookie: expect.stringMatching(/^(?=.*session=secret-of-app\.crm-alpha\.com)(?=.*shared=crm-site-wide-secret)/),
      local: `secret-of-${CHOSEN}`,
      indexed: `secret-of-${CHOSEN}`
    })
    // The bank shares only the site-wide cookie the CRM needs; its own sign-in stayed here.
    expect(seen['bank.crm-alpha.com']).toEqual({ cookie: 'shared=crm-site-wide-secret', local: null, indexed: undefined })
    for (const other of ['app.mail-beta.com', 'app.shop-gamma.com'])
      expect(seen[other]).toEqual({ cookie: '', local: null, indexed: undefined })
  }, 180_000)

  it('everything: every host arrives, as before sites could be chosen', async () => {
    const restored = await importAndDownload('everything', { mode: 'everything' }, {})
    const hostKeys = await rows(join(restored, 'Default', 'Network', 'Cookies'), 'SELECT DISTINCT host_key FROM cookies')
    expect(hostKeys.sort()).toEqual(['.crm-alpha.com', ...HOSTS].sort())
    const seen = await pageSees(restored)
    for (const host of HOSTS) expect(seen[host]).toMatchObject({ local: `secret-of-${host}`, indexed: `secret-of-${host}` })
  }, 180_000)
})
