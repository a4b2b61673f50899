import { mkdtemp, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Profile } from '../../../shared/domain/profile'
import type { Receipt } from '../../../shared/domain/receipt'
import type { RefreshPreview } from '../../../shared/domain/refresh'
import type { TransferJob } from '../../../shared/domain/transfer'
import type { IpcResult } from '../../../shared/ipc/result'
import { startReferenceCloud, type ReferenceCloud } from '../../../server/reference-cloud'
import { chromiumTree } from '../../../test/fixtures/browser-trees'
import { chromeTime, writeCookiesDb } from '../../../test/fixtures/cookies-db'
import { startFaultProxy, type FaultProxy } from '../../../test/support/fault-proxy'
import { createPorterApi } from '../api/create-porter-api'
import { dispatch } from '../api/dispatch'
import type { PorterServices } from '../api/porter-services'
import { extractArchive } from '../archive/extract/extract-archive'
import { servicesIn } from '../../../test/support/services-in'

let root: string
let cloud: ReferenceCloud
let proxy: FaultProxy
let services: PorterServices
const cookiesDb = () => join(root, 'home/.config/google-chrome/Default/Network/Cookies')

/** The person's cookies, as the browser leaves them; `crm` is the CRM's session value. */
async function browserHas(crm: string, when: Date, extra: Array<{ host: string; name: string; value: string }> = []): Promise<void> {
  const time = chromeTime(when)
  await writeCookiesDb(cookiesDb(), [
    { host: '.crm-alpha.com', name: 'session_id', value: crm, expiresUtc: chromeTime(new Date(Date.now() + 30 * 86_400_000)) },
    { host: '.mail-beta.com', name: 'auth', value: 'mail-cookie-secret' },
    ...extra
  ])
  // The CRM's cookie was set at `when`: the database's own clock for "newer sign-in".
  const { editDatabase, saveDatabase } = await import('../sqlite/open-database')
  const database = await editDatabase(cookiesDb())
  database.run("UPDATE cookies SET creation_utc = ?, last_update_utc = ? WHERE host_key = '.crm-alpha.com'", [time, time])
  await saveDatabase(database, cookiesDb())
  database.close()
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-refresh-'))
  await mkdir(join(root, 'tmp'))
  await chromiumTree(join(root, 'home/.config/google-chrome'), {
    lastVersion: '142.0.1.2',
    profiles: [{ folder: 'Default', name: 'Work' }]
  })
  await browserHas('crm-cookie-secret-1', new Date('2026-11-20T10:00:00Z'))
  cloud = await startReferenceCloud({ webrunRateLimit: 0 })
  proxy = await startFaultProxy(cloud.url)
  services = servicesIn(root)
})
afterEach(async () => {
  await proxy.close()
  await cloud.close()
  await rm(root, { recursive: true, force: true })
})

async function call<T>(channel: string, input?: unknown): Promise<T> {
  const result = (await dispatch(
    createPorterApi(services),
    channel,
    input,
    { emit: () => undefined },
    { error: () => undefined }
  )) as IpcResult<T>
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
  return result.value
}

const settled = (job: TransferJob) => services.transfers.whenSettled(job.id)

async function connect(kind: 'local' | 'webrun' | 'hcompany'): Promise<string> {
  if (kind === 'local') return 'local'
  const apiKey = kind === 'webrun' ? 'enig_local_dev' : 'hk-local-dev'
  return (await call<{ id: string }>('connections:add', { kind, name: kind, baseUrl: proxy.url, apiKey })).id
}

async function importCrm(connectionId: string): Promise<TransferJob> {
  const job = await settled(
    await call<TransferJob>('transfers:startImport', {
      connectionId,
      ref: 'chrome:Default',
      name: 'CRM',
      description: 'For the agent',
      choice: { mode: 'sites', sites: ['crm-alpha.com'] }
    })
  )
  expect(job).toMatchObject({ status: 'done', receiptId: expect.any(String) })
  return job
}

