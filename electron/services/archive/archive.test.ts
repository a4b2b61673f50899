import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { appendFileSync, rmSync, truncateSync } from 'node:fs'
import { mkdtemp, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import { PorterError } from '../../../shared/errors'
import { chromiumTree, firefoxTree } from '../../../test/fixtures/browser-trees'
import { writeCookiesDb } from '../../../test/fixtures/cookies-db'
import { detectProfiles } from '../browsers/detect'
import { createProfileArchive, type ArchiveProgressEvent } from './create-archive'
import { extractArchive } from './extract/extract-archive'
import { sweepWorkDirs } from './work-dir'

let root: string
let home: string
let tempRoot: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-archive-'))
  home = join(root, 'home')
  tempRoot = join(root, 'tmp')
  await mkdir(tempRoot)
})
afterEach(() => rm(root, { recursive: true, force: true }))

async function listFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const full = join(entry.parentPath, entry.name)
    out[relative(dir, full)] = createHash('sha256')
      .update(await readFile(full))
      .digest('hex')
      .slice(0, 16)
  }
  return out
}

async function chromeWork(): Promise<DetectedProfile> {
  const secret = join(root, 'outside-secret.txt')
  await writeFile(secret, 'do not take me')
  await chromiumTree(join(home, '.config/google-chrome'), {
    lastVersion: '131.0.6778.86',
    profiles: [
      { folder: 'Default', name: 'Personal' },
      {
        folder: 'Profile 3',
        name: 'Work',
        email: 'ada@example.com',
        files: {
          'Cookies-journal': randomBytes(100),
          'Local Storage/leveldb/000003.log': 'token=abc',
          'Local Storage/leveldb/LOCK': '',
          'Local Storage/leveldb/LOG': 'log',
          'IndexedDB/https_app.example_0.indexeddb.leveldb/000001.ldb': randomBytes(500),
          'Cache/Cache_Data/data_0': randomBytes(20_000),
          'Code Cache/js/index': randomBytes(5000),
          'Service Worker/CacheStorage/x': randomBytes(100),
          'Login Data': randomBytes(200),
          'Login Data-journal': randomBytes(10),
          'Secure Preferences': '{}',
          History: randomBytes(900),
          Bookmarks: '{"roots":{}}',
          'Straße ünïcode/名前.txt': 'utf-8 names',
          ['deep/'.repeat(25) + 'long-name.bin']: randomBytes(50)
        }
      }
    ]
  })
  await writeCookiesDb(join(home, '.config/google-chrome/Profile 3/Cookies'), [
    { host: '.app.example.com', name: 'sid', encrypted: Buffer.concat([Buffer.from('v11'), randomBytes(32)]) },
    { host: 'news.example.org', name: 'theme', value: 'dark' }
  ])
  await symlink(secret, join(home, '.config/google-chrome/Profile 3/escape-link'))
  const profiles = await detectProfiles({ platform: 'linux', home, env: {}, hostname: 'h', isAlive: () => false })
  const work = profiles.find((p) => p.ref === 'chrome:Profile 3')
  if (work === undefined) throw new Error('fixture not detected')
  return work
}

