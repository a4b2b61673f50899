import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { chromiumTree } from '../../../test/fixtures/browser-trees'
import { writeCookiesDb } from '../../../test/fixtures/cookies-db'
import { createProfileArchive } from '../archive/create-archive'
import { detectProfiles } from '../browsers/detect'
import { encryptGcm, hostHash } from './chromium-crypto'
import { KeyUnavailable, type KeySources } from './key-sources'
import { portabilityStep } from './make-portable'
import { summarise } from './portability-report'
import { runPreflight } from '../preflight/run-preflight'

let root: string
let home: string
const key = randomBytes(32)
const gcm = (host: string, value: string) => encryptGcm(key, Buffer.concat([hostHash(host), Buffer.from(value)]), randomBytes(12))

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-key-problem-'))
  home = join(root, 'home')
  const udd = join(home, 'AppData', 'Local', 'Google', 'Chrome', 'User Data')
  await chromiumTree(udd, { profiles: [{ folder: 'Default', name: 'Work' }], lastVersion: '142.0.7444.59' })
  await writeCookiesDb(join(udd, 'Default', 'Network', 'Cookies'), [
    { host: '.app.example.com', name: 'sid', encrypted: gcm('.app.example.com', 'one') },
    { host: 'mail.example.org', name: 'sid', encrypted: gcm('mail.example.org', 'two') }
  ])
  await writeFile(join(udd, 'Default', 'Network', 'NetworkDataMigrated'), '')
  const localState = {
    profile: { info_cache: { Default: { name: 'Work' } } },
    os_crypt: { encrypted_key: Buffer.from('DPAPIblob').toString('base64') }
  }
  await writeFile(join(udd, 'Local State'), JSON.stringify(localState))
  await mkdir(join(root, 'tmp'))
}, 30_000)

afterAll(() => rm(root, { recursive: true, force: true }))

async function pack(sources: KeySources) {
  const [profile] = await detectProfiles({ platform: 'win32', home, env: {}, hostname: 'h', isAlive: () => false })
  const archive = await createProfileArchive({
    profile: profile!,
    format: 'zip',
    tempRoot: join(root, 'tmp'),
    sourceOs: 'win32',
    choice: { mode: 'everything' },
    makePortable: portabilityStep({ sourceOs: 'win32', sources })
  })
  await archive.dispose()
  return archive.manifest.portability!
}

it('when Windows will not unlock the key, no cookie is claimed to move and the summary says why', async () => {
  const report = await pack({
    dpapiUnprotect: async () => {
      throw new KeyUnavailable('Windows would not unlock the cookie key: it was made for another Windows account or computer')
    }
  })
  expect(report).toMatchObject({ total: 2, moved: 0, notMoved: { 'no-key': 2 } })
  expect(report.keyProblem).toBe("Windows would not unlock Google Chrome's cookie key: it was made for another Windows account or computer")
  expect(summarise(report)).toBe(
    "0 of 2 cookies will work in the cloud browser; 2 stay behind (Windows would not unlock Google Chrome's cookie key: it was made for another Windows account or computer), so these sites will need a fresh login: example.com, example.org."
  )
})

it('with the key, every cookie moves and no problem is reported', async () => {
  const report = await pack({ dpapiUnprotect: async (blob) => (blob.toString() === 'blob' ? key : undefined) })
  expect(report).toMatchObject({ total: 2, moved: 2, notMoved: {} })
  expect(report.keyProblem).toBeUndefined()
  expect(summarise(report)).toBe('All 2 cookies will work in the cloud browser.')
})

it('pre-flight asks Windows for the key before packing and, when refused, says so per site and offers the other ways', async () => {
  const [profile] = await detectProfiles({ platform: 'win32', home, env: {}, hostname: 'h', isAlive: () => false })
  const refuse: KeySources = {
    dpapiUnprotect: async () => {
      throw new KeyUnavailable('Windows did not unlock the cookie key within 10 seconds, so Profile Porter stopped waiting')
    }
  }
  const options = {
    service: 'local' as const,
    sourceOs: 'win32' as const,
    tempRoot: join(root, 'tmp'),
    choice: { mode: 'everything' as const }
  }
  const refused = await runPreflight(profile!, { ...options, keySources: refuse })
  expect(refused.cookies?.unreadable).toEqual({
    reason: "Windows did not unlock Google Chrome's cookie key within 10 seconds, so Profile Porter stopped waiting",
    cookies: 2,
    sites: ['app.example.com', 'mail.example.org']
  })
  expect(refused.findings.map((finding) => finding.id)).not.toContain('cookies-need-key')
  expect(refused.findings.find((finding) => finding.id === 'cookies-key-unavailable')).toEqual({
    id: 'cookies-key-unavailable',
    severity: 'warning',
    message:
      "Windows did not unlock Google Chrome's cookie key within 10 seconds, so Profile Porter stopped waiting. So 2 cookies cannot be read from disk, and these sites would arrive signed out: app.example.com, mail.example.org. Read the sign-ins through Google Chrome itself, or from a cookie file, before packing."
  })
  const unlocked = await runPreflight(profile!, { ...options, keySources: { dpapiUnprotect: async () => key } })
  expect(unlocked.cookies?.unreadable).toBeUndefined()
  expect(unlocked.findings.map((finding) => finding.id)).toContain('cookies-need-key')
})
