import { randomBytes } from 'node:crypto'
import { mkdtemp, mkdir, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Connection } from '../../../shared/domain/connection'
import type { Receipt } from '../../../shared/domain/receipt'
import type { TransferJob, TransferProgress } from '../../../shared/domain/transfer'
import type { IpcResult } from '../../../shared/ipc/result'
import { startReferenceCloud, type ReferenceCloud } from '../../../server/reference-cloud'
import { chromiumTree } from '../../../test/fixtures/browser-trees'
import { startFaultProxy, type FaultProxy } from '../../../test/support/fault-proxy'
import { createHcompanyService } from '../clouds/hcompany/hcompany-service'
import { createWebrunService } from '../clouds/webrun/webrun-service'
import { servicesIn } from '../../../test/support/services-in'
import { directNetwork } from '../../../test/support/direct-network'
import { createPorterApi } from './create-porter-api'
import { dispatch } from './dispatch'
import type { PorterServices } from './porter-services'

let root: string
let cloud: ReferenceCloud
let proxy: FaultProxy
let services: PorterServices
let onEvent: (name: string, payload: unknown) => void

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-connections-'))
  await mkdir(join(root, 'tmp'))
  await chromiumTree(join(root, 'home/.config/google-chrome'), {
    lastVersion: '131.0.1.2',
    profiles: [{ folder: 'Default', name: 'Work', files: { 'Local Storage/leveldb/000003.log': randomBytes(2 * 1024 * 1024) } }]
  })
  cloud = await startReferenceCloud({ webrunRateLimit: 0, webrunKeys: ['enig_local_dev', 'enig_other_account'] })
  proxy = await startFaultProxy(cloud.url)
  services = servicesIn(root)
  onEvent = () => undefined
})
afterEach(async () => {
  await proxy.close()
  await cloud.close()
  await rm(root, { recursive: true, force: true })
})

async function call<T>(channel: string, input?: unknown): Promise<T> {
  const api = createPorterApi(services)
  const result = (await dispatch(
    api,
    channel,
    input,
    { emit: (name, payload) => onEvent(name, payload) },
    { error: () => undefined }
  )) as IpcResult<T>
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
  return result.value
}

const add = (kind: 'hcompany' | 'webrun', name: string, apiKey: string) =>
  call<Connection>('connections:add', { kind, name, baseUrl: proxy.url, apiKey })
const importInto = (connectionId: string) =>
  call<TransferJob>('transfers:startImport', { connectionId, ref: 'chrome:Default', name: 'Work', choice: { mode: 'everything' } })
const settled = (job: TransferJob) => services.transfers.whenSettled(job.id)

describe('a connection removed while its transfer runs', () => {
  it('ends the transfer in plain words, removes what it made with the key it still had, and never uses that key again', async () => {
    const h = await add('hcompany', 'H Company', 'hk-local-dev')
    proxy.faults.push({ method: 'POST', path: /^\/s3\//, action: { kind: 'throttle', bytesPerSecond: 256 * 1024 } })
    let removing: Promise<unknown> | undefined
    onEvent = (name, payload) => {
      if (name === 'transfers:progress' && (payload as TransferProgress).phase === 'uploading')
        removing ??= call('connections:remove', { id: h.id })
    }
    const job = await settled(await importInto(h.id))
    await removing
    expect(job).toMatchObject({
      status: 'failed',
      error: {
        message: 'The connection “H Company” was removed, so this transfer stopped.',
        action: 'To send it anyway, add the connection again and start the transfer again.'
      }
    })
    const h2 = createHcompanyService({ baseUrl: cloud.url, apiKey: 'hk-local-dev', network: directNetwork() })
    expect(await h2.list()).toEqual([])
    expect(await readdir(join(root, 'tmp'))).toEqual([])

    const seen = proxy.seen.length
    await expect(call('transfers:retry', { jobId: job.id })).rejects.toMatchObject({
      message: 'The connection this transfer used was removed, so this transfer stopped.'
    })
    expect(proxy.seen.length).toBe(seen)
  })
})

describe('a key fixed in the connection’s settings', () => {
  it('is the key Retry uses', async () => {
    const webrun = await add('webrun', 'WebRun', 'enig_not_the_key')
    const refused = await settled(await importInto(webrun.id))
    expect(refused).toMatchObject({ status: 'failed', error: { code: 'unauthorized' } })
    await call('connections:update', { id: webrun.id, apiKey: 'enig_local_dev' })
    await call('transfers:retry', { jobId: refused.id })
    expect(await settled(refused)).toMatchObject({ status: 'done', attempt: 2 })
  })
})

describe('a profile’s link to its connection', () => {
  it('survives removing the connection and adding it again: receipts and the update find it', async () => {
    const first = await add('webrun', 'WebRun', 'enig_local_dev')
    const imported = await settled(await importInto(first.id))
    expect(imported.status).toBe('done')
    const profileId = imported.profileId
    expect(await call<Receipt[]>('receipts:list', { connectionId: first.id, profileId })).toHaveLength(1)

    await call('connections:remove', { id: first.id })
    const again = await add('webrun', 'WebRun again', 'enig_local_dev')
    expect(again.id).not.toBe(first.id)
    const [receipt] = await call<Receipt[]>('receipts:list', { connectionId: again.id, profileId })
    expect(receipt?.profile.id).toBe(profileId)
    // The link is the account, never the key.
    expect(JSON.stringify(receipt)).not.toContain('enig_local_dev')
    expect(await call('refresh:preview', { connectionId: again.id, profileId })).toMatchObject({ keepsId: true })
    const refreshed = await settled(await call<TransferJob>('transfers:startRefresh', { connectionId: again.id, profileId }))
    expect(refreshed).toMatchObject({ status: 'done', profileId })
    expect(await call<Receipt[]>('receipts:list', { connectionId: again.id, profileId })).toHaveLength(2)

    // Another account at the same service sees none of them.
    const other = await add('webrun', 'Someone else', 'enig_other_account')
    await createWebrunService({ baseUrl: proxy.url, apiKey: 'enig_other_account', network: directNetwork() }).createEmpty({
      name: 'Theirs'
    })
    expect(await call<Receipt[]>('receipts:list', { connectionId: other.id })).toEqual([])
    expect(await call('refresh:preview', { connectionId: other.id, profileId })).toBeNull()
  })
})
