import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { isMainThread } from 'node:worker_threads'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import { PorterError, isCancellation } from '../../../shared/errors'
import { chromiumTree } from '../../../test/fixtures/browser-trees'
import { writeCookiesDb } from '../../../test/fixtures/cookies-db'
import { detectProfiles } from '../browsers/detect'
import { plainFileError } from '../fs/plain-file-error'
import { encryptCbc, hostHash, linuxKey } from '../portability/chromium-crypto'
import { portabilityStep } from '../portability/make-portable'
import { createProfileArchive, type ArchiveProgressEvent } from './create-archive'
import { extractArchive } from './extract/extract-archive'
import { MANIFEST_NAME } from './manifest'
import { packInWorker, surveyInWorker } from './pack-in-worker'

let root: string
let tempRoot: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-pack-thread-'))
  tempRoot = join(root, 'tmp')
  await mkdir(tempRoot)
})
afterEach(() => rm(root, { recursive: true, force: true }))

/** A Chromium profile whose one sign-in cookie is locked with the desktop keyring's password (v11). */
async function profileWithKeyringCookie(extra: Record<string, string | Buffer> = {}): Promise<DetectedProfile> {
  const home = join(root, 'home')
  await chromiumTree(join(home, '.config/google-chrome'), {
    profiles: [
      {
        folder: 'Default',
        name: 'Work',
        files: { 'Local Storage/leveldb/000003.log': randomBytes(3000), 'Extension State/000001.ldb': 'x'.repeat(90_000), ...extra }
      }
    ]
  })
  const plain = Buffer.concat([hostHash('.app.example.com'), Buffer.from('session-value')])
  await writeCookiesDb(join(home, '.config/google-chrome/Default/Cookies'), [
    { host: '.app.example.com', name: 'sid', encrypted: encryptCbc(linuxKey('keyring-secret'), plain, 'v11') }
  ])
  const profiles = await detectProfiles({ platform: 'linux', home, env: {}, hostname: 'h', isAlive: () => false })
  const profile = profiles.find((candidate) => candidate.ref === 'chrome:Default')
  if (profile === undefined) throw new Error('fixture not detected')
  return profile
}

async function contents(archive: string): Promise<Record<string, string>> {
  const out = join(await mkdtemp(join(root, 'out-')), 'x')
  await extractArchive(archive, out)
  const files: Record<string, string> = {}
  for (const entry of await readdir(out, { recursive: true, withFileTypes: true })) {
    const path = relative(out, join(entry.parentPath, entry.name))
    if (entry.isFile() && path !== MANIFEST_NAME)
      files[path] = createHash('sha256')
        .update(await readFile(join(out, path)))
        .digest('hex')
  }
  return files
}

const workFolders = async () => (await readdir(tempRoot)).filter((name) => name.startsWith('porter-work-'))

