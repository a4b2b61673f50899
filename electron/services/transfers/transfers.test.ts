import { randomBytes } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { mkdtemp, mkdir, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { shortSleep } from '../../../test/support/short-sleep'
import type { TransferJob, TransferPhase, TransferProgress } from '../../../shared/domain/transfer'
import { startReferenceCloud, type ReferenceCloud } from '../../../server/reference-cloud'
import { chromiumTree } from '../../../test/fixtures/browser-trees'
import { startFaultProxy, type FaultProxy } from '../../../test/support/fault-proxy'
import { detectProfiles } from '../browsers/detect'
import { createHcompanyService } from '../clouds/hcompany/hcompany-service'
import { createLocalLibrary } from '../clouds/local/local-library'
import type { ProfileService } from '../clouds/profile-service'
import { createWebrunService } from '../clouds/webrun/webrun-service'
import { downloadJob } from './download-job'
import { importJob } from './import-job'
import { TransferRunner } from './transfer-runner'
import { directNetwork } from '../../../test/support/direct-network'

let root: string
let home: string
let tempRoot: string
let cloud: ReferenceCloud
let proxy: FaultProxy

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-transfers-'))
  home = join(root, 'home')
  tempRoot = join(root, 'tmp')
  await mkdir(tempRoot)
  await chromiumTree(join(home, '.config/google-chrome'), {
    lastVersion: '131.0.6778.86',
    profiles: [
      {
        folder: 'Default',
        name: 'Work',
        // Several upload chunks (1 MiB each), so progress is seen part-way, with a speed and a time left.
        files: { 'Local Storage/leveldb/000003.log': randomBytes(6 * 1024 * 1024), 'Cache/data': randomBytes(1000) }
      }
    ]
  })
  cloud = await startReferenceCloud({ webrunRateLimit: 0 })
  proxy = await startFaultProxy(cloud.url)
})
afterEach(async () => {
  await proxy.close()
  await cloud.close()
  await rm(root, { recursive: true, force: true })
})

const fastSleep = shortSleep

const services: Record<string, () => ProfileService> = {
  hcompany: () => createHcompanyService({ baseUrl: proxy.url, apiKey: 'hk-local-dev', network: directNetwork() }),
  webrun: () =>
    createWebrunService({ baseUrl: proxy.url, apiKey: 'enig_local_dev', network: directNetwork(), sleep: fastSleep, pollStartMs: 5 }),
  local: () => createLocalLibrary({ dataDir: join(root, 'data'), now: () => new Date() })
}

function runImport(
  service: ProfileService,
  onEvent: (name: string, payload: unknown, runner: TransferRunner, job: () => TransferJob) => void = () => undefined
) {
  // A clock that moves on at every reading: speed and time left come out the same however loaded the machine is.
  let clock = Date.parse('2026-11-23T10:00:00Z')
  const runner = new TransferRunner({ sleep: fastSleep, retryBaseMs: 5, now: () => (clock += 60) })
  const events: Array<[string, unknown]> = []
  const spec = importJob(
    { connectionId: 'c1', ref: 'chrome:Default', name: 'Work', labels: { team: 'qa' }, choice: { mode: 'everything' } },
    {
      service,
      serviceLabel: 'Test',
      detect: () => detectProfiles({ platform: 'linux', home, env: {}, hostname: 'h', isAlive: () => false }),
      tempRoot,
      sourceOs: 'linux'
    }
  )
  const started: TransferJob = runner.start(spec, (name, payload) => {
    events.push([name, payload])
    onEvent(name, payload, runner, () => started)
  })
  return { runner, events, settled: runner.whenSettled(started.id) }
}

