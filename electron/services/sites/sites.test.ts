import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { includedFor } from '../../../shared/domain/included-for'
import { chromiumTree, firefoxTree } from '../../../test/fixtures/browser-trees'
import { occurrences, readEverything } from '../../../test/support/archive-contents'
import { chromeTime, writeCookiesDb } from '../../../test/fixtures/cookies-db'
import { snappyBombStore } from '../../../test/fixtures/hostile-leveldb'
import { createProfileArchive } from '../archive/create-archive'
import { extractArchive } from '../archive/extract/extract-archive'
import { compileRules } from '../archive/rules'
import { detectProfiles } from '../browsers/detect'
import { listSites } from './inventory'
import { allRows, createDatabase, openDatabase, saveDatabase } from '../sqlite/open-database'
import { keepSitesInWebData } from './keep-sites'
import { keepPreferences } from './keep-preferences'
import { siteFilter } from './site-filter'
import { siteOf } from './site-of'

let root: string
const NOW = Date.parse('2026-11-24T08:00:00Z')
const future = chromeTime(new Date(NOW + 30 * 86_400_000))

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-site-defaults-'))
  await chromiumTree(join(root, '.config/google-chrome'), { profiles: [{ folder: 'Default', name: 'Work' }] })
  await writeCookiesDb(join(root, '.config/google-chrome/Default/Network/Cookies'), [
    { host: '.crm-alpha.com', name: 'session_id', expiresUtc: future },
    { host: 'app.crm-alpha.com', name: 'theme', expiresUtc: future },
    { host: '.chase.com', name: 'auth_token', expiresUtc: future },
    { host: 'accounts.google.com', name: '__Secure-1PSID', expiresUtc: future },
    { host: 'www.nhs.uk', name: 'remember_me', expiresUtc: future },
    { host: 'localhost', name: 'sid', expiresUtc: future },
    { host: '192.168.1.20', name: 'sid', expiresUtc: future },
    { host: 'wiki.corp.internal', name: 'sso', expiresUtc: future },
    { host: '.news-site.com', name: 'consent', expiresUtc: future },
    { host: '.expired-login.com', name: 'session', expiresUtc: chromeTime(new Date(NOW - 86_400_000)) },
    { host: '.tab-login.com', name: 'session', persistent: false }
  ])
})
afterAll(() => rm(root, { recursive: true, force: true }))

describe('a site is what the public-suffix list says it is', () => {
  it.each([
    ['app.crm-alpha.com', 'crm-alpha.com', true],
    ['.accounts.google.co.uk', 'google.co.uk', true],
    ['alice.github.io', 'alice.github.io', true],
    ['www.nhs.uk', 'www.nhs.uk', true],
    ['localhost', 'localhost', false],
    ['127.0.0.1', '127.0.0.1', false],
    ['[::1]', '::1', false],
    ['printer.local', 'printer.local', false],
    ['wiki.corp.internal', 'wiki.corp.internal', false],
    ['router.home.arpa', 'router.home.arpa', false],
    ['intranet', 'intranet', false]
  ])('%s → %s (public: %s)', (host, site, isPublic) => {
    expect(siteOf(host)).toEqual({ site, public: isPublic })
  })
})

