import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startReferenceCloud, type ReferenceCloud } from '../../../../server/reference-cloud'
import { makeArchive } from '../../../../test/support/archives'
import { startFaultProxy, type FaultProxy } from '../../../../test/support/fault-proxy'
import { createHcompanyService } from './hcompany-service'
import { directNetwork } from '../../../../test/support/direct-network'

let cloud: ReferenceCloud
let proxy: FaultProxy
let work: string
const KEY = 'hk-client-test'
const details = {
  name: 'Work',
  description: 'CRM login',
  labels: { team: 'qa' },
  browserFamily: 'chromium' as const,
  browserVersion: '131.0.6778.86'
}

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'porter-hc-'))
  cloud = await startReferenceCloud({ agpKeys: [KEY], limits: { hcompanyArchiveBytes: 512 * 1024 } })
  proxy = await startFaultProxy(cloud.url)
})
afterEach(async () => {
  await proxy.close()
  await cloud.close()
  await rm(work, { recursive: true, force: true })
})

const service = (apiKey = KEY, url = proxy.url) => createHcompanyService({ baseUrl: url, apiKey, network: directNetwork() })

describe('H Company client', () => {
  it('imports through initiate → presigned POST → complete, verified, with every field', async () => {
    const archive = await makeArchive(work, 'zip')
    const phases: string[] = []
    let lastProgress = 0
    const profile = await service().importArchive(archive, details, {
      onPhase: (p) => phases.push(p),
      onProgress: (done) => (lastProgress = done)
    })
    expect(profile).toMatchObject({
      name: 'Work',
      description: 'CRM login',
      browser: 'chromium',
      browserVersion: '131',
      status: 'ready',
      sizeBytes: archive.sizeBytes,
      checksum: archive.sha256,
      usageCount: 0,
      labels: { team: 'qa' },
      isDefault: false
    })
    expect(profile).not.toHaveProperty('lastUsedAt')
    expect(phases).toEqual(['uploading', 'finalizing', 'verifying'])
    expect(lastProgress).toBe(archive.sizeBytes)

    const upload = proxy.seen.find((r) => r.method === 'POST' && r.path.startsWith('/s3/'))
    expect(upload?.headers['transfer-encoding']).toBeUndefined()
    expect(Number(upload?.headers['content-length'])).toBeGreaterThan(archive.sizeBytes)
    expect(await service().list()).toEqual([profile])
  })

  it('walks every page of the list', async () => {
    const archive = await makeArchive(work, 'zip', 100)
    const direct = service(KEY, cloud.url)
    for (let i = 0; i < 103; i++) await direct.importArchive(archive, { ...details, name: `p${i}` })
    const all = await direct.list()
    expect(all).toHaveLength(103)
    expect(new Set(all.map((p) => p.name)).size).toBe(103)
  }, 60_000)

  it('says plainly when the key is refused', async () => {
    await expect(service('hk-wrong').list()).rejects.toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('H Company refused the API key')
    })
  })

  it('renews an expired upload link once and succeeds', async () => {
    proxy.faults.push({
      method: 'POST',
      path: /^\/s3\//,
      action: {
        kind: 'status',
        status: 403,
        headers: { 'content-type': 'application/xml' },
        body: '<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message></Error>'
      }
    })
    const profile = await service().importArchive(await makeArchive(work, 'zip'), details)
    expect(profile.status).toBe('ready')
    expect(proxy.seen.filter((r) => r.path.endsWith('/initiate-upload'))).toHaveLength(2)
  })

  it('reports storage refusals in plain words', async () => {
    const tooBig = await makeArchive(work, 'zip', 600 * 1024)
    await expect(service().importArchive(tooBig, details)).rejects.toMatchObject({
      code: 'too_large',
      message: expect.stringContaining('larger than H Company’s storage accepts (at most 512 KB)')
    })
  })

  it('treats a checksum that does not match as a failed import and removes the copy', async () => {
    proxy.faults.push({
      path: /complete-upload$/,
      action: { kind: 'rewrite-json', rewrite: (json) => ({ ...(json as object), checksum: '0'.repeat(64) }) }
    })
    await expect(service().importArchive(await makeArchive(work, 'zip'), details)).rejects.toMatchObject({
      message: expect.stringContaining('checksum or size does not match')
    })
    expect(await service().list()).toEqual([])
  })

  it('shows the service’s validation message', async () => {
    await expect(service().importArchive(await makeArchive(work, 'zip'), { ...details, name: '   ' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('name')
    })
  })

  it('gets, sets and unsets the default, and deletes', async () => {
    const h = service()
    const first = await h.importArchive(await makeArchive(work, 'zip'), details)
    expect(await h.getDefault('chromium')).toBeUndefined()
    expect((await h.setDefault(first.id)).isDefault).toBe(true)
    expect((await h.get(first.id)).isDefault).toBe(true)
    expect((await h.getDefault('chromium'))?.id).toBe(first.id)
    expect((await h.unsetDefault(first.id)).isDefault).toBe(false)
    await h.delete(first.id)
    await expect(h.get(first.id)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('says what it cannot do', async () => {
    expect(service().capabilities).toMatchObject({ canDownload: false, canCreateEmpty: false, hasDefaults: true, archiveFormat: 'zip' })
    await expect(service().download('x', join(work, 'x'))).rejects.toMatchObject({
      message: 'H Company does not offer downloads of profiles.'
    })
  })
})