/** The cookie values inside a profile as the service holds it (H Company has no download: read from its storage). */
async function cookiesAtService(connectionId: string, profileId: string): Promise<string> {
  const service = await services.connections.serviceFor(connectionId)
  let file = join(root, `${profileId}.archive`)
  if (service.capabilities.canDownload) await service.download(profileId, file)
  else {
    const stored = (await readdir(join(cloud.dataDir, 'objects'), { recursive: true })).find(
      (path) => path.includes(profileId) && path.endsWith('.zip')
    )
    file = join(cloud.dataDir, 'objects', stored ?? 'missing')
  }
  const out = join(root, `${profileId}-out`)
  await extractArchive(file, out)
  return (await readFile(join(out, 'Default', 'Network', 'Cookies'))).toString('latin1')
}

describe.each(['local', 'webrun', 'hcompany'] as const)('refresh on %s', (kind) => {
  it('shows what changed, re-sends the same sites, and keeps a receipt of each upload with no cookie value in it', async () => {
    const connectionId = await connect(kind)
    const imported = await importCrm(connectionId)
    if (kind === 'hcompany') await call('profiles:setDefault', { connectionId, id: imported.profileId, isDefault: true })

    // Later: a fresh CRM sign-in, and a new site the person never chose.
    await browserHas('crm-cookie-secret-2', new Date('2026-11-24T07:00:00Z'), [
      { host: '.news-delta.com', name: 'sid', value: 'news-cookie-secret' }
    ])
    const preview = await call<RefreshPreview>('refresh:preview', { connectionId, profileId: imported.profileId })
    expect(preview).toMatchObject({
      mode: 'sites',
      newer: ['crm-alpha.com'],
      added: [],
      gone: [],
      keepsId: kind !== 'hcompany',
      source: { found: true }
    })

    const refreshed = await settled(await call<TransferJob>('transfers:startRefresh', { connectionId, profileId: imported.profileId }))
    expect(refreshed).toMatchObject({ status: 'done', kind: 'refresh' })
    const { profiles } = await call<{ profiles: Profile[] }>('profiles:list', { connectionId })
    if (kind === 'hcompany') {
      // No update call: a new profile took the old one's place, name, description and default flag.
      expect(refreshed.replacedProfileId).toBe(imported.profileId)
      expect(refreshed.profileId).not.toBe(imported.profileId)
      expect(refreshed.notes?.[0]).toContain(`its id is ${refreshed.profileId} (it was ${imported.profileId})`)
      expect(profiles).toEqual([
        expect.objectContaining({ id: refreshed.profileId, name: 'CRM', description: 'For the agent', isDefault: true })
      ])
    } else {
      expect(refreshed.profileId).toBe(imported.profileId)
      expect(profiles).toEqual([expect.objectContaining({ id: imported.profileId, name: 'CRM', status: 'ready' })])
    }
    const sent = await cookiesAtService(connectionId, refreshed.profileId ?? '')
    expect(sent).toContain('crm-cookie-secret-2')
    expect(sent).not.toContain('news-cookie-secret')
    expect(sent).not.toContain('mail-cookie-secret')

    const receipts = await call<Receipt[]>('receipts:list', { connectionId })
    expect(receipts.map((receipt) => receipt.kind)).toEqual(['refresh', 'import'])
    expect(receipts[0]).toMatchObject({
      profile: { id: refreshed.profileId, name: 'CRM' },
      source: { ref: 'chrome:Default', browser: 'Google Chrome', profile: 'Work' },
      choice: { mode: 'sites', sites: ['crm-alpha.com'] },
      sites: [{ site: 'crm-alpha.com', cookies: 1 }],
      archive: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }
    })
    const dir = join(root, 'data', 'receipts')
    for (const name of await readdir(dir)) {
      expect((await stat(join(dir, name))).mode & 0o777).toBe(0o600)
      const text = await readFile(join(dir, name), 'utf8')
      for (const value of [
        'crm-cookie-secret-1',
        'crm-cookie-secret-2',
        'mail-cookie-secret',
        'news-cookie-secret',
        'hk-local-dev',
        'enig_local_dev'
      ])
        expect(text).not.toContain(value)
    }
    // The export an IT department asks for: every receipt, as one JSON document.
    const exported = await call<string>('receipts:export', { connectionId })
    expect((JSON.parse(await readFile(exported, 'utf8')) as { receipts: Receipt[] }).receipts).toHaveLength(2)
  }, 60_000)
})

