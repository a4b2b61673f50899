import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { shortSleep } from '../../test/support/short-sleep'
import type { TransferJob } from '../../shared/domain/transfer'
import { startReferenceCloud, type ReferenceCloud } from '../../server/reference-cloud'
import { chromiumTree } from '../../test/fixtures/browser-trees'
import { makeArchive } from '../../test/support/archives'
import { directNetwork } from '../../test/support/direct-network'
import { startFaultProxy, type FaultProxy } from '../../test/support/fault-proxy'
import { detectProfiles } from './browsers/detect'
import { createHcompanyService } from './clouds/hcompany/hcompany-service'
import { createLocalLibrary } from './clouds/local/local-library'
import type { ProfileService } from './clouds/profile-service'
import { createWebrunService } from './clouds/webrun/webrun-service'
import { downloadJob } from './transfers/download-job'
import { importJob } from './transfers/import-job'
import { Journal } from './transfers/journal'
import { TransferRunner } from './transfers/transfer-runner'

let root: string
let home: string
let tempRoot: string
let cloud: ReferenceCloud
let proxy: FaultProxy

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-faults-'))
  home = join(root, 'home')
  tempRoot = join(root, 'tmp')
  await mkdir(tempRoot)
  await chromiumTree(join(home, '.config/google-chrome'), {
    lastVersion: '142.0.7444.59',
    profiles: [{ folder: 'Default', name: 'Work', files: { 'Local Storage/leveldb/000003.log': randomBytes(3 * 1024 * 1024) } }]
  })
  cloud = await startReferenceCloud({ webrunRateLimit: 0 })
  proxy = await startFaultProxy(cloud.url)
})
afterEach(async () => {
  await proxy.close()
  await cloud.close()
  await rm(root, { recursive: true, force: true })
})

const quick = shortSleep
const hcompany = () => createHcompanyService({ baseUrl: proxy.url, apiKey: 'hk-local-dev', network: directNetwork() })
const webrun = () =>
  createWebrunService({ baseUrl: proxy.url, apiKey: 'enig_local_dev', network: directNetwork(), sleep: quick, pollStartMs: 5 })

async function importWith(service: ProfileService, journal?: Journal): Promise<TransferJob> {
  const runner = new TransferRunner({ sleep: quick, retryBaseMs: 5 })
  const spec = importJob(
    { connectionId: 'c1', ref: 'chrome:Default', name: 'Work', choice: { mode: 'everything' } },
    {
      service,
      serviceLabel: 'Test',
      ...(journal ? { journal } : {}),
      detect: () => detectProfiles({ platform: 'linux', home, env: {}, hostname: 'h', isAlive: () => false }),
      tempRoot,
      sourceOs: 'linux'
    }
  )
  return runner.whenSettled(runner.start(spec, () => undefined).id)
}

describe('retries after lost answers make nothing twice', () => {
  it('H Company: the answer to complete-upload is lost; the retry finds the profile, no second one', async () => {
    proxy.faults.push({ path: /complete-upload$/, action: { kind: 'drop-response', afterFraction: 0 } })
    const journal = new Journal(join(root, 'journal'))
    const job = await importWith(hcompany(), journal)
    expect(job).toMatchObject({ status: 'done', attempt: 1 })
    const listed = await hcompany().list()
    expect(listed.map((profile) => profile.id)).toEqual([job.profileId])
    expect(proxy.seen.filter((request) => request.path.endsWith('/complete-upload'))).toHaveLength(1)
    expect(await readdir(join(root, 'journal'))).toEqual([])
  })

  it('WebRun: the answer to create is lost; the retry adopts that profile, no empty one left', async () => {
    proxy.faults.push({ method: 'POST', path: /^\/profiles$/, action: { kind: 'drop-response', afterFraction: 0 } })
    const job = await importWith(webrun())
    expect(job.status).toBe('done')
    expect((await webrun().list()).map((profile) => `${profile.id} ${profile.status}`)).toEqual([`${job.profileId} ready`])
  })

  it('a job that gives up leaves no profile made for it', async () => {
    proxy.faults.push({ path: /\/upload$/, times: 10, action: { kind: 'status', status: 503, body: '{"success":false,"error":"busy"}' } })
    const job = await importWith(webrun())
    expect(job).toMatchObject({ status: 'failed', error: { code: 'service' } })
    expect(await webrun().list()).toEqual([])
  })
})

