import { randomBytes } from 'node:crypto'
import { mkdtemp, mkdir, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { IpcResult } from '../../../shared/ipc/result'
import type { TransferJob } from '../../../shared/domain/transfer'
import { startReferenceCloud, type ReferenceCloud } from '../../../server/reference-cloud'
import { chromiumTree } from '../../../test/fixtures/browser-trees'
import { extractArchive } from '../archive/extract/extract-archive'
import { servicesIn } from '../../../test/support/services-in'
import { createPorterApi } from './create-porter-api'
import type { PorterServices } from './porter-services'
import { dispatch } from './dispatch'

let root: string
let cloud: ReferenceCloud
let services: PorterServices
const events: Array<[string, unknown]> = []
const context = { emit: (name: string, payload: unknown) => void events.push([name, payload]) }

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-api-'))
  await mkdir(join(root, 'tmp'))
  await chromiumTree(join(root, 'home/.config/google-chrome'), {
    lastVersion: '131.0.1.2',
    profiles: [{ folder: 'Default', name: 'Work', files: { 'IndexedDB/x.ldb': randomBytes(50_000) } }]
  })
  cloud = await startReferenceCloud({ webrunRateLimit: 0 })
  services = servicesIn(root)
  events.length = 0
})
afterEach(async () => {
  await cloud.close()
  await rm(root, { recursive: true, force: true })
})

async function call<T>(channel: string, input?: unknown): Promise<T> {
  const result = (await dispatch(createPorterApi(services), channel, input, context, { error: () => undefined })) as IpcResult<T>
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
  return result.value
}

describe('the contract, served by createPorterApi', () => {
  it('refuses a connection to a plain-http address elsewhere, in plain words', async () => {
    await expect(
      call('connections:add', { kind: 'hcompany', name: 'H', baseUrl: 'http://example.com', apiKey: 'hk-0123456789' })
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('The address must start with https://.')
    })
  })

  it('imports a detected profile to WebRun, lists it, downloads it, and deletes it', async () => {
    const connection = await call<{ id: string }>('connections:add', {
      kind: 'webrun',
      name: 'WebRun',
      baseUrl: cloud.url,
      apiKey: 'enig_local_dev'
    })
    const detected = await call<Array<{ ref: string }>>('browsers:detect')
    expect(detected.map((p) => p.ref)).toEqual(['chrome:Default'])
    const report = await call<{ findings: Array<{ id: string }>; size: { uploadBytes: number } }>('browsers:preflight', {
      connectionId: connection.id,
      ref: 'chrome:Default'
    })
    expect(report.size.uploadBytes).toBeGreaterThan(50_000)

    const job = await call<TransferJob>('transfers:startImport', {
      connectionId: connection.id,
      ref: 'chrome:Default',
      name: '  Chrome — Work  ',
      choice: { mode: 'everything' }
    })
    const done = await services.transfers.whenSettled(job.id)
    expect(done).toMatchObject({ status: 'done', kind: 'import' })
    expect(events.some(([name]) => name === 'transfers:progress')).toBe(true)

    const { profiles, capabilities } = await call<{
      profiles: Array<{ id: string; name: string }>
      capabilities: { canDownload: boolean }
    }>('profiles:list', { connectionId: connection.id })
    expect(capabilities.canDownload).toBe(true)
    expect(profiles).toEqual([expect.objectContaining({ id: done.profileId, name: 'Chrome — Work', status: 'ready' })])

    const download = await call<TransferJob>('transfers:startDownload', { connectionId: connection.id, profileId: done.profileId })
    const saved = await services.transfers.whenSettled(download.id)
    expect(saved).toMatchObject({ status: 'done', targetFile: join(root, 'downloads', 'Chrome — Work.tar.gz') })
    await extractArchive(saved.targetFile ?? '', join(root, 'extracted'))
    expect((await readdir(join(root, 'extracted'))).sort()).toEqual(['Default', 'Last Version', 'Local State', 'porter-manifest.json'])

    const deleted = await call<{ deleted: string[]; failed: unknown[] }>('profiles:delete', {
      connectionId: connection.id,
      ids: [done.profileId]
    })
    expect(deleted).toEqual({ deleted: [done.profileId], missing: [], failed: [] })
    expect((await call<{ profiles: unknown[] }>('profiles:list', { connectionId: connection.id })).profiles).toEqual([])
  })

  it('will not open the folder of a transfer that saved no file', async () => {
    const job = await call<TransferJob>('transfers:startImport', {
      connectionId: 'local',
      ref: 'chrome:Default',
      name: 'Work',
      choice: { mode: 'everything' }
    })
    await services.transfers.whenSettled(job.id)
    await expect(call('transfers:showInFolder', { jobId: job.id })).rejects.toMatchObject({
      message: 'There is no saved file for this transfer.'
    })
  })
})