describe('choosing sites', () => {
  const chosen = siteFilter({ mode: 'sites', sites: ['localhost', '192.168.1.20', 'app.crm-alpha.com'] })!

  it('names only this computer knows never travel, even when ticked', () => {
    expect(chosen.keepsHost('localhost')).toBe(false)
    expect(chosen.keepsCookie('192.168.1.20')).toBe(false)
    expect(chosen.keepsHost('crm-alpha.com.evil.net')).toBe(false)
  })

  it('one host: its own data and the parent-domain cookies it receives, never a sibling host’s', () => {
    expect(chosen.keepsHost('app.crm-alpha.com')).toBe(true)
    expect(chosen.keepsCookie('app.crm-alpha.com')).toBe(true)
    expect(chosen.keepsCookie('.app.crm-alpha.com')).toBe(true)
    expect(chosen.keepsCookie('.crm-alpha.com')).toBe(true)
    for (const other of ['bank.crm-alpha.com', '.bank.crm-alpha.com', 'crm-alpha.com', 'deep.app.crm-alpha.com', '.com'])
      expect(chosen.keepsCookie(other), other).toBe(false)
    expect(chosen.keepsHost('bank.crm-alpha.com')).toBe(false)
    expect(chosen.keepsHost('crm-alpha.com')).toBe(false)
  })

  it('a partitioned cookie or storage key travels only when its top-level site is chosen too', () => {
    expect(chosen.keepsCookie('app.crm-alpha.com', 'https://crm-alpha.com')).toBe(true)
    expect(chosen.keepsCookie('app.crm-alpha.com', 'https://mail-beta.com')).toBe(false)
    expect(chosen.keepsCookie('widget.shop-gamma.com', 'https://crm-alpha.com')).toBe(false)
    expect(chosen.keepsStorageKey('http://app.crm-alpha.com:8080')).toBe(true)
    expect(chosen.keepsStorageKey('http://app.crm-alpha.com:8080/^0http://crm-alpha.com')).toBe(true)
    expect(chosen.keepsStorageKey('http://app.crm-alpha.com:8080/^0http://mail-beta.com')).toBe(false)
    expect(chosen.keepsStorageKey('http://app.crm-alpha.com:8080/^31')).toBe(true)
    expect(chosen.keepsStorageKey('http://app.crm-alpha.com:8080/^112345^26789')).toBe(false)
    expect(chosen.keepsStorageKey('http://bank.crm-alpha.com:8080')).toBe(false)
    expect(chosen.keepsStorageKey('not a key')).toBe(false)
  })

  it('“*.site” chooses every host of a site; everything has no filter', () => {
    const whole = siteFilter({ mode: 'sites', sites: ['*.crm-alpha.com'] })!
    for (const host of ['bank.crm-alpha.com', 'crm-alpha.com', '.crm-alpha.com', 'a.b.crm-alpha.com'])
      expect(whole.keepsCookie(host)).toBe(true)
    expect(whole.keepsHost('crm-alpha.community')).toBe(false)
    expect(siteFilter({ mode: 'everything' })).toBeUndefined()
  })

  it('history, bookmarks, autofill and passwords stay unless asked; everything sends what a whole profile always did', () => {
    expect(includedFor({ mode: 'sites', sites: ['a.com'] })).toEqual({})
    expect(includedFor({ mode: 'sites', sites: ['a.com'] }, { history: true })).toEqual({ history: true })
    expect(includedFor({ mode: 'everything' })).toEqual({ bookmarks: true, autofill: true })
    expect(includedFor({ mode: 'everything' }, { bookmarks: false, passwords: true })).toEqual({
      bookmarks: false,
      autofill: true,
      passwords: true
    })
    // Firefox's history, form data and logins are shared by every site: with chosen sites, none goes.
    expect(includedFor({ mode: 'sites', sites: ['a.com'] }, { history: true, passwords: true }, 'firefox')).toEqual({})
    const chosen = compileRules('chromium', {
      include: includedFor({ mode: 'sites', sites: ['a.com'] }),
      sites: siteFilter({ mode: 'sites', sites: ['www.a.com'] })!
    })
    for (const path of [
      'History',
      'Bookmarks',
      'Web Data',
      'Login Data',
      'Top Sites',
      'Session Storage',
      'IndexedDB/https_www.b.com_0.indexeddb.leveldb',
      'IndexedDB/https_mail.a.com_0.indexeddb.leveldb'
    ]) {
      expect(chosen.match(path), path).toBeDefined()
    }
    expect(chosen.match('IndexedDB/https_www.a.com_0.indexeddb.leveldb')).toBeUndefined()
    const everything = compileRules('chromium', { include: includedFor({ mode: 'everything' }) })
    for (const path of ['Bookmarks', 'Web Data', 'Session Storage', 'IndexedDB/https_www.b.com_0.indexeddb.leveldb'])
      expect(everything.match(path), path).toBeUndefined()
    expect(everything.match('History')).toBeDefined()
  })
})