describe.each(['zip', 'tgz'] as const)('a %s archive of a Chromium profile', (format) => {
  it('holds Local State and Default/ in the normalised layout, without caches, locks, links or passwords', async () => {
    const profile = await chromeWork()
    const archive = await createProfileArchive({ profile, format, tempRoot, sourceOs: 'linux' })
    const out = join(root, 'out')
    await extractArchive(archive.file, out)
    const files = await listFiles(out)
    const names = Object.keys(files).sort()
    expect(names).toContain('Local State')
    expect(names).toContain('Last Version')
    expect(names).toContain('porter-manifest.json')
    // Network state goes where Linux Chromium reads it, from every source (network-layout.ts).
    expect(names).toContain('Default/Network/Cookies')
    expect(names).toContain('Default/Network/Cookies-journal')
    expect(names).toContain('Default/Network/NetworkDataMigrated')
    expect(names).not.toContain('Default/Cookies')
    expect(names).toContain('Default/Local Storage/leveldb/000003.log')
    expect(names).toContain('Default/Straße ünïcode/名前.txt')
    expect(names).toContain(`Default/${'deep/'.repeat(25)}long-name.bin`)
    for (const gone of [
      'Cache',
      'Code Cache',
      'Service Worker',
      'Login Data',
      'Secure Preferences',
      'History',
      'escape-link',
      '/LOCK',
      '/LOG'
    ]) {
      expect(names.filter((name) => name.includes(gone))).toEqual([])
    }

    const source = join(home, '.config/google-chrome/Profile 3')
    expect(await readFile(join(out, 'Default/Network/Cookies'))).toEqual(await readFile(join(source, 'Cookies')))
    const localState = JSON.parse(await readFile(join(out, 'Local State'), 'utf8'))
    expect(Object.keys(localState.profile.info_cache)).toEqual(['Default'])
    expect(localState.profile.info_cache.Default.name).toBe('Work')
    expect(localState.profile.last_used).toBe('Default')
    const preferences = JSON.parse(await readFile(join(out, 'Default/Preferences'), 'utf8'))
    expect(preferences.profile.exit_type).toBe('Normal')

    const manifest = JSON.parse(await readFile(join(out, 'porter-manifest.json'), 'utf8'))
    expect(manifest).toMatchObject({
      sourceOs: 'linux',
      browser: { id: 'chrome', version: '131.0.6778.86' },
      // The folder only: a profile's display name and account can name the person.
      profile: { folder: 'Profile 3' },
      cookies: { total: 2, byScheme: { 'linux-v11': 1, plain: 1 } }
    })
    const rules = manifest.leftOut.map((item: { rule: string }) => item.rule)
    expect(rules).toEqual(
      expect.arrayContaining(['chromium-caches', 'chromium-passwords', 'chromium-secure-preferences', 'links-and-special-files'])
    )
    expect(manifest.leftOut.every((item: { reason: string }) => item.reason.length > 20)).toBe(true)

    expect(archive.sha256).toBe(
      createHash('sha256')
        .update(await readFile(archive.file))
        .digest('hex')
    )
    expect(archive.sizeBytes).toBe((await readFile(archive.file)).length)
    await archive.dispose()
    expect(await readdir(tempRoot)).toEqual([])
  })

  it('is read back identically by the system tools', async () => {
    const profile = await chromeWork()
    const archive = await createProfileArchive({ profile, format, tempRoot, sourceOs: 'linux' })
    const ours = join(root, 'ours')
    const theirs = join(root, 'theirs')
    await extractArchive(archive.file, ours)
    await mkdir(theirs)
    if (format === 'zip') execFileSync('unzip', ['-q', archive.file, '-d', theirs])
    else execFileSync('tar', ['xzf', archive.file, '-C', theirs])
    expect(await listFiles(theirs)).toEqual(await listFiles(ours))
    if (format === 'zip') execFileSync('unzip', ['-tq', archive.file])
    else execFileSync('gzip', ['-t', archive.file])
    await archive.dispose()
  })

  it('includes saved passwords only when asked', async () => {
    const profile = await chromeWork()
    const archive = await createProfileArchive({ profile, format, tempRoot, sourceOs: 'linux', include: { passwords: true } })
    const out = join(root, 'out')
    await extractArchive(archive.file, out)
    expect(Object.keys(await listFiles(out))).toEqual(expect.arrayContaining(['Default/Login Data', 'Default/Login Data-journal']))
    await archive.dispose()
  })
})