describe('refresh when something goes wrong', () => {
  it('H Company: moving the default fails after the new profile is made — the new one goes, the old one stays as it was', async () => {
    const connectionId = await connect('hcompany')
    const imported = await importCrm(connectionId)
    await call('profiles:setDefault', { connectionId, id: imported.profileId, isDefault: true })
    proxy.faults.push({ method: 'PUT', path: /\/default$/, times: 10, action: { kind: 'status', status: 500, body: '{"detail":"boom"}' } })
    const refreshed = await settled(await call<TransferJob>('transfers:startRefresh', { connectionId, profileId: imported.profileId }))
    expect(refreshed.status).toBe('failed')
    const { profiles } = await call<{ profiles: Profile[] }>('profiles:list', { connectionId })
    expect(profiles).toEqual([expect.objectContaining({ id: imported.profileId, isDefault: true, status: 'ready' })])
    expect(await call<Receipt[]>('receipts:list', { connectionId })).toHaveLength(1)
  }, 60_000)

  it('H Company: the old profile cannot be deleted — the update stands, and says so', async () => {
    const connectionId = await connect('hcompany')
    const imported = await importCrm(connectionId)
    proxy.faults.push({
      method: 'DELETE',
      path: new RegExp(`${imported.profileId}$`),
      times: 10,
      action: { kind: 'status', status: 500, body: '{"detail":"boom"}' }
    })
    const refreshed = await settled(await call<TransferJob>('transfers:startRefresh', { connectionId, profileId: imported.profileId }))
    expect(refreshed).toMatchObject({ status: 'done', replacedProfileId: imported.profileId })
    expect(refreshed.notes?.[1]).toContain(`The old profile (${imported.profileId}) could not be deleted`)
    const { profiles } = await call<{ profiles: Profile[] }>('profiles:list', { connectionId })
    expect(profiles.map((profile) => profile.id).sort()).toEqual([imported.profileId, refreshed.profileId].sort())
  }, 60_000)

  it('WebRun: the upload is refused — the profile keeps what it had', async () => {
    const connectionId = await connect('webrun')
    const imported = await importCrm(connectionId)
    const before = (await call<{ profiles: Profile[] }>('profiles:list', { connectionId })).profiles[0]
    await browserHas('crm-cookie-secret-2', new Date())
    proxy.faults.push({ method: 'POST', path: /\/upload$/, times: 10, action: { kind: 'status', status: 500, body: '{"error":"boom"}' } })
    const refreshed = await settled(await call<TransferJob>('transfers:startRefresh', { connectionId, profileId: imported.profileId }))
    expect(refreshed.status).toBe('failed')
    expect((await call<{ profiles: Profile[] }>('profiles:list', { connectionId })).profiles).toEqual([
      expect.objectContaining({ id: imported.profileId, status: 'ready', sizeBytes: before?.sizeBytes })
    ])
    expect(await cookiesAtService(connectionId, imported.profileId ?? '')).toContain('crm-cookie-secret-1')
  }, 60_000)

  it('WebRun: a full account (20 profiles) can still be updated in place', async () => {
    const connectionId = await connect('webrun')
    const imported = await importCrm(connectionId)
    for (let i = 0; i < 19; i++) await call('profiles:createEmpty', { connectionId, name: `p${i}` })
    const refreshed = await settled(await call<TransferJob>('transfers:startRefresh', { connectionId, profileId: imported.profileId }))
    expect(refreshed).toMatchObject({ status: 'done', profileId: imported.profileId })
  }, 60_000)

  it('a profile not imported from this computer cannot be updated from here, and says why', async () => {
    const created = await call<Profile>('profiles:createEmpty', { connectionId: 'local', name: 'Made elsewhere' })
    expect(await call('refresh:preview', { connectionId: 'local', profileId: created.id })).toBeNull()
    await expect(call('transfers:startRefresh', { connectionId: 'local', profileId: created.id })).rejects.toMatchObject({
      code: 'not_found',
      message: 'This profile was not imported from this computer, so it cannot be updated from here.'
    })
  })
})
