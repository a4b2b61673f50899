import { randomBytes } from 'node:crypto'
import { mkdtemp, mkdir, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import { chromiumTree, firefoxTree } from '../../../test/fixtures/browser-trees'
import { writeCookiesDb } from '../../../test/fixtures/cookies-db'
import { detectProfiles } from '../browsers/detect'
import { runPreflight, sizeFinding } from './run-preflight'
import { serviceLimits } from './service-limits'

let home: string
let tempRoot: string
const plenty = async () => 1e12

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'porter-preflight-'))
  tempRoot = join(home, 'tmp')
  await mkdir(tempRoot)
})
afterEach(() => rm(home, { recursive: true, force: true }))

async function detect(platform: 'linux' | 'win32' = 'linux', alive = false): Promise<DetectedProfile[]> {
  return detectProfiles({ platform, home, env: {}, hostname: 'h', isAlive: () => alive })
}

const v = (prefix: string) => Buffer.concat([Buffer.from(prefix), randomBytes(40)])

describe('pre-flight', () => {
  it('counts cookies per scheme and names the sites that will need a fresh login', async () => {
    const udd = join(home, 'AppData/Local/Google/Chrome/User Data')
    await chromiumTree(udd, { profiles: [{ folder: 'Default', files: { 'Cache/data_0': randomBytes(5000) } }] })
    await writeCookiesDb(join(udd, 'Default/Network/Cookies'), [
      { host: '.mail.example.com', name: 'SID', encrypted: v('v20') },
      { host: '.mail.example.com', name: 'HSID', encrypted: v('v20') },
      { host: 'shop.example.org', name: 'cart', encrypted: v('v10') },
      { host: 'plain.example.net', name: 'pref', value: 'dark' }
    ])
    const [profile] = await detect('win32')
    const report = await runPreflight(profile as DetectedProfile, { service: 'hcompany', sourceOs: 'win32', tempRoot, freeBytes: plenty })
    expect(report.cookies?.byScheme).toEqual({ 'windows-v20': 2, 'windows-v10': 1, plain: 1 })
    const messages = report.findings.map((f) => `${f.severity}: ${f.message}`)
    expect(messages).toContain(
      'warning: 2 of 4 cookies are locked by Google Chrome itself (Windows app-bound encryption), so they cannot be moved from disk: mail.example.com. Read them through Google Chrome (or from a cookie file), or these sites will need a fresh login.'
    )
    expect(messages.some((m) => m.startsWith('info: 1 cookie is locked to this computer'))).toBe(true)
    // The cache is left out without being looked into: only what is sent is counted.
    expect(report.size.uploadFiles).toBe(2)
  })

  // Edge is told more: Startup boost keeps it running after its last window closes.
  it.each([
    ['google-chrome', 'Quit Google Chrome completely — also from the tray — then click Check again.'],
    [
      'microsoft-edge',
      'Close every Microsoft Edge window. Edge can keep running without one: in Edge, open edge://settings/system, turn off “Startup boost” and “Continue running background extensions and apps when Microsoft Edge is closed”, close Edge again, then click Check again.'
    ]
  ])('blocks while the browser runs, and says how to quit it (%s)', async (folder, message) => {
    await chromiumTree(join(home, '.config', folder), { profiles: [{ folder: 'Default' }], singletonLock: 'h-4242' })
    const [profile] = await detect('linux', true)
    const report = await runPreflight(profile as DetectedProfile, { service: 'webrun', sourceOs: 'linux', tempRoot, freeBytes: plenty })
    expect(report.findings).toContainEqual({ id: 'browser-running', severity: 'blocking', message })
  })

  it('blocks without disk space for the archive: the packed size, not the profile’s, counts', async () => {
    await chromiumTree(join(home, '.config/google-chrome'), {
      profiles: [
        {
          folder: 'Default',
          files: { 'IndexedDB/zeros.ldb': Buffer.alloc(8 * 1024 * 1024), 'IndexedDB/noise.ldb': randomBytes(2 * 1024 * 1024) }
        }
      ]
    })
    const [profile] = await detect()
    const report = await runPreflight(profile as DetectedProfile, {
      service: 'webrun',
      sourceOs: 'linux',
      tempRoot,
      freeBytes: async () => 1024
    })
    expect(report.packedBytes).toBeGreaterThan(2 * 1024 * 1024)
    expect(report.packedBytes).toBeLessThan(3 * 1024 * 1024)
    const ids = report.findings.map((f) => `${f.id}:${f.severity}`)
    expect(ids).toContain('disk-space:blocking')
    expect(report.findings.find((f) => f.id === 'disk-space')?.message).toMatch(
      /^Packing needs about 3\.\d MB of free disk space and 1\.0 KB is free\./
    )
  })

  it('refuses Firefox for WebRun, and Firefox profiles with encrypted databases', async () => {
    await firefoxTree(join(home, '.mozilla/firefox'), [{ name: 'default-release', path: 'a.default-release' }])
    await writeFile(
      join(home, '.mozilla/firefox/a.default-release/compatibility.ini'),
      '[Compatibility]\nLastVersion=140.0_1/1\nEncryptedDatabases=1\n'
    )
    const [profile] = await detect()
    const webrun = await runPreflight(profile as DetectedProfile, { service: 'webrun', sourceOs: 'linux', tempRoot, freeBytes: plenty })
    expect(webrun.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['browser-unsupported', 'firefox-encrypted']))
    const hcompany = await runPreflight(profile as DetectedProfile, { service: 'hcompany', sourceOs: 'linux', tempRoot, freeBytes: plenty })
    expect(hcompany.findings.map((f) => f.id)).not.toContain('browser-unsupported')
  })
})

