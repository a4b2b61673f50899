import { randomBytes } from 'node:crypto'
import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchOn } from '../../../test/chromium'
import { seedCookies, type SeedCookie } from '../../../test/fixtures/seed-cookies'
import { createProfileArchive } from '../archive/create-archive'
import { extractArchive } from '../archive/extract/extract-archive'
import { detectProfiles } from '../browsers/detect'
import type { Platform } from '../os/paths'
import { PORTABLE_KEY, encryptCbc, encryptGcm, linuxKey, macKey } from './chromium-crypto'
import type { KeySources } from './key-sources'
import { portabilityStep } from './make-portable'

let root: string
let base: string
const inAWeek = new Date(Math.floor(Date.now() / 1000 + 7 * 86_400) * 1000)

const cookies: SeedCookie[] = [
  { host: '.app.example.com', name: 'sid', value: 'secret-session-1', httpOnly: true, expires: inAWeek, sameSite: 1 },
  { host: 'app.example.com', name: 'csrf', value: 'tok-2', path: '/api', expires: inAWeek, sameSite: 2 },
  { host: '.news.example.org', name: 'tab', value: 'only-this-session', sameSite: 1 }
]

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-portable-'))
  base = join(root, 'base')
  // Real Chromium makes the profile, so the Cookies database has the schema it expects.
  const browser = await launchOn(base)
  await browser.addCookies([{ name: 'seed', value: 'x', domain: 'seed.example', path: '/', expires: inAWeek.getTime() / 1000 }])
  await browser.close()
}, 60_000)
afterAll(() => rm(root, { recursive: true, force: true }))

interface Variant {
  os: Platform
  where: string[]
  encrypt(plain: Buffer): Buffer
  sources: KeySources
  extra?: SeedCookie[]
  prepare?(udd: string): Promise<void>
}

const windowsKey = randomBytes(32)
const fakeDpapiBlob = randomBytes(40)

const variants: Record<string, Variant> = {
  'Linux v10 (basic)': { os: 'linux', where: ['.config', 'google-chrome'], encrypt: (p) => encryptCbc(PORTABLE_KEY, p), sources: {} },
  'Linux v11 (keyring)': {
    os: 'linux',
    where: ['.config', 'google-chrome'],
    encrypt: (p) => encryptCbc(linuxKey('keyring-secret'), p, 'v11'),
    sources: { keyringPasswords: async () => ['keyring-secret'] }
  },
  'macOS (Keychain)': {
    os: 'darwin',
    where: ['Library', 'Application Support', 'Google', 'Chrome'],
    encrypt: (p) => encryptCbc(macKey('keychain-secret'), p),
    sources: { keychainPassword: async (name) => (name === 'Chrome Safe Storage' ? 'keychain-secret' : undefined) }
  },
  'Windows v10 (DPAPI key) with v20 rows': {
    os: 'win32',
    where: ['AppData', 'Local', 'Google', 'Chrome', 'User Data'],
    encrypt: (p) => encryptGcm(windowsKey, p, randomBytes(12)),
    sources: { dpapiUnprotect: async (blob) => (blob.equals(fakeDpapiBlob) ? windowsKey : undefined) },
    extra: [
      { host: '.bank.example.net', name: 'auth', value: 'app-bound-1', expires: inAWeek },
      { host: '.bank.example.net', name: 'auth2', value: 'app-bound-2', expires: inAWeek }
    ],
    prepare: async (udd) => {
      const localState = JSON.parse(await readFile(join(udd, 'Local State'), 'utf8'))
      localState.os_crypt = { encrypted_key: Buffer.concat([Buffer.from('DPAPI'), fakeDpapiBlob]).toString('base64') }
      await writeFile(join(udd, 'Local State'), JSON.stringify(localState))
    }
  }
}

describe.each(Object.entries(variants))('cookies from %s', (label, variant) => {
  it('all decryptable cookies arrive in a Linux Chromium with --password-store=basic', async () => {
    const home = join(root, label.replace(/\W+/g, '-'), 'home')
    const udd = join(home, ...variant.where)
    await mkdir(join(udd, '..'), { recursive: true })
    await cp(base, udd, { recursive: true })
    const seeded = [...cookies, ...(variant.extra ?? [])]
    await seedCookies(join(udd, 'Default', 'Cookies'), cookies, variant.encrypt)
    if (variant.extra !== undefined) {
      // v20 (app-bound) values cannot be made here; what matters is that they are found and reported.
      await seedCookies(join(udd, 'Default', 'Cookies'), seeded, (plain) =>
        seeded.length > 0 && plain.includes(Buffer.from('app-bound'))
          ? Buffer.concat([Buffer.from('v20'), randomBytes(60)])
          : variant.encrypt(plain)
      )
    }
    await variant.prepare?.(udd)

    const [profile] = await detectProfiles({ platform: variant.os, home, env: {}, hostname: 'h', isAlive: () => false })
    const tempRoot = join(home, '..', 'tmp')
    await mkdir(tempRoot)
    const archive = await createProfileArchive({
      profile: profile!,
      format: 'tgz',
      tempRoot,
      sourceOs: variant.os,
      makePortable: portabilityStep({ sourceOs: variant.os, sources: variant.sources })
    })
    const report = archive.manifest.portability
    const restored = join(home, '..', 'restored')
    await extractArchive(archive.file, restored)
    await archive.dispose()

    const browser = await launchOn(restored)
    try {
      const found = await browser.cookies()
      const byName = Object.fromEntries(found.map((cookie) => [cookie.name, cookie]))
      expect(byName['sid']).toMatchObject({
        value: 'secret-session-1',
        domain: '.app.example.com',
        path: '/',
        httpOnly: true,
        secure: true,
        sameSite: 'Lax',
        expires: inAWeek.getTime() / 1000
      })
      expect(byName['csrf']).toMatchObject({
        value: 'tok-2',
        domain: 'app.example.com',
        path: '/api',
        httpOnly: false,
        secure: true,
        sameSite: 'Strict',
        expires: inAWeek.getTime() / 1000
      })
      expect(byName['tab']).toMatchObject({ value: 'only-this-session', domain: '.news.example.org' })
      expect(byName['auth']).toBeUndefined()
    } finally {
      await browser.close()
    }
    expect(report).toMatchObject({ total: seeded.length, moved: 3, sessionCookiesKept: 1 })
    if (variant.extra !== undefined) {
      expect(report?.notMoved).toEqual({ 'app-bound': 2 })
      expect(report?.sitesNeedingLogin).toEqual(['example.net'])
      // The per-site table: what moved from disk, and what stayed behind and why.
      expect(report?.sites).toEqual(
        expect.arrayContaining([
          { site: 'example.net', found: 2, moved: 0, via: [], notMoved: { 'app-bound': 2 } },
          expect.objectContaining({ site: 'example.com', moved: 2, via: ['disk'] })
        ])
      )
    }
  }, 60_000)
})
