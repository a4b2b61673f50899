import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReferenceCloud, type ReferenceCloud } from '../../server/reference-cloud'
import { chromiumTree, firefoxTree } from '../fixtures/browser-trees'
import { startPersonsBrowser } from '../support/keyring-chromium'
import { entryModes, extractAsNobody, launchAsNobody } from './nonroot-chromium'
import { startTestSite, type TestSite } from './test-site'
import { makeChromiumProfile, windowsProfile, type WindowsBrowserSpec, type WindowsCookie } from './windows-profiles'
import { runWindows, windowsPath, type WindowsRun } from './wine'

const repo = join(__dirname, '../..')
const CLI = join(repo, 'out/cli/porter.cjs')
const HOSTS = ['app.crm-alpha.com', 'widget.crm-alpha.com', 'app.mail-beta.com', 'app.shop-gamma.com']
const CHOSEN = ['--site', '*.crm-alpha.com', '--site', '*.mail-beta.com']

/** Two Windows browsers; shop-gamma.com is not chosen. Edge holds an app-bound (v20) row beside its v10 rows, and a partitioned cookie. */
const browsers: Record<'chrome' | 'edge', WindowsBrowserSpec> = {
  chrome: {
    vendorPath: ['Google', 'Chrome', 'User Data'],
    name: 'Work',
    cookies: [
      { host: '.crm-alpha.com', name: 'session_id', value: 'chrome-crm-1' },
      { host: 'app.crm-alpha.com', name: 'csrf', value: 'chrome-crm-2' },
      { host: '.mail-beta.com', name: 'auth', value: 'chrome-mail-1' },
      { host: '.mail-beta.com', name: 'tab', value: 'chrome-mail-session', session: true },
      { host: '.shop-gamma.com', name: 'cart', value: 'chrome-shop-1' }
    ]
  },
  edge: {
    vendorPath: ['Microsoft', 'Edge', 'User Data'],
    name: 'Office',
    cookies: [
      { host: '.crm-alpha.com', name: 'session_id', value: 'edge-crm-1' },
      { host: '.mail-beta.com', name: 'auth', value: 'edge-mail-1' },
      { host: '.mail-beta.com', name: 'auth2', value: 'edge-mail-app-bound', appBound: true },
      { host: 'widget.crm-alpha.com', name: 'chip', value: 'edge-chip', partition: 'https://mail-beta.com' },
      { host: '.shop-gamma.com', name: 'cart', value: 'edge-shop-1' }
    ]
  }
}
/** What must arrive: every v10 cookie of a chosen site (the app-bound one cannot move from disk). */
const moved = (browser: 'chrome' | 'edge') =>
  browsers[browser].cookies.filter((cookie) => cookie.appBound !== true && !cookie.host.endsWith('shop-gamma.com'))

let root: string
let home: string
let site: TestSite
let cloud: ReferenceCloud
let standIn: string
let env: NodeJS.ProcessEnv

/** The built CLI as a Windows program, started from a folder holding a stand-in powershell.exe that is also first on PATH. */
const porter = (
  args: string[],
  extraEnv: NodeJS.ProcessEnv = {},
  during?: (stderr: () => Promise<string>) => Promise<void>
): Promise<WindowsRun> =>
  runWindows([windowsPath(CLI), ...args], { cwd: standIn, env: { ...env, ...extraEnv }, ...(during ? { during } : {}) })