describe('the sites of a profile, with safe defaults', () => {
  it('suggests signed-in public sites, and holds back sensitive and local ones with the reason', async () => {
    const [profile] = await detectProfiles({ platform: 'linux', home: root, env: {}, hostname: 'h', isAlive: () => false })
    const rows = new Map((await listSites(profile!, NOW)).map((row) => [row.host, row]))
    // The domain cookie of crm-alpha.com goes with the host that receives it; no row of its own.
    expect(rows.get('app.crm-alpha.com')).toMatchObject({
      site: 'crm-alpha.com',
      cookies: 2,
      signedIn: true,
      public: true,
      suggested: true
    })
    expect(rows.has('crm-alpha.com')).toBe(false)
    expect(rows.get('chase.com')).toMatchObject({
      signedIn: true,
      suggested: false,
      category: { id: 'banking', reason: expect.stringContaining('move money') }
    })
    expect(rows.get('accounts.google.com')).toMatchObject({
      site: 'google.com',
      suggested: false,
      category: { id: 'identity' },
      deviceBound: expect.stringContaining('signed out')
    })
    expect(rows.get('www.nhs.uk')).toMatchObject({ suggested: false, category: { id: 'health' } })
    for (const local of ['localhost', '192.168.1.20', 'wiki.corp.internal'])
      expect(rows.get(local)).toMatchObject({ public: false, suggested: false })
    // Not signed in: a consent cookie, an expired login, a login that ends with the browser session.
    for (const site of ['news-site.com', 'expired-login.com', 'tab-login.com'])
      expect(rows.get(site)).toMatchObject({ signedIn: false, suggested: false })
  })

  it('autofill sent with chosen sites keeps the addresses, not the browser account’s sign-in tokens', async () => {
    const path = join(root, 'Web Data')
    const database = await createDatabase()
    database.exec(
      "CREATE TABLE token_service (service VARCHAR PRIMARY KEY, encrypted_token BLOB); INSERT INTO token_service VALUES ('AccountId-1', x'763130aabb')"
    )
    database.exec("CREATE TABLE autofill (name VARCHAR, value VARCHAR); INSERT INTO autofill VALUES ('city', 'Lyon')")
    await saveDatabase(database, path)
    database.close()
    await keepSitesInWebData(path, siteFilter({ mode: 'sites', sites: ['app.crm-alpha.com'] })!)
    const kept = await openDatabase(path)
    expect(allRows(kept, 'SELECT count(*) AS n FROM token_service')[0]).toEqual({ n: 0 })
    expect(allRows(kept, 'SELECT value FROM autofill')).toEqual([{ value: 'Lyon' }])
    kept.close()
  })

  it('preferences are rebuilt from an allow-list: the chosen host’s permissions and zoom, no account, start pages or folders', async () => {
    const path = join(root, 'Preferences')
    await writeFile(
      path,
      JSON.stringify({
        account_info: [{ email: 'ada@example.org', full_name: 'Ada Lovelace', gaia: '1234' }],
        google: { services: { last_username: 'ada@example.org', last_gaia_id: '1234', last_signed_in_username: 'ada@example.org' } },
        download: { default_directory: '/home/ada/Downloads' },
        homepage: 'https://mail-beta.com/',
        session: { startup_urls: ['https://mail-beta.com/inbox'] },
        intl: { accept_languages: 'fr-FR,en' },
        profile: {
          name: 'Ada',
          default_content_setting_values: { popups: 1 },
          content_settings: {
            exceptions: {
              site_engagement: { 'https://app.crm-alpha.com:443,*': { setting: 1 } },
              cookies: {
                '*,*': { setting: 1 },
                'https://[*.]crm-alpha.com,*': { setting: 1 },
                'https://[*.]mail-beta.com,*': {},
                'https://bank.crm-alpha.com:443,*': {}
              },
              storage_access: { 'https://app.crm-alpha.com:443,https://[*.]mail-beta.com': { setting: 1 } }
            }
          }
        },
        partition: { per_host_zoom_levels: { x: { 'mail-beta.com': 1.5, 'app.crm-alpha.com': 1.2 } } }
      })
    )
    await keepPreferences(path, siteFilter({ mode: 'sites', sites: ['app.crm-alpha.com'] })!)
    const kept = await readFile(path, 'utf8')
    for (const gone of ['mail-beta', 'bank', 'ada', 'Ada', '1234']) expect(kept, gone).not.toContain(gone)
    expect(JSON.parse(kept)).toEqual({
      intl: { accept_languages: 'fr-FR,en' },
      profile: {
        default_content_setting_values: { popups: 1 },
        content_settings: {
          exceptions: { cookies: { '*,*': { setting: 1 }, 'https://[*.]crm-alpha.com,*': { setting: 1 } }, storage_access: {} }
        }
      },
      partition: { per_host_zoom_levels: { x: { 'app.crm-alpha.com': 1.2 } } }
    })
  })
})