describe('packing on a thread of its own', () => {
  it('makes the archive this thread would, asking this thread for the keyring password', async () => {
    const profile = await profileWithKeyringCookie()
    const askedFrom: boolean[] = []
    const makePortable = portabilityStep({
      sourceOs: 'linux',
      sources: {
        keyringPasswords: async () => {
          askedFrom.push(isMainThread)
          return ['keyring-secret']
        }
      }
    })
    const events: ArchiveProgressEvent[] = []
    const options = { profile, format: 'zip' as const, tempRoot, sourceOs: 'linux' as const, makePortable }
    const threaded = await packInWorker({ ...options, onProgress: (event) => events.push(event) })
    const here = await createProfileArchive(options)
    // Cookie values are re-encrypted with a fresh IV each time, so the databases are compared by what they say.
    expect(threaded.manifest.portability).toMatchObject({ total: 1, moved: 1 })
    expect(threaded.manifest.portability).toEqual(here.manifest.portability)
    const [a, b] = [await contents(threaded.file), await contents(here.file)]
    delete a['Default/Cookies']
    delete b['Default/Cookies']
    expect(a).toEqual(b)
    expect(askedFrom).toEqual([true, true])
    expect(events.at(-1)).toMatchObject({ phase: 'archiving' })
    expect(events.at(-1)?.bytesDone).toBe(events.at(-1)?.bytesTotal)
    await threaded.dispose()
    await here.dispose()
    expect(await workFolders()).toEqual([])
  })

  /** Packs on the thread and cancels at the first progress event `when` picks: what the promise ends with. */
  async function cancelledAt(profile: DetectedProfile, format: 'zip' | 'tgz', when: (event: ArchiveProgressEvent) => boolean) {
    const controller = new AbortController()
    const packing = packInWorker({
      profile,
      format,
      tempRoot,
      sourceOs: 'linux',
      signal: controller.signal,
      onProgress: (event) => {
        if (when(event)) controller.abort()
      }
    })
    return packing.catch((caught: unknown) => caught)
  }

  it('cancelled while packing, ends as a cancel with its work folder gone', async () => {
    const profile = await profileWithKeyringCookie({ 'IndexedDB/https_app.example_0.indexeddb.leveldb/000005.ldb': randomBytes(8 << 20) })
    expect(isCancellation(await cancelledAt(profile, 'tgz', (event) => event.phase === 'archiving'))).toBe(true)
    expect(await workFolders()).toEqual([])
  })

  it('a cancel that lands as the finished archive comes back still cancels, and keeps nothing', async () => {
    // The last event: every byte read, the thread about to say it is done.
    const last = (event: ArchiveProgressEvent) => event.phase === 'archiving' && event.bytesDone === event.bytesTotal
    expect(isCancellation(await cancelledAt(await profileWithKeyringCookie(), 'zip', last))).toBe(true)
    expect(await workFolders()).toEqual([])
  })

  it('stops at the service’s cap with the caller’s own error; a system error keeps its code and path, to be said plainly', async () => {
    const profile = await profileWithKeyringCookie({ 'IndexedDB/https_app.example_0.indexeddb.leveldb/000005.ldb': randomBytes(2 << 20) })
    const tooLarge = new PorterError({ code: 'too_large', message: 'Over the cap.' })
    const capped = packInWorker({
      profile,
      format: 'zip',
      tempRoot,
      sourceOs: 'linux',
      limit: { bytes: 1 << 20, exceeded: () => tooLarge }
    })
    await expect(capped).rejects.toBe(tooLarge)
    expect(await workFolders()).toEqual([])

    const missing = join(root, 'no-such-folder')
    const refused = await packInWorker({ profile, format: 'zip', tempRoot: missing, sourceOs: 'linux' }).catch((caught: unknown) => caught)
    expect(refused).toMatchObject({ code: 'ENOENT', path: expect.stringContaining(missing) })
    expect(plainFileError(refused)?.message).toContain(missing)
  })
})

describe('the thread kept for the next job', () => {
  const threads = async () => (await readdir('/proc/self/task')).length
  /** The count once threads other tests ended have finished exiting. */
  const steadyThreads = async () => {
    for (let last = -1, now = await threads(); ; last = now, now = await threads()) {
      if (now === last) return now
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
  }

  it.runIf(process.platform === 'linux')(
    'is not kept after pre-flight looked at over 20,000 files: the packing starts on a fresh heap',
    async () => {
      const small = await profileWithKeyringCookie()
      await surveyInWorker({ profile: small, format: 'zip' })
      const kept = await steadyThreads()
      const bigHome = join(root, 'big-home')
      await chromiumTree(join(bigHome, '.config/google-chrome'), { profiles: [{ folder: 'Default' }] })
      const store = join(bigHome, '.config/google-chrome/Default/IndexedDB/https_app.example_0.indexeddb.leveldb')
      await mkdir(store, { recursive: true })
      for (let start = 0; start < 20_001; start += 1000)
        await Promise.all(
          Array.from({ length: Math.min(1000, 20_001 - start) }, (_, index) => writeFile(join(store, `${start + index}.ldb`), 'x'))
        )
      const [big] = (await detectProfiles({ platform: 'linux', home: bigHome, env: {}, hostname: 'h', isAlive: () => false })) as [
        DetectedProfile
      ]
      expect((await surveyInWorker({ profile: big, format: 'zip' })).files).toBeGreaterThan(20_000)
      // Fewer, not exactly one fewer: a thread another test ended may finish exiting meanwhile.
      const after = await steadyThreads()
      expect(after).toBeLessThan(kept)
      // The next job starts a thread, which a small profile's survey then keeps.
      await surveyInWorker({ profile: small, format: 'zip' })
      expect(await steadyThreads()).toBe(after + 1)
    }
  )
})