/** Holds a browser's `User Data\\lockfile` as the running browser does (hold-lockfile.c), until released; then the file is gone. */
async function holdLockfile(lockfile: string): Promise<{ release(): Promise<void> }> {
  const holder = join(root, 'hold-lockfile.exe')
  if (!existsSync(holder)) execFileSync('x86_64-w64-mingw32-gcc', ['-municode', '-O2', '-o', holder, join(__dirname, 'hold-lockfile.c')])
  const held = spawn('wine', [holder, windowsPath(lockfile)], { stdio: 'ignore' })
  const exited = new Promise<number | null>((resolve) => held.on('close', resolve))
  for (const start = Date.now(); !existsSync(lockfile);) {
    if (Date.now() - start > 30_000) throw new Error('The stand-in browser never took its lockfile.')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  let released: Promise<void> | undefined
  return {
    release: () =>
      (released ??= (async () => {
        await writeFile(`${lockfile}.release`, '')
        expect(await exited).toBe(0)
        await rm(`${lockfile}.release`)
      })())
  }
}

function expectExit(run: WindowsRun, code: number): void {
  expect(run.code, `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`).toBe(code)
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-windows-'))
  // The non-root browser reaches its extracted profiles through here.
  await chmod(root, 0o755)
  site = await startTestSite(root, HOSTS, { embedder: 'app.mail-beta.com', embedded: 'widget.crm-alpha.com' })
  const made = join(root, 'made')
  await makeChromiumProfile(made, [site.origin('app.crm-alpha.com'), site.origin('app.shop-gamma.com')], site.browserArgs)
  // A user folder named as many Windows users' are: a space, and letters outside ASCII.
  home = join(root, 'Zoë Müller')
  for (const spec of Object.values(browsers)) {
    const key = randomBytes(32)
    // Chrome wraps its cookie key with the user's DPAPI; here Wine's real DPAPI does it, from Windows Node.
    const wrapped = await runWindows([windowsPath(join(__dirname, 'dpapi-protect.cjs')), key.toString('hex')], { cwd: repo })
    expectExit(wrapped, 0)
    await windowsProfile(home, made, spec, wrapped.stdout, key)
  }
  // A powershell.exe in the current folder and first on PATH; it leaves a mark if anything starts it.
  standIn = join(root, 'stand-in')
  await mkdir(standIn)
  execFileSync('x86_64-w64-mingw32-gcc', ['-O2', '-o', join(standIn, 'powershell.exe'), join(__dirname, 'powershell-stand-in.c')])
  // The mark works: a copy started on purpose leaves one.
  const tried = join(root, 'stand-in-tried')
  await mkdir(tried)
  await copyFile(join(standIn, 'powershell.exe'), join(tried, 'powershell.exe'))
  expectExit(await runWindows([], { program: join(tried, 'powershell.exe') }), 0)
  expect(await readdir(tried)).toEqual(['powershell.exe', 'powershell.exe.ran'])
  cloud = await startReferenceCloud({ webrunRateLimit: 0 })
  env = {
    PORTER_HOME: windowsPath(home),
    PORTER_DATA: windowsPath(join(root, 'data')),
    WINEPATH: windowsPath(standIn),
    H_KEY: 'hk-local-dev',
    WEBRUN_KEY: 'enig_local_dev'
  }
  for (const [kind, name, keyEnv] of [
    ['hcompany', 'H Company', 'H_KEY'],
    ['webrun', 'WebRun', 'WEBRUN_KEY']
  ] as const)
    expectExit(await porter(['connections', 'add', '--kind', kind, '--name', name, '--url', cloud.url, '--key-env', keyEnv]), 0)
})

afterAll(async () => {
  await cloud?.close()
  await site?.close()
  await rm(root, { recursive: true, force: true })
})