describe('a store that cannot be read is left here with a note, never sent whole', () => {
  it('a Local Storage made to exhaust memory and a cookie database that is not one: the import goes on without them', async () => {
    const home = join(root, 'hostile')
    await chromiumTree(join(home, '.config/chromium'), { profiles: [{ folder: 'Default' }] })
    await snappyBombStore(join(home, '.config/chromium/Default/Local Storage/leveldb'))
    await writeFile(join(home, '.config/chromium/Default/Cookies'), randomBytes(8192))
    const [profile] = await detectProfiles({ platform: 'linux', home, env: {}, hostname: 'h', isAlive: () => false })
    await mkdir(join(home, 'tmp'))
    const archive = await createProfileArchive({
      profile: profile!,
      format: 'tgz',
      tempRoot: join(home, 'tmp'),
      sourceOs: 'linux',
      choice: { mode: 'sites', sites: ['app.crm-alpha.com'] }
    })
    await extractArchive(archive.file, join(home, 'restored'))
    await archive.dispose()
    expect(archive.manifest.notes).toEqual([
      'The cookie database could not be read (it looks damaged), so it stayed on this computer.',
      'Local Storage could not be read (it looks damaged), so it stayed on this computer; sign-in cookies travel as usual.'
    ])
    expect((await readdir(join(home, 'restored/Default'))).sort()).toEqual(['Network', 'Preferences'])
    // Only the layout's marker: the damaged cookie database stayed behind.
    expect(await readdir(join(home, 'restored/Default/Network'))).toEqual(['NetworkDataMigrated'])
  })
})

describe('a Firefox profile with one host chosen', () => {
  it('sends that host’s cookies and storage, partitioned ones only under a chosen site, and prefs.js without the person', async () => {
    const home = join(root, 'firefox')
    const expiry = Math.floor(NOW / 1000) + 86_400
    await firefoxTree(join(home, '.mozilla/firefox'), [
      {
        name: 'default-release',
        path: 'ab.default-release',
        isDefault: true,
        files: {
          'prefs.js': [
            'user_pref("network.cookie.cookieBehavior", 5);',
            'user_pref("services.sync.username", "ada.lovelace@example.org");',
            'user_pref("browser.startup.homepage", "https://app.mail-beta.com/");',
            'user_pref("browser.download.dir", "/home/adalovelace/Downloads");'
          ].join('\n'),
          'storage/default/https+++app.crm-alpha.com/ls/data.sqlite': 'crm',
          'storage/default/https+++app.crm-alpha.com^partitionKey=%28https%2Cmail-beta.com%29/ls/data.sqlite': 'framed',
          'storage/default/https+++app.mail-beta.com/ls/data.sqlite': 'mail'
        }
      }
    ])
    const database = await createDatabase()
    database.exec(
      "CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, originAttributes TEXT NOT NULL DEFAULT '', name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, creationTime INTEGER)"
    )
    const rows: Array<[string, string, string]> = [
      ['app.crm-alpha.com', '', 'crm-own'],
      ['.crm-alpha.com', '', 'crm-site-wide'],
      ['app.crm-alpha.com', '^partitionKey=%28https%2Cmail-beta.com%29', 'crm-under-mail-beta'],
      ['bank.crm-alpha.com', '', 'bank-own'],
      ['app.mail-beta.com', '', 'mail-own']
    ]
    for (const [host, attributes, value] of rows)
      database.run(
        'INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry, creationTime) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [attributes, 'sid', value, host, '/', expiry, NOW * 1000]
      )
    await saveDatabase(database, join(home, '.mozilla/firefox/ab.default-release/cookies.sqlite'))
    database.close()
    const [profile] = await detectProfiles({ platform: 'linux', home, env: {}, hostname: 'h', isAlive: () => false })
    await mkdir(join(home, 'tmp'))
    const archive = await createProfileArchive({
      profile: profile!,
      format: 'tgz',
      tempRoot: join(home, 'tmp'),
      sourceOs: 'linux',
      choice: { mode: 'sites', sites: ['app.crm-alpha.com'] }
    })
    const restored = join(home, 'restored')
    await extractArchive(archive.file, restored)
    await archive.dispose()
    const kept = await openDatabase(join(restored, 'cookies.sqlite'))
    expect(allRows(kept, 'SELECT value FROM moz_cookies ORDER BY value').map((row) => row['value'])).toEqual(['crm-own', 'crm-site-wide'])
    kept.close()
    expect(await readdir(join(restored, 'storage/default'))).toEqual(['https+++app.crm-alpha.com'])
    expect(await readFile(join(restored, 'prefs.js'), 'utf8')).toContain('user_pref("network.cookie.cookieBehavior", 5);')
    expect(occurrences(await readEverything(restored), ['mail-beta', 'bank', 'ada', 'Ada'])).toEqual([])
  })
})