describe('a refusal is the answer', () => {
  it('storage refuses early: the refusal in plain words, not "connection lost", no retry, the archive closed', async () => {
    const small = await startReferenceCloud({ limits: { hcompanyArchiveBytes: 64 * 1024 } })
    try {
      const service = createHcompanyService({ baseUrl: small.url, apiKey: 'hk-local-dev', network: directNetwork() })
      const archive = await makeArchive(root, 'zip', 8 * 1024 * 1024)
      await expect(service.importArchive(archive, { name: 'Too big', browserFamily: 'chromium' })).rejects.toMatchObject({
        code: 'too_large',
        message: expect.stringContaining('at most 64 KB')
      })
      await new Promise((resolve) => setTimeout(resolve, 50))
      const open = await Promise.all((await readdir('/proc/self/fd')).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')))
      expect(open).not.toContain(archive.file)
      const job = await importWith(createHcompanyService({ baseUrl: small.url, apiKey: 'hk-local-dev', network: directNetwork() }))
      expect(job).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'too_large' } })
      expect(job.retryingAfter).toBeUndefined()
    } finally {
      await small.close()
    }
  })

  it('a refused key is found before anything is packed, in one cheap call', async () => {
    const job = await importWith(
      createWebrunService({ baseUrl: proxy.url, apiKey: 'enig_not_the_key', network: directNetwork(), sleep: quick, pollStartMs: 5 })
    )
    expect(job).toMatchObject({
      status: 'failed',
      phase: 'preparing',
      error: { code: 'unauthorized', message: expect.stringContaining('WebRun refused the API key.') }
    })
    expect(proxy.seen.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /profiles'])
    expect((await readdir(tempRoot)).filter((name) => name.startsWith('porter-'))).toEqual([])
  })

  it('WebRun asks to wait 15 minutes: the job ends at once, saying until when', async () => {
    proxy.faults.push({
      path: /\/upload$/,
      action: { kind: 'status', status: 429, headers: { 'retry-after': '900' }, body: '{"success":false,"error":"Too many requests"}' }
    })
    const started = Date.now()
    const job = await importWith(webrun())
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(job).toMatchObject({
      status: 'failed',
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(/It asks to wait until \d\d:\d\d( [AP]M)?\.$/),
        action: 'Retry then: nothing was lost.'
      }
    })
    expect(await webrun().list()).toEqual([])
  })
})