describe('the size check before packing', () => {
  const hcompany = serviceLimits.hcompany
  const GiB = 1024 ** 3

  it('blocks a profile clearly over the limit, with numbers that do not contradict each other', () => {
    expect(sizeFinding(1.13 * GiB, hcompany)).toMatchObject({
      severity: 'blocking',
      message: expect.stringMatching(
        /^Packed, this profile would be about 1\.1 GB, and H Company accepts at most 1\.0 GB\. Clear large site data/
      )
    })
    // 1.04 and 1.00 would both read "1.0 GB": the decimals it takes are added.
    expect(sizeFinding(1.04 * GiB, hcompany)).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('about 1.04 GB, just over the 1.00 GB H Company accepts')
    })
  })

  it('warns when it comes close, and says nothing well below', () => {
    expect(sizeFinding(0.97 * GiB, hcompany)).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('close to the 1.0 GB H Company accepts')
    })
    expect(sizeFinding(0.5 * GiB, hcompany)).toBeUndefined()
    expect(sizeFinding(50 * GiB, serviceLimits.local)).toBeUndefined()
  })

  it('estimates the packed size from samples: noise stays its size, zeros nearly vanish', async () => {
    await chromiumTree(join(home, '.config/google-chrome'), {
      profiles: [
        {
          folder: 'Default',
          files: { 'IndexedDB/noise.blob': randomBytes(20 * 1024 * 1024), 'IndexedDB/zeros.blob': Buffer.alloc(20 * 1024 * 1024) }
        }
      ]
    })
    const [profile] = await detect()
    const report = await runPreflight(profile as DetectedProfile, { service: 'hcompany', sourceOs: 'linux', tempRoot, freeBytes: plenty })
    expect(report.packedBytes / (20 * 1024 * 1024)).toBeGreaterThan(0.9)
    expect(report.packedBytes / (20 * 1024 * 1024)).toBeLessThan(1.15)
  })

  it('estimates from samples, never by reading it all: a 64 GiB database is looked at in moments', async () => {
    await chromiumTree(join(home, '.config/google-chrome'), { profiles: [{ folder: 'Default' }] })
    // Sparse: no disk used, but read whole it would take minutes, far past this test's time limit.
    const huge = join(home, '.config/google-chrome/Default/IndexedDB/huge.blob')
    await mkdir(join(huge, '..'), { recursive: true })
    await writeFile(huge, '')
    await truncate(huge, 64 * 1024 ** 3)
    const [profile] = await detect()
    const report = await runPreflight(profile as DetectedProfile, { service: 'hcompany', sourceOs: 'linux', tempRoot, freeBytes: plenty })
    expect(report.size.uploadBytes).toBeGreaterThan(64 * 1024 ** 3)
    expect(report.packedBytes).toBeLessThan(1024 ** 3)
  })
})