describe.each(Object.keys(services))('import into %s', (kind) => {
  it('runs every phase with byte progress, speed and ETA, and leaves no temp files', async () => {
    const service = services[kind]!()
    const { events, settled } = runImport(service)
    const job = await settled
    expect(job).toMatchObject({ status: 'done', profileId: expect.any(String) })
    const phases = [...new Set(events.filter(([name]) => name === 'transfers:updated').map(([, job]) => (job as TransferJob).phase))]
    expect(phases.slice(0, 3)).toEqual(['preparing', 'archiving', 'uploading'])
    const progress = events.filter(([name]) => name === 'transfers:progress').map(([, p]) => p as TransferProgress)
    expect(progress.some((p) => p.phase === 'uploading' && p.bytesTotal !== undefined && p.bytesDone === p.bytesTotal)).toBe(true)
    // Speed and time left, worked out from the bytes over the runner's clock (each reading 60 ms on).
    const timed = progress.filter((p) => p.bytesPerSecond !== undefined && p.bytesPerSecond > 0 && p.etaSeconds !== undefined)
    expect(timed.length).toBeGreaterThan(0)
    for (const p of timed) expect(p.etaSeconds).toBeCloseTo(((p.bytesTotal ?? 0) - p.bytesDone) / (p.bytesPerSecond ?? 1), 6)
    expect(timed.some((p) => (p.etaSeconds ?? 0) > 0)).toBe(true)
    expect(await readdir(tempRoot)).toEqual([])
    const [profile] = await service.list()
    expect(profile).toMatchObject({ id: job.profileId, name: 'Work', status: 'ready' })
  })
})