describe('what a cancel says it left', () => {
  it('a cancel whose undo cannot reach the service says what is still there, never "nothing was left behind"', async () => {
    proxy.faults.push({ path: /\/upload$/, action: { kind: 'throttle', bytesPerSecond: 128 * 1024 } })
    proxy.faults.push({ method: 'DELETE', path: /^\/profiles\//, action: { kind: 'status', status: 503 }, times: 10 })
    const journal = new Journal(join(root, 'journal'))
    const runner = new TransferRunner({ sleep: quick, retryBaseMs: 5 })
    const spec = importJob(
      { connectionId: 'c1', ref: 'chrome:Default', name: 'Work', choice: { mode: 'everything' } },
      {
        service: webrun(),
        serviceLabel: 'WebRun',
        journal,
        detect: () => detectProfiles({ platform: 'linux', home, env: {}, hostname: 'h', isAlive: () => false }),
        tempRoot,
        sourceOs: 'linux'
      }
    )
    const started = runner.start(spec, (event, payload) => {
      if (event === 'transfers:updated' && (payload as TransferJob).phase === 'uploading') runner.cancel(started.id)
    })
    const job = await runner.whenSettled(started.id)
    expect(job).toMatchObject({
      status: 'cancelled',
      leftBehind:
        'The half-made profile at WebRun could not be removed yet (WebRun did not answer): Retry carries on with it, and otherwise Profile Porter removes it at its next start.'
    })
    // The journal keeps it for the next start, which removes it for good.
    expect(await readdir(join(root, 'journal'))).toHaveLength(1)
  })
})

describe('writing to a disk that says no', () => {
  let mountPoint: string
  let full: string

  beforeAll(async () => {
    mountPoint = await mkdtemp(join(tmpdir(), 'porter-full-'))
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { stdio: 'ignore' })
      full = mountPoint
    } catch {
      // No tmpfs here: a part file that points at /dev/full fails the same way (ENOSPC).
      full = ''
    }
  })
  afterAll(async () => {
    if (full !== '') execFileSync('umount', [full])
    await rm(mountPoint, { recursive: true, force: true })
  })

  async function download(target: string) {
    const library = createLocalLibrary({ dataDir: join(root, 'data'), now: () => new Date() })
    const profile = await library.importArchive(await makeArchive(root, 'tgz', 4 * 1024 * 1024), { name: 'Big', browserFamily: 'chromium' })
    const runner = new TransferRunner({ sleep: quick, retryBaseMs: 5 })
    const spec = downloadJob({ connectionId: 'local', profileId: profile.id, profileName: 'Big', targetFile: target }, { service: library })
    return runner.whenSettled(runner.start(spec, () => undefined).id)
  }

  it('a full disk ends the download with the numbers, removes the part, and the process lives on', async () => {
    const target = full === '' ? join(root, 'full.tar.gz') : join(full, 'profile.tar.gz')
    if (full === '') await symlink('/dev/full', `${target}.part`)
    const job = await download(target)
    expect(job).toMatchObject({
      status: 'failed',
      error: {
        message: expect.stringMatching(/^The disk is full: .+: 4\.\d MB needed, \d+(\.\d)? (KB|bytes|MB) free\.$/),
        action: expect.stringContaining('Free up some space')
      }
    })
    expect(await readdir(full === '' ? root : full)).not.toContain('profile.tar.gz.part')
  })

  it('a full disk under a download from a service says the disk is full — not a lost connection — and leaves nothing', async () => {
    if (full === '') return
    // The profile is bigger than the whole disk the app's work folder is on.
    const service = webrun()
    const imported = await importWith(service)
    expect(imported.status).toBe('done')
    const journal = new Journal(join(full, 'journal'))
    const runner = new TransferRunner({ sleep: quick, retryBaseMs: 5 })
    const spec = downloadJob(
      { connectionId: 'c1', profileId: imported.profileId ?? '', profileName: 'Work', targetFile: join(root, 'saved.tar.gz') },
      { service, journal }
    )
    const job = await runner.whenSettled(runner.start(spec, () => undefined).id)
    expect(job).toMatchObject({
      status: 'failed',
      error: { message: expect.stringMatching(/^The disk is full: .*work \(on .*\): \d(\.\d)? MB needed, \d+(\.\d)? (KB|bytes) free\.$/) }
    })
    expect(job.error?.message).not.toMatch(/connection/i)
    expect(await readdir(join(full, 'work'))).toEqual([])
    expect(await readdir(join(full, 'journal'))).toEqual([])
  })

  it('a journal entry that cannot be written on a full disk leaves no temporary file', async () => {
    if (full === '') return
    // A journal of its own on the shared small disk: no other test here sees its entries.
    const journal = new Journal(join(full, 'journal-no-room'))
    await journal.write({ jobId: 'fits', pid: 1, connectionId: 'c1', startedAt: '' })
    // Fill what is left, then ask for an entry larger than any room there is.
    await writeFile(join(full, 'filler'), randomBytes(2 * 1024 * 1024)).catch(() => undefined)
    await expect(journal.write({ jobId: 'no-room', pid: 1, connectionId: 'c1', startedAt: 'x'.repeat(100) })).rejects.toMatchObject({
      code: 'ENOSPC'
    })
    expect((await readdir(join(full, 'journal-no-room'))).filter((name) => name.endsWith('.tmp'))).toEqual([])
    await rm(join(full, 'filler'), { force: true })
    await rm(join(full, 'journal-no-room'), { recursive: true, force: true })
  })

  it.each([
    ['a missing folder', (dir: string) => join(dir, 'missing', 'x.tar.gz'), /^The folder .*missing does not exist\.$/],
    ['a file where the folder should be', (dir: string) => join(dir, 'a-file', 'x.tar.gz'), /a-file is not a folder\.$/]
  ])('%s ends the download in plain words, nothing left behind', async (_case, where, message) => {
    await writeFile(join(root, 'a-file'), 'not a folder')
    const job = await download(where(root))
    expect(job).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(message) } })
  })
})

describe('what stays on this computer', () => {
  it('is owner-only: the data folder and everything in it', async () => {
    const dataDir = join(root, 'data')
    const library = createLocalLibrary({ dataDir, now: () => new Date() })
    await library.importArchive(await makeArchive(root, 'tgz'), { name: 'Mine', browserFamily: 'chromium' })
    await new Journal(join(dataDir, 'journal')).write({ jobId: 'j', pid: 1, connectionId: 'local', startedAt: '' })
    const modes: string[] = []
    for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name)
      modes.push(`${entry.isDirectory() ? 'dir' : 'file'} ${((await stat(path)).mode & 0o777).toString(8)}`)
    }
    expect(new Set(modes)).toEqual(new Set(['dir 700', 'file 600']))
  })
})
