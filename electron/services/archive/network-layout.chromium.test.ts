import { cp, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SiteChoice } from '../../../shared/domain/sites'
import { launchOn } from '../../../test/chromium'
import { detectProfiles } from '../browsers/detect'
import { extractArchive } from './extract/extract-archive'
import { createProfileArchive } from './create-archive'
import { MIGRATED_MARKER, NETWORK_STATE_FILES } from './network-layout'

/**
 * What Debian's Chromium does with each place a profile's network state can be in. These cases
 * fail when a later Chromium reads them differently: network-layout.ts must then change with it.
 */
let root: string
let made: string
const expires = Math.floor(Date.now() / 1000) + 7 * 86_400

async function namesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
}

/** The cookies the browser sees on a user-data folder, and the network files it left at the profile's top. */
async function openIn(userDataDir: string): Promise<{ values: string[]; topLevel: string[] }> {
  const browser = await launchOn(userDataDir)
  const values = (await browser.cookies('https://app.example.com')).map((cookie) => cookie.value)
  await browser.close()
  const top = await readdir(join(userDataDir, 'Default'))
  return { values, topLevel: top.filter((name) => NETWORK_STATE_FILES.some((file) => name === file || name.startsWith(`${file}-`))) }
}

/** A copy of the profile Chromium made, its network files moved into Network/ (with the marker, or not). */
async function moved(name: string, marker: boolean): Promise<string> {
  const copy = join(root, name)
  await cp(made, copy, { recursive: true })
  const profile = join(copy, 'Default')
  await mkdir(join(profile, 'Network'))
  for (const file of await readdir(profile))
    if (NETWORK_STATE_FILES.some((state) => file === state || file.startsWith(`${state}-`)))
      await rename(join(profile, file), join(profile, 'Network', file))
  if (marker) await writeFile(join(profile, 'Network', MIGRATED_MARKER), '')
  return copy
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-network-layout-'))
  made = join(root, 'made')
  const browser = await launchOn(made)
  await browser.addCookies([{ name: 'sid', value: 'live', domain: 'app.example.com', path: '/', expires, secure: true }])
  await browser.close()
}, 60_000)

afterAll(() => rm(root, { recursive: true, force: true }))

describe('where Linux Chromium reads a profile’s network state', () => {
  it('at the top of the profile when there is no marker (Linux and macOS profiles)', async () => {
    expect((await namesIn(join(made, 'Default'))).filter((name) => name.startsWith('Network'))).toEqual(['Network Persistent State'])
    expect((await openIn(made)).values).toEqual(['live'])
  }, 60_000)

  it('not in Network/ without the marker: the browser starts signed out', async () => {
    expect((await openIn(await moved('no-marker', false))).values).toEqual([])
  }, 60_000)

  it('in Network/ with the marker, every network file (none written back at the top)', async () => {
    const copy = await moved('marker', true)
    expect(await openIn(copy)).toEqual({ values: ['live'], topLevel: [] })
  }, 60_000)
})

describe('every archive puts the network state where that browser reads it', () => {
  /** A Windows-shaped profile: live files in Network/ with the marker, an older copy at the top the browser no longer reads. */
  async function windowsShaped(): Promise<string> {
    const home = join(root, 'windows-home')
    const udd = join(home, 'AppData', 'Local', 'Google', 'Chrome', 'User Data')
    await mkdir(join(udd, '..'), { recursive: true })
    await cp(await moved('windows-source', true), udd, { recursive: true })
    const stale = join(root, 'stale')
    const browser = await launchOn(stale)
    await browser.addCookies([{ name: 'sid', value: 'stale', domain: 'app.example.com', path: '/', expires, secure: true }])
    await browser.close()
    await cp(join(stale, 'Default', 'Cookies'), join(udd, 'Default', 'Cookies'))
    await writeFile(join(udd, 'Default', 'Network', 'Reporting and NEL'), 'reports of every site')
    return home
  }

  const makers = {
    linux: async () => {
      const home = join(root, 'linux-home')
      await cp(made, join(home, '.config', 'chromium'), { recursive: true })
      return home
    },
    win32: windowsShaped
  }
  const sources = new Map<string, Promise<string>>()
  const source = (os: 'linux' | 'win32') => sources.get(os) ?? sources.set(os, makers[os]()).get(os)!
  const choices: Record<string, SiteChoice> = {
    everything: { mode: 'everything' },
    'chosen sites': { mode: 'sites', sites: ['*.example.com'] }
  }

  it.each(Object.keys(makers).flatMap((os) => Object.keys(choices).map((choice) => [os, choice] as ['linux' | 'win32', string])))(
    'from %s, %s: Network/ with the marker, the live cookies, nothing the rules leave out',
    async (os, choice) => {
      const home = join(root, `${os}-${choice}`.replace(/\W+/g, '-'))
      await cp(await source(os), home, { recursive: true })
      const [profile] = await detectProfiles({ platform: os, home, env: {}, hostname: 'h', isAlive: () => false })
      const tempRoot = join(home, 'tmp')
      await mkdir(tempRoot)
      const archive = await createProfileArchive({ profile: profile!, format: 'tgz', tempRoot, sourceOs: os, choice: choices[choice] })
      const restored = join(home, 'restored')
      await extractArchive(archive.file, restored)
      await archive.dispose()
      const files = await namesIn(join(restored, 'Default'))
      expect(files).toContain('Network/Cookies')
      expect(files).toContain(`Network/${MIGRATED_MARKER}`)
      expect(files.filter((name) => NETWORK_STATE_FILES.some((state) => name.startsWith(state)))).toEqual([])
      expect(files.filter((name) => name.startsWith('Network/Reporting and NEL'))).toEqual([])
      expect(await openIn(restored)).toEqual({ values: ['live'], topLevel: [] })
    },
    60_000
  )
})