describe('cancel', () => {
  it.each(['preparing', 'archiving', 'uploading', 'finalizing', 'verifying'] as TransferPhase[])(
    'in %s leaves nothing behind, here or at H Company',
    async (phase) => {
      proxy.faults.push({ path: /complete-upload$/, action: { kind: 'delay', ms: 200 } })
      const service = services['hcompany']!()
      const { settled } = runImport(service, (name, payload, runner, job) => {
        if (name === 'transfers:updated' && (payload as TransferJob).phase === phase) runner.cancel(job().id)
      })
      expect((await settled).status).toBe('cancelled')
      expect(await readdir(tempRoot)).toEqual([])
      expect(await service.list()).toEqual([])
    }
  )

  it('in uploading leaves no empty profile at WebRun', async () => {
    const service = services['webrun']!()
    const { settled } = runImport(service, (name, payload, runner, job) => {
      if (name === 'transfers:progress' && (payload as TransferProgress).phase === 'uploading') runner.cancel(job().id)
    })
    expect((await settled).status).toBe('cancelled')
    expect(await service.list()).toEqual([])
  })

  it('in downloading removes the partial file', async () => {
    const service = services['webrun']!()
    const imported = await runImport(service).settled
    // A slow download, so it is cancelled with part of it on disk.
    proxy.faults.push({ method: 'GET', path: /^\/webrun-storage\//, action: { kind: 'throttle', bytesPerSecond: 256 * 1024 } })
    const runner = new TransferRunner({ sleep: fastSleep })
    const target = join(root, 'saved.tar.gz')
    let partWhenCancelled = 0
    let id = ''
    id = runner.start(
      downloadJob({ connectionId: 'c1', profileId: imported.profileId ?? '', profileName: 'Work', targetFile: target }, { service }),
      (name, payload) => {
        if (name !== 'transfers:progress' || partWhenCancelled > 0 || (payload as TransferProgress).bytesDone === 0) return
        // Cancelled only once bytes are on disk: the part this test says is removed must have existed.
        partWhenCancelled = existsSync(`${target}.part`) ? statSync(`${target}.part`).size : 0
        if (partWhenCancelled > 0) runner.cancel(id)
      }
    ).id
    expect((await runner.whenSettled(id)).status).toBe('cancelled')
    expect(partWhenCancelled).toBeGreaterThan(0)
    expect(await readdir(root)).not.toContain('saved.tar.gz.part')
    expect(await readdir(root)).not.toContain('saved.tar.gz')
  })
})

describe('retry', () => {
  it.each([0.1, 0.5, 0.9])(
    'completes after the connection drops at %s of the upload, with one profile and no temp files',
    async (fraction) => {
      proxy.faults.push({ method: 'POST', path: /^\/s3\//, action: { kind: 'drop-request', afterFraction: fraction } })
      const service = services['hcompany']!()
      const { events, settled } = runImport(service)
      expect((await settled).status).toBe('done')
      expect(events.some(([name, job]) => name === 'transfers:updated' && (job as TransferJob).retryingAfter?.includes('connection'))).toBe(
        true
      )
      expect(await service.list()).toHaveLength(1)
      expect(await readdir(tempRoot)).toEqual([])
    }
  )

  it('retries a 500 and a 429 with Retry-After', async () => {
    proxy.faults.push({ path: /complete-upload$/, action: { kind: 'status', status: 500, body: '{"detail":"boom"}' } })
    proxy.faults.push({
      path: /initiate-upload$/,
      action: { kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: '{"message":"slow down"}' }
    })
    const service = services['hcompany']!()
    expect((await runImport(service).settled).status).toBe('done')
    expect(await service.list()).toHaveLength(1)
  })

  it('fails at once, in plain words, when the key is refused: before packing, nothing started at the service', async () => {
    const service = createHcompanyService({ baseUrl: proxy.url, apiKey: 'hk-wrong', network: directNetwork() })
    const job = await runImport(service).settled
    expect(job).toMatchObject({
      status: 'failed',
      attempt: 1,
      error: {
        code: 'unauthorized',
        phase: 'preparing',
        message: expect.stringContaining('refused the API key'),
        action: expect.any(String)
      }
    })
    expect(proxy.seen.filter((r) => r.path.endsWith('initiate-upload'))).toHaveLength(0)
    expect(await readdir(tempRoot)).toEqual([])
  })

  // The account list, as the import's check asks for it (the first page).
  const accountList = /\/api\/v2\/browser-profiles\?limit=/

  it('packs while the account is asked: an answer 3 s late holds up no packing', async () => {
    proxy.faults.push({ method: 'GET', path: accountList, action: { kind: 'delay', ms: 3000 } })
    const service = services['hcompany']!()
    const start = Date.now()
    let archivingAfter: number | undefined
    const { settled } = runImport(service, (name, payload) => {
      if (name === 'transfers:updated' && (payload as TransferJob).phase === 'archiving') archivingAfter ??= Date.now() - start
    })
    expect((await settled).status).toBe('done')
    expect(archivingAfter).toBeLessThan(3000)
    expect(await service.list()).toHaveLength(1)
  })

  it('a key refused once packing is under way stops it, says so while preparing, and leaves nothing here or there', async () => {
    proxy.faults.push({ method: 'GET', path: accountList, action: { kind: 'delay', ms: 1500 } })
    const service = createHcompanyService({ baseUrl: proxy.url, apiKey: 'hk-wrong', network: directNetwork() })
    let packing = false
    const job = await runImport(service, (name, payload) => {
      if (name === 'transfers:updated' && (payload as TransferJob).phase === 'archiving') packing = true
    }).settled
    expect(packing).toBe(true)
    expect(job).toMatchObject({
      status: 'failed',
      error: { code: 'unauthorized', phase: 'preparing', message: expect.stringContaining('refused the API key') }
    })
    expect(proxy.seen.filter((r) => r.path.endsWith('initiate-upload'))).toHaveLength(0)
    expect(await readdir(tempRoot)).toEqual([])
  })

  it('never runs two jobs for the same profile at once, and a failed job can be retried', async () => {
    const service = createHcompanyService({ baseUrl: proxy.url, apiKey: 'hk-wrong', network: directNetwork() })
    const { runner, settled } = runImport(service, (name, payload, inner) => {
      if (name === 'transfers:updated' && (payload as TransferJob).status === 'running' && (payload as TransferJob).attempt === 1) {
        expect(() =>
          inner.start(
            { kind: 'import', title: 'x', connectionId: 'c1', key: 'import:c1:chrome:Default', run: async () => ({}) },
            () => undefined
          )
        ).toThrow(/already being transferred/)
      }
    })
    const failed = await settled
    const again = runner.retry(failed.id, () => undefined)
    expect(again).toMatchObject({ id: failed.id, attempt: 2, status: 'running' })
    expect((await runner.whenSettled(failed.id)).status).toBe('failed')
  })
})