describe('archiving', () => {
  it('reports progress at most ten times a second and ends at the total', async () => {
    const profile = await chromeWork()
    await writeFile(join(profile.profileDir, 'big.bin'), randomBytes(24 * 1024 * 1024))
    const events: Array<ArchiveProgressEvent & { at: number }> = []
    const archive = await createProfileArchive({
      profile,
      format: 'zip',
      tempRoot,
      sourceOs: 'linux',
      onProgress: (e) => events.push({ ...e, at: Date.now() })
    })
    const archiving = events.filter((e) => e.phase === 'archiving')
    expect(archiving.at(-1)?.bytesDone).toBe(archiving.at(-1)?.bytesTotal)
    for (const phase of ['preparing', 'archiving'] as const) {
      const times = events.filter((e) => e.phase === phase).map((e) => e.at)
      const perSecond = times.length / Math.max(1, (Math.max(...times) - Math.min(...times)) / 1000)
      expect(perSecond).toBeLessThanOrEqual(12)
    }
    await archive.dispose()
  })

  it('leaves nothing behind when cancelled', async () => {
    const profile = await chromeWork()
    await writeFile(join(profile.profileDir, 'big.bin'), randomBytes(64 * 1024 * 1024))
    const controller = new AbortController()
    const pending = createProfileArchive({
      profile,
      format: 'tgz',
      tempRoot,
      sourceOs: 'linux',
      signal: controller.signal,
      onProgress: (e) => {
        if (e.phase === 'archiving' && e.bytesDone > 1024 * 1024) controller.abort()
      }
    })
    await expect(pending).rejects.toThrow()
    expect(await readdir(tempRoot)).toEqual([])
  })

  // A large file is streamed in chunks; a small one is read whole, in one read when it is unchanged.
  it.each([
    ['large', 'grows', 40 * 1024 * 1024, (file: string) => appendFileSync(file, 'more')],
    ['large', 'shrinks', 40 * 1024 * 1024, (file: string) => truncateSync(file, 1000)],
    ['large', 'vanishes', 40 * 1024 * 1024, (file: string) => rmSync(file)],
    ['small', 'grows', 4096, (file: string) => appendFileSync(file, 'm')],
    ['small', 'shrinks', 4096, (file: string) => truncateSync(file, 4095)],
    ['small', 'vanishes', 4096, (file: string) => rmSync(file)]
  ])(
    'fails cleanly, saying the browser seems to be running, when a %s file %s between the walk and its reading',
    async (_kind, _change, size, change) => {
      const profile = await chromeWork()
      const big = join(profile.profileDir, 'IndexedDB/https_app.example_0.indexeddb.leveldb/zz-big.log')
      await writeFile(big, randomBytes(size))
      let changed = false
      const pending = createProfileArchive({
        profile,
        format: 'zip',
        tempRoot,
        sourceOs: 'linux',
        onProgress: (e) => {
          // The first event comes right after the walk measured every file.
          if (!changed && e.phase === 'preparing') {
            changed = true
            change(big)
          }
        }
      })
      await expect(pending).rejects.toMatchObject({
        code: 'browser_running',
        message: expect.stringContaining('changed while it was being packed, so the browser seems to be running'),
        action: 'Quit Google Chrome completely — also from the tray — then click Retry.'
      })
      expect(await readdir(tempRoot)).toEqual([])
    }
  )

  it('stops packing as soon as the archive outgrows the limit, and leaves nothing behind', async () => {
    const profile = await chromeWork()
    await writeFile(join(profile.profileDir, 'noise.bin'), randomBytes(30 * 1024 * 1024))
    let lastEvent = 0
    const pending = createProfileArchive({
      profile,
      format: 'tgz',
      tempRoot,
      sourceOs: 'linux',
      limit: { bytes: 4 * 1024 * 1024, exceeded: () => new PorterError({ code: 'too_large', message: 'Too large.' }) },
      onProgress: (e) => (lastEvent = e.bytesDone)
    })
    await expect(pending).rejects.toMatchObject({ code: 'too_large' })
    expect(lastEvent).toBeLessThan(12 * 1024 * 1024)
    expect(await readdir(tempRoot)).toEqual([])
  })

  it('archives a Firefox profile’s contents at the root', async () => {
    await firefoxTree(join(home, '.mozilla/firefox'), [
      {
        name: 'default-release',
        path: 'ab.default-release',
        files: {
          'cookies.sqlite': randomBytes(300),
          'cache2/entries/x': randomBytes(100),
          'logins.json': '{}',
          'key4.db': 'k',
          'storage/default/https+++a.example/ls/data.sqlite': 'ls'
        }
      }
    ])
    const [profile] = await detectProfiles({ platform: 'linux', home, env: {}, hostname: 'h', isAlive: () => false })
    const archive = await createProfileArchive({ profile: profile as DetectedProfile, format: 'tgz', tempRoot, sourceOs: 'linux' })
    const out = join(root, 'out')
    await extractArchive(archive.file, out)
    expect(Object.keys(await listFiles(out)).sort()).toEqual(
      ['compatibility.ini', 'cookies.sqlite', 'porter-manifest.json', 'prefs.js', 'storage/default/https+++a.example/ls/data.sqlite'].sort()
    )
    await archive.dispose()
  })

  it('sweeps work folders left by a crashed process, and only those', async () => {
    await mkdir(join(tempRoot, 'porter-work-999999-abcdef'))
    await mkdir(join(tempRoot, `porter-work-${process.pid}-abcdef`))
    await mkdir(join(tempRoot, 'someone-else'))
    expect(await sweepWorkDirs(tempRoot, (pid) => pid === process.pid)).toEqual(['porter-work-999999-abcdef'])
    expect((await readdir(tempRoot)).sort()).toEqual([`porter-work-${process.pid}-abcdef`, 'someone-else'])
  })
})
