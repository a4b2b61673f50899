import { mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chromiumTree, firefoxTree } from '../../../test/fixtures/browser-trees'
import { detectProfiles, type DetectFacts } from './detect'

let home: string
const processes = { hostname: 'this-host', isAlive: (pid: number) => pid === 4242 }

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'porter-home-'))
})
afterEach(() => rm(home, { recursive: true, force: true }))

const facts = (platform: DetectFacts['platform'], env: NodeJS.ProcessEnv = {}): DetectFacts => ({ platform, home, env, ...processes })

describe('detection on Linux', () => {
  it('finds native, snap and flatpak Chromium browsers and Firefox, skipping Guest and System', async () => {
    const config = join(home, 'xdg')
    await chromiumTree(join(config, 'google-chrome'), {
      lastVersion: '131.0.6778.86',
      profiles: [
        { folder: 'Default', gaiaName: 'Ada Lovelace', email: 'ada@example.com', activeTime: 1_763_900_000 },
        { folder: 'Profile 3', name: 'Work', gaiaName: 'Ada Lovelace' },
        { folder: 'Guest Profile' },
        { folder: 'System Profile' }
      ]
    })
    await chromiumTree(join(home, 'snap/chromium/common/chromium'), { profiles: [{ folder: 'Default', name: 'Snappy' }] })
    await chromiumTree(join(home, '.var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser'), { profiles: [{ folder: 'Default' }] })
    await firefoxTree(join(home, '.mozilla/firefox'), [
      { name: 'default-release', path: 'abcd1234.default-release', isDefault: true, version: '133.0' }
    ])

    const found = await detectProfiles(facts('linux', { XDG_CONFIG_HOME: config }))
    expect(found.map((p) => p.ref).sort()).toEqual(
      ['brave@flatpak:Default', 'chrome:Default', 'chrome:Profile 3', 'chromium@snap:Default', 'firefox:default-release'].sort()
    )
    const ada = found.find((p) => p.ref === 'chrome:Default')
    expect(ada).toMatchObject({
      browserName: 'Google Chrome',
      channel: 'stable',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      browserVersion: '131.0.6778.86',
      lastActiveAt: new Date(1_763_900_000 * 1000).toISOString(),
      running: 'not-running',
      isDefault: true
    })
    expect(found.find((p) => p.ref === 'chrome:Profile 3')?.name).toBe('Ada Lovelace (Work)')
    expect(found.find((p) => p.ref === 'chromium@snap:Default')).toMatchObject({ name: 'Snappy', packaging: 'snap' })
    expect(found.find((p) => p.ref === 'firefox:default-release')).toMatchObject({
      family: 'firefox',
      browserVersion: '133.0',
      isDefault: true,
      profileDir: join(home, '.mozilla/firefox/abcd1234.default-release')
    })
  })

  it('honours CHROME_CONFIG_HOME for Chrome', async () => {
    await chromiumTree(join(home, 'custom/google-chrome'), { profiles: [{ folder: 'Default' }] })
    const found = await detectProfiles(facts('linux', { CHROME_CONFIG_HOME: join(home, 'custom') }))
    expect(found.map((p) => p.ref)).toEqual(['chrome:Default'])
  })

  it('reads the running state from SingletonLock: live pid, stale pid, other computer', async () => {
    const config = join(home, '.config')
    await chromiumTree(join(config, 'google-chrome'), { profiles: [{ folder: 'Default' }], singletonLock: 'this-host-4242' })
    await chromiumTree(join(config, 'chromium'), { profiles: [{ folder: 'Default' }], singletonLock: 'this-host-999999' })
    await chromiumTree(join(config, 'vivaldi'), { profiles: [{ folder: 'Default' }], singletonLock: 'laptop-2-4242' })
    await firefoxTree(join(home, '.mozilla/firefox'), [{ name: 'default', path: 'x.default' }])
    await symlink('127.0.1.1:+4242', join(home, '.mozilla/firefox/x.default/lock'))
    const running = Object.fromEntries((await detectProfiles(facts('linux'))).map((p) => [p.ref, p.running]))
    expect(running).toEqual({
      'chrome:Default': 'running',
      'chromium:Default': 'not-running',
      'vivaldi:Default': 'elsewhere',
      'firefox:default': 'running'
    })
  })

  it('falls back to folder names when Local State is broken or profiles.ini is missing', async () => {
    await chromiumTree(join(home, '.config/google-chrome'), {
      localState: 'broken',
      profiles: [{ folder: 'Default' }, { folder: 'Profile 1', name: 'Home' }]
    })
    await chromiumTree(join(home, '.config/microsoft-edge'), { localState: 'missing', profiles: [{ folder: 'Profile 2' }] })
    await firefoxTree(join(home, '.mozilla/firefox'), [{ name: 'dev-edition-default', path: 'q1w2.dev-edition-default' }], {
      ini: 'missing'
    })
    const names = Object.fromEntries((await detectProfiles(facts('linux'))).map((p) => [p.ref, p.name]))
    expect(names).toEqual({
      'chrome:Default': 'Default',
      'chrome:Profile 1': 'Home',
      'edge:Profile 2': 'Profile 2',
      'firefox:dev-edition-default': 'dev-edition-default'
    })
  })
})

