import { randomBytes } from 'node:crypto'
import { mkdtemp, mkdir, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TransferProgress } from '../../../shared/domain/transfer'
import { chromiumTree } from '../../../test/fixtures/browser-trees'
import { directNetwork } from '../../../test/support/direct-network'
import { startFaultProxy, type FaultProxy } from '../../../test/support/fault-proxy'
import { shortSleep } from '../../../test/support/short-sleep'
import { startTwinProcess, type TwinProcess } from '../../../test/support/twin-process'
import { detectProfiles } from '../browsers/detect'
import { createHcompanyService } from '../clouds/hcompany/hcompany-service'
import type { ProfileService } from '../clouds/profile-service'
import { createWebrunService } from '../clouds/webrun/webrun-service'
import { importJob } from './import-job'
import { Journal } from './journal'
import { TransferRunner } from './transfer-runner'

let root: string
let twin: TwinProcess
let proxy: FaultProxy

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-outage-'))
  await mkdir(join(root, 'tmp'))
  await chromiumTree(join(root, 'home/.config/google-chrome'), {
    lastVersion: '131.0.6778.86',
    profiles: [{ folder: 'Default', name: 'Work', files: { 'Local Storage/leveldb/000003.log': randomBytes(3 * 1024 * 1024) } }]
  })
  twin = await startTwinProcess()
  proxy = await startFaultProxy(twin.url)
})
afterEach(async () => {
  await proxy.close()
  await twin.close()
  await rm(root, { recursive: true, force: true })
})

const services: Record<string, { make(): ProfileService; upload: RegExp }> = {
  webrun: {
    make: () =>
      createWebrunService({ baseUrl: proxy.url, apiKey: 'enig_local_dev', network: directNetwork(), sleep: shortSleep, pollStartMs: 5 }),
    upload: /\/upload$/
  },
  hcompany: {
    make: () => createHcompanyService({ baseUrl: proxy.url, apiKey: 'hk-local-dev', network: directNetwork() }),
    upload: /^\/s3\//
  }
}

describe.each(Object.keys(services))('%s stops mid-upload', (kind) => {
  it('fails plainly once it gives up, and Retry carries on with the same remote profile: one afterwards, ready', async () => {
    const { make, upload } = services[kind]!
    const service = make()
    // Slow enough that the twin is stopped while the upload is on the wire.
    proxy.faults.push({ method: 'POST', path: upload, action: { kind: 'throttle', bytesPerSecond: 512 * 1024 } })
    const runner = new TransferRunner({ sleep: shortSleep, retryBaseMs: 1 })
    const journal = new Journal(join(root, 'journal'))
    let stopped: Promise<void> | undefined
    const job = runner.start(
      importJob(
        { connectionId: 'c1', ref: 'chrome:Default', name: 'Work', choice: { mode: 'everything' } },
        {
          service,
          journal,
          serviceLabel: kind,
          detect: () => detectProfiles({ platform: 'linux', home: join(root, 'home'), env: {}, hostname: 'h', isAlive: () => false }),
          tempRoot: join(root, 'tmp'),
          sourceOs: 'linux'
        }
      ),
      (name, payload) => {
        const progress = payload as TransferProgress
        if (name === 'transfers:progress' && progress.phase === 'uploading' && progress.bytesDone > 0) stopped ??= twin.stop()
      }
    )
    const failed = await runner.whenSettled(job.id)
    await stopped
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'network', message: expect.stringContaining('was lost') } })
    // Given up means given up: nothing claims it is still trying on its own.
    expect(`${failed.error?.message} ${failed.error?.action}`).not.toMatch(/on its own|Waiting to retry/)
    expect(failed.retryingAfter).toBeUndefined()
    // What it made and could not remove is written down for the next start.
    expect(await readdir(join(root, 'journal'))).toHaveLength(1)

    await twin.start()
    runner.retry(job.id, () => undefined)
    const done = await runner.whenSettled(job.id)
    expect(done).toMatchObject({ status: 'done', attempt: 2 })
    const profiles = await service.list()
    expect(profiles.map((profile) => [profile.id, profile.status])).toEqual([[done.profileId, 'ready']])
    expect(await readdir(join(root, 'journal'))).toEqual([])
    expect(await readdir(join(root, 'tmp'))).toEqual([])
  })
})