describe('porter as a Windows program (Windows Node 22 under Wine)', () => {
  it('runs as win32 and finds the Chrome and Edge profiles under PORTER_HOME\\AppData\\Local, not Windows’ own LOCALAPPDATA', async () => {
    const platform = await runWindows(['-p', 'process.platform'], {})
    expect(platform.stdout.trim()).toBe('win32')
    const run = await porter(['browsers', '--json'])
    expectExit(run, 0)
    const found = JSON.parse(run.stdout) as Array<{ ref: string; name: string; browserName: string }>
    expect(found.map(({ ref, name, browserName }) => ({ ref, name, browserName }))).toEqual([
      { ref: 'chrome:Default', name: 'Work', browserName: 'Google Chrome' },
      { ref: 'edge:Default', name: 'Office', browserName: 'Microsoft Edge' }
    ])
  })

  it('finds Brave, Vivaldi, Chromium, Opera with its side profile, Arc from the Store and Firefox, with the names people know them by', async () => {
    const other = join(root, 'home-every-browser')
    const local = join(other, 'AppData/Local')
    const roaming = join(other, 'AppData/Roaming')
    await chromiumTree(join(local, 'BraveSoftware/Brave-Browser/User Data'), {
      profiles: [{ folder: 'Default', gaiaName: 'Zoë Müller', email: 'zoe@example.com' }]
    })
    await chromiumTree(join(local, 'Vivaldi/User Data'), { profiles: [{ folder: 'Profile 2', name: 'Travel' }] })
    await chromiumTree(join(local, 'Chromium/User Data'), { profiles: [{ folder: 'Default', name: 'Testing' }] })
    await chromiumTree(join(roaming, 'Opera Software/Opera Stable'), {
      flat: true,
      profiles: [
        { folder: 'Default', name: 'Opera main' },
        { folder: '_side_profiles/1a2b', name: 'Side' }
      ]
    })
    await chromiumTree(join(local, 'Packages/TheBrowserCompany.Arc_ttt1ap7aakyb4/LocalCache/Local/Arc/User Data'), {
      profiles: [{ folder: 'Default', name: 'Research' }]
    })
    const elsewhere = join(other, 'D-drive', 'Firefox profiles', 'Work')
    await firefoxTree(join(roaming, 'Mozilla/Firefox'), [
      { name: 'default-release', path: 'Profiles/abcd1234.default-release', isDefault: true },
      { name: 'Work', path: elsewhere, iniPath: windowsPath(elsewhere), relative: false }
    ])
    const run = await porter(['browsers', '--json'], { PORTER_HOME: windowsPath(other) })
    expectExit(run, 0)
    const found = JSON.parse(run.stdout) as Array<{ ref: string; name: string; browserName: string; running: string; profileDir: string }>
    expect(Object.fromEntries(found.map((profile) => [profile.ref, `${profile.browserName}: ${profile.name}`]))).toEqual({
      'brave:Default': 'Brave: Zoë Müller',
      'vivaldi:Profile 2': 'Vivaldi: Travel',
      'chromium:Default': 'Chromium: Testing',
      'opera:Default': 'Opera: Opera main',
      'opera:_side_profiles/1a2b': 'Opera: Side',
      'arc@msix:Default': 'Arc: Research',
      'firefox:default-release': 'Firefox: default-release',
      'firefox:Work': 'Firefox: Work'
    })
    expect(found.every((profile) => profile.running === 'not-running')).toBe(true)
    const folders = Object.fromEntries(found.map((profile) => [profile.ref, profile.profileDir]))
    expect(folders['opera:Default']).toBe(windowsPath(join(roaming, 'Opera Software/Opera Stable')))
    expect(folders['arc@msix:Default']).toBe(
      windowsPath(join(local, 'Packages/TheBrowserCompany.Arc_ttt1ap7aakyb4/LocalCache/Local/Arc/User Data/Default'))
    )
    expect(folders['firefox:Work']).toBe(windowsPath(elsewhere))
    // The profile kept elsewhere, named by its Windows path, can be looked at like any other.
    const inspected = await porter(['inspect', 'firefox:Work', '--all-sites', '--json'], { PORTER_HOME: windowsPath(other) })
    expectExit(inspected, 0)
    expect((JSON.parse(inspected.stdout) as { profile: { profileDir: string } }).profile.profileDir).toBe(windowsPath(elsewhere))
  })

  const destinations = [
    { connection: undefined, label: 'the library on this computer' },
    { connection: 'H Company', label: 'H Company' },
    { connection: 'WebRun', label: 'WebRun' }
  ]
  const cases = (['chrome', 'edge'] as const).flatMap((browser) => destinations.map((destination) => ({ browser, ...destination })))

  /** Downloads (or reads from H Company's storage) what a service holds. */
  async function fetched(profileId: string, connection: string | undefined, label: string): Promise<string> {
    const format = connection === 'H Company' ? 'zip' : 'tar.gz'
    const archive = join(root, 'downloads', `${label.replace(/\W+/g, '-')}.${format}`)
    await mkdir(join(root, 'downloads'), { recursive: true })
    if (connection === 'H Company') {
      // H Company offers no download: the archive as its storage holds it.
      const stored = (await readdir(join(cloud.dataDir, 'objects'), { recursive: true })).find(
        (path) => path.includes(profileId) && path.endsWith('.zip')
      )
      await copyFile(join(cloud.dataDir, 'objects', stored ?? 'missing'), archive)
    } else {
      expectExit(
        await porter(['download', profileId, '--out', windowsPath(archive), ...(connection ? ['--connection', connection] : [])]),
        0
      )
    }
    return archive
  }

  /**
   * The archive in the layout Linux Chromium reads, with portable modes whatever Windows reported,
   * unpacked by an ordinary account whose Chromium then visits each site: the cookies each sends.
   */
  async function arrives(archive: string, label: string, leftOut: string[]): Promise<string[]> {
    const modes = entryModes(archive)
    expect([...modes.values()].filter((mode) => !['-rw-r--r--', '-rw-------', 'drwxr-xr-x', 'drwx------'].includes(mode))).toEqual([])
    const names = [...modes.keys()]
    expect(names).toEqual(expect.arrayContaining(['Default/Network/Cookies', 'Default/Network/NetworkDataMigrated', 'Default/Preferences']))
    for (const gone of ['Default/Cookies', 'Default/Network/Reporting and NEL', 'Default/Cache/', ...leftOut])
      expect(names.filter((entry) => entry.startsWith(gone))).toEqual([])
    const extracted = join(root, 'extracted', label.replace(/\W+/g, '-'))
    await mkdir(join(extracted, '..'), { recursive: true, mode: 0o755 })
    await extractAsNobody(archive, extracted)
    site.received.clear()
    const before = (await stat(join(extracted, 'Local State'))).mtimeMs
    const browser = await launchAsNobody(extracted, `${extracted}-home`, site.browserArgs)
    try {
      const page = await browser.newPage()
      for (const host of ['app.crm-alpha.com', 'app.mail-beta.com', 'app.shop-gamma.com']) await page.goto(`${site.origin(host)}/`)
    } finally {
      await browser.close()
    }
    // The browser could write to the profile too: it saved its state on the way out.
    expect((await stat(join(extracted, 'Local State'))).mtimeMs).toBeGreaterThan(before)
    return [...site.received.values()].flat().sort()
  }
  const pairs = (cookies: WindowsCookie[]) => cookies.map((cookie) => `${cookie.name}=${cookie.value}`).sort()
  const ids = new Map<string, string>()

  it.each(cases)('imports $browser into $label; a non-root Linux Chromium on the download sends every moved cookie', async (trip) => {
    const label = `${trip.browser} for ${trip.label}`
    const on = trip.connection === undefined ? [] : ['--connection', trip.connection]
    const imported = await porter(['import', `${trip.browser}:Default`, ...CHOSEN, '--name', label, ...on, '--json'])
    expectExit(imported, 0)
    const job = JSON.parse(imported.stdout) as { profileId: string; portability: { total: number; moved: number; notMoved: object } }
    ids.set(label, job.profileId)
    const expected = moved(trip.browser)
    expect(job.portability).toMatchObject({ total: expected.length + (trip.browser === 'edge' ? 1 : 0), moved: expected.length })
    if (trip.browser === 'edge') expect(job.portability.notMoved).toEqual({ 'app-bound': 1 })
    const archive = await fetched(job.profileId, trip.connection, label)
    // IndexedDB of the chosen site in both its forms (LevelDB, SQLite); none of the other site's.
    const indexed = [...entryModes(archive).keys()]
      .filter((entry) => entry.startsWith('Default/IndexedDB/'))
      .map((entry) => entry.split('/')[2])
    expect([...new Set(indexed)].sort()).toEqual([
      `https_app.crm-alpha.com_${site.port}`,
      `https_app.crm-alpha.com_${site.port}.indexeddb.leveldb`
    ])
    expect(await arrives(archive, label, ['Default/Network/Network Persistent State', 'Default/Network/TransportSecurity'])).toEqual(
      pairs(expected)
    )
    expect(site.received.get('app.shop-gamma.com')).toEqual([])
  })

  it('everything (--all-sites): every cookie and the network state travel, but nothing under Network/ a leave-out rule names', async () => {
    const imported = await porter(['import', 'chrome:Default', '--all-sites', '--name', 'chrome everything', '--json'])
    expectExit(imported, 0)
    const { profileId } = JSON.parse(imported.stdout) as { profileId: string }
    const archive = await fetched(profileId, undefined, 'chrome everything')
    expect([...entryModes(archive).keys()]).toEqual(
      expect.arrayContaining([
        'Default/Network/Network Persistent State',
        'Default/Network/Trust Tokens',
        'Default/Network/SCT Auditing Pending Reports'
      ])
    )
    expect(await arrives(archive, 'chrome everything', [])).toEqual(pairs(browsers.chrome.cookies))
  })

  it('a cookie file brings the app-bound sign-in the disk cannot (--cookies), into the same layout', async () => {
    const file = join(root, 'edge-cookies.txt')
    const expires = Math.floor(Date.now() / 1000) + 86_400
    await writeFile(file, `# Netscape HTTP Cookie File\n#HttpOnly_.mail-beta.com\tTRUE\t/\tTRUE\t${expires}\tauth2\tedge-mail-app-bound\n`)
    const imported = await porter([
      'import',
      'edge:Default',
      ...CHOSEN,
      '--cookies',
      windowsPath(file),
      '--name',
      'edge with file',
      '--json'
    ])
    expectExit(imported, 0)
    const job = JSON.parse(imported.stdout) as { profileId: string; portability: { total: number; moved: number } }
    expect(job.portability).toMatchObject({ total: 4, moved: 4 })
    const archive = await fetched(job.profileId, undefined, 'edge with file')
    expect(await arrives(archive, 'edge with file', [])).toEqual(
      pairs(browsers.edge.cookies.filter((cookie) => !cookie.host.endsWith('shop-gamma.com')))
    )
  })

  it('refresh re-sends the same sites in the same layout', async () => {
    const profileId = ids.get('chrome for the library on this computer') ?? ''
    expectExit(await porter(['refresh', profileId]), 0)
    const archive = await fetched(profileId, undefined, 'chrome refreshed')
    expect(await arrives(archive, 'chrome refreshed', [])).toEqual(pairs(moved('chrome')))
  })

  it('when Windows will not unlock the key: pre-flight names the sites, import says why, uploads nothing and exits 3', async () => {
    const otherHome = join(root, 'home-other-account')
    const made = join(root, 'made')
    // A key wrapped for another Windows account: DPAPI cannot unwrap it here.
    await windowsProfile(otherHome, made, browsers.chrome, randomBytes(180).toString('base64'), randomBytes(32))
    const other = { PORTER_HOME: windowsPath(otherHome) }
    const inspected = await porter(['inspect', 'chrome:Default', ...CHOSEN], other)
    expectExit(inspected, 0)
    expect(inspected.stdout).toContain(
      "! Windows would not unlock Google Chrome's cookie key: the key is damaged or was made for another Windows account or computer. So 4 cookies cannot be read from disk, and these sites would arrive signed out: app.crm-alpha.com, crm-alpha.com, mail-beta.com. Read the sign-ins through Google Chrome itself, or from a cookie file, before packing."
    )
    const before = JSON.parse((await porter(['list', '--json'])).stdout) as unknown[]
    const refused = await porter(['import', 'chrome:Default', ...CHOSEN, '--name', 'Other account'], other)
    expectExit(refused, 3)
    expect(refused.stderr).toContain(
      "None of the 4 cookies of the chosen sites can be read (Windows would not unlock Google Chrome's cookie key: the key is damaged or was made for another Windows account or computer), so the profile would arrive signed out everywhere. Nothing was uploaded."
    )
    expect(refused.stderr).toContain('--allow-signed-out')
    expect(JSON.parse((await porter(['list', '--json'])).stdout)).toEqual(before)
    const anyway = await porter(['import', 'chrome:Default', ...CHOSEN, '--name', 'Other account', '--allow-signed-out'], other)
    expectExit(anyway, 0)
    expect(anyway.stdout).toContain(
      '0 of 4 cookies will work in the browser that opens this profile; 4 stay behind (Windows would not unlock'
    )
  })

  it('keeps its data in %APPDATA%\\Profile Porter by default, given an access list for the signed-in user alone', async () => {
    const appData = join(process.env['WINEPREFIX'] ?? '', 'drive_c', 'users', process.env['USER'] ?? 'root', 'AppData', 'Roaming')
    await rm(join(appData, 'Profile Porter'), { recursive: true, force: true })
    const { PORTER_DATA: _default, ...withoutData } = env
    const listed = await runWindows([windowsPath(CLI), 'list'], { cwd: standIn, env: { ...withoutData, PORTER_DATA: '' } })
    expectExit(listed, 0)
    expect((await stat(join(appData, 'Profile Porter'))).isDirectory()).toBe(true)
    // The access list the app sets, built by the app's own code under Wine (Wine accepts it but keeps
    // no access lists on its files, so only the list itself can be checked here, not Windows enforcing it).
    const bundle = join(repo, 'out', 'test-windows', 'owner-only-acl.cjs')
    await build({
      entryPoints: [join(repo, 'electron/services/os/windows/owner-only-acl.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['koffi'],
      logLevel: 'warning'
    })
    const folder = join(root, 'acl-folder')
    await mkdir(folder)
    const acl = await runWindows(
      [
        '-e',
        `require(${JSON.stringify(windowsPath(bundle))}).restrictToOwner(${JSON.stringify(windowsPath(folder))}).then((sddl) => process.stdout.write(sddl))`
      ],
      { cwd: repo }
    )
    expectExit(acl, 0)
    expect(acl.stdout).toMatch(/^D:P\(A;OICI;FA;;;S-1-5-21-\d+-\d+-\d+-\d+\)$/)
  })

  it('sees Chrome running while it holds User Data\\lockfile as Chrome does, and packs nothing until it lets go', async () => {
    const lockfile = join(home, 'AppData/Local', ...browsers.chrome.vendorPath, 'lockfile')
    const running = async () =>
      Object.fromEntries(
        (JSON.parse((await porter(['browsers', '--json'])).stdout) as Array<{ ref: string; running: string }>).map((found) => [
          found.ref,
          found.running
        ])
      )
    const held = await holdLockfile(lockfile)
    try {
      expect(await running()).toEqual({ 'chrome:Default': 'running', 'edge:Default': 'not-running' })
      const refused = await porter(['import', 'chrome:Default', '--name', 'While open', ...CHOSEN])
      expectExit(refused, 1)
      expect(refused.stderr).toContain(
        'Error: Google Chrome is running.\nQuit Google Chrome completely — also from the tray — then run this again.'
      )
    } finally {
      await held.release()
    }
    // Deleted as the handle closed, as when Chrome quits: the profile can go now.
    expect(existsSync(lockfile)).toBe(false)
    expect((await running())['chrome:Default']).toBe('not-running')
  })

  it('reads the app-bound sign-in through the running Edge (--live), waits until Edge has quit, then packs it with the rest', async () => {
    const userData = join(home, 'AppData/Local', ...browsers.edge.vendorPath)
    // Edge closed: start it first, then Edge's own switch.
    const closed = await porter(['import', 'edge:Default', ...CHOSEN, '--live', '--name', 'not yet'])
    expectExit(closed, 1)
    expect(closed.stderr).toContain(
      'Microsoft Edge is not open, so it cannot hand over its sign-ins.\nStart Microsoft Edge, open edge://inspect/#remote-debugging, turn on “Allow remote debugging for this browser instance”, then try again.'
    )
    // A Debian Chromium holds the sign-in as the person's Edge does; the note Edge writes while its
    // remote debugging is on points to it, and Edge's lockfile is held as a running Edge holds it.
    const running = await startPersonsBrowser(join(root, 'edge-desktop'), join(root, 'running-edge'))
    const expires = Math.floor(Date.now() / 1000) + 86_400
    const appBound = {
      domain: '.mail-beta.com',
      path: '/',
      name: 'auth2',
      value: 'edge-mail-app-bound',
      secure: true,
      httpOnly: true,
      expires
    }
    let held: { release(): Promise<void> } | undefined
    let quitWhenAsked = false
    try {
      await running.client.send('Storage.setCookies', { cookies: [appBound] as never })
      const lock = await holdLockfile(join(userData, 'lockfile'))
      held = lock
      // Edge open, its switch off: where the switch is.
      const off = await porter(['import', 'edge:Default', ...CHOSEN, '--live', '--name', 'not yet'])
      expectExit(off, 1)
      expect(off.stderr).toContain(
        'Microsoft Edge is not sharing its sign-ins yet.\nIn Microsoft Edge, open edge://inspect/#remote-debugging, turn on “Allow remote debugging for this browser instance”, then try again.'
      )
      await copyFile(join(root, 'running-edge', 'DevToolsActivePort'), join(userData, 'DevToolsActivePort'))
      const imported = await porter(
        ['import', 'edge:Default', ...CHOSEN, '--live', '--name', 'edge through the browser', '--json'],
        {},
        async (stderr) => {
          // The person quits Edge when the import asks: not before, or there was nothing to wait for.
          for (const start = Date.now(); !(await stderr()).includes('Close every Microsoft Edge window.');) {
            if (Date.now() - start > 60_000) throw new Error(`The import never asked to quit Edge: ${await stderr()}`)
            await new Promise((resolve) => setTimeout(resolve, 200))
          }
          quitWhenAsked = true
          await running.quit()
          await lock.release()
        }
      )
      expectExit(imported, 0)
      expect(quitWhenAsked).toBe(true)
      expect(imported.stderr).toContain('Read 1 cookie of 1 site.')
      expect(imported.stderr).toContain('Edge can keep running without one: in Edge, open edge://settings/system, turn off “Startup boost”')
      const job = JSON.parse(imported.stdout) as { profileId: string; portability: { total: number; moved: number } }
      expect(job.portability).toMatchObject({ total: 4, moved: 4 })
      const archive = await fetched(job.profileId, undefined, 'edge through the browser')
      expect(await arrives(archive, 'edge through the browser', [])).toEqual(
        pairs(browsers.edge.cookies.filter((cookie) => !cookie.host.endsWith('shop-gamma.com')))
      )
    } finally {
      await running.quit()
      await held?.release()
      await rm(join(userData, 'DevToolsActivePort'), { force: true })
    }
  })

  it('never started a powershell.exe, neither the one in the current folder nor the one first on PATH', async () => {
    expect(await readdir(standIn)).toEqual(['powershell.exe'])
  })
})