describe('detection on Windows (fixture tree)', () => {
  it('uses LOCALAPPDATA and APPDATA, Opera’s flat layout with side profiles, Arc’s package folder and absolute Firefox paths', async () => {
    const local = join(home, 'AppData', 'Local')
    const roaming = join(home, 'Roaming-Elsewhere')
    await chromiumTree(join(local, 'Google', 'Chrome', 'User Data'), {
      profiles: [{ folder: 'Default', name: 'Person 1' }],
      lastVersion: '142.0.7444.60'
    })
    await chromiumTree(join(roaming, 'Opera Software', 'Opera Stable'), {
      flat: true,
      profiles: [
        { folder: 'Default', name: 'Opera main' },
        { folder: '_side_profiles/1a2b', name: 'Side' }
      ]
    })
    await chromiumTree(join(local, 'Packages', 'TheBrowserCompany.Arc_ttt1ap7aakyb4', 'LocalCache', 'Local', 'Arc', 'User Data'), {
      profiles: [{ folder: 'Default' }]
    })
    const elsewhere = join(home, 'D-drive', 'ff-profile')
    await firefoxTree(join(roaming, 'Mozilla', 'Firefox'), [
      { name: 'default-release', path: 'Profiles/abcd.default-release', isDefault: true },
      { name: 'work', path: elsewhere, relative: false }
    ])
    const found = await detectProfiles(facts('win32', { APPDATA: roaming }))
    expect(found.map((p) => p.ref).sort()).toEqual(
      ['arc@msix:Default', 'chrome:Default', 'firefox:default-release', 'firefox:work', 'opera:Default', 'opera:_side_profiles/1a2b'].sort()
    )
    expect(found.find((p) => p.ref === 'opera:Default')?.profileDir).toBe(join(roaming, 'Opera Software', 'Opera Stable'))
    expect(found.find((p) => p.ref === 'firefox:work')?.profileDir).toBe(elsewhere)
    expect(found.find((p) => p.ref === 'chrome:Default')).toMatchObject({ browserVersion: '142.0.7444.60', running: 'not-running' })
  })
})

describe('detection on macOS (fixture tree)', () => {
  it('reads Application Support and tells Firefox channels apart', async () => {
    const support = join(home, 'Library', 'Application Support')
    await chromiumTree(join(support, 'Microsoft Edge Beta'), { profiles: [{ folder: 'Default', name: 'Edge beta' }] })
    await chromiumTree(join(support, 'Google', 'Chrome Canary'), { profiles: [{ folder: 'Profile 1' }] })
    await firefoxTree(join(support, 'Firefox'), [
      {
        name: 'dev-edition-default',
        path: 'Profiles/aa.dev-edition-default',
        appDir: '/Applications/Firefox Developer Edition.app/Contents/Resources'
      },
      { name: 'default-esr', path: 'Profiles/bb.default-esr', appDir: '/Applications/Firefox ESR.app/Contents/Resources' }
    ])
    const found = await detectProfiles(facts('darwin'))
    const byRef = Object.fromEntries(found.map((p) => [p.ref, `${p.browserName}/${p.channel}`]))
    expect(byRef).toEqual({
      'edge-beta:Default': 'Microsoft Edge Beta/beta',
      'chrome-canary:Profile 1': 'Google Chrome Canary/canary',
      'firefox:dev-edition-default': 'Firefox Developer Edition/developer',
      'firefox:default-esr': 'Firefox ESR/esr'
    })
  })
})
